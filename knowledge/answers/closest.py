"""Answers from the ranked candidate pool: the winner's kind decides the shape of the answer.

Used where the intent routes found nothing they trust. The calibrated probability of the
best candidate decides: below `decline_below` the question is declined; from `sure_from`
on it is answered plainly; between the two it is answered as the closest match ("Närmast
i … är: …"), cited, so staff can judge it. When candidates of several units score alike
and the question names none, the answer asks which unit and lists each unit's value.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.answers.outcome import latest_outcome_text
from knowledge.answers.passage import joint_quotes, render_passage
from knowledge.answers.phrasing import (
    activity_sentence,
    doc_label,
    goal_title,
    indicator_sentence,
    same_indicator_rows,
)
from knowledge.models import Chunk, ChunkKind, FactKind
from knowledge.retrieval.ranker import Ranked, RankerModel, Ranking, companion_indices
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import Intent, QuestionReading

# Candidates of other units within this share of the best probability are "alike".
ALIKE = 0.75

# The shape of an answer follows the kind of the winning candidate.
ANSWER_KIND = {
    ChunkKind.INDICATOR: AnswerKind.INDICATOR,
    ChunkKind.ACTIVITY: AnswerKind.ACTIVITY,
    ChunkKind.GOAL: AnswerKind.GOAL,
    ChunkKind.GLOSSARY: AnswerKind.GLOSSARY,
    ChunkKind.OUTCOME: AnswerKind.OUTCOME,
}
PASSAGE_KIND = {Intent.ROUTINE: AnswerKind.ROUTINE, Intent.OUTCOME: AnswerKind.OUTCOME}


def render_item(
    snap: Snapshot, cites: Citations, reading: QuestionReading, chunk: Chunk, today: dt.date
) -> str:
    """One candidate as a cited Swedish sentence, in the shape its kind needs."""
    parsed = snap.parsed[chunk.source]
    ref = chunk.ref
    if chunk.kind is ChunkKind.INDICATOR and ref is not None:
        name = parsed.indicators[ref].name
        text, facts = indicator_sentence(
            snap, cites, chunk.source, same_indicator_rows(snap, chunk.source, name), reading.sub_intent
        )
        return text + latest_outcome_text(snap, cites, chunk.source, name, facts, today)
    if chunk.kind is ChunkKind.ACTIVITY and ref is not None:
        return activity_sentence(snap, cites, chunk.source, ref) + "."
    if chunk.kind is ChunkKind.GOAL and ref is not None:
        goal = parsed.goals[ref]
        text = f"**{goal_title(goal)}** {cites.cite(chunk)}"
        if goal.forvantat_resultat:
            text += f"\n\nFörväntat resultat: {' '.join(goal.forvantat_resultat.split())[:400]}"
        return text
    if chunk.kind is ChunkKind.FACT and ref is not None:
        fact = parsed.facts[ref]
        return f"{fact.label}: **{fact.value}** {cites.cite(chunk, fact.quote or None)}"
    if chunk.kind is ChunkKind.GLOSSARY and ref is not None:
        entry = parsed.glossary[ref]
        return f"**{entry.term}** betyder *{entry.expansion}* {cites.cite(chunk, entry.quote)}."
    return render_passage(cites, reading, chunk)


def answer_kind(snap: Snapshot, chunk: Chunk, reading: QuestionReading) -> AnswerKind:
    """The answer kind for a winning candidate (sections answer as passages or routines)."""
    if chunk.kind is ChunkKind.FACT and chunk.ref is not None:
        fact = snap.parsed[chunk.source].facts[chunk.ref]
        return AnswerKind.BUDGET if fact.kind is FactKind.BUDGET else AnswerKind.ADMIN
    return ANSWER_KIND.get(chunk.kind) or PASSAGE_KIND.get(reading.intent, AnswerKind.PASSAGES)


def closest_answer(
    snap: Snapshot, reading: QuestionReading, ranking: Ranking, model: RankerModel, today: dt.date
) -> Answer | None:
    """An answer from the best candidates, or None when even the best is too unlikely."""
    ranked = ranking.items
    if not ranked or ranking.confidence < model.decline_below:
        return None
    best = ranked[0]
    if not reading.names_one:
        alike = _alike_per_unit(snap, ranked)
        if len(alike) > 1:
            return _clarify(snap, reading, alike, today)
    cites = Citations(snap)
    chunk = best.candidate.chunk
    if chunk.kind is ChunkKind.SECTION:
        # A passage wins: the detail may sit in another of the document's best passages, so
        # the sentence is chosen across them (answers/passage.py joint_quotes).
        body = _joint_body(cites, reading, ranked)
    else:
        body = render_item(snap, cites, reading, chunk, today)
        for extra in _companions(ranked):
            body += "\n\n" + render_item(snap, cites, reading, extra.candidate.chunk, today)
    label = doc_label(snap, chunk.source)
    lead = f"Enligt {label}:" if ranking.confidence >= model.sure_from else f"Närmast i {label} är:"
    return Answer(
        answer=f"{lead}\n\n{body}",
        kind=answer_kind(snap, chunk, reading),
        citations=cites.items,
        context=answer_context(snap, chunk.source, reading),
    )


def _companions(ranked: list[Ranked]) -> list[Ranked]:
    """Passages of the winner's document that score nearly as well (the answer may be there)."""
    # The same rule the ranker's validation label counts as shown (ranker.companion_indices).
    picked = companion_indices(
        np.array([r.probability for r in ranked]),
        [r.candidate.source for r in ranked],
        [r.candidate.kind is ChunkKind.SECTION for r in ranked],
    )
    return [ranked[i] for i in picked]


