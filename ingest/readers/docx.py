"""Reader for `.docx`: paragraphs and tables in document order, headings from paragraph styles."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.readers.base import Line, RawDocument, ReadError
from ingest.readers.docx_lists import ListMarkers, num_properties

# Built-in names are stored in English even by Swedish Word, but templates sometimes rename them.
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title": 1, "rubrik": 1, "subtitle": 2, "underrubrik": 2}
_LIST_STYLE = re.compile(r"list|lista|punkt", re.IGNORECASE)
_CORRUPT = (
    "filen är inte en giltig Word-fil (.docx), den är skadad eller har fel filändelse. "
    "Öppna den i Word, spara som .docx och försök igen."
)
_OLD_FORMAT = "filen är i det gamla Word-formatet (.doc). Öppna den i Word, spara som .docx och försök igen."
_EMPTY = "Word-filen innehåller ingen text. Kontrollera att rätt fil valdes och försök igen."
_PASSWORD = "filen är lösenordsskyddad. Spara en kopia utan lösenord och läs in den igen."


def _clean(text: str) -> str:
    # Tabs inside a paragraph are layout (tab stops, table of contents), not table cells.
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


@dataclass(frozen=True)
class _Style:
    """What a style (with the styles it is based on) says about its paragraphs or runs."""

    heading: int | None = None
    bold: bool | None = None
    italic: bool | None = None
    is_list: bool = False
    num_id: str | None = None  # the list a style numbers its paragraphs in ("List Number")
    num_level: int | None = None


class _Styles:
    """Style facts by style id, resolved once: python-docx looks styles up linearly on every access."""

    def __init__(self, document: Any) -> None:
        self._document = document
        self._cache: dict[tuple[str | None, bool], _Style] = {}

    def get(self, style_id: str | None, paragraph: bool = True) -> _Style:
        key = (style_id, paragraph)
        if key not in self._cache:
            kind = WD_STYLE_TYPE.PARAGRAPH if paragraph else WD_STYLE_TYPE.CHARACTER
            style = self._document.styles.get_by_id(style_id, kind)
            self._cache[key] = self._resolve(style)
        return self._cache[key]

    @staticmethod
    def _resolve(style: Any) -> _Style:
        heading: int | None = None
        bold: bool | None = None
        italic: bool | None = None
        is_list = False
        num_id: str | None = None
        num_level: int | None = None
        depth = 0
        # Custom styles are often based on a heading or list style: walk the chain (bounded: loops exist).
        while style is not None and depth < 10:
            name = (style.name or "").strip()
            match = _HEADING_STYLE.match(name)
            if heading is None and match:
                heading = max(1, int(match.group(1)))
            elif heading is None and name.lower() in _TITLE_STYLES:
                heading = _TITLE_STYLES[name.lower()]
            is_list = is_list or bool(_LIST_STYLE.search(name))
            if num_id is None:
                num_id, num_level = num_properties(style.element.pPr)
            font = getattr(style, "font", None)
            if font is not None:
                bold = font.bold if bold is None else bold
                italic = font.italic if italic is None else italic
            style = style.base_style
            depth += 1
        return _Style(
            heading=heading, bold=bold, italic=italic, is_list=is_list, num_id=num_id, num_level=num_level
        )


def _heading_level(paragraph: Paragraph, style: _Style) -> int | None:
    if style.heading is not None:
        return style.heading
    # Direct formatting may carry an outline level without a heading style.
    level = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if level is not None:
        value = int(level.get(qn("w:val"), "9"))
        if value < 9:
            return value + 1
    return None


def _emphasised(paragraph: Paragraph, style: _Style, styles: _Styles) -> bool:
    """True when every run with text is bold (or every one italic), directly or through its style."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs:
        return False
    for attribute in ("bold", "italic"):
        inherited = bool(getattr(style, attribute))
        flags = []
        for run in runs:
            value = getattr(run, attribute)
            if value is None and run._r.style is not None:
                value = getattr(styles.get(run._r.style, paragraph=False), attribute)
            flags.append(inherited if value is None else bool(value))
        if all(flags):
            return True
    return False


def _is_list_item(paragraph: Paragraph, style: _Style) -> bool:
    return style.is_list or paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None


def _list_marker(paragraph: Paragraph, style: _Style, markers: ListMarkers) -> str | None:
    """The number or bullet Word draws before a list paragraph (its own numbering, else its style's)."""
    num_id, level = num_properties(paragraph._p.pPr)
    if num_id is None:
        num_id, level = style.num_id, style.num_level
    if num_id in (None, "0"):  # numId 0 switches a style's numbering off
        return None
    return markers.marker(num_id, level)


def _row_cells(row: Any) -> tuple[str, ...]:
    """A row's cell texts; python-docx repeats a horizontally merged cell once per grid column."""
    cells: list[str] = []
    previous = None
    for cell in row.cells:
        if cell._tc is previous:
            continue
        previous = cell._tc
        cells.append(_text(cell))
    return tuple(cells)


def _text(cell: Any) -> str:
    return re.sub(r"\s+", " ", cell.text).strip()


