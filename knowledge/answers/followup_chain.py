"""Follow-ups that move along the goal chain from the item under discussion.

A plan is a tree: KF:s inriktningsmål › KF:s mål › nämndmål › enhetsmål, and every indicator and
activity row lies under one of those goals (`Indicator.goal_key`, `Activity.goal_key`). After an
answer about one item, a follow-up without a subject of its own that names another kind of item
asks for the item's neighbour in that tree, not for a new search over the whole plan:

- the item is a row (an indicator or an activity) and the turn asks for a goal ("vilket mål hör den
  till?", "och vilket enhetsmål är det kopplat till?", "kopplat till vilket nämndmål?"): the goal the
  row lies under, or the goal of the level named above it, with the rest of the chain;
- the item is a goal and the turn asks for a goal ("vilket nämndmål hör det till?"): the goal above it
  (of the level named);
- the item is a goal and the turn asks for rows ("vilka aktiviteter hör till?", "och indikatorerna?"),
  or any item and the turn points at its goal ("vilken indikator hör till samma mål?"): the rows of
  that goal and of the goals under it, each cited. A goal with no such rows says so.

What the turn asks is read from its own words: the first word naming a kind of item (indikator,
aktivitet, a goal word) is what it asks for; a goal is asked only with a word of belonging ("hör
till", "kopplat till", "tillhör", "ligger under") or a level's name (nämndmål, enhetsmål), since
"vilket mål har vi?" after an indicator asks its target. A turn with a word of its own beyond those
(a topic, a sub-section such as "arbetssätt", a period, a date, a count, a place) is left to the
other routes, and so is a turn after a list (which item is meant is then unclear), except one that
points at "samma mål".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.answers.list_topic import keys_below
from knowledge.answers.phrasing import (
    activity_sentence,
    ancestors,
    cite_goal,
    doc_label,
    goal_title,
    indicator_sentence,
)
from knowledge.models import Goal, GoalLevel
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand import vocab as v
from knowledge.understand.intent import Intent
from knowledge.understand.reading import HOW_FOLLOWED, QuestionReading

Kind = Literal["goal", "indicator", "activity"]

# Words naming a kind of item, in the folded turn.
_KIND_WORDS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("indicator", v.rx(r"\w*indikator\w*|nyckeltal\w*")),
    ("activity", v.rx(r"\w*aktivitet\w*")),
    ("goal", v.rx(r"mal|malet|malen|\w*namndmal\w*|\w*enhetsmal\w*|\w*inriktningsmal\w*|kf\S*\s?mal\w*")),
)
# A level of the chain by its name ("KF:s mål", "kf-mål", "nämndmålet").
_LEVELS: tuple[tuple[GoalLevel, re.Pattern[str]], ...] = (
    (GoalLevel.KF_INRIKTNINGSMAL, v.rx(r"(?:kf\S* )?inriktningsmal\w*")),
    (GoalLevel.ENHETSMAL, v.rx(r"enhetsmal\w*")),
    (GoalLevel.NAMNDMAL, v.rx(r"namndmal\w*")),
    (GoalLevel.KF_MAL, v.rx(r"kf(?::?s)?[ -]?mal\w*|kommunfullmaktiges mal\w*")),
)
_LEVEL_NAMES = {
    GoalLevel.KF_INRIKTNINGSMAL: "KF:s inriktningsmål",
    GoalLevel.KF_MAL: "KF:s mål",
    GoalLevel.NAMNDMAL: "nämndmål",
    GoalLevel.ENHETSMAL: "enhetsmål",
}
# Words of belonging: what makes "vilket enhetsmål …" ask the item's goal, not its target.
_BELONGS = v.rx(
    r"hor|hora|horde|tillhor|tillhorde|kopplat|kopplad|kopplade|kopplas|knuten|knutet|knutna|ligger|under"
    r"|ovanfor|inom"
)
# Topic words that say only how the items relate or which of them ("andra", "övriga").
_CHAIN_WORDS = frozenset(
    (
        *("hor", "hora", "horde", "tillhor", "tillhorde", "kopplat", "kopplad", "kopplade", "kopplas"),
        *("knuten", "knutet", "knutna", "ligger", "under", "ovanfor", "inom", "till", "finns", "har"),
        *("andra", "ovriga", "fler", "mer", "resten", "samma", "dess", "deras", "malets", "sitt", "sin"),
        "sina",
    )
)
# Sub-intents that ask a detail of an item (its target, follow-up, dates …), not its neighbour.
_DETAIL_SUBS = frozenset(("periodicity", "kf_target", "status", "outcome", "start", "end"))


@dataclass(frozen=True)
class ChainAsk:
    """What a follow-up asks of the goal chain: a kind of item, a goal's level, a goal named."""

    kind: Kind
    level: GoalLevel | None
    points_at_goal: bool  # "samma mål", "det målet", "hör till": the rows of the item's goal


