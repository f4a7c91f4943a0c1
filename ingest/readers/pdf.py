"""Reader for `.pdf`: tables as cell rows, the text around them as paragraphs, every line with its page."""

from __future__ import annotations

import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from ingest.readers.base import Line, RawDocument, ReadError
from ingest.readers.pdf_bands import banded_tables
from ingest.readers.pdf_cells import (
    clean,
    continuation_row,
    glue,
    inside,
    merge_rows,
    outside,
    resolve_breaks,
    ruled_tables,
    tidy_rows,
)
from ingest.readers.pdf_headings import heading_of, is_outline_heading, outline_levels, size_levels
from ingest.readers.pdf_layout import footnote_top, footnotes, reference_marks, text_columns, without_marks
from ingest.readers.pdf_tables import find_layout_tables

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# A visual line starting like this begins a new list item even without a gap above it.
_LIST_START = re.compile(r"^(?:[-–•▪◦*\uf0b7\uf0a7]\s|\d{1,2}[.)]\s|[a-z][.)]\s)")
# Page furniture: "3", "Sida 3", "Sida 3 av 20", "3 (20)", "3/20".
_PAGE_NUMBER = re.compile(r"^(?:sida\s*)?\d{1,4}(?:\s*(?:av|/)\s*\d{1,4}|\s*\(\d{1,4}\))?$", re.IGNORECASE)
_NOT_PDF = "filen är inte en giltig PDF (skadad eller fel filändelse). Spara om den som PDF och försök igen."
_CORRUPT = "PDF-filen är skadad och kunde inte läsas. Spara eller exportera den på nytt och försök igen."
_PASSWORD = "filen är lösenordsskyddad. Spara en kopia utan lösenord och läs in den igen."
_NO_TEXT = (
    "PDF-filen saknar textlager: den är inskannad och sidorna är bilder, så texten kan inte läsas. "
    "Planbot tolkar inte bilder (OCR). Gör så här: exportera originalet (t.ex. Word-filen) till PDF "
    "på nytt, eller läs in det som .docx, eller låt en OCR-tjänst göra en sökbar PDF av skanningen. "
    "Läs sedan in filen igen."
)
# The heading the footnotes are gathered under (they leave the pages they were printed on).
_NOTES_HEADING = "Fotnoter"
_SCANNED_LETTERS = 40  # letters per page below which a page of images is a scan (a stamp, a page number)
_MARGIN = 0.07  # share of the page height at top and bottom where running headers/footers live
_MARGIN_MIN = 56.0  # points


@dataclass
class _Visual:
    """One visual line of running text (before wrapped lines are joined)."""

    page: int
    text: str
    top: float
    bottom: float
    x1: float
    size: float
    bold: bool
    margin: bool = False
    first_word: float = 0.0  # width of the line's first word, in points
    right: float = 0.0  # the page's (or its text column's) right text edge
    # Reading order (block top, column, line top) of a line in a two-column block; else by top.
    order: tuple[float, int, float] | None = None


@dataclass
class _Table:
    page: int
    top: float
    rows: list[tuple[str, ...]]
    # Ruled, but text in one column only: a frame around text, or the overflow of a row that
    # a page break split (then it continues the table that ended the page before).
    fragment: bool = False
    # The rows before columns empty on this page were dropped: a table's continuation on the next
    # page may have a column empty that the first page filled.
    raw: list[tuple[str, ...]] | None = None


def _is_password_error(error: BaseException) -> bool:
    # pdfplumber wraps pdfminer's errors; the original is the first argument.
    candidates = [error, *(arg for arg in error.args if isinstance(arg, BaseException))]
    return any(isinstance(item, PDFPasswordIncorrect | PDFEncryptionError) for item in candidates)


