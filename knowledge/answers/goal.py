"""Goal answers: a unit's goals, the chain under a numbered KF goal, a goal's sub-sections."""

from __future__ import annotations

from indicators.models import GoalLevel
from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.enumerations import asks_count, item_count
from knowledge.answers.phrasing import (
    FIELD_LABELS,
    Scored,
    ancestors,
    children,
    cite_goal,
    doc_label,
    goal_title,
    match_goals,
    unit_goals,
)
from knowledge.models import Goal
from knowledge.retrieval.extract import sentences, verbatim_span
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, fold
from knowledge.understand.reading import QuestionReading

# Below this match score a goal answer is not trusted (set on the development question set).
MIN_GOAL_SCORE = 0.40
# Another unit's goal this close to the best one makes an unnamed-unit question ambiguous
# (the margin the indicator route uses, answers/indicator.py).
AMBIGUOUS_GOAL = 0.12


def answer_context(
    snap: Snapshot, source: str, reading: QuestionReading, **extra: str | None
) -> ConversationContext:
    """What an answer from `source` leaves for the next turn (see `ConversationContext`).

    An indicator answer also keeps the goal the indicator belongs to, so that "vilket mål hör
    den till?" and "vilka aktiviteter hör till samma mål?" continue from it.
    """
    m = snap.meta(source)
    if extra.get("indicator") and not extra.get("goal_key") and (parsed := snap.parsed.get(source)):
        extra["goal_key"] = next(
            (i.goal_key for i in parsed.indicators if i.name == extra["indicator"] and i.goal_key), None
        )
    return ConversationContext(
        unit=m.unit,
        district=m.district,
        year=m.year,
        source=source,
        topic=reading.topic,
        intent=reading.intent.value,
    ).model_copy(update=extra)


def distinct_places(snap: Snapshot, sources: list[str]) -> list[str]:
    """How a clarify suggestion names each document: the unit, plus the district or the
    year when several documents share the unit's name (otherwise the buttons read alike
    and a click asks the same question again)."""
    names = [snap.meta(s).unit or snap.meta(s).district or "" for s in sources]
    places = []
    for source, name in zip(sources, names, strict=True):
        meta = snap.meta(source)
        if names.count(name) > 1 and meta.district and meta.district != name:
            name = f"{name} i {meta.district}"
        places.append(name)
    for k, source in enumerate(sources):
        meta = snap.meta(source)
        if places.count(places[k]) > 1 and meta.year:
            places[k] = f"{places[k]} {meta.year}"
    return places


def clarify_unit(snap: Snapshot, reading: QuestionReading, sources: list[str], lead: str) -> Answer:
    labels = [doc_label(snap, s) for s in sources]
    suggestions = [f"{reading.text.rstrip('?')} för {place}?" for place in distinct_places(snap, sources)]
    return Answer(
        answer=lead + "\n\n" + "\n".join(f"- {label}" for label in labels),
        kind=AnswerKind.CLARIFY,
        suggestions=suggestions,
        context=ConversationContext(topic=reading.topic, intent=reading.intent.value, year=reading.year),
    )


