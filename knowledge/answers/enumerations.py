"""Enumerations written in prose or bullets, and the list and count questions they answer.

Much of what staff ask for as a list is not a table row: "Förväntat resultat" is a bullet list
under its goal, "Verksamhetsplanen är behandlad på nedanstående arbetsplatsträffar:" leads a run
of bullets, "Exempel på aktiviteter …:" leads a run of short unmarked lines, and "Enheten
sorterar plast, metall, glas, pappersförpackningar, matavfall och glödlampor" enumerates inside
one sentence. Each such enumeration is found with its lead (the line or sentence that says what
is listed) and its section's headings, which say what the list is about even when the question
does not use the document's words. A list question ("vilka …", "vad … för …", "ge exempel på
…") is answered with the whole enumeration, a count question ("hur många …") with its length;
the passage answers quote single sentences and so cut bullet lists short.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from weakref import WeakKeyDictionary

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.enumeration_kinds import (
    MIN_MEMBERS,
    asked_kind,
    introduced_pair,
    kind_stems,
    members_of_kind,
    names_kind,
    refers_back,
    whole_sentences,
)
from knowledge.answers.prose_counts import MIN_CONTEXT, Groups, Stated, counted_word, render_stated
from knowledge.answers.stated_counts import NUMBER_WORDS
from knowledge.answers.wrapped_items import continues_item
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import sentences, stem_coverage
from knowledge.retrieval.quote_features import same_word
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, query_groups, stem_tokens
from knowledge.understand.particle_verbs import joined_stems, prefix_lookup, with_joined
from knowledge.understand.reading import QuestionReading
from knowledge.understand.role_words import endings as role_endings
from knowledge.understand.thesaurus import thesaurus

# A bullet or numbered line: "- …", "• …", "–…", "1. …", "2) …", and "e …" where OCR read a
# bullet as the letter e ("e Socialsekreterare: …").
_ITEM_LINE = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)]|e(?= [A-ZÅÄÖ]))\s*\S")
# An unmarked item line under a lead ending in ":" is short and no sentence of prose.
_MAX_ITEM_WORDS = 12
# A section read as a list of its lines (`_paragraph_lines`): this many lines, each a short
# statement of at most this many words (the plans' one-sentence points run to about twenty).
MIN_PARAGRAPHS = 2
MAX_PARAGRAPHS = 12
MAX_PARAGRAPH_WORDS = 30
# A series inside a sentence: its items between commas are short noun phrases.
_MAX_SERIES_WORDS = 6
# Share of the question's words (weighted by rarity) an enumeration's headings, lead and items
# must hold: most of them, as a chatty question carries a word or two that no list repeats.
MIN_FIT = 2 / 3
# A word part this long names something on its own ("vant" in "forvant", "verksam"; not "mal").
_MIN_PART = 4
_LAST_JOIN = re.compile(r"\s(?:och|samt)\s")
# A comma part opening with one of these is a clause inserted in the sentence ("Droppen/Bruket,
# som ligger i Västertorp, producerar och säljer …"), not an item of a series.
_CLAUSE_OPENERS = frozenset(
    {"som", "dar", "vilket", "vilka", "vilken", "nar", "eftersom", "da", "att", "vars"}
)
# The words of an item that say what it is ("Team 1 …", "Case managers", "socialtjänstlagen
# (SoL)"): a count counts items that are of the asked kind, not items whose later words
# mention it ("- Uppföljningssamtal med brukare sker …" is no brukare).
ITEM_HEAD_WORDS = 3

_LIST_CUE = re.compile(
    r"\bvilka\b|\bvilken sorts?\b|\bvilket slags\b|\blista\b|\brakna upp\b|\bexempel\b"
    # "vad sorterar vi för avfall", not "vad står IB för" or "vad är målet för 2020".
    r"|\bvad (?:[\w-]+ ){1,3}?for [a-z]{3,}|\bvad (?:ingar|omfattar|innefattar|bestar)\b"
    r"|\bvad (?:forvantas|vantas)\b"
)
_COUNT_CUE = re.compile(r"\bhur manga\b")
# Words of the question that ask rather than say what about ("vilka", "hur många", "lista").
_ASKING = {
    *("vilka", "vilken", "vilket", "vad", "hur", "manga", "lista", "rakna", "upp", "ge", "exempel"),
    *("sorts", "sort", "sorters", "slags", "olika", "typer", "st", "stycken", "finns", "har", "vi", "ni"),
    *("oss", "var", "vara", "vart", "era", "enligt", "saker", "grejer", "grejor", "sant", "typ", "ha"),
    # The document the list is in, which the router has chosen already.
    *("vp", "vpn", "ku", "kun", "verksamhetsplan", "verksamhetsplanen", "planen", "dokumentet"),
}


@dataclass(frozen=True)
class Enumeration:
    """One list in a section: its lead, its items and the verbatim text that holds both."""

    chunk: Chunk
    lead: str
    items: tuple[str, ...]
    quote: str
    lines: bool  # items on lines of their own (bullets), not a series inside a sentence
    # A whole section written one short sentence a line, under a heading that says what the
    # lines are ("Uppföljning", "Resursanvändning"): a list of statements, not of things to count.
    paragraphs: bool = False
    # The sentence before a series whose subject points back to it ("… ett årskort …" before
    # "Kortet gäller för bad, gym och gruppträning"): it says what the list is about.
    context: str = ""


def _scan(lines: list[str], start: int, take: Callable[[str, str, list[str]], bool]) -> tuple[list[str], int]:
    """Items from `start` on while `take(raw, stripped, items)` accepts each non-blank line.

    Blank lines between items are skipped; the index returned is the one after the last line
    taken. `take` adds the line to `items` (or to the last item) and says whether it did.
    """
    items: list[str] = []
    i = start
    end = start
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        if not take(lines[i], line, items):
            break
        i += 1
        end = i
    return items, end


def _block(lines: list[str], start: int) -> tuple[list[str], int]:
    """Item lines from `start` on (blank lines between them allowed), and the index after them.

    A lower-case line after an item is the item's wrapped rest ("-Flerpartsmöten … där enheten
    för" / "socialpsykiatri, …"), not the end of the list, and so is any line after an item that
    stops mid-sentence ("… tillsammans med" / "Jobbtorg Stockholm …": `wrapped_items`).
    """

    def take(raw: str, line: str, items: list[str]) -> bool:
        if _ITEM_LINE.match(raw):
            items.append(line)
        elif items and continues_item(items[-1], line):
            items[-1] = f"{items[-1]} {line}"
        else:
            return False
        return True

    return _scan(lines, start, take)


def _short_lines(lines: list[str], start: int) -> tuple[list[str], int]:
    """Unmarked short lines under a lead ending in ":" ("Kvalitetsobservationer", …)."""

    def take(raw: str, line: str, items: list[str]) -> bool:
        if len(line.split()) > _MAX_ITEM_WORDS or line.endswith((".", ":")) or _ITEM_LINE.match(raw):
            return False  # prose, or bullets (read as a block)
        items.append(line)
        return True

    return _scan(lines, start, take)


def _line_lists(chunk: Chunk) -> list[Enumeration]:
    lines = chunk.text.split("\n")
    found: list[Enumeration] = []
    lead: int | None = None  # index of the line that leads the next list
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        if _ITEM_LINE.match(lines[i]):
            items, end = _block(lines, i)
        elif line.endswith(":"):
            lead = i
            items, end = _short_lines(lines, i + 1)
            if len(items) < 2:
                i += 1
                continue
        else:
            lead = i
            i += 1
            continue
        if len(items) >= 2:
            first = i if lead is None else lead
            # The lines joined back as they were: the quote is verbatim chunk text.
            quote = "\n".join(lines[first:end]).strip()
            found.append(
                Enumeration(chunk, "" if lead is None else lines[lead].strip(), tuple(items), quote, True)
            )
        lead = None
        i = max(end, i + 1)
    return found


def _paragraph_lines(chunk: Chunk) -> list[Enumeration]:
    """A section written as short statements, one a line, read as one list under its heading.

    The plans' goal sections ("Uppföljning", "Resursanvändning", "Förväntat resultat") often
    set each point on a line of its own without a bullet: "Uppföljning vid T1, T2 och VB." /
    "Enkät till klienter med fråga om delaktighet." / "Jämför antal …". The heading says what
    the lines are, as a lead would; a question asking for the section's content ("vad följs
    upp …?") wants every line, not the one sentence that shares most words. A line starting in
    lower case continues the one before (a wrapped sentence), so hard-wrapped prose (OCR)
    joins into paragraphs longer than any point and is not read as a list.
    """
    items: list[str] = []
    for raw in chunk.text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if items and line[:1].islower():
            items[-1] = f"{items[-1]} {line}"
        else:
            items.append(line)
    if not MIN_PARAGRAPHS <= len(items) <= MAX_PARAGRAPHS:
        return []
    if any(len(item.split()) > MAX_PARAGRAPH_WORDS or item.endswith(":") for item in items):
        return []
    return [Enumeration(chunk, "", tuple(items), chunk.text.strip(), True, paragraphs=True)]


def series_items(sentence: str) -> list[str]:
    """The items of a series in a sentence ("… plast, metall, glas och glödlampor"), or [].

    The items between commas are short (a few words); the last one follows "och" or "samt".
    The first item is the comma part's last words, so the lead before it may be long.

    Args:
        sentence: One sentence.

    Returns:
        At least three items, or an empty list when the sentence enumerates nothing.
    """
    parts = [p.strip() for p in sentence.rstrip(".").split(",")]
    best: list[str] = []
    run: list[str] = []
    for j, part in enumerate(parts):
        if j > 0 and part.split()[:1] and fold(part.split()[0]) in _CLAUSE_OPENERS:
            run = []  # an inserted clause: what follows it continues the sentence, no series
            continue
        joined = _LAST_JOIN.search(part)
        if j > 0 and joined and len(part[: joined.start()].split()) <= _MAX_SERIES_WORDS and run:
            series = [*run, part[: joined.start()], part[joined.end() :]]
            if len(series) >= 3 and len(series) > len(best):
                best = series
        if j > 0 and len(part.split()) <= _MAX_SERIES_WORDS and run:
            run.append(part)
        else:
            # A new run starts: the part's last words are its first item.
            run = [" ".join(part.split()[-_MAX_SERIES_WORDS:])]
    return best


def _series(chunk: Chunk) -> list[Enumeration]:
    found: list[Enumeration] = []
    # Whole sentences: "Upplysning via myndigheter t.ex. Försäkringskassan, CSN och …" is one.
    parts = whole_sentences(chunk.text)
    for i, sentence in enumerate(parts):
        if _ITEM_LINE.match(sentence):
            continue  # a bullet line is an item of its list, which is read as lines
        items = series_items(sentence) or introduced_pair(sentence)
        if items:
            # The lead is the sentence up to the second item: what is listed, and the first
            # item ("Enheten sorterar plast"), not the words inside later items.
            cut = sentence.find(f", {items[1]}")
            if cut < 0:
                cut = sentence.find(items[1]) if len(items) == 2 else -1
            lead = sentence[:cut] if cut > 0 else sentence
            before = parts[i - 1] if i > 0 else ""
            between = (
                chunk.text[chunk.text.find(before) + len(before) : chunk.text.find(sentence)]
                if before
                else ""
            )
            context = before if before and "\n\n" not in between and refers_back(sentence, before) else ""
            found.append(Enumeration(chunk, lead, tuple(items), sentence, lines=False, context=context))
    return found


def enumerations(chunk: Chunk) -> list[Enumeration]:
    """Every enumeration of a prose section: bullet blocks, short lines under a colon, series.

    Args:
        chunk: A chunk; only prose sections hold enumerations (tables are rows).

    Returns:
        The enumerations in document order of kind (lines first, then series).
    """
    if chunk.kind is not ChunkKind.SECTION:
        return []
    lines = _line_lists(chunk)
    return [*(lines or _paragraph_lines(chunk)), *_series(chunk)]


def item_count(text: str) -> int:
    """How many items the first list of lines in a text has (0 when it holds none).

    Args:
        text: A section's text ("- Minskad sjukfrånvaro\n- Personalomsättningen …").
    """
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _ITEM_LINE.match(line):
            items, _ = _block(lines, i)
            return len(items) if len(items) >= 2 else 0
    return 0


def asks_count(question: str) -> bool:
    """Whether a question asks how many ("hur många …", "hur manga …")."""
    return bool(_COUNT_CUE.search(fold(question)))


def topic_groups(snap: Snapshot, reading: QuestionReading, keep_names: bool = False) -> Groups:
    """The question's words that say what is listed: not the asking words, not a unit's name.

    The whole question, not the reading's topic: the words a topic leaves out as the names
    of goals and their parts ("förväntade resultat", "nämndmålet") are the names of lists.
    """
    names = (
        set()
        if keep_names
        else {w for m in snap.metas for w in stem_tokens(f"{m.unit or ''} {m.district or ''}")}
    )
    # "följs upp" is asked for by the noun its section is named with ("Uppföljning").
    text = with_joined(reading.text, known_prefix(snap))
    # Chatter ("egentligen", "typ", "tack") is no word of what is listed.
    chatter = {fold(w) for w in reading.chatter}
    words = [
        w
        for w in re.findall(r"[^\W\d_][\w-]*", text)
        # One or two letters are shorthand for a unit or a document ("ek bistånd", "VP").
        if len(w) > 2
        and fold(w) not in _ASKING
        and fold(w) not in chatter
        and not _names_part(set(stem_tokens(w)), names)
    ]
    return query_groups(" ".join(words)) if words else []


_PREFIXES: WeakKeyDictionary[object, Callable[[str], bool]] = WeakKeyDictionary()
# "vad …" with a particle verb: "vad följs upp varje månad?", "vad tar vi emot för …".
_WHAT = re.compile(r"\bvad\b")


def known_prefix(snap: Snapshot) -> Callable[[str], bool]:
    """Whether some stem of the snapshot's lexical index starts with a stem (built once per index)."""
    lexical = snap.lexical
    found = _PREFIXES.get(lexical)
    if found is None:
        found = _PREFIXES[lexical] = prefix_lookup(lexical.doc_freq)
    return found


