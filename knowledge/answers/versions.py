"""Plan versions and activity deadlines.

"Vad har ändrats sedan förra årets plan?": goals, indicators (with target changes) and
activities added, removed or changed between a unit's two latest plans, each cited to the
plan it stands in (both plans for changes). Items are paired by their normalised text
first, then by similarity (a reworded goal is "changed", not removed + added). An
activity whose dates only moved by the years between the plans is unchanged.

"Vilka aktiviteter slutar denna tertial / har passerat sitt slutdatum?": activity end
dates against an injected today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel

from indicators.models import GOAL_LEVEL_LABELS, Indicator
from indicators.names import norm, similarity
from indicators.periods import tertial_bounds
from knowledge.models import Activity, DocType, Goal, ParsedDocument
from knowledge.textnorm import fold
from knowledge.understand.asks import Deadline

# Reworded items above this similarity are the same item changed (goal titles and
# activity texts are long sentences: a few changed words keep them well above it).
PAIR_THRESHOLD = 0.75
T = TypeVar("T")


class ChangeKind(StrEnum):
    """What happened to an item between two plans."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Change(BaseModel):
    """One difference: which list, what happened, where it stands in each plan, and the details."""

    item: str  # "goal", "indicator", "activity"
    kind: ChangeKind
    old_idx: int | None = None
    new_idx: int | None = None
    old_text: str = ""
    new_text: str = ""
    details: list[str] = []


class PlanDiff(BaseModel):
    """Differences between an older and a newer plan."""

    old_source: str
    new_source: str
    changes: list[Change] = []


def _pair(
    old: Sequence[T], new: Sequence[T], text: Callable[[T], str]
) -> list[tuple[int | None, int | None]]:
    """Pairs of indexes (old, new): same normalised text first, then the most similar above the threshold."""
    pairs: list[tuple[int | None, int | None]] = []
    free_new = list(range(len(new)))
    unpaired_old = []
    for i, item in enumerate(old):
        j = next((j for j in free_new if norm(text(new[j])) == norm(text(item))), None)
        if j is None:
            unpaired_old.append(i)
        else:
            free_new.remove(j)
            pairs.append((i, j))
    candidates = sorted(
        ((similarity(text(old[i]), text(new[j])), i, j) for i in unpaired_old for j in free_new), reverse=True
    )
    used_old: set[int] = set()
    for score, i, j in candidates:
        if score >= PAIR_THRESHOLD and i not in used_old and j in free_new:
            used_old.add(i)
            free_new.remove(j)
            pairs.append((i, j))
    pairs += [(i, None) for i in unpaired_old if i not in used_old]
    pairs += [(None, j) for j in free_new]
    return pairs


def _goal_text(goal: Goal) -> str:
    return f"{GOAL_LEVEL_LABELS[goal.level]}: {goal.title}"


def _unique_indicators(plan: ParsedDocument) -> list[tuple[int, Indicator]]:
    """One row per indicator name (the KF row and the nämnd row are one indicator)."""
    seen: dict[str, tuple[int, Indicator]] = {}
    for i, ind in enumerate(plan.indicators):
        key = norm(ind.name)
        if key not in seen:
            seen[key] = (i, ind.model_copy())
        else:
            first = seen[key][1]
            first.arsmal = first.arsmal or ind.arsmal
            first.kf_arsmal = first.kf_arsmal or ind.kf_arsmal
    return list(seen.values())


def _target_changes(old: Indicator, new: Indicator) -> list[str]:
    out = []
    for label, a, b in (
        ("årsmål", old.arsmal, new.arsmal),
        ("KF:s årsmål", old.kf_arsmal, new.kf_arsmal),
        ("periodicitet", old.periodicitet, new.periodicitet),
    ):
        if norm(a) != norm(b):
            out.append(f"{label} {a.strip() or '–'} → {b.strip() or '–'}")
    return out


