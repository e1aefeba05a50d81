"""Compare the findings of the fast tokenizer with those of spaCy's blank tokenizer on the corpora.

Prints, per language, how many findings each gives and how many differ; exits 1 when
any differ. Run after ``prepare.py``: ``python benchmarks/agreement.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from framing.linter import Linter

CORPUS = Path(__file__).resolve().parent / ".work" / "corpus"
AUDIENCE = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "zh")


def main() -> int:
    """Return 0 when both tokenizers give the same findings on every 1 MB corpus, else 1."""
    differ = 0
    for language in ("en", "de", "fr", "es", "it"):
        text = (CORPUS / f"{language}-1mb.txt").read_text(encoding="utf-8")
        audience = [code for code in AUDIENCE if code != language]
        fast = Linter(language, audience, tokenizer="fast").lint(text)
        spacy = Linter(language, audience, tokenizer="spacy")
        spacy.nlp.max_length = len(text) + 1
        slow = spacy.lint(text)
        only_fast = set(fast) - set(slow)
        only_spacy = set(slow) - set(fast)
        differ += len(only_fast) + len(only_spacy)
        print(f"{language}: {len(fast)} findings (fast), {len(slow)} (spacy); only fast {len(only_fast)}, only spacy {len(only_spacy)}")
        for finding in sorted(only_fast | only_spacy, key=lambda f: f.start)[:10]:
            side = "fast" if finding in only_fast else "spacy"
            context = text[max(0, finding.start - 40) : finding.end + 40].replace("\n", " ")
            print(f"   {side}: {finding.concept} {finding.locale} {finding.text!r} in …{context}…")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
