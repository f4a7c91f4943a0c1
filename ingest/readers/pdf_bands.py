"""Tables whose rows are told apart by shading, not by rules (Word's banded table styles).

Word's built-in and most units' table styles ("Light Shading", "Rutnätstabell 4 – dekorfärg 1",
…) draw no vertical rules and shade every other row. In the PDF export a shaded row is a row of
filled rectangles, so pdfplumber finds each shaded row as a table of its own, and the rows
between them (and the header, bounded only by horizontal rules) are left as running text: their
cells come out as one line of words ("Antal familjer som fått FFT 14 30 – År").

`banded_tables` puts such a table back together. Starting from a found table, it takes the
strip of the page directly above or below it as one more row when the strip is bounded by a
horizontal rule across the table's width or by another found table with the same columns, and
every word in it lies inside one of the table's columns with words in at least two of them (a
table row, not a paragraph or a caption, which run across the column boundaries or fill one
column only). The joined region is re-read with the columns and row boundaries made explicit.

Where a page break splits the table, the row at the page's end (or start) has no rule on its far
side: LibreOffice draws the closing rule only under the table's last row, on a later page. A strip
that runs from the region's edge to the end of the page's body (the running header and footer
excluded) with no rule or band in between, no taller than a row and laid out as a row of this
table, is taken as the row the page break ended; the reader then joins the table to its
continuation on the next page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_SAME = 2.0  # points: column boundaries or rule ends this close are the same
_TOUCH = 1.5  # points: a rule this close to a row's edge is that edge
_MAX_ROW = 8.0  # × body font size: a taller strip is no single table row
_SLACK = 1.0  # points a word may reach past its column's boundary


@dataclass
class _Region:
    columns: list[float]
    top: float
    bottom: float
    rows: set[float] = field(default_factory=set)
    grown: bool = False


def _columns(table: Any) -> list[float] | None:
    """The x positions of a found table's column boundaries (left edges and the right edge)."""
    first = table.rows[0] if table.rows else None
    if first is None:
        return None
    boxes = [bbox for bbox in first.cells if bbox is not None]
    if len(boxes) < 2 or len(boxes) != len(first.cells):
        return None  # merged cells in the first row: columns not known from it
    return [float(bbox[0]) for bbox in boxes] + [float(boxes[-1][2])]


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= _SAME for x, y in zip(a, b, strict=True))


def _rules(page: Any, left: float, right: float) -> list[float]:
    """The heights of horizontal rules (lines or hairline rectangles) spanning the table's width."""
    found: list[float] = []
    for edge in [*page.lines, *page.rects]:
        if abs(float(edge["bottom"]) - float(edge["top"])) > 2.0:
            continue
        if abs(float(edge["x0"]) - left) <= 3.0 and abs(float(edge["x1"]) - right) <= 3.0:
            found.append((float(edge["top"]) + float(edge["bottom"])) / 2)
    return sorted(found)


def _is_row(words: list[dict[str, Any]], columns: list[float]) -> bool:
    """Words that each sit in one column, in at least two columns: a row of this table."""
    if not words:
        return False
    used: set[int] = set()
    for word in words:
        x0, x1 = float(word["x0"]), float(word["x1"])
        if x0 < columns[0] - _SLACK or x1 > columns[-1] + _SLACK:
            return False
        column = next(
            (
                i
                for i in range(len(columns) - 1)
                if x0 >= columns[i] - _SLACK and x1 <= columns[i + 1] + _SLACK
            ),
            None,
        )
        if column is None:
            return False  # runs across a column boundary: running text
        used.add(column)
    return len(used) >= 2


def _in_strip(words: list[dict[str, Any]], top: float, bottom: float) -> list[dict[str, Any]]:
    return [w for w in words if top < (float(w["top"]) + float(w["bottom"])) / 2 < bottom]


def _page_end(
    edge: float, limit: float, downward: bool, words: list[dict[str, Any]], columns: list[float], size: float
) -> float | None:
    """The far edge of the row a page break ended, between `edge` and the body's `limit`, if one is there."""
    low, high = (edge, limit) if downward else (limit, edge)
    strip = _in_strip(words, low, high)
    if not strip or not _is_row(strip, columns):
        return None
    far = max(float(w["bottom"]) for w in strip) if downward else min(float(w["top"]) for w in strip)
    if abs(far - edge) > _MAX_ROW * size:
        return None
    return far + _TOUCH if downward else far - _TOUCH


