"""Purpose limitation, prohibited uses, recipients and trackers, and data locations.

Each construct is loaded from a small manifest; each kind of violation is injected into it and
reported by ``kept check`` with its code, target and place in the manifest; the examples whose
policies make these promises pass, and break by name when a violation is injected (on SQLite,
PostgreSQL and MariaDB).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kept.check import CODES, run_check
from kept.check.limits import inside, location_notes, recipient_flows
from kept.check.policy import policy_findings
from kept.cli import _register, app
from kept.errors import ManifestError
from kept.examples import create_example
from kept.findings import Finding
from kept.manifest import load_manifest
from kept.ropa import controller_records, processor_records

BASE = """\
organization: {name: Acme, jurisdictions: [eu]}
stores:
  - {name: main, url: "sqlite:///acme.sqlite", location: DE}
dataset:
  - fides_key: acme
    collections:
      - name: users
        fields:
          - {name: id, data_categories: [user.unique_id], fides_meta: {primary_key: true}}
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
          - {name: serial, data_categories: [user.device.device_id]}
purposes:
  - key: support
    name: Support
    data_use: essential.service.operations.support
    legal_basis: contract
    data_categories: [user.contact.email, user.device.device_id]
  - key: security
    name: Security
    data_use: essential.service.security
    legal_basis: legitimate_interests
    legitimate_interest: keeping the service safe
    data_categories: [user.device]
  - key: news
    name: Newsletter
    data_use: marketing.communications.email
    legal_basis: consent
    data_categories: [user.contact.email]
recipients:
  - name: Helpdesk
    role: processor
    purposes: [support]
    data_categories: [user.contact.email, user.device.device_id]
    countries: [DE]
purpose_limitation:
  - data_category: user.device.device_id
    purposes: [support]
    reason: device data only for support
prohibitions:
  uses:
    - {data_use: marketing.advertising, reason: no ads}
  recipients:
    - {roles: [third_party], reason: no third parties}
  trackers:
    - {category: marketing, reason: no ad trackers}
locations:
  allowed: [DE, NO-03]
  reason: our data stays in Germany and Oslo
consent:
  trackers:
    - {name: session, category: essential}
  messages:
    - {key: newsletter, kind: marketing, purpose: news}
