"""Names no document holds (knowledge/answers/absent_name.py).

Hand-built plans in a real SQLite catalog pin which written words count as a name of a thing the
documents never name, and the ingested samples show the whole answer: a question that swaps a
name into a real item's question is declined, its unswapped twin still answered.
"""

from __future__ import annotations

import pytest

from knowledge.answer import Answer, AnswerKind, Citation, DeclineReason
from knowledge.answers.absent_name import absent_name, unheld_name, written_names
from knowledge.service import KnowledgeService
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import two_units_catalog

EB_PROSE = [
    "Enheten följer upp ekonomin i stadens ekonomisystem Agresso varje månad.",
    "Hägergruppen arbetar med hantverk och keramik. Hägergruppen säljer varor på marknader.",
    "Projektet Föreningsguider drivs i samarbete med Röda Korset och Svenska kyrkan.",
]
SAA_PROSE = [
    "Sex medarbetare är utbildade MI-coacher och medverkar i stadens MI-nätverk.",
    "Alla medarbetare ska kunna använda IPS-metoden för stöd till arbete.",
    "Verksamhetsplanen är behandlad på tre arbetsplatsträffar.",
]


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    path = tmp_path_factory.mktemp("absent_name") / "planbot.sqlite3"
    return Snapshot.load(two_units_catalog(path, EB_PROSE, SAA_PROSE))


def passage(source: str = "eb-2023.txt", kind: AnswerKind = AnswerKind.PASSAGES) -> Answer:
    cite = Citation(n=1, source=source, title="Plan", section="Plan › Övrigt", quote="Hägergruppen …")
    return Answer(answer="Enligt planen: …", kind=kind, citations=[cite])


def test_written_names_are_mid_sentence_capitals_and_acronyms() -> None:
    assert written_names("hur manga DBT-coacher har stod och aktivitet?") == ["DBT"]
    # A sentence's first word, also after an emoji, names nothing.
    assert written_names("Hej! 👋 Vad gör Tallgruppen på enheten?") == ["Tallgruppen"]
    # The second part of a double-barrelled name goes with the first.
    assert written_names("vad gör vi i Hägersten-Liljeholmen?") == ["Hägersten"]
    # Two capitals are shorthand ("HV:s", "EB"), not a name.
    assert written_names("HV:s mottagning, vad gör EB?") == []
    assert written_names("vad står ACT för, och ACT-metoden?") == ["ACT"]


def test_a_name_no_document_uses_is_unheld(snap: Snapshot) -> None:
    assert unheld_name(snap, "vad går projektet Jobbsteget ut på?") == "Jobbsteget"
    assert unheld_name(snap, "följer vi upp ekonomin i Raindance?") == "Raindance"
    assert unheld_name(snap, "hur många DBT-coacher har vi?") == "DBT"


def test_names_the_documents_hold_in_some_form_are_not(snap: Snapshot) -> None:
    assert unheld_name(snap, "följer vi upp ekonomin i Agresso?") is None
    assert unheld_name(snap, "vad gör Hägergruppens medarbetare?") is None  # a form of the word
    assert unheld_name(snap, "hur många MI-coacher har vi?") is None
    assert unheld_name(snap, "vad gör projektet Föreningsguider?") is None
    # The thesaurus's other spelling, whichever way it expands (~ APT|arbetsplatsträff).
    assert unheld_name(snap, "på hur många APT har planen behandlats?") is None


def test_misspelt_names_first_names_and_unit_initials_are_not(snap: Snapshot) -> None:
    assert unheld_name(snap, "vad gör Hägergrupen?") is None  # "Hägergruppen" misspelt
    assert unheld_name(snap, "Hej, jag heter Sara och är ny. Vad gör Hägergruppen?") is None
    # "SAE" is Stöd- och aktivitetsenheten's initials (understand/initials.py).
    assert unheld_name(snap, "hur många MI-coacher har SAE?") is None


def test_only_answers_that_quote_are_checked(snap: Snapshot) -> None:
    question = "vad går projektet Jobbsteget ut på?"
    assert absent_name(snap, question, passage()) == "Jobbsteget"
    assert absent_name(snap, question, passage(kind=AnswerKind.CLARIFY)) == "Jobbsteget"
    assert absent_name(snap, question, passage(kind=AnswerKind.GLOSSARY)) is None
    assert absent_name(snap, question, Answer(answer="…", kind=AnswerKind.PASSAGES)) is None
    # A cited document whose text is not indexed (structured rows only) cannot be searched.
    assert absent_name(snap, question, passage(source="rows-only.txt")) is None


def test_samples_decline_a_swapped_in_name_and_answer_its_twin(knowledge_service: KnowledgeService) -> None:
    swapped = knowledge_service.answer("vad går projektet Jobbsteget ut på?")
    assert swapped.kind is AnswerKind.NOT_FOUND
    assert swapped.decline is DeclineReason.ABSENT_NAME
    twin = knowledge_service.answer("i vilket ekonomisystem följer stöd och aktivitet upp ekonomin?")
    assert twin.kind is not AnswerKind.NOT_FOUND
    assert any("Agresso" in c.quote for c in twin.citations)
