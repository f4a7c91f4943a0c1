"""Page layout a word processor adds around the running text: footnotes and text columns.

Word and LibreOffice print a footnote's reference as a small raised digit glued to the word
before it ("(AMI)³", "tiden.⁴") and the note itself at the foot of the page, under a short
separator rule that starts at the left margin. Left alone, the reference digit becomes part of
the word or of a table cell, and the note splits the section it happens to sit in. A page set
in two text columns (a continuous section with two columns) has two lines of text at each
height; read row by row, every line mixes both columns, and a table finder takes the gutter
for a column rule.

This module finds those three things from the page's geometry only: raised small digits next to
larger text, the separator rule, and a vertical gutter that every line of a block of prose leaves
free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ingest.readers.pdf_cells import Bbox

# A reference mark is set at most this share of the text beside it (Word: superscript ~ 58-65 %).
_MARK_SHARE = 0.78
# ... and raised by at least this share of that text's size above its baseline.
_MARK_RISE = 0.15
# The footnote separator is a short rule from the left margin: 10-45 % of the text width.
_SEPARATOR_SHARE = (0.10, 0.45)
# A gap between words this many times the font size can be a column gutter (a space is ~0.25).
_GUTTER = 1.2
# Lines a block of prose needs on both sides of the gutter to count as two text columns.
_MIN_COLUMN_LINES = 4
# The share of letters among a column line's characters (a table of figures has far fewer).
_PROSE_LETTERS = 0.7
_NOTE_START = re.compile(r"^\d{1,3}\s")


@dataclass(frozen=True)
class Columns:
    """A block of the page set in two text columns: its box and the gutter's x position."""

    bbox: Bbox
    gutter: float


def _chars(page: Any) -> list[dict[str, Any]]:
    return [c for c in page.chars if str(c.get("text", "")).strip()]


def reference_marks(page: Any) -> set[tuple[float, float]]:
    """The footnote reference digits on a page, as (x0, top) of each character.

    A digit is a reference when it is much smaller than a neighbouring character in the text
    stream and sits above that character's baseline (superscript). Small digits on their own
    baseline (a caption in 8 pt, a table in 9 pt) are text.
    """
    chars = _chars(page)
    marks: set[tuple[float, float]] = set()
    for index, char in enumerate(chars):
        if not str(char["text"]).isdigit():
            continue
        size = float(char["size"])
        for near in chars[max(0, index - 1) : index + 2]:
            if near is char or str(near["text"]).isdigit():
                continue
            other = float(near["size"])
            beside = (
                abs(float(near["x1"]) - float(char["x0"])) < other
                or abs(float(char["x1"]) - float(near["x0"])) < other
            )
            raised = float(char["bottom"]) < float(near["bottom"]) - _MARK_RISE * other
            if beside and size < _MARK_SHARE * other and raised:
                marks.add((round(float(char["x0"]), 2), round(float(char["top"]), 2)))
                break
    # A run of raised digits ("12") is one mark: keep digits next to a found mark.
    for char in chars:
        key = (round(float(char["x0"]), 2), round(float(char["top"]), 2))
        if key in marks or not str(char["text"]).isdigit():
            continue
        if any(abs(key[1] - top) < 0.5 and abs(key[0] - x0) < float(char["size"]) for x0, top in marks):
            marks.add(key)
    return marks


