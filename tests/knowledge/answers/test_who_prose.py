"""A "vem …?" answer that names a role is not replaced by one naming no one, and a goal or
routine naming no one gives way to prose that names the role."""

from __future__ import annotations

from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answers.who_prose import loses_who, names_someone, needs_prose, who_prose

WHO = "vem ska ge medarbetarna handledning i tjänstedesign?"
WHAT = "vad gör vi för att utveckla det innovativa klimatet?"


def _answer(kind: AnswerKind, *quotes: str) -> Answer:
    cites = [
        Citation(n=n, source="plan.txt", title="Plan", section="Plan › Mål", quote=quote)
        for n, quote in enumerate(quotes, 1)
    ]
    return Answer(answer=" ".join(quotes), kind=kind, citations=cites)


GOAL = _answer(AnswerKind.GOAL, "Enhetsmål: Enhetens ledarskap stödjer det innovativa klimatet.")
PROSE = _answer(AnswerKind.PASSAGES, "Projektledaren ska ge medarbetarna handledning i tjänstedesign.")
VAGUE = _answer(AnswerKind.PASSAGES, "Handledning i tjänstedesign ges under hösten.")


def test_a_quote_naming_a_role_names_someone() -> None:
    assert names_someone(PROSE)
    assert not names_someone(GOAL) and not names_someone(VAGUE)


def test_the_pool_or_a_subsection_does_not_replace_who_with_no_one() -> None:
    assert loses_who(WHO, PROSE, GOAL)
    # Not a "vem" question: the goal may replace the passage as before.
    assert not loses_who(WHAT, PROSE, GOAL)
    # The passage named no one either: nothing is lost.
    assert not loses_who(WHO, VAGUE, GOAL)
    # A decline has nothing to lose.
    declined = Answer(answer="Jag hittar inget svar.", kind=AnswerKind.NOT_FOUND)
    assert not loses_who(WHO, declined, GOAL)


def test_a_goal_naming_no_one_gives_way_to_prose_naming_the_role() -> None:
    assert needs_prose(WHO, GOAL)
    assert who_prose(WHO, GOAL, PROSE) is PROSE
    # Prose that names no one either does not replace the goal.
    assert who_prose(WHO, GOAL, VAGUE) is GOAL
    # Only goals and routines, and only for "vem" questions.
    assert not needs_prose(WHAT, GOAL)
    assert not needs_prose(WHO, PROSE)
    assert not needs_prose(WHO, None)
