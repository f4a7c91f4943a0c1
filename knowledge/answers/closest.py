"""Answers from the ranked candidate pool: the winner's kind decides the shape of the answer.

Used where the intent routes found nothing they trust. The calibrated probability of the
best candidate decides: below `decline_below` the question is declined; from `sure_from`
on it is answered plainly; between the two it is answered as the closest match ("Närmast
i … är: …"), cited, so staff can judge it. When candidates of several units score alike
and the question names none, the answer asks which unit and lists each unit's value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

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
from knowledge.retrieval.document_evidence import winner_index
from knowledge.retrieval.extract import sentences
from knowledge.retrieval.fillers import fills
from knowledge.retrieval.ranker import Ranked, RankerModel, Ranking, companion_indices
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, query_groups, stem_tokens
from knowledge.understand.answer_types import AnswerType, asked_types
from knowledge.understand.reading import Intent, QuestionReading
from knowledge.understand.vocab import GENERIC_HEAD

# How deep in the routes' lexical passage ranking the pool's best candidate may stand and still
# count as agreed on, per kind of prose the lexical ranking reads as a whole (`corroborates`).
# A passage may be second: the lexical ranking orders passages by coverage rounded to a tenth
# and a long passage's answering sentence is diluted by the rest of it, so the first two are
# often alike. An activity's description or a glossary term's definition is short: it must be
# first (on the tune splits, 2026-12-01, a term second to another passage was a close
# negative's answer). Rows and goals are judged by their names, which the pool's own name
# features read: the lexical ranking is no second opinion on them.
CORROBORATING_DEPTH: dict[ChunkKind, int] = {
    ChunkKind.SECTION: 2,
    ChunkKind.ACTIVITY: 1,
    ChunkKind.GLOSSARY: 1,
}

# Answer types whose fillers `retrieval.fillers` recognises reliably (numbers, dates, intervals).
CHECKED_TYPES = frozenset(
    {
        AnswerType.COUNT,
        AnswerType.AGE,
        AnswerType.AMOUNT,
        AnswerType.DURATION,
        AnswerType.FREQUENCY,
        AnswerType.TIME,
    }
)

# The plans' words for the unit itself (understand.vocab.GENERIC_HEAD) as stems.
_SELF_STEMS = frozenset(s for w in GENERIC_HEAD for s in stem_tokens(w))

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

# How an answer that is only the closest match starts ("Närmast i … är:"); answers/several.py reads it.
CLOSEST_LEAD = "Närmast i"


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
    snap: Snapshot,
    reading: QuestionReading,
    ranking: Ranking,
    model: RankerModel,
    today: dt.date,
    corroborated: bool = False,
) -> Answer | None:
    """An answer from the best candidates, or None when even the best is too unlikely.

    Args:
        snap: The stored documents.
        reading: The question as read.
        ranking: The ranked candidate pool.
        model: The fitted ranker (its cut-offs).
        today: Reading date.
        corroborated: The lexical passage ranking, which the pool's model does not see
            whole, puts the same passage first (see `corroborates`). Below `decline_below`
            the best candidate is then still answered, as the closest match, not declined.
    """
    ranked = ranking.items
    if not ranked or (ranking.confidence < model.decline_below and not corroborated):
        return None
    best = ranked[0]
    if not reading.names_one:
        alike = alike_per_unit(snap, ranked)
        if len(alike) > 1:
            return _clarify(snap, reading, alike, today)
    cites = Citations(snap)
    chunk = best.candidate.chunk
    body = winner_body(snap, cites, reading, ranked, today)
    label = doc_label(snap, chunk.source)
    sure = ranking.confidence >= model.sure_from
    lead = f"Enligt {label}:" if sure else f"{CLOSEST_LEAD} {label} är:"
    return Answer(
        answer=f"{lead}\n\n{body}",
        kind=answer_kind(snap, chunk, reading),
        citations=cites.items,
        context=answer_context(snap, chunk.source, reading),
    )


def winner_body(
    snap: Snapshot, cites: Citations, reading: QuestionReading, ranked: list[Ranked], today: dt.date
) -> str:
    """The cited text the pool's answer shows for its winner, `ranked[0]`.

    Args:
        snap: The stored documents.
        cites: Where the quotes' citations are collected.
        reading: The question as read.
        ranked: The pool's candidates with the one to show first (the others may be quoted
            with it: the winner's document's other good passages, or its companion).
        today: Reading date (an indicator's latest outcome).
    """
    chunk = ranked[0].candidate.chunk
    if chunk.kind is ChunkKind.SECTION:
        # A passage wins: the detail may sit in another of the document's best passages, so
        # the sentence is chosen across them (answers/passage.py joint_quotes).
        return _joint_body(cites, reading, ranked)
    body = render_item(snap, cites, reading, chunk, today)
    for extra in _companions(ranked):
        body += "\n\n" + render_item(snap, cites, reading, extra.candidate.chunk, today)
    return body


def corroborates(ranking: Ranking, lexical: Sequence[Chunk]) -> Chunk | None:
    """The pool's best candidate when the lexical passage ranking also puts it at its top.

    The pool's calibrated confidence under-rates questions in everyday words: on the tune
    splits (2026-11-30) it declined 22 answerable questions at 0.004-0.23, where the
    routes' own coverage ranking had found passages, only below its coverage cut-off. Two
    rankings that see the question differently (word coverage of one passage against the
    fitted model over every candidate kind) put the same passage first for 8 of those 22
    and for 2 of the 29 unanswerable questions the pool declined: agreement is evidence the
    passage is on the question's topic, which neither score alone gives. Session 15 widened
    the agreement to a passage among the lexical ranking's first two, or an activity or term
    first (`CORROBORATING_DEPTH`): the pool's winner held the answer where the lexical
    ranking had it second, or where the winner was an activity or a term's definition.

    Args:
        ranking: The ranked candidate pool.
        lexical: The routes' passages in their coverage order, those sharing no word with the
            question left out.

    Returns:
        The pool's best candidate when it is prose and among the lexical ranking's first
        `CORROBORATING_DEPTH[kind]` candidates, else None.
    """
    if not ranking.items:
        return None
    best = ranking.items[0].candidate.chunk
    depth = CORROBORATING_DEPTH.get(best.kind, 0)
    return best if any(best.id == c.id for c in lexical[:depth]) else None


def answers_asked_type(reading: QuestionReading, chunk: Chunk) -> bool:
    """Whether the passage holds a filler of the number- or time-like type the question asks.

    "hur många parkeringsplatser har enheten?" asks for a count: a passage that shares only
    "enheten" with it and states no count of them is no answer however the rankings agree. Counts,
    amounts, durations, frequencies and times are checked (`retrieval.fillers` recognises
    their fillers: numbers, dates, intervals); persons, places, reasons and methods are not,
    their fillers being words the grammar recognises only in part. A question asking none of
    the checked types passes; one asking a checked type beside another needs the checked one.
    """
    # A message asking a checked type beside an unchecked one ("när är julbordet? och vem
    # fixar det?") still asks the checked one: its filler must be there.
    asked = asked_types(reading.text) & CHECKED_TYPES
    if not asked:
        return True
    # The filler must be about the question's topic: in a sentence that holds a question word
    # ("två socialsekreterare" in a sentence about hembesök is no count of parkeringsplatser).
    # "enheten", "verksamheten" name the unit itself, which every sentence of its plan is about.
    groups = [
        (own, synonyms)
        for own, synonyms in query_groups(expand_query(reading.topic or reading.text))
        if not own <= _SELF_STEMS
    ]
    return any(
        fills(asked, sentence)
        and any((own | synonyms) & set(stem_tokens(sentence)) for own, synonyms in groups)
        for sentence in sentences(chunk.text)
    )


def _companions(ranked: list[Ranked]) -> list[Ranked]:
    """Passages of the winner's document that score nearly as well (the answer may be there)."""
    # The same rule the ranker's validation label counts as shown (ranker.companion_indices).
    # The winner is first (it may be less probable than another document's best candidate:
    # retrieval/document_evidence.py).
    picked = companion_indices(
        np.array([r.probability for r in ranked]),
        [r.candidate.source for r in ranked],
        [r.candidate.kind is ChunkKind.SECTION for r in ranked],
        best=0,
    )
    return [ranked[i] for i in picked]


def _document_passages(chunks: Sequence[Chunk], probs: np.ndarray, best: int) -> list[int]:
    """The winner's document's section candidates, most probable first."""
    source = chunks[best].source
    order = [int(i) for i in np.argsort(-probs, kind="stable")]
    return [i for i in order if chunks[i].kind is ChunkKind.SECTION and chunks[i].source == source]


def _joint_body(cites: Citations, reading: QuestionReading, ranked: list[Ranked]) -> str:
    """The winner's document's best passages as one or two cited quotes, chosen together."""
    chunks = [r.candidate.chunk for r in ranked]
    probs = np.array([r.probability for r in ranked])
    same = [(chunks[i], float(probs[i])) for i in _document_passages(chunks, probs, 0)]
    quotes = joint_quotes(same, reading, snap=cites.snap)
    lines = [f"{quote.text} {cites.cite(chunk, quote.span)}" for chunk, quote in quotes]
    return "\n\n".join(lines) if lines else render_passage(cites, reading, ranked[0].candidate.chunk)


def shown_indices(
    reading: QuestionReading, chunks: Sequence[Chunk], probs: np.ndarray, snap: Snapshot | None = None
) -> list[int]:
    """Which candidates `closest_answer` quotes, by index: the ranker's validation label.

    A winning passage is quoted through `joint_quotes` over its document's best passages (the
    quoted chunk may be the second or third of them, and a second chunk may be quoted too);
    any other winner is rendered with its companion passage. The fit counts an answer right
    when a quoted candidate holds the item (ranker.shown_right), so the decline cut-off is
    chosen on the answers staff would see.

    Args:
        reading: The question as read.
        chunks: The candidates' chunks.
        probs: Their probabilities.
        snap: The snapshot of the chunks. With it, the joint quote is widened as the answer
            widens it (answers/passage.py `widened`): a quoted chunk the pool holds with a
            low probability counts as shown, found by its id.
    """
    sources = [c.source for c in chunks]
    best = winner_index(sources, [float(p) for p in probs])  # as Answerer.ranked_pool orders them
    if chunks[best].kind is not ChunkKind.SECTION:
        sections = [c.kind is ChunkKind.SECTION for c in chunks]
        return [best, *companion_indices(probs, sources, sections, best=best)]
    same = _document_passages(chunks, probs, best)
    quoted = joint_quotes([(chunks[i], float(probs[i])) for i in same], reading, snap=snap)
    ids = {chunk.id for chunk, _ in quoted}
    picked = [i for i in same if chunks[i].id in ids]
    picked += [i for i, c in enumerate(chunks) if c.id in ids and i not in picked]
    return picked or [best]


def alike_per_unit(snap: Snapshot, ranked: list[Ranked]) -> list[Ranked]:
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