def asks_what_is_done(snap: Snapshot, question: str) -> bool:
    """Whether a question asks what is done with a particle verb whose noun the plans use.

    "vad följs upp varje månad?" asks for what the section "Uppföljning" lists, as "vilka …"
    asks for a list: the plans name such sections with the verb's noun (`particle_verbs`).
    """
    return bool(_WHAT.search(fold(question))) and bool(joined_stems(question, known_prefix(snap)))


def _names_part(stems: set[str], names: set[str]) -> bool:
    # "aktivitet" is part of the unit's name "Stöd- och aktivitetsenheten".
    return all(any(n.startswith(s) and len(s) >= _MIN_PART for n in names) or s in names for s in stems)


def coverage(
    groups: Groups, text: str, idf: Callable[[str], float], known: Callable[[str], bool] | None = None
) -> float:
    """Idf-weighted share of the question's words in the text, a compound's parts counting.

    "verksamheter" is in "sysselsättningsverksamheter": a Swedish compound names a kind of
    what its last part names. With `known` (whether a stem is a word of the corpus), the other
    parts of a compound count too: "resurser" and "använder" are in "Resursanvändning".
    """
    return _stems_coverage(groups, frozenset(stem_tokens(text)), idf, known)


def _stems_coverage(
    groups: Groups,
    stems: frozenset[str],
    idf: Callable[[str], float],
    known: Callable[[str], bool] | None = None,
) -> float:
    """`coverage` of a text given as its stems (cached per enumeration, see `_scans`)."""
    present = set(stems)
    wanted = {o for own, _ in groups for o in own if len(o) >= _MIN_PART}
    present |= {o for o in wanted for p in present if p.endswith(o)}
    # "arbetsmiljön" is "arbetsmiljö" with the definite ending, which the stemmer keeps.
    present |= {o for o in wanted if o.endswith("n") and o[:-1] in present}
    # The stemmer leaves some inflections apart ("arbetslösa" -> arbetslos, "arbetslös" ->
    # arbetslo): a stem that differs by an ending of one or two letters is the same word.
    present |= {o for o in wanted - present if same_word(o, stems)}
    if known is not None:
        # Most words are in no compound of the text: one substring test on the joined stems
        # spares the search for parts (the route scores every list of the documents).
        joined = " ".join(stems)
        inside = [o for o in wanted - present if o in joined]
        present |= {o for o in inside if any(_compound_part(o, p, known) for p in stems if o in p)}
    return stem_coverage(groups, present, idf)


