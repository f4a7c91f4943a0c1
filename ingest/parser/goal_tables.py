"""Goal chains laid out in Word tables: a key column of goal labels and sub-headings.

Units' own templates often put one goal in a two-column table instead of headings::

    Kommunfullmäktiges mål | 1. Ett Stockholm som håller samman
    Nämndmål               | Barn och unga växer upp under trygga förhållanden
    Enhetsmål              | Barn får en snabb och rättssäker bedömning
    Förväntat resultat     | Alla förhandsbedömningar är klara inom 14 dagar …
    Arbetssätt             | …

The key cells are the words the text template puts on a line of their own, so a table whose
every key is a goal label or a goal sub-heading reads exactly like those lines would: a label
opens a goal whose title is the value, a sub-heading opens that field of the innermost goal.

An overview table ("Nämndmål | Enhetsmål", a goal chain per row, possibly followed by field
columns such as "Förväntat resultat") only repeats goals the plan describes elsewhere, so it is
read as goals only when the plan has no other goal chain: a row when a heading is its goal's
title (what stands under that heading belongs to the goal), the other rows at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.parser.goals import LEVEL_RANK, Label, match_label, match_subheading
from ingest.readers.base import Line


@dataclass(frozen=True)
class GoalRow:
    """One row of a goal table: a goal label with the goal's title, or a field with its text."""

    label: Label | None
    field: str | None
    value: str


def goal_rows(rows: list[Line], in_goal: bool) -> list[GoalRow] | None:
    """The rows of a key/value goal table, or None when the table is something else.

    Every row must have a key cell that is a goal label or a sub-heading standing alone (no
    title or text in the key cell itself) and a value; at least one key must be a goal label,
    unless a goal is already open (then a table of sub-headings fills that goal's fields).

    Args:
        rows: The table's rows (cells from the reader).
        in_goal: Whether a goal is open where the table stands.
    """
    found: list[GoalRow] = []
    for row in rows:
        cells = [cell.strip() for cell in row.cells or ()]
        if len(cells) < 2:
            return None
        key, value = cells[0], " ".join(cell for cell in cells[1:] if cell)
        if not value:
            return None
        label = match_label(key)
        if label is not None and not label.rest:
            found.append(GoalRow(label, None, value))
            continue
        sub = match_subheading(key)
        if sub is None or sub[1]:
            return None
        found.append(GoalRow(None, sub[0], value))
    if not found or not (in_goal or any(row.label for row in found)):
        return None
    return found


@dataclass(frozen=True)
class OverviewColumn:
    """One column of a goal overview table: a goal level (its label) or a field of the row's last goal."""

    label: Label | None
    field: str | None


def overview_columns(header: Line) -> list[OverviewColumn] | None:
    """The columns an overview table's header names ("Nämndmål | Enhetsmål | Förväntat resultat"), or None.

    An overview lays one goal chain out per row, a level per column; the levels must go downwards
    from left to right. Columns after the levels may be goal sub-headings ("Förväntat resultat",
    "Arbetssätt"): their cells are that field of the row's innermost goal. Every header cell must
    be a goal label or a sub-heading standing alone, and at least one must be a label.
    """
    cells = [cell.strip() for cell in header.cells or ()]
    if len(cells) < 2:
        return None
    columns: list[OverviewColumn] = []
    for cell in cells:
        label = match_label(cell)
        if label is not None and not label.rest:
            if columns and columns[-1].field is not None:
                return None  # a level after a field column: not one chain per row
            columns.append(OverviewColumn(label, None))
            continue
        sub = match_subheading(cell)
        if sub is None or sub[1]:
            return None
        columns.append(OverviewColumn(None, sub[0]))
    ranks = [LEVEL_RANK[column.label.level] for column in columns if column.label is not None]
    if not ranks or ranks != sorted(set(ranks)):
        return None
    return columns
