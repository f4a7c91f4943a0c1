"""The bundled sample documents (and the unseen-layout fixtures) as text, for the question-set
tests' evidence checks."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from tests.support import (
    unseen_ku2019_scan_pdf,
    unseen_ku2024_pdf,
    unseen_ku_pdf,
    unseen_pdf,
    unseen_rutin_pdf,
    unseen_vp2021_pdf,
    unseen_vp_docx,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "samples"
# Documents in layouts the parser was not written for; a set in more/ may ask about them (the
# eval data directory is then ingested with them beside the samples, see docs/quality.md).
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
# Fixtures committed as PDF (made from Word by LibreOffice) or as .docx: their text is the text
# they were built from, so evidence is checked against the words the document holds, not against what
# the PDF reader under test makes of them (tests/quality/test_unseen_pdf.py ties the two).
PDF_SOURCES: dict[str, Callable[[], str]] = {
    unseen_pdf.NAME: unseen_pdf.source_text,
    unseen_ku_pdf.NAME: unseen_ku_pdf.source_text,
    unseen_ku2024_pdf.NAME: unseen_ku2024_pdf.source_text,
    unseen_vp_docx.NAME: unseen_vp_docx.source_text,
    unseen_rutin_pdf.NAME: unseen_rutin_pdf.source_text,
    unseen_vp2021_pdf.NAME: unseen_vp2021_pdf.source_text,
    unseen_ku2019_scan_pdf.NAME: unseen_ku2019_scan_pdf.source_text,
}


def document_names() -> set[str]:
    """The file names a question set may give as its `source`: samples and unseen fixtures."""
    return {p.name for folder in (SAMPLES, UNSEEN) for p in folder.iterdir() if p.is_file()}


@cache
def sample_text(name: str) -> str:
    """The text of one sample document, or of an unseen fixture when no sample has the name."""
    if name in PDF_SOURCES:
        return PDF_SOURCES[name]()
    path = SAMPLES / name
    if not path.exists():
        path = UNSEEN / name
    return path.read_text(encoding="utf-8")


def rows_around(text: str, evidence: str) -> str:
    """The whole lines of `text` the evidence lies on (a table row for a cell)."""
    start = text.index(evidence)
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", start + len(evidence))
    return text[first : last if last != -1 else len(text)]
