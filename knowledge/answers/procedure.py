"""A routine answered from the section whose heading names the procedure asked about.

Plans and award applications write their routines as sections of their own: "4.2 Rutin för
orosanmälan när barn finns i hushållet", "Rutin när en brukare inte öppnar vid boendestödsbesök",
"Rutin för synpunkter och klagomål". The heading states the routine's topic in a few words;
the steps below it rarely repeat them ("1. Socialjouren tar emot ärendet …"). Staff ask in
their own, longer words ("orosanmälan på ett barn, skriver vi den nånstans eller räcker det att
ringa?"), so the share of the *question's* words found in a step is low even in the right
section, and the passage search declines or quotes another unit's prose.

The heading is the better evidence: when most of a routine heading's content words (weighted by
how rare they are) occur in the question, that section is the routine asked about. Its steps are
then quoted in order, the whole step block for a question about the procedure as a whole
(answers/passage.py, retrieval/procedure_block.py). When routines of several units match and
the question names no unit, it is left to the other answers (which clarify).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.answers.passage import Quote, join_lines, pick_quote
from knowledge.answers.phrasing import doc_label
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import MAX_LIST_CHARS, sentences, verbatim_span
from knowledge.retrieval.procedure_block import is_step
from knowledge.retrieval.question_heads import index_stems, stand_ins
from knowledge.retrieval.quote_features import same_family
from knowledge.retrieval.routine_match import (
    QuestionStem,
    RoutineMatch,
    best_matches,
    content_share,
    described_stems,
    question_stems,
)
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.answer_types import AnswerType, asked_types
from knowledge.understand.procedure import situation_words
from knowledge.understand.reading import Intent, QuestionReading

# "4.2 Rutin för …", "Rutin vid …", "Rutiner när …" (folded, any section number before it).
_ROUTINE_HEADING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?rutin(?:en|er|erna)?\b\s*(?P<topic>.*)$")
# A routine section answers when the question holds this share of its heading's content words,
# idf-weighted: the majority of what the heading says the routine is about.
MIN_HEADING_SHARE = 0.5


@dataclass(frozen=True)
class RoutineSection:
    """A section that is a routine, with how much of its heading the question holds."""

    chunk: Chunk
    share: float


def routine_topic(chunk: Chunk) -> str | None:
    """The words after "Rutin" in the chunk's own heading (folded), or None for other sections."""
    heading = fold(chunk.breadcrumb.split("›")[-1])
    m = _ROUTINE_HEADING.match(heading)
    return m.group("topic") if m else None


def heading_share(
    question: set[str], topic: str, idf: Callable[[str], float], parts: Callable[[str], tuple[str, ...]]
) -> float:
    """Idf-weighted share of the heading's content words that the question holds.

    A heading word counts when the question has its stem, a stem of its family ("anmälan" ~
    "anmäla"), or a part of it ("boendestödsbesök" holds "besök") or the question's word is a
    part of it.

    Args:
        question: The question's stems, with the parts of its compounds.
        topic: The heading's words after "Rutin" (folded).
        idf: Weight of a stem (rarer words say more about which routine it is).
        parts: A word's stem and the stems of its compound parts.
    """
    total = found = 0.0
    for word in topic.split():
        own = stem_tokens(word)
        if not own:
            continue  # "för", "när", "vid": function words
        weight = idf(own[0])
        total += weight
        stems = set(parts(word)) | set(own)
        if stems & question or any(same_family(s, question) for s in stems):
            found += weight
    return found / total if total else 0.0


