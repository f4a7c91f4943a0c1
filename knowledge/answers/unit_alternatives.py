"""Ambiguity by content: another unit's item says as much about what a unit-less question asks.

Staff seldom name their unit ("hur tar vi hand om klagomål som kommer in?"). When one document
alone holds the answer, that document answers. When several units' documents hold the same kind
of item about the question's specific words (each unit's complaint handling, each unit's
sickness-absence target), the answer of one of them read as everyone's is wrong: the reply says
that it differs by unit, lists each unit's item with its citation and asks which unit is meant.

Two candidates of different units are *alike* when both hold the same kind of item (a passage
and a passage, an indicator row and an indicator row) and they are alike in content: the other
candidate holds every specific word of the question that the first one holds. The question's
specific words are the rarer half of its word groups (by idf, among those the corpus holds): "hur tar
vi hand om klagomål som kommer in?" is about klagomål (and its synonym synpunkter), not about
"tar", "hand" or "in", which every plan has. Coverage of the common words says nothing about
which unit is meant, so it is not compared; a candidate that misses a specific word the other
holds is about something else ("APT" alone does not make another unit's APT passage an answer to
"vem leder APT:n i varje arbetsgrupp?").

The routes that answer from rows (indicator, goal, activity) already list each unit's row when
several units have it; passages compare units by coverage (answerer._units_alike); this module
adds the content test the ranked pool's alike-in-probability test lacked (answers/closest.py)
and the comparison for routine answers, whose route reads one unit's routine by its heading
and never looks at another unit's passage on the same topic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from knowledge.answer import Answer, Citation
from knowledge.answers.cite import Citations
from knowledge.answers.passage import render_passage
from knowledge.answers.phrasing import clarify_units
from knowledge.models import Chunk, ChunkKind
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import query_groups, stem_tokens
from knowledge.understand.reading import QuestionReading

Groups = Sequence[tuple[set[str], set[str]]]


def _chunk_stems(chunk: Chunk) -> frozenset[str]:
    return frozenset(stem_tokens(chunk.breadcrumb + " " + chunk.text))


def stems_of(snap: Snapshot, chunk: Chunk) -> frozenset[str]:
    """A chunk's heading path and text stems, kept for the snapshot's life (`Snapshot.derived`)."""
    return snap.derived(chunk, _chunk_stems)


def names_no_place(reading: QuestionReading) -> bool:
    """Whether nothing in the question or the conversation points to one unit or district."""
    return not (
        reading.units
        or reading.districts
        or reading.soft_units
        or reading.context_unit
        or reading.context_source
    )


def specific_groups(
    groups: Groups, idf: Callable[[str], float], df: Callable[[str], int] = lambda s: 1
) -> frozenset[int]:
    """Indices of the question's specific word groups: the rarer half of those the corpus holds.

    A group's idf is that of its rarest own stem the corpus holds. A group the corpus never
    holds (a synonym added by expansion, a misspelling) can make no candidate alike or unlike,
    so it takes no part. The rarer half (at least one group; ties included) and not only the
    rarest: one word can be rare by accident of inflection ("kostade" stems to a rare "kost"
    while the plans write "kostnader"), and the topic is carried by several words.

    Args:
        groups: The question's word groups.
        idf: The corpus idf of a stem.
        df: How many chunks hold a stem (0: none).
    """
    weights = {
        i: max(idf(s) for s in held)
        for i, (own, _) in enumerate(groups)
        if (held := [s for s in own if df(s) > 0])
    }
    if not weights:
        return frozenset()
    ordered = sorted(weights.values(), reverse=True)
    cut = ordered[(len(ordered) + 1) // 2 - 1]
    return frozenset(i for i, w in weights.items() if w >= cut)


def covered(groups: Groups, stems: Iterable[str]) -> frozenset[int]:
    """Indices of the groups whose own stems or synonyms' stems occur in `stems`."""
    present = set(stems)
    return frozenset(i for i, (own, synonyms) in enumerate(groups) if own & present or synonyms & present)