def _compound_part(stem: str, word: str, known: Callable[[str], bool]) -> bool:
    """Whether `stem` begins a part of the compound `word` other than its last part.

    "resurs" begins "resursanvandning" (the rest, "anvandning", is a word) and "anvand" begins
    its second part (the part before it, "resurs", is a word); a linking -s- may join them
    ("aktivitet|s|enhet"). Both sides must be words of the corpus and `_MIN_PART` long, so
    "plan" is not a part of "planering" ("ering" is no word).
    """
    at = word.find(stem)
    while at >= 0:
        before, rest = word[:at], word[at + len(stem) :]
        if at == 0:
            tail = rest[1:] if rest.startswith("s") and not known(rest) else rest
            # The stem begins the first part: what follows it in the compound is a word.
            if any(len(t) >= _MIN_PART and known(t) for t in _heads(tail)):
                return True
        else:
            head = before[:-1] if before.endswith("s") and not known(before) else before
            if len(head) >= _MIN_PART and known(head):
                return True
        at = word.find(stem, at + 1)
    return False


def _heads(rest: str) -> list[str]:
    """The rest of a compound after a part, and that rest without an ending the stemmer kept."""
    return [rest, *(rest[: -len(e)] for e in ("ning", "ing", "en", "et", "er", "ar") if rest.endswith(e))]


