"""Counts of plan rows asked in staff's words, and counts the quoted text does not hold.

The table (`understand/counted_kinds.tsv`) is parsed on its own; the list reader and the topic
narrowing are exercised on hand-built plans in a real SQLite catalog and snapshot, answered by
the real Answerer (no vector index), as in test_list_topic.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from config import Settings
from indicators.models import GoalLevel
from knowledge.answer import Answer, AnswerKind, DeclineReason
from knowledge.answerer import Answerer
from knowledge.answers.count_support import counts_nothing
from knowledge.answers.list_filters import Ask, Item, read_list_question, row_names, row_words_read
from knowledge.answers.list_topic import topic_parts, topic_words
from knowledge.models import Chunk, ChunkKind, Goal, ParsedDocument
from knowledge.retrieval.embedder import Embedder
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.counted_kinds import CountedKind, Cue, parse, table
from tests.indicators.plans import UNIT, activity, chunks_for, ind, plan

TODAY = dt.date(2023, 6, 15)

# --- the table ----------------------------------------------------------------------------------


def test_the_table_reads_row_words_with_their_cue_and_the_frame_and_measure_words() -> None:
    parsed = parse(
        "# a comment\n"
        "activity\tInsatser|projekt\tplan\tnote\n"
        "unit_goal\tdelmål\talways\tnote\n"
        "frame\tjobbar|mot\t-\tnote\n"
        "measure\tår|procent\t-\tnote\n"
        "generic\tpersoner|människor\t-\tnote\n"
        "light\tkom|är\t-\tnote\n"
        "staff\tmedarbetare\t-\tnote\n"
    )
    insatser = parsed.row_word("insatser")
    assert insatser is not None and insatser.kind is CountedKind.ACTIVITY and insatser.cue is Cue.PLAN
    delmal = parsed.row_word("delmal")  # folded
    assert delmal is not None and delmal.kind is CountedKind.UNIT_GOAL and delmal.cue is Cue.ALWAYS
    assert parsed.row_word("jobbar") is None
    assert parsed.frame == {"jobbar", "mot"}
    assert parsed.measures == {"ar", "procent"}
    assert parsed.generic == {"personer", "manniskor"} and parsed.light == {"kom", "ar"}
    assert parsed.staff == {"medarbetare"}


@pytest.mark.parametrize(
    "line",
    [
        "goal\tdelmål\talways\tunknown kind",
        "activity\tinsatser\tsometimes\tunknown cue",
        "activity\t\tplan\tno word",
        "frame\tjobbar\talways\ta frame word has no cue",
        "activity\tinsatser\t-\ta row word needs one",
    ],
)
def test_a_malformed_line_is_refused(line: str) -> None:
    with pytest.raises(ValueError, match="rad 1"):
        parse(line)


def test_the_packaged_table_holds_the_plans_other_words() -> None:
    packaged = table()
    projekt = packaged.row_word("projekt")
    assert projekt is not None and projekt.kind is CountedKind.ACTIVITY
    assert "jobbar" in packaged.frame and "procent" in packaged.measures
    # A row word is never a frame or measure word: each word says one thing.
    assert not set(packaged.rows) & (packaged.frame | packaged.measures)


# --- reading which rows are counted -------------------------------------------------------------


def test_a_plan_word_for_activities_counts_them_when_the_question_is_about_the_plan() -> None:
    query = read_list_question("hur många av våra insatser i vp:n drog igång 2022?", None)
    assert query is not None and query.ask is Ask.COUNT and query.item is Item.ACTIVITY
    assert query.when is not None and query.when.field == "start" and query.when.year == 2022
    assert row_words_read("hur många projekt har HVT i planen?") == {"projekt"}
    # Without the plan or a date, "insatser" are what the unit gives its clients.
    assert read_list_question("hur många insatser har boendestödet?", None) is None
    assert row_names("hur manga insatser har boendestodet?") == "hur manga insatser har boendestodet?"


def test_a_word_for_unit_goals_counts_them_anywhere() -> None:
    query = read_list_question("hur många delmål har vi satt som enhet?", None)
    assert query is not None and query.item is Item.GOAL and query.level is GoalLevel.ENHETSMAL


def test_a_row_word_elsewhere_in_the_question_is_not_what_is_counted() -> None:
    # "insatser" is no head of the count here: the question counts clients.
    assert read_list_question("hur många klienter får insatser enligt vp:n?", None) is None


def test_a_count_asked_after_the_items_counts_them() -> None:
    query = read_list_question("har vi några aktiviteter om miljö på enheten? hur många?", None)
    assert query is not None and query.ask is Ask.COUNT and query.item is Item.ACTIVITY
    goals = read_list_question("nämndmålen i vår vp, hur många har vi?", None)
    assert goals is not None and goals.item is Item.GOAL and goals.level is GoalLevel.NAMNDMAL
    # A unit's name in the singular is no item, and a count of something else is no row count.
    assert read_list_question("på stöd och aktivitet, hur många har vi?", None) is None
    assert read_list_question("har vi några aktiviteter om miljö? hur många deltagare?", None) is None


def test_framing_verbs_and_chats_o_are_no_topic() -> None:
    assert topic_words("jobbar mot") == ""
    question = "hur många indikatorer har vi för jobb o feriejobb"
    assert topic_parts(question, "jobb feriejobb") == ["jobb feriejobb", "jobb", "feriejobb"]


# --- narrowing by the goal a topic names --------------------------------------------------------


def _goals() -> list[Goal]:
    return [
        Goal(key="k2", level=GoalLevel.KF_MAL, number="2.5", title="En hållbar stad med en god livsmiljö"),
        Goal(
            key="n2", level=GoalLevel.NAMNDMAL, title="Verksamheterna tar ansvar för miljön", parent_key="k2"
        ),
        Goal(key="k3", level=GoalLevel.KF_MAL, number="3.2", title="Medarbetarna gör ett bra jobb"),
        Goal(key="n3", level=GoalLevel.NAMNDMAL, title="Nämnden har en god arbetsmiljö", parent_key="k3"),
        Goal(key="k5", level=GoalLevel.KF_MAL, number="3.5", title="Hög beredskap i alla verksamheter"),
        Goal(key="n5", level=GoalLevel.NAMNDMAL, title="Nämnden har en hög beredskap", parent_key="k5"),
    ]


def _plan() -> ParsedDocument:
    indicators = [
        ind("Totalt köpt energi", "3,3 GWh", goal_key="k2"),
        ind("Sjukfrånvaro", "7,5 %", goal_key="k3"),
    ]
    activities = [
        activity("Minska energiförbrukningen", "2023-01-01", "2023-12-31"),
        activity("Minska användningen av plast", "2023-01-01", "2023-12-31"),
        activity("Handlingsplan efter medarbetarenkäten", "2023-01-01", "2023-12-31"),
        activity("Färre visstidsanställningar", "2022-01-01", "2023-12-31"),
        activity("Ta fram en beredskapspärm", "2023-01-01", "2023-12-31"),
        activity("Utbilda chefer i informationssäkerhet", "2022-01-01", "2023-12-31"),
    ]
    for act, key in zip(activities, ("n2", "n2", "n3", "n3", "n5", "n5"), strict=True):
        act.goal_key = key
    return plan("eb-2023.txt", UNIT, 2023, indicators, goals=_goals(), activities=activities)


def _section(source: str, n: int, text: str) -> Chunk:
    return Chunk(id=f"{source}-s{n}", source=source, kind=ChunkKind.SECTION, text=text, breadcrumb=source)


def _answerer(tmp_path: Path, prose: list[str]) -> Answerer:
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    parsed = _plan()
    src = parsed.meta.source
    chunks = chunks_for(parsed) + [_section(src, n, text) for n, text in enumerate(prose)]
    catalog.replace_document(parsed, chunks=chunks, path=None)
    snap = Snapshot.load(catalog)
    catalog.close()
    return Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)


@pytest.fixture()
def answerer(tmp_path: Path) -> Answerer:
    prose = [
        "MI-coacher stöttar kollegor i MI-andan, återhämtningsinriktat och med lågaffektivt bemötande.\n\n"
        "Sex medarbetare är utbildade MI-coacher och medverkar i stadens nätverk.",
        "Föräldrar är försörjningsskyldiga för ungdomar under 21 år så länge de går i gymnasiet.",
    ]
    return _answerer(tmp_path, prose)


def _listed(answer: Answer) -> list[str]:
    lines = [line for line in answer.answer.split("\n") if line[:1].isdigit() and ". " in line[:4]]
    return [re.sub(r" \[\d+\]$", "", line.split(". ", 1)[1].split(" (")[0]) for line in lines]


def test_a_title_with_the_word_itself_beats_titles_with_a_compound_of_it(answerer: Answerer) -> None:
    answer = answerer.answer("har vi några aktiviteter om miljö? hur många?")
    assert answer.kind == "count"
    assert _listed(answer) == ["Minska energiförbrukningen", "Minska användningen av plast"]
    assert "ansvar för miljön" in answer.answer.split("\n")[0]


def test_only_goals_holding_the_listed_rows_are_compared(answerer: Answerer) -> None:
    # The energy indicator stands under the KF goal "… god livsmiljö", not under "… miljön".
    answer = answerer.answer("vilka miljöindikatorer har vi?")
    assert _listed(answer) == ["Totalt köpt energi"]


def test_a_compound_of_the_topic_matches_a_goal_titled_by_its_head(answerer: Answerer) -> None:
    answer = answerer.answer("hur många aktiviteter har vi kring krisberedskap?")
    assert answer.kind == "count"
    assert _listed(answer) == ["Ta fram en beredskapspärm", "Utbilda chefer i informationssäkerhet"]


def test_a_framing_verb_does_not_narrow_a_goal_count(answerer: Answerer) -> None:
    # "jobbar" once matched "Medarbetarna gör ett bra jobb" and counted one goal.
    answer = answerer.answer("hur många nämndmål jobbar vi mot?")
    assert answer.kind == "count"
    assert " har 3 nämndmål" in answer.answer.split("\n")[0]


def test_activities_counted_in_staffs_word_with_a_start_year(answerer: Answerer) -> None:
    answer = answerer.answer("hur många av våra insatser i vp:n drog igång redan 2022?")
    assert answer.kind == "count"
    assert _listed(answer) == ["Färre visstidsanställningar", "Utbilda chefer i informationssäkerhet"]


# --- counts the quotes hold, or do not --------------------------------------------------------------


def test_a_number_counting_through_a_copula_answers_the_count(answerer: Answerer) -> None:
    answer = answerer.answer(f"hur många MI-coacher har {UNIT}?")
    assert answer.kind == AnswerKind.PASSAGES
    assert answer.citations[0].quote.startswith("Sex medarbetare är utbildade MI-coacher")


def test_a_passage_whose_numbers_only_measure_does_not_answer_a_count(answerer: Answerer) -> None:
    question = f"hur många ungdomar i gymnasiet är föräldrarna försörjningsskyldiga för på {UNIT}?"
    answer = answerer.answer(question)
    assert answer.kind == AnswerKind.NOT_FOUND
    assert answer.decline == DeclineReason.COUNT_WITHOUT_NUMBER


@pytest.mark.parametrize(
    ("question", "quote", "nothing"),
    [
        ("hur många föräldragrupper har vi?", "Föräldrar ansvarar för ungdomar under 21 år.", True),
        ("hur många handledare har vi?", "Handledning ges varje månad sedan 2019-01-01 och 2020.", True),
        ("hur många handledare har vi?", "Ungefär 30 procent har handledning.", True),
        ("hur många grupper har vi?", "Vi har tre grupper för föräldrar.", False),
        ("hur många deltagare har Tora?", "Drygt 70 deltagare besöker Tora.", False),
        ("hur många enhetschefer har vi?", "Enheten leds av en enhetschef.", False),
        ("hur många skyddsombud har vi?", "Inga skyddsombud är valda.", False),
        # "en" is an article unless the asked noun follows.
        ("hur många skyddsombud har vi?", "Det finns en plan för arbetsmiljön.", True),
        # No counted noun ("gånger" measures): not this check's question.
        ("hur många gånger per år har vi handledning?", "Handledning varje vecka.", False),
        # A table row holds its values in columns.
        ("hur många handledare har vi?", "Antal handledare\t\tÅr", False),
    ],
)
def test_counts_nothing(question: str, quote: str, nothing: bool) -> None:
    assert counts_nothing(question, [quote]) is nothing
