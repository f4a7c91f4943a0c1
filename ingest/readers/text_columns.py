"""Space-aligned tables in plain text (`pdftotext -layout`, copied print previews).

A PDF exported to text with its layout kept shows a table as lines whose cells stand in
columns separated by runs of spaces, and a cell too long for its column wraps onto the next
line(s) with the other cells of that line empty:

    Indikator                          KF:s årsmål   Årsmål   Periodicitet
    Andel brukare med boendestöd som   Tas fram av   90 %     Tertial
    har en genomförandeplan            nämnd

Such a block becomes tab-separated rows (the form every other reader gives tables in), one
row per table row with wrapped cell text joined. Nothing here knows table headings: a block
counts as a table when several of its lines have gaps and their cells start at the columns
the first such line sets up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A cell: words separated by single spaces; a gap of two or more spaces ends it.
_CELL = re.compile(r"\S+(?: \S+)*")
# Bullets and list marks that a layout export also sets apart by spaces; they are not cells.
_BULLET = re.compile(r"^\s*(?:[•▪◦·\-–*o]|\d{1,2}[.)])\s{2,}")
# How far a cell may start left of its column's start and still belong to it.
_SLACK = 2
_MIN_ROWS = 2


@dataclass
class _Segment:
    start: int
    text: str


def _segments(line: str) -> list[_Segment]:
    """The line's cells: runs of text split at gaps of two or more spaces."""
    return [_Segment(m.start(), m.group(0)) for m in _CELL.finditer(line)]


def _columns_of(line: str) -> list[int] | None:
    """Column starts set up by a line with two or more cells, or None."""
    if "\t" in line or _BULLET.match(line):
        return None
    segments = _segments(line)
    return [s.start for s in segments] if len(segments) >= 2 else None


def _column(start: int, columns: list[int]) -> int | None:
    """The column a cell starting at `start` belongs to (the last column starting at or before it)."""
    found = None
    for index, column in enumerate(columns):
        if column - _SLACK <= start:
            found = index
    return found


def _aligned(line: str, columns: list[int]) -> bool:
    """Whether every cell of a gapped line starts close to one of the columns."""
    return all(any(abs(s.start - c) <= _SLACK for c in columns) for s in _segments(line))


def _cells(line: str, columns: list[int]) -> list[str] | None:
    cells = [""] * len(columns)
    for segment in _segments(line):
        index = _column(segment.start, columns)
        if index is None:
            return None
        cells[index] = f"{cells[index]} {segment.text}".strip()
    return cells


def _continues(cells: list[str], previous: list[str] | None) -> bool:
    """Whether a line holds wrapped text of the row above rather than a row of its own.

    Wrapped lines leave the first column empty, hold text only in the first column, or go on
    in it with a lower-case word (rows of a table start with a capital or a number).
    """
    if previous is None:
        return False
    first = cells[0]
    if not first:
        return True
    if not any(cells[1:]):
        return True
    return first[:1].islower()


def _table(block: list[str]) -> list[str] | None:
    """The block as tab-separated rows when it is a space-aligned table, else None."""
    header = next((i for i, line in enumerate(block) if _columns_of(line) is not None), None)
    if header is None:
        return None
    columns = _columns_of(block[header])
    assert columns is not None
    gapped = [line for line in block[header:] if _columns_of(line) is not None]
    if len(gapped) < _MIN_ROWS or not all(_aligned(line, columns) for line in gapped):
        return None
    rows: list[list[str]] = []
    for line in block[header:]:
        cells = _cells(line, columns)
        if cells is None:
            return None
        if rows and _continues(cells, rows[-1]):
            rows[-1] = [f"{old} {new}".strip() for old, new in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    if len(rows) < _MIN_ROWS:
        return None
    return block[:header] + ["\t".join(row) for row in rows]


def align_columns(text: str) -> str:
    """Turn space-aligned tables into tab-separated rows; all other text is returned unchanged.

    Args:
        text: Plain text with newlines.

    Returns:
        The same text, where each block of lines (between blank lines) that is a space-aligned
        table is replaced by one tab-separated line per table row.
    """
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        table = _table(block) if len(block) >= _MIN_ROWS else None
        out.extend(table if table is not None else block)
        block.clear()

    for line in text.split("\n"):
        if line.strip():
            block.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)
