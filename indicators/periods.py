"""Reporting periods: parsing what staff write, the periods a periodicity expects, tertial dates.

Stockholm's follow-up runs in tertials: tertial 1 (January–April) and tertial 2
(May–August) are reported in tertialrapporter, the third tertial is reported with the
whole year in the verksamhetsberättelse. So a period is '2023-T1', '2023-T2' or '2023'
(helår); "T3" and "tertial 3" mean the year-end report and normalise to '2023'.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TERTIAL = r"(?P<tertial>[1-3])"
_T_WORD = r"(?:t|tertial|tert\.?|tertialrapport|tr)"
_FULL_WORDS = r"(?:helar|helaret|ar|arsbokslut|verksamhetsberattelse|vb|bokslut|helt ar)"
_PATTERNS = [
    re.compile(rf"^{_YEAR}$"),
    re.compile(rf"^{_YEAR}\s*[-/: ]?\s*{_T_WORD}\s*{_TERTIAL}$"),
    re.compile(rf"^{_T_WORD}\s*{_TERTIAL}\s*[-/: ]?\s*{_YEAR}$"),
    re.compile(rf"^{_YEAR}\s*[-/: ]?\s*{_FULL_WORDS}$"),
    re.compile(rf"^{_FULL_WORDS}\s*[-/: ]?\s*{_YEAR}$"),
]
_ACCENTS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})

# Last day of each tertial (month, day).
_TERTIAL_END = {1: (4, 30), 2: (8, 31), 3: (12, 31)}
_TERTIAL_START = {1: (1, 1), 2: (5, 1), 3: (9, 1)}


class Period(BaseModel):
    """A normalised reporting period."""

    year: int
    tertial: int | None = None  # 1 or 2; None means the whole year (helår)

    @property
    def key(self) -> str:
        """'2023-T1', '2023-T2' or '2023'."""
        return f"{self.year}-T{self.tertial}" if self.tertial else str(self.year)

    @property
    def label(self) -> str:
        """Swedish label: 'tertial 1 2023' or 'helår 2023'."""
        return f"tertial {self.tertial} {self.year}" if self.tertial else f"helår {self.year}"

    @property
    def end(self) -> dt.date:
        """Last day of the period (the year's last day for helår)."""
        month, day = _TERTIAL_END[self.tertial or 3]
        return dt.date(self.year, month, day)


def parse_period(text: str) -> Period | None:
    """Read a period as staff write it.

    Accepts '2023', '2023-T1', '2023 T2', 'T1 2023', 'T1-2023', 'Tertial 1 2023',
    '2023 tertial 2', '2023 helår', 'Helår 2023', '2023 VB', and 'T3'/'tertial 3' (= helår).

    Args:
        text: The cell text (case and accents do not matter).

    Returns:
        The period, or None when the text is not a period.
    """
    cleaned = " ".join(text.lower().translate(_ACCENTS).replace("_", " ").split()).strip(" .")
    for pattern in _PATTERNS:
        found = pattern.match(cleaned)
        if found:
            groups = found.groupdict()
            tertial = int(groups["tertial"]) if groups.get("tertial") else None
            return Period(year=int(groups["year"]), tertial=None if tertial == 3 else tertial)
    return None


def period_from_key(key: str) -> Period | None:
    """Period of a stored key ('2023-T1', '2023'); None for anything else."""
    return parse_period(key)


def sort_key(key: str | None) -> tuple[int, int]:
    """Chronological order of period keys: 2023-T1 < 2023-T2 < 2023 < 2024-T1; unknown first."""
    period = parse_period(key or "")
    if period is None:
        return (0, 0)
    return (period.year, period.tertial or 3)


def label(key: str | None) -> str:
    """Swedish label of a stored period key (the key itself when it is not a known form)."""
    period = parse_period(key or "")
    return period.label if period else (key or "okänd period")


def is_tertial(periodicitet: str) -> bool:
    """True for indicators followed up per tertial ("Tertial", "Tertialvis", "T1, T2 …")."""
    text = periodicitet.lower()
    return "tertial" in text or bool(re.search(r"\bt[12]\b", text))


def expected_periods(periodicitet: str, year: int) -> list[Period]:
    """Periods an indicator is measured in during a year: Tertial → T1, T2, helår; År → helår."""
    if is_tertial(periodicitet):
        return [Period(year=year, tertial=1), Period(year=year, tertial=2), Period(year=year)]
    return [Period(year=year)]


def tertial_of(day: dt.date) -> int:
    """Tertial (1–3) a date falls in."""
    return 1 if day.month <= 4 else 2 if day.month <= 8 else 3


def tertial_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the tertial a date falls in."""
    tertial = tertial_of(day)
    start_month, start_day = _TERTIAL_START[tertial]
    end_month, end_day = _TERTIAL_END[tertial]
    return dt.date(day.year, start_month, start_day), dt.date(day.year, end_month, end_day)
