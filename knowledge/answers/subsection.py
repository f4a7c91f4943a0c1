"""A goal's sub-section quoted as the structure gives it: "hur jobbar vi / vad ska vi uppnå med …".

A verksamhetsplan's unit goal carries four sub-sections (Förväntat resultat, Arbetssätt,
Resursanvändning, Uppföljning), each a few sentences, bullets or short lines. Staff ask for
one of them in their own words and without naming the heading; passage retrieval then
quotes one or two sentences near the topic, often of the wrong sub-section or too little of
the right one. This answer instead:

1. reads which sub-section the question asks for from its frame
   (`understand/subsection_kind.py`);
2. picks the goal by its whole content: its title, the goals above it (the breadcrumb)
   and all its sub-sections, scored by the idf-weighted share of the topic's words they
   hold, so a goal is found by any of its words, not only by those of the asked part;
3. quotes that goal's asked sub-section whole when it fits a chat answer, and otherwise its
   items (paragraphs, bullets, lines ending a sentence) that carry the topic, a list lead
   with its list: the bounds are the document's own, not a fixed window.

It replaces a passage, routine or closest-match answer (or a decline) only when the goal it
picks is at least as well covered as what that answer quoted, and leaves questions that name
no unit to the clarification when another unit's goal covers them as well.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection
from dataclasses import dataclass

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.cite import Citations
from knowledge.answers.closest import CLOSEST_LEAD
from knowledge.answers.goal import answer_context
from knowledge.answers.phrasing import FIELD_LABELS, cite_goal, doc_label
from knowledge.models import Chunk, ChunkKind, Goal
from knowledge.retrieval.compound_heads import reversed_vocabulary, with_compounds
from knowledge.retrieval.extract import MAX_LIST_CHARS, MAX_QUOTE_CHARS, stem_coverage
from knowledge.retrieval.question_heads import index_stems, with_heads
from knowledge.retrieval.ranker import chunk_stems
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, fold, query_groups, stem_tokens, words
from knowledge.understand.answer_types import AnswerType, asked_types
from knowledge.understand.intent import Intent
from knowledge.understand.reading import QuestionReading
from knowledge.understand.subsection_kind import SubsectionKind, frame_words, read_subsection

# Answers this one may replace: those that quote passages or decline, not a table row,
# a definition or a clarification, which answer in their own structured way.
# A count or a frequency is answered by one figure (counts, rows, the routine's line); the
# sub-section's text around it would replace the figure with a quote.
_ONE_FIGURE = frozenset({AnswerType.COUNT, AnswerType.AGE, AnswerType.FREQUENCY})
REPLACEABLE = frozenset({AnswerKind.PASSAGES, AnswerKind.ROUTINE, AnswerKind.NOT_FOUND, AnswerKind.GOAL})

# The share of the topic's words a goal must hold to answer: the passage route's cut-off
# (answerer.MIN_PASSAGE_COVERAGE), so this answer is no bolder than the one it replaces.
MIN_COVERAGE = 0.6

Groups = list[tuple[set[str], set[str]]]


@dataclass(frozen=True)
class GoalMatch:
    """A goal that has the asked sub-section, and how well its whole content covers the topic."""

    source: str
    goal: Goal
    coverage: float
    part_coverage: float
    chunks: tuple[Chunk, ...]


def topic_groups(snap: Snapshot, reading: QuestionReading) -> Groups:
    """The question's topic words as query groups, without the words of its sub-section frame."""
    frame = frame_words(reading.text)
    kept = [w for w in words(reading.topic or reading.text) if fold(w) not in frame]
    if not kept:
        return []
    vocabulary = index_stems(snap.lexical)
    groups = with_compounds(query_groups(expand_query(" ".join(kept))), reversed_vocabulary(snap.lexical))
    return with_modifiers(with_heads(groups, vocabulary), vocabulary)


# A compound's modifier stands in for it when it is a word of this length or more, and its
# head a word of at least MIN_HEAD letters ("mål" in "kulturmål").
MIN_MODIFIER = 4
MIN_HEAD = 3