@dataclass(frozen=True)
class _Scan:
    """An enumeration with the texts a question is matched against, and their stems."""

    enum: Enumeration
    head: str  # the headings above the list and its lead: what the list is
    whole: str  # the head and the items
    head_stems: frozenset[str]
    whole_stems: frozenset[str]
    firsts: tuple[str, ...]  # each item's first stem ("" for an item without one)
    item_words: float  # the items' mean length in words
    # The stems that can say what the list is: its lead before the first item and its own
    # heading (enumeration_kinds.kind_stems).
    kinds: frozenset[str] = frozenset()
    # Each item's stems: items whose words end in the asked kind are members of it
    # ("socialtjänstlagen, sekretesslagen, …" are lagar).
    item_stems: tuple[frozenset[str], ...] = ()
    # Each item's head stems (`item_heads`): what a count's items are.
    item_heads: tuple[frozenset[str], ...] = ()


def _scans(chunk: Chunk) -> tuple[_Scan, ...]:
    """Every enumeration of a chunk ready to match (built once per snapshot: `Snapshot.derived`)."""
    heading = _heading(chunk)
    scans: list[_Scan] = []
    for enum in enumerations(chunk):
        head = f"{heading} {enum.context} {enum.lead}"
        whole = f"{head} {' '.join(enum.items)}"
        firsts = tuple((stem_tokens(item.lstrip("-•*– "))[:1] or [""])[0] for item in enum.items)
        stems = frozenset(stem_tokens(head)), frozenset(stem_tokens(whole))
        size = sum(len(item.split()) for item in enum.items) / max(len(enum.items), 1)
        own_heading = chunk.breadcrumb.split(" › ")[-1] if " › " in chunk.breadcrumb else ""
        kinds = kind_stems(enum.lead, own_heading)
        members = tuple(frozenset(stem_tokens(item)) for item in enum.items)
        heads = item_heads(enum.items)
        scans.append(_Scan(enum, head, whole, *stems, firsts, size, kinds, members, heads))
    return tuple(scans)


def _section_content(chunk: Chunk) -> tuple[ChunkKind, str, tuple[str, ...]]:
    """All `_scans` reads of a chunk: its kind, text and headings below the document's title."""
    return chunk.kind, chunk.text, tuple(chunk.breadcrumb.split(" › ")[1:])


def _text_content(chunk: Chunk) -> tuple[ChunkKind, str]:
    """All `_line_lists` and `enumerations` read of a chunk: its kind and text."""
    return chunk.kind, chunk.text


def _rebound_scans(scans: tuple[_Scan, ...], chunk: Chunk) -> tuple[_Scan, ...]:
    """Scans built from another chunk of the same content, pointing at `chunk` (cited)."""
    return tuple(replace(s, enum=replace(s.enum, chunk=chunk)) for s in scans)


def rebound(enums: list[Enumeration], chunk: Chunk) -> list[Enumeration]:
    """Enumerations read from another chunk of the same text, pointing at `chunk` (cited)."""
    return [replace(e, chunk=chunk) for e in enums]


def chunk_scans(snap: Snapshot, chunk: Chunk) -> tuple[_Scan, ...]:
    """`_scans` of a chunk, built once per snapshot for all chunks of the same content."""
    return snap.derived(chunk, _scans, _section_content, _rebound_scans)


def line_lists(snap: Snapshot, chunk: Chunk) -> list[Enumeration]:
    """`_line_lists` of a chunk, read once per snapshot for all chunks of the same text."""
    return snap.derived(chunk, _line_lists, _text_content, rebound)