def _read_page(page: Any, number: int) -> tuple[list[_Visual | _Table], int, list[str]]:
    """Extract one page's tables and visual text lines in reading order, its letter count and footnotes."""
    items: list[_Visual | _Table] = []
    bboxes: list[tuple[float, float, float, float]] = []
    char_sizes = sorted(float(c["size"]) for c in page.chars[:400])
    body = char_sizes[len(char_sizes) // 2] if char_sizes else 10.0
    height = float(page.height)
    letters = sum(1 for char in page.chars if str(char.get("text", "")).isalpha())
    # Headers sit in the top margin (at least ~2 cm) of portrait and landscape pages alike.
    band = max(height * _MARGIN, _MARGIN_MIN)
    # Footnote references leave the words and cells they are glued to; the notes leave the page
    # (the caller puts them at the end of the document).
    page = without_marks(page, reference_marks(page))
    notes: list[str] = []
    notes_top = footnote_top(page, (band, height - band))
    if notes_top is not None:
        area = (0.0, notes_top, float(page.width), height - band)
        printed = page.filter(inside(area)).extract_text_lines(strip=True)
        notes = footnotes(clean(line["text"]) for line in printed)
        page = page.filter(outside([area]))
    for table in banded_tables(page, page.find_tables(), body, (band, height - band)):
        bboxes.append(table.bbox)
        for part in ruled_tables(page, table, body):
            if max(sum(1 for cell in row if cell) for row in part.rows) < 2:
                items.append(_Table(page=number, top=part.top, rows=part.raw, fragment=True))
            else:
                items.append(_Table(page=number, top=part.top, rows=part.rows, raw=part.raw))
    # Two text columns are read column by column, and no table finder sees their gutter.
    columns = text_columns(page, list(bboxes), (band, height - band))
    bboxes.extend(block.bbox for block in columns)
    for bbox, rows in find_layout_tables(page, list(bboxes)):
        rows = tidy_rows(rows)
        if rows and max(sum(1 for cell in row if cell) for row in rows) >= 2:
            bboxes.append(bbox)
            items.append(_Table(page=number, top=bbox[1], rows=rows))
    text_page = page.filter(outside(bboxes)) if bboxes else page
    column_right: dict[int, float] = {}
    for block in columns:
        x0, top, x1, bottom = block.bbox
        for side, box in enumerate(((x0, top, block.gutter, bottom), (block.gutter, top, x1, bottom))):
            lines = _visuals(page.filter(inside(box)), number, band, height)
            edge = max((item.x1 for item in lines), default=0.0)
            for line in lines:
                line.order = (top, side, line.top)
                column_right[id(line)] = edge
            items.extend(lines)
    items.extend(_visuals(text_page, number, band, height))
    visuals = [item for item in items if isinstance(item, _Visual)]
    # The text's right edge: running headers and footers may reach further into the margin.
    body_lines = [item for item in visuals if not item.margin and id(item) not in column_right] or visuals
    right = max((item.x1 for item in body_lines), default=0.0)
    for item in visuals:
        item.right = column_right.get(id(item), right)
    items.sort(key=_reading_order)
    return items, letters, notes


def _reading_order(item: _Visual | _Table) -> tuple[float, int, float]:
    """Sort key: a two-column line by its block, column and top; anything else by its top."""
    order = item.order if isinstance(item, _Visual) else None
    return order or (item.top, 0, item.top)


def _visuals(text_page: Any, number: int, band: float, height: float) -> list[_Visual]:
    """The visual text lines of a (filtered) page."""
    visuals: list[_Visual] = []
    for raw in text_page.extract_text_lines(strip=True, return_chars=True):
        text = clean(raw["text"])
        chars = [c for c in raw["chars"] if c.get("text", "").strip()]
        if not text or not chars:
            continue
        sizes = Counter(round(float(c["size"]), 1) for c in chars)
        top, bottom = float(raw["top"]), float(raw["bottom"])
        # The first word's width from its glyphs (an average width misjudges words of wide letters).
        letters = len(text.split(" ", 1)[0])
        if 0 < letters <= len(chars):
            first_word = float(chars[letters - 1]["x1"]) - float(chars[0]["x0"])
        else:
            first_word = letters * (float(raw["x1"]) - float(raw["x0"])) / len(text)
        visuals.append(
            _Visual(
                page=number,
                text=text,
                top=top,
                bottom=bottom,
                x1=float(raw["x1"]),
                size=sizes.most_common(1)[0][0],
                bold=all(_BOLD.search(str(c.get("fontname", ""))) for c in chars),
                margin=bottom < band or top > height - band,
                first_word=first_word,
            )
        )
    return visuals


def _drop_furniture(pages: list[list[_Visual | _Table]]) -> None:
    """Remove running headers, footers and page numbers in the page margins (they break paragraphs)."""

    def key(line: _Visual) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    # Count each text once per page: a footer is furniture when it recurs on many pages.
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({key(item) for item in page if isinstance(item, _Visual) and item.margin})
    repeated = max(3, len(pages) // 2)
    for page in pages:
        page[:] = [
            item
            for item in page
            if not (
                isinstance(item, _Visual)
                and item.margin
                and (_PAGE_NUMBER.match(item.text) or (len(pages) >= 3 and seen[key(item)] >= repeated))
            )
        ]


def _continuing_rows(before: _Table, table: _Table) -> list[tuple[str, ...]] | None:
    """The rows of a table at the top of a page that continues the one ending the page before."""
    if table.page != before.page + 1:
        return None
    width = len(before.rows[0])
    for rows in (table.rows, table.raw):
        if rows and len(rows[0]) == width:
            return list(rows)
    return None


def _joined(parts: list[str]) -> str:
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = glue(text, part)  # hyphenation in running text too
    return text


def _to_lines(pages: list[list[_Visual | _Table]], outline: dict[str, int] | None = None) -> list[Line]:
    """Join wrapped visual lines into paragraphs; blank Lines separate blocks, as in the text format."""
    weights: Counter[float] = Counter()
    for page in pages:
        for item in page:
            if isinstance(item, _Visual):
                weights[item.size] += len(item.text)
    levels = size_levels(weights)
    outline = outline or {}
    lines: list[Line] = []
    parts: list[str] = []
    previous: _Visual | None = None

    def blank(page: int) -> None:
        if lines and lines[-1].text:
            lines.append(Line(text="", page=page))

    def flush() -> None:
        if previous is not None and parts:
            text = _joined(parts)
            heading = heading_of(text, levels.get(previous.size), previous.bold, outline)
            lines.append(Line(text=text, page=previous.page, heading=heading, emphasis=previous.bold))
        parts.clear()

    def ended(line: _Visual, following: _Visual) -> bool:
        # A wrapped line stops only where the next word no longer fits; if it would have fitted
        # (plus a space), the line was ended on purpose: end of paragraph or a manual break.
        return line.x1 + following.first_word + 0.6 * line.size < line.right

    last_table: _Table | None = None
    for page in pages:
        for item in page:
            if isinstance(item, _Table):
                flush()
                previous = None
                continued = _continuing_rows(last_table, item) if last_table is not None else None
                if item.fragment and continued is None:
                    # A frame drawn around text: its text is paragraphs.
                    for text in (cell for row in item.rows for cell in row if cell):
                        blank(item.page)
                        lines.append(Line(text=text, page=item.page))
                    blank(item.page)
                    continue
                rows = continued if continued is not None else list(item.rows)
                if last_table is not None and continued is not None:
                    # The table runs on from the previous page: no break, and the repeated header goes.
                    while lines and not lines[-1].text:
                        lines.pop()
                    if rows and rows[0] == last_table.rows[0]:
                        rows.pop(0)
                    # A frame of one column at the top of the page is the overflow of the last row.
                    split = item.fragment or (rows and continuation_row(rows[0], lines[-1].cells or ()))
                    if rows and lines and lines[-1].cells and split:
                        merged = merge_rows(lines[-1].cells, rows.pop(0))
                        lines[-1] = Line(text="\t".join(merged), page=lines[-1].page, cells=merged)
                else:
                    blank(item.page)
                lines.extend(Line(text="\t".join(row), page=item.page, cells=row) for row in rows)
                blank(item.page)
                if last_table is not None and continued is not None:
                    # Still the same table: its header and width carry over to the next page.
                    last_table = replace(last_table, page=item.page)
                elif not item.fragment:
                    last_table = item
                continue
            last_table = None
            if previous is not None:
                same_style = abs(item.size - previous.size) < 0.6 and item.bold == previous.bold
                if item.page != previous.page:
                    # Lines never join across pages (each Line has one page), but a paragraph that
                    # ran to the bottom edge continues on the next page: no blank between the halves.
                    flush()
                    if not same_style or ended(previous, item):
                        blank(item.page)
                elif item.top - previous.bottom > 0.5 * previous.size or not same_style:
                    flush()
                    blank(item.page)
                elif (
                    _LIST_START.match(item.text)
                    or ended(previous, item)
                    or is_outline_heading(_joined(parts), outline)
                ):
                    # A new list item, the previous line stopped short, or a whole heading: its
                    # paragraph ended.
                    flush()
            parts.append(item.text)
            previous = item
    flush()
    while lines and not lines[-1].text:
        lines.pop()
    return lines


def _notes_section(notes: list[tuple[int, str]]) -> list[Line]:
    """The document's footnotes, gathered under a heading of their own after the last page."""
    if not notes:
        return []
    lines = [Line(text="", page=notes[-1][0]), Line(text=_NOTES_HEADING, page=notes[-1][0], heading=1)]
    for page, note in notes:
        lines.extend((Line(text="", page=page), Line(text=note, page=page)))
    return lines


def read_pdf(path: Path, source: str, data: bytes) -> RawDocument:
    """Read a `.pdf` file with its text layer.

    Tables found by their ruling lines come out as one `Line` per row with `cells`; the
    text outside them comes out as paragraphs (wrapped lines joined), with blank `Line`s
    between blocks. Lines set in a font larger than the body text get a `heading` level.
    Every `Line` carries its 1-based `page`.

    Args:
        path: Where the file is.
        source: The file's name as ingested.
        data: Its bytes (already size-checked by the caller).

    Returns:
        The document's lines.

    Raises:
        ReadError: When the PDF is password-protected, damaged or has no text layer.
    """
    if b"%PDF" not in data[:1024]:
        raise ReadError(source, _NOT_PDF)
    pages: list[list[_Visual | _Table]] = []
    notes: list[tuple[int, str]] = []
    chars = imaged = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            outline = outline_levels(pdf)
            for number, page in enumerate(pdf.pages, start=1):
                items, count, page_notes = _read_page(page, number)
                pages.append(items)
                notes.extend((number, note) for note in page_notes)
                chars += count
                imaged += bool(page.images)
                page.close()  # frees the page's parsed objects; long plans otherwise hold them all
    except Exception as error:
        if _is_password_error(error):
            raise ReadError(source, _PASSWORD) from error
        raise ReadError(source, _CORRUPT) from error
    if not pages:
        raise ReadError(source, _CORRUPT)
    # A scan may still carry a little text (the scanner's stamp, a typed page number).
    if chars == 0 or (imaged * 2 >= len(pages) and chars < _SCANNED_LETTERS * len(pages)):
        raise ReadError(source, _NO_TEXT)
    _drop_furniture(pages)
    return RawDocument(
        source=source,
        path=path,
        content_hash=hashlib.sha256(data).hexdigest(),
        lines=resolve_breaks(_to_lines(pages, outline)) + _notes_section(notes),
        fmt="pdf",
    )