"""

LIMIT_CODES = {
    "purpose-limitation",
    "prohibited-use",
    "prohibited-recipient",
    "prohibited-tracker",
    "location-not-allowed",
    "location-unknown",
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kept.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def findings(tmp_path: Path, text: str) -> list[Finding]:
    return [f for f in policy_findings(load_manifest(write(tmp_path, text))) if f.code in CODES]


def limit_findings(tmp_path: Path, text: str) -> list[Finding]:
    return [f for f in findings(tmp_path, text) if f.code in LIMIT_CODES]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def codes_targets(found: list[Finding]) -> set[tuple[str, str]]:
    return {(f.code, f.target) for f in found}


def test_the_codes_are_registered() -> None:
    assert set(CODES) >= LIMIT_CODES


def test_the_clean_manifest_has_no_limit_finding(tmp_path: Path) -> None:
    assert limit_findings(tmp_path, BASE) == []


# --------------------------------------------------------------------------- purpose limitation


def test_a_purpose_using_a_limited_category_for_another_purpose_is_reported(
    tmp_path: Path,
) -> None:
    text = BASE.replace(
        "    data_categories: [user.contact.email]\nrecipients:",
        "    data_categories: [user.contact.email, user.device.device_id]\nrecipients:",
    )
    (found,) = limit_findings(tmp_path, text)
    assert (found.code, found.target) == ("purpose-limitation", "purpose:news")
    assert found.category == "user.device.device_id"
    assert "may be used only for support (device data only for support)" in found.message
    assert found.position is not None
    assert found.position.line == line_of(text, "user.contact.email, user.device.device_id]\nrec")


def test_a_sub_category_is_held_to_its_parent_limit(tmp_path: Path) -> None:
    text = BASE.replace(
        "  - data_category: user.device.device_id\n    purposes: [support]",
        "  - data_category: user.device\n    purposes: [support, security]\n"
        "    data_uses: [essential.service]",
    ).replace(
        "    data_categories: [user.contact.email]\nrecipients:",
        "    data_categories: [user.contact.email, user.device.ip_address]\nrecipients:",
    )
    assert codes_targets(limit_findings(tmp_path, text)) == {("purpose-limitation", "purpose:news")}


def test_a_broader_category_is_not_held_to_a_narrower_limit(tmp_path: Path) -> None:
    text = BASE.replace(
        "    data_categories: [user.contact.email]\nrecipients:",
        "    data_categories: [user.contact.email, user.device]\nrecipients:",
    )
    assert limit_findings(tmp_path, text) == []


def test_a_recipient_receiving_a_limited_category_for_another_purpose_is_reported(
    tmp_path: Path,
) -> None:
    text = BASE.replace(
        "purpose_limitation:",
        "  - name: Mailer\n    role: processor\n    purposes: [news]\n"
        "    data_categories: [user.contact.email, user.device.device_id]\n"
        "    countries: [DE]\npurpose_limitation:",
    )
    (found,) = limit_findings(tmp_path, text)
    assert (found.code, found.target) == ("purpose-limitation", "recipient:Mailer")
    assert "for purpose 'news' (marketing.communications.email)" in found.message


def test_a_field_declaring_another_data_use_is_reported(tmp_path: Path) -> None:
    text = BASE.replace(
        "{name: serial, data_categories: [user.device.device_id]}",
        "{name: serial, data_categories: [user.device.device_id], "
        "data_uses: [marketing.communications.email]}",
    )
    (found,) = limit_findings(tmp_path, text)
    assert (found.code, found.target) == ("purpose-limitation", "field:acme.users.serial")
    assert found.position is not None
    assert found.position.line == line_of(text, "{name: serial")


def test_a_field_use_inherited_from_its_collection_and_its_purposes_are_held(
    tmp_path: Path,
) -> None:
    text = BASE.replace(
        "      - name: users\n",
        "      - name: users\n        data_uses: [essential.service.operations.support]\n",
    )
    assert limit_findings(tmp_path, text) == []  # the use of an allowed purpose
    text = BASE.replace(
        "      - name: users\n", "      - name: users\n        data_purposes: [news]\n"
    )
    assert codes_targets(limit_findings(tmp_path, text)) == {
        ("purpose-limitation", "field:acme.users.serial")
    }


def test_a_tracker_reading_a_limited_category_is_reported(tmp_path: Path) -> None:
    text = BASE.replace(
        "    - {name: session, category: essential}",
        "    - {name: session, category: essential}\n"
        "    - {name: fp, category: analytics, purpose: news, "
        "data_categories: [user.device.device_id]}",
    )
    (found,) = limit_findings(tmp_path, text)
    assert (found.code, found.target) == ("purpose-limitation", "tracker:fp")


def test_a_tracker_is_held_by_its_kind_and_an_essential_one_by_its_category(
    tmp_path: Path,
) -> None:
    limit = (
        "purpose_limitation:\n  - data_category: user.device.cookie_id\n"
        "    data_uses: [essential.service.security]\n"
    )
    text = BASE.replace(
        "purpose_limitation:\n  - data_category: user.device.device_id\n"
        "    purposes: [support]\n    reason: device data only for support\n",
        limit,
    )
    # The session cookie is essential: its use is essential.service, not the allowed one.
    assert codes_targets(limit_findings(tmp_path, text)) == {
        ("purpose-limitation", "tracker:session")
    }
    text = text.replace("{name: session, category: essential}", "{name: csrf, category: security}")
    assert limit_findings(tmp_path, text) == []


def test_a_message_class_is_held_by_the_address_it_sends_to(tmp_path: Path) -> None:
    text = BASE.replace(
        "purpose_limitation:\n",
        "purpose_limitation:\n  - {data_category: user.contact.email, purposes: [support]}\n",
    )
    assert codes_targets(limit_findings(tmp_path, text)) == {
        ("purpose-limitation", "purpose:news"),
        ("purpose-limitation", "message:newsletter"),
    }


def test_allowed_data_uses_cover_their_sub_uses(tmp_path: Path) -> None:
    text = BASE.replace(
        "    purposes: [support]\n    reason: device data only for support",
        "    data_uses: [essential.service]",
    )
    assert limit_findings(tmp_path, text) == []
    text = text.replace(
        "    data_categories: [user.contact.email]\nrecipients:",
        "    data_categories: [user.contact.email, user.device.device_id]\nrecipients:",
    )
    assert codes_targets(limit_findings(tmp_path, text)) == {("purpose-limitation", "purpose:news")}


def test_recipient_flows_pair_categories_with_the_purposes_that_declare_them(
    tmp_path: Path,
) -> None:
    text = BASE.replace(
        "purpose_limitation:",
        "  - name: Cloud\n    role: processor\n    purposes: [support, news]\n"
        "    data_categories: [user]\n    countries: [DE]\npurpose_limitation:",
    )
    m = load_manifest(write(tmp_path, text)).manifest
    cloud = next(r for r in m.recipients if r.name == "Cloud")
    flows = {(c, own, p.key if p else None) for c, own, p in recipient_flows(m, cloud)}
    assert flows == {
        ("user.contact.email", False, "support"),
        ("user.device.device_id", False, "support"),
        ("user.contact.email", False, "news"),
    }


# --------------------------------------------------------------------------- prohibited uses


def test_a_purpose_with_a_prohibited_use_is_reported(tmp_path: Path) -> None:
    text = BASE.replace(
        "    data_use: marketing.communications.email",
        "    data_use: marketing.advertising.third_party.targeted",
    )
    (found,) = limit_findings(tmp_path, text)
    assert (found.code, found.target) == ("prohibited-use", "purpose:news")
    assert "prohibits marketing.advertising: no ads" in found.message


def test_a_prohibited_use_of_one_category_spares_the_others(tmp_path: Path) -> None:
    text = BASE.replace(
        "    - {data_use: marketing.advertising, reason: no ads}",
        "    - {data_use: marketing, data_category: user.device, reason: no device marketing}",
    )
    assert limit_findings(tmp_path, text) == []
    text = text.replace(
        "    data_categories: [user.contact.email]\nrecipients:",
        "    data_categories: [user.contact.email, user.device.ip_address]\nrecipients:",
    )
    (found,) = limit_findings(tmp_path, text)
    assert (found.code, found.target, found.category) == (
        "prohibited-use",
        "purpose:news",
        "user.device.ip_address",
    )


def test_a_collection_with_a_prohibited_use_is_reported_once(tmp_path: Path) -> None:
    text = BASE.replace(
        "      - name: users\n", "      - name: users\n        data_uses: [marketing.advertising]\n"
    )
    found = limit_findings(tmp_path, text)
    assert codes_targets(found) == {
        ("prohibited-use", "collection:acme.users"),
        # the device serial inherits the use, which its purpose limitation does not allow
        ("purpose-limitation", "field:acme.users.serial"),
    }
    used = next(f for f in found if f.code == "prohibited-use")
    assert used.message.startswith("collection acme.users declares the data use")


def test_a_field_with_a_prohibited_use_is_reported(tmp_path: Path) -> None:
    text = BASE.replace(
        "{name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}",
        "{name: email, data_categories: [user.contact.email], fides_meta: {identity: email}, "
        "data_uses: [marketing.advertising.first_party]}",
    )
    assert codes_targets(limit_findings(tmp_path, text)) == {
        ("prohibited-use", "field:acme.users.email")
    }


# --------------------------------------------------------------------------- prohibited recipients


def test_a_recipient_of_a_prohibited_role_is_reported(tmp_path: Path) -> None:
    text = BASE.replace("    role: processor\n", "    role: third_party\n")
    (found,) = limit_findings(tmp_path, text)
    assert (found.code, found.target) == ("prohibited-recipient", "recipient:Helpdesk")
    assert "is a third_party, which the policy prohibits: no third parties" in found.message
    assert found.position is not None
    assert found.position.line == line_of(text, "  - name: Helpdesk")


def test_a_prohibited_recipient_by_category_and_use(tmp_path: Path) -> None:
    rule = (
        "    - {roles: [controller, third_party], data_category: user.contact.email, "
        "data_use: marketing, reason: no list trading}"
    )
    text = BASE.replace("    - {roles: [third_party], reason: no third parties}", rule)
    partner = (
        "  - name: Partner\n    role: controller\n    purposes: [{purpose}]\n"
        "    data_categories: [user.contact.email]\n    countries: [DE]\npurpose_limitation:"
    )
    clean = text.replace("purpose_limitation:", partner.format(purpose="support"), 1)
    assert limit_findings(tmp_path, clean) == []  # e-mail, but not for marketing
    broken = text.replace("purpose_limitation:", partner.format(purpose="news"), 1)
    (found,) = limit_findings(tmp_path, broken)
    assert (found.code, found.target) == ("prohibited-recipient", "recipient:Partner")
    assert "receiving user.contact.email for news (marketing)" in found.message


# --------------------------------------------------------------------------- prohibited trackers


@pytest.mark.parametrize(
    ("rule", "tracker"),
    [
        (
            "{category: marketing, reason: no ad trackers}",
            "{name: _fbp, category: marketing, kind: pixel, purpose: news}",
        ),
        (
            "{data_use: marketing, reason: no marketing trackers}",
            "{name: _ga, category: analytics, purpose: news}",
        ),
        (
            "{provider: Meta, reason: not Meta}",
            "{name: px, category: analytics, purpose: news, provider: meta}",
        ),
    ],
    ids=["category", "use", "provider"],
)
def test_a_prohibited_tracker_is_reported(tmp_path: Path, rule: str, tracker: str) -> None:
    text = BASE.replace("    - {category: marketing, reason: no ad trackers}", f"    - {rule}")
    assert limit_findings(tmp_path, text) == []
    text = text.replace(
        "    - {name: session, category: essential}",
        f"    - {{name: session, category: essential}}\n    - {tracker}",
    )
    (found,) = limit_findings(tmp_path, text)
    assert found.code == "prohibited-tracker"
    assert found.target.startswith("tracker:")
    assert found.position is not None
    assert found.position.line == line_of(text, tracker)


# --------------------------------------------------------------------------- locations


def test_inside_follows_subdivisions() -> None:
    assert inside("NO-03", ["NO"])
    assert inside("NO-03", ["NO-03"])
    assert not inside("NO", ["NO-03"])
    assert not inside("NO-30", ["NO-03"])
    assert not inside("SE", ["NO", "US"])


def test_a_store_outside_the_locations_is_reported(tmp_path: Path) -> None:
    text = BASE.replace("location: DE}", "locations: [NO-03, US]}")
    (found,) = limit_findings(tmp_path, text)
    assert (found.code, found.target, found.store) == ("location-not-allowed", "store:main", "main")
    assert "is in US, outside DE, NO-03 (our data stays in Germany and Oslo)" in found.message
    assert found.position is not None
    assert found.position.line == line_of(text, "  - {name: main")


def test_a_store_outside_needs_a_declared_safeguard_adequacy_does_not_do(tmp_path: Path) -> None:
    text = BASE.replace("location: DE}", "location: CH}").replace(
        "  reason: our data stays", "  safeguards: [adequacy, scc]\n  reason: our data stays"
    )
    assert codes_targets(limit_findings(tmp_path, text)) == {("location-not-allowed", "store:main")}
    declared = text.replace("location: CH}", "location: CH, transfer_safeguard: scc}")
    assert limit_findings(tmp_path, declared) == []
    not_accepted = text.replace("location: CH}", "location: CH, transfer_safeguard: bcr}")
    assert codes_targets(limit_findings(tmp_path, not_accepted)) == {
        ("location-not-allowed", "store:main")
    }


def test_a_store_without_a_location_is_reported(tmp_path: Path) -> None:
    text = BASE.replace(", location: DE}", "}")
    (found,) = limit_findings(tmp_path, text)
    assert (found.code, found.target) == ("location-unknown", "store:main")
    assert "add 'location'" in found.message


def test_a_recipient_outside_the_locations_is_reported_unless_safeguarded(
    tmp_path: Path,
) -> None:
    text = BASE.replace(
        "    countries: [DE]\npurpose_limitation:", "    location: US-CA\npurpose_limitation:"
    )
    found = findings(tmp_path, text)
    assert codes_targets(found) == {
        ("location-not-allowed", "recipient:Helpdesk"),
        # the subdivision's country counts for the transfer rules too
        ("transfer-without-safeguard", "recipient:Helpdesk"),
    }
    loc = next(f for f in found if f.code == "location-not-allowed")
    assert "holds data in US-CA, outside DE, NO-03" in loc.message
    assert "it has no transfer_safeguard (any declared transfer_safeguard)" in loc.message
    guarded = text.replace(
        "    location: US-CA\n", "    location: US-CA\n    transfer_safeguard: scc\n"
    )
    assert limit_findings(tmp_path, guarded) == []


def test_adequacy_accepts_a_recipient_in_an_adequate_country(tmp_path: Path) -> None:
    text = BASE.replace(
        "    countries: [DE]\npurpose_limitation:", "    countries: [CH]\npurpose_limitation:"
    )
    assert codes_targets(limit_findings(tmp_path, text)) == {
        ("location-not-allowed", "recipient:Helpdesk")
    }
    accepting = text.replace(
        "  reason: our data stays", "  safeguards: [adequacy]\n  reason: our data stays"
    )
    assert limit_findings(tmp_path, accepting) == []
    us = accepting.replace("countries: [CH]", "countries: [US]\n    transfer_safeguard: scc")
    (found,) = limit_findings(tmp_path, us)
    assert "its transfer_safeguard 'scc' is not accepted (adequacy)" in found.message


def test_a_recipient_in_oslo_is_inside_and_one_elsewhere_in_norway_is_not(tmp_path: Path) -> None:
    text = BASE.replace(
        "    countries: [DE]\npurpose_limitation:", "    location: NO-03\npurpose_limitation:"
    )
    assert limit_findings(tmp_path, text) == []
    text = text.replace("location: NO-03", "location: NO-46")
    assert codes_targets(limit_findings(tmp_path, text)) == {
        ("location-not-allowed", "recipient:Helpdesk")
    }


def test_a_recipient_without_a_location_is_a_note(tmp_path: Path) -> None:
    text = BASE.replace("    countries: [DE]\npurpose_limitation:", "purpose_limitation:")
    assert limit_findings(tmp_path, text) == []
    (note,) = location_notes(load_manifest(write(tmp_path, text)).manifest)
    assert note.target == "recipient:Helpdesk"


def test_no_allowed_locations_means_no_location_check(tmp_path: Path) -> None:
    text = BASE.replace("  allowed: [DE, NO-03]\n", "").replace("location: DE}", "location: US}")
    assert limit_findings(tmp_path, text) == []


def test_the_records_of_processing_carry_the_locations(tmp_path: Path) -> None:
    text = BASE.replace("location: DE}", "locations: [DE, NO-03]}").replace(
        "    countries: [DE]\npurpose_limitation:", "    location: DE-BE\npurpose_limitation:"
    )
    m = load_manifest(write(tmp_path, text)).manifest
    row = next(
        r
        for r in controller_records(m)
        if r["recipient"] == "Helpdesk" and r["purpose"] == "support"
    )
    assert row["recipient_countries"] == "DE-BE"
    assert row["held_in"] == "main/acme.users"
    assert row["held_in_locations"] == "main: DE, NO-03"
    (proc,) = processor_records(m)
    assert proc["countries"] == "DE-BE"


def test_the_notice_says_where_data_is_kept(tmp_path: Path) -> None:
    from kept.notice import build_notice

    doc = build_notice(load_manifest(write(tmp_path, BASE)).manifest)
    transfers = doc.section("transfers")
    assert transfers is not None
    assert transfers.paragraphs[0] == "We keep your data in: Germany, Oslo (Norway)."
    german = build_notice(load_manifest(write(tmp_path, BASE)).manifest, "de").section("transfers")
    assert german is not None
    assert german.paragraphs[0] == "Wir speichern Ihre Daten in: Germany, Oslo (Norway)."


# --------------------------------------------------------------------------- unreadable manifests


@pytest.mark.parametrize(
    ("old", "new", "message", "suggestion"),
    [
        ("location: DE}", "location: UK}", "unknown location 'UK'", "GB"),
        ("location: DE}", "location: NO-3}", "unknown location 'NO-3'", "NO-03"),
        ("allowed: [DE, NO-03]", "allowed: [DE, XX]", "unknown location 'XX'", None),
        ("countries: [DE]", "countries: [QQ]", "unknown location 'QQ'", None),
        (
            "    purposes: [support]\n    reason: device",
            "    purposes: [suport]\n    reason: device",
            "names unknown purpose 'suport'",
            "support",
        ),
        (
            "{data_use: marketing.advertising, reason",
            "{data_use: marketing.advertsing, reason",
            "unknown data use 'marketing.advertsing'",
            "marketing.advertising",
        ),
        (
            "  - data_category: user.device.device_id\n",
            "  - data_category: user.device.serial\n",
            "unknown data category 'user.device.serial'",
            None,
        ),
    ],
)
def test_bad_names_make_the_manifest_unreadable_with_the_place(
    tmp_path: Path, old: str, new: str, message: str, suggestion: str | None
) -> None:
    assert old in BASE
    with pytest.raises(ManifestError) as caught:
        load_manifest(write(tmp_path, BASE.replace(old, new)))
    (problem,) = caught.value.problems
    assert message in problem.message
    assert problem.line is not None
    if suggestion is not None:
        assert problem.suggestion == suggestion


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    - {roles: [third_party], reason: no third parties}",
            "    - {reason: all, except: []}",
            "needs 'roles'",
        ),
        (
            "    - {roles: [third_party], reason: no third parties}",
            "    - {reason: all}",
            "needs 'roles'",
        ),
        (
            "    - {category: marketing, reason: no ad trackers}",
            "    - {reason: all}",
            "needs 'category'",
        ),
        (
            "    - {category: marketing, reason: no ad trackers}",
            "    - {category: ads}",
            "unknown tracker",
        ),
        ("    purposes: [support]\n    reason: device", "    reason: device", "needs 'purposes'"),
    ],
)
def test_empty_rules_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in BASE
    with pytest.raises(ManifestError) as caught:
        load_manifest(write(tmp_path, BASE.replace(old, new)))
    assert message in str(caught.value)


# --------------------------------------------------------------------------- examples


def run_json(manifest: Path) -> tuple[int, dict[str, object]]:
    _register()
    result = CliRunner().invoke(app, ["check", "-m", str(manifest), "--json"])
    return result.exit_code, json.loads(result.output)


def test_the_examples_state_these_promises() -> None:
    from kept.examples import example_manifest

    vcp = example_manifest("vcloudpoint")
    assert "purpose_limitation:" in vcp and "uses:\n    - data_use: marketing.advertising" in vcp
    assert "trackers:\n    - category: marketing" in vcp
    vivibit = example_manifest("vivibit")
    assert "data_category: user.device.device_id" in vivibit
    vibbio = example_manifest("vibbio")
    assert "allowed: [US, NO-03]" in vibbio and "locations: [US, NO-03]" in vibbio
    assert "except: [Chatlio, HubSpot" in vibbio
    assert "data_category: user.contact.email" in example_manifest("vivi")


VIOLATIONS = {
    # VCP-51: the push token used for the account purpose
    "purpose-limitation": (
        "    data_categories:\n      - user.unique_id\n      - user.contact.email\n"
        "      - user.name\n      - user.contact.phone_number\n      - user.contact.address\n"
        "      - user.workplace\n",
        "    data_categories:\n      - user.unique_id\n      - user.contact.email\n"
        "      - user.name\n      - user.contact.phone_number\n      - user.contact.address\n"
        "      - user.workplace\n      - user.device.push_token\n",
    ),
    # VCP-69: device analytics turned into ad targeting
    "prohibited-use": (
        "    data_use: analytics.reporting.system\n",
        "    data_use: marketing.advertising.first_party.targeted\n",
    ),
    # VCP-69: an ad pixel in the inventory
    "prohibited-tracker": (
        "    - {name: vcp_session, category: essential, description: Single-session website and "
        "help-article browsing.}\n",
        "    - {name: vcp_session, category: essential, description: Single-session website and "
        "help-article browsing.}\n"
        "    - {name: _fbp, category: marketing, kind: pixel, purpose: device_analytics}\n",
    ),
    # VCP-15: a third party receiving data for direct marketing
    "prohibited-recipient": (
        "data_subjects:\n  - key: customer\n",
        "  - name: List broker\n    role: third_party\n    purposes: [direct_mail]\n"
        "    data_categories: [user.contact.email]\n\n"
        "data_subjects:\n  - key: customer\n",
    ),
    # "Our data stays in the EU": the store is declared in China
    "location-not-allowed": (
        "    datasets: [vcloudpoint]\n",
        "    datasets: [vcloudpoint]\n    location: CN\n",
    ),
}
EXTRA_PURPOSE = """
  - key: direct_mail
    name: Direct mail
    data_use: marketing.communications.email
    legal_basis: consent
    data_categories: [user.contact.email]
    data_subjects: [customer]
    retention: Until consent is withdrawn.
