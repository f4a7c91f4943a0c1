"""Word layouts a unit's own template gives a plan, and what the reader and parser make of them.

The unseen Word plan `tests/fixtures/unseen/vp2026_mottagningsenheten_barn_och_unga_norrmalm.docx`
(built by `tests/support/unseen_vp_docx.py`) lays its goal chain out in tables, stacks its
indicator header over two rows with merged cells, dates activities "jan 2026" and "2026-03",
and numbers its routine with Word's automatic numbering. The small documents below isolate each
of those layouts.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx

from indicators.models import GoalLevel
from ingest.parser import parse
from ingest.parser.goals import kf_level, match_label
from ingest.parser.tables import column_role
from ingest.readers import read_document
from ingest.readers.base import Line, RawDocument
from knowledge.models import ParsedDocument
from tests.golden.regen import unseen_docx_golden_path, unseen_docx_json
from tests.support import unseen_vp_docx

MAX = 50 * 1024 * 1024


def _lines(path: Path) -> list[Line]:
    return [line for line in read_document(path, MAX).lines if line.text]


def _parse(lines: list[Line]) -> ParsedDocument:
    return parse(RawDocument(source="vp.docx", path=Path("vp.docx"), content_hash="h", lines=lines))


def _row(*cells: str) -> Line:
    return Line(text="\t".join(cells), cells=cells)


def _goal_table_plan(after: list[Line]) -> list[Line]:
    """A plan whose goal is a key/value table under a level-2 heading, then `after`."""
    return [
        Line(text="Verksamhetsplan 2026 för Mottagningsenheten", heading=1),
        Line(text=""),
        Line(text="Mål 2026", heading=1),
        Line(text=""),
        Line(text="Trygg uppväxt", heading=2),
        Line(text=""),
        _row("Kommunfullmäktiges mål", "1.3 Stockholm ger stöd där behoven är störst"),
        _row("Nämndmål", "Barn växer upp under trygga förhållanden"),
        _row("Enhetsmål", "Barn får en snabb bedömning"),
        _row("Förväntat resultat", "Alla förhandsbedömningar är klara inom 14 dagar."),
        _row("Arbetssätt", "Två socialsekreterare läser varje bedömning."),
        Line(text=""),
        Line(text="Indikatorer", heading=3),
        Line(text=""),
        _row("Indikator", "Periodicitet", "Årsmål 2026 – KF:s årsmål", "Årsmål 2026 – Enhetens årsmål"),
        _row("Andel förhandsbedömningar klara inom 14 dagar", "Tertial", "90 %", "95 %"),
        Line(text=""),
        *after,
    ]


# --- the fixture ------------------------------------------------------------------------------------


def test_unseen_word_plan_matches_golden() -> None:
    expected = json.loads(unseen_docx_golden_path().read_text(encoding="utf-8"))
    assert unseen_docx_json() == expected, "run tests/golden/regen.py and review the diff"


def test_unseen_word_plan_goal_chain_targets_and_dates() -> None:
    parsed = parse(read_document(unseen_vp_docx.FIXTURE, MAX))
    levels = [goal.level for goal in parsed.goals]
    assert levels.count(GoalLevel.ENHETSMAL) == 3 and levels.count(GoalLevel.KF_INRIKTNINGSMAL) == 2
    sick = next(item for item in parsed.indicators if item.name == "Sjukfrånvaro")
    assert (sick.arsmal, sick.kf_arsmal, sick.periodicitet) == ("5,0 %", "5,5 %", "Kvartal")
    unit_goal = next(goal for goal in parsed.goals if goal.key == sick.goal_key)
    assert unit_goal.title.startswith("Medarbetarna har en hållbar arbetsbelastning")
    brochure = next(item for item in parsed.activities if item.text.startswith("Ta fram en broschyr"))
    assert (str(brochure.start), str(brochure.end)) == ("2026-04-01", "2026-09-30")
    routine = next(s for s in parsed.sections if s.heading_path[-1].startswith("Rutin för orosanmälan"))
    assert "\n3. Registrera anmälan i Paraplyet" in routine.text
    assert {entry.term for entry in parsed.glossary} >= {"AMI", "BBIC", "SSPF"}
    assert not parsed.warnings


# --- reader: stacked headers and list markers --------------------------------------------------------


def test_stacked_header_with_merged_cells_becomes_one_header_row(tmp_path: Path) -> None:
    word = docx.Document()
    table = word.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Indikator"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Periodicitet"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Årsmål 2026"
    table.cell(1, 2).text, table.cell(1, 3).text = "KF:s årsmål", "Enhetens årsmål"
    for cell, value in zip(table.rows[2].cells, ["Sjukfrånvaro", "Kvartal", "5,5 %", "5,0 %"], strict=True):
        cell.text = value
    path = tmp_path / "plan.docx"
    word.save(str(path))

    lines = _lines(path)
    assert [line.cells for line in lines] == [
        ("Indikator", "Periodicitet", "Årsmål 2026 – KF:s årsmål", "Årsmål 2026 – Enhetens årsmål"),
        ("Sjukfrånvaro", "Kvartal", "5,5 %", "5,0 %"),
    ]


def test_caption_merged_across_a_single_header_row_is_not_stacked(tmp_path: Path) -> None:
    word = docx.Document()
    table = word.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Aktiviteter 2026"
    for row, values in ((1, ("Aktivitet", "Start", "Klart")), (2, ("Ny mall", "jan 2026", "mar 2026"))):
        for cell, value in zip(table.rows[row].cells, values, strict=True):
            cell.text = value
    path = tmp_path / "plan.docx"
    word.save(str(path))

    assert [line.cells for line in _lines(path)] == [
        ("Aktiviteter 2026",),
        ("Aktivitet", "Start", "Klart"),
        ("Ny mall", "jan 2026", "mar 2026"),
    ]


def test_word_list_numbers_and_bullets_are_written_out(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("Så här gör du:")
    for step in ("Ta emot anmälan.", "Gör en skyddsbedömning.", "Registrera anmälan."):
        word.add_paragraph(step, style="List Number")
    word.add_paragraph("Tänk på:")
    word.add_paragraph("barnets bästa", style="List Bullet")
    word.add_paragraph("4. Redan numrerad för hand", style="List Paragraph")
    path = tmp_path / "rutin.docx"
    word.save(str(path))

    assert [line.text for line in _lines(path)] == [
        "Så här gör du:",
        "1. Ta emot anmälan.",
        "2. Gör en skyddsbedömning.",
        "3. Registrera anmälan.",
        "Tänk på:",
        "• barnets bästa",
        "4. Redan numrerad för hand",
    ]


# --- parser: goal tables, column names, KF labels ----------------------------------------------------


def test_goal_chain_laid_out_in_a_table() -> None:
    parsed = _parse(_goal_table_plan([]))
    chain = [(goal.level, goal.number, goal.title) for goal in parsed.goals]
    assert chain == [
        (GoalLevel.KF_MAL, "1.3", "Stockholm ger stöd där behoven är störst"),
        (GoalLevel.NAMNDMAL, None, "Barn växer upp under trygga förhållanden"),
        (GoalLevel.ENHETSMAL, None, "Barn får en snabb bedömning"),
    ]
    unit = parsed.goals[-1]
    assert unit.forvantat_resultat == "Alla förhandsbedömningar är klara inom 14 dagar."
    assert unit.arbetssatt == "Två socialsekreterare läser varje bedömning."
    (indicator,) = parsed.indicators
    assert (indicator.arsmal, indicator.kf_arsmal, indicator.goal_key) == ("95 %", "90 %", unit.key)


def test_heading_at_the_tables_level_ends_the_goal_and_repeated_goals_are_reopened() -> None:
    second = [
        Line(text="Tidigt stöd", heading=2),
        Line(text=""),
        Line(text="Text om samverkan utan mål."),
        Line(text=""),
        _row("Kommunfullmäktiges mål", "1.3 Stockholm ger stöd där behoven är störst"),
        _row("Nämndmål", "Familjer får stöd tidigt"),
        _row("Enhetsmål", "Fler familjer får tidigt stöd"),
        Line(text=""),
        Line(text="Rutin för telefonen", heading=1),
        Line(text=""),
        Line(text="Svara inom tre signaler."),
    ]
    parsed = _parse(_goal_table_plan(second))
    assert [goal.level for goal in parsed.goals].count(GoalLevel.KF_MAL) == 1
    second_unit = parsed.goals[-1]
    assert second_unit.title == "Fler familjer får tidigt stöd" and second_unit.parent_key == "g4"
    assert parsed.goals[3].parent_key == parsed.goals[0].key
    # The caption heading "Indikatorer" is no text of the goal's last field.
    assert "Indikatorer" not in parsed.goals[2].arbetssatt
    outside = {section.heading_path[-1]: section for section in parsed.sections if section.goal_key is None}
    assert "Text om samverkan utan mål." in outside["Tidigt stöd"].text
    assert "Svara inom tre signaler." in outside["Rutin för telefonen"].text


def test_overview_table_beside_a_goal_chain_adds_no_goals() -> None:
    overview = [
        Line(text="Översikt", heading=2),
        Line(text=""),
        _row("Nämndmål", "Enhetsmål"),
        _row("Barn växer upp tryggt", "Barn får en snabb bedömning"),
        Line(text=""),
    ]
    parsed = _parse(_goal_table_plan(overview))
    assert len(parsed.goals) == 3
    assert any("Barn växer upp tryggt" in section.text for section in parsed.sections)


def test_column_roles_read_stacked_captions_and_the_units_own_target() -> None:
    assert column_role("Årsmål 2026 – KF:s årsmål") == "kf"
    assert column_role("Årsmål 2026 – Enhetens årsmål") == "arsmal"
    assert column_role("Enhetens målvärde") == "arsmal"
    assert column_role("KF:s årsmål år 2023") == "kf"
    assert column_role("Årsmål") == "arsmal"


def test_bare_kf_label_takes_its_level_from_the_goal_number() -> None:
    label = match_label("Kommunfullmäktiges mål")
    assert label is not None and label.bare_kf and label.rest == ""
    assert kf_level("1.3 Stockholm ger stöd") is GoalLevel.KF_MAL
    assert kf_level("1. Ett Stockholm som håller samman") is GoalLevel.KF_INRIKTNINGSMAL
    labelled = match_label("KF:s mål: 2.1 Stockholm är klimatpositivt")
    assert labelled is not None and labelled.level is GoalLevel.KF_MAL
    assert match_label("Kommunfullmäktiges mål är viktiga för oss") is None


def test_dashed_items_of_an_abbreviation_list_are_definitions() -> None:
    lines = [
        Line(text="Förkortningar", heading=1),
        Line(text=""),
        Line(text="• BBIC – Barns behov i centrum"),
        Line(text="• FREDA – Socialstyrelsens bedömningsmetoder för våld i nära relationer"),
        Line(text="• APT – arbetsplatsträff"),
    ]
    glossary = {entry.term: entry.expansion for entry in _parse(lines).glossary}
    assert glossary == {
        "BBIC": "Barns behov i centrum",
        "FREDA": "Socialstyrelsens bedömningsmetoder för våld i nära relationer",
        "APT": "arbetsplatsträff",
    }


def test_overview_table_gives_the_goals_of_a_plan_without_any_other() -> None:
    lines = [
        Line(text="Verksamhetsplan 2026", heading=1),
        Line(text=""),
        _row("Kommunfullmäktiges mål", "Nämndmål", "Enhetsmål"),
        _row("1. Ett Stockholm som håller samman", "Barn växer upp tryggt", "Barn får en snabb bedömning"),
        _row("1. Ett Stockholm som håller samman", "Familjer får stöd tidigt", "Fler familjer får stöd"),
    ]
    goals = _parse(lines).goals
    assert [(goal.level, goal.title, goal.parent_key) for goal in goals] == [
        (GoalLevel.KF_INRIKTNINGSMAL, "Ett Stockholm som håller samman", None),
        (GoalLevel.NAMNDMAL, "Barn växer upp tryggt", "g1"),
        (GoalLevel.ENHETSMAL, "Barn får en snabb bedömning", "g2"),
        (GoalLevel.NAMNDMAL, "Familjer får stöd tidigt", "g1"),
        (GoalLevel.ENHETSMAL, "Fler familjer får stöd", "g4"),
    ]
