"""A plan whose goal chain is only an overview table, Word exported to PDF, and what the parser makes of it.

`tests/fixtures/unseen/vp2021_familjeratten_ostermalm.pdf` (built by
`tests/support/unseen_vp2021_pdf.py`) lays its goal chain out as one table (Nämndmål | Enhetsmål |
Förväntat resultat), describes each unit goal under an unnumbered heading that is the goal
itself, heads its indicator tables "Mått | Utfall 2020 | Målvärde 2021 | Frekvens" and lists its
activities as bullets with the dates in the sentence. The small documents below isolate each of
those layouts.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from indicators.models import GoalLevel
from ingest.parser import parse
from ingest.parser.dated_bullets import bullet_text, dated_item, is_activity_caption, item_dates
from ingest.parser.goal_tables import overview_columns
from ingest.parser.tables import column_role, column_words
from ingest.readers import read_document
from ingest.readers.base import Line, RawDocument
from knowledge.models import ParsedDocument
from tests.golden.regen import unseen_vp2021_pdf_golden_path, unseen_vp2021_pdf_json
from tests.support import unseen_vp2021_pdf

MAX = 50 * 1024 * 1024


def _parse(lines: list[Line]) -> ParsedDocument:
    return parse(RawDocument(source="vp.docx", path=Path("vp.docx"), content_hash="h", lines=lines))


def _row(*cells: str) -> Line:
    return Line(text="\t".join(cells), cells=cells)


def _overview_plan(*after: Line) -> list[Line]:
    """A plan with an overview table of two unit goals, then `after`."""
    return [
        Line(text="Verksamhetsplan 2021 för Testenheten", heading=1),
        Line(text=""),
        Line(text="Målkedja", heading=1),
        Line(text=""),
        _row("Nämndmål", "Enhetsmål", "Förväntat resultat"),
        _row(
            "1.3 Barn har goda uppväxtvillkor", "Barn kommer till tals", "Alla barn har fått ett eget samtal"
        ),
        _row(
            "3.1 Attraktiv arbetsgivare", "Medarbetarna stannar hos oss", "Personalomsättningen är under 10 %"
        ),
        Line(text=""),
        *after,
    ]


# --- the fixture ------------------------------------------------------------------------------------


def test_plan_pdf_matches_golden() -> None:
    expected = json.loads(unseen_vp2021_pdf_golden_path().read_text(encoding="utf-8"))
    assert unseen_vp2021_pdf_json() == expected, "run tests/golden/regen.py and review the diff"


def test_plan_pdf_goals_indicators_and_activities_hang_together() -> None:
    parsed = parse(read_document(unseen_vp2021_pdf.FIXTURE, MAX))
    unit_goals = {goal.title: goal for goal in parsed.goals if goal.level is GoalLevel.ENHETSMAL}
    assert len(unit_goals) == 4
    court = unit_goals["Tingsrätten får våra utredningar i tid"]
    parent = next(goal for goal in parsed.goals if goal.key == court.parent_key)
    assert parent.title.startswith("1.4 Stödet till individer och familjer")
    quick = next(item for item in parsed.indicators if item.name.startswith("Andel snabbupplysningar"))
    assert (quick.arsmal, quick.periodicitet, quick.goal_key) == ("100 %", "Månad", court.key)
    template = next(item for item in parsed.activities if "mall för barnets avsnitt" in item.text)
    assert template.end == dt.date(2021, 5, 31) and template.start is None
    assert (
        template.goal_key == unit_goals["Barnets bästa och barnets egen röst väger tyngst i varje ärende"].key
    )
    expected = {section.heading_path[-1] for section in parsed.sections if section.goal_key == court.key}
    assert expected == {"Förväntat resultat", "Beskrivning"}


# --- the layouts, one at a time -------------------------------------------------------------------


def test_measure_header_words_name_the_indicator_column() -> None:
    assert column_role("Mått") == "name"
    assert column_role("Mätetal") == "name"
    assert column_role("Indikatorer 2023") == "name"
    assert column_role("Utfall 2020") is None
    assert column_role("Måltal") is None  # a target word, not a name column
    assert all(word == word.lower() for word in column_words("name"))


def test_overview_header_may_end_in_goal_fields() -> None:
    columns = overview_columns(_row("Nämndmål", "Enhetsmål", "Förväntat resultat"))
    assert columns is not None
    assert [(c.label.level if c.label else None, c.field) for c in columns] == [
        (GoalLevel.NAMNDMAL, None),
        (GoalLevel.ENHETSMAL, None),
        (None, "forvantat_resultat"),
    ]
    assert overview_columns(_row("Förväntat resultat", "Enhetsmål")) is None  # a level after a field
    assert overview_columns(_row("Enhetsmål", "Indikator")) is None  # not a goal chain
    assert overview_columns(_row("Förväntat resultat", "Arbetssätt")) is None  # no level at all


def test_heading_that_is_an_overview_goal_opens_it_for_what_stands_under_it() -> None:
    parsed = _parse(
        _overview_plan(
            Line(text="Barn kommer till tals", heading=2),
            Line(text=""),
            Line(text="Vi pratar med alla barn."),
            Line(text=""),
            _row("Mått", "Utfall 2020", "Målvärde 2021", "Frekvens"),
            _row("Andel barn med eget samtal", "60 %", "90 %", "Tertial"),
            Line(text=""),
            Line(text="Ekonomi", heading=1),
            Line(text=""),
            Line(text="Budgeten är 3 mnkr."),
        )
    )
    goals = {goal.title: goal for goal in parsed.goals}
    assert set(goals) == {
        "1.3 Barn har goda uppväxtvillkor",
        "Barn kommer till tals",
        "3.1 Attraktiv arbetsgivare",
        "Medarbetarna stannar hos oss",
    }
    child = goals["Barn kommer till tals"]
    assert child.parent_key == goals["1.3 Barn har goda uppväxtvillkor"].key
    (indicator,) = parsed.indicators
    assert (indicator.name, indicator.arsmal, indicator.goal_key) == (
        "Andel barn med eget samtal",
        "90 %",
        child.key,
    )
    by_path = {tuple(section.heading_path): section for section in parsed.sections}
    fields = {path[-1]: section.text for path, section in by_path.items() if section.goal_key == child.key}
    assert fields == {
        "Förväntat resultat": "Alla barn har fått ett eget samtal",
        "Beskrivning": "Vi pratar med alla barn.",
    }
    # The heading at the goal's level or above ends it: the budget is no part of the goal.
    assert by_path[("Ekonomi",)].goal_key is None


def test_overview_beside_labelled_goals_still_adds_none() -> None:
    parsed = _parse(
        _overview_plan(
            Line(text="Enhetsmål: Barn kommer till tals", heading=2),
            Line(text=""),
            Line(text="Vi pratar med alla barn."),
        )
    )
    assert [goal.title for goal in parsed.goals] == ["Barn kommer till tals"]


def test_bullets_under_an_activity_caption_are_activities_with_their_dates() -> None:
    parsed = _parse(
        _overview_plan(
            Line(text="Medarbetarna stannar hos oss", heading=2),
            Line(text=""),
            Line(text="Aktiviteter 2021"),
            Line(text=""),
            Line(text="• Senast den 30 april 2021 har alla ett utvecklingssamtal."),
            Line(text="• Handledning för alla socialsekreterare varannan vecka från och med"),
            Line(text="februari 2021."),
            Line(text=""),
            Line(text="Det här är vanlig text efter listan."),
        )
    )
    staying = next(goal for goal in parsed.goals if goal.title == "Medarbetarna stannar hos oss")
    assert [(a.text, a.start, a.end, a.goal_key) for a in parsed.activities] == [
        ("Senast den 30 april 2021 har alla ett utvecklingssamtal.", None, dt.date(2021, 4, 30), staying.key),
        (
            "Handledning för alla socialsekreterare varannan vecka från och med februari 2021.",
            dt.date(2021, 2, 1),
            None,
            staying.key,
        ),
    ]
    # The caption and the bullets stay the goal's text too, so passages can quote them.
    text = next(
        s.text for s in parsed.sections if s.goal_key == staying.key and s.heading_path[-1] == "Beskrivning"
    )
    assert "Aktiviteter 2021" in text and "utvecklingssamtal" in text


def test_bullets_without_an_activity_caption_stay_text() -> None:
    parsed = _parse(
        [
            Line(text="Inledning", heading=1),
            Line(text=""),
            Line(text="• Senast den 30 april 2021 ska planen vara klar."),
        ]
    )
    assert parsed.activities == []


def test_activity_dates_read_from_the_sentence() -> None:
    assert item_dates("Utbildning under mars och april 2021.") == (dt.date(2021, 3, 1), dt.date(2021, 4, 30))
    assert item_dates("Senast den 31 maj 2021 tas en mall fram.") == (None, dt.date(2021, 5, 31))
    assert item_dates("Kursen startar i september 2021.") == (dt.date(2021, 9, 1), None)
    assert item_dates("Möte den 3 mars 2021 med alla.") == (dt.date(2021, 3, 3), dt.date(2021, 3, 3))
    assert item_dates("Från 2021-02-01 till och med 2021-06-30.") == (
        dt.date(2021, 2, 1),
        dt.date(2021, 6, 30),
    )
    assert item_dates("Vi ses varje onsdag.") == (None, None)


def test_captions_and_bullets() -> None:
    assert is_activity_caption("Aktiviteter 2021") and is_activity_caption("Planerade aktiviteter")
    assert not is_activity_caption("Mått och målvärden")
    assert bullet_text("• Gör så här") == "Gör så här" and bullet_text("- Gör så här") == "Gör så här"
    assert bullet_text("Gör så här") is None and dated_item("Ingen punkt") is None
