"""What a whole is made of: "vilka verksamheter ingår i …", "hur många team är … uppdelad i?".

The plans state a unit's parts in one sentence whose subject is the unit and whose verb says
"consists of": "Stöd- och aktivitetsenheten består av boendestöd, …, träfflokaler och
sysselsättningsverksamheter", "Enheten för ekonomiskt bistånd och beroende är en sammanslagen
enhet bestående av verksamhetsområdena Ekonomiskt bistånd, Beroende samt Resursgruppen vuxna",
"Enheten är uppdelat på fyra team". Staff ask the converse ("vad *ingår* i enheten", "vilka
delar är vi *ihopslagna* av") with words no list lead repeats and with the unit's name, which
the list answers leave out as a place. So a composition question is read by its relation, not
its words: the question says "consists of" (or asks for a unit's parts by a word such as
"delar", "team", "verksamheter"), and the answer is the sentence or list that says "consists
of" about the same whole: the unit itself when the question names nothing else, otherwise the
thing the question names ("ledningsgruppen", "Finsam-teamen"). A count is the number the
sentence states ("tre olika team"), else the length of its series or list.

The cue words are data (`understand/composition.tsv`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from core.vocab import packaged_text, rows
from knowledge.answer import Answer, AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.cue_words import cue_word, matches
from knowledge.answers.enumeration_kinds import asked_kind, names_kind, whole_sentences
from knowledge.answers.enumerations import coverage, enumerations, series_items, topic_groups
from knowledge.answers.prose_counts import MIN_CONTEXT, Groups, Stated, counted_word, render_stated
from knowledge.answers.stated_counts import NUMBER_WORDS
from knowledge.models import Chunk, ChunkKind
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.reading import QuestionReading

DATA_FILE = "composition.tsv"


class Role(StrEnum):
    """What a cue of the table is."""

    VERB = "verb"  # states or asks "consists of"
    PART = "part"  # names a unit's parts without naming a kind of thing
    GROUP = "group"  # names one kind of subdivision ("team"), which the answer must name


@dataclass(frozen=True)
class Cue:
    """One cue: its role and folded words (a trailing `*` matches every word it begins)."""

    role: Role
    words: tuple[str, ...]


def parse(text: str, name: str = DATA_FILE) -> tuple[Cue, ...]:
    """Parse the cue table.

    Args:
        text: The table's text.
        name: The file name, for error messages.

    Returns:
        The cues in table order.

    Raises:
        VocabError: A line is not `verb|part|group <TAB> words`.
    """
    roles = {r.value: r for r in Role}
    cues: list[Cue] = []
    for row in rows(text, name):
        parts = row.cells
        if len(parts) != 2 or parts[0] not in roles:
            raise row.error("'verb|part|group<TAB>ord'")
        words = tuple(cue_word(w) for w in parts[1].split())
        if not words:
            raise row.fail("ingen fras")
        cues.append(Cue(roles[parts[0]], words))
    return tuple(cues)


@lru_cache(maxsize=1)
def cue_table() -> tuple[Cue, ...]:
    """The packaged cue table, read once."""
    return parse(packaged_text("knowledge.understand", DATA_FILE))


_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(fold(text)))


def verb_span(text: str, cues: tuple[Cue, ...] | None = None) -> tuple[int, int] | None:
    """Where a text states "consists of": the character span of its first verb phrase, or None.

    The whole phrase must stand together ("består av"), so "består till stor del av att …"
    states no parts. Spans index the text itself (folding keeps its length).

    Args:
        text: A sentence or a list's lead.
        cues: The cue table (the packaged one when None).
    """
    verbs = [c.words for c in cues or cue_table() if c.role is Role.VERB]
    if len(fold(text)) != len(text):
        return None  # a character folded to two: spans would not index the text
    found = _tokens(text)
    words = [m.group(0) for m in found]
    best: tuple[int, int] | None = None
    for phrase in verbs:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if all(matches(p, w) for p, w in zip(phrase, words[i : i + n], strict=True)):
                span = (found[i].start(), found[i + n - 1].end())
                if best is None or span[0] < best[0]:
                    best = span
                break
    return best


@dataclass(frozen=True)
class CompositionAsk:
    """A question read as asking what a whole consists of."""

    counting: bool
    kind: str | None  # the asked kind's stem, None when the question names none
    part_kind: bool  # the kind is a word for parts ("delar", "verksamheter"): any part counts
    # The words naming the whole, a unit's or district's name included ("boendestödet",
    # "försörjningsstödsenheten"); empty: the asker's own unit ("vår enhet", "vi").
    whole: Groups
    # Those of them that are no unit's or district's name ("ledningsgruppen"): a sentence
    # about the unit ("Enheten består av …") does not name them.
    unnamed: Groups


_ASKING = re.compile(r"\b(?:vilka|vilken|vilket|vad|vem|hur manga|lista|rakna upp)\b")
_COUNTING = re.compile(r"\bhur manga\b")


# Words for the asker's own unit: "vår enhet", "vi": the whole is then the unit asked about.
_OWN_UNIT = frozenset({"enhet", "vi", "var", "oss", "verksam"})


def read_composition(snap: Snapshot, reading: QuestionReading) -> CompositionAsk | None:
    """The question as a composition question, or None when it asks something else.

    It asks with a list or count word and either says "consists of" in some form ("ingår",
    "består", "uppdelad", "ihopslagen") or asks for a unit's parts by a word for parts
    ("vilka delar …", "hur många team har vi"). The words left once the asking, the cue, the
    kind are gone name the whole; none left, the whole is the asker's unit.

    Args:
        snap: The knowledge snapshot.
        reading: The read question.
    """
    folded = fold(reading.text)
    if not _ASKING.search(folded):
        return None
    words = [m.group(0) for m in _tokens(reading.text)]
    verbs = [c.words[0] for c in cue_table() if c.role is Role.VERB]
    parts = [c.words[0] for c in cue_table() if c.role is Role.PART]
    groups = [c.words[0] for c in cue_table() if c.role is Role.GROUP]
    # The question's own words that say "consists of" ("ingår", "ihopslagen") and name parts.
    said_verbs = {w for w in words if any(matches(v, w) for v in verbs)}
    said_parts = {w for w in words if any(matches(p, w) for p in parts)}
    said_groups = {w for w in words if any(matches(g, w) for g in groups)}
    cue_stems = {s for w in said_verbs | said_parts for s in stem_tokens(w)}
    kind = asked_kind(reading.text)
    if kind is not None and kind in {s for w in said_verbs for s in stem_tokens(w)}:
        kind = None  # "vilka ingår i …": the verb, not a kind
    part_kind = kind is not None and kind in {s for w in said_parts for s in stem_tokens(w)}
    group_kind = kind is not None and kind in {s for w in said_groups for s in stem_tokens(w)}
    if not said_verbs and not part_kind and not group_kind:
        return None

    def naming(groups: Groups) -> Groups:
        return [
            (own, syn)
            for own, syn in groups
            if not own & cue_stems and (kind is None or kind not in own) and not own & _OWN_UNIT
        ]

    whole = naming(topic_groups(snap, reading, keep_names=True))
    unnamed = naming(topic_groups(snap, reading))
    return CompositionAsk(bool(_COUNTING.search(folded)), kind, part_kind, whole, unnamed)


# A count the sentence states right after its verb ("består av tre olika team", "tio lägenheter").
_NUMBER = re.compile(
    r"^\W*(?:[a-z]+\s+){0,2}?(?P<n>\d{1,3}|" + "|".join(NUMBER_WORDS) + r")\s+(?P<rest>.*)$", re.S
)
# Words between a stated number and the counted noun ("tre *olika* team").
MAX_BETWEEN = 2


@dataclass(frozen=True)
class _Found:
    chunk: Chunk
    quote: str  # verbatim chunk text: the sentence, or a lead with its list
    subject: str  # what the sentence says consists of something
    rest: str  # what it consists of
    items: tuple[str, ...]  # its series' or list's items (empty: none)
    lines: bool


def _statements(chunk: Chunk) -> list[_Found]:
    """Every "X consists of Y" of a prose section: sentences, and leads of lists under them.

    A sentence whose first line leads a list of lines ("Enheten består av följande delar:")
    is quoted with its list, whose lines are its items.
    """
    found: list[_Found] = []
    # Each list's lead line -> the list quoted with its lead, and its items.
    led = {e.lead: (e.quote, e.items) for e in enumerations(chunk) if e.lines and e.lead}
    for sentence in whole_sentences(chunk.text):
        span = verb_span(sentence)
        if span is None:
            continue
        subject, rest = sentence[: span[0]], sentence[span[1] :]
        listed = led.get(sentence.split("\n", 1)[0].strip())
        if listed is not None:
            found.append(_Found(chunk, listed[0], subject, rest, listed[1], True))
        else:
            found.append(_Found(chunk, sentence, subject, rest, tuple(series_items(sentence)), False))
    return found


def _kind_and_text(chunk: Chunk) -> tuple[ChunkKind, str]:
    """All `_statements` reads of a chunk: chunks of the same kind and text share its statements."""
    return chunk.kind, chunk.text


def _rebound(found: list[_Found], chunk: Chunk) -> list[_Found]:
    """Statements read from another chunk of the same text, pointing at `chunk` (cited)."""
    return [replace(f, chunk=chunk) for f in found]


def statements(snap: Snapshot, chunk: Chunk) -> list[_Found]:
    """`_statements` of a section, built once per snapshot for all chunks of the same text."""
    return snap.derived(chunk, _statements, _kind_and_text, _rebound)


def _names_unit(subject: str) -> bool:
    """Whether a sentence's subject is a unit ("Enheten", "Stöd- och aktivitetsenheten")."""
    return any(s == "enhet" or s.endswith("enhet") for s in stem_tokens(subject))


