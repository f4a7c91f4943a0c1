"""Layouts the samples do not show but other units' exports do (issue 10, unseen documents).

Numbered headings in front of goal labels, tables flattened to one cell per line or to
labelled lines, running page headers, short labels just before a page marker, and heading
levels taken from the headings' own numbers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from indicators.models import GoalLevel
from ingest.parser import parse
from ingest.parser.blocks import running_lines, section_depth
from ingest.parser.flat_tables import unflatten_tables
from ingest.parser.goals import match_label, match_subheading
from ingest.parser.tables import column_role
from ingest.readers.base import Line, RawDocument
from ingest.readers.text import lines_from_text
from knowledge.models import AdminKey, FactKind, ParsedDocument


def _parse(text: str) -> ParsedDocument:
    raw = RawDocument(source="vp.txt", path=Path("vp.txt"), content_hash="h", lines=lines_from_text(text))
    return parse(raw)


PLAN = """Farsta stadsdelsförvaltning

Verksamhetsplan 2025 för Enheten för vuxna

Farsta stadsdelsförvaltning\tSida 1 (6)

1 Inledning

1.1 Uppdrag
Enheten ger stöd till vuxna.

2 Mål

2.1 KF:s inriktningsmål 1. Ett Stockholm som håller samman

2.1.1 KF:s mål för verksamhetsområdet 1.3 Stockholms stad ska ge stöd där behoven är störst

Nämndmål
Vuxna lever ett självständigt liv

Beskrivning
Nämnden erbjuder stöd i tid.

Farsta stadsdelsförvaltning
Verksamhetsplan 2025\tSida 3 (6)

Enhetsmål
Enheten ger samordnade insatser

Indikator
Årsmål
Periodicitet
Andel SIP-möten inom 30 dagar
80 %
Tertial
Antal personer i Housing First
12
Halvår

Aktivitet: Införa uppföljning med ASI
Startdatum: 2025-02-01
Slutdatum: 2025-11-30

Aktivitet: Utbilda alla i SIP
Startdatum: 2025-03-01
Slutdatum: 2025-06-30

Uppföljning sker varje tertial.

Farsta stadsdelsförvaltning\tSida 5 (6)

3 Ekonomi

3.1 Budget 2025
Nettobudgeten är 40 mnkr.

4 Rutiner

