"""Take the README's screenshots again: the HTML report and the web page, of examples/proposal.md.

    python docs/images/screenshots.py

Needs Debian's chromium and chromium-driver and the test extra (Selenium); writes
docs/images/report-html.png and docs/images/serve-page.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from chromium import browser, served  # noqa: E402  (the tests' browser helpers)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from framing.web.app import create_app  # noqa: E402

AUDIENCE = "de,it,es,pt,ru,pl"
IMAGES = ROOT / "docs" / "images"


def report() -> None:
    """Screenshot the HTML report with the panel of the first "leaders" open."""
    page = subprocess.run(
        [sys.executable, "-m", "framing", "lint", "examples/proposal.md", "--audience", AUDIENCE, "--format", "html"],
        cwd=ROOT, capture_output=True, text=True, env={"LANGUAGE": "en", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.html"
        path.write_text(page, encoding="utf-8")
        with browser() as driver:
            driver.set_window_size(1300, 900)
            driver.get(path.as_uri())
            next(m for m in driver.find_elements(By.CSS_SELECTOR, "mark.fv-mark") if m.text == "leaders").click()
            driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(str(IMAGES / "report-html.png"))


def page() -> None:
    """Screenshot the web page after checking the proposal, with the panel of the first "leaders" open."""
    text = (ROOT / "examples" / "proposal.md").read_text(encoding="utf-8")
    with served(create_app()) as url, browser() as driver:
        driver.set_window_size(1300, 1700)
        driver.get(url + f"?locale=en&audience={AUDIENCE}")
        driver.execute_script("document.getElementById('text').value = arguments[0];", text)
        driver.find_element(By.CSS_SELECTOR, "#input-format option[value=markdown]").click()
        driver.find_element(By.ID, "check").click()
        WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "mark.fv-mark"))
        next(m for m in driver.find_elements(By.CSS_SELECTOR, "mark.fv-mark") if m.text == "leaders").click()
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(IMAGES / "serve-page.png"))


if __name__ == "__main__":
    report()
    page()
