"""Reading targets and outcome numbers, and which way is better for an indicator.

Targets are cells like "50 %", "0", "14", "Max 975", "minst 80 %", "öka", "minska" or
"Tas fram av nämnd". Direction comes from the target's wording, else from words in the
indicator's name, else from a 0 or 100 % target; otherwise it is unknown and said so.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel

from indicators.models import Indicator
from indicators.names import norm

_EPS = 1e-9


class Direction(StrEnum):
    """Which way is better for an indicator."""

    HIGHER = "högre är bättre"
    LOWER = "lägre är bättre"
    UNKNOWN = "riktning okänd"


class TargetKind(StrEnum):
    """What kind of target a cell states."""

    VALUE = "value"  # "50 %", "14", "19 st"
    MAX = "max"  # "Max 975", "högst 10", "under 5 %"
    MIN = "min"  # "minst 80 %", "Min 20"
    INCREASE = "increase"  # "öka"
    DECREASE = "decrease"  # "minska"
    NONE = "none"  # "", "-", "Tas fram av nämnd"


class Target(BaseModel):
    """A target cell read: its kind and number."""

    text: str
    kind: TargetKind
    value: float | None = None
    measure: str | None = None


_NUMBER = re.compile(r"^[-−–]?\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?$")
_UNIT = re.compile(
    r"\s*(%|procent|st|stycken|kr|tkr|mkr|gwh|mwh|dagar|dag|timmar|tim|veckor|index|personer)\.?$"
)
_MEASURE_ALIASES = {"procent": "%", "stycken": "st", "dag": "dagar", "tim": "timmar"}
_MAX_WORDS = re.compile(r"^(max(?:imalt)?|högst|hogst|under|mindre än|inte mer än|som mest|<=?|≤)\s*")
_MIN_WORDS = re.compile(r"^(min(?:st|imum)?|lägst|minimum|över|mer än|>=?|≥)\s*")

# Name words that tell which way is better. Checked in this order: "higher" words first,
# because they qualify a "lower" subject ("avhysningar som kunnat avvärjas", "upplever
# … (ekonomiskt bistånd)"). Folded with names.norm. Anything else: direction unknown.
_HIGHER_WORDS = (
    "avvarj",
    "upplever",
    "nojd",
    "index",
    "behaller",
    "klarar",
    "bemott",
    "inom ",
    "enligt plan",
    "feriejobb",
    "stockholmsjobb",
    "ekologisk",
    "energieffektiv",
    "sjalvforsorj",
    "egen forsorjning",
    "aktuella",
    "utforda",
    "genomforda",
    "delaktig",
    "trygg",
)
_LOWER_WORDS = (
    "sjukfranvaro",
    "vantetid",
    "vrakning",
    "avhysning",
    "langvarig",
    "ekonomiskt bistand",
    "kopt energi",
    "akutboende",
    "hotell",
    "okant",
    "felaktig",
    "aterfall",
    "aterakt",
    "klagomal",
    "avvikelse",
    "personalomsattning",
    "inte langre an",
)


def parse_value(text: str) -> tuple[float | None, str | None]:
    """Read a number as staff write it: '12,5', '12,5 %', '1 200', '19 st', '-3'.

    Args:
        text: A cell's text.

    Returns:
        (number, measure) — (None, None) when the text is not a number with an optional unit.
    """
    cleaned = text.strip().rstrip(".").strip()
    found = _UNIT.search(cleaned.lower())
    measure = None
    if found:
        measure = _MEASURE_ALIASES.get(found.group(1), found.group(1))
        cleaned = cleaned[: found.start()].strip()
    if not _NUMBER.match(cleaned):
        return None, None
    digits = re.sub(r"[\s\u00a0\u202f]", "", cleaned).replace("−", "-").replace("–", "-").replace(",", ".")
    try:
        return float(digits), measure
    except ValueError:
        return None, None


def parse_target(text: str) -> Target:
    """Read a target cell ('50 %', '0', 'öka', 'Max 975', 'Tas fram av nämnd', '')."""
    raw = text.strip()
    low = raw.lower()
    if low in ("öka", "oka", "ska öka", "höja", "ökning"):
        return Target(text=raw, kind=TargetKind.INCREASE)
    if low in ("minska", "ska minska", "sänka", "minskning"):
        return Target(text=raw, kind=TargetKind.DECREASE)
    kind = TargetKind.VALUE
    rest = low
    if (m := _MAX_WORDS.match(low)) is not None:
        kind, rest = TargetKind.MAX, low[m.end() :]
    elif (m := _MIN_WORDS.match(low)) is not None:
        kind, rest = TargetKind.MIN, low[m.end() :]
    value, measure = parse_value(rest)
    if value is None:
        return Target(text=raw, kind=TargetKind.NONE)
    return Target(text=raw, kind=kind, value=value, measure=measure)


def pick_target(indicator: Indicator) -> tuple[Target, str]:
    """The target an outcome is judged against: the unit's årsmål, else KF:s årsmål.

    Returns:
        The target and its Swedish label ('årsmål' or 'KF:s årsmål').
    """
    own = parse_target(indicator.arsmal)
    if own.kind is not TargetKind.NONE:
        return own, "årsmål"
    kf = parse_target(indicator.kf_arsmal)
    if kf.kind is not TargetKind.NONE:
        return kf, "KF:s årsmål"
    if indicator.arsmal.strip() not in ("", "-", "–") or not indicator.kf_arsmal.strip():
        return own, "årsmål"
    return kf, "KF:s årsmål"


def direction(name: str, target: Target) -> Direction:
    """Which way is better: from the target's wording, else the name, else a 0 or 100 % target."""
    if target.kind in (TargetKind.MAX, TargetKind.DECREASE):
        return Direction.LOWER
    if target.kind in (TargetKind.MIN, TargetKind.INCREASE):
        return Direction.HIGHER
    folded = norm(name) + " "
    if any(word in folded for word in _HIGHER_WORDS):
        return Direction.HIGHER
    if any(word in folded for word in _LOWER_WORDS):
        return Direction.LOWER
    if target.value is not None:
        # Nothing can be below 0 or above 100 %: such a target can only be approached one way.
        if abs(target.value) < _EPS:
            return Direction.LOWER
        if target.measure == "%" and abs(target.value - 100) < _EPS:
            return Direction.HIGHER
    return Direction.UNKNOWN
