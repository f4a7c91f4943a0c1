"""Count answers over the samples: a count is a number stated for the counted noun, or the length
of a list of that noun; otherwise the question is declined (session 20, counts4.jsonl).

A wrong number is worse than a decline for staff: "2 case" (a pair "behandlare och Case
managers"), "4 brukare" (bullets that mention brukare, a sentence cut at its inserted clause) and
"3 medarbetare" (partner organisations) were given before these checks.
"""

from __future__ import annotations

from knowledge.answer import AnswerKind
from knowledge.answers.count_support import counts_nothing
from knowledge.answers.enumerations import counts_people, holds_counted_kind, item_heads, series_items
from knowledge.answers.prose_counts import counted_nouns, counted_word
from knowledge.service import KnowledgeService
from knowledge.textnorm import stem_tokens


def _known(stem: str) -> bool:
    return True


def test_a_pair_holding_the_asked_noun_is_not_counted(knowledge_service: KnowledgeService) -> None:
    # "… enhetens egna behandlare och Case managers" lists two kinds of staff, not two case managers.
    answer = knowledge_service.answer("hur många case managers har beroendedelen på ek bistånd o beroende?")
    assert answer.kind is AnswerKind.NOT_FOUND, answer.answer
    assert "**2**" not in answer.answer


def test_bullets_that_mention_the_noun_are_not_counted(knowledge_service: KnowledgeService) -> None:
    # Four bullets about follow-ups each mention "brukare"; none is a brukare.
    answer = knowledge_service.answer("hur manga brukare har natverkets datasal? hagersten")
    assert "räknat i texten" not in answer.answer, answer.answer


def test_an_inserted_clause_is_no_series(knowledge_service: KnowledgeService) -> None:
    answer = knowledge_service.answer(
        "ca hur manga brukare ar det pa droppen bruket och hagergruppen, 30-40 st?"
    )
    assert "cirka 35 brukare" in answer.answer, answer.answer
    assert "räknat i texten" not in answer.answer


def test_partner_names_count_no_staff(knowledge_service: KnowledgeService) -> None:
    # "Teamet samverkar främst med Landsting, Arbetsförmedling Rehab och Jobbtorg Resurs"; the
    # plan states no head count for Team 2, and "Team 1"/"Team 2" are labels, not counts.
    answer = knowledge_service.answer("hur många medarbetare har team 2 rehab i spånga?")
    assert answer.kind is AnswerKind.NOT_FOUND, answer.answer


def test_names_still_count_as_organisations(knowledge_service: KnowledgeService) -> None:
    answer = knowledge_service.answer(
        "hur många organisationer samverkar förvaltningen med i föreningsguiderna?"
    )
    assert answer.kind is AnswerKind.COUNT and "**4**" in answer.answer, answer.answer


def test_a_guessed_figure_names_the_counted_noun(knowledge_service: KnowledgeService) -> None:
    answer = knowledge_service.answer(
        "hej! beroendedelen har väl runt 200 klienter nu, vet nån exakt hur många?"
    )
    assert "220 klienter" in answer.answer, answer.answer


def test_a_stated_count_is_still_answered(knowledge_service: KnowledgeService) -> None:
    answer = knowledge_service.answer("hur manga team ar ek bistand i spanga uppdelat i?")
    assert "fyra team" in answer.answer, answer.answer


def test_counted_word_of_a_bare_count() -> None:
    assert counted_word("vi har typ 30 brukare, hur många?") == "brukare"
    assert counted_nouns("runt 200 klienter, vet nån exakt hur många?") == [("klienter", [])]
    # A figure in a question that names its noun after "hur många" changes nothing.
    assert counted_word("hur många medarbetare hade vi 2023?") == "medarbetare"
    # No guess and no noun: nothing is counted.
    assert counted_word("hur många?") == ""


def test_series_stop_at_inserted_clauses() -> None:
    assert series_items("Droppen/Bruket, som ligger i Västertorp, producerar och säljer olika varor.") == []
    assert series_items("Enheten sorterar plast, metall, glas och matavfall.") == [
        "Enheten sorterar plast",
        "metall",
        "glas",
        "matavfall",
    ]


def test_items_are_of_a_kind_by_their_heads() -> None:
    heads = item_heads(
        ["- Årligen har staden en brukarundersökning med brukare", "- Team 1 arbetar med klienter"]
    )
    assert "bruk" not in heads[0] and "team" in heads[1]
    kind = stem_tokens("case managers")[0]
    items = ["enhetens egna behandlare", "Case managers"]
    assert not holds_counted_kind(kind, frozenset(), item_heads(items), items[0], items, False, _known)


def test_people_and_labels() -> None:
    assert counts_people(stem_tokens("medarbetare")[0]) and counts_people(stem_tokens("socialsekreterare")[0])
    assert not counts_people(stem_tokens("organisationer")[0])
    assert counts_nothing("hur många medarbetare har team 2?", ["Team 2 (Rehab) samverkar med Jobbtorg."])
    assert not counts_nothing("hur många medarbetare har team 2?", ["Team 2 har 13 medarbetare."])