def _subject_fit(
    snap: Snapshot, ask: CompositionAsk, source: str, subject: str, known: Callable[[str], bool]
) -> float:
    """How well a sentence's subject is the asked whole (0 when it is another thing).

    A subject that is a unit ("Enheten") stands for its document's unit and district, so
    "hur många team är försörjningsstödsenheten uppdelad i?" finds "Enheten … består av tre
    olika team"; words of the question that name no unit must be in the subject itself.
    """
    idf = snap.lexical.idf
    if not ask.whole:
        return 1.0 if _names_unit(subject) else 0.0
    if ask.unnamed and coverage(ask.unnamed, subject, idf, known) < MIN_CONTEXT:
        return 0.0
    meta = snap.meta(source)
    named = f"{subject} {meta.unit or ''} {meta.district or ''}" if _names_unit(subject) else subject
    return coverage(ask.whole, named, idf, known)


def _count(ask: CompositionAsk, found: _Found, known: Callable[[str], bool]) -> str:
    """The count a statement gives: its stated number before the kind, else its items' number."""
    match = _NUMBER.match(fold(found.rest))
    if match is not None:
        following = match.group("rest").split()[: MAX_BETWEEN + 1]
        if ask.kind is None or any(names_kind(ask.kind, stem_tokens(w), known) for w in following):
            number = match.group("n")
            return str(NUMBER_WORDS.get(number, number))
    return str(len(found.items)) if len(found.items) >= 2 else ""