def _grow(
    region: _Region,
    bands: list[Any],
    rules: list[float],
    words: list[dict[str, Any]],
    size: float,
    body: tuple[float, float] | None = None,
) -> None:
    """Take in the rows above and below the region while they belong to the table.

    `body` is the top and bottom of the page's body text (inside the running header and footer):
    a row cut off by the page break reaches to it without a rule on its far side.
    """
    tops = {round(float(t.bbox[1]), 1): t for t in bands}
    bottoms = {round(float(t.bbox[3]), 1): t for t in bands}
    for downward in (True, False):
        while True:
            edge = region.bottom if downward else region.top
            # A rule on the region's own edge is that edge.
            nearby = [y for y in [*rules, *tops, *bottoms] if abs(y - edge) > _TOUCH]
            ahead = [y for y in nearby if (y > edge if downward else y < edge)]
            if body is not None:
                limit = body[1] if downward else body[0]
                inside = [y for y in ahead if (y < limit if downward else y > limit)]
                if not inside:
                    end = _page_end(edge, limit, downward, words, region.columns, size)
                    if end is not None:
                        ahead = [end]
            if not ahead:
                break
            following = min(ahead) if downward else max(ahead)
            low, high = (edge, following) if downward else (following, edge)
            if high - low > _MAX_ROW * size or not _is_row(_in_strip(words, low, high), region.columns):
                break
            region.rows.update((low, high))
            region.grown = True
            band = tops.get(round(following, 1)) if downward else bottoms.get(round(following, 1))
            if band is not None:
                region.rows.update(float(row.bbox[1]) for row in band.rows)
                following = float(band.bbox[3]) if downward else float(band.bbox[1])
                region.rows.add(following)
            if downward:
                region.bottom = following
            else:
                region.top = following


def banded_tables(
    page: Any, tables: list[Any], size: float, body: tuple[float, float] | None = None
) -> list[Any]:
    """The page's found tables with the shaded rows of one banded table joined into one table.

    Args:
        page: The pdfplumber page.
        tables: What `page.find_tables()` found on it.
        size: The body font size.
        body: The top and bottom of the page's body (inside the running header and footer); with
            it, a row that a page break cut off from its closing rule is still taken in.

    Returns:
        pdfplumber tables: the found ones, except that the pieces of a banded table are
        replaced by one table over all its rows.
    """
    if not tables:
        return tables
    tables = sorted(tables, key=lambda t: float(t.bbox[1]))
    words: list[dict[str, Any]] | None = None
    kept: list[Any] = []
    used: set[int] = set()
    for index, table in enumerate(tables):
        if index in used:
            continue
        columns = _columns(table)
        if columns is None:
            kept.append(table)
            continue
        if words is None:
            words = page.extract_words()
        bands = [
            other
            for other in tables
            if other is table or ((cols := _columns(other)) is not None and _same_columns(cols, columns))
        ]
        region = _Region(columns=columns, top=float(table.bbox[1]), bottom=float(table.bbox[3]))
        region.rows.update(float(row.bbox[1]) for row in table.rows)
        region.rows.update((region.top, region.bottom))
        _grow(
            region,
            [b for b in bands if b is not table],
            _rules(page, columns[0], columns[-1]),
            words,
            size,
            body,
        )
        if not region.grown:
            kept.append(table)
            continue
        used.update(
            i
            for i, other in enumerate(tables)
            if other in bands
            and region.top - _TOUCH <= float(other.bbox[1])
            and float(other.bbox[3]) <= region.bottom + _TOUCH
        )
        rows = sorted(y for y in region.rows if region.top - _TOUCH <= y <= region.bottom + _TOUCH)
        joined = page.find_tables(
            {
                "vertical_strategy": "explicit",
                "horizontal_strategy": "explicit",
                "explicit_vertical_lines": columns,
                "explicit_horizontal_lines": rows,
            }
        )
        kept.extend(joined or [table])
    return kept
