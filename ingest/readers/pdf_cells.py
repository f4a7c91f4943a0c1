"""PDF table cells: text from the lines in each cell, rows joined across page breaks.

Word and LibreOffice wrap a cell's text over several lines, cut a word too long for the column
("Förhandsbedöm" + "ning") and hyphenate ("Förhandsbedöm-" + "ning"); the cell's text is rebuilt
from its lines with those breaks undone. Shared by ruled tables (cells from the rules) and tables
found from the layout (cells from the words' columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

Bbox = tuple[float, float, float, float]

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "\uf0b7": "•", "\uf0a7": "▪", "\u00a0": " "}
)
# "Hemlöshets-" + "och" keeps its hyphen and space: the word is shared, not broken.
_CONJUNCTIONS = {"och", "eller", "samt", "respektive", "resp", "till", "som"}


@dataclass
class Fragment:
    """One piece of a cell on one visual line."""

    text: str
    x0: float
    x1: float


def clean(text: str | None) -> str:
    """Whitespace squashed, ligatures and private-use bullets replaced."""
    return re.sub(r"\s+", " ", (text or "").translate(_LIGATURES)).strip()


def join_fragments(fragments: list[Fragment], right: float, size: float) -> str:
    """A cell's text from its visual lines: spaces between lines, except inside broken words.

    Args:
        fragments: The cell's pieces, top to bottom.
        right: The column's right text edge (the widest line in it).
        size: The font size (how close to the edge counts as reaching it).

    Returns:
        The cell text.
    """
    text = ""
    previous: Fragment | None = None
    for fragment in fragments:
        piece = fragment.text.strip()
        if not piece:
            continue
        if previous is None or not text:
            text = piece
        else:
            # Only a single word ending within a character of the edge was cut by the column width.
            text = _glue(text, piece, " " not in previous.text.strip() and previous.x1 >= right - 0.5 * size)
        previous = fragment
    return text


def _glue(text: str, piece: str, broken: bool) -> str:
    first = piece.split(" ", 1)[0]
    lower = first[:1].islower()
    if text.endswith("-") and lower and len(text) >= 2 and text[-2].isalpha():
        if re.sub(r"\W", "", first.lower()) in _CONJUNCTIONS:
            return f"{text} {piece}"
        # "FUT-" + "handläggare" is a compound written with a hyphen; "bedöm-" + "ning" is hyphenation.
        return text + piece if text[-2].isupper() else text[:-1] + piece
    if broken and lower and text[-1:].isalpha():
        return text + piece
    return f"{text} {piece}"


def join_grid(grid: list[list[list[Fragment]]], size: float) -> list[tuple[str, ...]]:
    """Rows of cell texts from rows of cell fragments; empty rows dropped.

    Args:
        grid: Per row, per column, the cell's fragments top to bottom.
        size: The body font size.

    Returns:
        The rows' cell texts.
    """
    width = max((len(row) for row in grid), default=0)
    rights = [max((f.x1 for row in grid if i < len(row) for f in row[i]), default=0.0) for i in range(width)]
    rows: list[tuple[str, ...]] = []
    for row in grid:
        texts = tuple(join_fragments(fragments, rights[i], size) for i, fragments in enumerate(row))
        if any(texts):
            rows.append(texts)
    return rows


def ruled_rows(page: Any, table: Any, size: float) -> list[tuple[str, ...]]:
    """A ruled table's rows (pdfplumber `Table`), each cell read line by line.

    Reading the lines (not pdfplumber's joined cell text) keeps words cut by the column whole.
    """
    grid: list[list[list[Fragment]]] = []
    area = page.filter(inside(table.bbox))  # not crop(): it clips glyphs below the table into it
    for row in table.rows:
        cells: list[list[Fragment]] = []
        for bbox in row.cells:
            if bbox is None:  # covered by a merged cell
                cells.append([])
                continue
            # By the characters' centres: a glyph's box may reach over the cell's top rule.
            lines = area.filter(inside(bbox)).extract_text_lines(strip=True)
            cells.append([Fragment(clean(ln["text"]), float(ln["x0"]), float(ln["x1"])) for ln in lines])
        grid.append(cells)
    return tidy_rows(join_grid(grid, size))


def tidy_rows(raw: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Cells cleaned, empty rows and columns empty in every row (stray rules) dropped."""
    rows = [[clean(cell) for cell in row] for row in raw]
    rows = [row for row in rows if any(row)]
    # Stray rules create phantom columns that are empty in every row.
    width = max((len(row) for row in rows), default=0)
    used = [i for i in range(width) if any(i < len(row) and row[i] for row in rows)]
    return [tuple(row[i] if i < len(row) else "" for i in used) for row in rows]


def inside(bbox: Bbox) -> Any:
    """A pdfplumber filter keeping characters whose centre lies in the box."""
    x0, top, x1, bottom = bbox

    def keep(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return False
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return x0 <= x <= x1 and top <= y <= bottom

    return keep


def outside(bboxes: list[Bbox]) -> Any:
    """A pdfplumber filter keeping objects whose centre lies outside every table."""

    def keep(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in bboxes)

    return keep


def continuation_row(row: tuple[str, ...], before: tuple[str, ...]) -> bool:
    """A row split by the page break: its first cell is empty or goes on mid-sentence, or only its
    first cell has text where the row before had every cell filled (dates, targets)."""
    first = row[0].strip()
    if not first or first[0].islower():
        return True
    return not any(cell.strip() for cell in row[1:]) and all(cell.strip() for cell in before)


def merge_rows(top: tuple[str, ...], rest: tuple[str, ...]) -> tuple[str, ...]:
    """A row split by a page break, joined cell by cell."""
    return tuple(" ".join(part for part in (a, b) if part) for a, b in zip(top, rest, strict=True))