def _shifted(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _date_changes(old: Activity, new: Activity, years: int) -> list[str]:
    out = []
    for label, a, b in (("startdatum", old.start, new.start), ("slutdatum", old.end, new.end)):
        if b != a and b != _shifted(a, years):
            out.append(f"{label} {a.isoformat() if a else '–'} → {b.isoformat() if b else '–'}")
    return out


def diff_plans(old: ParsedDocument, new: ParsedDocument) -> PlanDiff:
    """Goals, indicators and activities added, removed or changed from `old` to `new`."""
    diff = PlanDiff(old_source=old.meta.source, new_source=new.meta.source)
    years = (new.meta.year or 0) - (old.meta.year or 0) if old.meta.year and new.meta.year else 0
    for i, j in _pair(old.goals, new.goals, _goal_text):
        a = old.goals[i] if i is not None else None
        b = new.goals[j] if j is not None else None
        if a is not None and b is not None and norm(a.title) == norm(b.title):
            continue
        kind = ChangeKind.CHANGED if a and b else ChangeKind.ADDED if b else ChangeKind.REMOVED
        diff.changes.append(
            Change(
                item="goal",
                kind=kind,
                old_idx=i,
                new_idx=j,
                old_text=_goal_text(a) if a else "",
                new_text=_goal_text(b) if b else "",
            )
        )
    old_inds, new_inds = _unique_indicators(old), _unique_indicators(new)
    for i, j in _pair(old_inds, new_inds, lambda x: x[1].name):
        oi = old_inds[i] if i is not None else None
        ni = new_inds[j] if j is not None else None
        details = _target_changes(oi[1], ni[1]) if oi and ni else []
        if oi and ni and norm(oi[1].name) != norm(ni[1].name):
            details.insert(0, "nytt namn")
        if oi and ni and not details:
            continue
        kind = ChangeKind.CHANGED if oi and ni else ChangeKind.ADDED if ni else ChangeKind.REMOVED
        diff.changes.append(
            Change(
                item="indicator",
                kind=kind,
                old_idx=oi[0] if oi else None,
                new_idx=ni[0] if ni else None,
                old_text=oi[1].name if oi else "",
                new_text=ni[1].name if ni else "",
                details=details,
            )
        )
    for i, j in _pair(old.activities, new.activities, lambda a: a.text):
        oa = old.activities[i] if i is not None else None
        na = new.activities[j] if j is not None else None
        details = _date_changes(oa, na, years) if oa and na else []
        if oa and na and norm(oa.text) != norm(na.text):
            details.insert(0, "ny formulering")
        if oa and na and not details:
            continue
        kind = ChangeKind.CHANGED if oa and na else ChangeKind.ADDED if na else ChangeKind.REMOVED
        diff.changes.append(
            Change(
                item="activity",
                kind=kind,
                old_idx=i,
                new_idx=j,
                old_text=oa.text if oa else "",
                new_text=na.text if na else "",
                details=details,
            )
        )
    return diff


def unit_plans(
    plans: Sequence[ParsedDocument], unit: str | None, district: str | None
) -> list[ParsedDocument]:
    """A unit's verksamhetsplaner (same unit, and district when both have one), oldest first."""
    mine = [
        p
        for p in plans
        if p.meta.type is DocType.VERKSAMHETSPLAN
        and p.meta.year is not None
        and fold(p.meta.unit or p.meta.district or "") == fold(unit or district or "")
        and (not district or not p.meta.district or fold(p.meta.district) == fold(district))
    ]
    return sorted(mine, key=lambda p: p.meta.year or 0)


def two_latest(
    plans: Sequence[ParsedDocument], year: int | None = None
) -> tuple[ParsedDocument, ParsedDocument] | None:
    """The plan of `year` (default: the latest) and the one before it; None with fewer than two."""
    ordered = [p for p in plans if year is None or (p.meta.year or 0) <= year]
    return (ordered[-2], ordered[-1]) if len(ordered) >= 2 else None


def ending(activities: Sequence[Activity], today: dt.date, which: Deadline) -> list[int]:
    """Indexes of activities ending in today's tertial, or already past their end date, by end date."""
    start, end = tertial_bounds(today)
    hits = [
        i
        for i, a in enumerate(activities)
        if a.end is not None
        and ((start <= a.end <= end) if which is Deadline.THIS_TERTIAL else a.end < today)
    ]
    return sorted(hits, key=lambda i: activities[i].end or today)
