"""The PDF fixture shows the text the question set's evidence is checked against.

`tests/fixtures/unseen/vp2025_familjebehandling_kungsholmen.pdf` is committed as LibreOffice
exported it; `tests/support/unseen_pdf.py` holds the content it was built from. No reader of
ours is used here (pdfplumber's plain word extraction only), so a reader bug cannot hide a
fixture that no longer matches its source.
"""

from __future__ import annotations

import re
from collections import Counter

import pdfplumber

from tests.support import unseen_pdf

_WORD = re.compile(r"[0-9A-Za-zÅÄÖåäöéü]+")
_MAX_BYTES = 200_000


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text))


def test_pdf_holds_every_word_of_its_source() -> None:
    with pdfplumber.open(unseen_pdf.FIXTURE) as pdf:
        shown = _words("\n".join(page.extract_text() or "" for page in pdf.pages))
        pages = len(pdf.pages)
    missing = _words(unseen_pdf.source_text()) - shown
    assert not missing, f"words of the source missing from the PDF (rebuild it): {dict(missing)}"
    assert pages >= 4


def test_pdf_stays_small() -> None:
    assert unseen_pdf.FIXTURE.stat().st_size < _MAX_BYTES
