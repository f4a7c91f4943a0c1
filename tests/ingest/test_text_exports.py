"""Plain-text exports of PDFs with their layout kept (pdftotext -layout), as other units send them.

Space-aligned tables whose cells wrap onto the next line, form feeds between pages, running
headers at the top of each page, "Sida 3 av 8" markers, goal labels named the other way round
("Inriktningsmål (KF) 1:", "Verksamhetsområdesmål (KF) 1.3:"), goal titles wrapped over two
lines, numbered parts in capitals ("3. EKONOMI"), abbreviation lists as two columns and dates
written with month names. The text here is made up; the shapes are those of such exports.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from indicators.models import GoalLevel
from ingest.parser import parse
from ingest.parser.blocks import section_depth
from ingest.parser.goals import match_label
from ingest.parser.text import parse_date
from ingest.readers.base import RawDocument
from ingest.readers.text import lines_from_text
from ingest.readers.text_columns import align_columns
from knowledge.answers.activity_dates import activity_dates
from knowledge.models import Activity, ParsedDocument


def _parse(text: str) -> ParsedDocument:
    raw = RawDocument(source="vp.txt", path=Path("vp.txt"), content_hash="h", lines=lines_from_text(text))
    return parse(raw)


HEAD = "SOLNA STADSDELSFÖRVALTNING                                  VERKSAMHETSPLAN 2026\nDaglig verksamhet\n"


def _foot(page: int) -> str:
    return f"\nDnr SOL 2025/12                                              Sida {page} av 4\n\f"


PLAN = (
    """
                        VERKSAMHETSPLAN 2026
                        Daglig verksamhet
"""
    + HEAD
    + """
1. INLEDNING

1.1 Uppdrag
Daglig verksamhet ger sysselsättning åt vuxna med funktionsnedsättning.

2. MÅL OCH AKTIVITETER

2.1 Inriktningsmål (KF) 1: Ett Stockholm som håller samman med en stark och jämlik välfärd i
hela staden

2.1.1 Verksamhetsområdesmål (KF) 1.3: Stockholms stad ska ge stöd och omsorg där behoven är som
störst

2.1.1.1 Nämndmål:
Personer med funktionsnedsättning har en meningsfull vardag

2.1.1.2 Enhetsmål:
Deltagarna har en sysselsättning som utvecklar deras förmågor och leder vidare till
praktik eller arbete

Förväntade resultat:
Fler deltagare går vidare till praktik.

Indikator                                  KF:s årsmål     Årsmål     Periodicitet
Andel deltagare som har en aktuell         Tas fram av     80 %       Tertial
genomförandeplan                           nämnd
Antal deltagare i praktik                                  12         Halvår
"""
    + _foot(2)
    + HEAD
    + """
Aktivitet                                                    Start        Klart
Starta ett praktikprogram tillsammans med                    1 mars 2026  31 dec 2026
näringslivet
Utbilda handledarna i motiverande samtal                     jan 2026     jun 2026

3. EKONOMI

Nettobudgeten är 12,0 mnkr.

4. RUTINER

4.1 Rutin vid frånvaro
Den som inte kommer ringer till sin handledare före kl. 9.
"""
    + _foot(3)
    + HEAD
    + """
5. FÖRKORTNINGAR

APT          Arbetsplatsträff
ESL          Ett självständigt liv, en metod för social färdighetsträning
IPS          Individual Placement and Support, en metod för att stödja personer
             till arbete