def _joint_body(cites: Citations, reading: QuestionReading, ranked: list[Ranked]) -> str:
    """The winner's document's best passages as one or two cited quotes, chosen together."""
    best = ranked[0].candidate
    same = [
        (r.candidate.chunk, r.probability)
        for r in ranked
        if r.candidate.kind is ChunkKind.SECTION and r.candidate.source == best.source
    ]
    quotes = joint_quotes(same, reading, snap=cites.snap)
    lines = [f"{quote.text} {cites.cite(chunk, quote.span)}" for chunk, quote in quotes]
    return "\n\n".join(lines) if lines else render_passage(cites, reading, best.chunk)


def _alike_per_unit(snap: Snapshot, ranked: list[Ranked]) -> list[Ranked]:
    """The best candidate of each unit whose probability is close to the overall best."""
    best = ranked[0]
    floor = ALIKE * best.probability
    per_unit: dict[str, Ranked] = {}
    for r in ranked:
        if r.probability < floor or r.candidate.kind is not best.candidate.kind:
            continue
        meta = snap.meta(r.candidate.source)
        unit = meta.unit or meta.district or meta.source
        per_unit.setdefault(unit, r)
    return list(per_unit.values())


def _clarify(snap: Snapshot, reading: QuestionReading, alike: list[Ranked], today: dt.date) -> Answer:
    cites = Citations(snap)
    lines, suggestions = [], []
    for r in alike:
        chunk = r.candidate.chunk
        meta = snap.meta(chunk.source)
        lines.append(
            f"- **{doc_label(snap, chunk.source)}**: {render_item(snap, cites, reading, chunk, today)}"
        )
        suggestions.append(f"{reading.text.rstrip('?')} för {meta.unit or meta.district}?")
    return Answer(
        answer="Det finns svar för flera enheter. Vilken enhet menar du?\n\n" + "\n".join(lines),
        kind=AnswerKind.CLARIFY,
        citations=cites.items,
        suggestions=suggestions,
        context=ConversationContext(topic=reading.topic, intent=reading.intent.value, year=reading.year),
    )
