"""A "vem …?" question answered by a goal or routine that names no one is answered from prose.

The goal and routine routes answer by the matter ("jourlägenheterna" → the goal about families
in temporary flats; "skyddsbedömningen" → the routine for reports by telephone) and quote the
goal's or routine's lines by the matter too, so their quote can leave out the role asked for.
When none of the route's quotes names a role (`retrieval.who_fill.names_who`) while the
passages route quotes a passage that does (its coverage counts the question's verb as said by
a role named beside the matter, `retrieval.who_binding`), the passages answer is the one that
says who.
"""

from __future__ import annotations

from knowledge.answer import Answer, AnswerKind
from knowledge.retrieval.who_fill import names_who
from knowledge.understand.answer_types import AnswerType, asked_types

# Route answers whose quotes are chosen by the matter, not by who does it.
MATTER_KINDS = frozenset({AnswerKind.GOAL, AnswerKind.ROUTINE})


def names_someone(answer: Answer) -> bool:
    """Whether a quote of the answer names a role, title, group or person."""
    return any(names_who(c.quote) for c in answer.citations)


def needs_prose(question: str, answer: Answer | None) -> bool:
    """Whether a route's answer to a "vem …?" question should give way to prose naming someone.

    Args:
        question: The question as typed.
        answer: The route's answer, or None when no route answered.
    """
    return (
        answer is not None
        and answer.kind in MATTER_KINDS
        and AnswerType.PERSON in asked_types(question)
        and not names_someone(answer)
    )


def who_prose(question: str, routed: Answer, prose: Answer) -> Answer:
    """The prose answer when it names someone and the routed one does not, else the routed one.

    Args:
        question: The question as typed.
        routed: The goal or routine route's answer.
        prose: The passages route's answer to the same question.
    """
    if needs_prose(question, routed) and prose.kind is AnswerKind.PASSAGES and names_someone(prose):
        return prose
    return routed


def loses_who(question: str, answer: Answer, pooled: Answer) -> bool:
    """Whether the ranked pool's answer would replace one that says who with one that does not.

    The pool may replace a passages answer when it is sure of another candidate; for a
    "vem …?" question a goal or row that names no one is not the better answer to a passage
    that names the role ("vem ska ge medarbetarna handledning i tjänstedesign?": the goal about
    the innovative climate against "… Projektledaren ska ge handledning …").

    Args:
        question: The question as typed.
        answer: The routes' answer the pool would replace.
        pooled: The pool's answer.
    """
    return (
        answer.kind is not AnswerKind.NOT_FOUND
        and AnswerType.PERSON in asked_types(question)
        and names_someone(answer)
        and not names_someone(pooled)
    )