def chain_ask(asked: QuestionReading) -> ChainAsk | None:
    """What the turn asks of the chain, read from its own words, or None (see the module docstring)."""
    folded = fold(asked.text)
    if asked.units or asked.districts or asked.abbreviation or asked.goal_number:
        return None
    sub = asked.sub_intent or ""
    if sub.startswith("field:") or sub in _DETAIL_SUBS or HOW_FOLLOWED.search(folded):
        return None
    if v.COUNT.search(folded) or v.WHEN.search(folded):
        return None
    own = [
        w
        for w in asked.topic.split()
        if (f := fold(w)) not in _CHAIN_WORDS
        and f not in v.PRONOUNS | v.GENERIC | v.REFERS_BACK
        and not any(p.fullmatch(f) for _, p in _KIND_WORDS)
    ]
    if own:
        return None
    found = [(m.start(), kind) for kind, p in _KIND_WORDS if (m := p.search(folded))]
    if not found:
        return None
    kind = min(found)[1]
    level = next((lv for lv, p in _LEVELS if p.search(folded)), None)
    belongs = bool(_BELONGS.search(folded) or v.PARENT.search(folded))
    goal_named = bool(v.SAME_GOAL.search(folded)) or any(k == "goal" for _, k in found)
    if kind == "goal":
        # "vilket mål har vi?" after an indicator asks its target: a goal is asked by belonging, or
        # by a level's own name ("och nämndmålet?"; "KF:s mål" alone is also read as KF's target).
        if not (belongs or level in (GoalLevel.NAMNDMAL, GoalLevel.ENHETSMAL, GoalLevel.KF_INRIKTNINGSMAL)):
            return None
        return ChainAsk("goal", level, True)
    return ChainAsk(kind, None, goal_named or belongs)


@dataclass(frozen=True)
class _Item:
    """The item under discussion: a row (its kind and index) or a goal, in `source`."""

    source: str
    kind: Kind
    index: int  # the row's index (a goal: its index among the goals)
    goal: Goal  # the goal the row lies under, or the goal itself


def _item(snap: Snapshot, context: ConversationContext) -> _Item | None:
    source = context.source
    if not (source and context.goal_key and source in snap.parsed):
        return None
    parsed = snap.parsed[source]
    goal_index = next((i for i, g in enumerate(parsed.goals) if g.key == context.goal_key), None)
    if goal_index is None:
        return None
    goal = parsed.goals[goal_index]
    key = goal.key
    if context.indicator:
        row = next(
            (i for i, x in enumerate(parsed.indicators) if (x.name, x.goal_key) == (context.indicator, key)),
            None,
        )
        if row is not None:
            return _Item(source, "indicator", row, goal)
    if context.activity and context.intent == Intent.ACTIVITY.value:
        row = next(
            (i for i, a in enumerate(parsed.activities) if (a.text, a.goal_key) == (context.activity, key)),
            None,
        )
        if row is not None:
            return _Item(source, "activity", row, goal)
    return _Item(source, "goal", goal_index, goal)


def chain_followup(snap: Snapshot, asked: QuestionReading, context: ConversationContext) -> Answer | None:
    """The neighbour in the goal chain that a follow-up asks for, or None (see the module docstring).

    Args:
        snap: The knowledge snapshot.
        asked: The turn as the user wrote it (before the conversation was applied).
        context: What the previous answer left behind (`source`, `goal_key`, `indicator`, `activity`).
    """
    ask = chain_ask(asked)
    if ask is None or (asked.years and context.year not in asked.years):
        return None
    item = _item(snap, context)
    if item is None:
        return None
    shown_goal = item.kind == "goal" and context.intent == Intent.GOAL.value
    if ask.kind == "goal":
        if context.items or (item.kind == "goal" and not shown_goal):
            return None  # after a list, or after prose: which item's goal is unclear
        return _goal_of(snap, asked, item, ask.level)
    if context.items and not v.SAME_GOAL.search(fold(asked.text)):
        return None
    if not (shown_goal or ask.points_at_goal):
        return None  # "vilka indikatorer finns?" after a row: the unit's, not the row's goal's
    return rows_of_goal(snap, asked, item.source, item.goal, ask.kind)


