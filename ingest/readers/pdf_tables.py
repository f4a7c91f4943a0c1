"""PDF tables as Word and LibreOffice export them: with or without ruling lines, cells wrapped.

Ruled tables are found by pdfplumber's line strategy. Tables drawn without vertical rules (pandoc's
and many templates' default: at most a rule under the header) are found from the layout itself:
runs of visual lines whose words fall into the same columns, separated by gaps far wider than a
space. Rows are split where the vertical gap between lines is wider than inside a cell (cell
padding) or at a horizontal rule. Cell text keeps words broken by the column width together
("Förhandsbedöm" + "ning") and undoes end-of-line hyphenation.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from ingest.readers.pdf_cells import Bbox, Fragment, join_grid

_MIN_COLUMN_GAP = 0.75  # × font size: narrower gaps are spaces (justified text stretches them)
_ROW_GAP = 0.75  # × font size: a wider vertical gap ends the table (paragraph spacing)
_ALIGN = 4.0  # points: segment starts this close belong to the same column
_SPLIT_EXTRA = 0.2  # × font size over the tightest gap in the table: a new row (cell padding)
# A bullet or list number set apart from its text by a tab looks like a first column; it is a list.
_MARKER = re.compile(r"^(?:[•▪◦‣●○■□\-–*\uf0b7\uf0a7]|\d{1,2}(?:\.\d{1,2})*[.)]?|[a-z][.)])$")


@dataclass
class _Segment:
    x0: float
    x1: float
    words: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class _VLine:
    top: float
    bottom: float
    size: float
    segments: list[_Segment] = field(default_factory=list)

    @property
    def listed(self) -> bool:
        return bool(self.segments) and bool(_MARKER.match(self.segments[0].text))

    @property
    def multi(self) -> bool:
        return len(self.segments) >= 2 and not self.listed


def _visual_lines(words: list[dict[str, Any]]) -> list[_VLine]:
    lines: list[_VLine] = []
    for word in sorted(words, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
        size = float(word.get("size") or 10.0)
        top, bottom = float(word["top"]), float(word["bottom"])
        line = next((ln for ln in reversed(lines[-3:]) if abs(ln.top - top) <= 0.35 * size), None)
        if line is None:
            line = _VLine(top=top, bottom=bottom, size=size)
            lines.append(line)
        line.bottom = max(line.bottom, bottom)
        line.segments.append(_Segment(float(word["x0"]), float(word["x1"]), [str(word["text"])]))
    for line in lines:
        line.segments.sort(key=lambda s: s.x0)
        merged: list[_Segment] = []
        for segment in line.segments:
            if merged and segment.x0 - merged[-1].x1 < _MIN_COLUMN_GAP * line.size:
                merged[-1].words.extend(segment.words)
                merged[-1].x1 = max(merged[-1].x1, segment.x1)
            else:
                merged.append(segment)
        line.segments = merged
    lines.sort(key=lambda ln: ln.top)
    return lines


def _columns(lines: list[_VLine]) -> list[float]:
    """Column starts: segment starts that recur on two multi-column lines, or that no text crosses."""
    starts = sorted(s.x0 for ln in lines if ln.multi for s in ln.segments)
    clusters: list[list[float]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= _ALIGN:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    segments = [s for ln in lines for s in ln.segments]
    # A header word over a column that is empty in every data row seen so far still marks a column.
    return [
        min(c)
        for c in clusters
        if len(c) >= 2 or not any(s.x0 < min(c) - _ALIGN and s.x1 > min(c) for s in segments)
    ]


def _aligned(line: _VLine, columns: list[float]) -> bool:
    return all(any(abs(s.x0 - c) <= _ALIGN for c in columns) for s in line.segments)


def _column_of(x0: float, columns: list[float]) -> int:
    index = 0
    for position, start in enumerate(columns):
        if x0 >= start - _ALIGN:
            index = position
    return index


def _table_rows(lines: list[_VLine], columns: list[float], rules: list[float]) -> list[tuple[str, ...]]:
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines)]
    size = median(ln.size for ln in lines)
    tight = min(gaps, default=0.0)
    spaced = any(gap > tight + _SPLIT_EXTRA * size for gap in gaps)
    groups: list[list[_VLine]] = [[lines[0]]]
    for previous, line, gap in zip(lines, lines[1:], gaps, strict=False):
        ruled = any(previous.bottom <= y <= line.top + 1 for y in rules)
        starts_row = line.multi and _column_of(line.segments[0].x0, columns) == 0
        if ruled or (gap > tight + _SPLIT_EXTRA * size if spaced else starts_row):
            groups.append([line])
        else:
            groups[-1].append(line)
    grid: list[list[list[Fragment]]] = []
    for group in groups:
        cells: list[list[Fragment]] = [[] for _ in columns]
        for line in group:
            for segment in line.segments:
                cells[_column_of(segment.x0, columns)].append(Fragment(segment.text, segment.x0, segment.x1))
        grid.append(cells)
    return join_grid(grid, size)


def find_layout_tables(page: Any, skip: list[Bbox]) -> list[tuple[Bbox, list[tuple[str, ...]]]]:
    """Tables without vertical rules on one page, found from the words' columns.

    Args:
        page: A pdfplumber page.
        skip: Areas already read as ruled tables.

    Returns:
        Each table's bounding box and rows (header row first when the table has one).
    """

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in skip)

    source = page.filter(outside) if skip else page
    words = source.extract_words(extra_attrs=["size"], keep_blank_chars=False, use_text_flow=False)
    lines = _visual_lines(words)
    rules = [float(edge["top"]) for edge in page.horizontal_edges if float(edge["width"]) > 100]
    tables: list[tuple[Bbox, list[tuple[str, ...]]]] = []
    index = 0
    while index < len(lines):
        if not lines[index].multi:
            index += 1
            continue
        start, end = index, index + 1
        while (
            end < len(lines)
            and not lines[end].listed
            and lines[end].top - lines[end - 1].bottom <= _ROW_GAP * lines[end].size
        ):
            end += 1
        run = lines[start:end]
        columns = _columns(run)
        multi = [ln for ln in run if ln.multi and _aligned(ln, columns)]
        if len(columns) < 2 or len(multi) < 2:
            index = end
            continue
        # Cut the run after its last line that lies in the columns (a paragraph may follow closely).
        while run and not _aligned(run[-1], columns):
            run.pop()
        # Header cells are bottom-aligned: lines above whose words all stand in later columns belong to it.
        while (
            start > 0
            and lines[start].top - lines[start - 1].bottom <= _ROW_GAP * lines[start].size
            and not lines[start - 1].listed
            and _aligned(lines[start - 1], columns[1:])
        ):
            start -= 1
            run.insert(0, lines[start])
        rows = _table_rows(run, columns, rules)
        x0 = min(s.x0 for ln in run for s in ln.segments)
        x1 = max(s.x1 for ln in run for s in ln.segments)
        tables.append(((x0 - 1, run[0].top - 1, x1 + 1, run[-1].bottom + 1), rows))
        index = start + len(run)
    return tables
