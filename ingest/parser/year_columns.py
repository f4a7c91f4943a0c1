"""Outcomes in tables whose columns are years: "Indikator | 2018 | 2019 | 2020 | Mål 2020".

Quality-award applications (and the follow-up parts of plans) show a measure's history as a
table with one column per year. Each cell under a year is that year's outcome; a target
column of the same year ("Mål 2020", "Målvärde 2020") is the target the outcome is read
against. The indicator parser keeps the target (it reads "Mål …" as the årsmål column); this
module keeps the years, so "hur nöjda var brukarna 2018?" finds the 2018 cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indicators.models import Outcome
from ingest.parser.text import fold, parse_number, squash, to_float
from ingest.readers.base import Line

# A year column: "2020", "Utfall 2020", "Resultat 2020", "År 2020", "2020 (%)".
_YEAR_CELL = re.compile(r"^(?:(?:utfall|resultat|ar|varde)\s+)?((?:19|20)\d\d)(?:\s*\([^)]{0,20}\))?$")
# A target column of a year: "Mål 2020", "Målvärde 2020", "Årsmål 2020".
_TARGET_CELL = re.compile(r"^(?:mal|malvarde|arsmal|malniva)\s+((?:19|20)\d\d)$")
# Budget tables have years as columns too; their amounts are not outcomes.
_MONEY = re.compile(r"\b(?:budget\w*|belopp\w*|tkr|mnkr|mkr|kostnad\w*|intakt\w*)\b")
# Rows read under one header (a table is rarely longer; later rows belong to another table).
MAX_ROWS = 40


@dataclass(frozen=True)
class _Header:
    """Where the year columns and the target columns of a header row are."""

    years: dict[int, int]  # column -> year
    targets: dict[int, int]  # year -> column
    text: str


def _header(cells: tuple[str, ...]) -> _Header | None:
    """The year and target columns of a header row, or None when no column (but the first) is a year."""
    years: dict[int, int] = {}
    targets: dict[int, int] = {}
    for column, cell in enumerate(cells[1:], start=1):
        folded = squash(fold(cell))
        year = _YEAR_CELL.match(folded)
        if year:
            years[column] = int(year.group(1))
            continue
        target = _TARGET_CELL.match(folded)
        if target:
            targets[int(target.group(1))] = column
    text = "\t".join(cells).strip()
    # A history has two years or more, or names its column a result ("Utfall 2020"); a lone
    # year over amounts is a budget ("Beloppen anges i tkr | 2020"), read by the budget parser.
    stated = any(re.match(r"(?:utfall|resultat)\b", squash(fold(cell))) for cell in cells[1:])
    if (len(years) < 2 and not stated) or _MONEY.search(fold(text)):
        return None
    return _Header(years, targets, text)


def _measure(name: str, value: str) -> str | None:
    """The unit a row states in its value or its name ("Sjukfrånvaro (%)", "AMI" is an index)."""
    unit = parse_number(value)[1]
    if unit:
        return unit
    folded = fold(name)
    if "(%)" in folded or "procent" in folded or folded.startswith("andel"):
        return "%"
    if "index" in folded:
        return "index"
    return None


def _cell(cells: tuple[str, ...], column: int) -> str:
    return cells[column].strip() if column < len(cells) else ""


def year_column_outcomes(lines: list[Line]) -> list[Outcome]:
    """One outcome per row and year column of every table whose header names years.

    Args:
        lines: The document's lines (table rows carry `cells`).

    Returns:
        Outcomes in document order; the quote is the header and the row, as the document
        shows them, so the year stands in the cited text.
    """
    outcomes: list[Outcome] = []
    header: _Header | None = None
    rows = 0
    for line in lines:
        if line.cells is None or len(line.cells) < 2:
            if line.text.strip():
                header = None
            continue
        found = _header(line.cells)
        if found is not None:
            header, rows = found, 0
            continue
        if header is None or rows >= MAX_ROWS:
            continue
        rows += 1
        name = squash(line.cells[0])
        if not re.search(r"[A-Za-zÅÄÖåäö]", name):
            continue
        row_text = "\t".join(line.cells).strip()
        for column, year in header.years.items():
            value = _cell(line.cells, column)
            if to_float(value) is None:
                continue
            target_column = header.targets.get(year)
            target = _cell(line.cells, target_column) if target_column is not None else ""
            outcomes.append(
                Outcome(
                    indicator=name,
                    year=year,
                    period=str(year),
                    target=target or None,
                    value=squash(value),
                    value_num=to_float(value),
                    measure=_measure(name, value),
                    page=line.page,
                    quote=f"{header.text}\n{row_text}",
                )
            )
    return outcomes
