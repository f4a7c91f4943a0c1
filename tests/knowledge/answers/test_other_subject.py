"""Answers about another named part than the one asked (knowledge/answers/other_subject.py).

Hand-built plans in a real SQLite catalog pin which words are names of a unit's parts and what
each quoted sentence is about; the ingested samples show the whole answer: a question asking one
part for what only another part has is declined, its twin about the right part still answered.
"""

from __future__ import annotations

import pytest

from knowledge.answer import AnswerKind, Citation, ConversationContext, DeclineReason
from knowledge.answers.other_subject import (
    about_other_subject,
    asked_names,
    document_names,
    sentence_subjects,
)
from knowledge.service import KnowledgeService
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import two_units_catalog

EB_PROSE = [
    "Hägergruppen, som ligger i Fruängen, arbetar med hantverk och keramik. Hägergruppen gör "
    "utflykter varje månad. Försäljning sker i Gröna Liljans affär.",
    "Träfflokalen Tora är en aktivitetslokal. På Tora erbjuds gemensam lunch. Båda måltiderna "
    "serveras till självkostnadspris. Enheten har tio medarbetare.",
    "Verksamheten har tillsammans med Tora och Hägergruppen en buss. Boendestödet ger stöd i "
    "hemmet och boendestödet har tretton medarbetare.",
    "Vid behov av Agressostöd kontaktas support. Ekonomin följs upp i Agresso.",
]
SAA_PROSE = ["Verksamhetsplanen är behandlad på tre arbetsplatsträffar."]
NO_CONTEXT = ConversationContext()


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    path = tmp_path_factory.mktemp("other_subject") / "planbot.sqlite3"
    return Snapshot.load(two_units_catalog(path, EB_PROSE, SAA_PROSE))


def cite(quote: str) -> Citation:
    return Citation(n=1, source="eb-2023.txt", title="Plan", section="Plan › Övrigt", quote=quote)


def test_names_are_capitals_inside_a_sentence_never_written_in_lower_case(snap: Snapshot) -> None:
    names = document_names(snap, "eb-2023.txt")
    assert {"hagergrupp", "tor", "fruang"} <= names
    # Opens sentences only, or written in lower case too: a common noun of the document.
    assert "boendestod" not in names
    assert "verksamhet" not in names
    assert asked_names("serverar hägergruppen lunch?", names) == {"hagergrupp"}


def test_a_sentence_without_a_name_is_about_the_one_before_and_enheten_resets(snap: Snapshot) -> None:
    names = document_names(snap, "eb-2023.txt")
    read = sentence_subjects(EB_PROSE[1], names)
    assert [about for _, about in read] == [{"tor"}, {"tor"}, {"tor"}, set()]


def test_a_name_further_in_a_sentence_is_no_new_subject(snap: Snapshot) -> None:
    names = document_names(snap, "eb-2023.txt")
    read = sentence_subjects(EB_PROSE[0], names)
    # Gröna Liljans affär is where Hägergruppen sells: the sentence is still about Hägergruppen.
    assert "hagergrupp" in read[-1][1]
    assert {"gron", "liljan"} <= read[-1][1]
    # One family of names: "agresso" asked, "Agressostöd" quoted.
    support = [cite("Vid behov av Agressostöd kontaktas support.")]
    assert not about_other_subject(
        snap, "agresso strular, vem kontaktar jag?", AnswerKind.PASSAGES, support, NO_CONTEXT
    )


def test_a_quote_about_another_part_is_declined_one_about_the_asked_part_is_not(snap: Snapshot) -> None:
    lunch = [cite("Båda måltiderna serveras till självkostnadspris.")]
    assert about_other_subject(snap, "serverar hägergruppen lunch?", AnswerKind.PASSAGES, lunch, NO_CONTEXT)
    assert not about_other_subject(snap, "serverar tora lunch?", AnswerKind.PASSAGES, lunch, NO_CONTEXT)
    # A sentence naming both parts is about the asked one too.
    bus = [cite("Verksamheten har tillsammans med Tora och Hägergruppen en buss.")]
    assert not about_other_subject(snap, "har hägergruppen en buss?", AnswerKind.PASSAGES, bus, NO_CONTEXT)
    # A question naming no part, a sentence about the unit, and rows are not checked.
    assert not about_other_subject(snap, "serveras det lunch?", AnswerKind.PASSAGES, lunch, NO_CONTEXT)
    staff = [cite("Enheten har tio medarbetare.")]
    assert not about_other_subject(
        snap, "hur många jobbar på hägergruppen?", AnswerKind.PASSAGES, staff, NO_CONTEXT
    )
    assert not about_other_subject(snap, "serverar hägergruppen lunch?", AnswerKind.LIST, lunch, NO_CONTEXT)


def test_a_follow_up_pointing_back_asks_about_the_part_named_before(snap: Snapshot) -> None:
    lunch = [cite("På Tora erbjuds gemensam lunch.")]
    before = ConversationContext(question="var ligger hägergruppen?")
    assert about_other_subject(snap, "serverar dom lunch där?", AnswerKind.PASSAGES, lunch, before)
    assert not about_other_subject(
        snap,
        "serverar dom lunch där?",
        AnswerKind.PASSAGES,
        lunch,
        ConversationContext(question="vad är tora?"),
    )


def test_samples_decline_another_parts_passage_and_answer_the_twin(
    knowledge_service: KnowledgeService,
) -> None:
    other = knowledge_service.answer("har hägergruppen ett eget café?")
    assert other.kind is AnswerKind.NOT_FOUND
    assert other.decline is DeclineReason.OTHER_SUBJECT
    twin = knowledge_service.answer("var ligger kravatten?")
    assert twin.kind is not AnswerKind.NOT_FOUND
    assert "Telefonplan" in twin.answer
    first = knowledge_service.answer("vad gör tora?")
    follow = knowledge_service.answer("hur ofta gör dom utflykter?", first.context)
    assert follow.decline is DeclineReason.OTHER_SUBJECT
    first = knowledge_service.answer("vad är hägergruppen?")
    follow = knowledge_service.answer("hur ofta gör de utflykter?", first.context)
    assert "varje månad" in follow.answer
