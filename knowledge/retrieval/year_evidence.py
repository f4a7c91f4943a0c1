"""What the documents say about an earlier year than their own: the year as evidence.

Documents speak of years other than their title's. A kvalitetsutmärkelse for year Y reports
the results of Y-1 and earlier (and some of Y itself: "Årets AMI …"); a plan for Y states last
year's figure beside its target ("Målvärde antal vuxna: Max 975 (2018: 980)") and tells what
was begun the year before. A question that names such a year ("hur många vuxna hade ek
bistånd 2018?", "hur gick det 2018 med …") is answered from the sentences and outcome rows
that name the year and the question's words, not from the document's own year.

This module finds that evidence; `knowledge/answers/past_years.py` renders it, and
`retrieval/selection.py` uses it to admit a document whose metadata does not fit the year
but whose text speaks of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from knowledge.models import Chunk, ChunkKind, DocType, DocumentMeta
from knowledge.retrieval.extract import SYNONYM_CREDIT, sentences
from knowledge.retrieval.quote_features import PREFIX_CREDIT, same_family, same_word
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.outcome_intent import result_cue
from knowledge.understand.reading import QuestionReading
from knowledge.understand.thesaurus import query_groups

# A sentence answers when this idf-weighted share of the question's topic words occurs in it
# (or in it and its section, see `_score`). Same scale as answerer.MIN_PASSAGE_COVERAGE; lower
# because the year itself, the strongest cue, is required on top.
MIN_COVERAGE = 0.5
# How much of a sentence's score comes from the section around it: a table row ("2018 129 133
# +4") or a "Målvärde" line names its subject in the heading or the lines before it.
CONTEXT_WEIGHT = 0.35
# A second sentence of the same chunk, whose own words cover at least this share of the best
# one's, is quoted too (its neighbour often holds the outcome: "Ett annat mål under 2018
# var … Utfallet under 2018 blev …").
SECOND_SENTENCE = 0.5
# The sentence after a year's sentence, naming no year itself, is read with it when it adds
# this much coverage.
FOLLOW_GAIN = 0.2
_OTHER_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# ... when it stands at most this many sentences away.
NEAR = 3
# A question after a value ("hur många", "antal …", "vilken budget") prefers a stored outcome row of the year
# to prose this much below it: the row states the value, prose names the subject.
ROW_BONUS = 0.15
# A row's section is the one that holds its first characters.
PROBE_CHARS = 40
# Of evidence that fits equally, a stored outcome row of that year is the most specific.
_KIND_ORDER = {ChunkKind.OUTCOME: 2, ChunkKind.INDICATOR: 1, ChunkKind.FACT: 1, ChunkKind.SECTION: 0}

# Words of asking about a result, not about its subject: "hur gick det 2018 med …",
# "vad hände med …", "vad blev …". They are left out of the topic scored against sentences.
RESULT_WORDS = frozenset(
    [
        "gick",
        "gar",
        "gatt",
        "hande",
        "hant",
        "blev",
        "bli",
        "var",
        "hade",
        "gjordes",
        "gjorde",
        "gjort",
        "sag",
        "ut",
        "lag",
        "lade",
        "lyckades",
    ]
)
_NUMBER_QUESTION = re.compile(r"\bhur (manga|mycket|stor|hog|lag)\b")
_VALUE_QUESTION = re.compile(
    r"\bantal(et)?\b|\butfall(et)?\b|\bvilket (betyg|varde|resultat)\b|\bvilken (budget|prognos|niva)\b"
    r"|\bvad (ar|var|blev) (budgeten|prognosen|utfallet|vardet|siffran)\b"
)
_NUMBER_WORDS = re.compile(
    r"\b(en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tjugo|hundra|tusen|miljon\w*|halften)\b"
)
_PROSE_KINDS = frozenset((ChunkKind.SECTION, ChunkKind.OUTCOME, ChunkKind.INDICATOR, ChunkKind.FACT))
# "jämfört med 31 året innan", "mot 79 föregående år": a figure of the year before the one the
# sentence names.
_YEAR_BEFORE = re.compile(
    r"\b(?:aret innan|aret fore|foregaende ar|forra aret|aret dessforinnan|ett ar tidigare)\b"
)
# A sentence of a quality-award application that names no year reports the year before the
# application's own (the application for 2021 tells 2020's results). It is read only when no
# text that names the year answers, and then scaled by this: a dated sentence of that pass
# that covers the question as well stays ahead.
UNDATED_WEIGHT = 0.85


@dataclass(frozen=True)
class YearEvidence:
    """The best text about one year: a chunk, the sentences quoted and how well they fit.

    Attributes:
        year: The year the question names.
        chunk: The chunk the sentences come from.
        quoted: Sentences of `chunk.text`, verbatim, in document order.
        score: Topic coverage in [0, 1] (see `_score`).
        outcome_index: For an outcome row, its index in the document's parsed outcomes.
        name: For an outcome row, the name of what it measures.
        position: The chunk's index in the snapshot (-1 when unknown).
        beside: For a value question answered by prose, the year's best outcome row.
    """

    year: int
    chunk: Chunk
    quoted: tuple[str, ...]
    score: float
    outcome_index: int | None = None
    name: str = ""
    position: int = -1
    beside: YearEvidence | None = None


def year_pattern(year: int) -> re.Pattern[str]:
    """The year as a word of its own: not part of a date (2023-01-10) or a range (2016-2018)."""
    return re.compile(rf"(?<![\d\-–/]){year}(?![\d\-–/])")


def explicit_years(reading: QuestionReading) -> list[int]:
    """The years the question writes out (2018, vp23), not relative ones ("förra året")."""
    text = fold(reading.text)
    return [y for y in reading.years if str(y) in text or f"vp{y % 100:02d}" in text]


def speaks_of(meta: DocumentMeta, year: int, results: bool = False) -> bool:
    """Whether a document may report results of `year`: an earlier year than its own.

    A kvalitetsutmärkelse's own year is also its plan year ("Enhetsmål 2019"); it reports
    that year only in part (this spring's survey, the April forecast), so it counts only
    for a question that asks about a result or a value (`results`).
    """
    if meta.year is None:
        return False
    if meta.type is DocType.KVALITETSUTMARKELSE and results:
        return year <= meta.year
    return year < meta.year


_TARGET_WORDS = re.compile(r"\b(mal(et|en)?|malvarde\w*|arsmal\w*|malniva\w*|ska)\b")


def asks_target(reading: QuestionReading) -> bool:
    """Whether a question asks for a target ("målvärdet", "årsmål", "ska") and not what came
    of it: a plan's or application's target is for its own year, an earlier year named beside
    it is the comparison ("Max 975 (2018: 980)"), and the target row answers."""
    folded = fold(reading.text)
    return bool(_TARGET_WORDS.search(folded)) and result_cue(reading.text) is None


def asks_results(reading: QuestionReading) -> bool:
    """Whether a question asks what came of something or for a value (see `speaks_of`)."""
    return asks_value(reading) or result_cue(reading.text) is not None


def topic_groups(reading: QuestionReading) -> list[tuple[set[str], set[str]]]:
    """The question's topic words (result verbs left out) with their synonyms, for coverage."""
    kept = [w for w in (reading.topic or "").split() if fold(w) not in RESULT_WORDS]
    return query_groups(" ".join(kept))


def asks_quantity(reading: QuestionReading) -> bool:
    """'hur många / hur mycket …': the answer must state a number besides the year."""
    return bool(_NUMBER_QUESTION.search(fold(reading.text)))


def asks_value(reading: QuestionReading) -> bool:
    """'hur många …', 'antalet …', 'vilket betyg …': a stored value answers best."""
    return asks_quantity(reading) or bool(_VALUE_QUESTION.search(fold(reading.text)))


def states_number(sentence: str, year: int) -> bool:
    """Whether a sentence states a number other than the year (digits or a number word)."""
    rest = fold(year_pattern(year).sub(" ", sentence))
    return bool(re.search(r"\d", rest) or _NUMBER_WORDS.search(rest))


def relative_year(sentence: str, year: int) -> bool:
    """Whether a sentence states a figure of `year` by naming the year after it: "Under 2020 kom
    23 klagomål in, jämfört med 31 året innan" speaks of 2019 too."""
    folded = fold(sentence)
    return bool(_YEAR_BEFORE.search(folded)) and bool(year_pattern(year + 1).search(sentence))


def reported_year(meta: DocumentMeta) -> int | None:
    """The year a document's undated sentences report: a quality-award application's year
    minus one (the application for 2021 tells 2020's results); None for other documents."""
    if meta.type is DocType.KVALITETSUTMARKELSE and meta.year is not None:
        return meta.year - 1
    return None


def find(
    snap: Snapshot, reading: QuestionReading, sources: list[str], years: list[int] | None = None
) -> YearEvidence | None:
    """The best sentence or outcome row about a year the question names, or None.

    Args:
        snap: The knowledge snapshot.
        reading: The question as read (its topic words score the sentences).
        sources: Documents to look in; only those that may report the year are read.
        years: Years to look for (default: the years the question writes out).

    Returns:
        The best evidence at or above MIN_COVERAGE, or None.
    """
    years = explicit_years(reading) if years is None else years
    groups = topic_groups(reading)
    if not years or not groups:
        return None
    quantity = asks_quantity(reading)
    value = asks_value(reading)
    results = value or result_cue(reading.text) is not None
    asked = set(stem_tokens(f"{reading.text} {reading.topic or ''}"))
    bm25 = snap.lexical.scores(reading.topic or reading.text)
    for year in years:
        pattern = year_pattern(year)
        readable = [s for s in sources if speaks_of(snap.meta(s), year, results)]
        # Text that names the year first; an award's undated sentences only when none does.
        for undated in (False, True):
            candidates = [
                found
                for source in readable
                if not undated or reported_year(snap.meta(source)) == year
                for found in _in_document(snap, source, year, pattern, groups, quantity, undated)
                if found.score >= MIN_COVERAGE
            ]
            if candidates:
                break
        if not candidates:
            continue
        best = max(candidates, key=lambda f: _key(f, asked, value, bm25))
        # "hur gick det med brukarnöjdheten 2020?", "brukarnöjdhet 2020": prose that states no
        # figure names the subject; the year's row beside it gives the result.
        bare = not any(states_number(q, year) for q in best.quoted)
        if (value or bare) and best.chunk.kind is not ChunkKind.OUTCOME:
            # A value asked for and prose won: the year's best outcome row is given beside it.
            rows = [f for f in candidates if f.chunk.kind is ChunkKind.OUTCOME]
            if rows:
                row = max(rows, key=lambda f: _key(f, asked, value, bm25))
                return replace(best, beside=row)
        return best
    return None


def coverage(
    groups: list[tuple[set[str], set[str]]], present: set[str], idf: Callable[[str], float]
) -> float:
    """Idf-weighted share of the topic words in `present`: a synonym or another form of the
    word ("ekonomin" for "ekonomiskt", "prognos" for "prognostiseras") counts partly."""
    total = found = 0.0
    for own, synonyms in groups:
        weight = max(idf(s) for s in own)
        total += weight
        if own & present:
            found += weight
        elif any(same_family(o, present) or same_word(o, present) for o in own):
            found += PREFIX_CREDIT * weight
        elif synonyms & present:
            found += SYNONYM_CREDIT * weight
    return found / total if total else 0.0


def _key(found: YearEvidence, asked: set[str], quantity: bool, bm25: np.ndarray) -> tuple[float, ...]:
    """Best score first (in steps of 0.05: closer is a tie; outcome rows get ROW_BONUS for
    a question after a value); then an outcome row whose whole name the question (or the
    topic it continues) says ("och 2018?" after "målvärde sjukskrivna"); then, for a
    question after a value, an outcome row over
    prose and for other questions prose over rows; then the row
    whose name adds the fewest words the question does not have ("Antal vuxna" before "Unga
    vuxna 18-24 år"); then the chunk's BM25 score for the whole question."""
    extra = len(set(stem_tokens(found.name)) - asked) if found.name else 0
    rank = _KIND_ORDER.get(found.chunk.kind, 0)
    position = found.position
    lexical = float(bm25[position]) if 0 <= position < len(bm25) else 0.0
    bonus = ROW_BONUS if quantity and found.chunk.kind is ChunkKind.OUTCOME else 0.0
    named = int(bool(found.name) and extra == 0)
    return (round((found.score + bonus) * 20), named, rank if quantity else -rank, -extra, lexical)


def _in_document(
    snap: Snapshot,
    source: str,
    year: int,
    pattern: re.Pattern[str],
    groups: list[tuple[set[str], set[str]]],
    quantity: bool,
    reported: bool = False,
) -> list[YearEvidence]:
    """The evidence about `year` in one document: per chunk, its best sentence (or the row).

    A sentence speaks of the year when it names it, when it names the next year and a figure
    of "året innan" (`relative_year`), or, when `reported` (the document's undated sentences
    report this year, see `reported_year`), when it names no year at all (scaled by
    UNDATED_WEIGHT).
    """
    chunks = snap.chunks_of(source)
    sections: list[tuple[str, str]] = []  # (whitespace-collapsed, verbatim), built when a row needs them
    outcomes = snap.parsed[source].outcomes if source in snap.parsed else []
    idf = snap.lexical.idf
    found: list[YearEvidence] = []
    after = year_pattern(year + 1)
    for chunk in chunks:
        if chunk.kind not in _PROSE_KINDS:
            continue
        named = bool(pattern.search(chunk.text))
        if not named and not (reported and chunk.kind is ChunkKind.SECTION) and not after.search(chunk.text):
            continue
        index = None
        if chunk.kind is ChunkKind.OUTCOME:
            # A row of a multi-year table is stored once per year: keep the row of this year.
            outcome = outcomes[chunk.ref] if chunk.ref is not None and chunk.ref < len(outcomes) else None
            if outcome is None or outcome.year != year:
                continue
            index = chunk.ref
        if chunk.kind is not ChunkKind.SECTION and not sections:
            sections = [(" ".join(c.text.split()), c.text) for c in chunks if c.kind is ChunkKind.SECTION]
        context = _context(chunk, sections)
        context_stems = set(stem_tokens(chunk.breadcrumb + " " + context))
        if index is not None:
            context_stems |= set(stem_tokens(outcomes[index].indicator))
        scored = []
        # A stored row (outcome, indicator, budget) is read whole: its header is part of it.
        parts = sentences(chunk.text) if chunk.kind is ChunkKind.SECTION else [chunk.text]
        for k, sentence in enumerate(parts):
            weight = _weight(sentence, year, pattern, reported and chunk.kind is ChunkKind.SECTION)
            if not weight or (quantity and not states_number(sentence, year)):
                continue
            stems = set(stem_tokens(sentence))
            own = weight * coverage(groups, stems, idf)
            quote: tuple[str, ...] = (sentence,)
            follow = parts[k + 1] if k + 1 < len(parts) else ""
            if follow and not _OTHER_YEAR.search(follow):
                # The next sentence, naming no year, goes on about this one ("2018 vände trenden … Hässelby
                # sticker ut tillsammans med Farsta …"): it counts when it adds the question's words.
                both = weight * coverage(groups, stems | set(stem_tokens(follow)), idf)
                if both >= own + FOLLOW_GAIN:
                    own, quote, stems = both, (sentence, follow), stems | set(stem_tokens(follow))
            around = weight * coverage(groups, stems | context_stems, idf)
            scored.append((max(own, (1 - CONTEXT_WEIGHT) * own + CONTEXT_WEIGHT * around), own, k, quote))
        if not scored:
            continue
        top, top_own, at, first = max(scored)
        # A nearby sentence about the same year and words is quoted too.
        second = [
            (own, q)
            for _, own, k, q in scored
            if q != first and abs(k - at) <= NEAR and own > 0 and own >= SECOND_SENTENCE * top_own
        ]
        picked = {*first, *(s for _, q in sorted(second, reverse=True)[:1] for s in q)}
        quoted = sorted(picked, key=chunk.text.find)
        name = outcomes[index].indicator if index is not None else ""
        found.append(
            YearEvidence(year, chunk, tuple(quoted), top, index, name, snap.position.get(chunk.id, -1))
        )
    return found


def _weight(sentence: str, year: int, pattern: re.Pattern[str], undated_ok: bool) -> float:
    """How far a sentence speaks of `year`: 1 when it names it or states it as "året innan",
    UNDATED_WEIGHT when it names no year and the document's undated sentences report the year,
    else 0."""
    if pattern.search(sentence) or relative_year(sentence, year):
        return 1.0
    if undated_ok and not _OTHER_YEAR.search(sentence):
        return UNDATED_WEIGHT
    return 0.0


def _context(chunk: Chunk, sections: list[tuple[str, str]]) -> str:
    """The section text a row stands in (itself for a section chunk); whitespace is not
    compared (a row is stored on one line, its section keeps the document's line breaks)."""
    if chunk.kind is ChunkKind.SECTION:
        return chunk.text
    probe = " ".join(chunk.text.split())[:PROBE_CHARS]
    return next((text for flat, text in sections if probe and probe in flat), "")
