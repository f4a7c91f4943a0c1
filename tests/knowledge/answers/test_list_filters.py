"""List and count questions asked the way staff ask (issue 10, session 9): existence questions,
one item with a filter, the item read from the verb, dates in a year relative to the plan's.

The reading is a pure function (`read_list_question`); the answers run the real Answerer over
hand-built plans in a real SQLite catalog (tests/indicators/plans.py), as test_lists.py does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config import Settings
from indicators.models import GoalLevel
from knowledge.answerer import Answerer
from knowledge.answers.list_filters import Ask, Bound, Item, read_list_question, without_filter_words
from knowledge.models import Goal, ParsedDocument
from knowledge.retrieval.embedder import Embedder
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import OTHER_UNIT, UNIT, activity, ind, make_catalog, plan

TODAY = dt.date(2023, 6, 15)


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("har vi nån aktivitet som ska vara klar i augusti?", Item.ACTIVITY),
        ("finns det ngn indikator om sjukfrånvaro?", Item.INDICATOR),
        ("vad har vi för aktiviteter kring digitalisering?", Item.ACTIVITY),
        ("vilken indikator följs bara upp årsvis?", Item.INDICATOR),
        ("vad mäts varje tertial hos oss?", Item.INDICATOR),
        ("vad följer vi upp en gång om året?", Item.INDICATOR),
        ("alla indikatorer för spånga?", Item.INDICATOR),
        ("kan du ta fram enhetsmålen för spånga", Item.GOAL),
        ("nämndmålen hägersten-älvsjö?", Item.GOAL),
        ("och aktiviteterna?", Item.ACTIVITY),
    ],
)
def test_chat_list_questions_are_read_as_lists(question: str, item: Item) -> None:
    query = read_list_question(question, None)
    assert query is not None and query.ask is Ask.LIST and query.item is item


@pytest.mark.parametrize(
    "question",
    [
        "vilken indikator har vi för feriejobb?",  # one item, no filter: the indicator answer's
        "vilket nämndmål hör den till?",  # one goal: the goal answer's
        "vad följs upp på apt?",  # no periodicity: what is followed up is prose
        "vad har enheten för uppdrag?",  # no item
        "nämndmålet om boende, vad innebär det?",  # one goal named first
        "aktiviteten om spel, när slutar den?",
    ],
)
def test_single_items_and_prose_are_left_to_the_other_answers(question: str) -> None:
    assert read_list_question(question, None) is None


def test_dates_relative_to_the_plan_year_and_named_years() -> None:
    started = read_list_question("hur många aktiviteter drog egentligen igång redan 2022?", None)
    assert started is not None and started.when is not None
    assert (started.when.field, started.when.bound, started.when.year) == ("start", Bound.DURING, 2022)
    assert started.when.on(2023) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    last_year = read_list_question("vilka aktiviteter började förra året?", None)
    assert last_year is not None and last_year.when is not None
    assert last_year.when.on(2023) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    this_year = read_list_question("hur många aktiviteter slutar i år?", None)
    assert this_year is not None and this_year.when is not None
    assert this_year.when.on(2020) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    # a year after "vp" names the plan, not the dates
    plan_year = read_list_question("vilka aktiviteter startar i vp 2023?", None)
    assert plan_year is not None and plan_year.when is None
    until = read_list_question("hur många aktiviteter löper ända till sista december?", None)
    assert until is not None and until.when is not None
    assert until.when.on(2023) == (dt.date(2023, 12, 1), dt.date(2023, 12, 31))
    over = read_list_question("hur många aktiviteter tar slut innan året är över?", None)
    assert over is not None and over.when is not None and over.when.bound is Bound.BEFORE
    assert (over.when.month, over.when.day) == (12, 31)


def test_filter_words_are_no_topic() -> None:
    question = "vad mäts en gång om året under målet om stöd i tid med hög kvalitet?"
    assert without_filter_words("mäts gång året stöd tid hög kvalitet", question) == "stöd tid hög kvalitet"
    asked = "har vi nån aktivitet som ska vara klar i augusti?"
    assert without_filter_words("aktivitet klar augusti", asked) == "aktivitet"
    asked = "hur många aktiviteter tar slut innan året är över?"
    assert without_filter_words("aktiviteter tar slut året över", asked) == "aktiviteter"


def _goals() -> list[Goal]:
    return [
        Goal(key="k1", level=GoalLevel.KF_MAL, number="1.4", title="Stöd i tid präglat av hög kvalitet"),
        Goal(key="n1", level=GoalLevel.NAMNDMAL, title="Invånarna får stöd i tid", parent_key="k1"),
        Goal(key="k2", level=GoalLevel.KF_MAL, number="2.5", title="En hållbar stad med god livsmiljö"),
        Goal(key="n2", level=GoalLevel.NAMNDMAL, title="Verksamheterna tar miljöansvar", parent_key="k2"),
    ]


def _plan() -> ParsedDocument:
    indicators = [
        ind("Andel brukare som inte upplever diskriminering", "94 %", per="År", goal_key="k1"),
        ind("Andel som klarar mer på egen hand", "26 %", per="År", goal_key="k1"),
        ind("Antal utförda SIP", "140", per="Tertial", goal_key="k1"),
        ind("Andel ekologiska livsmedel", "60 %", per="År", goal_key="k2"),
    ]
    activities = [
        activity("Modernisera träfflokalerna", "2019-01-01", "2020-03-31"),
        activity("Kartläggning av digitalt utanförskap", "2020-01-01", "2020-12-31"),
        activity("Prognosuppföljning", "2020-01-01", "2021-06-30"),
    ]
    return plan("saa-2020.txt", UNIT, 2020, indicators, goals=_goals(), activities=activities)


@pytest.fixture()
def answerer(tmp_path: Path) -> Answerer:
    other = plan("eb-2020.txt", OTHER_UNIT, 2020, [ind("Sjukfrånvaro", "5 %", per="Tertial")])
    other.activities = [activity("Ny telefoni", "2020-01-01", "2020-12-31")]
    catalog = make_catalog(tmp_path, _plan(), other)
    snap = Snapshot.load(catalog)
    catalog.close()
    return Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)


def _listed(text: str) -> list[str]:
    return [line.split(". ", 1)[1].split(" (")[0] for line in text.split("\n") if line[:1].isdigit()]


def test_measured_yearly_under_a_goal_named_in_words(answerer: Answerer) -> None:
    answer = answerer.answer(f"vad mäts en gång om året under målet om stöd i tid med hög kvalitet, {UNIT}?")
    assert answer.kind == "list"
    assert _listed(answer.answer) == [
        "Andel brukare som inte upplever diskriminering",
        "Andel som klarar mer på egen hand",
    ]


def test_one_item_asked_with_a_filter_lists_what_fits(answerer: Answerer) -> None:
    answer = answerer.answer(f"vilken indikator följs upp per tertial hos {UNIT}?")
    assert answer.kind == "list" and _listed(answer.answer) == ["Antal utförda SIP"]


def test_dates_in_a_year_relative_to_the_plan(answerer: Answerer) -> None:
    started = answerer.answer(f"vilka aktiviteter drog igång redan förra året hos {UNIT}?")
    assert _listed(started.answer) == ["Modernisera träfflokalerna"]
    going_on = answerer.answer(f"hur många aktiviteter pågår till nästa år hos {UNIT}?")
    assert going_on.kind == "count" and "har 1 aktivitet som" in going_on.answer
    assert _listed(going_on.answer) == ["Prognosuppföljning"]


def test_a_filter_that_leaves_one_plan_answers_from_it(answerer: Answerer) -> None:
    answer = answerer.answer("har vi nån aktivitet som ska vara klar redan i mars?")
    assert answer.kind == "list"  # only one unit has such an activity: no clarification
    assert _listed(answer.answer) == ["Modernisera träfflokalerna"]
    assert "2 planer" not in answer.answer


def test_a_year_of_the_dates_is_no_plan_year(answerer: Answerer) -> None:
    # No plan of 2019 exists: the year says when the activities started, in the 2020 plan.
    answer = answerer.answer(f"hur många aktiviteter startade 2019 hos {UNIT}?")
    assert answer.kind == "count" and "har 1 aktivitet som startar under 2019" in answer.answer
    assert _listed(answer.answer) == ["Modernisera träfflokalerna"]


def test_indicators_with_or_without_a_target_of_their_own(tmp_path: Path) -> None:
    indicators = [
        ind("Andel aktuella förändringsplaner", "75 %"),
        ind("Aktivt medskapandeindex", "", "82", per="År"),
        ind("Andel nöjda brukare", "-", "Tas fram av nämnd"),
    ]
    catalog = make_catalog(tmp_path, plan("eb-2020.txt", UNIT, 2020, indicators))
    snap = Snapshot.load(catalog)
    catalog.close()
    answerer = Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)
    without = answerer.answer(f"vilka indikatorer saknar eget årsmål hos {UNIT}?")
    assert _listed(without.answer) == ["Aktivt medskapandeindex", "Andel nöjda brukare"]
    counted = answerer.answer(f"hur många indikatorer har ett eget årsmål hos {UNIT}?")
    assert counted.kind == "count" and "har 1 indikator med eget årsmål" in counted.answer


def test_one_part_of_an_enumerated_topic_names_the_goal(tmp_path: Path) -> None:
    goals = [
        Goal(
            key="n1",
            level=GoalLevel.NAMNDMAL,
            title="Förvaltningen har en hållbar arbetsmiljö med en öppen och tillåtande kultur",
        ),
        Goal(key="n2", level=GoalLevel.NAMNDMAL, title="Invånarna är självförsörjande"),
    ]
    activities = [
        activity("Handlingsplan för förbättrad arbetssituation", "2020-01-01", "2020-12-31"),
        activity("Prioritering till feriejobb", "2020-01-01", "2020-12-31"),
        activity("Barnrättsperspektivet i utredningar", "2020-01-01", "2020-12-31"),
    ]
    for act, key in zip(activities, ("n1", "n2", "n2"), strict=True):
        act.goal_key = key
    catalog = make_catalog(tmp_path, plan("eb-2020.txt", UNIT, 2020, [], goals=goals, activities=activities))
    snap = Snapshot.load(catalog)
    catalog.close()
    answerer = Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)
    answer = answerer.answer(f"hur många aktiviteter har vi kring sjukfrånvaro och arbetsmiljö hos {UNIT}?")
    assert answer.kind == "count" and _listed(answer.answer) == [
        "Handlingsplan för förbättrad arbetssituation"
    ]


def test_a_count_over_several_units_shows_each_units_count(answerer: Answerer) -> None:
    answer = answerer.answer("hur många aktiviteter har vi?")
    assert answer.kind == "clarify"
    assert f"- {UNIT}, verksamhetsplan 2020: 3 aktiviteter" in answer.answer
    assert f"- {OTHER_UNIT}, verksamhetsplan 2020: 1 aktivitet\n" in answer.answer


def test_counted_goal_by_goal_and_the_goal_with_the_most() -> None:
    most = read_list_question("vilket mål har flest aktiviteter?", None)
    assert most is not None and most.per_goal and most.most is True and most.item is Item.ACTIVITY
    fewest = read_list_question("vilka enhetsmål har minst indikatorer?", None)
    assert fewest is not None and fewest.most is False and fewest.group_level is GoalLevel.ENHETSMAL
    per = read_list_question("hur många indikatorer per nämndmål har vi?", None)
    assert per is not None and per.per_goal and per.most is None and per.group_level is GoalLevel.NAMNDMAL


def test_per_goal_counts_place_rows_of_a_kf_table_under_its_one_namndmal(answerer: Answerer) -> None:
    answer = answerer.answer(f"hur många indikatorer per nämndmål har {UNIT}?")
    assert answer.kind == "count"
    assert "- *Nämndmål: Invånarna får stöd i tid*: 3 indikatorer" in answer.answer
    assert "- *Nämndmål: Verksamheterna tar miljöansvar*: 1 indikator\n" in answer.answer
    most = answerer.answer(f"vilket nämndmål har flest indikatorer hos {UNIT}?")
    assert most.answer.startswith("Flest indikatorer (3) har *Nämndmål: Invånarna får stöd i tid*.")


def test_the_thesauruss_other_names_of_indicators_are_list_questions() -> None:
    # thesaurus.tsv: mätetal and mått are what staff call indikatorer.
    for question in ("vilka mätetal har vi för personalen?", "hur många mått följs upp per tertial?"):
        query = read_list_question(question, None)
        assert query is not None and query.item is Item.INDICATOR, question
    goals = read_list_question("vilka mål har vi för personalen?", None)
    assert goals is not None and goals.item is not Item.INDICATOR