def _carried_lead(previous: Chunk | None, chunk: Chunk) -> str:
    """The lead a chunk's opening list left in the chunk before ("… kommer enheten att verka för att:").

    Chunks are cut by size, and a cut may fall between a list's lead and its first bullet:
    the previous chunk of the same section then ends in the line that says what is listed.
    """
    if previous is None or previous.breadcrumb != chunk.breadcrumb or not _ITEM_LINE.match(chunk.text):
        return ""
    last = previous.text.rstrip().rsplit("\n", 1)[-1].strip()
    return last if last.endswith(":") else ""


def _led(scan: _Scan, lead: str) -> _Scan:
    """The scan of a list with the lead it was cut from."""
    enum = Enumeration(
        scan.enum.chunk, lead, scan.enum.items, scan.enum.quote, scan.enum.lines, scan.enum.paragraphs
    )
    head = f"{scan.head} {lead}"
    whole = f"{scan.whole} {lead}"
    stems = frozenset(stem_tokens(head)), frozenset(stem_tokens(whole))
    kinds = scan.kinds | kind_stems(lead, "")
    return _Scan(
        enum, head, whole, *stems, scan.firsts, scan.item_words, kinds, scan.item_stems, scan.item_heads
    )


def _heading(chunk: Chunk) -> str:
    # Every heading above the list but the document's title: the goal a "Förväntat resultat"
    # list belongs to may stand several levels up.
    return " ".join(chunk.breadcrumb.split(" › ")[1:])


def enumeration_route(ask: Ask) -> Answer | None:
    """The answer route: `enumeration_answer` for the documents the router chose."""
    return enumeration_answer(ask.snap, ask.reading, ask.sources)


def enumeration_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """Answer a list or count question with the enumeration its words describe.

    The question's words are looked for in the enumeration's headings, lead and items; at
    least `MIN_FIT` of them (weighted by rarity) must be there, and at least one in the
    headings or the lead, which say what the list is (a list whose items merely mention a word
    is not a list of it).

    Args:
        snap: The knowledge snapshot.
        reading: The read question.
        sources: The documents chosen for the question.

    Returns:
        The cited enumeration (with its length for "hur många"), one per unit as a
        clarification when no unit is named and several units have such a list, or None.
    """
    if reading.is_followup and "topic" in reading.from_context:
        # "vilka vänder den sig till?" after a passage: the subject is the conversation's, which
        # the follow-up and passage routes look up; a list matching the turn's own few words
        # ("vänder") would be about something else.
        return None
    folded = fold(reading.text)
    counting = bool(_COUNT_CUE.search(folded))
    if not counting and not _LIST_CUE.search(folded) and not asks_what_is_done(snap, reading.text):
        return None
    groups = topic_groups(snap, reading)
    if not groups:
        return None
    noun = counted_word(reading.text) if counting else ""
    named = topic_groups(snap, reading, keep_names=True)
    idf = snap.lexical.idf
    kind = asked_kind(reading.text)
    kind_words = _kind_words(kind, reading)
    # "hur många APT …" is answered by a list of "arbetsplatsträffar": the kind as written either way.
    asked_kinds = () if kind is None else (kind, *spelled_alike(kind))

    def known(stem: str) -> bool:
        return snap.lexical.df(stem) > 0

    scored: list[tuple[tuple[bool, bool, float, float, bool, float, float], Stated]] = []
    for source in sources:
        previous: Chunk | None = None
        for chunk in snap.chunks_of(source):
            if chunk.kind is not ChunkKind.SECTION:
                continue
            scans = chunk_scans(snap, chunk)
            carried = _carried_lead(previous, chunk)
            previous = chunk
            for scan in scans:
                if (
                    carried
                    and not scan.enum.lead
                    and scan.enum.quote
                    and chunk.text.startswith(scan.enum.quote)
                ):
                    scan = _led(scan, carried)
                enum = scan.enum
                if counting and not enum.lines and _STATES_NUMBER.search(fold(enum.quote)):
                    continue  # "… fem egna jourlägenheter, …": the number it states answers
                if counting and enum.paragraphs:
                    continue  # a section's statements are no items to count
                head_fit = max(
                    _stems_coverage(groups, scan.head_stems, idf, known),
                    _items_named(groups, scan.firsts, idf),
                )
                # A list whose lead or heading names the asked kind ("vilka myndigheter …" and
                # "Upplysning via myndigheter t.ex. …") is a list of it: the question's other
                # words only place it (enumeration_kinds).
                # A count's items are of the kind by their heads; a list's by any of their words.
                members = scan.item_heads if counting else scan.item_stems
                of_kind = any(
                    names_kind(k, scan.kinds, known) or members_of_kind(k, members, known)
                    for k in asked_kinds
                )
                if head_fit <= 0 and not of_kind:
                    continue
                counted = kind is None or any(
                    holds_counted_kind(k, scan.kinds, members, enum.lead, enum.items, enum.lines, known)
                    for k in asked_kinds
                )
                if counting and not (
                    counted and (of_kind or counts_kind(kind_words, scan.whole_stems, known))
                ):
                    # "hur många klienter har Resursgruppen vuxna?" is not answered by the three
                    # parts of the unit Resursgruppen is named among, nor "hur många ungdomar …"
                    # by a series of what summer jobs should be: a count counts the asked kind.
                    continue
                # The kind a compound or a lead names counts as present ("insatser" for
                # "arbetsmarknadsinsatser").
                present = scan.whole_stems | {kind} if of_kind and kind else scan.whole_stems
                fit = _stems_coverage(groups, present, idf, known)
                if fit < (MIN_CONTEXT if of_kind else MIN_FIT):
                    continue
                number = str(len(enum.items)) if counting else ""
                stated = Stated(
                    source, chunk, enum.quote, number, fit, listed=enum.lines or counting, what=noun
                )
                # Equal fits: the list its headings name, then a list of its own lines over a
                # series inside a sentence, then the list of shorter items (a list of things,
                # "IT-stöd, lokaler och transportmedel", not of clauses), then the one that
                # also names the unit asked about.
                named_fit = _stems_coverage(named, scan.whole_stems, idf, known)
                # A list the document marks as one (bullets, a lead, a series) before a section
                # merely written a statement a line: the mark says what belongs together.
                marked = not enum.paragraphs
                scored.append(
                    ((marked, of_kind, fit, head_fit, enum.lines, -scan.item_words, named_fit), stated)
                )
    scored.sort(key=lambda t: t[0], reverse=True)
    return _as_list(render_stated(snap, reading, [s for _, s in scored]), counting) if scored else None


