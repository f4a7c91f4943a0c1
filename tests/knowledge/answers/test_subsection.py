"""A goal's asked sub-section quoted by its own bounds (knowledge/answers/subsection.py), hand-built plans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from indicators.models import GoalLevel
from knowledge.answer import Answer, AnswerKind
from knowledge.answers.cite import Citations
from knowledge.answers.subsection import items, modifier, quoted_items, subsection_answer
from knowledge.models import Chunk, ChunkKind, Goal, ParsedDocument
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import stem_tokens
from knowledge.understand.reading import QuestionReading, read_question
from knowledge.understand.subsection_kind import (
    SubsectionKind,
    asked_subsection,
    frame_words,
    read_subsection,
)
from tests.indicators.plans import OTHER_UNIT, UNIT, chunks_for, plan

TODAY = dt.date(2023, 6, 15)
EB = "eb-2023.txt"
SAA = "saa-2023.txt"

HOUSING = {
    "forvantat_resultat": "Antalet bostadslösa minskar.\nInga barnfamiljer vräks.",
    "arbetssatt": (
        "Vräkningsförebyggarna arbetar uppsökande när hyresvärden hör av sig.\n"
        "Boskola erbjuds till alla som bor i tillfälligt boende."
    ),
    "resursanvandning": "Socialsekreterare och behandlingsassistenter.",
    "uppfoljning": "Kostnaderna för tillfälligt boende följs upp månadsvis och redovisas i T1, T2 och VB.",
}
CLIMATE = {
    "forvantat_resultat": "Alla medarbetare känner till klimatarbetet.",
    "arbetssatt": "Vi reser kollektivt och sorterar avfall.",
    "resursanvandning": "Alla medarbetare på enheten.",
    "uppfoljning": "Personalen informeras årligen på APT.",
}
LABELS = {
    "forvantat_resultat": "Förväntat resultat",
    "arbetssatt": "Arbetssätt",
    "resursanvandning": "Resursanvändning",
    "uppfoljning": "Uppföljning",
}


def _goal(key: str, title: str, parts: dict[str, str], parent: str | None = None) -> Goal:
    return Goal(key=key, level=GoalLevel.ENHETSMAL, title=title, parent_key=parent, **parts)


def _doc(source: str, unit: str, goals: list[Goal]) -> tuple[ParsedDocument, list[Chunk]]:
    parsed = plan(source, unit, 2023, [], goals=goals)
    chunks = chunks_for(parsed)
    for g in goals:
        for field, label in LABELS.items():
            chunks.append(
                Chunk(
                    id=f"{source}-{g.key}-{field}",
                    source=source,
                    kind=ChunkKind.SECTION,
                    text=getattr(g, field),
                    breadcrumb=f"{source} › {g.title} › {label}",
                    goal_key=g.key,
                )
            )
    return parsed, chunks


def _snapshot(tmp_path: Path, *docs: tuple[ParsedDocument, list[Chunk]]) -> Snapshot:
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    try:
        for parsed, chunks in docs:
            catalog.replace_document(parsed, chunks=chunks, path=None)
        return Snapshot.load(catalog)
    finally:
        catalog.close()


@pytest.fixture
def snap(tmp_path: Path) -> Iterator[Snapshot]:
    yield _snapshot(
        tmp_path,
        _doc(
            EB,
            UNIT,
            [
                _goal("g1", "Personer som riskerar hemlöshet erbjuds stöd kring sitt boende", HOUSING),
                _goal("g2", "Enheten minskar sin klimatpåverkan", CLIMATE),
            ],
        ),
    )


def _read(snap: Snapshot, question: str) -> QuestionReading:
    return read_question(question, snap.metas, TODAY)


def _declined() -> Answer:
    return Answer(answer="Jag hittar inget svar på det.", kind=AnswerKind.NOT_FOUND)


def _quoting(snap: Snapshot, chunk_id: str, quote: str) -> Answer:
    cites = Citations(snap)
    chunk = next(c for c in snap.chunks if c.id == chunk_id)
    marker = cites.cite(chunk, quote)
    return Answer(answer=f"{quote} {marker}", kind=AnswerKind.PASSAGES, citations=cites.items)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("hur följer vi upp kostnaderna för boendet?", SubsectionKind.FOLLOWUP),
        ("hur foljs det upp att folk far jobb", SubsectionKind.FOLLOWUP),
        ("hur kollar vi att planerna är aktuella?", SubsectionKind.FOLLOWUP),
        ("vad vill vi ha uppnått med hemlösheten i år?", SubsectionKind.RESULT),
        ("vad ska kulturmålet leda till?", SubsectionKind.RESULT),
        ("vad krävs för att klara budgeten?", SubsectionKind.RESOURCES),
        ("vad har vi för resurser för vräkningsarbetet?", SubsectionKind.RESOURCES),
        ("hur jobbar vi med barnfamiljerna?", SubsectionKind.METHOD),
        ("vad gör vi för att minska klimatpåverkan?", SubsectionKind.METHOD),
        ("vad betyder FUT?", None),
        ("vem är enhetschef?", None),
        # A cue inside a clause that describes the topic does not frame the question.
        ("hur gör vi när vi behöver en vikarie?", SubsectionKind.METHOD),
        ("hur jobbar vi för att följa upp planerna?", SubsectionKind.FOLLOWUP),
        ("vilka krävs när vi följer upp?", SubsectionKind.RESOURCES),
        # No heading's frame, but a method asked and nothing more specific: the way of working.
        ("hur tar vi hand om klagomålen?", SubsectionKind.METHOD),
        ("vad gör teamet med ärendet?", SubsectionKind.METHOD),
        ("hur ofta tar vi hand om klagomålen?", None),
    ],
)
def test_the_frame_tells_the_asked_sub_section(question: str, kind: SubsectionKind | None) -> None:
    assert asked_subsection(question) is kind


def test_a_method_read_from_the_answer_type_alone_is_marked_as_such() -> None:
    by_type = read_subsection("hur tar vi hand om klagomålen?")
    assert by_type is not None and by_type.kind is SubsectionKind.METHOD and not by_type.by_frame
    by_frame = read_subsection("hur jobbar vi med klagomålen?")
    assert by_frame is not None and by_frame.kind is SubsectionKind.METHOD and by_frame.by_frame
    # An embedded cue only, and a method asked: the method wins, read from the type.
    embedded = read_subsection("hur ska vi nå målet att färre barnfamiljer behöver stöd?")
    assert embedded is not None and embedded.kind is SubsectionKind.METHOD and not embedded.by_frame
    assert read_subsection("vad betyder FUT?") is None


def test_frame_words_leave_the_topic_words() -> None:
    words = frame_words("vad ska kulturmålet leda till för brukarna?")
    assert "leda" in words
    assert "kulturmalet" not in words and "brukarna" not in words
    assert frame_words("vad betyder FUT?") == set()


def test_items_follow_paragraphs_sentence_ends_and_bullets() -> None:
    text = (
        "Antalet bostadslösa minskar.\nFärre avhysningar sker.\n\n"
        "Erbjuda möjlighet att prioritera ungdomar som ingår i hushåll med\nlångvarigt försörjningsstöd.\n"
        "Mötena är främst:\n-SIP-möten med vården,\n-FINSAM-möten med Försäkringskassan."
    )
    assert items(text) == [
        "Antalet bostadslösa minskar.",
        "Färre avhysningar sker.",
        "Erbjuda möjlighet att prioritera ungdomar som ingår i hushåll med\nlångvarigt försörjningsstöd.",
        "Mötena är främst:",
        "-SIP-möten med vården,",
        "-FINSAM-möten med Försäkringskassan.",
    ]
    assert all(i in text for i in items(text))


def test_a_short_sub_section_is_quoted_whole_and_a_long_one_by_its_topic_items() -> None:
    short = "Antalet bostadslösa minskar.\nInga barnfamiljer vräks."
    assert quoted_items(short, [({"kostnad"}, set())], lambda s: 1.0) == items(short)
    filler = "Enheten arbetar med många olika saker under året och följer stadens riktlinjer noga. "
    long = (
        filler * 4
        + "\n\nSamordningsmötena är främst:\n- SIP-möten med vården,"
        + "\n- FINSAM-möten med Försäkringskassan.\n\n"
        + filler * 4
    )
    topic = set(stem_tokens("samordningsmötena"))
    picked = quoted_items(long, [(topic, set())], lambda s: 1.0)
    # The list lead carries the topic and brings its items with it; the filler paragraphs stay out.
    assert picked == [
        "Samordningsmötena är främst:",
        "- SIP-möten med vården,",
        "- FINSAM-möten med Försäkringskassan.",
    ]
    # No topic word left once the goal is found: the whole sub-section was asked, its opening answers.
    opening = quoted_items(long, [], lambda s: 1.0)
    assert opening and opening[0].startswith("Enheten arbetar") and sum(map(len, opening)) <= 600


def test_a_compound_no_document_writes_stands_in_by_its_modifier() -> None:
    vocabulary = frozenset({"kultur", "mal", "ekonomi"})
    assert modifier("kulturmal", vocabulary) == "kultur"
    assert modifier("ekonomimal", vocabulary) == "ekonomi"
    assert modifier("kultur", vocabulary) is None
    assert modifier("tonaring", vocabulary) is None


def test_the_goal_is_found_by_another_sub_sections_words_and_the_asked_one_quoted(snap: Snapshot) -> None:
    # "vräkningsförebyggarna" is only in the goal's Arbetssätt; the question asks how it is followed up.
    reading = _read(snap, "hur följer vi upp det vräkningsförebyggarna gör?")
    answer = subsection_answer(snap, reading, [EB], _declined(), after_pool=True)
    assert answer is not None and answer.kind is AnswerKind.GOAL
    assert "Uppföljning" in answer.answer and "månadsvis" in answer.answer
    assert "uppsökande" not in answer.answer
    assert answer.citations[-1].quote == HOUSING["uppfoljning"]
    assert answer.context.goal_key == "g1"


def test_a_decline_before_the_pool_is_left_to_the_pool(snap: Snapshot) -> None:
    reading = _read(snap, "hur följer vi upp det vräkningsförebyggarna gör?")
    assert subsection_answer(snap, reading, [EB], _declined(), after_pool=False) is None


def test_a_quote_of_the_goal_is_replaced_by_the_asked_sub_section(snap: Snapshot) -> None:
    reading = _read(snap, "vad vill vi uppnå med boskolan?")
    current = _quoting(snap, f"{EB}-g1-arbetssatt", "Boskola erbjuds till alla som bor i tillfälligt boende.")
    answer = subsection_answer(snap, reading, [EB], current)
    assert answer is not None
    assert "Antalet bostadslösa minskar." in answer.answer and "Inga barnfamiljer vräks." in answer.answer


def test_a_better_covering_quote_outside_the_goals_is_kept(tmp_path: Path) -> None:
    parsed, chunks = _doc(EB, UNIT, [_goal("g1", "Personer som riskerar hemlöshet erbjuds stöd", HOUSING)])
    routine = Chunk(
        id=f"{EB}-r1",
        source=EB,
        kind=ChunkKind.SECTION,
        text="Vräkningsförebyggarna rapporterar varje månad till enhetschefen.",
        breadcrumb=f"{EB} › Rutiner",
    )
    snap = _snapshot(tmp_path, (parsed, [*chunks, routine]))
    reading = _read(snap, "hur följer vi upp vräkningsförebyggarna?")
    current = _quoting(snap, routine.id, routine.text)
    # The goal holds the word only in its Arbetssätt; its Uppföljning does not: the routine's
    # sentence covers the question better and stays the answer.
    assert subsection_answer(snap, reading, [EB], current, after_pool=True) is None
    # Declined instead: the goal's follow-up part is the best there is.
    answer = subsection_answer(snap, reading, [EB], _declined(), after_pool=True)
    assert answer is not None and "månadsvis" in answer.answer


def test_a_count_or_a_frequency_asked_of_a_sub_section_is_left_to_its_figure(snap: Snapshot) -> None:
    # "hur många förväntade resultat …" is answered by a number and "hur ofta följer vi upp …" by
    # one line: quoting the sub-section instead lost both (lists2, lists3, routines tune).
    current = _quoting(snap, f"{EB}-g1-arbetssatt", "Boskola erbjuds till alla som bor i tillfälligt boende.")
    for question in (
        "hur många förväntade resultat har målet om boskolan?",
        "hur ofta följer vi upp boskolan?",
    ):
        assert subsection_answer(snap, _read(snap, question), [EB], current, after_pool=True) is None
    # The same frame without a figure asked is still answered from the sub-section.
    asked = _read(snap, "vad vill vi uppnå med boskolan?")
    assert subsection_answer(snap, asked, [EB], current) is not None


def test_other_answer_kinds_and_questions_without_a_frame_are_left_alone(snap: Snapshot) -> None:
    reading = _read(snap, "vad vill vi uppnå med boskolan?")
    table = Answer(answer="Årsmålet är 55 %.", kind=AnswerKind.INDICATOR)
    assert subsection_answer(snap, reading, [EB], table, after_pool=True) is None
    plain = _read(snap, "vad är boskola?")
    assert subsection_answer(snap, plain, [EB], _declined(), after_pool=True) is None


def test_two_units_with_a_goal_alike_make_it_ambiguous(tmp_path: Path) -> None:
    snap = _snapshot(
        tmp_path,
        _doc(EB, UNIT, [_goal("g1", "Enheten minskar sin klimatpåverkan", CLIMATE)]),
        _doc(SAA, OTHER_UNIT, [_goal("g1", "Enheten minskar sin klimatpåverkan", CLIMATE)]),
    )
    reading = _read(snap, "hur följer vi upp klimatpåverkan?")
    assert subsection_answer(snap, reading, [EB, SAA], _declined(), after_pool=True) is None
    # Named unit: one document is searched, and it answers.
    answer = subsection_answer(snap, reading, [EB], _declined(), after_pool=True)
    assert answer is not None and "APT" in answer.answer


def test_a_method_read_from_the_type_alone_gives_way_to_a_routine(snap: Snapshot) -> None:
    # "hur hanterar vi …" names no heading; the route's routine rule for the situation stays.
    reading = _read(snap, "hur hanterar vi vräkningsförebyggarna?")
    routine = _quoting(snap, f"{EB}-g1-uppfoljning", HOUSING["uppfoljning"])
    routine = Answer(answer=routine.answer, kind=AnswerKind.ROUTINE, citations=routine.citations)
    assert subsection_answer(snap, reading, [EB], routine, after_pool=True) is None
    # Declined instead: the goal's way of working answers it.
    answer = subsection_answer(snap, reading, [EB], _declined(), after_pool=True)
    assert answer is not None and "uppsökande" in answer.answer