def modifier(stem: str, vocabulary: frozenset[str]) -> str | None:
    """The longest beginning of an unknown compound stem that the index holds, when the rest is
    a word the index holds too (after a linking "s"): "kulturmal" -> "kultur"; else None."""
    if stem in vocabulary:
        return None
    for cut in range(len(stem) - MIN_HEAD, MIN_MODIFIER - 1, -1):
        head, rest = stem[:cut], stem[cut:]
        if head in vocabulary and (rest in vocabulary or (rest[:1] == "s" and rest[1:] in vocabulary)):
            return head
    return None


def with_modifiers(groups: Groups, vocabulary: frozenset[str]) -> Groups:
    """Groups of compounds no document writes, with their modifier's stem as a synonym.

    "kulturmålet", "ekonomimålet": staff name a goal by its topic plus "mål"; the head says
    what kind of thing is meant (the frame already asks for a goal's part) and the modifier is
    what it is about. `with_heads` adds a compound's head; the modifier is added here. As a
    synonym it earns partial credit only (extract.SYNONYM_CREDIT).
    """
    out = []
    for own, synonyms in groups:
        mods = {m for o in own if (m := modifier(o, vocabulary)) is not None}
        out.append((own, synonyms | (mods - own)))
    return out


def goal_chunks(snap: Snapshot, source: str) -> dict[str, tuple[Chunk, ...]]:
    """Each goal's own line and sub-section chunks, in document order (one pass over the document)."""
    by_goal: dict[str, list[Chunk]] = {}
    for c in snap.chunks_of(source):
        if c.goal_key and c.kind in (ChunkKind.SECTION, ChunkKind.GOAL):
            by_goal.setdefault(c.goal_key, []).append(c)
    return {key: tuple(chunks) for key, chunks in by_goal.items()}


# `quote_features.same_family`'s shortest stem.
FAMILY_MIN = 5
_SORTED: dict[int, tuple[object, list[str]]] = {}


def _sorted_stems(snap: Snapshot) -> list[str]:
    """The lexical index's stems in order (built once per index), for prefix look-ups."""
    cached = _SORTED.get(id(snap.lexical))
    if cached is not None and cached[0] is snap.lexical:
        return cached[1]
    ordered = sorted(index_stems(snap.lexical))
    _SORTED.clear()
    _SORTED[id(snap.lexical)] = (snap.lexical, ordered)
    return ordered


def _touched(snap: Snapshot, groups: Groups) -> set[tuple[str, str]]:
    """(source, goal key) of the goals with a chunk holding some word of the topic (or a synonym).

    Read from the lexical index's columns, so a question costs its words' postings, not a pass
    over every goal of every document (at 100x the documents are many).
    """
    stems = {s for own, syn in groups for s in own | syn}
    # A stem the text writes longer ("boskol" in "boskola") counts as in `stem_coverage`.
    ordered = _sorted_stems(snap)
    for own, _ in groups:
        for stem in own:
            if len(stem) >= FAMILY_MIN:
                k = bisect_left(ordered, stem)
                while k < len(ordered) and ordered[k].startswith(stem):
                    stems.add(ordered[k])
                    k += 1
    touched: set[tuple[str, str]] = set()
    for stem in stems:
        for pos in snap.lexical.rows(stem):
            chunk = snap.chunks[int(pos)]
            if chunk.goal_key:
                touched.add((chunk.source, chunk.goal_key))
    return touched


def match_goals(
    snap: Snapshot,
    groups: Groups,
    sources: list[str],
    kind: SubsectionKind,
    also: Collection[tuple[str, str]] = (),
) -> list[GoalMatch]:
    """Goals of `sources` that hold the `kind` sub-section, best covered by their whole content first.

    Goals no chunk of which holds a topic word are left out, except those in `also` (the goals
    the current answer quotes).
    """
    idf = snap.lexical.idf
    touched = _touched(snap, groups) | set(also)
    found: list[GoalMatch] = []
    by_source: dict[str, set[str]] = {}
    for s, key in touched:
        by_source.setdefault(s, set()).add(key)
    for source in sources:
        parsed = snap.parsed.get(source)
        keys = by_source.get(source, set())
        if parsed is None or not keys:
            continue
        by_goal = goal_chunks(snap, source)
        for goal in parsed.goals:
            if goal.key not in keys or not getattr(goal, kind.value, "").strip():
                continue
            chunks = by_goal.get(goal.key, ())
            present = frozenset().union(*(chunk_stems(c) for c in chunks)) if chunks else frozenset()
            present = present | frozenset(stem_tokens(goal.title))
            found.append(GoalMatch(source, goal, stem_coverage(groups, present, idf), 0.0, chunks))
    if not found:
        return []
    # The asked part's own coverage breaks ties, so it is computed for the best tier only.
    top = round(max(m.coverage for m in found), 1)
    found = [
        GoalMatch(m.source, m.goal, m.coverage, _part_coverage(snap, groups, m, kind), m.chunks)
        if round(m.coverage, 1) >= top
        else m
        for m in found
    ]
    # At equal coverage the deepest goal answers: "vi" in a unit's plan means the unit's own
    # goal (enhetsmål), whose breadcrumb holds the nämndmål's words too.
    found.sort(
        key=lambda m: (
            -round(m.coverage, 1),
            -_depth(snap, m.source, m.goal),
            -m.part_coverage,
            sources.index(m.source),
        )
    )
    return found