"""
    + "\nDnr SOL 2025/12                                              Sida 4 av 4\n"
)


def test_space_aligned_table_becomes_rows_with_wrapped_cells_joined() -> None:
    text = (
        "Indikator                          KF:s årsmål   Årsmål   Periodicitet\n"
        "Andel brukare med boendestöd som   Tas fram av   90 %     Tertial\n"
        "har en genomförandeplan            nämnd\n"
        "Antal brukare med SIP                            45       Halvår\n"
    )
    assert align_columns(text).split("\n")[:3] == [
        "Indikator\tKF:s årsmål\tÅrsmål\tPeriodicitet",
        "Andel brukare med boendestöd som har en genomförandeplan\tTas fram av nämnd\t90 %\tTertial",
        "Antal brukare med SIP\t\t45\tHalvår",
    ]


def test_prose_and_bullets_are_not_tables() -> None:
    text = (
        "  •  Fler brukare ska ha en sysselsättning. Enheten inför IPS tillsammans med\n"
        "     Jobbtorg Stockholm.\n"
        "  •  Brukarna ska vara mer delaktiga.\n"
        "\n"
        "Enheten har 31 medarbetare.  Den leds av en enhetschef.\n"
        "Planen följs upp varje tertial.\n"
    )
    assert align_columns(text) == text


def test_form_feeds_give_pages_and_running_headers_go() -> None:
    doc = _parse(PLAN)
    by_heading = {section.heading_path[-1]: section for section in doc.sections if section.heading_path}
    assert by_heading["4.1 Rutin vid frånvaro"].page == 3
    goal_text = next(
        s for s in doc.sections if s.goal_key and s.heading_path[-1:] == ["Förväntat resultat"]
    ).text
    assert goal_text == "Fler deltagare går vidare till praktik."
    assert all("SOLNA STADSDELSFÖRVALTNING" not in section.text for section in doc.sections)
    lines = [line.strip() for section in doc.sections for line in section.text.split("\n")]
    assert "Daglig verksamhet" not in lines


def test_page_marker_with_av() -> None:
    doc = _parse(PLAN)
    assert all("Sida" not in section.text for section in doc.sections)


def test_kf_labels_named_the_other_way_round_keep_their_numbers() -> None:
    label = match_label("2.1 Inriktningsmål (KF) 1: Ett Stockholm som håller samman")
    assert label is not None and label.level is GoalLevel.KF_INRIKTNINGSMAL and label.rest.startswith("1 Ett")
    label = match_label("Verksamhetsområdesmål (KF) 1.3: Stockholms stad ska ge stöd")
    assert label is not None and label.level is GoalLevel.KF_MAL and label.rest.startswith("1.3 ")
    assert match_label("Inriktningsmålet är att fler ska få arbete") is None


def test_goal_chain_with_wrapped_titles() -> None:
    goals = _parse(PLAN).goals
    assert [(g.level, g.number) for g in goals] == [
        (GoalLevel.KF_INRIKTNINGSMAL, "1"),
        (GoalLevel.KF_MAL, "1.3"),
        (GoalLevel.NAMNDMAL, None),
        (GoalLevel.ENHETSMAL, None),
    ]
    assert goals[0].title.endswith("välfärd i hela staden")
    assert goals[1].title.endswith("där behoven är som störst")
    assert goals[3].title.endswith("leder vidare till praktik eller arbete")


def test_indicators_and_activities_from_aligned_tables() -> None:
    doc = _parse(PLAN)
    first = doc.indicators[0]
    assert first.name == "Andel deltagare som har en aktuell genomförandeplan"
    assert (first.arsmal, first.kf_arsmal, first.periodicitet) == ("80 %", "Tas fram av nämnd", "Tertial")
    assert doc.indicators[1].arsmal == "12" and doc.indicators[1].goal_key == doc.goals[3].key
    acts = doc.activities
    assert acts[0].text == "Starta ett praktikprogram tillsammans med näringslivet"
    assert (acts[0].start, acts[0].end) == (dt.date(2026, 3, 1), dt.date(2026, 12, 31))
    assert (acts[1].start, acts[1].end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def test_numbered_parts_after_the_goals_end_the_goal_chain() -> None:
    doc = _parse(PLAN)
    routine = next(s for s in doc.sections if s.heading_path[-1:] == ["4.1 Rutin vid frånvaro"])
    assert routine.goal_key is None and routine.heading_path[0] == "4. RUTINER"
    assert any(s.heading_path == ["3. EKONOMI"] for s in doc.sections)
    assert section_depth("2. MÅL OCH AKTIVITETER") == 1
    assert section_depth("1. Socialjouren tar emot ärendet") is None


def test_abbreviations_as_two_columns() -> None:
    glossary = {entry.term: entry.expansion for entry in _parse(PLAN).glossary}
    assert glossary["APT"] == "Arbetsplatsträff"
    assert glossary["ESL"] == "Ett självständigt liv"
    assert glossary["IPS"] == "Individual Placement and Support"


def test_month_dates() -> None:
    assert parse_date("jan 2026") == dt.date(2026, 1, 1)
    assert parse_date("jun 2026", last=True) == dt.date(2026, 6, 30)
    assert parse_date("februari 2028", last=True) == dt.date(2028, 2, 29)
    assert parse_date("2023-08") == dt.date(2023, 8, 1)
    assert parse_date("13 2026") is None


def test_answers_show_dates_as_the_plan_writes_them() -> None:
    act = Activity(
        text="Starta",
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 6, 30),
        row_text="Starta\t1 mars 2026\tjun 2026\tEnhetschef",
    )
    assert activity_dates(act, "–") == ("2026-03-01 (1 mars 2026)", "2026-06-30 (jun 2026)")
    iso = Activity(text="X", start=dt.date(2026, 1, 1), end=None, row_text="X\t2026-01-01\tv. 50")
    assert activity_dates(iso, "–") == ("2026-01-01", "–")


def test_a_statement_in_one_cell_ends_at_the_cell() -> None:
    cover = (
        "Handläggare                         Till\n"
        "Anna Berg, enhetschef               Solna stadsdelsnämnd\n"
        "Telefon 08-508 00 000               2026-01-15\n"
    )
    facts = {fact.key: fact.value for fact in _parse(cover).facts}
    assert facts["telefon"] == "08-508 00 000"
