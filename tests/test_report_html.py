"""`framing lint --format html`: one self-contained page, checked as text and in headless Chromium."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
from chromium import browser
from typer.testing import CliRunner

from framing.cli import register_commands

ROOT = Path(__file__).parent.parent
PROPOSAL = ROOT / "examples" / "proposal.md"
AUDIENCE = "de,it,es,pt,ru,pl"
HOSTILE = (
    "Our leaders meet.\n</script><script>window.pwned = 1</script>\n"
    '<img src=x onerror="window.pwned = 1"> and a war room <!-- & \u2028 --> the end\n'
)
app = register_commands()


def lint_html(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["lint", "--format", "html", *args])
    return result.exit_code, result.stdout


def data_of(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="framing-data">(.*?)</script>', page, re.DOTALL)
    assert block is not None
    return json.loads(block.group(1))


@pytest.fixture(autouse=True)
def _relative_paths(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def proposal_page(tmp_path_factory):
    with contextlib.chdir(ROOT):  # paths in the report as a user in the repository sees them
        code, page = lint_html("examples/proposal.md", "--audience", AUDIENCE)
    assert code == 1, "findings make the exit status 1, as with every format"
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_the_page_is_self_contained(proposal_page):
    page = proposal_page.read_text(encoding="utf-8")
    outside = re.sub(r'<script type="application/json" id="framing-data">.*?</script>', "", page, flags=re.DOTALL)
    assert not re.search(r"<link\b|\bsrc\s*=|@import|url\(|@font-face", outside, re.IGNORECASE)
    assert page.count("<script") == 2 and page.count("<style") == 1
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in policy and "script-src 'sha256-" in policy and "unsafe-inline" not in policy


def test_the_data_holds_one_object_per_occurrence_of_each_document(proposal_page, golden):
    data = data_of(proposal_page.read_text(encoding="utf-8"))
    (document,) = data["documents"]
    text = PROPOSAL.read_text(encoding="utf-8")
    assert document["text"] == text
    for finding in document["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["text"]
    golden("report-html-data.json", json.dumps(document["findings"], ensure_ascii=False, indent=2) + "\n")


def test_html_is_refused_where_there_is_no_document_text(tmp_path):
    catalog = tmp_path / "de.po"
    catalog.write_text('msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "Our leaders"\nmsgstr "Unsere Führer"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check-po", str(catalog), "--format", "html"])
    assert result.exit_code == 2
    assert "framing lint only" in result.stderr


def test_in_a_browser_every_occurrence_is_highlighted_and_opens_its_panel(proposal_page):
    findings = data_of(proposal_page.read_text(encoding="utf-8"))["documents"][0]["findings"]
    with browser() as driver:
        driver.get(proposal_page.as_uri())
        marks = driver.find_elements("css selector", "mark.fv-mark")
        assert [m.text for m in marks] == [f["text"] for f in findings]
        for mark, finding in zip(marks, findings, strict=True):
            assert f"fv-sev-{finding['severity']}" in mark.get_attribute("class").split()
        colours = {m.get_attribute("data-severity"): m.value_of_css_property("background-color") for m in marks}
        assert all(colour not in ("rgba(0, 0, 0, 0)", "transparent") for colour in colours.values())
        assert len(driver.find_elements("css selector", "li.fv-finding")) == len(findings)

        leaders = next(i for i, f in enumerate(findings) if f["text"] == "leaders")
        marks[leaders].click()
        panel = driver.find_element("css selector", "li.fv-finding.fv-open")
        body = panel.find_element("css selector", ".fv-finding-body")
        assert body.is_displayed()
        for reader in findings[leaders]["readers"]:
            assert reader["note"][:40] in " ".join(body.text.split())
        assert "Merriam-Webster" in body.text, "the panel shows the sources"
        assert [a.text for a in panel.find_elements("css selector", ".fv-alt")][:1] != []
        assert not panel.find_elements("css selector", "button.fv-alt"), "a report offers no rewriting buttons"

        # The filters: without the concept leader, its marks lose their highlight and their panels hide.
        driver.find_element("css selector", "input[data-kind=concept][data-value=leader]").click()
        for mark, finding in zip(driver.find_elements("css selector", "mark.fv-mark"), findings, strict=True):
            assert ("fv-filtered" in mark.get_attribute("class")) == (finding["concept"] == "leader")
        visible = [p for p in driver.find_elements("css selector", "li.fv-finding") if p.is_displayed()]
        assert len(visible) == sum(f["concept"] != "leader" for f in findings)

        # The summary chart: one bar per concept, in inline SVG.
        bars = driver.find_elements("css selector", "svg.fv-chart rect.fv-bar")
        assert sorted(b.get_attribute("data-concept") for b in bars) == sorted({f["concept"] for f in findings})
        logs = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert not logs, logs


def test_in_a_browser_markup_of_the_document_is_text_and_never_runs(tmp_path):
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    code, page = lint_html(str(source))
    assert code == 1
    assert "window.pwned" not in page.split('id="framing-data">', 1)[0]
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    with browser() as driver:
        driver.get(report.as_uri())
        assert driver.execute_script("return window.pwned") is None
        shown = driver.find_element("css selector", ".fv-text")
        assert driver.execute_script("return arguments[0].textContent", shown) == HOSTILE
        assert not shown.find_elements("css selector", "script, img")
        assert [m.text for m in driver.find_elements("css selector", "mark.fv-mark")] == ["leaders", "war room"]


def test_the_report_speaks_the_language_of_the_command():
    from framing import i18n

    i18n.activate("de")  # what --lang de does before the command runs
    try:
        code, page = lint_html(str(PROPOSAL), "--audience", "de")
    finally:
        i18n.activate("en")
    assert '<html lang="de">' in page and "framing-Bericht" in page
    assert data_of(page)["messages"]["readers"] == "Lesende"


def test_the_data_is_what_the_json_report_says(proposal_page):
    report = CliRunner().invoke(app, ["lint", "--format", "json", "examples/proposal.md", "--audience", AUDIENCE])
    page_findings = data_of(proposal_page.read_text(encoding="utf-8"))["documents"][0]["findings"]
    assert page_findings == json.loads(report.stdout)["findings"]
