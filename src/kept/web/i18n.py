"""A small message catalogue: English, and Norwegian (bokmål) chosen by ``Accept-Language``.

Messages are keyed by their English text (as gettext does): :func:`translator` gives the
function templates call as ``t("Make a request")``; a text missing from a catalogue shows in
English. Only the privacy center is translated; the staff console is English.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["LANGUAGES", "pick_language", "translator"]

NB: dict[str, str] = {
    "Privacy": "Personvern",
    "Privacy notice": "Personvernerklæring",
    "Privacy center": "Personvernsenter",
    "Make a request": "Send en forespørsel",
    "Your preferences": "Dine valg",
    "Skip to the content": "Hopp til innholdet",
    "Who we are": "Hvem vi er",
    "What we collect and why": "Hva vi samler inn, og hvorfor",
    "Legal basis": "Rettslig grunnlag",
    "What we use": "Hva vi bruker",
    "How long we keep it": "Hvor lenge vi lagrer det",
    "Who receives it": "Hvem som mottar det",
    "Your rights": "Dine rettigheter",
    "Contact": "Kontakt",
    "Data protection officer": "Personvernombud",
    "Representative": "Representant",
    "Supervisory authority": "Tilsynsmyndighet",
    "Countries": "Land",
    "Transfer safeguard": "Overføringsgrunnlag",
    "Sold": "Selges",
    "Shared for advertising": "Deles for reklame",
    "Version": "Versjon",
    "Effective": "Gjelder fra",
    "Not stated": "Ikke oppgitt",
    "consent": "samtykke",
    "contract": "avtale",
    "legal obligation": "rettslig forpliktelse",
    "vital interests": "vitale interesser",
    "public interest": "allmennhetens interesse",
    "legitimate interests": "berettiget interesse",
    "Our interest": "Vår interesse",
    "Right of access": "Rett til innsyn",
    "Right to data portability": "Rett til dataportabilitet",
    "Right to rectification": "Rett til retting",
    "Right to erasure": "Rett til sletting",
    "Right to restriction of processing": "Rett til begrensning av behandlingen",
    "Right to object": "Rett til å protestere",
    "Right to withdraw consent": "Rett til å trekke tilbake samtykke",
    "Right to opt out of marketing": "Rett til å reservere deg mot markedsføring",
    "Right to opt out of the sale or sharing of your data": (
        "Rett til å reservere deg mot salg eller deling av dataene dine"
    ),
    "Right to opt out of sharing within our group": (
        "Rett til å reservere deg mot deling i konsernet"
    ),
    "Rights about automated decisions": "Rettigheter ved automatiserte avgjørelser",
    "Right to complain to a supervisory authority": "Rett til å klage til tilsynsmyndigheten",
    "What do you want to ask for?": "Hva vil du be om?",
    "A copy of your data": "En kopi av dataene dine",
    "Your data in a machine-readable file": "Dataene dine i en maskinlesbar fil",
    "Delete your data": "Slett dataene dine",
    "Correct your data": "Rett dataene dine",
    "Stop using your data for some purposes": "Begrens bruken av dataene dine",
    "Object to a use of your data": "Protester mot en bruk av dataene dine",
    "Your e-mail address": "E-postadressen din",
    "We send a code to this address, and search for your data by it.": (
        "Vi sender en kode til denne adressen, og søker etter dataene dine med den."
    ),
    "Send the request": "Send forespørselen",
    "Enter the code": "Skriv inn koden",
    "We sent a six-digit code to your e-mail address.": (
        "Vi har sendt en sekssifret kode til e-postadressen din."
    ),
    "Code": "Kode",
    "Confirm": "Bekreft",
    "Send a new code": "Send en ny kode",
    "Your request": "Forespørselen din",
    "Request": "Forespørsel",
    "Kind": "Type",
    "State": "Status",
    "Received": "Mottatt",
    "Due by": "Frist",
    "days left": "dager igjen",
    "Reason": "Begrunnelse",
    "Deadline extended": "Fristen er forlenget",
    "Download your data": "Last ned dataene dine",
    "Download (ZIP)": "Last ned (ZIP)",
    (
        "The link works for a day. The file holds a readable page (summary.html) and the "
        "same data as JSON and CSV."
    ): (
        "Lenken virker i ett døgn. Filen inneholder en lesbar side (summary.html) og de samme "
        "dataene som JSON og CSV."
    ),
    "The export is no longer available; make a new request.": (
        "Eksporten er ikke lenger tilgjengelig; send en ny forespørsel."
    ),
    "received": "mottatt",
    "identity_verified": "identitet bekreftet",
    "approved": "godkjent",
    "denied": "avslått",
    "running": "under arbeid",
    "completed": "fullført",
    "failed": "feilet, vi prøver igjen",
    "access": "innsyn",
    "portability": "dataportabilitet",
    "erasure": "sletting",
    "rectification": "retting",
    "restriction": "begrensning",
    "objection": "protest",
    "Refresh": "Oppdater",
    "Choose what we may do": "Velg hva vi kan gjøre",
    "Allowed": "Tillatt",
    "Save my choices": "Lagre valgene mine",
    "Your choices are saved.": "Valgene dine er lagret.",
    "Opt out": "Reserver meg",
    "Sign in with your e-mail address to see and change your choices.": (
        "Logg inn med e-postadressen din for å se og endre valgene dine."
    ),
    "Send me a code": "Send meg en kode",
    "Unsubscribe": "Avslutt abonnement",
    "Stop receiving": "Slutt å motta",
    "You are unsubscribed.": "Du er avmeldt.",
    "You will no longer receive": "Du vil ikke lenger motta",
    "Something went wrong": "Noe gikk galt",
    "Back": "Tilbake",
    "Fields to correct (one per line: DATASET.COLLECTION.FIELD=new value)": (
        "Felt som skal rettes (ett per linje: DATASETT.SAMLING.FELT=ny verdi)"
    ),
    "Purposes": "Formål",
    "Only if you ask to correct your data": "Bare hvis du ber om retting",
    "Only if you ask us to stop or object: which uses?": (
        "Bare hvis du ber oss stanse eller protesterer: hvilke bruksområder?"
    ),
    "Why (optional for direct marketing)": "Hvorfor (valgfritt for direkte markedsføring)",
    "Language": "Språk",
    "Sign out": "Logg ut",
    "Other ways to use your rights": "Andre måter å bruke rettighetene dine på",
    "Change them on the preferences page": "Endre dem på siden for dine valg",
    "Marketing e-mail": "Markedsførings-e-post",
    "Personal data": "Personopplysninger",
    "People": "Personer",
    "Processor": "Databehandler",
    "Sub-processor": "Underdatabehandler",
    "Independent controller": "Selvstendig behandlingsansvarlig",
    "Joint controller": "Felles behandlingsansvarlig",
    "Group company": "Konsernselskap",
    "Third party": "Tredjepart",
    "Public authority": "Offentlig myndighet",
}

LANGUAGES: dict[str, dict[str, str]] = {"en": {}, "nb": NB}
_ALIASES = {"nb": "nb", "no": "nb", "nn": "nb", "en": "en"}


def pick_language(accept_language: str | None, override: str | None = None) -> str:
    """``en`` or ``nb``: the override when known, else the first known language by quality."""
    if override in LANGUAGES:
        return override
    best, best_q = "en", -1.0
    for index, part in enumerate((accept_language or "")[:500].split(",")):
        tag, _, params = part.strip().partition(";")
        code = _ALIASES.get(tag.strip().lower().split("-")[0])
        if code is None:
            continue
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        quality -= index / 1000  # earlier wins on a tie
        if quality > best_q:
            best, best_q = code, quality
    return best


def translator(language: str) -> Callable[[str], str]:
    catalogue = LANGUAGES.get(language, {})

    def t(text: str) -> str:
        return catalogue.get(text, text)

    return t