def composition_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """Answer a composition question with the statement of what the asked whole consists of.

    Args:
        snap: The knowledge snapshot.
        reading: The read question.
        sources: The documents chosen for it.

    Returns:
        The cited sentence or list (with its count for "hur många"); one per unit as a
        clarification when no unit is named and several units state their parts; None when
        the question asks no composition or no document states it.
    """
    ask = read_composition(snap, reading)
    if ask is None:
        return None

    def known(stem: str) -> bool:
        return snap.lexical.df(stem) > 0

    what = counted_word(reading.text) if ask.counting else ""
    scored: list[tuple[tuple[float, int], Stated]] = []
    for source in sources:
        for order, chunk in enumerate(snap.chunks_of(source)):
            if chunk.kind is not ChunkKind.SECTION:
                continue
            for found in statements(snap, chunk):
                fit = _subject_fit(snap, ask, source, found.subject, known)
                if fit < MIN_CONTEXT:
                    continue
                if ask.kind is not None and not ask.part_kind:
                    rest_stems = stem_tokens(f"{found.rest} {' '.join(found.items)}")
                    if not names_kind(ask.kind, rest_stems, known):
                        continue  # "hur många lägenheter …" is not answered by "tre våningsplan"
                if not found.items and not (ask.counting and _NUMBER.match(fold(found.rest))):
                    # A list needs the parts named ("uppdelat på fyra team" names none); a
                    # count takes a stated number too; "består av att …" is neither.
                    continue
                number = _count(ask, found, known) if ask.counting else ""
                if ask.counting and not number:
                    continue
                listed = found.lines or (ask.counting and not _NUMBER.match(fold(found.rest)))
                stated = Stated(source, chunk, found.quote, number if listed else "", fit, listed, what)
                scored.append(((fit, -order), stated))
    if not scored:
        return None
    scored.sort(key=lambda t: t[0], reverse=True)
    answer = render_stated(snap, reading, [s for _, s in scored])
    if answer.kind is AnswerKind.PASSAGES:
        answer.kind = AnswerKind.COUNT if ask.counting else AnswerKind.LIST
    return answer


def applies(ask: Ask) -> bool:
    """Whether the composition route may answer: the question reads as one."""
    return read_composition(ask.snap, ask.reading) is not None


def composition_route(ask: Ask) -> Answer | None:
    """The answer route: `composition_answer` for the documents the router chose."""
    return composition_answer(ask.snap, ask.reading, ask.sources)
