"""Deterministic answers from the structured tables: indicators, goals, activities, glossary.

Every number or date in an answer is copied from a stored cell and cited; nothing is computed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indicators.models import GOAL_LEVEL_LABELS, GoalLevel, Indicator
from knowledge.answer import Answer, AnswerKind, ConversationContext, Fact
from knowledge.answers.activity_dates import activity_dates
from knowledge.answers.cite import Citations
from knowledge.models import Activity, DocType, Goal
from knowledge.retrieval.scoring import DENSE_WEIGHT, name_score, text_score
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand.reading import QuestionReading

FIELD_LABELS = {
    "beskrivning": "Beskrivning",
    "forvantat_resultat": "Förväntat resultat",
    "arbetssatt": "Arbetssätt",
    "resursanvandning": "Resursanvändning",
    "uppfoljning": "Uppföljning",
    "utveckling": "Utveckling",
}


@dataclass(frozen=True)
class Scored:
    """A structured item of one document with its match score."""

    source: str
    idx: int
    score: float


def doc_label(snap: Snapshot, source: str) -> str:
    """'Stöd- och aktivitetsenheten, verksamhetsplan 2020' — who and which year, for answers."""
    m = snap.meta(source)
    who = m.unit or m.district or m.source
    if m.type is DocType.RUTIN and m.title:
        # A routine is known by its title ('Rutin för orosanmälan och samverkan'), not by a year.
        head = re.split(r"\s[–—-]\s", m.title, maxsplit=1)[0]
        return f"{head}, {who}"
    kind = m.type.value
    return f"{who}, {kind} {m.year}" if m.year else f"{who}, {kind}"


# The lead of every clarification between units.
UNITS_DIFFER = "Det skiljer sig mellan enheterna. Vilken enhet menar du?"


def document_context(snap: Snapshot, source: str, reading: QuestionReading) -> ConversationContext:
    """What an answer from one document leaves for the next turn: its unit, year and the question's topic."""
    meta = snap.meta(source)
    return ConversationContext(
        unit=meta.unit,
        district=meta.district,
        year=meta.year,
        source=source,
        topic=reading.topic,
        intent=reading.intent.value,
    )


def clarify_units(
    snap: Snapshot, reading: QuestionReading, cites: Citations, lines: list[tuple[str, str]]
) -> Answer:
    """Ask which unit is meant, showing each document's cited answer.

    Args:
        snap: The knowledge snapshot.
        reading: The read question (its text becomes one suggestion per unit).
        cites: The citations the lines' markers refer to.
        lines: (source, cited text) per document, in the order shown.
    """
    shown = [f"- **{doc_label(snap, source)}**: {text}" for source, text in lines]
    suggestions = [
        f"{reading.text.rstrip('?')} på {snap.meta(source).unit or snap.meta(source).district}?"
        for source, _ in lines
    ]
    return Answer(
        answer=f"{UNITS_DIFFER}\n\n" + "\n".join(shown),
        kind=AnswerKind.CLARIFY,
        citations=cites.items,
        suggestions=suggestions[:4],
        context=ConversationContext(topic=reading.topic, intent=reading.intent.value),
    )


def _match_rows(
    snap: Snapshot, topic: str, sources: list[str], dense: dict[str, float], kind: str
) -> list[Scored]:
    """Rows of one kind ("indicator" or "activity") of the given documents, best match first."""
    scored = []
    # Units share indicator names (the KF rows, whole plans across years): score each
    # distinct name once, then add each row's own dense similarity.
    by_name: dict[str, float] = {}
    for source in sources:
        parsed = snap.parsed[source]
        names = (
            [i.name for i in parsed.indicators]
            if kind == "indicator"
            else [a.text for a in parsed.activities]
        )
        for i, name in enumerate(names):
            chunk = snap.structured.get((source, kind, i))
            d = dense.get(chunk.id, 0.0) if chunk else 0.0
            if name not in by_name:
                by_name[name] = text_score(topic, name, snap.lexical.idf)
            scored.append(Scored(source, i, by_name[name] + DENSE_WEIGHT * max(d, 0.0)))
    return sorted(scored, key=lambda s: -s.score)


def match_indicators(snap: Snapshot, topic: str, sources: list[str], dense: dict[str, float]) -> list[Scored]:
    """Indicators of the given documents, best match first."""
    return _match_rows(snap, topic, sources, dense, "indicator")


def match_activities(snap: Snapshot, topic: str, sources: list[str], dense: dict[str, float]) -> list[Scored]:
    """Activities of the given documents, best match first."""
    return _match_rows(snap, topic, sources, dense, "activity")


