"""PDF table cells: text from the lines in each cell, rows joined across page breaks.

Word and LibreOffice wrap a cell's text over several lines, cut a word too long for the column
("Förhandsbedöm" + "ning") and hyphenate ("Förhandsbedöm-" + "ning"); the cell's text is rebuilt
from its lines with those breaks undone. Shared by ruled tables (cells from the rules) and tables
found from the layout (cells from the words' columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ingest.readers.base import Line

Bbox = tuple[float, float, float, float]

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "\uf0b7": "•", "\uf0a7": "▪", "\u00a0": " "}
)
# "Hemlöshets-" + "och" keeps its hyphen and space: the word is shared, not broken.
_CONJUNCTIONS = {"och", "eller", "samt", "respektive", "resp", "till", "som"}
# Open joins, settled by `resolve_breaks` once the document's words are known.
MAYBE_BROKEN = "\u2060"  # word joiner: a line may have cut a word here
MAYBE_HYPHEN = "\u2e17"  # double oblique hyphen: a line-end hyphen, hyphenation or the word's own


@dataclass
class Fragment:
    """One piece of a cell on one visual line."""

    text: str
    x0: float
    x1: float


# Word's symbol bullets (Symbol and Wingdings glyphs: an arrow, a check mark, a diamond) come
# out of the text layer as private-use characters; before a word they are a list bullet.
_SYMBOL_BULLET = re.compile(r"(?:(?<=^)|(?<=\s))[\uf020-\uf0ff](?=\s)")


def clean(text: str | None) -> str:
    """Whitespace squashed, ligatures and private-use bullets replaced."""
    text = _SYMBOL_BULLET.sub("•", (text or "").translate(_LIGATURES))
    return re.sub(r"\s+", " ", text).strip()


def join_fragments(fragments: list[Fragment], right: float, size: float) -> str:
    """A cell's text from its visual lines: spaces between lines, except inside broken words.

    Where a line may end inside a word (a single word reaching the column's edge, or a hyphen
    before a lowercase letter) the join is left open with a mark that `resolve_breaks` settles
    once the whole document's words are known.

    Args:
        fragments: The cell's pieces, top to bottom.
        right: The column's right text edge (the widest line in it).
        size: The font size (how close to the edge counts as reaching it).

    Returns:
        The cell text, possibly with open joins.
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
            # A single word ending near the edge may have been cut by the column width (the
            # document's words decide, see `resolve_breaks`).
            text = glue(text, piece, " " not in previous.text.strip() and previous.x1 >= right - size)
        previous = fragment
    return text


def glue(text: str, piece: str, broken: bool = False) -> str:
    """Join the next line's text to the text so far (see `join_fragments`).

    Args:
        text: The text so far.
        piece: The next line's text.
        broken: Whether the line before was one word reaching the column's edge.

    Returns:
        The joined text.
    """
    first = piece.split(" ", 1)[0]
    if text.endswith("\u00ad"):  # a soft hyphen the PDF kept: certainly inside a word
        return text[:-1] + piece
    if text.endswith("-") and len(text) >= 2 and text[-2].isalnum() and first[:1].isalnum():
        if re.sub(r"\W", "", first.lower()) in _CONJUNCTIONS:
            return f"{text} {piece}"  # "Hemlöshets- och": the word is shared, not broken
        # Word and LibreOffice leave at least two letters before a hyphenation point, so "e-" +
        # "tjänsten" is the word's own hyphen ("e-tjänsten"), not a break inside a word.
        stem = re.split(r"[\s/(]", text[:-1])[-1]
        if len(stem) >= 2 and text[-2].isalpha() and text[-2].islower() and first[:1].islower():
            return text[:-1] + MAYBE_HYPHEN + piece  # "bedöm-" + "ning", or "våld-" + "incidenter"
        return text + piece  # "FUT-" + "handläggare", "18-" + "29": a hyphen of the text itself
    if text.endswith("–") and text[-2:-1].isdigit() and first[:1].isdigit():
        return text + piece  # "8.00–" + "16.30": a range of figures breaks after its dash
    if broken and first[:1].islower() and text[-1:].isalpha():
        return text + MAYBE_BROKEN + piece
    return f"{text} {piece}"


_OPEN_WORD = re.compile(r"[\w\-\u2060\u2e17]*[\u2060\u2e17][\w\-\u2060\u2e17]*")
_LETTERS = re.compile(r"[^\W\d_]+")
_PUNCTUATION = ".,;:!?()[]\"'”“»«…"