def _goal_number(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """The chain under a numbered KF goal, in every plan that has it (clarify when several)."""
    cites = Citations(snap)
    blocks, found_in = [], []
    wanted = (reading.goal_number or "").rstrip(".")
    for source in sources:
        for g in snap.parsed[source].goals:
            if g.number and g.number.rstrip(".") == wanted:
                lines = [f"{goal_title(g)} {cite_goal(snap, cites, source, g)}"]
                for child in children(snap, source, g.key):
                    lines.append(f"- {goal_title(child)} {cite_goal(snap, cites, source, child)}")
                    lines.extend(
                        f"  - {goal_title(c)} {cite_goal(snap, cites, source, c)}"
                        for c in children(snap, source, child.key)
                    )
                blocks.append(f"**{doc_label(snap, source)}**\n\n" + "\n".join(lines))
                found_in.append((source, g))
                break
    if not found_in:
        return None
    if len(found_in) > 1 and not reading.names_one:
        places = distinct_places(snap, [s for s, _ in found_in])
        suggestions = [f"{reading.text.rstrip('?')} för {place}?" for place in places]
        return Answer(
            answer="Målet finns i flera planer. Vilken enhet menar du?\n\n" + "\n\n".join(blocks),
            kind=AnswerKind.CLARIFY,
            citations=cites.items,
            suggestions=suggestions,
            context=ConversationContext(topic=reading.topic, intent=reading.intent.value),
        )
    source, g = found_in[0]
    return Answer(
        answer=blocks[0],
        kind=AnswerKind.GOAL,
        citations=cites.items,
        context=answer_context(snap, source, reading, goal_key=g.key),
    )


def _goal_field(snap: Snapshot, reading: QuestionReading, sources: list[str], field: str) -> Answer | None:
    """A goal's sub-section (förväntat resultat, arbetssätt …), for the goal the question describes."""
    matches = [
        m
        for m in match_goals(snap, expand_query(reading.topic or reading.text), sources)
        if getattr(snap.parsed[m.source].goals[m.idx], field, "")
    ]
    wants_unit_goal = "enhetsmal" in fold(reading.text)
    if wants_unit_goal:
        matches = [
            m for m in matches if snap.parsed[m.source].goals[m.idx].level is GoalLevel.ENHETSMAL
        ] or matches
    if not matches or matches[0].score < MIN_GOAL_SCORE * 0.75:
        return None
    best = matches[0]
    return goal_field_answer(snap, reading, best.source, snap.parsed[best.source].goals[best.idx], field)


def goal_field_answer(
    snap: Snapshot,
    reading: QuestionReading,
    source: str,
    g: Goal,
    field: str,
    cites: Citations | None = None,
    lead: str = "",
) -> Answer:
    """One goal's sub-section (`field`: "uppfoljning", "arbetssatt" …) quoted and cited.

    Args:
        snap: The knowledge snapshot.
        reading: The question (a count question counts the sub-section's list items).
        source: The document of the goal.
        g: The goal; its `field` must hold text.
        field: The `Goal` attribute to quote.
        cites: Citations already made for `lead` (None: a new set).
        lead: A cited sentence shown before the sub-section (its markers from `cites`).
    """
    cites = cites or Citations(snap)
    marker = cite_goal(snap, cites, source, g)
    text = getattr(g, field)
    # A goal's sub-section is short: give its opening up to ~600 characters rather than
    # guessing which sentence answers ("vad är förväntat resultat …" asks for all of it).
    picked: list[str] = []
    for sentence in sentences(text):
        if picked and sum(len(p) for p in picked) + len(sentence) > 600:
            break
        picked.append(sentence)
    picked = picked or [text[:600]]
    section = next(
        (
            c
            for c in snap.chunks_of(source)
            if c.goal_key == g.key and c.kind.value == "section" and picked[0] in c.text
        ),
        None,
    )
    quote_marker = cites.cite(section, verbatim_span(section.text, picked)) if section else ""
    body = " ".join(" ".join(picked).split())
    # "hur många förväntade resultat …": a sub-section written as a list is counted.
    count = item_count(text) if asks_count(reading.text) else 0
    if count:
        body = f"**{count}**: {body}"
    text = f"{FIELD_LABELS.get(field, field)} för *{g.title}* {marker}: {body} {quote_marker}".rstrip()
    return Answer(
        answer=f"{lead}\n\n{text}" if lead else text,
        kind=AnswerKind.GOAL,
        citations=cites.items,
        context=answer_context(snap, source, reading, goal_key=g.key),
    )


def goal(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """Goals: a unit's goals, the chain around a KF goal number, or a goal's sub-section."""
    cites = Citations(snap)
    sub = reading.sub_intent or ""
    if reading.goal_number:
        return _goal_number(snap, reading, sources)
    if sub.startswith("field:"):
        return _goal_field(snap, reading, sources, sub.split(":", 1)[1])
    # "vilket mål hör den till?" after an indicator: the goal the conversation carries.
    carried = reading.goal_key if sub == "parent" and "goal_key" in reading.from_context else None
    if carried and (belongs := _goal_by_key(snap, reading, sources, carried)) is not None:
        return belongs
    topic = reading.topic or ""
    if sub == "list" or not topic.strip():
        if len(sources) > 1 and not reading.names_one:
            return clarify_unit(snap, reading, sources, "Vilken enhet menar du? Planerna har olika mål.")
        if not sources:
            return None
        source = sources[0]
        goals = unit_goals(snap, source)
        lines = [f"- {g.title} {cite_goal(snap, cites, source, g)}" for g in goals]
        level = "Enhetsmålen" if goals and goals[0].level is GoalLevel.ENHETSMAL else "Nämndmålen"
        return Answer(
            answer=f"{level} i {doc_label(snap, source)}:\n\n" + "\n".join(lines),
            kind=AnswerKind.GOAL,
            citations=cites.items,
            context=answer_context(snap, source, reading),
        )
    matches = match_goals(snap, expand_query(topic), sources)
    if not matches or matches[0].score < MIN_GOAL_SCORE:
        return None
    best = matches[0]
    g = snap.parsed[best.source].goals[best.idx]
    if not reading.names_one and sub != "parent" and (alike := _alike_goals(snap, matches)):
        return _clarify_goals(snap, reading, alike)
    marker = cite_goal(snap, cites, best.source, g)
    if sub == "parent":
        chain = ancestors(snap, best.source, g)
        lines = [f"- {goal_title(a)} {cite_goal(snap, cites, best.source, a)}" for a in chain]
        return Answer(
            answer=f"*{g.title}* {marker} hör till:\n\n" + "\n".join(lines),
            kind=AnswerKind.GOAL,
            citations=cites.items,
            context=answer_context(snap, best.source, reading, goal_key=g.key),
        )
    lines = [f"{goal_title(g)} {marker}"]
    for a in ancestors(snap, best.source, g)[:1]:
        lines.append(f"Det hör till {goal_title(a)} {cite_goal(snap, cites, best.source, a)}.")
    kids = children(snap, best.source, g.key)
    lines.extend(f"- {goal_title(c)} {cite_goal(snap, cites, best.source, c)}" for c in kids)
    if g.forvantat_resultat:
        lines.append(f"Förväntat resultat: {' '.join(g.forvantat_resultat.split())[:300]}")
    return Answer(
        answer="\n\n".join(lines),
        kind=AnswerKind.GOAL,
        citations=cites.items,
        context=answer_context(snap, best.source, reading, goal_key=g.key),
    )


def _alike_goals(snap: Snapshot, matches: list[Scored]) -> list[Scored]:
    """The best goal of each unit when other units have a different goal of the same level
    that matches nearly as well (an unnamed-unit question is then ambiguous); else []."""
    best = matches[0]
    level = snap.parsed[best.source].goals[best.idx].level
    floor = max(MIN_GOAL_SCORE, best.score - AMBIGUOUS_GOAL)
    per_unit: dict[str, Scored] = {}
    titles: set[str] = set()
    for m in matches:
        if m.score < floor:
            break
        goal = snap.parsed[m.source].goals[m.idx]
        meta = snap.meta(m.source)
        unit = meta.unit or meta.district or m.source
        if goal.level is not level or unit in per_unit:
            continue
        per_unit[unit] = m
        titles.add(fold(goal.title))
    # Plans repeat the KF and nämnd goals word for word: the same goal everywhere is one answer.
    return list(per_unit.values()) if len(per_unit) > 1 and len(titles) > 1 else []


def _clarify_goals(snap: Snapshot, reading: QuestionReading, alike: list[Scored]) -> Answer:
    cites = Citations(snap)
    lines = []
    for m in alike:
        goal = snap.parsed[m.source].goals[m.idx]
        marker = cite_goal(snap, cites, m.source, goal)
        lines.append(f"- **{doc_label(snap, m.source)}**: {goal_title(goal)} {marker}")
    places = distinct_places(snap, [m.source for m in alike])
    return Answer(
        answer="Flera enheter har ett sådant mål. Vilken enhet menar du?\n\n" + "\n".join(lines),
        kind=AnswerKind.CLARIFY,
        citations=cites.items,
        suggestions=[f"{reading.text.rstrip('?')} för {place}?" for place in places],
        context=ConversationContext(topic=reading.topic, intent=reading.intent.value, year=reading.year),
    )


def _goal_by_key(snap: Snapshot, reading: QuestionReading, sources: list[str], key: str) -> Answer | None:
    """The goal under discussion (a follow-up's `goal_key`) and the chain above it."""
    # Goal keys are per document: look in the conversation's document only.
    for source in [reading.context_source] if reading.context_source in sources else sources[:1]:
        g = next((x for x in snap.parsed[source].goals if x.key == key), None)
        if g is None:
            continue
        cites = Citations(snap)
        lines = [f"{goal_title(g)} {cite_goal(snap, cites, source, g)}"]
        lines.extend(
            f"- {goal_title(a)} {cite_goal(snap, cites, source, a)}" for a in ancestors(snap, source, g)
        )
        return Answer(
            answer="Det hör till:\n\n" + "\n".join(lines),
            kind=AnswerKind.GOAL,
            citations=cites.items,
            context=answer_context(snap, source, reading, goal_key=g.key),
        )
    return None


def goal_answer(ask: Ask) -> Answer | None:
    """The goal route: a goal by number, a goal's field, or the unit's goals (None: not a goal)."""
    return goal(ask.snap, ask.reading, ask.sources)