def routine_sections(ask: Ask) -> list[RoutineSection]:
    """The routine sections of the chosen documents whose heading the question holds, best first."""
    lexical = ask.snap.lexical
    tokenizer = getattr(lexical, "tokenizer", None)

    def parts(word: str) -> tuple[str, ...]:
        return tuple(tokenizer.terms([fold(word)])) if tokenizer is not None else tuple(stem_tokens(word))

    question: set[str] = set()
    stems = index_stems(lexical)
    for word in (ask.reading.topic or ask.reading.text).split():
        for term in parts(word):
            question |= {term, *stand_ins(term, stems)}  # "hotfull" also reads as "hot"
    found = []
    for source in ask.sources:
        for chunk in ask.snap.chunks_of(source):
            if chunk.kind is not ChunkKind.SECTION or (topic := routine_topic(chunk)) is None:
                continue
            share = heading_share(question, topic, lexical.idf, parts)
            if share >= MIN_HEADING_SHARE:
                found.append(RoutineSection(chunk, share))
    return sorted(found, key=lambda r: -r.share)


def _whole(chunk: Chunk) -> Quote | None:
    """The whole section as one quote (its sentences, list items on lines of their own).

    Lines that end no sentence and are no step (a running page header left in the section,
    "ENSKEDE-ÅRSTA-VANTÖRS STADSDELSFÖRVALTNING VERKSAMHETSPLAN 2022") are not part of it.
    """
    parts = [p for p in sentences(chunk.text) if p.rstrip().endswith((".", "!", "?", ":")) or is_step(p)]
    return Quote(join_lines(parts), verbatim_span(chunk.text, parts)) if parts else None


def applies(ask: Ask) -> bool:
    """A question about how something is done (or with no other kind) may name a routine."""
    return ask.reading.intent in (Intent.ROUTINE, Intent.GENERAL)


# Stems of the documents' titles, units and districts, per snapshot (few documents' metadata; kept so a
# question does not stem them again).
_PLACE: dict[int, tuple[object, frozenset[str]]] = {}


def _place_stems(snap: Snapshot) -> frozenset[str]:
    cached = _PLACE.get(id(snap))
    if cached is not None and cached[0] is snap:
        return cached[1]
    stems = frozenset(
        s for m in snap.metas for name in (m.unit, m.district, m.title) if name for s in stem_tokens(name)
    )
    _PLACE.clear()
    _PLACE[id(snap)] = (snap, stems)
    return stems


# What a routine's steps do not answer as a whole: how often, how much, how many, why. "hur
# ofta följs besluten upp?" is one line of some section, not the routine that mentions the
# follow-up; who, when and where are in the steps ("vem ringer jag när …").
_NOT_STEPS = frozenset(
    (AnswerType.FREQUENCY, AnswerType.AMOUNT, AnswerType.COUNT, AnswerType.AGE, AnswerType.REASON)
)


def describes_situation(reading: QuestionReading) -> bool:
    """The question may describe a situation a routine is for: a how/what-do-we-do question.

    Questions of other kinds (goals, indicators, counts) and questions for a frequency, amount,
    count or reason are left to their own answers.
    """
    if reading.intent not in (Intent.ROUTINE, Intent.GENERAL):
        return False
    return not asked_types(fold(reading.text)) & _NOT_STEPS


def _situation(ask: Ask) -> list[QuestionStem]:
    """The question's situation stems the corpus knows (`routine_match.question_stems`)."""
    snap = ask.snap
    lexical = snap.lexical
    tokenizer = getattr(lexical, "tokenizer", None)

    def parts(word: str) -> tuple[str, ...]:
        return tuple(tokenizer.terms([word])) if tokenizer is not None else tuple(stem_tokens(word))

    return question_stems(
        situation_words(ask.reading.text),
        parts,
        index_stems(lexical),
        snap.derivations.family,
        _place_stems(snap),
    )


def described_routines(ask: Ask) -> list[RoutineMatch]:
    """The recognised routines of the chosen documents whose whole content holds the question.

    The question's situation words are matched, not its topic (`situation_words`), against
    everything that describes each routine (`routine_match`).
    """
    if not describes_situation(ask.reading):
        return []
    question = _situation(ask)
    if not question:
        return []
    snap = ask.snap
    routines = []
    for source in ask.sources:
        for routine in snap.routines_of(source):
            index = snap.position.get(routine.chunk_id)
            if index is not None:
                chunk = snap.chunks[index]
                routines.append((routine, chunk, snap.derived(chunk, described_stems)))
    return best_matches(routines, question, snap.lexical.idf)


