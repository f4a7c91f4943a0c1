"""List, count, filter, comparison, budget and administrative answers over hand-built plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config import Settings
from indicators.models import GoalLevel, Outcome
from knowledge.answer import Answer
from knowledge.answerer import Answerer
from knowledge.models import AdminKey, DocFact, FactKind, Goal, ParsedDocument
from knowledge.retrieval.embedder import Embedder
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import OTHER_UNIT, UNIT, activity, eb_indicators, ind, make_catalog, plan

TODAY = dt.date(2023, 6, 15)


def _goals() -> list[Goal]:
    return [
        Goal(
            key="g1",
            level=GoalLevel.KF_INRIKTNINGSMAL,
            number="3",
            title="En ekonomiskt hållbar stad",
            page=2,
        ),
        Goal(
            key="g2",
            level=GoalLevel.KF_MAL,
            number="3.2",
            title="Stockholm har en budget i balans",
            parent_key="g1",
        ),
        Goal(
            key="g3",
            level=GoalLevel.NAMNDMAL,
            title="Nämnden har en budget i balans",
            parent_key="g2",
            page=5,
        ),
        Goal(
            key="g4", level=GoalLevel.NAMNDMAL, title="Lokalerna används effektivt", parent_key="g2", page=6
        ),
        Goal(key="g5", level=GoalLevel.ENHETSMAL, title="Enheten håller budget", parent_key="g3", page=6),
        Goal(key="g6", level=GoalLevel.KF_MAL, number="1.4", title="Stöd i tid", parent_key=None),
        Goal(key="g7", level=GoalLevel.NAMNDMAL, title="Invånarna får stöd i tid", parent_key="g6"),
    ]


def _facts() -> list[DocFact]:
    budget = [
        ("Personalkostnader", "23 345", "Kostnader"),
        ("Lokalkostnader", "380", "Kostnader"),
        ("Summa kostnader", "27 310", "Kostnader"),
        ("Summa intäkter", "27 310", "Intäkter"),
    ]
    rows = [
        DocFact(
            kind=FactKind.BUDGET,
            key=label,
            label=label,
            value=value,
            columns={"Budget": value},
            group=group,
            year=2023,
            measure="tkr",
            page=20,
            quote=f"Beloppen anges i TKr Budget\n{label}\t{value}",
            heading_path=["Budget 2023"],
        )
        for label, value, group in budget
    ]
    rows.append(
        DocFact(
            kind=FactKind.ADMIN,
            key=AdminKey.TARGET_GROUP.value,
            label="Målgrupp",
            value="vuxna 18-65 år utan egen försörjning",
            page=2,
            quote="Enhetens målgrupp är vuxna 18-65 år utan egen försörjning.",
        )
    )
    rows.append(
        DocFact(
            kind=FactKind.ADMIN,
            key=AdminKey.EMPLOYEES.value,
            label="Antal medarbetare",
            value="55 medarbetare",
            value_num=55,
            page=2,
            quote="Enheten har totalt 55 medarbetare.",
        )
    )
    rows.append(
        DocFact(
            kind=FactKind.ADMIN,
            key=AdminKey.MANAGER.value,
            label="Enhetschef",
            value="Karin Berg",
            page=1,
            quote="Enhetschef: Karin Berg",
            heading_path=["Budget 2023"],
        )
    )
    return rows


def _eb_2023() -> ParsedDocument:
    indicators = eb_indicators()
    indicators[2] = ind(
        "Sjukfrånvaro dag 1-14",
        "3,5 %",
        "Tas fram av nämnd",
        measure="%",
        goal_key="g5",
        goal_level=GoalLevel.ENHETSMAL,
    )
    activities = [
        activity("Introduktion av nyanställda", "2023-01-01", "2023-05-15"),
        activity("Utbildning i våld i nära relation", "2023-02-01", "2023-12-31"),
        activity("Översyn av rutiner för tillfälligt boende", "2023-03-01", "2023-04-30"),
        activity("Barnvecka", "2023-09-01", "2023-09-30"),
    ]
    activities[0].goal_key = "g5"
    parsed = plan("eb-2023.txt", UNIT, 2023, indicators, goals=_goals(), activities=activities)
    parsed.facts = _facts()
    parsed.outcomes = [
        Outcome(
            indicator="Aktivt medskapandeindex (AMI)",
            year=year,
            value=value,
            quote=f"AMI {year}: {value}",
            page=9,
        )
        for year, value in ((2021, "76"), (2022, "78"), (2023, "81"))
    ]
    return parsed


def _answerer(tmp_path: Path, *docs: ParsedDocument, today: dt.date = TODAY) -> Answerer:
    catalog = make_catalog(tmp_path, *docs)
    snap = Snapshot.load(catalog)
    catalog.close()
    return Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: today)


@pytest.fixture()
def answerer(tmp_path: Path) -> Answerer:
    return _answerer(
        tmp_path,
        _eb_2023(),
        plan("eb-2020.txt", UNIT, 2020, [ind("Sjukfrånvaro dag 1-14", "4 %", "", measure="%")]),
        plan("saa-2023.txt", OTHER_UNIT, 2023, [ind("Sjukfrånvaro dag 1-14", "2,5 %", "", measure="%")]),
    )


def _cited_rows(answer: Answer) -> list[str]:
    """Numbered list lines, each of which must carry exactly one citation marker."""
    lines = [line for line in answer.answer.split("\n") if line[:1].isdigit() and ". " in line[:4]]
    for line in lines:
        assert line.rstrip().endswith("]"), line
    return lines


def test_indicators_measured_per_tertial(answerer: Answerer) -> None:
    answer = answerer.answer(f"Vilka indikatorer mäts per tertial hos {UNIT}?")
    assert answer.kind == "list"
    lines = _cited_rows(answer)
    expected = [i.name for i in eb_indicators() if i.periodicitet == "Tertial"]
    assert len(lines) == len(expected) == 6
    assert all("tertial" in line for line in lines)
    assert not any("vräkningar som berör barn" in line for line in lines)  # measured per year
    assert answer.table is not None and len(answer.table.rows) == 6
    assert all(row.cite for row in answer.table.rows)
    assert all(c.page == 3 or c.page is None for c in answer.citations)


def test_count_lists_the_items_under_the_number(answerer: Answerer) -> None:
    answer = answerer.answer(f"Hur många indikatorer har {UNIT}?")
    assert answer.kind == "count"
    assert answer.answer.split("\n")[0].startswith(f"{UNIT}, verksamhetsplan 2023 har 8 indikatorer")
    assert len(_cited_rows(answer)) == 8


def test_namndmal_under_a_kf_goal_number(answerer: Answerer) -> None:
    answer = answerer.answer(f"Vilka nämndmål finns under 3.2 hos {UNIT}?")
    lines = _cited_rows(answer)
    assert [line.split(": ", 1)[1].split(" [")[0] for line in lines] == [
        "Nämnden har en budget i balans",
        "Lokalerna används effektivt",
    ]
    counted = answerer.answer(f"Hur många enhetsmål finns under mål 3.2 hos {UNIT}?")
    assert "har 1 enhetsmål" in counted.answer


def test_activities_ending_before_summer(answerer: Answerer) -> None:
    answer = answerer.answer(f"Vilka aktiviteter slutar före sommaren hos {UNIT}?")
    lines = _cited_rows(answer)
    assert len(lines) == 2
    assert "Introduktion av nyanställda" in lines[0] and "Översyn av rutiner" in lines[1]
    assert "före sommaren" in answer.answer


def test_a_filtered_list_with_no_row_left_is_a_decline(answerer: Answerer) -> None:
    # No indicator is measured per month and no activity starts in 2021: the list asked for does
    # not exist, which is said as a decline (kind not_found), not as a list of nothing.
    monthly = answerer.answer(f"Vilka indikatorer mäts per månad hos {UNIT}?")
    assert monthly.kind == "not_found" and monthly.decline == "empty_list"
    assert monthly.answer.startswith("Jag hittar inga indikatorer")
    starting = answerer.answer(f"Vilka aktiviteter startar 2021 hos {UNIT}?")
    assert starting.kind == "not_found" and starting.decline == "empty_list"


def test_a_document_without_activities_lists_none_and_says_so(tmp_path: Path) -> None:
    # An award application has no activity table: a heading over nothing is no list.
    answer = _answerer(tmp_path, plan("ku.txt", UNIT, 2019, [])).answer(f"Vilka aktiviteter har {UNIT}?")
    assert answer.kind == "not_found" and answer.decline == "empty_list"
    assert answer.answer.startswith("Jag hittar inga aktiviteter")


def test_activities_ongoing_now(answerer: Answerer) -> None:
    answer = answerer.answer(f"Vilka aktiviteter pågår nu hos {UNIT}?")
    lines = _cited_rows(answer)
    assert [line.split(". ", 1)[1].split(" (")[0] for line in lines] == ["Utbildning i våld i nära relation"]


def test_this_year_falls_back_to_the_latest_plan_and_says_so(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, _eb_2023(), today=dt.date(2026, 11, 29))
    answer = answerer.answer(f"Vilka aktiviteter har {UNIT} i år?")
    assert answer.answer.startswith("Det finns ingen plan för 2026 ännu; jag använder 2023.")
    assert len(_cited_rows(answer)) == 4


def test_highest_target_across_units(answerer: Answerer) -> None:
    answer = answerer.answer("Vilken enhet har högst årsmål för sjukfrånvaro dag 1-14?")
    assert answer.kind == "compare"
    assert answer.answer.startswith(f"{UNIT} har högst årsmål")
    lines = _cited_rows(answer)
    assert "3,5 %" in lines[0] and "2,5 %" in lines[1]


def test_target_changed_since_a_year(answerer: Answerer) -> None:
    answer = answerer.answer(f"Har årsmålet för sjukfrånvaro dag 1-14 ändrats sedan 2020 hos {UNIT}?")
    assert answer.answer.startswith("Ja, årsmålet har ändrats: 4 % (2020) → 3,5 % (2023).")
    assert len(_cited_rows(answer)) == 2


def test_outcome_series_across_years(answerer: Answerer) -> None:
    answer = answerer.answer(f"Hur har AMI utvecklats över åren hos {UNIT}?")
    lines = _cited_rows(answer)
    assert [line.split(". ", 1)[1].split(" [")[0] for line in lines] == ["2021: 76", "2022: 78", "2023: 81"]


def test_manager_and_budget_from_rows(answerer: Answerer) -> None:
    manager = answerer.answer(f"Vem är enhetschef på {UNIT}?")
    assert manager.kind == "admin" and "**Karin Berg**" in manager.answer
    assert manager.citations[0].quote == "Enhetschef: Karin Berg"
    budget = answerer.answer(f"Vad är budgeten för personalkostnader hos {UNIT}?")
    assert budget.kind == "budget"
    lines = _cited_rows(budget)
    assert lines == [lines[0]] and "Personalkostnader 2023: Budget 23 345 tkr" in lines[0]
    assert budget.citations[0].page == 20 and "Budget 2023" in budget.citations[0].section


def test_long_lists_stop_at_twelve_rows_but_the_table_has_all(tmp_path: Path) -> None:
    many = [ind(f"Indikator nummer {n}", f"{n} %", "", "Tertial") for n in range(1, 21)]
    answerer = _answerer(tmp_path, plan("big.txt", UNIT, 2023, many))
    answer = answerer.answer(f"Vilka indikatorer mäts per tertial hos {UNIT}?")
    assert len(_cited_rows(answer)) == 12
    assert "… och 8 till." in answer.answer
    assert answer.table is not None and len(answer.table.rows) == 20
    assert len(answer.citations) == 20
    assert "table" in answer.api_dict()


def test_plain_goal_and_single_item_questions_are_left_to_the_other_answers(answerer: Answerer) -> None:
    assert answerer.answer(f"Vilka mål har {UNIT}?").kind != "list"
    assert answerer.answer("Vilken indikator mäter sjukfrånvaro dag 1-14?").kind not in ("list", "count")


def test_target_group_and_staff_of_the_unit_but_not_of_a_team_inside_it(answerer: Answerer) -> None:
    group = answerer.answer(f"Vilken är målgruppen för {UNIT}?")
    assert group.kind == "admin" and "**vuxna 18-65 år utan egen försörjning**" in group.answer
    staff = answerer.answer(f"Hur många medarbetare har {UNIT}?")
    assert staff.kind == "admin" and "**55 medarbetare**" in staff.answer
    assert answerer.answer(f"Hur många medarbetare finns i mottagningsteamet på {UNIT}?").kind != "admin"
    assert answerer.answer(f"Vilken adress har träffpunkten Solrosen hos {UNIT}?").kind != "admin"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Vem är min chef?", "**Karin Berg**"),
        ("Vilka vänder sig enheten till?", "**vuxna 18-65 år utan egen försörjning**"),
        ("Hur många arbetar på enheten?", "**55 medarbetare**"),
        ("Hur mycket har enheten i budget för lokaler?", "Lokalkostnader 2023: Budget 380 tkr"),
    ],
)
def test_newcomer_phrasings(tmp_path: Path, question: str, expected: str) -> None:
    answerer = _answerer(tmp_path, _eb_2023())
    assert expected in answerer.answer(question).answer


def test_several_units_and_none_named_shows_each_and_asks(tmp_path: Path) -> None:
    other = plan("saa-2023.txt", OTHER_UNIT, 2023, [])
    other.facts = [
        DocFact(
            kind=FactKind.ADMIN,
            key=AdminKey.MANAGER.value,
            label="Enhetschef",
            value="Per Ek",
            quote="Chef: Per Ek",
        )
    ]
    answerer = _answerer(tmp_path, _eb_2023(), other)
    answer = answerer.answer("Vem är enhetschef?")
    assert answer.kind == "clarify"
    assert "Karin Berg" in answer.answer and "Per Ek" in answer.answer and len(answer.citations) == 2
    assert any(OTHER_UNIT in s for s in answer.suggestions)
    named = answerer.answer(f"Vem är enhetschef på {OTHER_UNIT}?")
    assert named.kind == "admin" and "**Per Ek**" in named.answer
