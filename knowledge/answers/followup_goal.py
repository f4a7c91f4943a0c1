"""Follow-ups about how the goal under discussion is followed up: "hur följs det upp?", "och uppföljningen?".

In a plan every table row and every paragraph of prose lies under one goal, and each unit goal has
its own "Uppföljning" sub-section. Whatever the previous answer showed (an indicator's target, an
activity, a paragraph of a goal's Arbetssätt or Beskrivning), a bare "hur följs det upp?" asks how
*that goal* is followed up; `remember` (answers/followup.py) keeps the goal of the item cited first
in `ConversationContext.goal_key` for every kind of answer.

- After an indicator, the indicator's periodicity comes first (its own "follow-up" in the table),
  then the goal's Uppföljning; "hur ofta mäts den?" asks only the periodicity and is left to the
  indicator route.
- A goal without an Uppföljning of its own (a nämndmål whose Beskrivning was quoted) is followed up
  in the goals under it: the one whose text shares most words with the previous question, else the
  first; failing that, the nearest goal above it that has one.
- After a list ("vilka aktiviteter …"), "hur följs det upp?" may be about any item: not answered here.
"""

from __future__ import annotations

from knowledge.answer import Answer, ConversationContext
from knowledge.answers.cite import Citations
from knowledge.answers.goal import goal_field_answer
from knowledge.answers.list_topic import keys_below
from knowledge.answers.phrasing import ancestors
from knowledge.models import Goal
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand import vocab as v
from knowledge.understand.reading import HOW_FOLLOWED, QuestionReading, asks_how_followed

# "hur ofta mäts den?", "vilken periodicitet?": the indicator's periodicity alone, not the goal's text.
_HOW_OFTEN = v.rx(r"hur ofta|mats|matas|periodicitet\w*")
_FIELD = "uppfoljning"


def goal_followed_up(snap: Snapshot, asked: QuestionReading, context: ConversationContext) -> Answer | None:
    """How the goal under discussion is followed up, or None when the turn does not ask that.

    Args:
        snap: The knowledge snapshot.
        asked: The turn as the user wrote it (before the conversation was applied): it must ask only
            how something is followed up, with no subject of its own.
        context: What the previous answer left behind (`goal_key` in `source`).
    """
    source = context.source
    if not (context.goal_key and source and source in snap.parsed) or context.items:
        return None
    folded = fold(asked.text)
    if not HOW_FOLLOWED.search(folded) or not asks_how_followed(asked):
        return None
    parsed = snap.parsed[source]
    row = next(
        (
            i
            for i, ind in enumerate(parsed.indicators)
            if context.indicator and ind.name == context.indicator and ind.goal_key == context.goal_key
        ),
        None,
    )
    if row is not None and _HOW_OFTEN.search(folded):
        return None
    goal = followed_goal(snap, source, context.goal_key, context.question or "")
    if goal is None:
        return None
    cites = Citations(snap)
    lead = ""
    if row is not None and (period := parsed.indicators[row].periodicitet):
        chunk = cites.find_chunk(source, "indicator", row)
        marker = f" {cites.cite(chunk)}" if chunk else ""
        lead = f"**{parsed.indicators[row].name}** följs upp: {period}{marker}."
    return goal_field_answer(snap, asked, source, goal, _FIELD, cites=cites, lead=lead)


def followed_goal(snap: Snapshot, source: str, key: str, question: str) -> Goal | None:
    """The goal whose Uppföljning tells how goal `key` is followed up (see the module docstring).

    Args:
        snap: The knowledge snapshot.
        source: The document of the goal.
        key: The goal under discussion.
        question: The previous question: it picks among several goals under `key`.
    """
    goals = snap.parsed[source].goals
    goal = next((g for g in goals if g.key == key), None)
    if goal is None:
        return None
    if goal.uppfoljning.strip():
        return goal
    below = keys_below(goals, {key}) - {key}
    followed = [g for g in goals if g.key in below and g.uppfoljning.strip()]  # document order
    if followed:
        asked = set(stem_tokens(fold(question)))
        return max(followed, key=lambda g: len(asked & set(stem_tokens(fold(_text(g))))))
    return next((a for a in ancestors(snap, source, goal) if a.uppfoljning.strip()), None)


def _text(goal: Goal) -> str:
    return " ".join(
        (goal.title, goal.beskrivning, goal.forvantat_resultat, goal.arbetssatt, goal.uppfoljning)
    )
