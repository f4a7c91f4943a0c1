"""Activity answers: an activity's dates, the activities under a goal or about a topic."""

from __future__ import annotations

from knowledge.answer import Answer, AnswerKind, DeclineReason
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.goal import MIN_GOAL_SCORE, answer_context, clarify_unit
from knowledge.answers.indicator import MIN_ACTIVITY_SCORE, TIE, _confident
from knowledge.answers.phrasing import (
    activity_sentence,
    children,
    cite_goal,
    doc_label,
    match_activities,
    match_goals,
)
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, fold
from knowledge.understand.reading import QuestionReading


def activity(ask: Ask) -> Answer | None:
    """An activity's dates, or a unit's activities."""
    snap, reading, sources = ask.snap, ask.reading, ask.sources
    cites = Citations(snap)
    topic = reading.topic or ""
    if reading.sub_intent == "list" and topic.strip():
        under = _activities_under_goal(snap, reading, sources, cites)
        if under:
            return under
    if reading.sub_intent == "list" and topic.strip():
        listed = _activities_about(ask, cites)
        if listed:
            return listed
    if reading.sub_intent == "list" or not topic.strip():
        if len(sources) > 1 and not reading.names_one:
            return clarify_unit(snap, reading, sources, "Vilken enhet menar du?")
        source = sources[0]
        acts = snap.parsed[source].activities
        if not acts:
            # A document without an activity table (an award application): a heading over
            # nothing is no list; saying none are found is the answer (a decline).
            return Answer(
                answer=f"Jag hittar inga aktiviteter i {doc_label(snap, source)}.",
                kind=AnswerKind.NOT_FOUND,
                decline=DeclineReason.EMPTY_LIST,
            )
        lines = [f"- {activity_sentence(snap, cites, source, i)}" for i in range(min(len(acts), 12))]
        more = f"\n\n… och {len(acts) - 12} till." if len(acts) > 12 else ""
        return Answer(
            answer=f"Aktiviteter i {doc_label(snap, source)}:\n\n" + "\n".join(lines) + more,
            kind=AnswerKind.ACTIVITY,
            citations=cites.items,
            context=answer_context(snap, source, reading),
        )
    matches = match_activities(snap, expand_query(topic), sources, ask.dense("activity"))
    if not _confident(matches, MIN_ACTIVITY_SCORE, lambda m: snap.parsed[m.source].activities[m.idx].text):
        return None
    best = matches[0]
    lines = [activity_sentence(snap, cites, best.source, best.idx)]
    for m in matches[1:3]:
        if m.score >= best.score - TIE and m.source == best.source:
            lines.append(activity_sentence(snap, cites, m.source, m.idx))
    text = f"I {doc_label(snap, best.source)}:\n\n" + "\n".join(f"- {line}" for line in lines)
    return Answer(
        answer=text,
        kind=AnswerKind.ACTIVITY,
        citations=cites.items,
        context=answer_context(snap, best.source, reading),
    )


def _activities_under_goal(
    snap: Snapshot, reading: QuestionReading, sources: list[str], cites: Citations
) -> Answer | None:
    """Activities listed under the goal the question describes ("… under enhetsmålet om X")."""
    if "mal" not in fold(reading.text).replace("malet", "mal").split():
        words = fold(reading.text).split()
        if not any(w.endswith(("malet", "mal")) for w in words):
            return None
    matches = match_goals(snap, expand_query(reading.topic), sources)
    for m in matches[:3]:
        if m.score < MIN_GOAL_SCORE:
            break
        goal_obj = snap.parsed[m.source].goals[m.idx]
        keys = {goal_obj.key} | {c.key for c in children(snap, m.source, goal_obj.key)}
        acts = [i for i, a in enumerate(snap.parsed[m.source].activities) if a.goal_key in keys]
        if acts:
            lines = [f"- {activity_sentence(snap, cites, m.source, i)}" for i in acts[:12]]
            marker = cite_goal(snap, cites, m.source, goal_obj)
            return Answer(
                answer=f"Aktiviteter under *{goal_obj.title}* {marker}:\n\n" + "\n".join(lines),
                kind=AnswerKind.ACTIVITY,
                citations=cites.items,
                context=answer_context(snap, m.source, reading, goal_key=goal_obj.key),
            )
    return None


def _activities_about(ask: Ask, cites: Citations) -> Answer | None:
    """All activities of the best plan that match the topic ("vilka aktiviteter har HVT?")."""
    snap, reading, sources = ask.snap, ask.reading, ask.sources
    matches = match_activities(snap, expand_query(reading.topic), sources, ask.dense("activity"))
    if not matches or matches[0].score < MIN_ACTIVITY_SCORE:
        return None
    source = matches[0].source
    chosen = [m for m in matches if m.source == source and m.score >= matches[0].score - 0.15][:8]
    lines = [f"- {activity_sentence(snap, cites, m.source, m.idx)}" for m in chosen]
    return Answer(
        answer=f"I {doc_label(snap, source)}:\n\n" + "\n".join(lines),
        kind=AnswerKind.ACTIVITY,
        citations=cites.items,
        context=answer_context(snap, source, reading),
    )