def without_marks(page: Any, marks: set[tuple[float, float]]) -> Any:
    """The page without the given reference characters (the page itself when there are none)."""
    if not marks:
        return page

    def keep(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        return (round(float(obj["x0"]), 2), round(float(obj["top"]), 2)) not in marks

    return page.filter(keep)


def footnote_top(page: Any, band: tuple[float, float]) -> float | None:
    """Where the page's footnote area starts (its separator rule), or None without footnotes.

    Args:
        page: The pdfplumber page.
        band: The body's top and bottom (the running header and footer lie outside it).
    """
    chars = [c for c in _chars(page) if band[0] <= float(c["top"]) <= band[1]]
    if not chars:
        return None
    left = min(float(c["x0"]) for c in chars)
    width = max(float(c["x1"]) for c in chars) - left
    height = float(page.height)
    rules = [*page.lines, *page.rects]
    for rule in rules:
        x0, x1 = float(rule["x0"]), float(rule["x1"])
        top, bottom = float(rule["top"]), float(rule["bottom"])
        if bottom - top > 1.5 or top < height / 2 or top > band[1]:
            continue
        share = (x1 - x0) / width if width else 0.0
        if not (_SEPARATOR_SHARE[0] <= share <= _SEPARATOR_SHARE[1]) or abs(x0 - left) > 12:
            continue
        # Not the edge of a table: no other rule at the same height, and the notes below are
        # set smaller than the text above.
        if any(r is not rule and abs(float(r["top"]) - top) < 1 for r in rules):
            continue
        below = [c for c in chars if float(c["top"]) > bottom]
        above = [c for c in chars if float(c["bottom"]) < top]
        if below and above and _median_size(below) < 0.95 * _median_size(above):
            return top
    return None


def _median_size(chars: list[dict[str, Any]]) -> float:
    sizes = sorted(float(c["size"]) for c in chars)
    return sizes[len(sizes) // 2]


def footnotes(lines: Iterable[str]) -> list[str]:
    """The notes of a footnote area's visual lines: a note starts with its number, lines wrap."""
    notes: list[str] = []
    for line in lines:
        if _NOTE_START.match(line) or not notes:
            notes.append(line)
        else:
            notes[-1] = f"{notes[-1]} {line}"
    return notes


def _visual_rows(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(float(w["bottom"])), float(w["x0"]))):
        if rows and abs(float(rows[-1][0]["bottom"]) - float(word["bottom"])) < 2.0:
            rows[-1].append(word)
        else:
            rows.append([word])
    for row in rows:
        row.sort(key=lambda w: float(w["x0"]))
    return rows


def _gaps(row: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """The wide gaps between a visual row's words (where a gutter could run)."""
    gaps = []
    for before, after in pairwise(row):
        size = float(before.get("size", 10.0))
        if float(after["x0"]) - float(before["x1"]) > _GUTTER * size:
            gaps.append((float(before["x1"]), float(after["x0"])))
    return gaps


def _letters(words: list[dict[str, Any]]) -> float:
    text = "".join(str(w["text"]) for w in words)
    return sum(ch.isalpha() for ch in text) / len(text) if text else 0.0


def text_columns(page: Any, skip: list[Bbox], band: tuple[float, float]) -> list[Columns]:
    """Blocks of the page set in two columns of prose, top to bottom.

    A block is a run of visual rows that all leave one vertical strip free (the gutter) near the
    middle of the text, with words on both sides in at least `_MIN_COLUMN_LINES` rows and
    prose (mostly letters, several words) on both sides. A table of figures or a label column
    leaves a gutter too, but fails the prose test.

    Args:
        page: The pdfplumber page.
        skip: Boxes already read as tables.
        band: The body's top and bottom.
    """

    def outside(word: dict[str, Any]) -> bool:
        x = (float(word["x0"]) + float(word["x1"])) / 2
        y = (float(word["top"]) + float(word["bottom"])) / 2
        return not any(x0 <= x <= x1 and t <= y <= b for x0, t, x1, b in skip)

    words = [
        w
        for w in page.extract_words(extra_attrs=["size"])
        if band[0] <= float(w["top"]) and float(w["bottom"]) <= band[1] and outside(w)
    ]
    if len(words) < 20:
        return []
    left = min(float(w["x0"]) for w in words)
    right = max(float(w["x1"]) for w in words)
    middle = (left + 0.3 * (right - left), left + 0.7 * (right - left))
    rows = _visual_rows(words)
    found: list[Columns] = []
    index = 0
    while index < len(rows):
        block, strip = _column_block(rows, index, middle)
        if block and strip is not None:
            both = [row for row in block if _sides(row, strip)[0] and _sides(row, strip)[1]]
            if len(both) >= _MIN_COLUMN_LINES and _is_prose(both, strip):
                top = min(float(w["top"]) for row in block for w in row) - 1
                bottom = max(float(w["bottom"]) for row in block for w in row) + 1
                found.append(Columns((left - 1, top, right + 1, bottom), (strip[0] + strip[1]) / 2))
            index += len(block)
        else:
            index += 1
    return found


def _sides(
    row: list[dict[str, Any]], strip: tuple[float, float]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return (
        [w for w in row if float(w["x1"]) <= strip[0] + 0.5],
        [w for w in row if float(w["x0"]) >= strip[1] - 0.5],
    )


def _column_block(
    rows: list[list[dict[str, Any]]], start: int, middle: tuple[float, float]
) -> tuple[list[list[dict[str, Any]]], tuple[float, float] | None]:
    """The longest run of rows from `start` that keeps a common gutter free, and that gutter."""
    clipped = [(max(a, middle[0]), min(b, middle[1])) for a, b in _gaps(rows[start])]
    strips = [(a, b) for a, b in clipped if b > a]
    if not strips:
        return [], None
    best: tuple[list[list[dict[str, Any]]], tuple[float, float] | None] = ([], None)
    for strip in strips:
        block = [rows[start]]
        for row in rows[start + 1 :]:
            narrowed = _narrowed(strip, row)
            if narrowed is None:
                break
            block.append(row)
            strip = narrowed
        block = _trimmed(block, strip)
        if len(block) > len(best[0]):
            best = (block, strip)
    return best


def _narrowed(strip: tuple[float, float], row: list[dict[str, Any]]) -> tuple[float, float] | None:
    """The part of the gutter `strip` that the row leaves free, or None when too little is left."""
    edges = [float("-inf")]
    for word in row:
        edges.extend((float(word["x0"]), float(word["x1"])))
    edges.append(float("inf"))
    size = float(row[0].get("size", 10.0))
    best: tuple[float, float] | None = None
    for free_left, free_right in zip(edges[0::2], edges[1::2], strict=True):
        piece = (max(strip[0], free_left), min(strip[1], free_right))
        if piece[1] - piece[0] >= 0.8 * size and (best is None or piece[1] - piece[0] > best[1] - best[0]):
            best = piece
    return best


def _trimmed(block: list[list[dict[str, Any]]], strip: tuple[float, float]) -> list[list[dict[str, Any]]]:
    """The block without the one-sided rows after its last two-sided one, unless they run on.

    Column 1 may run longer than column 2 (its last lines have nothing beside them), but a
    heading or paragraph after the columns also leaves the gutter free: a row after the last
    two-sided one stays only when it follows at line spacing in the same type size.
    """
    both = [i for i, row in enumerate(block) if all(_sides(row, strip))]
    if not both:
        return []
    end = both[-1] + 1
    size = float(block[both[-1]][0].get("size", 10.0))
    while end < len(block):
        row, above = block[end], block[end - 1]
        gap = min(float(w["top"]) for w in row) - max(float(w["bottom"]) for w in above)
        if abs(float(row[0].get("size", 10.0)) - size) > 0.5 or gap > 0.6 * size:
            break
        end += 1
    return block[:end]


def _is_prose(rows: list[list[dict[str, Any]]], strip: tuple[float, float]) -> bool:
    """Whether both sides of the gutter read as running text, not as the columns of a table.

    Prose has several words on each side, mostly letters, and no second wide gap inside a side;
    a table without rules leaves a gap between every pair of its columns and has figures.
    """
    wordy = gapped = 0
    letters: tuple[list[float], list[float]] = ([], [])
    for row in rows:
        sides = _sides(row, strip)
        if all(len(side) >= 3 for side in sides):
            wordy += 1
        if any(_gaps(side) for side in sides):
            gapped += 1
        for share, side in zip(letters, sides, strict=True):
            share.append(_letters(side))
    return (
        wordy >= 0.6 * len(rows)
        and gapped <= 0.1 * len(rows)
        and all(sum(share) / len(share) >= _PROSE_LETTERS for share in letters)
    )
