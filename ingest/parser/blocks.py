"""First pass: turn reader lines into blocks (blank, text, heading, table) with their pages.

Headings come marked (Markdown `#`, DOCX styles, PDF font sizes), emphasised, or not marked
at all; plain-text headings are recognised by standing alone, being short and not ending
like a sentence. Tables of contents, page markers ("Sid 19 (44)") and the page-header
residue OCR leaves around them are dropped here so they never reach goals or sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ingest.parser.flat_tables import unflatten_tables
from ingest.parser.goals import is_prompt, is_top_heading, match_label, match_subheading, split_glued
from ingest.parser.tables import header_columns
from ingest.parser.text import PAGE_MARKER_RE, TOC_RE, fold, squash
from ingest.readers.base import Line

Kind = Literal["blank", "text", "heading", "table"]
_FURNITURE = {"stockholm.se"}  # running footer of the city's documents
_TOC_ENTRY = re.compile(r"\D\s+\d{1,3}$")
# A running header or footer: a short line seen this often, at least once beside a page marker.
_RUNNING_MIN = 3
_RUNNING_MAX = 80
# How many lines at the top and at the bottom of a real page may be its running header/footer.
_EDGE_LINES = 2
# A heading's own number: "3", "2.1", "2.1.1" followed by a capitalised word (not "1." of a list).
# "2. MÅL OCH …" with a dot counts when the wording is in capitals (a list item never is).
_SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\s+[A-ZÅÄÖ]|\.\s+[A-ZÅÄÖ]{2})")
_SECTION_NUMBER_ONLY = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\s+")


@dataclass
class Block:
    """One unit of the document for the structure pass."""

    kind: Kind
    text: str = ""
    page: int | None = None
    level: int | None = None  # Markdown/DOCX heading level when the format gives one
    depth: int | None = None  # depth of the heading's own number ("2.1 …" is 2), if it has one
    top: bool = False  # a template top-level heading (ends the goal chain)
    prompt: bool = False  # a quality-award question ("Beskriv hur ni …")
    rows: list[Line] = field(default_factory=list)
    row_pages: dict[int, int | None] = field(default_factory=dict)


def _is_blank(line: Line | None) -> bool:
    return line is None or (not line.text.strip() and line.cells is None)


def section_depth(text: str) -> int | None:
    """How deep a heading's own number puts it ('3 Ekonomi' 1, '2.1.1 Nämndmål' 3), or None."""
    match = _SECTION_NUMBER.match(text)
    return match.group(1).count(".") + 1 if match else None