def _part_coverage(snap: Snapshot, groups: Groups, match: GoalMatch, kind: SubsectionKind) -> float:
    part = [c for c in match.chunks if _is_part(c, match.goal, kind)]
    present = frozenset().union(*(chunk_stems(c) for c in part)) if part else frozenset()
    return stem_coverage(groups, present, snap.lexical.idf)


def _depth(snap: Snapshot, source: str, goal: Goal) -> int:
    """How many goals lie above this one in its document's goal chain."""
    by_key = {g.key: g for g in snap.parsed[source].goals}
    depth, key = 0, goal.parent_key
    while key and key in by_key and depth < len(by_key):
        depth, key = depth + 1, by_key[key].parent_key
    return depth


def _is_part(chunk: Chunk, goal: Goal, kind: SubsectionKind) -> bool:
    """Whether a chunk holds (the start of) the goal's `kind` sub-section."""
    text = getattr(goal, kind.value, "")
    if chunk.kind is not ChunkKind.SECTION or not text.strip():
        return False
    head = " ".join(text.split())[:60]
    return bool(head) and head in " ".join(chunk.text.split())


# An item ends at a sentence end or a colon at the end of a line; a bullet, a dash or a
# number starts a new one (a line wrapped inside a sentence continues its item).
_ITEM_START = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s*")
_ENDS = re.compile(r"[.!?:;]\s*$")


def items(text: str) -> list[str]:
    """The structural items of a sub-section, each an exact substring of `text`.

    Paragraphs (blank lines between) are items; inside a paragraph, a bullet or a line after
    one that ends a sentence starts a new item, so "Antalet … minskar.\\nFärre …" is two
    items and a sentence wrapped over two lines is one.
    """
    out: list[str] = []
    start: int | None = None
    end = 0
    pos = 0
    prev_ends = True
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        line_start = pos
        pos += len(line)
        if not stripped:
            if start is not None:
                out.append(text[start:end])
                start = None
            prev_ends = True
            continue
        first = line_start + (len(line) - len(line.lstrip()))
        if start is not None and (prev_ends or _ITEM_START.match(stripped)):
            out.append(text[start:end])
            start = None
        if start is None:
            start = first
        end = line_start + len(line.rstrip())
        prev_ends = bool(_ENDS.search(stripped))
    if start is not None:
        out.append(text[start:end])
    return [i for i in out if len(i.strip()) > 2]


def quoted_items(text: str, groups: Groups, idf: Callable[[str], float]) -> list[str]:
    """What of a sub-section to quote: all of it when short, else its items that carry the topic.

    `groups` are the topic words left once the goal is found (`item_groups`). An item that
    leads a list (ends with ":") brings the list's items with it. When no word is left, or no
    item holds one, the whole sub-section was asked ("vad är arbetssättet för målet om …"):
    its opening items are quoted up to the chat limit.
    """
    parts = items(text)
    if not parts:
        return []
    if sum(len(p) for p in parts) <= MAX_QUOTE_CHARS:
        return parts
    scores = [stem_coverage(groups, frozenset(stem_tokens(p)), idf) if groups else 0.0 for p in parts]
    keep = [s > 0 for s in scores]
    for k, part in enumerate(parts):
        if keep[k] and part.rstrip().endswith(":"):
            j = k + 1
            while j < len(parts) and _ITEM_START.match(parts[j]):
                keep[j] = True
                j += 1
    chosen = [k for k in range(len(parts)) if keep[k]]
    if not chosen:
        opening: list[str] = []
        for part in parts:
            if opening and sum(len(p) for p in opening) + len(part) > MAX_QUOTE_CHARS:
                break
            opening.append(part)
        return opening
    # Within the chat limit, the best-covered items first, quoted in document order.
    budget, picked = MAX_LIST_CHARS, set[int]()
    for k in sorted(chosen, key=lambda k: (-scores[k], k)):
        if picked and budget - len(parts[k]) < 0:
            continue
        picked.add(k)
        budget -= len(parts[k])
    return [parts[k] for k in sorted(picked)]


