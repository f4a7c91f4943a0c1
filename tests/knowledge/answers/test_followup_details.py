"""Follow-ups that ask a detail of what was just answered, or name the next item, on a hand-built plan.

- "hur ofta?" / "vem …?" with no word of its own: the sentence about the subject that states a
  frequency or a person (knowledge/answers/followup.py, the answer-type grammar);
- "och 2018?" after a figure from a small table of yearly values: the row under its header of years;
- a short full question that takes the conversation's unit ("hur ofta har vi APT?") is looked up
  in the passage just quoted first;
- "och medskapandeindexet då?" names another indicator of the plan: it replaces the old one;
  "vad ska den ligga på?" names none: the indicator just shown (knowledge/answers/followup_item.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answer import Answer, AnswerKind, Citation, ConversationContext
from knowledge.answers.followup import in_context, remember
from knowledge.answers.followup_item import carried_item
from knowledge.models import Chunk, ChunkKind
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading, apply_context, read_question
from tests.indicators.plans import UNIT, chunks_for, ind, plan

TODAY = dt.date(2023, 6, 15)
SOURCE = "eb-2023.txt"
GOAL = f"{SOURCE} › Nämndmål: Rättssäker handläggning › Enhetsmål: Kvalitet"
WAYS = f"{GOAL} › Arbetssätt"
FOLLOW_UP = f"{GOAL} › Uppföljning"
SURVEY = f"{SOURCE} › Medarbetarundersökning"
WORK = f"{SOURCE} › Nämndmål: Attraktiv arbetsgivare › Enhetsmål: God arbetsmiljö"
CLIMATE = f"{SOURCE} › Nämndmål: Fossilfri organisation › Uppföljning"
SICK, INDEX, EVICT = (
    "Sjukfrånvaro dag 1-14",
    "Aktivt Medskapandeindex",
    "Andel som tar emot stöd av Vräkningsförebyggarna",
)


def _section(n: int, breadcrumb: str, text: str) -> Chunk:
    return Chunk(id=f"{SOURCE}-s{n}", source=SOURCE, kind=ChunkKind.SECTION, text=text, breadcrumb=breadcrumb)


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("details")) / "planbot.sqlite3")
    parsed = plan(
        SOURCE,
        UNIT,
        2023,
        [ind(SICK, "3,5 %"), ind(INDEX, kf="83"), ind("Sjukfrånvaro", "7 %"), ind(EVICT, "100 %")],
        district="Hägersten-Älvsjö",
    )
    sections = [
        _section(0, WAYS, "Stickprov samt internkontroller utförs löpande. Handläggarna följer årshjulet."),
        _section(
            1,
            FOLLOW_UP,
            "Uppföljning sker genom stickprovskontroller som utförs av FUT-handläggare månadsvis. "
            "Resultat följs upp vid T1 och T2.",
        ),
        _section(
            2,
            SURVEY,
            "Frågan om förväntningar i arbetet har försämrats mest.\n\n2017 2018 2019\n\n"
            "Jag vet vad som 74 92 76\nförväntas i mitt arbete\n\n"
            "2017 2018 2019\n\nMin chef är öppen 33 50 80",
        ),
        _section(
            3,
            f"{WORK} › Arbetssätt",
            "Genomgång av personalpolicyn.\nMånatliga APT samt Enhetsträff varje kvartal.",
        ),
        _section(4, CLIMATE, "Personalen informeras årligen på APT om klimatarbetet."),
    ]
    catalog.replace_document(parsed, chunks=chunks_for(parsed) + sections, path=None)
    return Snapshot.load(catalog)


def _after(question: str, section: str, **extra: object) -> ConversationContext:
    return ConversationContext(
        unit=UNIT,
        district="Hägersten-Älvsjö",
        year=2023,
        source=SOURCE,
        topic=question,
        intent="general",
        question=question,
        section=section,
        unit_named=True,
    ).model_copy(update=extra)


def _follow(snap: Snapshot, question: str, context: ConversationContext) -> Answer | None:
    reading = apply_context(read_question(question, snap.metas, TODAY), context)
    return in_context(snap, reading, context)


def test_how_often_finds_the_sentence_that_states_a_frequency_about_the_subject(snap: Snapshot) -> None:
    # The quoted sentence says "löpande"; the goal's Uppföljning says how often: "månadsvis".
    answer = _follow(snap, "hur ofta?", _after("vem gör stickproverna?", WAYS))
    assert answer is not None and "månadsvis" in answer.answer
    assert "T1" not in answer.answer  # a time about another subject (the results) is not the answer


def test_a_year_asked_after_a_yearly_figure_is_read_from_the_row_under_the_years(snap: Snapshot) -> None:
    answer = _follow(snap, "och 2018?", _after("vet medarbetarna vad som förväntas i arbetet 2019?", SURVEY))
    assert answer is not None and "92" in answer.answer and "50" not in answer.answer


def _item(snap: Snapshot, question: str, context: ConversationContext) -> QuestionReading:
    asked = read_question(question, snap.metas, TODAY)
    return carried_item(snap, asked, apply_context(asked, context), context)


def _after_indicator(topic: str, name: str) -> ConversationContext:
    return _after(f"årsmål {topic}?", "", topic=topic, intent="indicator", indicator=name)


def test_a_follow_up_naming_another_indicator_of_the_plan_replaces_the_old_one(snap: Snapshot) -> None:
    reading = _item(snap, "och medskapandeindexet då?", _after_indicator("korttidssjukfrånvaron", SICK))
    assert reading.topic == INDEX
    assert reading.units == [UNIT] and reading.year == 2023  # the unit and year still carry over


def test_a_follow_up_naming_no_item_is_about_the_indicator_just_shown(snap: Snapshot) -> None:
    reading = _item(snap, "vad ska den ligga på?", _after_indicator("vräkningsförebyggarna", EVICT))
    assert reading.topic == EVICT


def test_a_word_that_narrows_the_current_item_keeps_the_conversation_reading(snap: Snapshot) -> None:
    context = _after_indicator("korttidssjukfrånvaron", SICK)
    asked = read_question("och den totala sjukfrånvaron?", snap.metas, TODAY)
    assert _item(snap, "och den totala sjukfrånvaron?", context) == apply_context(asked, context)


def test_a_short_question_about_the_goal_just_shown_is_answered_from_its_sections(snap: Snapshot) -> None:
    context = _after("vad är enhetsmålet för arbetsmiljön?", WORK, intent="goal")
    answer = _follow(snap, "hur ofta har vi APT?", context)
    assert answer is not None and "Månatliga APT" in answer.answer and "årligen" not in answer.answer
    # Words the quoted goal does not hold: a question of its own, for the routes.
    assert _follow(snap, "hur ofta har vi klimatmöten?", context) is None


def test_the_units_introduction_is_prose_a_follow_up_is_looked_up_beside(snap: Snapshot) -> None:
    # "vad gör stadsdelsmammorna?" is answered from the unit's introduction (an overview answer);
    # "hur många är dom?" is then looked up in the section it quoted.
    citation = Citation(n=1, source=SOURCE, title="VP", section=SURVEY, quote="x")
    overview = Answer(
        answer="…", kind=AnswerKind.OVERVIEW, citations=[citation], context=ConversationContext(source=SOURCE)
    )
    reading = read_question("vad gör stadsdelsmammorna?", snap.metas, TODAY)
    assert remember(overview, reading, ConversationContext(), snap).context.section == SURVEY


PRESCHOOL = f"{SOURCE} › Nämndmål: Ekonomi i balans › Beskrivning"
ELDERLY = f"{SOURCE} › Nämndmål: Attraktiv arbetsgivare › Beskrivning"
TEAM = f"{SOURCE} › Verksamhetsbeskrivning"


@pytest.fixture(scope="module")
def referring(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """A plan whose prose names a place without "ligga" and an age without "ålder"."""
    catalog = Catalog(Path(tmp_path_factory.mktemp("referring")) / "planbot.sqlite3")
    parsed = plan(SOURCE, UNIT, 2023, [ind(SICK, "3,5 %")], district="Hägersten-Älvsjö")
    sections = [
        _section(
            0,
            PRESCHOOL,
            "Under 2023 kommer nämnden att öppna en ny förskola om sex avdelningar "
            "i kvarteret Zachrisberg nära Årstabergets pendeltågsstation.",
        ),
        _section(
            1, ELDERLY, "Inom äldreomsorgen ska nämnden låta kartläggningen ligga till grund för insatser."
        ),
        _section(
            2,
            TEAM,
            "Stödteamet består av 8 medarbetare och stöttar ca 100 brukare/månad. "
            "Teamet ger stöd till brukare från 16 år och uppåt med neuropsykiatrisk funktionsnedsättning.\n\n"
            "Träfflokalen är öppen för unga vuxna mellan 18 och 35 år.",
        ),
    ]
    catalog.replace_document(parsed, chunks=chunks_for(parsed) + sections, path=None)
    return Snapshot.load(catalog)


def test_a_word_that_only_restates_the_place_asked_need_not_occur(referring: Snapshot) -> None:
    # "ligga" occurs only in the paragraph about another subject; the sentence just quoted says where.
    quote = "Under 2023 kommer nämnden att öppna en ny förskola om sex avdelningar i kvarteret Zachrisberg"
    context = _after("öppnar nämnden någon ny förskola 2023?", PRESCHOOL, quoted=[quote])
    answer = _follow(referring, "var ska den ligga?", context)
    assert answer is not None and "Zachrisberg" in answer.answer
    assert "äldreomsorgen" not in answer.answer


def test_a_follow_up_whose_words_are_nowhere_gets_the_detail_from_the_passage_just_shown(
    referring: Snapshot,
) -> None:
    # "tar emot folk" is not in the plan; "från vilken ålder" asks an age, which the quoted
    # sentence about the team states (not the one about the meeting place in the same section).
    quote = (
        "Stödteamet består av 8 medarbetare och stöttar ca 100 brukare/månad. "
        "Teamet ger stöd till brukare från 16 år och uppåt med neuropsykiatrisk funktionsnedsättning."
    )
    context = _after("vad gör stödteamet?", TEAM, quoted=[quote])
    answer = _follow(referring, "från vilken ålder tar dom emot folk då", context)
    assert answer is not None and "16 år" in answer.answer
    assert "35 år" not in answer.answer


def test_without_the_passage_just_shown_the_age_is_not_guessed(referring: Snapshot) -> None:
    context = _after("vad gör stödteamet?", TEAM, quoted=[])
    assert _follow(referring, "från vilken ålder tar dom emot folk då", context) is None