def _goal_of(snap: Snapshot, asked: QuestionReading, item: _Item, level: GoalLevel | None) -> Answer | None:
    """The goal a row lies under (or the goal above a goal), at the level asked, with the chain above."""
    source = item.source
    parsed = snap.parsed[source]
    if item.kind == "goal":
        above = ancestors(snap, source, item.goal)
        if not above:
            return None
        direct, label = above[0], f"*{item.goal.title}*"
    elif item.kind == "indicator":
        direct, label = item.goal, f"Indikatorn **{parsed.indicators[item.index].name}**"
    else:
        direct, label = item.goal, f"Aktiviteten *{parsed.activities[item.index].text}*"
    chain = [direct, *ancestors(snap, source, direct)]
    target = next((g for g in chain if g.level is level), None) if level else direct
    cites = Citations(snap)
    if target is None:
        assert level is not None
        lead = (
            f"{label} hör inte till något {_LEVEL_NAMES[level]} i {doc_label(snap, source)}: den ligger "
            f"direkt under {_title(direct)} {cite_goal(snap, cites, source, direct)}."
        )
        target = direct
    elif target is direct:
        lead = f"{label} hör till {_title(direct)} {cite_goal(snap, cites, source, direct)}."
    else:
        marker = cite_goal(snap, cites, source, target)
        lead = (
            f"{label} hör till {_title(target)} {marker}, genom "
            f"{_title(direct)} {cite_goal(snap, cites, source, direct)}."
        )
    above = ancestors(snap, source, target)
    lines = [f"- {_title(a)} {cite_goal(snap, cites, source, a)}" for a in above]
    text = lead + ("\n\nDet ligger i sin tur under:\n\n" + "\n".join(lines) if lines else "")
    return Answer(
        answer=text,
        kind=AnswerKind.GOAL,
        citations=cites.items,
        context=answer_context(snap, source, asked, goal_key=target.key),
    )


# A list of a goal's rows shows at most this many.
MAX_ROWS = 12


def rows_of_goal(
    snap: Snapshot, reading: QuestionReading, source: str, goal: Goal, kind: Kind, empty_ok: bool = True
) -> Answer | None:
    """The indicators or activities of a goal and the goals under it, each cited.

    A goal with none of its own is often measured or worked on one level up (a plan lists the
    nämnd's activities under the nämndmål, and the KF indicators under KF:s mål): then the rows of
    the nearest goal above it that has some, saying so.

    Args:
        snap: The knowledge snapshot.
        reading: The question (its topic and intent go to the answer's context).
        source: The document of the goal.
        goal: The goal.
        kind: "indicator" or "activity".
        empty_ok: Say so when neither the goal nor a goal above it has such rows (else None: other
            routes try).
    """
    cites = Citations(snap)
    marker = cite_goal(snap, cites, source, goal)
    plural = "aktiviteter" if kind == "activity" else "indikatorer"
    holder, rows = goal, _rows(snap, source, goal, kind)
    for above in ancestors(snap, source, goal) if not rows else []:
        if rows := _rows(snap, source, above, kind):
            holder = above
            break
    if not rows:
        if not empty_ok:
            return None
        return Answer(
            answer=f"Under {_title(goal)} {marker} finns inga {plural} i {doc_label(snap, source)}.",
            kind=AnswerKind.GOAL,
            citations=cites.items,
            context=answer_context(snap, source, reading, goal_key=goal.key),
        )
    if holder is goal:
        lead = f"{plural.capitalize()} under *{_title(goal)}* {marker}:"
    else:
        lead = (
            f"*{_title(goal)}* {marker} har inga egna {plural}. {plural.capitalize()} under "
            f"*{_title(holder)}* {cite_goal(snap, cites, source, holder)}, som det hör till:"
        )
    if kind == "activity":
        lines = [activity_sentence(snap, cites, source, i) for i in rows[:MAX_ROWS]]
    else:
        lines = [indicator_sentence(snap, cites, source, [i], None)[0] for i in rows[:MAX_ROWS]]
    return Answer(
        answer=f"{lead}\n\n" + "\n".join(f"- {line}" for line in lines),
        kind=AnswerKind.ACTIVITY if kind == "activity" else AnswerKind.INDICATOR,
        citations=cites.items,
        context=answer_context(snap, source, reading, goal_key=goal.key),
    )


def _rows(snap: Snapshot, source: str, goal: Goal, kind: Kind) -> list[int]:
    """The indices of the indicator or activity rows under a goal and the goals under it."""
    parsed = snap.parsed[source]
    keys = keys_below(parsed.goals, {goal.key})
    if kind == "activity":
        return [i for i, a in enumerate(parsed.activities) if a.goal_key in keys]
    return [i for i, x in enumerate(parsed.indicators) if x.goal_key in keys]


def _title(goal: Goal) -> str:
    """A goal's label and title, without the full stop some titles end with."""
    return goal_title(goal).rstrip(".")