def item_groups(groups: Groups, goal_chunk_stems: frozenset[str]) -> Groups:
    """The topic words the goal's own line and breadcrumb do not hold: they choose the items.

    "självständigt liv" in "arbetssättet för målet om självständigt liv" found the goal; it
    says nothing about which of the goal's sentences is asked.
    """
    return [(own, syn) for own, syn in groups if not ((own | syn) & goal_chunk_stems)]


def subsection_answer(
    snap: Snapshot, reading: QuestionReading, sources: list[str], current: Answer, after_pool: bool = False
) -> Answer | None:
    """The asked sub-section of the goal the question is about, or None to keep `current`.

    Args:
        snap: The knowledge snapshot.
        reading: The question's reading (its text gives the frame, its topic the goal).
        sources: The documents the question is about, best first (`select_documents`).
        current: The answer the routes and passages gave.
        after_pool: Whether `current` is what the ranked candidate pool made of the routes'
            answer. Before the pool a decline is left to the pool (its closest match is
            compared afterwards); after it, a closest match of any kind may be replaced.
    """
    if reading.intent in (Intent.OUTCOME, Intent.INDICATOR):
        return None
    if asked_types(reading.text) & _ONE_FIGURE:
        return None  # "hur många förväntade resultat …", "hur ofta följer vi upp …": a figure, not a quote
    closest = (
        after_pool and current.answer.startswith(CLOSEST_LEAD) and current.kind is not AnswerKind.CLARIFY
    )
    if not (current.kind in REPLACEABLE or closest):
        return None
    if current.kind is AnswerKind.NOT_FOUND and not after_pool:
        return None
    ask = read_subsection(reading.text)
    if ask is None:
        return None
    if not ask.by_frame and current.kind is AnswerKind.ROUTINE:
        # "vad gör vi om …" read only as a method: the routine's rule for the situation is the
        # answer, not a goal's whole way of working.
        return None
    kind = ask.kind
    field = (reading.sub_intent or "").startswith("field:")
    if current.kind is AnswerKind.GOAL and not (field or closest):
        return None  # the goal route named a goal or listed goals: that is what was asked
    groups = topic_groups(snap, reading)
    if not groups:
        return None
    quoted = cited_goals(snap, current)
    matches = match_goals(snap, groups, sources, kind, quoted)
    if not matches:
        return None
    agreed = _agreeing(matches, quoted)
    best = agreed or _best_alone(snap, reading, matches)
    if best is None:
        return None
    picked = _picked(snap, best, kind, groups)
    if picked is None:
        return None
    if agreed is None and not _beats(snap, groups, picked[1], current):
        return None
    return _render(snap, reading, best, kind, picked)


def cited_goals(snap: Snapshot, current: Answer) -> list[tuple[str, str]]:
    """(source, goal key) of the goals `current` is about, in citation order.

    An answer that names a goal first (its own line is the first citation) is about that goal
    alone, whatever else it quotes; otherwise every goal whose text it quotes counts.
    """
    out: list[tuple[str, str]] = []
    for n, citation in enumerate(current.citations):
        chunk = next(
            (c for c in snap.chunks_of(citation.source) if c.breadcrumb == citation.section and c.goal_key),
            None,
        )
        if chunk is None or chunk.goal_key is None:
            continue
        if n == 0 and chunk.kind is ChunkKind.GOAL:
            return [(citation.source, chunk.goal_key)]
        if (citation.source, chunk.goal_key) not in out:
            out.append((citation.source, chunk.goal_key))
    return out


