"""The document view's style and the browser helpers: contrast that reads, and no silent skips."""

from __future__ import annotations

import re
from pathlib import Path

import chromium
import pytest

STATIC = Path(__file__).parent.parent / "framing" / "view" / "static"


def luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


VARIABLES = dict(re.findall(r"--(fv-[\w-]+):\s*(#[0-9a-fA-F]{6})", (STATIC / "view.css").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("fv-ink", "fv-paper"),
        ("fv-muted", "fv-paper"),
        ("fv-ink", "fv-error-bg"),
        ("fv-ink", "fv-warning-bg"),
        ("fv-ink", "fv-suggestion-bg"),
        ("fv-error-ink", "fv-error-bg"),
        ("fv-warning-ink", "fv-warning-bg"),
        ("fv-suggestion-ink", "fv-suggestion-bg"),
        ("fv-focus", "fv-paper"),
    ],
)
def test_text_colours_reach_wcag_aa_contrast(text, background):
    assert contrast(VARIABLES[text], VARIABLES[background]) >= 4.5


def test_severity_is_told_by_more_than_colour():
    css = (STATIC / "view.css").read_text(encoding="utf-8")
    pattern = r"\.fv-mark\.fv-sev-{} \{{[^}}]*underline (\w+)"
    styles = {s: re.search(pattern.format(s), css).group(1) for s in ("error", "warning", "suggestion")}
    assert len(set(styles.values())) == 3, styles


def test_a_missing_browser_fails_the_test_rather_than_skipping_it(monkeypatch, tmp_path):
    monkeypatch.setattr(chromium, "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium chromium-driver"):
        chromium.require_browser()
