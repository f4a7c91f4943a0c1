"""A unit-less question on a topic every unit writes about, answered from one unit.

"hur många bitr chefer har vi?", "hur stor är vår budget?", "vad vill vi uppnå med samverkan
med jobbtorg?": every word of such a question is used in the documents of every unit, so
nothing in it points at one unit's item, and the answer a route gives from one unit's document
reads as everyone's. `unit_disagreement.disagreement` catches this only when the ranked pool
is confident and its winner is another unit; here the pool may agree with the route or be
unsure (a budget table, a goal), while another unit's passage covers the question about as
well as the answer's unit does.

Three signals together, each cheap and none fitted per question:
- the question is generic: each of its content words occurs in the documents of every unit
  (a question naming one unit's item, "kravatten", "boskola", "SIP", has a word some unit
  never uses, and is left alone: that was nine answerable questions in ten when coverage
  alone was the signal, notes/ambiguity4.md);
- another unit's best lexical passage covers the question well (`MIN_COVERAGE`) and almost as
  well as the answer's unit (`COVERAGE_MARGIN`);
- the ranked pool finds that unit plausible too: its best candidate is at least
  `POOL_SHARE` as probable as the best candidate of the answer's unit.

Measured on the tune splits (2026-12-01, follow-ups left out of the diagnostic since their
reading depends on the conversation): the three together held three ambiguous questions and
one answerable one; each signal alone held between 30 and 260 answerable questions. In the
full tune run three ambiguous questions were clarified and two answerable ones (one kept its
fact in the clarification, the other had none before).

Row answers (counts, budget tables) are checked as well: "hur stor är vår budget?" is answered
from the rows before any route, so the check runs there too (`Answerer._route`).
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.answer import Answer
from knowledge.answers.unit_disagreement import Disagreement, unit_key
from knowledge.retrieval.ranker import Ranked, Ranking, chunk_stems
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import stem_tokens
from knowledge.understand.reading import QuestionReading

# Another unit's best passage must cover this share of the question's content words ...
MIN_COVERAGE = 0.7
# ... and lie at most this far below the coverage of the answer's unit.
COVERAGE_MARGIN = 0.2
# The pool's best candidate of that unit against the best of the answer's unit.
POOL_SHARE = 0.5


@dataclass(frozen=True)
class UnitsOfStems:
    """For one snapshot, the units whose documents use each stem.

    Attributes:
        generation: The snapshot's catalog generation.
        units: Every unit of the snapshot (`unit_key`).
        of_stem: Per stem, the units whose chunks (text or breadcrumb) use it.
    """

    generation: int
    units: frozenset[str]
    of_stem: dict[str, frozenset[str]]


# Built once per snapshot (about 10 ms over the samples after warm-up, which memoises the chunks'
# stems), then a dictionary lookup per word.
# Keyed by the snapshot object (two data dirs in one process share generation numbers); the
# snapshot is kept in the value so its id is not reused while cached.
_CACHE: dict[int, tuple[Snapshot, UnitsOfStems]] = {}
_CACHE_SIZE = 4


def units_of_stems(snap: Snapshot) -> UnitsOfStems:
    """The units whose documents use each stem (cached per snapshot)."""
    hit = _CACHE.get(id(snap))
    if hit is not None and hit[0] is snap:
        return hit[1]
    found: dict[str, set[str]] = {}
    for chunk in snap.chunks:
        unit = unit_key(snap, chunk.source)
        for stem in chunk_stems(chunk):
            found.setdefault(stem, set()).add(unit)
    built = UnitsOfStems(
        generation=snap.generation,
        units=frozenset(unit_key(snap, m.source) for m in snap.metas),
        of_stem={s: frozenset(u) for s, u in found.items()},
    )
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(snap)] = (snap, built)
    return built


def is_generic(snap: Snapshot, reading: QuestionReading) -> bool:
    """Whether every content word of the question is used in the documents of every unit.

    Words no document uses (typos, chat words) say nothing about the unit and are skipped; a
    question with no word any document uses is not generic.
    """
    index = units_of_stems(snap)
    if len(index.units) < 2:
        return False
    stems = [s for s in stem_tokens(reading.topic or reading.text) if s in index.of_stem]
    return bool(stems) and all(index.of_stem[s] >= index.units for s in stems)


def best_per_unit(snap: Snapshot, ranking: Ranking) -> dict[str, Ranked]:
    """The pool's most probable candidate of each unit."""
    best: dict[str, Ranked] = {}
    for ranked in ranking.items:
        unit = unit_key(snap, ranked.candidate.source)
        if unit not in best or ranked.probability > best[unit].probability:
            best[unit] = ranked
    return best


def generic_disagreement(
    snap: Snapshot,
    reading: QuestionReading,
    answer: Answer,
    ranking: Ranking,
    coverage: dict[str, float],
) -> Disagreement | None:
    """Other units that answer a generic unit-less question as well as the answer's unit.

    Args:
        snap: The stored documents.
        reading: The question as read (after the conversation's context).
        answer: The routes' one-unit answer to a question naming no unit
            (`unit_disagreement.applies` holds).
        ranking: The ranked candidate pool.
        coverage: Per unit (`unit_key`), the routes' best lexical coverage of the question.

    Returns:
        The answer's unit and the pool's best candidate of each other unit that passes the
        rule (most probable first), or None when the question is not generic or no other
        unit passes.
    """
    if not ranking.items or not is_generic(snap, reading):
        return None
    unit = unit_key(snap, answer.citations[0].source)
    own_cov = coverage.get(unit, 0.0)
    best = best_per_unit(snap, ranking)
    own_p = best[unit].probability if unit in best else 0.0
    others = [
        ranked
        for other, ranked in best.items()
        if other != unit
        and coverage.get(other, 0.0) >= max(MIN_COVERAGE, own_cov - COVERAGE_MARGIN)
        and ranked.probability >= POOL_SHARE * own_p
    ]
    if not others:
        return None
    others.sort(key=lambda r: -r.probability)
    return Disagreement(
        unit=unit, source=answer.citations[0].source, others=tuple(others), pool=tuple(ranking.items)
    )
