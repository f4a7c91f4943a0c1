"""Follow-ups about the goal under discussion (answers/followup_goal.py, followup.remember) and
replies that pick from a clarification's list (answers/followup_choice.py) on hand-built plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indicators.models import GoalLevel
from knowledge.answer import Answer, AnswerKind, Citation, ConversationContext
from knowledge.answers.followup import remember
from knowledge.answers.followup_choice import chosen_place, offered
from knowledge.answers.followup_goal import followed_goal, goal_followed_up
from knowledge.answers.followup_item import carried_item
from knowledge.models import Chunk, ChunkKind
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import apply_context, read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, activity, chunks_for, goal, ind, plan

TODAY = dt.date(2020, 6, 15)
SOURCE, OTHER = "eb-2020.txt", "saa-2020.txt"
DISTRICT = "Spånga-Tensta"
DESCRIPTION = f"{SOURCE} › Nämndmål: Invånarna är självförsörjande › Beskrivning"
YOUTH_CHECKS = f"{SOURCE} › Enhetsmål: Unga får feriejobb › Uppföljning"
HOMELESS_CHECKS = f"{SOURCE} › Enhetsmål: Färre vräkningar › Uppföljning"
CASES_CHECKS = f"{SOURCE} › Enhetsmål: Rättssäker handläggning › Uppföljning"
YOUTH_FOLLOW_UP = "Uppföljning vid T1, T2 och VB. Antal erbjudna hembesök jämförs med antal som tackade ja."
HOMELESS_FOLLOW_UP = "Ärendena följs upp månadsvis av biträdande enhetschef."
CASES_FOLLOW_UP = "Gruppledare har ärendegenomgångar minst två gånger per termin."
CHILDREN = "Andel barn som lever i familjer som har ekonomiskt bistånd"
LONG_TERM = "Andel vuxna med långvarigt ekonomiskt bistånd"


def _section(n: int, breadcrumb: str, text: str, goal_key: str) -> Chunk:
    return Chunk(
        id=f"{SOURCE}-s{n}",
        source=SOURCE,
        kind=ChunkKind.SECTION,
        text=text,
        breadcrumb=breadcrumb,
        ref=100 + n,  # sections carry a running number too; they are no table row
        goal_key=goal_key,
    )


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("followup_goal")) / "planbot.sqlite3")
    goals = [
        goal("g0", "Alla ska ges möjlighet till ett eget jobb", GoalLevel.KF_MAL),
        goal("g1", "Invånarna är självförsörjande", GoalLevel.NAMNDMAL).model_copy(
            update={
                "parent_key": "g0",
                "beskrivning": "Unga i familjer med långvarigt bistånd prioriteras till feriejobb.",
            }
        ),
        goal("g2", "Färre vräkningar").model_copy(
            update={"parent_key": "g1", "arbetssatt": "HVT skickar brev.", "uppfoljning": HOMELESS_FOLLOW_UP}
        ),
        goal("g3", "Unga får feriejobb").model_copy(
            update={
                "parent_key": "g1",
                "arbetssatt": "Ungdomar i familjer med långvarigt bistånd erbjuds feriejobb.",
                "uppfoljning": YOUTH_FOLLOW_UP,
            }
        ),
        goal("g4", "Rättssäker handläggning").model_copy(update={"uppfoljning": CASES_FOLLOW_UP}),
    ]
    activities = [
        activity("Implementera nya riktlinjer om våldsutövare", "2020-01-01", "2020-12-31").model_copy(
            update={"goal_key": "g4"}
        )
    ]
    eb = plan(
        SOURCE,
        UNIT,
        2020,
        [
            ind("Andel avslut enligt plan", "50 %", per="År", goal_key="g4"),
            ind("Antal vräkningar", "0", goal_key="g2"),
            ind(CHILDREN, "4,6 %"),
            ind(LONG_TERM, "2,17 %"),
        ],
        district=DISTRICT,
        goals=goals,
        activities=activities,
    )
    sections = [
        _section(0, DESCRIPTION, "Unga i familjer med långvarigt bistånd prioriteras till feriejobb.", "g1"),
        _section(1, HOMELESS_CHECKS, HOMELESS_FOLLOW_UP, "g2"),
        _section(2, YOUTH_CHECKS, YOUTH_FOLLOW_UP, "g3"),
        _section(3, CASES_CHECKS, CASES_FOLLOW_UP, "g4"),
    ]
    catalog.replace_document(eb, chunks=chunks_for(eb) + sections, path=None)
    saa = plan(OTHER, OTHER_UNIT, 2020, [ind("Antal vräkningar", "2")], district="Hägersten-Liljeholmen")
    catalog.replace_document(saa, chunks=chunks_for(saa), path=None)
    return Snapshot.load(catalog)


def _context(question: str, **extra: object) -> ConversationContext:
    fields: dict[str, object] = {
        "unit": UNIT,
        "district": DISTRICT,
        "year": 2020,
        "source": SOURCE,
        "question": question,
        "intent": "general",
    }
    return ConversationContext.model_validate(fields | extra)


def _followed(snap: Snapshot, question: str, context: ConversationContext) -> Answer | None:
    return goal_followed_up(snap, read_question(question, snap.metas, TODAY), context)


def test_remember_keeps_the_goal_of_a_quoted_paragraph_and_of_an_activity_behind_a_passage(
    snap: Snapshot,
) -> None:
    reading = read_question("vad gör ni för gymnasieungdomarna?", snap.metas, TODAY)
    quote = "Unga i familjer med långvarigt bistånd prioriteras till feriejobb."
    prose = Answer(
        answer="…",
        kind=AnswerKind.PASSAGES,
        citations=[Citation(n=1, source=SOURCE, title="VP", section=DESCRIPTION, quote=quote)],
        context=ConversationContext(source=SOURCE, unit=UNIT),
    )
    assert remember(prose, reading, ConversationContext(), snap).context.goal_key == "g1"
    row = snap.parsed[SOURCE].activities[0]
    section = next(c.breadcrumb for c in snap.chunks_of(SOURCE) if c.kind is ChunkKind.ACTIVITY)
    routine = Answer(
        answer="…",
        kind=AnswerKind.ROUTINE,
        citations=[Citation(n=1, source=SOURCE, title="VP", section=section, quote=row.row_text)],
        context=ConversationContext(source=SOURCE, unit=UNIT),
    )
    context = remember(routine, reading, ConversationContext(), snap).context
    assert (context.goal_key, context.activity) == ("g4", row.text)
    # "vilken indikator har det målet?" now carries that goal.
    follow_up = apply_context(read_question("vilken indikator har det målet?", snap.metas, TODAY), context)
    assert follow_up.goal_key == "g4" and "goal_key" in follow_up.from_context


def test_after_an_indicator_its_periodicity_and_its_goals_follow_up_are_given(snap: Snapshot) -> None:
    after = _context(
        "vad är målet för avslut enligt plan?", indicator="Andel avslut enligt plan", goal_key="g4"
    )
    after = after.model_copy(update={"intent": "indicator"})
    answer = _followed(snap, "hur följs det upp?", after)
    assert answer is not None and answer.kind is AnswerKind.GOAL
    assert "följs upp: År" in answer.answer and "två gånger per termin" in answer.answer
    assert answer.answer.index("År") < answer.answer.index("termin")  # the indicator's own first
    assert {c.section for c in answer.citations} >= {CASES_CHECKS}
    # "hur ofta mäts den?" asks only the periodicity: the indicator route answers it.
    assert _followed(snap, "hur ofta mäts den?", after) is None


def test_after_a_paragraph_of_a_goal_without_follow_up_the_goal_under_it_on_the_subject_answers(
    snap: Snapshot,
) -> None:
    after = _context("vad gör ni för ungdomarna i familjer med långvarigt bistånd?", goal_key="g1")
    answer = _followed(snap, "hur följs det upp?", after)
    assert answer is not None and "hembesök" in answer.answer and "månadsvis" not in answer.answer
    assert followed_goal(snap, SOURCE, "g1", "hur jobbar ni mot vräkningar?").key == "g2"  # type: ignore[union-attr]
    # A goal with no follow-up of its own or below it takes the nearest one above it.
    assert followed_goal(snap, SOURCE, "g4", "").key == "g4"  # type: ignore[union-attr]


def test_no_goal_follow_up_without_a_goal_after_a_list_or_with_a_subject_of_its_own(snap: Snapshot) -> None:
    after = _context("vad gör ni för ungdomarna?", goal_key="g1")
    assert _followed(snap, "hur följs det upp?", after.model_copy(update={"goal_key": None})) is None
    assert _followed(snap, "hur följs det upp?", after.model_copy(update={"items": ["a", "b"]})) is None
    assert _followed(snap, "hur följs budgeten upp?", after) is None
    assert _followed(snap, "vem ansvarar?", after) is None


def _clarify(snap: Snapshot, first: str, second: str) -> Answer:
    text = (
        f"Vilken enhet menar du?\n\n- **Antal vräkningar** ({first}): 0\n- **Antal vräkningar** ({second}): 2"
    )
    return Answer(
        answer=text, kind=AnswerKind.CLARIFY, context=ConversationContext(pending="antal vräkningar?")
    )


def test_a_clarification_records_its_documents_in_the_order_shown(snap: Snapshot) -> None:
    shown = _clarify(
        snap, "Stöd- och aktivitetsenheten, verksamhetsplan 2020", f"{UNIT}, verksamhetsplan 2020"
    )
    assert offered(snap, shown).context.options == [OTHER, SOURCE]
    # Any other answer leaves no list to pick from.
    after = Answer(answer="…", kind=AnswerKind.INDICATOR, context=ConversationContext(options=[OTHER]))
    assert offered(snap, after).context.options == []


def test_a_reply_by_place_names_the_document_listed_there(snap: Snapshot) -> None:
    context = ConversationContext(pending="antal vräkningar?", options=[OTHER, SOURCE])
    for reply in ("2", "nr 2", "den andra", "2:an", "ok, 2 tack", "andra"):
        assert chosen_place(snap, reply, context) == f"{UNIT} {DISTRICT}", reply
    assert chosen_place(snap, "1", context) == f"{OTHER_UNIT} Hägersten-Liljeholmen"
    assert chosen_place(snap, "3", context) is None  # no third line
    assert chosen_place(snap, "2 barn", context) is None  # words of its own: a question
    assert chosen_place(snap, "2", context.model_copy(update={"pending": None})) is None


def test_a_year_counted_from_the_plan_just_discussed_is_the_users_own(snap: Snapshot) -> None:
    after = _context("hur många vräkningar får det bli?", indicator="Antal vräkningar", intent="indicator")
    for text, year in (("och året efter?", 2021), ("och förra året?", 2019), ("och året därpå?", 2021)):
        reading = apply_context(read_question(text, snap.metas, TODAY), after)
        assert reading.year == year, text
        # Not carried from the conversation: a year no plan covers is declined, not answered for 2020.
        assert "year" not in reading.from_context, text
    # "nästa år" plans ahead from today, not from the year of the plan discussed.
    later = after.model_copy(update={"year": 2023})
    assert apply_context(read_question("och året efter?", snap.metas, TODAY), later).year == 2024
    assert apply_context(read_question("och nästa år?", snap.metas, TODAY), later).year != 2024


def _goal_citation(snap: Snapshot, key: str, n: int) -> Citation:
    g = next(g for g in snap.parsed[SOURCE].goals if g.key == key)
    return Citation(n=n, source=SOURCE, title="VP", section=f"{SOURCE} › {g.title}", quote=g.title)


def _row_citation(snap: Snapshot, row: int, n: int) -> Citation:
    text = snap.parsed[SOURCE].indicators[row].row_text
    return Citation(n=n, source=SOURCE, title="VP", section=f"{SOURCE} › Indikatorer", quote=text)


def test_a_list_of_one_row_leaves_that_row_under_discussion(snap: Snapshot) -> None:
    reading = read_question("finns det nån indikator om avslut?", snap.metas, TODAY)
    one = Answer(
        answer="…",
        kind=AnswerKind.LIST,
        citations=[_row_citation(snap, 0, 1)],
        context=ConversationContext(source=SOURCE, unit=UNIT, intent="list", topic="indikator avslut"),
    )
    context = remember(one, reading, ConversationContext(), snap).context
    assert (context.indicator, context.goal_key, context.topic, context.intent) == (
        "Andel avslut enligt plan",
        "g4",
        "Andel avslut enligt plan",
        "indicator",
    )
    two = Answer(
        answer="…",
        kind=AnswerKind.LIST,
        citations=[_row_citation(snap, 0, 1), _row_citation(snap, 1, 2)],
        context=ConversationContext(source=SOURCE, unit=UNIT, intent="list", topic="indikator avslut"),
    )
    listed = remember(two, reading, ConversationContext(), snap).context
    assert listed.items == ["Andel avslut enligt plan", "Antal vräkningar"] and listed.indicator is None


def test_a_pronoun_asking_for_rows_after_one_goal_points_at_that_goal(snap: Snapshot) -> None:
    reading = read_question("vilket mål har ni om självförsörjning?", snap.metas, TODAY)
    # One goal shown with the goal above it and those under it: no list to pick from.
    chain = Answer(
        answer="…",
        kind=AnswerKind.GOAL,
        citations=[
            _goal_citation(snap, "g1", 1),
            _goal_citation(snap, "g0", 2),
            _goal_citation(snap, "g2", 3),
        ],
        context=ConversationContext(
            source=SOURCE, unit=UNIT, intent="goal", goal_key="g1", topic="självförsörjning"
        ),
    )
    context = remember(chain, reading, ConversationContext(), snap).context
    assert context.items == [] and context.goal_key == "g1"
    follow_up = apply_context(read_question("vilken indikator har det?", snap.metas, TODAY), context)
    assert follow_up.goal_key == "g1" and "goal_key" in follow_up.from_context
    # Goals side by side are a list: "det" could be any of them.
    siblings = Answer(
        answer="…",
        kind=AnswerKind.GOAL,
        citations=[_goal_citation(snap, "g2", 1), _goal_citation(snap, "g3", 2)],
        context=ConversationContext(source=SOURCE, unit=UNIT, intent="goal", topic="enhetsmål"),
    )
    listed = remember(siblings, reading, ConversationContext(), snap).context
    assert listed.items == ["Färre vräkningar", "Unga får feriejobb"]
    assert (
        "goal_key"
        not in apply_context(
            read_question("vilken indikator har det?", snap.metas, TODAY), listed
        ).from_context
    )
    # After an indicator, "vilka aktiviteter har de?" asks about the unit, not a goal.
    after = _context("sjukfrånvaro?", intent="indicator", indicator="Antal vräkningar", goal_key="g2")
    assert (
        "goal_key"
        not in apply_context(
            read_question("vilka aktiviteter har de?", snap.metas, TODAY), after
        ).from_context
    )


def test_an_ellipsis_with_a_name_word_the_current_item_lacks_names_another_item(snap: Snapshot) -> None:
    # "bistånd" is in the current item's name too, "långvarigt" only in another's: that one is meant.
    after = _context(
        "årsmål andel barn i familjer med ekonomiskt bistånd?", intent="indicator", indicator=CHILDREN
    )
    after = after.model_copy(update={"topic": "andel barn familjer ekonomiskt bistånd"})
    asked = read_question("och långvarigt bistånd då?", snap.metas, TODAY)
    assert carried_item(snap, asked, apply_context(asked, after), after).topic == LONG_TERM
    # Words of the current item alone narrow it: the conversation's reading stands.
    asked = read_question("och barnen då?", snap.metas, TODAY)
    assert carried_item(snap, asked, apply_context(asked, after), after) == apply_context(asked, after)