def _plain_heading(text: str, before: Line | None, after: Line | None) -> bool:
    """A line without markup that still reads as a heading: alone, short, not a sentence.

    A heading with a multi-level number ('3.1 Budget 2024') needs no blank line after it:
    exports often put the text right under it, and a numbered list item reads '1. …'.
    """
    depth = section_depth(text)
    alone_after = _is_blank(after) or (after is not None and after.cells is not None) or (depth or 0) >= 2
    if not (_is_blank(before) and alone_after):
        return False
    words = text.split()
    # The heading's own number is not part of its wording ("3.1 Budget 2024").
    wording = _SECTION_NUMBER_ONLY.sub("", text) if depth else text
    letters = sum(1 for c in wording if c.isalpha())
    if not words or len(text) > 80 or len(words) > 12 or letters < 0.5 * len(wording.replace(" ", "")):
        return False
    if text[-1] in ".,;!" or text.startswith(("-", "•", "*", "–")) or (text.endswith(":") and len(words) > 4):
        return False
    return text[0].isupper() or bool(re.match(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÅÄÖ]", text))


def _emphasis_heading(line: Line) -> bool:
    text = line.text.strip()
    return line.emphasis and 0 < len(text) <= 150 and text[-1] not in ".,;" and not text.startswith("-")


def _is_junk(text: str) -> bool:
    """Page-header residue: very short or letter-poor lines, 'stockholm.se'."""
    letters = sum(1 for c in text if c.isalpha())
    return fold(text) in {"stockholm.se", "tjansteutlatande"} or len(text) <= 25 or letters < 4


def to_blocks(lines: list[Line], award: bool) -> list[Block]:
    """Classify every line; group table rows into tables (a header row starts a new table).

    Args:
        lines: The reader's lines.
        award: Whether the document is a quality-award application (its questions are headings).

    Returns:
        The blocks in document order.
    """
    lines = unflatten_tables(lines)
    blocks: list[Block] = []
    estimated = marker_pages(lines)
    running = running_lines(lines)
    in_toc = False
    index = 0
    while index < len(lines):
        line = lines[index]
        text = squash(line.text)
        page = line.page if line.page is not None else estimated[index]
        if PAGE_MARKER_RE.search(text):
            _drop_residue(blocks)
            index += 1
            continue
        if fold(text).startswith("innehallsforteckning"):
            in_toc = True
        elif text and in_toc:
            # Entries of a table of contents end in a page number, with or without a dot leader.
            in_toc = bool(TOC_RE.search(text) or _TOC_ENTRY.search(text))
        furniture = fold(text) in _FURNITURE or (line.cells is None and text in running)
        if in_toc or TOC_RE.search(text) or furniture:
            pass
        elif line.cells is not None and text:
            _add_row(blocks, line, page)
        elif not text:
            blocks.append(Block("blank", page=page))
        elif award and is_prompt(text) and (line.heading is None or line.heading > 1):
            index = _add_prompt(blocks, lines, index, page)
            continue
        else:
            before = lines[index - 1] if index else None
            after = lines[index + 1] if index + 1 < len(lines) else None
            if before is not None and blocks and blocks[-1].prompt:
                before = None  # the line right under a question starts fresh, like after a blank
            _add_line(blocks, line, text, page, before, after, award)
        index += 1
    return blocks


def running_lines(lines: list[Line]) -> set[str]:
    """Texts of running page headers and footers ('Skarpnäcks stadsdelsförvaltning').

    A running line repeats on many pages and stands next to the printed page marker, or shares
    its line ('Skarpnäcks stadsdelsförvaltning<tab>Sida 4 (12)'). Goal labels and sub-headings
    also repeat, so they never count as running lines.
    """
    counts: dict[str, int] = {}
    beside_marker: set[str] = set()
    texts = [squash(line.text) for line in lines]
    for index, text in enumerate(texts):
        marker = PAGE_MARKER_RE.search(text)
        if marker is None:
            if text and len(text) <= _RUNNING_MAX:
                counts[text] = counts.get(text, 0) + 1
            continue
        for cell in lines[index].cells or (text[: marker.start()],):
            residue = squash(PAGE_MARKER_RE.sub("", cell)).strip(" -–|")
            if residue and len(residue) <= _RUNNING_MAX:
                counts[residue] = counts.get(residue, 0) + 1
                beside_marker.add(residue)
        for near in (index - 2, index - 1, index + 1, index + 2):
            if 0 <= near < len(texts) and texts[near] and not PAGE_MARKER_RE.search(texts[near]):
                beside_marker.add(texts[near])
    beside_marker |= _page_edges(lines, texts)
    return {
        text
        for text in beside_marker
        if counts.get(text, 0) >= _RUNNING_MIN and not match_label(text) and not match_subheading(text)
    }


def _page_edges(lines: list[Line], texts: list[str]) -> set[str]:
    """Texts among the first or last lines of a real page (PDF, form-feed text) on several pages.

    Where the format has pages, a running header stands at the top of each page whether or not
    a printed page marker is near it.
    """
    by_page: dict[int, list[str]] = {}
    for line, text in zip(lines, texts, strict=True):
        if line.page is not None and text and line.cells is None:
            by_page.setdefault(line.page, []).append(text)
    pages_with: dict[str, int] = {}
    for page_texts in by_page.values():
        for text in set(page_texts[:_EDGE_LINES] + page_texts[-_EDGE_LINES:]):
            pages_with[text] = pages_with.get(text, 0) + 1
    return {text for text, count in pages_with.items() if count >= _RUNNING_MIN}


def marker_pages(lines: list[Line]) -> list[int | None]:
    """Pages from printed page markers ('Sid 19 (44)') in text without real pages (OCR, plain text).

    A marker heads its page. Between two markers pages are interpolated by line count; after the
    last one they are extrapolated at the same rate (capped at the stated total); before the first
    marker the page is unknown. With a single marker only the lines right after it get its page.
    """
    markers = [
        (i, int(m.group(1)), int(m.group(2) or m.group(3)))
        for i, line in enumerate(lines)
        if (m := PAGE_MARKER_RE.search(line.text))
    ]
    pages: list[int | None] = [None] * len(lines)
    rate: float | None = None
    for (start, page, total), following in zip(markers, [*markers[1:], None], strict=False):
        if following is not None and following[1] > page:
            end, next_page = following[0], following[1]
            rate = (end - start) / (next_page - page)
        else:
            end = len(lines) if rate else min(len(lines), start + 40)
        for k in range(start, end):
            pages[k] = min(total, page + int((k - start) / rate)) if rate else page
    return pages


def _add_line(
    blocks: list[Block],
    line: Line,
    text: str,
    page: int | None,
    before: Line | None,
    after: Line | None,
    award: bool,
) -> None:
    # "Bilaga 1: Kompetensförsörjningsplan" is content (a label and its value), not a heading.
    labelled = bool(re.search(r"\w: \w", text))
    # An award area name ("Medarbetare") on its own line is a heading even where OCR lost the blank before it.
    area = award and _is_blank(after) and is_top_heading(text, award=True)
    heading = (
        line.heading is not None
        or area
        or (not labelled and (_emphasis_heading(line) or _plain_heading(text, before, after)))
        or bool(match_label(text))
    )
    if not heading:
        blocks.append(Block("text", text=text, page=page))
        return
    glued = split_glued(text)
    parts = [glued[0], glued[1]] if glued else [text]
    for part in parts:
        top = is_top_heading(part, award)
        depth = section_depth(part)
        blocks.append(Block("heading", text=part, page=page, level=line.heading, depth=depth, top=top))


def _add_row(blocks: list[Block], line: Line, page: int | None) -> None:
    last = blocks[-1] if blocks else None
    starts = header_columns(line.cells or ()) is not None
    if last is None or last.kind != "table" or starts:
        blocks.append(Block("table", page=page, rows=[line], row_pages={0: page}))
        return
    last.row_pages[len(last.rows)] = page
    last.rows.append(line)


def _add_prompt(blocks: list[Block], lines: list[Line], index: int, page: int | None) -> int:
    """Join a multi-line award question into one heading; returns the index after it."""
    parts: list[str] = []
    while index < len(lines) and len(parts) < 8:
        text = squash(lines[index].text)
        if not text or (parts and parts[-1][-1:] in ".?" and not is_prompt(text)):
            break
        parts.append(text)
        index += 1
    blocks.append(Block("heading", text=" ".join(parts), page=page, prompt=True))
    return index


def _drop_residue(blocks: list[Block]) -> None:
    """Remove the OCR'd page header lines just before a page marker ('wk', '@', 'Tjänsteutlåtande').

    Goal labels and sub-headings are short too, but they are content: "Enhetsmål" just before
    a page break must survive. Residue is contiguous with the marker: the first line of content
    met going back ends the search, so a short heading further up ("3. EKONOMI" above a
    paragraph) is kept.
    """
    seen = 0
    position = len(blocks) - 1
    while position >= 0 and seen < 4:
        block = blocks[position]
        if block.kind == "table":
            return
        if block.kind in ("text", "heading"):
            seen += 1
            if not _is_junk(block.text) or match_label(block.text) or match_subheading(block.text):
                return
            del blocks[position]
        position -= 1
