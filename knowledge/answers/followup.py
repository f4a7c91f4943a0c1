"""Follow-ups about the text just quoted: "var ligger de?", "kan man äta där?", "och utfallet 2017?".

`apply_context` (knowledge/understand/reading.py) resolves what a follow-up keeps from the
conversation (unit, year, indicator, goal). A follow-up about a *prose* answer asks for another
detail of the passage just quoted, or the same detail of the next thing named in it. Searching the
whole plan for "ligger" or "2017" finds other places; so this module looks in the previous answer's
document first, in the section it quoted, for a paragraph that holds every word the follow-up adds
and the words of the question before it, and quotes the best sentence of that paragraph.

`remember` records, after every answer, what such a follow-up needs: the question as asked and the
section quoted (`ConversationContext.question` and `.section`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.answer import Answer, AnswerKind, Citation, ConversationContext
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.answers.phrasing import activity_sentence, cite_goal, doc_label, goal_title, indicator_sentence
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import asks_quantity, sentences, verbatim_span
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand import vocab as v
from knowledge.understand.intent import Intent
from knowledge.understand.reading import HOW_FOLLOWED, QuestionReading

# Answers that quote a section of prose; a follow-up about them is looked up in that section.
PROSE_KINDS = frozenset((AnswerKind.PASSAGES, AnswerKind.ROUTINE, AnswerKind.OUTCOME))

# Answers about one table row or goal: the cited item is what a follow-up continues from.
ITEM_KINDS = frozenset((AnswerKind.INDICATOR, AnswerKind.GOAL, AnswerKind.ACTIVITY, AnswerKind.OUTCOME))

# Intents of a question that asks about prose (not a table row, a goal or a term).
_PROSE_INTENTS = frozenset((Intent.GENERAL, Intent.ROUTINE, Intent.OUTCOME, Intent.ORGANISATION))

# Words that carry no detail of their own in a follow-up ("och", "då", pronouns, "man" …).
_FILLER = frozenset(
    stem
    for word in v.PRONOUNS
    | v.GENERIC
    | v.REFERS_BACK
    | v.GREET
    | v.OWN_WORDS
    | frozenset(
        ("och", "da", "an", "men", "aven", "ocksa", "man", "kan", "vad", "hur", "var", "vilka", "vilken")
    )
    for stem in stem_tokens(fold(word), drop_stopwords=False)
)
# The verbs of following up and measuring: a follow-up made only of them adds no detail.
_VERBS = frozenset(
    stem for word in v.FIELD_WORDS | v.PERIOD_WORDS for stem in stem_tokens(word, drop_stopwords=False)
)
_PARAGRAPH = re.compile(r"\n\s*\n")
# A number or a count in words: what a "hur många" question is answered with.
_NUMBER = re.compile(r"\d|\b(?:två|tva|tre|fyra|fem|sex|sju|åtta|atta|nio|tio|elva|tolv)\b", re.IGNORECASE)
# Chunks of running text (sections, and the outcome and fact passages cut out of them).
_PROSE_CHUNKS = frozenset((ChunkKind.SECTION, ChunkKind.OUTCOME, ChunkKind.FACT))


@dataclass(frozen=True)
class _Found:
    chunk: Chunk
    span: list[str]
    score: float


def _stems(text: str) -> list[str]:
    return [s for s in stem_tokens(text) if s not in _FILLER]


def _has(stem: str, present: frozenset[str]) -> bool:
    """A stem occurs, or one of its family (five letters or more: "utfallet" ~ "utfall")."""
    if stem in present:
        return True
    return len(stem) >= 5 and any(len(p) >= 5 and (p.startswith(stem) or stem.startswith(p)) for p in present)


@lru_cache(maxsize=100_000)
def _stem_set(text: str) -> frozenset[str]:
    """The stems of a sentence (cached: the same plan sentences are scanned on every follow-up)."""
    return frozenset(stem_tokens(text))


@lru_cache(maxsize=20_000)
def _sentences(paragraph: str) -> tuple[str, ...]:
    return tuple(sentences(paragraph))


def _has_all(stems: set[str], present: frozenset[str]) -> bool:
    return all(_has(s, present) for s in stems)


def _share(stems: set[str], present: frozenset[str]) -> float:
    """Share of the stems present (a family member counts)."""
    return sum(_has(s, present) for s in stems) / len(stems) if stems else 0.0


def remember(
    answer: Answer, reading: QuestionReading, context: ConversationContext, snap: Snapshot | None = None
) -> Answer:
    """Record in the answer's context what a follow-up is resolved against.

    The question as asked, the prose section quoted first, and (when the answer is one table row
    or goal, whichever route found it) the item cited first: its indicator name and goal.

    Args:
        answer: The answer just built (its `context` names the document it came from).
        reading: The question as read, with the conversation applied.
        context: The context the question was asked in.
        snap: The snapshot the answer cites (None: the cited item is not looked up).

    Returns:
        The answer with `context` completed (unchanged when it leaves no conversation behind).
    """
    ctx = answer.context
    if not ctx.source:
        return answer
    first = next((c for c in answer.citations if c.source == ctx.source), None)
    update: dict[str, object] = {
        "section": first.section if first is not None and answer.kind in PROSE_KINDS else None,
        "question": reading.text,
    }
    # "hur följs det upp?" adds no subject: the next follow-up is still about the earlier question.
    if reading.is_followup and context.question and not (set(_stems(reading.text)) - _VERBS):
        update["question"] = context.question
    if snap is not None and first is not None and answer.kind in ITEM_KINDS:
        item = _cited_item(snap, first)
        update |= {k: value for k, value in item.items() if value and getattr(ctx, k) is None}
    answer.context = ctx.model_copy(update=update)
    return answer


def _cited_item(snap: Snapshot, citation: Citation) -> dict[str, str | None]:
    """The indicator name and goal key of the table row or goal a citation quotes."""
    parsed = snap.parsed.get(citation.source)
    if parsed is None:
        return {}
    head = citation.quote.rstrip("…")[:60]
    for chunk in snap.chunks_of(citation.source):
        if chunk.ref is None or chunk.breadcrumb != citation.section or head not in chunk.text:
            continue
        if chunk.kind is ChunkKind.INDICATOR and chunk.ref < len(parsed.indicators):
            row = parsed.indicators[chunk.ref]
            return {"indicator": row.name, "goal_key": row.goal_key}
        if chunk.kind is ChunkKind.ACTIVITY and chunk.ref < len(parsed.activities):
            return {"goal_key": parsed.activities[chunk.ref].goal_key}
        if chunk.kind is ChunkKind.GOAL and chunk.ref < len(parsed.goals):
            return {"goal_key": parsed.goals[chunk.ref].key}
    return {}


def _applies(reading: QuestionReading, context: ConversationContext) -> bool:
    if not (reading.is_followup and context.source and context.section and context.question):
        return False
    if (reading.units and "units" not in reading.from_context) or (
        reading.districts and "districts" not in reading.from_context
    ):
        return False  # another unit or district: the routes answer it there
    if "intent" in reading.from_context:
        # The intent came from the conversation; a how-often question about an indicator or a
        # goal was resolved to that item by `apply_context`.
        return reading.sub_intent not in ("periodicity", "field:uppfoljning")
    return reading.intent in _PROSE_INTENTS


def in_context(snap: Snapshot, reading: QuestionReading, context: ConversationContext) -> Answer | None:
    """Answer a follow-up about the passage just quoted from that passage's document, or None.

    The follow-up's own words ("ligger", "äta", "utfallet 2017") must all occur in one paragraph;
    among such paragraphs the one that also holds most words of the previous question (the
    subject: "Droppen/Bruket", "budget") wins, the quoted section first. Its best sentence is
    quoted. None when the question is not such a follow-up or nothing fits, so that the other
    answer routes try.

    Args:
        snap: The knowledge snapshot.
        reading: The follow-up as read, with the conversation applied.
        context: What the previous answer left behind.
    """
    if (items := goal_items(snap, reading, context)) is not None:
        return items
    if not _applies(reading, context) or context.source not in snap.parsed:
        return None
    text = reading.text
    for word in reading.chatter:
        text = text.replace(word, " ")
    ask = set(_stems(text))
    if not ask or (not (ask - _VERBS) and not HOW_FOLLOWED.search(fold(text))):
        return None
    prev = set(_stems(context.question or "")) - ask
    new_subject = bool(_names(text))
    if new_subject:  # a new subject by name ("och Tora då?") replaces the old one's name
        prev -= _names(context.question or "")
    best = _best(snap, context, ask, prev, new_subject)
    if best is None:
        return None
    cites = Citations(snap)
    marker = cites.cite(best.chunk, verbatim_span(best.chunk.text, best.span))
    quote = " ".join(" ".join(best.span).split())
    return Answer(
        answer=f"Enligt {doc_label(snap, best.chunk.source)}:\n\n{quote} {marker}",
        kind=AnswerKind.PASSAGES,
        citations=cites.items,
        context=answer_context(snap, best.chunk.source, reading),
    )


def _names(text: str) -> set[str]:
    """Stems of the capitalised words after the first ("hur många medarbetare har Triangeln?")."""
    words = re.findall(r"[^\W\d_][\w/-]*", text)[1:]
    return {stem for w in words if w[0].isupper() for stem in stem_tokens(w)}


def _paragraphs(snap: Snapshot, source: str) -> list[tuple[Chunk, tuple[str, ...], int]]:
    """Each paragraph of the prose chunks as sentences, and where its own sentences start.

    A paragraph opening a chunk continues the last one of the chunk before in the same
    section (the chunker splits long paragraphs); any other takes the two sentences before it
    (a table row set apart from its header by a blank line).
    """
    out: list[tuple[Chunk, tuple[str, ...], int]] = []
    carried: tuple[str, ...] = ()
    previous = None
    for chunk in snap.chunks_of(source):
        if chunk.kind not in _PROSE_CHUNKS:
            continue
        if previous is None or previous.breadcrumb != chunk.breadcrumb or chunk.kind is not ChunkKind.SECTION:
            carried = ()
        parts: tuple[str, ...] = ()
        for k, paragraph in enumerate(_PARAGRAPH.split(chunk.text)):
            lead = carried if k == 0 else parts[-2:]
            own = _sentences(paragraph)
            if own:
                out.append((chunk, lead + own, len(lead)))
                parts = own
        carried, previous = parts, chunk
    return out


def goal_items(snap: Snapshot, reading: QuestionReading, context: ConversationContext) -> Answer | None:
    """The activities or indicators of the goal under discussion ("vilka aktiviteter hör till samma mål?").

    `apply_context` carries the goal (`goal_key`) of the last goal, indicator or activity answer
    when the follow-up refers to it; the items are those of that goal and the goals under it, in
    the conversation's document. None when the question does not carry a goal or nothing is
    listed under it.
    """
    wants = reading.intent in (Intent.ACTIVITY, Intent.INDICATOR)
    source = reading.context_source or context.source
    if not (wants and reading.goal_key and "goal_key" in reading.from_context) or source not in snap.parsed:
        return None
    parsed = snap.parsed[source]
    goal = next((g for g in parsed.goals if g.key == reading.goal_key), None)
    if goal is None:
        return None
    keys, frontier = {goal.key}, [goal.key]
    while frontier:  # the goal and every goal under it
        below = [g.key for g in parsed.goals if g.parent_key in frontier and g.key not in keys]
        keys.update(below)
        frontier = below
    cites = Citations(snap)
    marker = cite_goal(snap, cites, source, goal)
    if reading.intent is Intent.ACTIVITY:
        rows = [i for i, a in enumerate(parsed.activities) if a.goal_key in keys]
        lines = [activity_sentence(snap, cites, source, i) for i in rows[:12]]
        label, kind = "Aktiviteter", AnswerKind.ACTIVITY
    else:
        rows = [i for i, x in enumerate(parsed.indicators) if x.goal_key in keys]
        lines = [indicator_sentence(snap, cites, source, [i], None)[0] for i in rows[:12]]
        label, kind = "Indikatorer", AnswerKind.INDICATOR
    if not lines:
        return None
    return Answer(
        answer=f"{label} under *{goal_title(goal)}* {marker}:\n\n" + "\n".join(f"- {line}" for line in lines),
        kind=kind,
        citations=cites.items,
        context=answer_context(snap, source, reading, goal_key=goal.key),
    )


def _best(
    snap: Snapshot, context: ConversationContext, ask: set[str], prev: set[str], new_subject: bool = False
) -> _Found | None:
    """The sentence that answers the follow-up (see `in_context`).

    Every asked word must occur in the sentence's paragraph or in the two sentences before it (a
    table row under its header); the paragraph that also holds most words of the previous
    question wins (the quoted section first), and in it the sentence with most of those words.
    """
    found: list[_Found] = []
    quantity = asks_quantity(context.question or "")
    for chunk, para, first in _paragraphs(snap, context.source or ""):
        stems = [_stem_set(p) for p in para]
        scope = frozenset().union(*stems)
        if not _has_all(ask, scope):
            continue
        quoted = chunk.breadcrumb == context.section
        about = _share(prev, scope)
        if about <= 0 and not quoted:
            continue  # elsewhere in the plan the paragraph must be about the same subject
        for i in range(first, len(para)):
            asked, before = _share(ask, stems[i]), _share(prev, stems[i])
            # The sentence answers the follow-up: it holds an asked word, or (a new subject by
            # name, "och Kyrkogatans gruppboende?") the detail the previous question asked for.
            if asked <= 0 and not (new_subject and before > 0):
                continue
            # A new subject is already in the paragraph; the sentence holds what was asked before.
            own = before + (0.0 if new_subject else asked)
            if quantity and _NUMBER.search(para[i]):
                own += 0.5  # "hur många medarbetare har Triangeln?" → "… åtta medarbetare"
            # Quote from the nearest sentence that still holds every asked word (a table's header).
            start = next(
                (
                    j
                    for j in range(i, max(-1, i - 3), -1)
                    if _has_all(ask, frozenset().union(*stems[j : i + 1]))
                ),
                i,
            )
            span = [p for p in para[start : i + 1] if p in chunk.text] or [para[i]]
            found.append(_Found(chunk, span, about + 0.5 * quoted + 0.1 * own - 0.01 * len(span)))
    return max(found, key=lambda f: f.score, default=None)
