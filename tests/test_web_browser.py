"""The page of `framing serve` in a real browser: headless Chromium driven by Selenium.

Covers what a writer does (paste, check, open a finding, apply an alternative, apply
all, download), what a hostile text tries (markup that would run if inserted as HTML),
and the German page. A missing browser fails these tests (see tests/chromium.py).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from chromium import browser, served

from framing.web.app import create_app

ROOT = Path(__file__).parent.parent
PROPOSAL = (ROOT / "examples" / "proposal.md").read_text(encoding="utf-8")
WAIT = 60

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def base_url():
    with served(create_app()) as url:
        yield url


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(downloads):
    with browser(downloads=downloads) as driver:
        yield driver


def wait_for(driver, condition, timeout=WAIT):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: condition(d))


def css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def text_of(driver):
    return driver.execute_script("return document.getElementById('text').value")


def set_text(driver, text):
    """Put ``text`` into the Text area as a paste would (one input event)."""
    driver.execute_script(
        "var t = document.getElementById('text'); t.value = arguments[0]; t.dispatchEvent(new Event('input'));", text
    )


def check(driver):
    before = driver.execute_script("return document.getElementById('status').textContent")
    css(driver, "#check")[0].click()
    done = "var s = document.getElementById('status').textContent; return s && s !== arguments[0] && !/…/.test(s);"
    wait_for(driver, lambda d: d.execute_script(done, before))


def open_page(driver, base_url, query=""):
    driver.get(base_url + query)
    wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete")


def test_paste_check_open_a_finding_apply_an_alternative_apply_all_and_download(driver, base_url, downloads):
    open_page(driver, base_url, "?locale=en&audience=de,it")
    assert [box.get_attribute("value") for box in css(driver, "#audience input:checked")] == ["de", "it"]
    css(driver, "#text")[0].send_keys("Our leaders meet.")  # typing works; the proposal is pasted
    set_text(driver, PROPOSAL)
    css(driver, "#input-format option[value=markdown]")[0].click()
    check(driver)
    marks = css(driver, "mark.fv-mark")
    assert len(marks) == len(css(driver, "li.fv-finding")) >= 5
    assert {m.text for m in marks} >= {"leaders", "leadership", "war room"}
    assert "locale=en" in driver.current_url and "audience=de%2Cit" in driver.current_url
    assert "leaders" not in driver.current_url.split("?", 1)[1], "the text never goes into the address"

    # Open a finding with the keyboard: focus its mark, press Enter.
    from selenium.webdriver.common.keys import Keys

    leaders = next(m for m in marks if m.text == "leaders")
    driver.execute_script("arguments[0].focus()", leaders)
    leaders.send_keys(Keys.ENTER)
    panel = css(driver, "li.fv-finding.fv-open")[0]
    assert leaders.get_attribute("aria-expanded") == "true"
    assert driver.switch_to.active_element == panel.find_element("css selector", ".fv-finding-head")
    readers = [r.get_attribute("data-locale") for r in panel.find_elements("css selector", ".fv-reader")]
    assert readers[0] == "en" and "de" in readers
    assert "Führer" in panel.text
    assert panel.find_elements("css selector", ".fv-sources li")

    # Choose an alternative: the Text area gets the fitted form and the page checks again.
    choice = panel.find_element("css selector", "button.fv-alt.fv-safe")
    chosen = choice.get_attribute("data-alternative")
    count = PROPOSAL.count("leaders")
    choice.click()
    wait_for(driver, lambda d: text_of(d).count("leaders") == count - 1)
    wait_for(driver, lambda d: len(css(d, "mark.fv-mark")) == len(marks) - 1)
    assert chosen in text_of(driver)

    # Apply all safe rewordings: what framing.fix would write.
    import framing

    expected, _ = framing.fix(text_of(driver), audience=["de", "it"])
    css(driver, "#apply-all")[0].click()
    wait_for(driver, lambda d: text_of(d) == expected)
    wait_for(driver, lambda d: "leaders" not in [m.text for m in css(d, "mark.fv-mark")])

    # Download the result.
    css(driver, "#download")[0].click()
    target = downloads / "text.txt"
    deadline = time.monotonic() + WAIT
    while not (target.exists() and target.read_text(encoding="utf-8") == expected):
        assert time.monotonic() < deadline, "the download did not arrive"
        time.sleep(0.1)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>window.pwned = 1</script> our leaders",
        '<img src=x onerror="window.pwned = 1"> our leaders',
        '"><svg onload="window.pwned = 1"> our leaders',
        "</textarea><script>window.pwned = 1</script> our leaders <!--",
    ],
)
def test_markup_in_the_text_is_shown_as_text_and_never_runs(driver, base_url, hostile):
    open_page(driver, base_url)
    set_text(driver, hostile)
    check(driver)
    assert driver.execute_script("return window.pwned") is None
    shown = css(driver, ".fv-text")[0]
    assert driver.execute_script("return arguments[0].textContent", shown) == hostile
    assert not shown.find_elements("css selector", "script, img, svg")
    assert [m.text for m in css(driver, "mark.fv-mark")] == ["leaders"]


def test_inline_script_is_refused_by_the_content_security_policy(driver, base_url):
    open_page(driver, base_url)
    driver.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.pwned = 2'; document.body.append(s);"
    )
    assert driver.execute_script("return window.pwned") is None


def test_the_german_page(base_url):
    with browser(language="de-DE") as driver:
        open_page(driver, base_url, "?audience=it")
        assert driver.find_element("css selector", "html").get_attribute("lang") == "de"
        assert driver.find_element("css selector", "label[for=text]").text == "Text"
        assert driver.find_element("css selector", "#check").text == "Prüfen"
        assert "Italienisch (it)" in driver.find_element("css selector", "#audience").text
        set_text(driver, "Unsere Führer treffen sich.")
        css(driver, "#locale option[value=de]")[0].click()
        check(driver)
        assert "Geprüft" in driver.find_element("css selector", "#status").text
        css(driver, "mark.fv-mark")[0].click()
        panel = css(driver, "li.fv-finding.fv-open")[0]
        assert "Lesende" in panel.text and "Alternativen" in panel.text
        assert "Ihre eigene Sprache (Deutsch)" in panel.text


def test_upload_fills_the_text_and_its_format(driver, base_url, tmp_path):
    page = tmp_path / "draft.wiki"
    page.write_text("'''Our''' [[Team|leaders]] meet.", encoding="utf-8")
    open_page(driver, base_url)
    css(driver, "#upload")[0].send_keys(str(page))
    wait_for(driver, lambda d: text_of(d) == "'''Our''' [[Team|leaders]] meet.")
    assert driver.execute_script("return document.getElementById('input-format').value") == "wikitext"
    check(driver)
    assert [m.text for m in css(driver, "mark.fv-mark")] == ["leaders"]


def test_a_binary_upload_shows_the_error_and_the_page_keeps_working(driver, base_url, tmp_path):
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    open_page(driver, base_url)
    css(driver, "#upload")[0].send_keys(str(binary))
    wait_for(driver, lambda d: "binary" in d.find_element("css selector", "#error").text)
    set_text(driver, "Our leaders meet.")
    check(driver)
    assert [m.text for m in css(driver, "mark.fv-mark")] == ["leaders"]


def test_keyboard_order_follows_the_page(driver, base_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(driver, base_url, "?audience=de")  # a fresh page: the keyboard starts at its top
    order = []
    for _ in range(8):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        order.append(active.get_attribute("id") or active.get_attribute("class") or active.tag_name)
    assert order[:7] == ["skip", "lang", "change", "text", "upload", "locale", "input-format"], order
    assert order[7].startswith("audience-")


def test_copy_puts_the_text_on_the_clipboard(driver, base_url):
    open_page(driver, base_url)
    origin = base_url.rstrip("/")
    driver.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}
    )
    set_text(driver, "Our coordinators meet.")
    css(driver, "#copy")[0].click()
    wait_for(driver, lambda d: d.find_element("css selector", "#status").text == "The text is copied.")
    pasted = driver.execute_async_script("navigator.clipboard.readText().then(arguments[0], e => arguments[0]('error: ' + e));")
    assert pasted == "Our coordinators meet."