@lru_cache(maxsize=256)
def spelled_alike(kind: str) -> tuple[str, ...]:
    """The stems of the thesaurus's other spellings of a preferred term ("apt" -> "arbetsplatstraff").

    The thesaurus expands "arbetsplatsträff" to "APT" and not back, as the plans write APT far
    more often; a list whose lead writes the long form is still a list of APT.

    Args:
        kind: The stem from `asked_kind`.
    """
    table = thesaurus()
    alike: list[str] = []
    for preferred, variants in table.spellings.items():
        if stem_tokens(preferred)[:1] == [kind]:
            alike += [stems[0] for v in variants if len(stems := stem_tokens(v)) == 1 and stems[0] != kind]
    return tuple(dict.fromkeys(alike))


def _kind_words(kind: str | None, reading: QuestionReading) -> frozenset[str]:
    """The asked kind's stem with its thesaurus synonyms' ("sommarjobb" ~ "feriejobb"); empty for none."""
    if kind is None:
        return frozenset()
    for own, synonyms in query_groups(reading.topic or reading.text):
        if kind in own:
            return frozenset(own | synonyms)
    return frozenset({kind})


def _of_asked_kind(snap: Snapshot, reading: QuestionReading, chunk: Chunk, listed: str) -> bool:
    """Whether a list (its text and its section's headings) can be a count of the asked kind."""
    kind_words = _kind_words(asked_kind(reading.text), reading)
    stems = frozenset(stem_tokens(f"{_heading(chunk)} {listed}"))
    return counts_kind(kind_words, stems, lambda stem: snap.lexical.df(stem) > 0)


def counts_kind(kind_words: frozenset[str], stems: frozenset[str], known: Callable[[str], bool]) -> bool:
    """Whether a list can be a count of the asked kind: it holds the kind's word or a synonym.

    True when no kind is asked ("hur många står det?") or the kind is no word of the documents
    (nothing tells what such a list counts: a paraphrase may name it).

    Args:
        kind_words: The asked kind's stem and its synonyms' (`_kind_words`).
        stems: All stems of the list: headings, lead and items.
        known: Whether a stem is a word of the corpus.
    """
    if not kind_words or not any(known(w) for w in kind_words):
        return True
    return any(names_kind(w, stems, known) for w in kind_words)


def _items_named(groups: Groups, firsts: tuple[str, ...], idf: Callable[[str], float]) -> float:
    """How well items that open with the asked word name the list ("- Team 1 …", "- Team 2 …").

    Items whose first word is one and the same word of the question are members of that
    kind, as a lead naming it would say; fewer than half of the items doing so says nothing.
    `firsts` holds each item's first stem.
    """
    for own, synonyms in groups:
        opening = sum(1 for first in firsts if first and first in own | synonyms)
        if opening * 2 >= len(firsts):
            return coverage([(own, synonyms)], " ".join(own), idf)
    return 0.0


def _as_list(answer: Answer, counting: bool) -> Answer:
    # A list or a count, not a passage: the count is the list's length, which no quote states
    # as a number, and no ranked passage should replace the whole list.
    if answer.kind is AnswerKind.PASSAGES:
        answer.kind = AnswerKind.COUNT if counting else AnswerKind.LIST
    return answer


# Answers that quote passages; a quote that is part of a list may be widened to the list.
_WIDENED = (AnswerKind.PASSAGES, AnswerKind.OUTCOME, AnswerKind.ROUTINE)
# A number that counts something: a small number or number word right before a word that is
# not a measure or a conjunction ("tre permanenta trygghetspunkter", "fem egna jourlägenheter").
# A year ("februari 2020"), an age ("55+", "18 och 35 år"), a range ("dag 1-14") or a share
# counts nothing: a series in such a sentence is still counted by its items.
_STATES_NUMBER = re.compile(
    r"(?<![\w.,/-])(?:\d{1,3}|" + "|".join(NUMBER_WORDS) + r")\s+"
    r"(?!(?:och|eller|till|av|a|ar|procent|kr|kronor|tkr|ganger|gang|timmar|dagar|veckor|manader)\b)"
    r"[a-z]{3,}"
)


