"""Reader for `.docx`: paragraphs and tables in document order, headings from paragraph styles."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.readers.base import Line, RawDocument, ReadError

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


def _style_chain(paragraph: Paragraph) -> Iterator[Any]:
    """The paragraph's style and the styles it is based on (custom styles often inherit a heading)."""
    style = paragraph.style
    seen = 0
    while style is not None and seen < 10:
        yield style
        style = style.base_style
        seen += 1


def _heading_level(paragraph: Paragraph) -> int | None:
    for style in _style_chain(paragraph):
        name = (style.name or "").strip()
        match = _HEADING_STYLE.match(name)
        if match:
            return max(1, int(match.group(1)))
        if name.lower() in _TITLE_STYLES:
            return _TITLE_STYLES[name.lower()]
    # Direct formatting may carry an outline level without a heading style.
    level = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if level is not None:
        value = int(level.get(qn("w:val"), "9"))
        if value < 9:
            return value + 1
    return None


def _style_flag(paragraph: Paragraph, attribute: str) -> bool:
    for style in _style_chain(paragraph):
        value = getattr(style.font, attribute, None)
        if value is not None:
            return bool(value)
    return False


def _emphasised(paragraph: Paragraph) -> bool:
    """True when every run with text is bold (or every one italic), directly or through its style."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs:
        return False
    for attribute in ("bold", "italic"):
        inherited = _style_flag(paragraph, attribute)
        flags = []
        for run in runs:
            value = getattr(run, attribute)
            if value is None and run.style is not None:
                value = getattr(run.style.font, attribute)
            flags.append(inherited if value is None else bool(value))
        if all(flags):
            return True
    return False


def _is_list_item(paragraph: Paragraph) -> bool:
    if paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
        return True
    return any(_LIST_STYLE.search(style.name or "") for style in _style_chain(paragraph))


def _row_cells(row: Any) -> tuple[str, ...]:
    """A row's cell texts; python-docx repeats a horizontally merged cell once per grid column."""
    cells: list[str] = []
    previous = None
    for cell in row.cells:
        if cell._tc is previous:
            continue
        previous = cell._tc
        cells.append(re.sub(r"\s+", " ", cell.text).strip())
    return tuple(cells)


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

    def blank() -> None:
        if lines and lines[-1].text:
            lines.append(Line(text=""))

    for block in _blocks(document.element.body, document):
        if isinstance(block, Table):
            blank()
            for row in block.rows:
                cells = _row_cells(row)
                if any(cells):
                    lines.append(Line(text="\t".join(cells), cells=cells))
            blank()
            previous_list = False
            continue
        heading = _heading_level(block)
        emphasis = _emphasised(block)
        is_list = _is_list_item(block)
        if not (is_list and previous_list):
            blank()
        previous_list = is_list
        if heading is not None:
            text = _clean(block.text.replace("\n", " "))
            if text:
                lines.append(Line(text=text, heading=heading, emphasis=emphasis))
            continue
        # Manual line breaks (Shift+Enter) separate lines such as an address block.
        for part in block.text.split("\n"):
            text = _clean(part)
            if text:
                lines.append(Line(text=text, emphasis=emphasis))
    while lines and not lines[-1].text:
        lines.pop()
    return lines


def read_docx(path: Path, source: str, data: bytes) -> RawDocument:
    """Read a `.docx` file.

    Paragraphs and tables come out in document order. Headings come from the paragraph
    style ("Heading 1"/"Rubrik 1" → 1, "Title" → 1, styles based on them likewise); whole
    bold or italic paragraphs get `emphasis`; each table row is one `Line` with `cells`
    (horizontally merged cells once). DOCX has no fixed pages, so `page` is None.

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