def _candidates(ask: Ask) -> list[tuple[Chunk, int, int]]:
    """The routines that may answer, best first: by heading, unless another holds more of the situation.

    A heading is matched by a few words, and generic ones match several headings: "mitt i en
    insats dyker det upp nåt som gör mig orolig för ett av barnen" holds "insats" of "Rutin för
    avslut av insats" (half its heading) while "Rutin när oro uppstår under en pågående insats"
    holds the worry, the insats and the steps asked for. When a routine described by its whole
    content holds more of the question's situation than the routine its heading names
    (`content_share` of both, the same measure), the situation decides.
    """
    named = routine_sections(ask)
    described = described_routines(ask)
    by_content = [(m.chunk, m.routine.start, m.routine.end) for m in described]
    if not named:
        return by_content
    by_heading = [(r.chunk, 0, len(r.chunk.text)) for r in named]
    if described and described[0].chunk.id != named[0].chunk.id:
        held, _ = content_share(
            _situation(ask), ask.snap.derived(named[0].chunk, described_stems), ask.snap.lexical.idf
        )
        if described[0].share > held:
            return by_content
    return by_heading


def _block_chunk(chunk: Chunk, start: int, end: int) -> Chunk:
    """The chunk cut to one routine's text (the OCR repair cut alike), for choosing lines in it."""
    repaired = chunk.repaired[start:end] if chunk.repaired is not None else None
    return chunk.model_copy(update={"text": chunk.text[start:end], "repaired": repaired})


def _quote_routine(chunk: Chunk, start: int, end: int, reading: QuestionReading) -> Quote | None:
    """The routine's lines to quote: all of them in order, or the best ones of a long routine.

    A routine up to a list's length is quoted whole, whatever detail is asked: it is one
    procedure, and its steps need not repeat the question's words ("… avbryts besöket och
    samordnaren kontaktas"). A question for a detail (who, how soon, when) is no exception:
    every line of the routine shares its topic, so the words that tell the lines apart are the
    answer's own ("Rapporten lämnas till enhetschefen, som … inom två veckor beslutar"), which
    the question cannot name; and the who and the when of one step are often written in
    another ("Ansvar: …", "Händelsen dokumenteras i journalen samma dag"). A longer routine is
    read in order for a question about it as a whole (`passage.reads_in_order`), else its best
    lines are chosen. A step block inside a longer section is cut out first, so its lines are
    chosen among the routine's own.
    """
    block = _block_chunk(chunk, start, end) if (start, end) != (0, len(chunk.text)) else chunk
    routine_reading = reading.model_copy(update={"intent": Intent.ROUTINE})
    if len(block.text) <= MAX_LIST_CHARS:
        return _whole(block)
    return pick_quote(block, routine_reading, limit=3)


def routine_answer(ask: Ask) -> Answer | None:
    """The routine the question names or describes, quoted in order; None when none or several."""
    candidates = _candidates(ask)
    if not candidates:
        return None
    chunk, start, end = candidates[0]
    unit = ask.snap.meta(chunk.source).unit
    if not ask.reading.names_one and any(ask.snap.meta(c.source).unit != unit for c, _, _ in candidates[1:]):
        # Another unit's routine is named by the question too (both hold most of their heading's
        # words): no unit named, so neither is the answer alone; the passage answers clarify.
        return None
    cites = Citations(ask.snap)
    quote = _quote_routine(chunk, start, end, ask.reading)
    line = f"{quote.text} {cites.cite(chunk, quote.span)}" if quote else cites.cite(chunk)
    if quote is None:
        line = f"{' '.join(chunk.text[start:end].split())} {line}"
    source = chunk.source
    return Answer(
        answer=f"Enligt {doc_label(ask.snap, source)}:\n\n{line}",
        kind=AnswerKind.ROUTINE,
        citations=cites.items,
        context=answer_context(ask.snap, source, ask.reading),
    )