"""
LOCATIONS = "\nlocations:\n  allowed: [DE, NO]\n  reason: data stays in Germany and Norway\n"


def test_vcloudpoint_breaks_each_promise_by_name_on_every_engine(
    any_db_url: str, tmp_path: Path
) -> None:
    info = create_example("vcloudpoint", tmp_path / "vcp", url=any_db_url, people=20)
    clean = info.manifest.read_text(encoding="utf-8")
    code, report = run_json(info.manifest)
    assert code == 0, report["findings"]
    text = clean
    for old, new in VIOLATIONS.values():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    text = text.replace("\nrecipients:\n", EXTRA_PURPOSE + "\nrecipients:\n", 1) + LOCATIONS
    info.manifest.write_text(text, encoding="utf-8")
    report_obj = run_check(load_manifest(info.manifest))
    found = {(f.code, f.target) for f in report_obj.findings if f.code in LIMIT_CODES}
    assert found >= {
        ("purpose-limitation", "purpose:account"),
        ("prohibited-use", "purpose:device_analytics"),
        ("prohibited-tracker", "tracker:_fbp"),
        ("prohibited-recipient", "recipient:List broker"),
        ("location-not-allowed", "store:vcloudpoint"),
    }
    assert {c for c, _ in found} == set(VIOLATIONS)
    code, report = run_json(info.manifest)
    assert code == 1
    counts = report["counts"]
    assert isinstance(counts, dict)
    assert set(VIOLATIONS) <= set(counts)


def test_vibbio_location_promise_holds_and_breaks(tmp_path: Path) -> None:
    info = create_example("vibbio", tmp_path / "vibbio", people=20)
    clean = info.manifest.read_text(encoding="utf-8")
    code, report = run_json(info.manifest)
    assert code == 0, report["findings"]
    notes = report["notes"]
    assert isinstance(notes, list)
    assert {n["target"] for n in notes if "declares no location" in n["message"]} == {
        "recipient:Private parties to claims",
        "recipient:Acquirer in a business transfer",
    }
    moved = clean.replace(
        "    locations: [US, NO-03]  # VIB-24", "    locations: [US, NO-03, SE]  #"
    )
    moved = moved.replace("    countries: [DK]  # inferred", "    countries: [CN]  # moved")
    info.manifest.write_text(moved, encoding="utf-8")
    found = {
        (f.code, f.target)
        for f in run_check(load_manifest(info.manifest)).findings
        if f.code in LIMIT_CODES
    }
    assert found == {
        ("location-not-allowed", "store:vibbio_app"),
        ("location-not-allowed", "recipient:TwentyThree"),
    }


def test_vibbio_nine_named_processors_only(tmp_path: Path) -> None:
    info = create_example("vibbio", tmp_path / "vibbio", people=20)
    clean = info.manifest.read_text(encoding="utf-8")
    old = "  - name: Law enforcement and government\n"
    assert clean.count(old) == 1
    vendor = (
        "  - name: Mailgun\n    role: processor\n    purposes: [direct_marketing]\n"
        "    data_categories: [user.contact.email]\n    countries: [US]\n"
    )
    info.manifest.write_text(clean.replace(old, vendor + old), "utf-8")
    found = [f for f in run_check(load_manifest(info.manifest)).findings if f.code in LIMIT_CODES]
    assert [(f.code, f.target) for f in found] == [("prohibited-recipient", "recipient:Mailgun")]
    assert "is a processor not among Chatlio, HubSpot" in found[0].message


def test_vivibit_device_data_only_for_its_purposes(tmp_path: Path) -> None:
    info = create_example("vivibit", tmp_path / "vivibit", people=20)
    clean = info.manifest.read_text(encoding="utf-8")
    old = "    data_categories: [user.contact.email, user.name, user.privacy_preferences, "
    assert clean.count(old) == 1
    info.manifest.write_text(clean.replace(old, old + "user.device.device_id, "), "utf-8")
    found = {
        (f.code, f.target)
        for f in run_check(load_manifest(info.manifest)).findings
        if f.code in LIMIT_CODES
    }
    assert found == {("purpose-limitation", "purpose:marketing_email")}


def test_vivi_no_email_lists_outside_the_group(tmp_path: Path) -> None:
    info = create_example("vivi", tmp_path / "vivi", people=20)
    clean = info.manifest.read_text(encoding="utf-8")
    old = "  - name: Buyer of the business or its assets\n"
    assert clean.count(old) == 1
    broker = (
        "  - name: List broker\n    role: third_party\n    purposes: [newsletter]\n"
        "    data_categories: [user.contact.email]\n"
    )
    info.manifest.write_text(clean.replace(old, broker + old), "utf-8")
    found = {
        (f.code, f.target)
        for f in run_check(load_manifest(info.manifest)).findings
        if f.code in LIMIT_CODES
    }
    assert found == {("prohibited-recipient", "recipient:List broker")}