def resolve_breaks(lines: list[Line]) -> list[Line]:
    """Settle the open joins by the document's own words.

    A join becomes one word when that word occurs elsewhere in the document; otherwise a cut
    ("Förhandsbedöm" + "ning") is one word unless the second half is a word of its own
    ("bostadskontrakt" + "enligt"), and a hyphen stays when either half is a word of its own
    ("våld-incidenter").

    Args:
        lines: The document's lines, with open joins.

    Returns:
        The lines with every join settled.
    """
    vocabulary = {
        word
        for line in lines
        for text in (line.text, *(line.cells or ()))
        for token in _OPEN_WORD.sub(" ", text).lower().split()
        # Whole words only: "t.ex." gives no "t" or "ex" that a cut could be mistaken for.
        for word in re.split(r"[-/]", token.strip(_PUNCTUATION))
        if word.isalpha() and (len(word) > 1 or word == "i")
    }

    def settle(match: re.Match[str]) -> str:
        parts = re.split(r"([\u2060\u2e17])", match.group(0))
        out = parts[0]
        for mark, part in zip(parts[1::2], parts[2::2], strict=True):
            left = (_LETTERS.findall(out.lower()) or [""])[-1]
            right = (_LETTERS.findall(part.lower()) or [""])[0]
            if left + right in vocabulary:
                out += part
            elif mark == MAYBE_HYPHEN:
                out += ("-" if left in vocabulary or right in vocabulary else "") + part
            else:
                out += (" " if right in vocabulary else "") + part
        return out

    def fix(text: str) -> str:
        return _OPEN_WORD.sub(settle, text) if ("\u2060" in text or "\u2e17" in text) else text

    resolved = []
    for line in lines:
        if line.cells is not None:
            cells = tuple(fix(cell) for cell in line.cells)
            resolved.append(replace(line, text="\t".join(cells), cells=cells))
        else:
            resolved.append(replace(line, text=fix(line.text)))
    return resolved


def join_grid(
    grid: list[list[list[Fragment]]], size: float, edges: list[list[float | None]] | None = None
) -> list[tuple[str, ...]]:
    """Rows of cell texts from rows of cell fragments; empty rows dropped.

    Args:
        grid: Per row, per column, the cell's fragments top to bottom.
        size: The body font size.
        edges: Per row and column, the cell's right text edge where the cell's box is known
            (ruled tables); else the widest line of the column stands for it.

    Returns:
        The rows' cell texts.
    """
    width = max((len(row) for row in grid), default=0)
    widest = [max((f.x1 for row in grid if i < len(row) for f in row[i]), default=0.0) for i in range(width)]
    rows: list[tuple[str, ...]] = []
    for r, row in enumerate(grid):
        rights = [(edges[r][i] if edges else None) or widest[i] for i in range(len(row))]
        texts = tuple(join_fragments(fragments, rights[i], size) for i, fragments in enumerate(row))
        if any(texts):
            rows.append(texts)
    return rows


@dataclass
class RuledTable:
    """One table of a ruled grid: its top, its rows, and its rows before empty columns were dropped."""

    top: float
    rows: list[tuple[str, ...]]
    raw: list[tuple[str, ...]]


def _boundaries(row: Any) -> set[int]:
    return {round(x) for bbox in row.cells if bbox is not None for x in (bbox[0], bbox[2])}


def _stacked(rows: list[Any]) -> list[list[Any]]:
    """Split a grid where two tables touch (one below the other, each with its own columns).

    A row whose column boundaries are a subset of its neighbour's has merged cells (a caption
    across the table); rows whose boundaries differ both ways belong to different tables.
    """
    groups: list[list[Any]] = []
    for row in rows:
        if groups:
            before, here = _boundaries(groups[-1][-1]), _boundaries(row)
            if before <= here or here <= before:
                groups[-1].append(row)
                continue
        groups.append([row])
    return groups


def ruled_tables(page: Any, table: Any, size: float) -> list[RuledTable]:
    """A ruled grid's tables (pdfplumber `Table`; touching tables split), each cell read line by line.

    Reading the lines (not pdfplumber's joined cell text) keeps words cut by the column whole.
    """
    area = page.filter(inside(table.bbox))  # not crop(): it clips glyphs below the table into it
    tables: list[RuledTable] = []
    for group in _stacked(list(table.rows)):
        grid: list[list[list[Fragment]]] = []
        edges: list[list[float | None]] = []
        for row in group:
            cells: list[list[Fragment]] = []
            rights: list[float | None] = []
            for bbox in row.cells:
                if bbox is None:  # covered by a merged cell
                    cells.append([])
                    rights.append(None)
                    continue
                # By the characters' centres: a glyph's box may reach over the cell's top rule.
                lines = area.filter(inside(bbox)).extract_text_lines(strip=True)
                fragments = [Fragment(clean(ln["text"]), float(ln["x0"]), float(ln["x1"])) for ln in lines]
                cells.append(fragments)
                # Cell padding is the same on both sides: the text's left inset gives the right edge.
                inset = min((f.x0 for f in fragments), default=bbox[0]) - bbox[0]
                rights.append(bbox[2] - inset if fragments else None)
            grid.append(cells)
            edges.append(rights)
        # Grid columns no cell of this table starts in belong to a touching table's columns.
        width = max(len(row.cells) for row in group)
        present = [i for i in range(width) if any(i < len(r.cells) and r.cells[i] is not None for r in group)]
        raw = [tuple(row[i] for i in present if i < len(row)) for row in join_grid(grid, size, edges)]
        if raw:
            tables.append(RuledTable(top=float(group[0].bbox[1]), rows=tidy_rows(raw), raw=raw))
    return tables


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
    """Whether the first row on a page is the rest of a row the page break split.

    It is when its first cell is empty or goes on mid-sentence, or when only its first cell has
    text while the row before had its values (targets, dates) filled in.
    """
    first = row[0].strip()
    if not first or first[0].islower():
        return True
    return not any(cell.strip() for cell in row[1:]) and any(cell.strip() for cell in before[1:])


def merge_rows(top: tuple[str, ...], rest: tuple[str, ...]) -> tuple[str, ...]:
    """A row split by a page break, joined cell by cell."""
    return tuple(glue(a, b) if a and b else a or b for a, b in zip(top, rest, strict=True))