4.1 Rutin för akut hemlöshet
1. Socialjouren ordnar boende.
Ansvar: Biträdande enhetschef.
"""


def _lines(*texts: str) -> list[Line]:
    return [Line(text=text) for text in texts]


def test_labels_behind_a_heading_number_keep_the_goal_number() -> None:
    label = match_label("2.1 KF:s inriktningsmål 1. Ett Stockholm som håller samman")
    assert label is not None and label.level is GoalLevel.KF_INRIKTNINGSMAL
    assert label.rest == "1. Ett Stockholm som håller samman"
    label = match_label("2.1.1 KF:s mål för verksamhetsområdet 1.3 Stockholms stad")
    assert label is not None and label.level is GoalLevel.KF_MAL and label.rest == "1.3 Stockholms stad"
    # The goal's own number with a colon still counts as the label's ("Nämndmål 2: …").
    label = match_label("Nämndmål 2: Invånarna är trygga")
    assert label is not None and label.rest == "Invånarna är trygga"
    label = match_label("Nämndmål 1.3.1: Vuxna lever tryggt")
    assert label is not None and label.level is GoalLevel.NAMNDMAL and label.rest == "Vuxna lever tryggt"
    assert match_label("1. Nämndmålet handlar om trygghet") is None


def test_goal_chain_under_numbered_headings() -> None:
    goals = _parse(PLAN).goals
    assert [(g.level, g.number, g.title, g.parent_key) for g in goals] == [
        (GoalLevel.KF_INRIKTNINGSMAL, "1", "Ett Stockholm som håller samman", None),
        (GoalLevel.KF_MAL, "1.3", "Stockholms stad ska ge stöd där behoven är störst", "g1"),
        (GoalLevel.NAMNDMAL, None, "Vuxna lever ett självständigt liv", "g2"),
        (GoalLevel.ENHETSMAL, None, "Enheten ger samordnade insatser", "g3"),
    ]
    # The running header before the page marker is not part of the description.
    assert goals[2].beskrivning == "Nämnden erbjuder stöd i tid."


def test_cell_per_line_table_becomes_indicators() -> None:
    parsed = _parse(PLAN)
    assert [(i.name, i.arsmal, i.periodicitet, i.goal_key) for i in parsed.indicators] == [
        ("Andel SIP-möten inom 30 dagar", "80 %", "Tertial", "g4"),
        ("Antal personer i Housing First", "12", "Halvår", "g4"),
    ]


def test_labelled_lines_become_activities() -> None:
    activities = _parse(PLAN).activities
    assert [(a.text, a.start, a.end, a.goal_key) for a in activities] == [
        ("Införa uppföljning med ASI", dt.date(2025, 2, 1), dt.date(2025, 11, 30), "g4"),
        ("Utbilda alla i SIP", dt.date(2025, 3, 1), dt.date(2025, 6, 30), "g4"),
    ]


def test_numbered_headings_nest_by_their_numbers() -> None:
    paths = [section.heading_path for section in _parse(PLAN).sections if section.goal_key is None]
    assert ["1 Inledning", "1.1 Uppdrag"] in paths
    assert ["3 Ekonomi", "3.1 Budget 2025"] in paths
    assert ["4 Rutiner", "4.1 Rutin för akut hemlöshet"] in paths
    assert section_depth("2.1.1 Nämndmål") == 3
    assert section_depth("1. Socialjouren ordnar boende.") is None


def test_running_lines_need_repetition_beside_page_markers() -> None:
    lines = _lines(
        "Farsta stadsdelsförvaltning",
        "Text.",
        "Farsta stadsdelsförvaltning\tSida 2 (3)",
        "Förväntat resultat",
        "Farsta stadsdelsförvaltning",
        "Sida 3 (3)",
        "Förväntat resultat",
        "Förväntat resultat",
    )
    # Sub-headings repeat and may stand beside a marker, but they are content.
    assert running_lines(lines) == {"Farsta stadsdelsförvaltning"}
    assert running_lines(_lines("Farsta stadsdelsförvaltning", "Sida 2 (3)")) == set()


def test_a_flattened_table_stops_at_the_first_group_that_is_not_a_row() -> None:
    lines = _lines("Indikator", "Årsmål", "Andel nöjda brukare", "90 %", "Enheten arbetar med", "nöjdhet")
    rebuilt = unflatten_tables(lines)
    assert [line.cells for line in rebuilt[:2]] == [("Indikator", "Årsmål"), ("Andel nöjda brukare", "90 %")]
    assert [line.text for line in rebuilt[2:]] == ["Enheten arbetar med", "nöjdhet"]
    # Header words alone (a list of column names in prose) are not a table.
    words = _lines("Indikator", "Årsmål", "Vi följer upp målen varje tertial.")
    assert unflatten_tables(words) == words
    # A labelled activity needs a date; prose that starts with "Aktivitet:" stays prose.
    prose = _lines("Aktivitet: vi planerar en ny", "Startdatum: snart")
    assert unflatten_tables(prose) == prose


def test_employees_stated_with_the_verb_first() -> None:
    text = "Verksamhetsplan 2025 för Vuxenenheten\n\nI januari 2025 har enheten 34 medarbetare.\n"
    facts = {f.key: f for f in _parse(text).facts if f.kind is FactKind.ADMIN}
    assert facts[AdminKey.EMPLOYEES.value].value == "34 medarbetare"
    assert facts[AdminKey.EMPLOYEES.value].value_num == 34


# --- a unit's own Word template: "Inriktningsmål", "Enhetens åtagande", "Så här gör vi" ---------------


def test_bare_inriktningsmal_and_enhetens_atagande_are_goal_labels() -> None:
    label = match_label("3.1 Inriktningsmål 1: Ett Stockholm som håller ihop")
    assert label is not None and label.level is GoalLevel.KF_INRIKTNINGSMAL
    assert label.rest == "1 Ett Stockholm som håller ihop"
    label = match_label("Enhetens åtagande: Familjer får stöd i tid")
    assert (
        label is not None and label.level is GoalLevel.ENHETSMAL and label.rest == "Familjer får stöd i tid"
    )
    label = match_label("Åtagande: Brukarna är delaktiga")
    assert label is not None and label.level is GoalLevel.ENHETSMAL
    # Prose that starts with the word is no label.
    assert match_label("Inriktningsmålen beslutas av kommunfullmäktige.") is None
    assert match_label("Åtagandet följs upp varje tertial.") is None
    assert match_label("Inriktningsmål för hela staden finns i budgeten.") is None


def test_sa_har_gor_vi_opens_the_working_method() -> None:
    assert match_subheading("Så här gör vi") == ("arbetssatt", "")
    assert match_subheading("Så här arbetar vi") == ("arbetssatt", "")


def test_numbered_heading_with_a_style_level_ends_the_goal_chain() -> None:
    # Headings with levels (Word styles, PDF bookmarks) and their own numbers: "4 Rutiner" after
    # "3 Mål" is the next part, not a topic heading inside the last goal.
    lines = [
        Line(text="3 Mål och åtaganden", heading=1),
        Line(text="Nämndmål: Barn har en trygg uppväxt"),
        Line(text="Enhetens åtagande: Familjer får stöd i tid"),
        Line(text="Vi erbjuder ett första samtal inom tio dagar."),
        Line(text=""),
        Line(text="4 Rutiner", heading=1),
        Line(text="4.1 Rutin vid oro", heading=2),
        Line(text="Kontakta samordnaren samma dag."),
    ]
    parsed = parse(RawDocument(source="plan.pdf", path=Path("plan.pdf"), content_hash="h", lines=lines))
    assert [goal.level for goal in parsed.goals] == [GoalLevel.NAMNDMAL, GoalLevel.ENHETSMAL]
    routine = [s for s in parsed.sections if "Kontakta samordnaren" in s.text]
    assert routine and routine[0].goal_key is None
    assert routine[0].heading_path == ["4 Rutiner", "4.1 Rutin vid oro"]


def test_everyday_column_headers() -> None:
    assert column_role("Följs upp") == "period"
    assert column_role("Mäts") == "period"
    assert column_role("Klar") == "end"
    assert column_role("Klart senast") == "end"
    assert column_role("Målvärde 2025") == "arsmal"