def whole_list(snap: Snapshot, reading: QuestionReading, answer: Answer) -> Answer | None:
    """The whole list, when a list or count question got a quote of some of its lines.

    Passage answers quote the best sentences, and in a bullet list each bullet is a sentence:
    "vilka resultat väntas …" gets two of five bullets. The list the quote lies in answers the
    question, as the document wrote it (with its length for "hur många"). A count question
    whose quote states a number ("Stadsdelsnämnden har tre permanenta trygghetspunkter") is
    answered by that number, not by the length of the list around it. An answer that quotes
    several passages is kept: the list would replace what the others say.

    Args:
        snap: The knowledge snapshot.
        reading: The read question.
        answer: The answer the routes or passages gave.

    Returns:
        The answer with the whole list, or None to keep the answer as it is.
    """
    folded = fold(reading.text)
    counting = bool(_COUNT_CUE.search(folded))
    asks_list = counting or bool(_LIST_CUE.search(folded))
    if answer.kind not in _WIDENED or len(answer.citations) != 1 or not asks_list:
        return None  # an answer quoting several places keeps them all
    cited = answer.citations[0]
    quote = cited.quote.removesuffix("…").strip()
    if not quote or (counting and _STATES_NUMBER.search(fold(quote))):
        return None
    what = counted_word(reading.text) if counting else ""
    chunks = snap.chunks_of(cited.source)
    for i, chunk in enumerate(chunks):
        if quote not in chunk.text:
            continue
        following = chunks[i + 1] if i + 1 < len(chunks) else None
        if following is not None and _carried_lead(chunk, following) and chunk.text.rstrip().endswith(quote):
            # The quote is the lead a chunk cut left behind: the list opens the next chunk.
            opening = line_lists(snap, following)[:1]
            if opening and following.text.startswith(opening[0].quote):
                if counting and not _of_asked_kind(snap, reading, following, f"{quote} {opening[0].quote}"):
                    return None
                number = str(len(opening[0].items)) if counting else ""
                whole = Stated(cited.source, following, opening[0].quote, number, 1.0, True, what)
                return _as_list(render_stated(snap, reading, [whole]), counting)
        heading = chunk.breadcrumb.split(" › ")[-1] if " › " in chunk.breadcrumb else ""
        for enum in line_lists(snap, chunk):
            shown = [item for item in enum.items if item in quote or quote in item]
            if counting and not _holds_counted_kind(
                snap, reading, enum.lead, heading, enum.items, lines=True
            ):
                continue  # the bullets around the quote are not what is counted
            if (shown and (counting or len(shown) < len(enum.items))) or _announces(enum, quote):
                if counting and not _of_asked_kind(snap, reading, chunk, enum.quote):
                    return None
                number = str(len(enum.items)) if counting else ""
                whole = Stated(cited.source, chunk, enum.quote, number, 1.0, True, what)
                return _as_list(render_stated(snap, reading, [whole]), counting)
        if counting:
            return _counted_series(snap, reading, cited.source, chunk, quote)
    return None


def _counted_series(
    snap: Snapshot, reading: QuestionReading, source: str, chunk: Chunk, quote: str
) -> Answer | None:
    """A count question whose quote enumerates in one sentence: the answer is the series' length.

    "hur många organisationer samverkar förvaltningen med i föreningsguiderna?" quoted
    "… i samverkan med Föreningen Midsommargården, Svenska Kyrkan, Röda Korset och SHIS …":
    the passage is the right one, and what it lists is what is counted. Only a quote with
    exactly one series, stating no count of its own and about the question's words, is counted.
    """
    series = [(sentence, items) for sentence in sentences(quote) if (items := series_items(sentence))]
    if len(series) != 1:
        return None
    sentence, items = series[0]
    groups = topic_groups(snap, reading)
    if (
        _STATES_NUMBER.search(fold(sentence))
        or not groups
        or coverage(groups, sentence, snap.lexical.idf) <= 0
        or not _holds_counted_kind(snap, reading, _series_lead(sentence, items), "", items, lines=False)
        # Names ("Midsommargården, Svenska Kyrkan, Röda Korset och SHIS") are counted by whatever
        # word the question calls them ("organisationer"), as `holds_counted_kind` counts them.
        or (not _all_names(items) and not _of_asked_kind(snap, reading, chunk, sentence))
    ):
        return None
    counted = Stated(source, chunk, sentence, str(len(items)), 1.0, True, counted_word(reading.text))
    return _as_list(render_stated(snap, reading, [counted]), True)


def _all_names(items: Sequence[str]) -> bool:
    """Whether a series lists names: every item after the first (which carries its lead) capitalised."""
    return len(items) >= 2 and all(item.strip()[:1].isupper() for item in items[1:])


def _series_lead(sentence: str, items: list[str]) -> str:
    """A series' lead: its sentence up to the second item (`_series` cuts it the same way)."""
    cut = sentence.find(f", {items[1]}") if len(items) > 1 else -1
    return sentence[:cut] if cut > 0 else sentence


# Words that join a series to its sentence without naming what the items are ("i samverkan
# *med* Midsommargården, …", "Externa samarbetspartners *är* Region Stockholm, …").
_JOINERS = {
    *("med", "av", "ar", "som", "for", "till", "fran", "via", "hos", "mellan", "genom", "pa", "i", "och"),
    *("samt", "annat", "inklusive", "exempelvis", "sasom", "ex", "t.ex", "bl.a", "bland", "bade", "blir"),
}
# Nouns that name no kind of their own: "hur många saker/delar/punkter …" counts whatever is listed.
_ANY_KIND = {"sak", "saker", "grej", "grejer", "grejor", "punkt", "del", "exempel", "typ", "sort", "slag"}
# A series whose items average more words than this lists clauses ("ha tydliga arbetsuppgifter,
# vara av god kvalitet och …"), not things a wider word may count ("plast, metall och glas").
MAX_THING_WORDS = 2.0


