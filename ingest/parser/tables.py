"""Tables: indicator tables (Indikator/Årsmål/KF:s årsmål/Periodicitet) and activity tables.

Columns are recognised by their folded header words, so they may come in any order and
with extra words ("KF:s årsmål år 2023"). Cell texts are kept verbatim; numbers are read
only when a cell really is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from indicators.models import GoalLevel, Indicator
from ingest.parser.kind_words import kind_words
from ingest.parser.text import fold, parse_date, parse_number
from ingest.readers.base import Line
from knowledge.models import Activity

_INDICATOR_COLUMNS = {"name": "Indikator", "arsmal": "Årsmål", "kf": "KF:s årsmål", "period": "Periodicitet"}
_GENDER = "♀♂⚥"
# Header words of the name column, as data: templates name it in several ways ("Indikator", "Mått").
COLUMN_WORDS_FILE = Path(__file__).with_name("indicator_columns.tsv")


@cache
def column_words(role: str) -> tuple[str, ...]:
    """The folded header words of one column role from `indicator_columns.tsv` ("indikator*", "matt").

    Args:
        role: The role column of the data file ("name").

    Returns:
        The words, a trailing "*" kept (it matches every word the rest begins).
    """
    return tuple(kind_words(COLUMN_WORDS_FILE, role))


def _first_word_is(text: str, words: tuple[str, ...]) -> bool:
    first = text.split(" ", 1)[0]
    return any(first.startswith(w[:-1]) if w.endswith("*") else first == w for w in words)


def column_role(cell: str) -> str | None:
    """The column a header cell names (name, arsmal, kf, period, activity, start, end), or None."""
    text = re.sub(r"[^a-z0-9 ]", "", fold(cell)).strip()
    text = re.sub(r"\s+", " ", text)
    if text and _first_word_is(text, column_words("name")):
        return "name"
    # A stacked Word header joins a group caption with the column's own ("Årsmål 2026 – KF:s
    # årsmål"), so who sets the target may be named anywhere in the cell, not only first.
    target = re.search(r"arsmal|malvarde", text.replace(" ", ""))
    if target and re.search(r"(?:^|\s)(?:kfs?|kommunfullmaktiges?)(?:\s|arsmal|$)", text):
        return "kf"
    own = re.search(r"\benhetens (?:arsmal|malvarde)\b", text)
    if text.startswith(("arsmal", "malvarde", "mal 20")) or own:
        return "arsmal"
    # Units' own templates name the follow-up column in everyday words ("Följs upp", "Mäts").
    if text.startswith(("periodicitet", "period", "frekvens", "matfrekvens")) or re.match(
        r"(?:foljs upp|uppfoljning|mats)\b", text
    ):
        return "period"
    if text.startswith("aktivitet"):
        return "activity"
    if text.startswith("start"):
        return "start"
    if text.startswith(("slut", "klar", "fardig")):
        return "end"
    return None


def header_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Map column roles to cell positions when this row is an indicator or activity table header."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        role = column_role(cell)
        if role and role not in roles:
            roles[role] = index
    if "name" in roles and len(roles.keys() & {"arsmal", "kf", "period"}) >= 1:
        return roles
    if "activity" in roles and len(roles.keys() & {"start", "end"}) >= 1:
        return roles
    return None


@dataclass
class GoalRef:
    """The innermost goal open where a table stands."""

    key: str | None = None
    level: GoalLevel | None = None
    title: str = ""


@dataclass
class TableResult:
    """What one table turned into."""

    indicators: list[Indicator] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    other_rows: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _cell(cells: tuple[str, ...], roles: dict[str, int], role: str) -> str:
    index = roles.get(role)
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _measure(name: str, cells: list[str]) -> str | None:
    for cell in cells:
        unit = parse_number(cell)[1]
        if unit:
            return unit
    folded = fold(name)
    keywords = (
        (r"^andel\b|sjukfranvaro|procent", "%"),
        (r"^antal\b", "st"),
        (r"index\b|index$", "index"),
        (r"\bdagar\b|vantetid", "dagar"),
        (r"\bkostnad|\bkronor\b", "kr"),
        (r"\bgwh\b", "GWh"),
    )
    for pattern, unit in keywords:
        if re.search(pattern, folded):
            return unit
    return None


def parse_table(rows: list[Line], goal: GoalRef, page_of: dict[int, int | None]) -> TableResult:
    """Turn a table (header row first) into indicators, activities or plain rows.

    Args:
        rows: The table's rows; the first one is the header when it is an indicator/activity table.
        goal: The innermost goal open where the table stands (indicators and activities belong to it).
        page_of: Page of each row by its index in `rows`.

    Returns:
        The indicators or activities, the rows to keep as prose when the table is neither, and
        Swedish warnings (missing columns, indicators without periodicity).
    """
    result = TableResult()
    roles = header_columns(rows[0].cells or ()) if rows else None
    if roles is None:
        result.other_rows = list(rows)
        return result
    where = f"under ”{goal.title}”" if goal.title else "utanför målkedjan"
    if "name" in roles:
        for role in ("arsmal", "kf", "period"):
            if role not in roles:
                label = _INDICATOR_COLUMNS[role]
                result.warnings.append(f"tabell utan kolumnen {label} (indikatortabell {where}).")
        for index, row in enumerate(rows[1:], start=1):
            indicator = _indicator(row, roles, goal, page_of.get(index))
            if indicator is None:
                continue
            if not indicator.periodicitet and "period" in roles:
                result.warnings.append(f"indikator utan periodicitet: ”{indicator.name}” ({where}).")
            result.indicators.append(indicator)
        return result
    for index, row in enumerate(rows[1:], start=1):
        cells = row.cells or ()
        text = _cell(cells, roles, "activity")
        if not text:
            continue
        start, end = (
            parse_date(_cell(cells, roles, "start")),
            parse_date(_cell(cells, roles, "end"), last=True),
        )
        result.activities.append(
            Activity(
                text=text,
                start=start,
                end=end,
                goal_key=goal.key,
                page=page_of.get(index),
                row_text=row.text,
            )
        )
    return result


def _indicator(row: Line, roles: dict[str, int], goal: GoalRef, page: int | None) -> Indicator | None:
    cells = row.cells or ()
    name = _cell(cells, roles, "name")
    gender = bool(name) and name[0] in _GENDER
    name = name.lstrip(_GENDER + " \u00a0").strip()
    if not name:
        return None
    arsmal, kf = _cell(cells, roles, "arsmal"), _cell(cells, roles, "kf")
    return Indicator(
        name=name,
        arsmal=arsmal,
        arsmal_value=parse_number(arsmal)[0],
        kf_arsmal=kf,
        kf_arsmal_value=parse_number(kf)[0],
        periodicitet=_cell(cells, roles, "period"),
        measure=_measure(name, [arsmal, kf]),
        gender_split=gender,
        goal_key=goal.key,
        goal_level=goal.level,
        page=page,
        row_text=row.text,
    )
