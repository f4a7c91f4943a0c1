"""A question that asks for a routine is answered by a routine, or declined (answers/routine_asked.py).

A hand-built plan in a real SQLite catalog with a routine section, a numbered step block inside
a longer section, prose that names a routine and prose that is no routine. The last tests run
the whole answer path (lexical retrieval only, no ranker).
"""

from __future__ import annotations

import datetime as dt

import pytest

from config import Settings
from knowledge.answer import Answer, AnswerKind, Citation, DeclineReason
from knowledge.answerer import Answerer
from knowledge.answers.routine_asked import NO_ROUTINE_TEXT, asks_for_routine, lacks_routine
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.embedder import Embedder
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import UNIT, plan

TODAY = dt.date(2024, 5, 2)
SOURCE = "vux-2024.txt"
THREAT = (
    "Innan ett första hembesök hos en ny brukare gör boendestödjaren en riskbedömning. "
    "Om en medarbetare blir hotad avbryts besöket och samordnaren kontaktas direkt."
)
RISKS = (
    "Verksamheten har en bemannad reception och väntrummet ligger i entréplanet.\n"
    "Vid ombyggnader bidrar alla medarbetare med att:\n"
    "1. Identifiera och kartlägga riskerna som förändringen kan medföra.\n"
    "2. Bedöma hur allvarliga de identifierade riskerna är.\n"
)
PREMISES = (
    "Klienterna väntar i väntrummet på bottenvåningen innan besöket. Väntrummet har leksaker "
    "för barn och klienterna kan låna en telefon där."
)
COMPLAINTS = "Enheten hanterar inkomna klagomål och synpunkter i enlighet med förvaltningens rutin."


def _section(cid: str, heading: str, text: str) -> Chunk:
    return Chunk(id=cid, source=SOURCE, kind=ChunkKind.SECTION, text=text, breadcrumb=f"Plan › {heading}")


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(tmp_path_factory.mktemp("routine_asked") / "planbot.sqlite3")
    catalog.replace_document(
        plan(SOURCE, UNIT, 2024, []),
        chunks=[
            _section("r1", "4.1 Rutin vid hot och våld vid hembesök", THREAT),
            _section("r2", "Beskriv hur ni minimerar risker", RISKS),
            _section("r3", "Lokaler", PREMISES),
            _section("r4", "Kvalitetsarbete", COMPLAINTS),
        ],
        path=None,
    )
    return Snapshot.load(catalog)


def _cited(section: str, quote: str, kind: AnswerKind = AnswerKind.PASSAGES) -> Answer:
    citation = Citation(n=1, source=SOURCE, title="Verksamhetsplan", section=f"Plan › {section}", quote=quote)
    return Answer(answer=f"Enligt planen:\n\n{quote} [1]", kind=kind, citations=[citation])


def _lacks(snap: Snapshot, question: str, answer: Answer) -> bool:
    return lacks_routine(snap, read_question(question, snap.metas, TODAY), answer)


def test_a_routine_is_asked_for_by_the_word_in_any_form() -> None:
    assert asks_for_routine("finns det nån rutin för hittegods?")
    assert asks_for_routine("vad säger rutinen om skyddade personuppgifter?")
    assert asks_for_routine("vem ansvarar för hemlöshetsrutinen?")
    assert asks_for_routine("vilka rutiner har vi för hot?")
    # "rutinmässigt" says how often, not that a routine is asked for.
    assert not asks_for_routine("görs det rutinmässigt en riskbedömning?")
    assert not asks_for_routine("vad gör vi om en klient blir hotfull?")


def test_prose_that_is_no_routine_does_not_answer_a_routine_question(snap: Snapshot) -> None:
    question = "finns det en rutin för saker som klienter glömmer i väntrummet?"
    assert _lacks(snap, question, _cited("Lokaler", PREMISES.split(". ")[0] + "."))
    # The same quote answers a question that asks for no routine.
    assert not _lacks(
        snap, "var väntar klienterna innan besöket?", _cited("Lokaler", PREMISES.split(". ")[0] + ".")
    )


def test_a_routine_or_prose_that_names_one_answers(snap: Snapshot) -> None:
    question = "vad är rutinen om en medarbetare blir hotad?"
    # A section headed "Rutin …".
    assert not _lacks(snap, question, _cited("4.1 Rutin vid hot och våld vid hembesök", THREAT))
    # A numbered step block inside a longer section, quoted from its steps.
    steps = "1. Identifiera och kartlägga riskerna som förändringen kan medföra."
    assert not _lacks(
        snap, "finns det en rutin när vi bygger om?", _cited("Beskriv hur ni minimerar risker", steps)
    )
    # The same section's prose outside the block is no routine.
    lead = "Verksamheten har en bemannad reception och väntrummet ligger i entréplanet."
    assert _lacks(
        snap, "finns det en rutin för receptionen?", _cited("Beskriv hur ni minimerar risker", lead)
    )
    # Prose that names the routine it follows.
    assert not _lacks(snap, "finns det en rutin för klagomål?", _cited("Kvalitetsarbete", COMPLAINTS))


def test_answers_of_other_kinds_are_left_alone(snap: Snapshot) -> None:
    quote = PREMISES.split(". ")[0] + "."
    assert not _lacks(
        snap, "när ska översynen av rutinerna vara klar?", _cited("Lokaler", quote, AnswerKind.ACTIVITY)
    )
    assert not _lacks(
        snap, "finns det en rutin för väntrummet?", _cited("Lokaler", quote, AnswerKind.NOT_FOUND)
    )


def test_the_answer_path_declines_a_routine_no_document_has(snap: Snapshot) -> None:
    answerer = Answerer(lambda: snap, Embedder(Settings().embedding_model), None, today=lambda: TODAY)
    # Without the check the passage about the waiting room was quoted as the routine.
    missing = answerer.answer("finns det en rutin för saker som klienterna glömmer i väntrummet?")
    assert missing.kind is AnswerKind.NOT_FOUND and missing.decline is DeclineReason.NO_ROUTINE
    assert missing.answer.startswith(NO_ROUTINE_TEXT)
    # What the plan says about the waiting room still answers a question that asks for no routine.
    where = answerer.answer("vad finns i väntrummet för klienterna?")
    assert where.kind is not AnswerKind.NOT_FOUND and "väntrummet" in where.answer
    # A routine the plan has is answered.
    threat = answerer.answer("vad är rutinen om en medarbetare blir hotad på hembesöket?")
    assert threat.kind is not AnswerKind.NOT_FOUND and "samordnaren kontaktas direkt" in threat.answer