def match_goals(snap: Snapshot, topic: str, sources: list[str]) -> list[Scored]:
    """Goals of the given documents, best match first (title weighs most, then the texts)."""
    scored = []
    # Plans repeat the KF and nämnd goals word for word: score each distinct goal once.
    by_text: dict[tuple[str, str], float] = {}
    for source in sources:
        for i, goal in enumerate(snap.parsed[source].goals):
            key = (goal.title, goal.forvantat_resultat[:300])
            if key not in by_text:
                body = " ".join(key)
                by_text[key] = max(name_score(topic, goal.title), 0.8 * name_score(topic, body))
            scored.append(Scored(source, i, by_text[key]))
    return sorted(scored, key=lambda s: -s.score)


def same_indicator_rows(snap: Snapshot, source: str, name: str) -> list[int]:
    """Rows of one document that carry the same indicator (KF row and nämnd row)."""
    key = fold(name)
    return [i for i, ind in enumerate(snap.parsed[source].indicators) if fold(ind.name) == key]


def _cell(text: str) -> str:
    return text if text else "–"


def indicator_sentence(
    snap: Snapshot, cites: Citations, source: str, rows: list[int], sub_intent: str | None
) -> tuple[str, list[Fact]]:
    """Describe an indicator's targets from its row(s), each value cited to its row."""
    inds = snap.parsed[source].indicators
    first: Indicator = inds[rows[0]]
    parts = []
    facts: list[Fact] = []
    for i in rows:
        ind = inds[i]
        chunk = cites.find_chunk(source, "indicator", i)
        marker = cites.cite(chunk) if chunk else ""
        bits = []
        if ind.arsmal.strip() in ("-", "–", "—"):
            bits.append(f"inget årsmål är satt ({ind.arsmal.strip()})")
        elif ind.arsmal:
            bits.append(f"årsmålet är **{ind.arsmal}**")
        else:
            bits.append("inget eget årsmål är angivet")
        if ind.kf_arsmal:
            # Words ("Tas fram av nämnd", "öka") are quoted as written; numbers stand as they are.
            kf = ind.kf_arsmal if ind.kf_arsmal_value is not None else f"”{ind.kf_arsmal}”"
            bits.append(f"KF:s årsmål är {kf}")
        if ind.periodicitet:
            bits.append(f"periodicitet: {ind.periodicitet}")
        parts.append(", ".join(bits) + f" {marker}".rstrip())
        if ind.arsmal:
            facts.append(Fact(title="Årsmål", value=ind.arsmal))
        if ind.kf_arsmal:
            facts.append(Fact(title="KF:s årsmål", value=ind.kf_arsmal))
    if first.periodicitet:
        facts.append(Fact(title="Periodicitet", value=first.periodicitet))
    lead = f"**{first.name}** ({doc_label(snap, source)}): "
    gender = " Indikatorn redovisas uppdelad på kön." if first.gender_split else ""
    return lead + "; ".join(parts) + "." + gender, facts


def goal_title(goal: Goal) -> str:
    """A goal's level label, number and title."""
    number = f" {goal.number}" if goal.number else ""
    return f"{GOAL_LEVEL_LABELS[goal.level]}{number}: {goal.title}"


def cite_goal(snap: Snapshot, cites: Citations, source: str, goal: Goal) -> str:
    """Marker citing a goal's own line."""
    idx = next(i for i, g in enumerate(snap.parsed[source].goals) if g.key == goal.key)
    chunk = cites.find_chunk(source, "goal", idx)
    return cites.cite(chunk) if chunk else ""


def children(snap: Snapshot, source: str, key: str) -> list[Goal]:
    """Goals directly under a goal."""
    return [g for g in snap.parsed[source].goals if g.parent_key == key]


def ancestors(snap: Snapshot, source: str, goal: Goal) -> list[Goal]:
    """A goal's parents, nearest first."""
    by_key = {g.key: g for g in snap.parsed[source].goals}
    out: list[Goal] = []
    key = goal.parent_key
    while key and key in by_key and by_key[key] not in out:
        out.append(by_key[key])
        key = by_key[key].parent_key
    return out


def unit_goals(snap: Snapshot, source: str) -> list[Goal]:
    """The goals a unit works towards: enhetsmål, else nämndmål."""
    goals = snap.parsed[source].goals
    own = [g for g in goals if g.level is GoalLevel.ENHETSMAL]
    return own or [g for g in goals if g.level is GoalLevel.NAMNDMAL]


def activity_sentence(snap: Snapshot, cites: Citations, source: str, idx: int) -> str:
    """'Aktiviteten X pågår 2023-01-20 – 2023-12-31 [n].'"""
    act: Activity = snap.parsed[source].activities[idx]
    chunk = cites.find_chunk(source, "activity", idx)
    marker = cites.cite(chunk) if chunk else ""
    start, end = activity_dates(act, "ej angivet")
    return f"*{act.text}*: startdatum {start}, slutdatum {end} {marker}".rstrip()