def alike_in_content(
    groups: Groups,
    idf: Callable[[str], float],
    first: Iterable[str],
    other: Iterable[str],
    df: Callable[[str], int] = lambda s: 1,
) -> bool:
    """Whether `other` holds every specific question word `first` holds (and `first` holds one).

    Args:
        groups: The question's word groups (`textnorm.query_groups`).
        idf: The corpus idf of a stem.
        first: Stems of the candidate that answers (heading path and text).
        other: Stems of another unit's candidate.
        df: How many chunks hold a stem (see `specific_groups`).
    """
    specific = specific_groups(groups, idf, df)
    held = covered(groups, first) & specific
    return bool(held) and held <= covered(groups, other)


@dataclass(frozen=True)
class Alternative:
    """Another unit's candidate alike to the answer's: its chunk and its score."""

    chunk: Chunk
    score: float


def other_units(
    snap: Snapshot,
    groups: Groups,
    leader: Chunk,
    candidates: Sequence[tuple[float, Chunk]],
    floor: float,
) -> list[Alternative]:
    """The best candidate of each other unit that is alike to `leader` in kind and content.

    Args:
        snap: The stored documents (a document's unit).
        groups: The question's word groups.
        leader: The chunk the answer quotes.
        candidates: (score, chunk) of every document, best first.
        floor: The lowest score a candidate may have and still be an answer.

    Returns:
        One candidate per unit other than the leader's (best first), empty when none is alike.
    """
    idf = snap.lexical.idf
    unit = _unit(snap, leader.source)
    mine = stems_of(snap, leader)
    seen = {unit}
    found: list[Alternative] = []
    for score, chunk in candidates:
        other = _unit(snap, chunk.source)
        if other in seen or score < floor or not _same_kind(leader, chunk):
            continue
        if alike_in_content(groups, idf, mine, stems_of(snap, chunk), snap.lexical.df):
            seen.add(other)
            found.append(Alternative(chunk, score))
    return found


def _unit(snap: Snapshot, source: str) -> str:
    meta = snap.meta(source)
    return meta.unit or meta.district or meta.source


def _same_kind(a: Chunk, b: Chunk) -> bool:
    # Outcome prose and sections are both passages of running text: a routine told in an award
    # application's result prose is the same kind of item as a plan's routine section.
    prose = (ChunkKind.SECTION, ChunkKind.OUTCOME)
    return a.kind is b.kind or (a.kind in prose and b.kind in prose)


def cited_chunk(snap: Snapshot, citation: Citation) -> Chunk | None:
    """The stored chunk a citation quotes (same document, heading path and text), or None."""
    start = citation.quote.replace("…", " ").split()
    head = " ".join(start[:6])
    for chunk in snap.chunks_of(citation.source):
        if chunk.breadcrumb == citation.section and head in " ".join(chunk.text.split()):
            return chunk
    return None


def clarify_alternatives(
    snap: Snapshot,
    reading: QuestionReading,
    answer: Answer,
    groups: Groups,
    candidates: Sequence[tuple[float, Chunk]],
    floor: float,
) -> Answer | None:
    """A clarification listing the answer's unit and every unit alike to it, or None.

    Args:
        snap: The stored documents.
        reading: The question as read (names no unit: see `names_no_place`).
        answer: The answer a route gave from one document.
        groups: The question's word groups.
        candidates: (score, chunk) of every document's passages, best first.
        floor: The lowest score a candidate may have and still be an answer.
    """
    if not answer.citations or len({c.source for c in answer.citations}) != 1:
        return None
    leader = cited_chunk(snap, answer.citations[0])
    if leader is None:
        return None
    alike = other_units(snap, groups, leader, candidates, floor)
    if not alike:
        return None
    cites = Citations(snap)
    lines = [(leader.source, render_passage(cites, reading, leader, limit=2))]
    lines += [(a.chunk.source, render_passage(cites, reading, a.chunk, limit=2)) for a in alike]
    return clarify_units(snap, reading, cites, lines)


def specific_holders(snap: Snapshot, query: str, chunks: Sequence[Chunk]) -> list[bool]:
    """Whether each chunk holds a specific word of the (expanded) question (`specific_groups`)."""
    groups = query_groups(query)
    specific = specific_groups(groups, snap.lexical.idf, snap.lexical.df)
    return [bool(covered(groups, stems_of(snap, c)) & specific) for c in chunks]