def _agreeing(matches: list[GoalMatch], quoted: list[tuple[str, str]]) -> GoalMatch | None:
    """The goal the current answer quotes, when the whole-content ranking agrees it is among the best.

    Two readings that agree are trusted without a cut-off: passage retrieval found a sentence
    of the goal, and the goal's whole content covers the question as well as any other goal's.
    """
    if len(quoted) != 1:  # quotes from several goals: retrieval did not settle on one
        return None
    top = round(matches[0].coverage, 1)
    source, key = quoted[0]
    return next(
        (
            m
            for m in matches
            if m.source == source
            and m.goal.key == key
            and (round(m.coverage, 1) >= top or m.coverage >= MIN_COVERAGE)
        ),
        None,
    )


def _best_alone(snap: Snapshot, reading: QuestionReading, matches: list[GoalMatch]) -> GoalMatch | None:
    """The best goal by whole content when it covers the topic and no other unit's goal does as well."""
    best = matches[0]
    if best.coverage < MIN_COVERAGE:
        return None
    if not reading.names_one and _other_unit_alike(snap, matches):
        return None
    return best


def _other_unit_alike(snap: Snapshot, matches: list[GoalMatch]) -> bool:
    """Whether another unit's goal covers the topic as well as the best one (then it is ambiguous)."""
    best = matches[0]
    unit = snap.meta(best.source).unit
    return any(
        round(m.coverage, 1) >= round(best.coverage, 1) and snap.meta(m.source).unit != unit
        for m in matches[1:]
    )


def _beats(snap: Snapshot, groups: Groups, quote: str, current: Answer) -> bool:
    """Whether what would be quoted covers the topic better than what `current` quotes.

    A decline is always improved on. Otherwise the sub-section (with its goal line and the
    goals above, as its citation shows them) must hold more of the topic than the current
    quotes with their sections: a goal found by its whole content is not yet evidence that
    its asked part answers.
    """
    if current.kind is AnswerKind.NOT_FOUND or not current.citations:
        return True
    idf = snap.lexical.idf
    theirs = frozenset().union(
        *(frozenset(stem_tokens(c.section + " " + c.quote)) for c in current.citations)
    )
    return stem_coverage(groups, frozenset(stem_tokens(quote)), idf) > stem_coverage(groups, theirs, idf)


def _picked(
    snap: Snapshot, best: GoalMatch, kind: SubsectionKind, groups: Groups
) -> tuple[Chunk, str, list[str]] | None:
    """The chunk of the asked sub-section, the quote (its goal line's words included) and its items."""
    part = [c for c in best.chunks if c.kind is ChunkKind.SECTION and _is_part(c, best.goal, kind)]
    if not part:
        return None
    chunk = part[0]
    line = next((c for c in best.chunks if c.kind is ChunkKind.GOAL), chunk)
    own = chunk_stems(line) | frozenset(stem_tokens(best.goal.title))
    picked = quoted_items(chunk.text, item_groups(groups, own), snap.lexical.idf)
    if not picked:
        return None
    return chunk, chunk.breadcrumb + " " + best.goal.title + " " + " ".join(picked), picked


def _render(
    snap: Snapshot,
    reading: QuestionReading,
    best: GoalMatch,
    kind: SubsectionKind,
    picked: tuple[Chunk, str, list[str]],
) -> Answer:
    chunk, _, parts = picked
    cites = Citations(snap)
    marker = cite_goal(snap, cites, best.source, best.goal)
    body = "\n".join(f"- {' '.join(p.split()).lstrip('-•*– ')}" for p in parts)
    start = chunk.text.find(parts[0])
    end = chunk.text.find(parts[-1], max(start, 0)) + len(parts[-1])
    quote = chunk.text[start:end] if start >= 0 else parts[0]
    quote_marker = cites.cite(chunk, quote)
    label = FIELD_LABELS.get(kind.value, kind.value)
    text = (
        f"Enligt {doc_label(snap, best.source)}:\n\n"
        f"{label} för *{best.goal.title}* {marker}:\n\n{body} {quote_marker}"
    )
    return Answer(
        answer=text,
        kind=AnswerKind.GOAL,
        citations=cites.items,
        context=answer_context(snap, best.source, reading, goal_key=best.goal.key),
    )
