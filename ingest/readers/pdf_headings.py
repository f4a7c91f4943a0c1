"""PDF heading levels: from the bookmarks, from numbering ("3.2.1"), or from font sizes."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+[A-ZÅÄÖ]")
_HEADING_STEP = 1.0  # points above the body size before a line counts as a heading
_HEADING_MAX_CHARS = 200  # a longer block in a large font is an introduction set big


def size_levels(weights: Counter[float]) -> dict[float, int]:
    """A heading level for each font size larger than the body's (the size with most characters).

    Args:
        weights: Characters set in each font size.

    Returns:
        Level by font size, largest first (at most 3).
    """
    if not weights:
        return {}
    body = weights.most_common(1)[0][0]
    larger = sorted({size for size in weights if size >= body + _HEADING_STEP}, reverse=True)
    return {size: min(rank, 3) for rank, size in enumerate(larger, start=1)}


def _outline_key(text: str) -> str:
    # Bookmark titles drop the line breaks and sometimes the punctuation of the heading.
    return re.sub(r"\W+", " ", text).strip().lower()


def outline_levels(pdf: Any) -> dict[str, int]:
    """Heading levels from the PDF's bookmarks, by heading text.

    Word ("Create bookmarks using headings") and LibreOffice export the heading outline as
    bookmarks; it is the surest source of levels, since heading styles often share the body size.

    Args:
        pdf: An open pdfplumber PDF.

    Returns:
        Level (1 = top) by normalised heading text; empty when the PDF has no bookmarks.
    """
    try:
        entries = list(pdf.doc.get_outlines())
    except Exception:  # PDFNoOutlines, or a damaged outline: fall back to font sizes
        return {}
    return {_outline_key(str(entry[1])): int(entry[0]) for entry in entries if entry[1]}


def is_outline_heading(text: str, outline: dict[str, int]) -> bool:
    """Whether a paragraph's text so far is a whole bookmark title (the heading ends there).

    A heading that fills its line looks like a wrapped line, and a bold paragraph right under it
    in the same size would be read as its continuation; the bookmark says where the heading ends.
    """
    return bool(outline) and _outline_key(text) in outline


def heading_of(text: str, size_level: int | None, bold: bool, outline: dict[str, int]) -> int | None:
    """A paragraph's heading level: its bookmark's, its numbering's (when bold), or its font size's.

    Args:
        text: The paragraph.
        size_level: The level its font size gives, if larger than the body.
        bold: Whether it is set in bold.
        outline: Levels by heading text from the bookmarks (`outline_levels`).

    Returns:
        The level, or None for body text.
    """
    if len(text) > _HEADING_MAX_CHARS:
        return None  # a long block in a large font is an introduction set big, not a heading
    level = outline.get(_outline_key(text))
    if level is not None:
        return level
    numbered = _NUMBERED.match(text)
    if size_level is None and bold and numbered:
        return min(numbered.group(1).count(".") + 1, 6)  # "3.2.1 Uppsökande arbete" is level 3
    return size_level
