"""Whether an outcome reaches its target: status per period (targets are read in indicators.targets).

Statuses (Swedish, as shown to staff):

- **uppnått**: the outcome is at the target or beyond it in the right direction
  (at or above for "higher is better", at or below for "lower is better"; "öka"/"minska"
  targets: moved the right way since the same period of an earlier year).
- **delvis uppnått**: not at the target, but within 10 % of the target value on the
  wrong side (target 50 % → 45–49.9 %; target 3,5 % sjukfrånvaro → 3,51–3,85 %). A
  target of 0 has no such band: anything above 0 is ej uppnått.
- **ej uppnått**: further off than that, or (öka/minska) unchanged or moved the wrong way.
- **ej mätt än**: no outcome stored for the period (the reason says whether the period
  is still running).
- **kan inte bedömas**: there is an outcome but no verdict can be given honestly: the
  target is not a number ("Tas fram av nämnd", empty), the outcome is not a number, the
  direction is unknown ("riktning okänd"), or an öka/minska target has nothing to compare with.

Counts ("Antal …", measure st) followed per tertial are year-to-date figures, so a tertial
outcome is compared with the share of the annual target for the months gone (4/12, 8/12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

from pydantic import BaseModel

from indicators.models import Indicator, Outcome
from indicators.names import norm
from indicators.periods import Period, expected_periods, parse_period, sort_key
from indicators.targets import (
    Direction,
    Target,
    TargetKind,
    direction,
    parse_target,
    parse_value,
    pick_target,
)

PARTIAL_BAND = 0.10  # "delvis uppnått": within 10 % of the target value
_EPS = 1e-9


class Status(StrEnum):
    """Status of an indicator in one period."""

    UPPNATT = "uppnått"
    DELVIS = "delvis uppnått"
    EJ_UPPNATT = "ej uppnått"
    EJ_MATT = "ej mätt än"
    EJ_BEDOMBART = "kan inte bedömas"


class PeriodStatus(BaseModel):
    """An indicator's status in one period, with the figures it was judged on."""

    period: str
    label: str
    status: Status
    reason: str = ""
    value: str | None = None
    value_num: float | None = None
    target: str | None = None
    compared_with: float | None = None
    direction: Direction = Direction.UNKNOWN


def is_count(indicator: Indicator) -> bool:
    """True for counts ("Antal …", measure st), reported year-to-date per tertial."""
    return indicator.measure == "st" or norm(indicator.name).startswith("antal")


def assess(
    value: float | None, target: Target, way: Direction, baseline: float | None = None, share: float = 1.0
) -> tuple[Status, str, float | None]:
    """Judge one outcome against a target (the rules are in the module docstring).

    Args:
        value: The outcome as a number (None when it is not one).
        target: The parsed target.
        way: Which way is better.
        baseline: Earlier outcome, for öka/minska targets.
        share: Part of the annual target that applies to the period (counts per tertial).

    Returns:
        (status, Swedish reason, the number compared with).
    """
    if value is None:
        return Status.EJ_BEDOMBART, "utfallet är inte ett tal", None
    if target.kind is TargetKind.NONE:
        what = f"”{target.text}”" if target.text.strip() else "inget mål angivet"
        return Status.EJ_BEDOMBART, f"målet är inte ett mätbart tal ({what})", None
    if target.kind in (TargetKind.INCREASE, TargetKind.DECREASE):
        if baseline is None:
            reason = f"målet är att {target.text.lower()}, men inget tidigare utfall finns"
            return Status.EJ_BEDOMBART, reason, None
        better = value > baseline + _EPS if way is Direction.HIGHER else value < baseline - _EPS
        if better:
            return Status.UPPNATT, f"jämfört med tidigare utfall {_num(baseline)}", baseline
        return Status.EJ_UPPNATT, f"jämfört med tidigare utfall {_num(baseline)}", baseline
    goal = (target.value or 0.0) * share
    note = f" (årsmålet räknat för perioden: {_num(goal)})" if share < 1.0 else ""
    if way is Direction.UNKNOWN:
        if abs(value - goal) < _EPS:
            return Status.UPPNATT, "utfallet är lika med målet" + note, goal
        return Status.EJ_BEDOMBART, "riktning okänd: det framgår inte om högre eller lägre är bättre", goal
    band = PARTIAL_BAND * abs(goal)
    if way is Direction.HIGHER:
        if value >= goal - _EPS:
            return Status.UPPNATT, "högre är bättre" + note, goal
        if value >= goal - band - _EPS and band > 0:
            return Status.DELVIS, "högre är bättre; inom 10 % från målet" + note, goal
        return Status.EJ_UPPNATT, "högre är bättre" + note, goal
    if value <= goal + _EPS:
        return Status.UPPNATT, "lägre är bättre" + note, goal
    if value <= goal + band + _EPS and band > 0:
        return Status.DELVIS, "lägre är bättre; inom 10 % från målet" + note, goal
    return Status.EJ_UPPNATT, "lägre är bättre" + note, goal


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def outcome_number(outcome: Outcome) -> float | None:
    """An outcome's value as a number (value_num, else read from the text)."""
    return outcome.value_num if outcome.value_num is not None else parse_value(outcome.value)[0]


