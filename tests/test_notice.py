"""The privacy notice built from the manifest: every Art. 13/14 item, or a finding naming it."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kept.check import CODES, Finding, run_check
from kept.cli import _register, app
from kept.errors import RecordsError
from kept.examples import EXAMPLES
from kept.manifest import load_manifest
from kept.manifest.models import Right
from kept.notice import build_notice, render_html, render_markdown

ART13 = {
    "controller",
    "dpo",
    "purposes",
    "categories",
    "recipients",
    "transfers",
    "retention",
    "rights",
    "complaint",
    "provision",
    "sources",
    "automated",
    "children",
}


def manifest_of(name: str) -> Path:
    return Path(__file__).parents[1] / "src" / "kept" / "examples" / name / "kept.yaml"


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_notice_is_complete_or_a_finding_names_the_gap(
    name: str, tmp_path: Path
) -> None:
    # A copy: checking opens the stores, which must not create files beside the package.
    path = tmp_path / "kept.yaml"
    path.write_text(manifest_of(name).read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_manifest(path)
    doc = build_notice(loaded.manifest)
    assert {s.key for s in doc.sections} >= ART13
    report = run_check(loaded, sample_size=0)
    waived = {(f.code, f.target) for f, _ in report.waived}
    reported = waived | {(f.code, f.target) for f in report.findings}
    for gap in doc.gaps:
        assert (gap.code, gap.target) in reported, gap
    # A section left empty is always a gap that kept check names.
    missing = {s.key for s in doc.sections if s.missing}
    assert bool(missing) == bool(doc.gaps)


def test_vivibit_notice_names_reseller_source_and_children() -> None:
    doc = build_notice(load_manifest(manifest_of("vivibit")).manifest)
    sources = doc.section("sources")
    assert sources is not None
    assert any("reseller_records" in i and "reseller" in i for i in sources.items)
    children = doc.section("children")
    assert children is not None and not children.missing
    assert "adults and business users" in children.paragraphs[0]


def test_smartspace_notice_has_controller_dpo_and_authority() -> None:
    doc = build_notice(load_manifest(manifest_of("smartspace")).manifest)
    for key in ("controller", "dpo", "complaint", "rights", "retention", "children"):
        section = doc.section(key)
        assert section is not None and not section.missing, key
    md = render_markdown(doc)
    assert md.startswith("# Privacy notice of VividTech AS")
    assert "not intended for children under 18" in md


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kept.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """
kept: 1
organization:
  name: Acme
  country: "US"
  contacts: [{email: privacy@acme.example}]
  dpo: {email: dpo@acme.example}
  supervisory_authority: {name: Datatilsynet, url: https://www.datatilsynet.no}
  jurisdictions: [eu]
  minimum_age: 16
notice:
  version: "1"
  provision_requirement: An e-mail address is needed to open an account.
  automated_decisions: No decision is made by automated means alone.
  safeguards_copy: Ask privacy@acme.example for a copy.
purposes:
  - key: accounts
    name: Accounts
    data_use: essential.service
    legal_basis: contract
    data_categories: [user.contact.email]
    retention: While the account exists.
  - key: news
    name: Newsletter <b>weekly</b>
    data_use: marketing.communications.email
    legal_basis: consent
    data_categories: [user.contact.email]
    retention: Until you unsubscribe.
recipients:
  - {name: Mailer, role: processor, purposes: [news], countries: [US], transfer_safeguard: scc}
rights: [access, rectification, erasure, restriction, objection, portability, withdraw_consent]
"""


def notice_only(findings: list[Finding]) -> list[Finding]:
    """The findings of these store-less manifests, apart from ``empty-manifest`` (they declare
    no store and no dataset: only the notice is under test)."""
    return [f for f in findings if f.code != "empty-manifest"]


def test_complete_manifest_has_no_gap_but_a_representative(tmp_path: Path) -> None:
    loaded = load_manifest(write(tmp_path, MINIMAL))
    doc = build_notice(loaded.manifest)
    # A US controller serving the EU needs a representative (Art. 27).
    assert [g.code for g in doc.gaps] == ["notice-no-representative"]
    codes = [f.code for f in notice_only(run_check(loaded).findings)]
    assert codes == ["notice-no-representative"]


@pytest.mark.parametrize(
    ("cut", "code", "target"),
    [
        ("  dpo: {email: dpo@acme.example}\n", "notice-no-dpo", "organization"),
        (
            "  provision_requirement: An e-mail address is needed to open an account.\n",
            "notice-no-provision-requirement",
            "notice",
        ),
        (
            "  automated_decisions: No decision is made by automated means alone.\n",
            "notice-no-automated-decisions",
            "notice",
        ),
        (
            "  safeguards_copy: Ask privacy@acme.example for a copy.\n",
            "notice-no-safeguard-copy",
            "notice",
        ),
        ("  minimum_age: 16\n", "notice-no-children", "notice"),
        ("    retention: Until you unsubscribe.\n", "notice-no-retention", "purpose:news"),
        (
            "  supervisory_authority: {name: Datatilsynet, url: https://www.datatilsynet.no}\n",
            "notice-no-complaint",
            "organization",
        ),
        (
            "  contacts: [{email: privacy@acme.example}]\n",
            "notice-no-controller-contact",
            "organization",
        ),
        (", withdraw_consent]", "notice-missing-right", "right:withdraw_consent"),
    ],
)
def test_each_missing_item_is_a_finding(tmp_path: Path, cut: str, code: str, target: str) -> None:
    text = MINIMAL.replace('  country: "US"\n', '  country: "NO"\n')
    assert cut in text
    text = text.replace(cut, "]" if cut.startswith(",") else "")
    loaded = load_manifest(write(tmp_path, text))
    findings = [(f.code, f.target) for f in notice_only(run_check(loaded).findings)]
    assert findings == [(code, target)]
    assert code in CODES
    finding = next(f for f in notice_only(run_check(loaded).findings))
    assert finding.position is not None or code == "notice-missing-right"


def test_html_escapes_manifest_text_and_marks_missing(tmp_path: Path) -> None:
    text = MINIMAL.replace("  minimum_age: 16\n", "")
    doc = build_notice(load_manifest(write(tmp_path, text)).manifest)
    page = render_html(doc)
    assert "Newsletter &lt;b&gt;weekly&lt;/b&gt;" in page
    assert '<section id="children" data-article="8, 12(1)" class="missing">' in page

    class Parser(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.sections: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "section":
                self.sections.append(dict(attrs)["id"] or "")

    parser = Parser()
    parser.feed(page)
    assert set(parser.sections) >= ART13
    assert render_html(doc, fragment=True).startswith('<article class="kept-notice" lang="en">')


def test_language_labels(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path, MINIMAL)).manifest
    de = render_markdown(build_notice(manifest, "de"))
    assert "# Datenschutzerklärung von Acme" in de
    assert "Ihre Einwilligung (jederzeit widerrufbar)" in de
    with pytest.raises(RecordsError, match="no notice wording for language 'xx'"):
        build_notice(manifest, "xx")
    assert Right.WITHDRAW_CONSENT.value in MINIMAL


def test_cli_notice_build(tmp_path: Path) -> None:
    _register()
    path = write(tmp_path, MINIMAL)
    runner = CliRunner()
    result = runner.invoke(app, ["notice", "build", "-m", str(path), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "## Why we process your data and on what legal basis" in result.stdout
    out = tmp_path / "notice.html"
    result = runner.invoke(
        app, ["notice", "build", "-m", str(path), "-o", str(out), "--lang", "de", "--strict"]
    )
    assert result.exit_code == 1  # the representative is missing
    assert "notice-no-representative" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    result = runner.invoke(app, ["notice", "build", "-m", str(path), "--format", "pdf"])
    assert result.exit_code == 2
    assert "unknown notice format 'pdf'" in result.output


def test_unknown_source_column_is_a_finding(tmp_path: Path) -> None:
    text = (
        MINIMAL
        + """
stores: [{name: db, url: "sqlite:///none.sqlite"}]
dataset:
  - fides_key: shop
    collections:
      - name: leads
        source: {kind: reseller, column: partner}
        fields:
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
"""
    )
    loaded = load_manifest(write(tmp_path, text.replace('"US"', '"NO"')))
    from kept.notice.findings import notice_findings

    found = [(f.code, f.target) for f in notice_findings(loaded)]
    assert found == [("unknown-source-column", "source:shop.leads")]


def test_a_manifest_without_notice_is_not_held_to_art_13(tmp_path: Path) -> None:
    text = MINIMAL.replace("  provision_requirement", "  provision_requirement_x", 1)
    text = text[: text.index("notice:")] + text[text.index("purposes:") :]
    loaded = load_manifest(write(tmp_path, text.replace('"US"', '"NO"')))
    assert loaded.manifest.notice is None
    assert [f.code for f in notice_only(run_check(loaded).findings)] == []
    assert build_notice(loaded.manifest).gaps  # the notice itself still shows its gaps