def _header_depth(rows: list[Any]) -> int:
    """How many leading rows form the table's header: 1, or more for a stacked (merged) header.

    Word tables group columns under a merged caption ("Årsmål 2026" over "KF:s årsmål" and
    "Enhetens årsmål"), with the ungrouped captions ("Indikator") merged down over both rows.
    The next row belongs to the header when it continues a vertically merged cell of the row
    above and splits a cell that row merges across columns. python-docx gives every grid
    column its cell, a merged cell once per column it covers.
    """
    depth = 1
    while depth < min(len(rows), 3):
        upper, lower = rows[depth - 1].cells, rows[depth].cells
        if len(upper) != len(lower):
            break
        continued = any(a._tc is b._tc for a, b in zip(upper, lower, strict=True))
        split = any(
            upper[i]._tc is upper[i + 1]._tc and lower[i]._tc is not lower[i + 1]._tc
            for i in range(len(upper) - 1)
        )
        if not (continued and split):
            break
        depth += 1
    return depth


def _header_cells(rows: list[Any]) -> tuple[str, ...]:
    """One header cell per column under a stacked header: its captions top down, joined by " – "."""
    columns: list[tuple[Any, ...]] = []
    for position in range(len(rows[0].cells)):
        stack = tuple(row.cells[position] for row in rows)
        if columns and all(a._tc is b._tc for a, b in zip(columns[-1], stack, strict=True)):
            continue  # a cell merged across columns in every header row: one column
        columns.append(stack)
    cells: list[str] = []
    for stack in columns:
        parts: list[str] = []
        previous = None
        for cell in stack:
            if cell._tc is not previous and _text(cell):
                parts.append(_text(cell))
            previous = cell._tc
        cells.append(" – ".join(parts))
    return tuple(cells)


def _table_rows(table: Table) -> Iterator[tuple[str, ...]]:
    """A table's rows as cell texts, a stacked header folded into one header row."""
    rows = list(table.rows)
    if not rows:
        return
    depth = _header_depth(rows)
    if depth > 1:
        yield _header_cells(rows[:depth])
        rows = rows[depth:]
    for row in rows:
        yield _row_cells(row)


def _blocks(parent: Any, document: Any) -> Iterator[Paragraph | Table]:
    """Body paragraphs and tables in document order, descending into content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, document)


def _lines(document: Any) -> list[Line]:
    """Lines in the shape the text format has: blank Lines between paragraphs, none inside lists."""
    lines: list[Line] = []
    previous_list = False
    styles = _Styles(document)
    markers = ListMarkers(document)

    def blank() -> None:
        if lines and lines[-1].text:
            lines.append(Line(text=""))

    for block in _blocks(document.element.body, document):
        if isinstance(block, Table):
            blank()
            for cells in _table_rows(block):
                if any(cells):
                    lines.append(Line(text="\t".join(cells), cells=cells))
            blank()
            previous_list = False
            continue
        style = styles.get(block._p.style)
        heading = _heading_level(block, style)
        emphasis = _emphasised(block, style, styles)
        is_list = _is_list_item(block, style)
        if not (is_list and previous_list):
            blank()
        previous_list = is_list
        if heading is not None:
            text = _clean(block.text.replace("\n", " "))
            if text:
                lines.append(Line(text=text, heading=heading, emphasis=emphasis))
            continue
        marker = _list_marker(block, style, markers)
        # Manual line breaks (Shift+Enter) separate lines such as an address block.
        for part in block.text.split("\n"):
            text = _clean(part)
            if text and marker and not text.startswith(marker):
                text = f"{marker} {text}"
            marker = None
            if text:
                lines.append(Line(text=text, emphasis=emphasis))
    while lines and not lines[-1].text:
        lines.pop()
    return lines


def read_docx(path: Path, source: str, data: bytes) -> RawDocument:
    """Read a `.docx` file.

    Paragraphs and tables come out in document order. Headings come from the paragraph
    style ("Heading 1"/"Rubrik 1" → 1, "Title" → 1, styles based on them likewise); whole
    bold or italic paragraphs get `emphasis`; list paragraphs start with the number or bullet
    Word draws for them ("1.", "•"), which is not in their text; each table row is one `Line`
    with `cells` (horizontally merged cells once; a header stacked over two or three rows with
    merged cells becomes one header row whose cells join their captions top down: "Årsmål
    2026 – KF:s årsmål"). DOCX has no fixed pages, so `page` is None.

    Args:
        path: Where the file is.
        source: The file's name as ingested.
        data: Its bytes (already size-checked by the caller).

    Returns:
        The document's lines.

    Raises:
        ReadError: When the file is not a readable .docx (damaged, old .doc, encrypted).
    """
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE container: either an old binary .doc renamed, or a password-encrypted .docx.
        message = _PASSWORD if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00" in data else _OLD_FORMAT
        raise ReadError(source, message)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = _lines(document)
    except Exception as error:  # zipfile, lxml and python-docx raise many kinds on a damaged file
        raise ReadError(source, _CORRUPT) from error
    if not lines:
        raise ReadError(source, _EMPTY)
    return RawDocument(
        source=source,
        path=path,
        content_hash=hashlib.sha256(data).hexdigest(),
        lines=lines,
        fmt="docx",
    )
