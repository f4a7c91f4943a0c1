"""Small hand-made documents for store tests."""

from __future__ import annotations

import datetime as dt

from indicators.models import GoalLevel, Indicator, Outcome
from knowledge.models import Activity, DocumentMeta, Goal, ParsedDocument, Section


def parsed_plan(source: str, year: int) -> ParsedDocument:
    """A one-goal plan of Enheten X in Farsta with an indicator, activity, outcome and section."""
    meta = DocumentMeta(
        source=source,
        title=f"Verksamhetsplan {year}",
        unit="Enheten X",
        district="Farsta",
        year=year,
        content_hash=f"h{source}{year}",
    )
    return ParsedDocument(
        meta=meta,
        goals=[Goal(key="g1", level=GoalLevel.NAMNDMAL, title="Invånarna är självförsörjande")],
        indicators=[Indicator(name="Sjukfrånvaro", arsmal="5 %", arsmal_value=5.0, goal_key="g1")],
        activities=[Activity(text="Ärendegenomgångar", start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))],
        outcomes=[Outcome(indicator="Sjukfrånvaro", year=year, value="6 %", quote="Sjukfrånvaron var 6 %")],
        sections=[Section(heading_path=["Mål", "Delmål"], text="100 % av ärendena", page=2, goal_key="g1")],
        warnings=["en varning"],
    )
