"""A described situation matched to a routine by the routine's whole content, not its title.

Staff describe the situation, not the routine's name: "om nån blir av med boendet en
fredagkväll, hur funkar det hos oss då?" is the "Rutin för akut hemlöshet utanför kontorstid",
whose heading shares no word with the question; its scope line and steps do ("bostadslösa på
kvällar", "akut boende"). "vi ska bygga om receptionen, hur går vi igenom riskerna?" is the
numbered risk analysis in a section whose example is that very rebuild.

So each routine the snapshot recognised (store/routines.py) is described by everything that
says what it is for: its heading path, its scope, its steps and, for a step block inside a
longer section, that section's prose. A question matches a routine when most of what the
question is about (its content stems, weighted by how rare they are in the corpus) is in that
description. The share is read the same way as the heading share of answers/procedure.py: the
majority of the evidence, no value fit on any question set.

Words the corpus never uses say nothing about which routine is meant ("fredagkväll" when no
document has it): they are left out of the share, but a compound's known parts ("kväll") and
the index's stand-ins for an unknown word stay in. Words that name a unit or district are the
selection's evidence (retrieval/selection.py), not the routine's.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass

from knowledge.models import Chunk
from knowledge.retrieval.question_heads import stand_ins
from knowledge.retrieval.quote_features import same_family
from knowledge.store.routines import Routine
from knowledge.textnorm import fold, stem_tokens

# A routine answers when it holds this share of the question's content (idf-weighted): the
# majority of what the question is about, as for a routine's heading (answers/procedure.py).
MIN_CONTENT_SHARE = 0.5
# A situation is more than one word: a single shared word is a topic, not the same situation.
MIN_SHARED_STEMS = 2


@dataclass(frozen=True)
class RoutineMatch:
    """A routine, its chunk and the share of the question its description holds."""

    routine: Routine
    chunk: Chunk
    share: float


def described_stems(chunk: Chunk) -> frozenset[str]:
    """Stems of a section's headings and text: what its routines are described by.

    The breadcrumb's first part is the document's title (type, year, unit): metadata, which
    chooses the document, not the routine. A pure function of the chunk, so
    `Snapshot.derived` keeps it for the snapshot's life.
    """
    headings = chunk.breadcrumb.split("›")[1:]
    return frozenset(stem_tokens("\n".join([*headings, chunk.text])))


@dataclass(frozen=True)
class QuestionStem:
    """One content stem of the question and the stems that count as it in a description."""

    stem: str
    alternatives: frozenset[str]


def question_stems(
    words: Iterable[str],
    parts: Callable[[str], tuple[str, ...]],
    vocabulary: Container[str],
    family: Callable[[str], Iterable[str]],
    place: frozenset[str],
) -> list[QuestionStem]:
    """The question's content stems the corpus knows, each with its alternatives.

    Args:
        words: The question's topic words.
        parts: A word's stem and the stems of its compound parts.
        vocabulary: The index's stems (an unknown stem counts only through its stand-ins).
        family: Other corpus stems of the same word in another word class ("klag" -> klagomal).
        place: Stems of the documents' titles, units and districts (left out, with the words
            they begin: "vem vann kvalitetsutmärkelsen 2019?" names a document, no routine).
    """
    out: dict[str, QuestionStem] = {}
    for word in words:
        for term in parts(fold(word)):
            if term in out or term in place or same_family(term, place):
                continue  # "försörjningsstöd" for Försörjningsstödsenheten names the unit
            alternatives = {term, *stand_ins(term, vocabulary), *family(term)}
            if term not in vocabulary and len(alternatives) == 1:
                continue  # a word no document uses: no evidence for any routine
            out[term] = QuestionStem(term, frozenset(alternatives))
    return list(out.values())


def content_share(
    question: list[QuestionStem], present: frozenset[str], idf: Callable[[str], float]
) -> tuple[float, int]:
    """Idf-weighted share of the question's stems found in a description, and how many were found.

    A stem is found when the description holds it, one of its alternatives, or a longer stem of
    its family (`same_family`: "boend" in "boendeutredning").
    """
    total = found = 0.0
    shared = 0
    for q in question:
        weight = idf(q.stem)
        total += weight
        if q.alternatives & present or any(same_family(a, present) for a in q.alternatives):
            found += weight
            shared += 1
    return (found / total if total else 0.0), shared


def best_matches(
    routines: Iterable[tuple[Routine, Chunk, frozenset[str]]],
    question: list[QuestionStem],
    idf: Callable[[str], float],
) -> list[RoutineMatch]:
    """The routines whose description holds most of the question, best first.

    Args:
        routines: Each routine with its chunk and its description's stems.
        question: The question's content stems (`question_stems`).
        idf: Weight of a stem.
    """
    out = []
    for routine, chunk, present in routines:
        share, shared = content_share(question, present, idf)
        if share >= MIN_CONTENT_SHARE and shared >= MIN_SHARED_STEMS:
            out.append(RoutineMatch(routine, chunk, share))
    return sorted(out, key=lambda m: -m.share)
