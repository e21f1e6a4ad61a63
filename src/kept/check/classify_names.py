"""The words of column names and comments that say which personal data a column holds.

A name is split into lower-case words (``contactFirstName`` → contact, first, name;
``EMAILADDRESS`` → emailaddress). A rule matches when one of its *words* is a word of the name,
when one of its *phrases* (words joined, ``first_name`` → ``firstname``) occurs in the joined
words, or when one of its *stems* starts a word. Rules are in English, German, Norwegian and
French; the first rule that matches wins, so finer rules come first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "PERSON_TABLES",
    "NameHit",
    "is_person_table",
    "is_reference_name",
    "match_name",
    "match_words",
    "words_of",
]


@dataclass(frozen=True)
class _Rule:
    category: str
    words: frozenset[str]
    phrases: tuple[str, ...] = ()
    person_table_only: bool = False


def _r(category: str, words: str, phrases: str = "", person: bool = False) -> _Rule:
    return _Rule(category, frozenset(words.split()), tuple(phrases.split()), person)


_RULES: tuple[_Rule, ...] = (
    # credentials before e-mail and phone (email_confirmation_token is a token)
    _r(
        "user.authorization.password",
        "password passwd pwd passwort passord passordhash motdepasse mdp passphrase",
        "password passwort passord motdepasse passwordhash passworddigest cryptedpassword",
    ),
    _r(
        "user.authorization.credentials",
        "token secret apikey otp totp salt privatekey sessiontoken jwt",
        "apikey accesstoken refreshtoken authtoken secretkey privatekey otpsecret "
        "resetpasswordtoken confirmationtoken remembertoken unlocktoken clientsecret",
    ),
    _r(
        "user.contact.email",
        "email emails mail epost courriel mél emailaddress mailaddress",
        "email epostadresse emailadresse emailaddress courriel adressemail",
    ),
    _r("user.contact.fax_number", "fax telefax faxnumber", "faxnumber faxnummer telefax"),
    _r(
        "user.contact.phone_number",
        "phone phones tel tlf telephone telefon telefone téléphone mobile mob mobil handy "
        "cell cellphone msisdn portable phonenumber phoneno mobilnummer telefonnummer "
        "extension ext",
        "phone telefon telephon mobilnummer mobilephone cellphone",
    ),
    _r(
        "user.name.first",
        "firstname givenname forename fname vorname fornavn prenom prénom",
        "firstname givenname forename vorname fornavn prenom prénom christianname",
    ),
    _r(
        "user.name.last",
        "lastname surname familyname lname nachname familienname etternavn",
        "lastname surname familyname nachname familienname etternavn nomdefamille",
    ),
    _r("user.name.last", "nom", "", True),
    _r(
        "user.name",
        "fullname contactname personname navn middlename maidenname "
        "salutation anrede tiltale civilite civilité courtesy",
        "fullname contactname contactperson personname customername "
        "middlename maidenname titleofcourtesy courtesytitle nomcomplet "
        "vollername kundenname kundenavn",
    ),
    _r("user.name", "displayname nickname", "displayname nickname", True),
    _r(
        "user.account.username",
        "username login benutzername brukernavn handle screenname userlogin acct",
        "username benutzername brukernavn screenname nomutilisateur loginname alsoknownas",
    ),
    _r(
        "user.demographic.date_of_birth",
        "dob birthdate birthday birth born geburtsdatum geburtstag fodselsdato "
        "fødselsdato naissance",
        "dateofbirth birthdate birthday geburtsdatum fodselsdato fødselsdato datenaissance",
    ),
    _r(
        "user.government_id.national_identification_number",
        "ssn sin nin nino personnummer fodselsnummer fødselsnummer personalnummer "
        "steuerid taxid tin nir insee personalausweisnummer",
        "socialsecurity nationalid nationalidentification personnummer fodselsnummer "
        "fødselsnummer steueridentifikationsnummer steuernummer taxnumber securitesociale",
    ),
    _r(
        "user.government_id.passport_number",
        "passport reisepass passnummer passeport",
        "passport reisepass passeport",
    ),
    _r(
        "user.government_id.drivers_license_number",
        "licence license führerschein fuhrerschein førerkort forerkort permis",
        "driverslicense driverlicense drivinglicence drivinglicense licencenumber "
        "licensenumber führerschein førerkort permisdeconduire",
    ),
    _r(
        "user.government_id",
        "vat vatnumber ustid mva orgnr siret siren",
        "vatnumber vatid umsatzsteuer tvaintracom",
    ),
    _r("user.device.ip_address", "ip ipaddr ipv4 ipv6 ipaddress", "ipaddress ipaddr remoteaddr"),
    _r(
        "user.device.device_id",
        "imei mac macaddress deviceid udid idfa gaid pushtoken",
        "macaddress deviceid advertisingid pushtoken devicetoken",
    ),
    _r("user.device.cookie_id", "cookieid sessionid", "cookieid sessionid"),
    _r(
        "user.financial.credit_card",
        "ccn pan cardnumber ccnumber creditcard kartennummer",
        "cardnumber creditcard ccnumber kartennummer kortnummer numerocarte",
    ),
    _r(
        "user.financial.bank_account",
        "iban bic swift kontonummer bankaccount accountnumber",
        "bankaccount iban accountnumber kontonummer bankkonto comptebancaire",
    ),
    _r(
        "user.contact.address.postal_code",
        "zip zipcode postcode postalcode plz postleitzahl postnummer postnr cp codepostal postal",
        "zipcode postcode postalcode postleitzahl postnummer codepostal",
    ),
    _r(
        "user.contact.address.city",
        "city town ort stadt wohnort poststed ville municipality kommune commune",
        "city wohnort poststed",
    ),
    _r(
        "user.contact.address.state",
        "province bundesland fylke département departement prefecture",
        "billingstate shippingstate mailingstate stateprovince",
    ),
    _r("user.contact.address.state", "state region county district", "", True),
    _r(
        "user.contact.address.country",
        "country land pays nation countrycode nationality staatsangehörigkeit",
        "country countrycode",
    ),
    _r(
        "user.contact.address.street",
        "street address addr adr adresse addressline strasse straße gate gateadresse rue "
        "streetaddress housenumber hausnummer",
        "address adresse addressline streetaddress strasse straße gateadresse housenumber",
    ),
    _r(
        "user.demographic.gender",
        "gender sex geschlecht kjønn kjonn sexe",
        "gender geschlecht kjønn",
    ),
    _r("user.demographic.age_range", "age alter alder âge", ""),
    _r(
        "user.demographic.marital_status",
        "marital familienstand sivilstand",
        "maritalstatus familienstand sivilstand",
    ),
    _r(
        "user.demographic.religious_belief",
        "religion konfession religious",
        "religion",
    ),
    _r("user.demographic.race_ethnicity", "ethnicity race ethnic", "ethnicity"),
    _r("user.demographic.language", "locale language sprache språk langue", "", True),
    _r(
        "user.location.precise",
        "latitude longitude lat lng lon geolocation gps coordinates geo",
        "latitude longitude geolocation",
    ),
    _r(
        "user.content.self_image",
        "photo avatar picture portrait headshot selfie foto bilde bild",
        "profilepicture profileimage avatar photo",
    ),
    _r("user.contact.url", "url uri website homepage webpage", "website homepage", True),
    _r("user.contact.url", "", "url uri", True),  # inbox_url, featured_collection_url
    _r("user.content.public", "", "filename", True),  # what a person uploaded
    _r("user.location.imprecise", "timezone tz zeitzone tidssone", "timezone", True),
    _r("user.demographic.language", "languages", "chosenlanguages", True),
    _r("user.device", "useragent browser", "useragent"),
    _r("user.job_title", "jobtitle", "jobtitle"),
    _r(
        "user.job_title",
        "title occupation profession beruf stilling yrke poste fonction position",
        "",
        True,
    ),
    _r(
        "user.contact.organization",
        "company organisation organization firma firm employer arbeitgeber arbeidsgiver "
        "entreprise société societe",
        "companyname firmenname",
        True,
    ),
    _r("user.name", "name", "", True),
    _r("user.content.private", "bio biography note notes about", "", True),
)

# Tables whose rows are people: a bare "name", "title", "bio" there is personal data.
PERSON_TABLES = frozenset(
    "user users customer customers client clients kunde kunden kunder member members person "
    "persons people employee employees staff ansatt ansatte mitarbeiter contact contacts "
    "account accounts patient patients student students author authors actor actors profile "
    "profiles subscriber subscribers applicant applicants candidate candidates passenger "
    "passengers guest guests driver drivers personne personnes salarie salaries "
    "utilisateur utilisateurs bruker brukere benutzer".split()
)

# The last word of names that point at a row elsewhere (or count it), not personal data.
_REF_TAILS = frozenset("id ids uuid guid fk pk ref number no nr num count".split())
# ... unless the words before say what kind of number it is.
_NUMBER_KINDS = frozenset(
    "phone telephone tel fax mobile cell account card credit passport license licence "
    "social security ssn vat tax iban personal national id identity insurance house home "
    "work contact".split()
)
_SKIP_TAILS = frozenset(
    "at on date time timestamp ts updated created modified deleted status flag enabled "
    "disabled count total amount price size version type".split()
)
# Identifiers of a browser or device, not pointers to another row.
_ONLINE_IDS = frozenset("sessionid cookieid deviceid advertisingid installationid".split())
_SKIP_HEADS = frozenset("is has can should allow enable".split())
_DATE_RULE = "user.demographic.date_of_birth"

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-zA-Z])(?=\d)")
_SPLIT = re.compile(r"[^0-9a-zæøåäöüéèàçœß]+")


def words_of(name: str) -> list[str]:
    """``contactFirstName`` → ``["contact", "first", "name"]``; accents kept (ø, é)."""
    return list(_words(name))


@lru_cache(maxsize=16384)  # a schema repeats its column names (id, email, created_at) a lot
def _words(name: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFC", name)
    text = _CAMEL.sub("_", text).lower()
    return tuple(w for w in _SPLIT.split(text) if w)


@lru_cache(maxsize=16384)  # asked of every column of every table
def is_reference_name(name: str) -> bool:
    """``customer_id``, ``salesRepEmployeeNumber``, ``created_by``: a pointer to another row."""
    words = words_of(name)
    if not words or "".join(words) in _ONLINE_IDS:
        return False
    if words[-1] in ("by", "to") and len(words) > 1:
        return True
    if words[-1] in _REF_TAILS and len(words) > 1:
        return not any(w in _NUMBER_KINDS for w in words[:-1])
    return False


@dataclass(frozen=True)
class NameHit:
    category: str
    word: str


def is_person_table(table: str) -> bool:
    """``users``, ``customer``, ``ansatte``: a table whose rows are people."""
    table_words = _words(table)
    return bool(table_words) and table_words[-1] in PERSON_TABLES


def match_name(name: str, table: str = "") -> NameHit | None:
    """The category a column's name (or a comment's text) suggests."""
    return _match(name, is_person_table(table))


def match_words(name: str, person_table: bool) -> NameHit | None:
    """:func:`match_name`, told whether the table's rows are people."""
    return _match(name, person_table)


@lru_cache(maxsize=16384)  # the same names in many tables: one answer for each
def _match(name: str, person_table: bool) -> NameHit | None:
    words = words_of(name)
    if not words:
        return None
    tail = words[-1]
    joined = "".join(words)
    if (is_reference_name(name) and joined not in _ONLINE_IDS) or words[0] in _SKIP_HEADS:
        return None
    skip_dates = tail in _SKIP_TAILS
    for rule in _RULES:
        if rule.person_table_only and not person_table:
            continue
        if (
            rule.person_table_only
            and (len(words) > 2 or tail not in rule.words)
            and not any(p in joined for p in rule.phrases if p)
        ):
            continue  # "name" alone names the person; header_file_name does not
        if skip_dates and rule.category != _DATE_RULE:
            continue
        hit = next((w for w in words if w in rule.words), None)
        if hit is None:
            hit = next((p for p in rule.phrases if p in joined), None)
        if hit is not None:
            return NameHit(rule.category, hit)
    return None