def _baseline(period: Period, history: Sequence[Outcome]) -> float | None:
    """Same kind of period (T1, T2 or helår) in the latest earlier year that has one."""
    earlier = []
    for o in history:
        p = parse_period(o.period or "")
        if p is not None and p.tertial == period.tertial and p.year < period.year:
            earlier.append((p.year, outcome_number(o)))
    earlier = [e for e in earlier if e[1] is not None]
    return max(earlier)[1] if earlier else None


def period_statuses(
    indicator: Indicator, outcomes: Sequence[Outcome], year: int, today: dt.date | None = None
) -> list[PeriodStatus]:
    """Status of an indicator in each period of a year (Tertial → T1, T2, helår; År → helår).

    Args:
        indicator: The plan's indicator row (target and periodicity).
        outcomes: This unit's outcomes of the indicator, any years, oldest first (later wins).
        year: The year to report.
        today: Today's date: a period not over yet without an outcome is "still running"
            rather than "not reported".

    Returns:
        One status per expected period, plus any other period of the year that has an outcome.
    """
    target, target_label = pick_target(indicator)
    way = direction(indicator.name, target)
    by_period: dict[str, Outcome] = {}
    for o in outcomes:
        if o.period:
            by_period[o.period] = o
    periods = {p.key: p for p in expected_periods(indicator.periodicitet, year)}
    for key in by_period:
        p = parse_period(key)
        if p is not None and p.year == year:
            periods.setdefault(p.key, p)
    result = []
    for key in sorted(periods, key=sort_key):
        period = periods[key]
        found = by_period.get(key)
        shown_target = f"{target.text} ({target_label})" if target.text else None
        if found is None:
            running = today is not None and today <= period.end
            reason = f"perioden pågår till {period.end.isoformat()}" if running else "inget utfall är inläst"
            result.append(
                PeriodStatus(
                    period=key,
                    label=period.label,
                    status=Status.EJ_MATT,
                    reason=reason,
                    target=shown_target,
                    direction=way,
                )
            )
            continue
        value = outcome_number(found)
        use, way_used = target, way
        if target.kind is TargetKind.NONE and found.target:
            # The plan gives no number but the report states one next to the outcome.
            use = parse_target(found.target)
            way_used = direction(indicator.name, use)
        share = 1.0
        if (
            period.tertial
            and is_count(indicator)
            and use.kind in (TargetKind.VALUE, TargetKind.MIN, TargetKind.MAX)
        ):
            share = period.tertial * 4 / 12
        status, reason, compared = assess(value, use, way_used, _baseline(period, outcomes), share)
        result.append(
            PeriodStatus(
                period=key,
                label=period.label,
                status=status,
                reason=reason,
                value=found.value,
                value_num=value,
                target=shown_target,
                compared_with=compared,
                direction=way_used,
            )
        )
    return result
