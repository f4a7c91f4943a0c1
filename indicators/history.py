"""Pure views over stored indicators and outcomes: history per period, units side by side,
and which of a unit's indicators do not reach their targets.

Outcomes are tied to indicators by unit (normalised) and name (`names.same_name`), so a
prose outcome that spells the indicator slightly differently still belongs to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel

from indicators.names import norm, same_name
from indicators.periods import label, sort_key
from indicators.status import PeriodStatus, Status, period_statuses
from indicators.store import StoredIndicator, StoredOutcome


class HistoryPoint(BaseModel):
    """The outcome that counts for one period."""

    period: str
    label: str
    stored: StoredOutcome


class IndicatorVerdict(BaseModel):
    """An indicator of a unit with its statuses in the year of its latest outcome."""

    indicator: StoredIndicator
    year: int | None
    statuses: list[PeriodStatus] = []
    latest: PeriodStatus | None = None
    history: list[HistoryPoint] = []


def _period_of(stored: StoredOutcome) -> str | None:
    o = stored.outcome
    return o.period or (str(o.year) if o.year else None)


def _same_unit(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and norm(a) == norm(b)


def _same_district(a: str | None, b: str | None) -> bool:
    # Unknown on either side does not separate (a unit named once needs no district).
    return a is None or b is None or norm(a) == norm(b)


def outcomes_for(
    outcomes: Sequence[StoredOutcome], unit: str | None, name: str, district: str | None = None
) -> list[StoredOutcome]:
    """A unit's outcomes of one indicator, in stored order."""
    return [
        s
        for s in outcomes
        if _same_unit(s.unit, unit)
        and _same_district(s.district, district)
        and same_name(s.outcome.indicator, name)
    ]


def history(
    outcomes: Sequence[StoredOutcome], unit: str | None, name: str, district: str | None = None
) -> list[HistoryPoint]:
    """One outcome per period, oldest period first.

    For a period with several outcomes an imported one wins over one read from a plan's
    prose (the import is the follow-up system's figure), and a later one over an earlier.
    """
    chosen: dict[str, StoredOutcome] = {}
    for s in outcomes_for(outcomes, unit, name, district):
        period = _period_of(s)
        if period is None:
            continue
        old = chosen.get(period)
        if old is None or s.outcome.source_kind == "import" or old.outcome.source_kind != "import":
            chosen[period] = s
    return [HistoryPoint(period=p, label=label(p), stored=chosen[p]) for p in sorted(chosen, key=sort_key)]


def unit_rows(
    indicators: Sequence[StoredIndicator],
    unit: str | None,
    year: int | None = None,
    district: str | None = None,
) -> list[StoredIndicator]:
    """A unit's indicators from its plan of `year` (default: its latest plan), one row per name.

    Where a plan lists an indicator twice (the KF row and the nämnd row) the row with the
    unit's own årsmål is kept.
    """
    mine = [
        s
        for s in indicators
        if _same_unit(s.unit or s.district, unit) and _same_district(s.district, district)
    ]
    if not mine:
        return []
    years = [s.year for s in mine if s.year is not None]
    wanted = year if year is not None and year in years else (max(years) if years else None)
    rows: dict[str, StoredIndicator] = {}
    for s in mine:
        if s.year != wanted:
            continue
        key = norm(s.indicator.name)
        if key not in rows or (not rows[key].indicator.arsmal.strip() and s.indicator.arsmal.strip()):
            rows[key] = s
    return list(rows.values())


def verdict(
    indicators: Sequence[StoredIndicator],
    outcomes: Sequence[StoredOutcome],
    row: StoredIndicator,
    today: dt.date | None = None,
    year: int | None = None,
) -> IndicatorVerdict:
    """Statuses of one indicator in `year` (default: the year of its latest outcome, else the plan's).

    The target comes from the unit's plan of that year when there is one, else from `row`.
    """
    unit = row.unit or row.district
    points = history(outcomes, unit, row.indicator.name, row.district)
    if year is None:
        year = row.year
        if points and points[-1].stored.outcome.year is not None:
            year = points[-1].stored.outcome.year
    same_year = [
        r
        for r in unit_rows(indicators, unit, year, row.district)
        if r.year == year and same_name(r.indicator.name, row.indicator.name)
    ]
    target_row = same_year[0] if same_year else row
    if year is None:
        return IndicatorVerdict(indicator=target_row, year=None, history=points)
    statuses = period_statuses(target_row.indicator, [p.stored.outcome for p in points], year, today)
    measured = [s for s in statuses if s.status is not Status.EJ_MATT]
    return IndicatorVerdict(
        indicator=target_row,
        year=year,
        statuses=statuses,
        latest=measured[-1] if measured else None,
        history=points,
    )


def across_units(
    indicators: Sequence[StoredIndicator],
    outcomes: Sequence[StoredOutcome],
    name: str,
    today: dt.date | None = None,
) -> list[IndicatorVerdict]:
    """The same indicator in every unit (and district) that has it, from each unit's latest plan having it."""
    latest: dict[tuple[str, str], StoredIndicator] = {}
    for s in indicators:
        unit = s.unit or s.district
        if not unit or not same_name(s.indicator.name, name):
            continue
        key = (norm(unit), norm(s.district or ""))
        old = latest.get(key)
        if (
            old is None
            or (s.year or 0) > (old.year or 0)
            or (s.year == old.year and not old.indicator.arsmal.strip() and s.indicator.arsmal.strip())
        ):
            latest[key] = s
    ordered = sorted(
        latest.values(), key=lambda s: (norm(s.unit or s.district or ""), norm(s.district or ""))
    )
    return [verdict(indicators, outcomes, row, today) for row in ordered]


def unit_review(
    indicators: Sequence[StoredIndicator],
    outcomes: Sequence[StoredOutcome],
    unit: str,
    today: dt.date | None = None,
    district: str | None = None,
) -> list[IndicatorVerdict]:
    """Every indicator of the unit's latest plan with its statuses."""
    return [verdict(indicators, outcomes, row, today) for row in unit_rows(indicators, unit, None, district)]


def not_reaching_target(
    indicators: Sequence[StoredIndicator],
    outcomes: Sequence[StoredOutcome],
    unit: str,
    today: dt.date | None = None,
    district: str | None = None,
) -> list[IndicatorVerdict]:
    """The unit's indicators whose latest measured period is ej uppnått or delvis uppnått."""
    return [
        v
        for v in unit_review(indicators, outcomes, unit, today, district)
        if v.latest is not None and v.latest.status in (Status.EJ_UPPNATT, Status.DELVIS)
    ]