def holds_counted_kind(
    kind: str,
    kinds: frozenset[str],
    members: tuple[frozenset[str], ...],
    lead: str,
    items: Sequence[str],
    lines: bool,
    known: Callable[[str], bool],
) -> bool:
    """Whether a list holds what "hur många <noun>" counts, so its length answers the count.

    A list is of the asked kind when its lead or own heading names it, or when its items do
    (at least two and half name the kind or a kind of it: "socialtjänstlagen" is a lag; "egna
    lägenheter" are no "jourlägenheter"). Without that, bullets are statements about a topic,
    not members of the kind. A series inside a sentence may still be counted by a wider word
    ("hur många sorters avfall" over "plast, metall, glas och matavfall"; "hur många
    organisationer" over "med Midsommargården, Svenska kyrkan, …") unless a noun right before
    it says what its items are ("verksamhetsområdena Ekonomiskt bistånd, Beroende …" are no
    clients) or its items are clauses ("ska förbereda …, ha tydliga arbetsuppgifter, …").

    Args:
        kind: The stem from `asked_kind`.
        kinds: The list's `kind_stems` (lead and own heading).
        members: Each item's stems.
        lead: The list's lead (a series: its sentence up to the second item).
        items: The list's items.
        lines: Whether the items are lines (bullets), not a series in a sentence.
        known: Whether a stem is a word of the corpus.
    """
    if kind in _ANY_KIND:
        return True
    naming = sum(1 for stems in members if any(w == kind or w.endswith(kind) for w in stems))
    if (naming >= MIN_MEMBERS and naming * 2 >= len(members)) or names_kind(kind, kinds, known):
        return True
    if same_word(kind, kinds):
        return True  # "verksamhetsområden" and "verksamhetsområdena", stemmed apart
    if any(stems and kind in stems for stems in members):
        # One item is the asked kind itself among items that are not ("… egna behandlare och
        # Case managers"): the list counts what the kind is one of, not the kind.
        return False
    if lines or len(items) < 2:
        return False
    if _all_names(items):
        # Names: organisations, places, partners, whatever the question calls them, unless a
        # definite plural right before the first name says what they are ("verksamhetsområdena")
        # or the question counts people ("hur många medarbetare har Team 2?" is not answered by
        # "samverkar med Landsting, Arbetsförmedling Rehab och Jobbtorg Resurs").
        return not _named_by_noun(lead, items[0]) and not counts_people(kind)
    # The first item carries the end of its lead ("Enheten sorterar plast"): the others tell.
    rest = items[1:]
    return sum(len(item.split()) for item in rest) / len(rest) <= MAX_THING_WORDS


# Nouns that count people; role nouns ("socialsekreterare", "case managers") are read by
# understand/role_words.py.
_PEOPLE = ("medarbetare", "personal", "anställda", "brukare", "klienter", "deltagare", "besökare", "personer")


@lru_cache(maxsize=1)
def _people_stems() -> frozenset[str]:
    return frozenset(s for word in _PEOPLE for s in stem_tokens(word))


def counts_people(kind: str) -> bool:
    """Whether an asked kind's stem counts people: staff, clients or a role ("socialsekreter").

    Args:
        kind: The stem from `asked_kind`.
    """
    return kind in _people_stems() or any(
        kind.endswith(stem_tokens(e)[0]) for e in role_endings() if stem_tokens(e)
    )


def item_heads(items: Sequence[str]) -> tuple[frozenset[str], ...]:
    """Each item's head stems: the stems of its first `ITEM_HEAD_WORDS` words, bullet left out.

    Args:
        items: The list's items as written.

    Returns:
        One set of stems per item.
    """
    return tuple(
        frozenset(stem_tokens(" ".join(item.lstrip("-•*– ").split()[:ITEM_HEAD_WORDS]))) for item in items
    )


def _named_by_noun(lead: str, first: str) -> bool:
    """Whether the word before a series' first name is a definite plural naming the names' kind."""
    words = first.split()
    # The first item carries the end of its lead: the name starts at its last capital after a
    # lower-case word ("… av verksamhetsområdena Ekonomiskt bistånd", "… med Föreningen X").
    starts = [i for i in range(1, len(words)) if words[i][:1].isupper() and not words[i - 1][:1].isupper()]
    start = starts[-1] if starts else None
    if start is not None:
        before = words[start - 1]
    else:
        at = lead.rfind(first)
        preceding = (lead[:at] if at >= 0 else "").split()
        before = preceding[-1] if preceding else ""
    word = fold(before).strip(",:")
    return word not in _JOINERS and len(word) >= 5 and word.endswith("na")


def _holds_counted_kind(
    snap: Snapshot, reading: QuestionReading, lead: str, heading: str, items: Sequence[str], lines: bool
) -> bool:
    """`holds_counted_kind` for a list found around a quote (True when the question names no noun)."""
    kind = asked_kind(reading.text)
    if kind is None:
        return True
    members = item_heads(items)
    return holds_counted_kind(
        kind, kind_stems(lead, heading), members, lead, items, lines, lambda stem: snap.lexical.df(stem) > 0
    )


def _announces(enum: Enumeration, quote: str) -> bool:
    """Whether the quote is the sentence that announces the list ("… kommer enheten att verka för att:").

    A sentence ending in a colon says that what follows is what was asked; quoted alone it
    answers nothing, and the list under it is the answer.
    """
    lead = enum.lead
    return lead.endswith(":") and (lead in quote or (quote.endswith(":") and quote in lead))
