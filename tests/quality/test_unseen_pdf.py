"""The PDF fixtures show the text the question sets' evidence is checked against.

`tests/fixtures/unseen/vp2025_familjebehandling_kungsholmen.pdf`,
`ku2023_relationsvaldsenheten_rinkeby_kista.pdf` and `ku2024_ungdomsenheten_sodermalm.pdf` are
committed as LibreOffice exported them; `tests/support/unseen_pdf.py`, `unseen_ku_pdf.py` and
`unseen_ku2024_pdf.py` hold the content they were built from. No reader of
ours is used here (pdfplumber's plain word extraction only), so a reader bug cannot hide a
fixture that no longer matches its source.
"""

from __future__ import annotations

import re
from collections import Counter
from types import ModuleType

import pdfplumber
import pytest

from tests.support import (
    unseen_ku2019_scan_pdf,
    unseen_ku2024_pdf,
    unseen_ku_pdf,
    unseen_pdf,
    unseen_vp2021_pdf,
)

_WORD = re.compile(r"[0-9A-Za-zÅÄÖåäöéü]+")
_MAX_BYTES = 200_000


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text))


_BUILDERS = [unseen_pdf, unseen_ku_pdf, unseen_ku2024_pdf, unseen_vp2021_pdf]


@pytest.mark.parametrize("builder", _BUILDERS, ids=lambda m: m.NAME)
def test_pdf_holds_every_word_of_its_source(builder: ModuleType) -> None:
    with pdfplumber.open(builder.FIXTURE) as pdf:
        shown = _words("\n".join(page.extract_text() or "" for page in pdf.pages))
        pages = len(pdf.pages)
    missing = _words(builder.source_text()) - shown
    assert not missing, f"words of the source missing from the PDF (rebuild it): {dict(missing)}"
    assert pages >= 4


@pytest.mark.parametrize("builder", _BUILDERS, ids=lambda m: m.NAME)
def test_pdf_stays_small(builder: ModuleType) -> None:
    assert builder.FIXTURE.stat().st_size < _MAX_BYTES


def test_scanned_pdf_ocr_layer_holds_every_word_of_its_source() -> None:
    # The scanned fixture's text layer is OCR output: its words are the source's words garbled
    # as the OCR garbles them (mojibake), and a word hyphenated at a line end is two pieces.
    with pdfplumber.open(unseen_ku2019_scan_pdf.FIXTURE) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        pages = len(pdf.pages)
    shown = _words(re.sub(r"-\n", "", text))
    missing = _words(unseen_ku2019_scan_pdf.ocr_text(unseen_ku2019_scan_pdf.source_text())) - shown
    assert not missing, f"words of the source missing from the OCR layer (rebuild it): {dict(missing)}"
    assert "ä" not in text and "Ã¤" in text
    assert pages >= 4


def test_scanned_pdf_stays_small() -> None:
    assert unseen_ku2019_scan_pdf.FIXTURE.stat().st_size < _MAX_BYTES
