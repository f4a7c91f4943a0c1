"""Reader for `.txt` and `.md`: Markdown-like headings, tab-separated or pipe tables, stray HTML tags."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingest.readers.base import Line, RawDocument, ReadError
from ingest.readers.text_columns import align_columns

_TAG = re.compile(r"</?(?:b|i|u|strong|em|br|span|p|sup|sub)\b[^>]*>", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
# Bold/italic markers around a whole line or inside it: **x**, ***x***, *x*, __x__.
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
# The rule under a pipe table's header: "|---|:--:|".
_PIPE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")


def _utf16_encoding(data: bytes) -> str | None:
    """'utf-16' for text with a UTF-16 byte order mark (Notepad's "Unicode"), else None.

    Without a BOM, text whose every other byte is NUL in the first 4 KiB (Latin text in
    UTF-16) counts too: binary files have NULs but not in that strict pattern.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 8 and len(head) % 2 == 0:
        if b"\x00" not in head[0::2] and set(head[1::2]) == {0}:
            return "utf-16-le"
        if b"\x00" not in head[1::2] and set(head[0::2]) == {0}:
            return "utf-16-be"
    return None


def decode(data: bytes, source: str) -> str:
    """Decode document bytes: UTF-16 when marked, else UTF-8, then the Windows encodings Swedish offices use.

    Args:
        data: The raw file content.
        source: File name, for the error message.

    Returns:
        The text.

    Raises:
        ReadError: When the bytes look binary (NUL bytes) rather than text.
    """
    utf16 = _utf16_encoding(data)
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise ReadError(
                source,
                'filen ser ut att vara UTF-16 ("Unicode" i Anteckningar) men går inte att avkoda. '
                "Spara den som .txt med UTF-8 och försök igen.",
            ) from exc
    if b"\x00" in data[:4096]:
        raise ReadError(
            source, "filen ser ut att vara binär, inte text. Spara den som .txt (UTF-8), .pdf eller .docx."
        )
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1", errors="replace")  # pragma: no cover - latin-1 accepts every byte


def clean_inline(text: str) -> tuple[str, bool]:
    """Strip inline markup from one line.

    Returns:
        The clean text and whether the whole line was emphasised (bold or italic).
    """
    text = _TAG.sub("", text)
    stripped = text.strip()
    whole = bool(stripped) and bool(re.fullmatch(r"(\*{1,3}|_{2,3}).+?\1(\*{1,3}.*?\*{1,3})*", stripped))
    previous = None
    while previous != text:  # nested markers (***x***) need more than one pass
        previous = text
        text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("**", "")
    return text.replace("\u00a0", " ").strip(), whole


def pipe_cells(raw: str) -> tuple[str, ...] | None:
    """The cells of a Markdown pipe-table row ("| Indikator | 2020 |"), or None for other lines.

    Only lines that start and end with a pipe count: prose with a stray "|" stays prose. An
    escaped pipe ("\\|") stays inside its cell.
    """
    stripped = raw.strip()
    if len(stripped) < 3 or not (stripped.startswith("|") and stripped.endswith("|")):
        return None
    inner = stripped[1:-1].replace("\\|", "\x00")
    return tuple(cell.replace("\x00", "|").strip() for cell in inner.split("|"))


def lines_from_text(text: str) -> list[Line]:
    """Turn Markdown-like text into `Line`s (shared by readers that produce plain text).

    Tab-separated lines and Markdown pipe-table rows become table rows (`cells`); the rule
    under a pipe table's header is layout and is dropped.
    """
    lines: list[Line] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A form feed is the page break text exports of PDFs write (pdftotext): it gives real pages.
    pages = text.split("\f")
    paged = len(pages) > 1
    for number, page_text in enumerate(pages, start=1):
        page = number if paged else None
        for raw in align_columns(page_text).split("\n"):
            _add_raw(lines, raw, page)
    if paged and lines and not lines[-1].text and lines[-1].cells is None:
        lines.pop()  # the form feed after the last page leaves an empty page behind
    return lines


def _add_raw(lines: list[Line], raw: str, page: int | None) -> None:
    """Append one raw text line as a `Line` (table row, heading or text)."""
    if "|" in raw and _PIPE_RULE.match(raw.strip()):
        return
    piped = pipe_cells(raw)
    if piped is not None:
        cells = tuple(clean_inline(cell)[0] for cell in piped)
        lines.append(Line(text="\t".join(cells).strip(), page=page, cells=cells))
        return
    if "\t" in raw and raw.strip():
        cells = tuple(clean_inline(cell)[0] for cell in raw.split("\t"))
        lines.append(Line(text="\t".join(cells).strip(), page=page, cells=cells))
        return
    heading = None
    match = _HEADING.match(raw.strip())
    if match:
        heading = len(match.group(1))
        raw = match.group(2)
    clean, emphasis = clean_inline(raw)
    # Drop list bullets' markup but keep the text; empty lines become blank separators.
    lines.append(Line(text=clean, page=page, heading=heading if clean else None, emphasis=emphasis))


def read_text(path: Path, source: str, data: bytes) -> RawDocument:
    """Read a `.txt` / `.md` file.

    Args:
        path: Where the file is.
        source: The file's name as ingested.
        data: Its bytes (already size-checked by the caller).

    Returns:
        The document's lines.
    """
    text = decode(data, source)
    if not text.strip():
        raise ReadError(source, "filen är tom. Kontrollera att rätt fil exporterades och försök igen.")
    return RawDocument(
        source=source,
        path=path,
        content_hash=hashlib.sha256(data).hexdigest(),
        lines=lines_from_text(text),
        fmt=path.suffix.lower().lstrip(".") or "txt",
    )
