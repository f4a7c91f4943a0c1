"""Overview answers for newcomers: what the unit does, for whom, how it is organised, what matters now.

"jag är ny, vad gör vi på enheten?", "vilka målgrupper har vi?", "hur är enheten organiserad?",
"vad är viktigast för oss i år?" ask about the unit as a whole. Every plan and application says this
in its own introduction ("Inledning › Enhetens uppdrag", "Verksamhetsbeskrivning", "Brukar-/kundgrupp",
"Organisationsbeskrivning", "Utvecklingsområden 2023"), in words the question seldom repeats: the
answer is read from the sentences of the introduction that state the asked aspect (cue phrases in
`understand/overview.tsv`), not from word coverage. A question that names no unit, when several units
answer, gets one line per unit and is asked which unit it means.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from core.vocab import packaged_text, rows
from knowledge.answer import Answer, AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.cue_words import cue_word, matches
from knowledge.answers.phrasing import clarify_units, doc_label, document_context
from knowledge.answers.roles import asks_roles, role_list
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.extract import sentences
from knowledge.retrieval.quote_features import asks_list
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand import vocab as v
from knowledge.understand.intent import Intent
from knowledge.understand.reading import QuestionReading

DATA_FILE = "overview.tsv"


class Aspect(StrEnum):
    """What an overview question asks about the unit."""

    MISSION = "uppdrag"
    TARGET_GROUP = "målgrupp"
    ORGANISATION = "organisation"
    FOCUS = "fokus"
    VALUES = "värdegrund"
    COOPERATION = "samverkan"


class Where(StrEnum):
    """Where a cue phrase is looked for."""

    ASK = "ask"
    HEADING = "heading"
    TEXT = "text"


@dataclass(frozen=True)
class Cue:
    """One cue phrase: folded words, a trailing `*` on a word matches every word it begins."""

    aspect: Aspect
    where: Where
    words: tuple[str, ...]

    def found_in(self, tokens: list[str]) -> int:
        """Index of the phrase's first word in `tokens`, or -1."""
        n = len(self.words)
        for i in range(len(tokens) - n + 1):
            if all(matches(p, t) for p, t in zip(self.words, tokens[i : i + n], strict=True)):
                return i
        return -1


_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Folded words of a text, the way cue phrases are matched."""
    return _TOKEN.findall(fold(text))


def parse(text: str, name: str = DATA_FILE) -> list[Cue]:
    """Parse the cue table.

    Raises:
        VocabError: A line is not `aspect <TAB> ask|heading|text <TAB> words`.
    """
    cues: list[Cue] = []
    aspects = {a.value: a for a in Aspect}
    for row in rows(text, name):
        parts = row.cells
        if len(parts) != 3 or parts[0] not in aspects or parts[1] not in {w.value for w in Where}:
            raise row.error("'aspekt<TAB>ask|heading|text<TAB>ord'")
        words = tuple(cue_word(w) for w in parts[2].split())
        if not words:
            raise row.fail("ingen fras")
        cues.append(Cue(aspects[parts[0]], Where(parts[1]), words))
    return cues


@lru_cache(maxsize=1)
def cue_table() -> tuple[Cue, ...]:
    """The packaged cue table, read once."""
    return tuple(parse(packaged_text("knowledge.understand", DATA_FILE)))


# Intents whose specific routes answer better: a definition, a row of a table, an activity.
_SPECIFIC = frozenset((Intent.ABBREVIATION, Intent.INDICATOR, Intent.ACTIVITY, Intent.OUTCOME))
# Words that say nothing about which sentence answers ("vad gör vi egentligen på enheten?").
_EMPTY = frozenset(
    fold(w)
    for w in re.findall(
        r"\w+",
        """enheten enhet enhetens verksamheten verksamhet jobba jobbar arbeta arbetar gör gor göra
    finns har ha är vara egentligen allra mest riktigt ska skall kan nån någon något några vad vilka vilken
    vilket hur här oss vi vår vårt våra mot med för i år året just nu idag""",
    )
)
# Words that open a condition or a time clause: the question asks what to do then.
_CONDITION = frozenset(("om", "nar", "ifall", "innan", "efter", "medan"))
# More leftover words than this: the question asks about something specific, which other routes answer.
MAX_LEFTOVER = 2


def read_aspect(reading: QuestionReading) -> tuple[Aspect, list[str], list[str]] | None:
    """The aspect an overview question asks about, its cue words and its other content words.

    Returns None when the question asks no overview aspect, is read as a specific kind (a
    definition, an indicator, an activity, a goal's field or level, a numbered goal), or says
    more than `MAX_LEFTOVER` content words besides the cue (then it is about something specific).
    """
    if reading.intent in _SPECIFIC or reading.goal_number or reading.sub_intent:
        return None
    chatter = {fold(w) for w in reading.chatter}
    asked = [t for t in tokens(reading.text) if t not in chatter]
    if "topic" in reading.from_context:
        # "och för Stöd- och aktivitetsenheten?" after "vilka målgrupper har …": the carried topic asks.
        asked += tokens(reading.topic)
    if _CONDITION & set(asked):
        return None  # "vad gör vi om en klient hotar?" asks how to act: a routine, not the unit's uppdrag
    topic = tokens(reading.topic)  # the question without names, chatter, stop words and cue words
    for cue in cue_table():
        if cue.where is not Where.ASK:
            continue
        at = cue.found_in(asked)
        if at < 0:
            continue
        said = asked[at : at + len(cue.words)]
        rest = [
            t
            for t in topic
            if t not in said and t not in v.STOP and t not in _EMPTY and t not in v.GENERIC and len(t) > 2
        ]
        if len(rest) > MAX_LEFTOVER or _names_acronym(reading.text, rest):
            return None
        return cue.aspect, said, rest
    return None


def _names_acronym(text: str, rest: list[str]) -> bool:
    """Whether a leftover word is an acronym as written ("vem leder APT?"): a named thing of its
    own (a meeting, a team, a method), so the question is about it, not about the unit."""
    return any(w.isupper() and len(w) >= 2 and fold(w) in rest for w in re.findall(r"[^\W\d_]+", text))


def asks_overview_aspect(reading: QuestionReading) -> bool:
    """Whether the question is an overview question (see `read_aspect`)."""
    return read_aspect(reading) is not None


def applies(ask: Ask) -> bool:
    """The route's test: an overview question (see `read_aspect`)."""
    return asks_overview_aspect(ask.reading)


# Headings of a document's introduction in the city's templates and in other exports.
_INTRO_HEADINGS = ("inledning", "verksamhetsbeskrivning", "om enheten", "om verksamheten", "bakgrund")


def intro_chunks(snap: Snapshot, source: str) -> list[Chunk]:
    """The prose chunks of a document's introduction, in document order.

    The sections under an "Inledning"-like heading; a document without one: the prose sections
    before its first goal (the cover page's short label lines excepted).
    """
    chunks = [c for c in snap.chunks_of(source) if c.kind is ChunkKind.SECTION]
    headed = [c for c in chunks if not c.goal_key and any(h in _headings(c) for h in _INTRO_HEADINGS)]
    if headed:
        return headed
    # Section chunks keep document order among themselves (goal and row chunks are stored apart).
    first_goal = next((k for k, c in enumerate(chunks) if c.goal_key), len(chunks))
    return [c for c in chunks[:first_goal] if _is_prose(c.text)]


# A sentence of prose: words and a full stop, not the label lines of a cover page ("Telefon: 08-…").
_SENTENCE = re.compile(r"[^\W\d_]{3,}[.!?](?:\s|$)")


def _is_prose(text: str) -> bool:
    return bool(_SENTENCE.search(text)) and len(text.split()) >= 8


def _headings(chunk: Chunk) -> str:
    """The chunk's headings below the document title, folded."""
    return fold(" › ".join(chunk.breadcrumb.split(" › ")[1:]))


@dataclass(frozen=True)
class Pick:
    """The sentences of one document that state the asked aspect."""

    source: str
    chunk: Chunk
    span: str
    score: float


def _sentence_score(
    aspect: Aspect,
    asked: list[str],
    rest: list[str],
    sentence: str,
    heading: str,
    year: int | None = None,
    named: tuple[str, ...] = (),
) -> float:
    words = tokens(sentence)
    # A plan's plans for its own year ("Under 2020 kommer …") are what the unit focuses on now.
    this_year = 1.0 if aspect is Aspect.FOCUS and year is not None and str(year) in words else 0.0
    # Whom a unit cooperates with is told by naming them ("… med Arbetsförmedling och Jobbtorg").
    names = 0.5 if aspect is Aspect.COOPERATION and len(_NAMED.findall(sentence)) >= 2 else 0.0
    head = tokens(heading)
    cues = [c for c in cue_table() if c.aspect is aspect]
    text_hits = sum(1 for c in cues if c.where is Where.TEXT and c.found_in(words) >= 0)
    heading_hit = any(c.where is Where.HEADING and c.found_in(head) >= 0 for c in cues)
    # The question's own cue word in the sentence ("vision" in "Enhetens vision är …").
    literal = any(w.startswith(a[:6]) for a in asked if len(a) > 3 for w in words)
    cover = _cover(rest, words)
    if rest and cover < MIN_COVER:
        # "vad är fokus för feriejobben?" asks about feriejobben: a sentence without it does not answer.
        return 0.0
    return (
        min(text_hits, 2)
        + (0.75 if heading_hit else 0.0)
        + (1.0 if literal else 0.0)
        + cover
        + this_year
        + names
        + NAMED_PART * _named_share(named, words)
    )


# Weight of the parts of the unit the question names ("ny på beroendedelen – vilka klienter …"): the
# reading takes such words for the unit's name, but the sentence about that part answers, not the
# one about the whole unit. Less than one cue so that it only chooses among sentences of the aspect.
NAMED_PART = 0.5


def named_words(reading: QuestionReading) -> tuple[str, ...]:
    """The question's own long words that its reading took for names (unit, part, place), folded."""
    chatter = {fold(w) for w in reading.chatter}
    topic = set(tokens(reading.topic))
    return tuple(
        t
        for t in dict.fromkeys(tokens(reading.text))
        if len(t) > 4 and t not in chatter and t not in topic and t not in v.STOP and t not in _EMPTY
    )


def said_words(reading: QuestionReading) -> tuple[str, ...]:
    """The question's content words, short ones too ("mål"), without chatter and empty words."""
    chatter = {fold(w) for w in reading.chatter}
    return tuple(
        t for t in dict.fromkeys(tokens(reading.text)) if len(t) > 2 and t not in chatter and t not in _EMPTY
    )


def _named_share(named: tuple[str, ...], words: list[str]) -> float:
    """Share of the named words a sentence holds, as a whole word or its compound's head (a word
    less its last three letters: "beroendedelen" meets "Beroendedelens", not "beroendeproblematik")."""
    if not named:
        return 0.0
    return sum(1 for n in named if any(w.startswith(n[: max(5, len(n) - 3)]) for w in words)) / len(named)


# Capitalised words inside a sentence (not its first word): names of organisations and places.
_NAMED = re.compile(r"(?<=[\w,] )[A-ZÅÄÖ][\wåäö-]{2,}")
# A sentence must state the aspect, or stand under its heading and share the question's words.
MIN_SCORE = 1.0
# A question with words of its own besides the aspect ("vilka målgrupper har beroendedelen?") is
# answered only by a sentence holding at least half of them.
MIN_COVER = 0.5


def _cover(rest: list[str], words: list[str]) -> float:
    """Share of the question's other words that a sentence holds (five-letter stems: compounds, forms)."""
    if not rest:
        return 0.0
    return sum(1 for r in rest if any(w.startswith(r[:5]) for w in words)) / len(rest)


MAX_CHARS = 500


def pick(
    snap: Snapshot,
    source: str,
    aspect: Aspect,
    asked: list[str],
    rest: list[str],
    named: tuple[str, ...] = (),
    said: tuple[str, ...] = (),
) -> Pick | None:
    """The best sentence (and the next one, when it also states the aspect) of the introduction."""
    best: tuple[float, int, Chunk, list[str], int] | None = None
    year = snap.meta(source).year
    intro = intro_chunks(snap, source)
    for candidates in (_intro_candidates(intro), lambda: _stated_elsewhere(snap, source, intro, asked, said)):
        for order, chunk, parts, allowed in candidates():
            heading = " ".join(chunk.breadcrumb.split(" › ")[1:])
            readable = chunk.repaired or chunk.text  # OCR'd text: match the repaired reading, quote the text
            scored = [
                0.0
                if k not in allowed
                else _sentence_score(
                    aspect, asked, rest, _same_span(readable, chunk.text, p), heading, year, named
                )
                if (own := allowed[k]) is None
                else own
                for k, p in enumerate(parts)
            ]
            for k, score in enumerate(scored):
                if score >= MIN_SCORE and (
                    best is None or (score, -order, -k) > (best[0], -best[1], -best[4])
                ):
                    best = (score, order, chunk, parts, k)
        if best is not None:
            break
    if best is None:
        return None
    score, _, chunk, parts, k = best
    chosen = [parts[k]]
    nxt = parts[k + 1] if k + 1 < len(parts) else None
    readable = chunk.repaired or chunk.text
    heading = " ".join(chunk.breadcrumb.split(" › ")[1:])
    if (
        nxt is not None
        and len(parts[k]) + len(nxt) < MAX_CHARS
        and _sentence_score(aspect, asked, rest, _same_span(readable, chunk.text, nxt), heading, year)
        >= MIN_SCORE
    ):
        chosen.append(nxt)
    start = chunk.text.find(chosen[0])
    end = chunk.text.find(chosen[-1], start) + len(chosen[-1])
    return Pick(source, chunk, chunk.text[start:end], score)


# Order, chunk, its sentences, and the open ones: None scores by the aspect's cues, a number is the
# sentence's own score.
Candidate = tuple[int, Chunk, list[str], dict[int, float | None]]


def _intro_candidates(intro: list[Chunk]) -> Callable[[], list[Candidate]]:
    """The introduction's sentences, all of them open to choose."""

    def make() -> list[Candidate]:
        out: list[Candidate] = []
        for order, chunk in enumerate(intro):
            parts = sentences(chunk.text)
            out.append((order, chunk, parts, dict.fromkeys(range(len(parts)))))
        return out

    return make


def _stated_elsewhere(
    snap: Snapshot, source: str, intro: list[Chunk], asked: list[str], said: tuple[str, ...]
) -> list[Candidate]:
    """When the introduction states nothing of the aspect: the sentences of the document's other prose
    that hold the question's own cue word ("vårt viktigaste mål är …" in an application's section on
    leadership). There the unit states the aspect in the question's words, which outside the
    introduction is what shows that a sentence is about the unit as a whole. The aspect's cue words
    are everywhere in a document ("fokus", "utveckling"), so there a sentence is scored by the
    question's own words it holds ("viktigaste mål", not "viktigaste fokus")."""
    seen = {c.id for c in intro}
    # The cue word itself, its ending aside ("viktigaste" meets "viktigaste", not "viktiga").
    stems = [a[: max(6, len(a) - 2)] for a in asked if len(a) > 3]
    out: list[Candidate] = []
    for chunk in snap.chunks_of(source):
        if chunk.kind is not ChunkKind.SECTION or chunk.goal_key or chunk.id in seen:
            continue
        readable = chunk.repaired or chunk.text
        parts = sentences(chunk.text)
        allowed: dict[int, float | None] = {}
        for k, p in enumerate(parts):
            words = tokens(_same_span(readable, chunk.text, p))
            if any(w.startswith(st) for st in stems for w in words):
                allowed[k] = MIN_SCORE + _cover(list(said), words)
        if allowed:
            out.append((len(intro) + len(out), chunk, parts, allowed))
    return out


def _same_span(readable: str, text: str, part: str) -> str:
    """`part` of `text` as written in `readable` (the repaired OCR reading has the same length)."""
    at = text.find(part)
    return readable[at : at + len(part)] if at >= 0 and len(readable) == len(text) else part


_ITEM = re.compile(r"^[ \t]*[-•*][ \t]+\S.*$", re.MULTILINE)


def _listed(snap: Snapshot, source: str, asked: list[str]) -> tuple[Chunk, str, str] | None:
    """A list of the introduction whose items name what a "vilka …" question asks for.

    "vilka team finns?" is answered by the sentence that states the teams and, after it, the
    document's own list of them ("- Team 1 (nära arbete/ung vuxna) …", "- Team 2 (Rehab) …"):
    a run of list lines of which at least two hold the question's cue word (all but its ending).
    """
    stems = [a[: max(4, len(a) - 3)] for a in asked if len(a) > 3]
    for chunk in intro_chunks(snap, source):
        block: list[re.Match[str]] = []
        for m in [*_ITEM.finditer(chunk.text), None]:
            if m is not None and (not block or chunk.text[block[-1].end() : m.start()].strip() == ""):
                block.append(m)
                continue
            named = sum(
                1 for item in block if any(w.startswith(st) for st in stems for w in tokens(item.group()))
            )
            if len(block) >= 2 and named >= 2:
                return chunk, *_item_heads(chunk.text, block)
            block = [m] if m is not None else []
    return None


def _item_heads(text: str, items: list[re.Match[str]]) -> tuple[str, str]:
    """The items' first sentences, one a line, within `MAX_ITEMS` and `MAX_LIST_CHARS`, and the
    verbatim span of `text` they are read from (for the citation)."""
    shown: list[str] = []
    end = items[0].end()
    for m in items[:MAX_ITEMS]:
        parts = sentences(m.group())
        head = (parts[0] if parts else m.group()).strip()
        if shown and sum(len(x) for x in shown) + len(head) > MAX_LIST_CHARS:
            break
        shown.append(head)
        end = text.find(head, m.start()) + len(head)
    return "\n".join(shown), text[items[0].start() : end]


# Most list items shown after a lead sentence, and most characters of them.
MAX_ITEMS = 6
MAX_LIST_CHARS = 1000


def _following_list(snap: Snapshot, first: Pick) -> tuple[Chunk, str, str] | None:
    """The list a picked lead sentence opens ("… utvecklingsområden …" then "- Barnrätt …"), if any.

    The items follow the sentence in its chunk, or open the next chunk of the same section. Each
    item is shown by its first sentence (verbatim), so a long list stays readable in a chat.
    """
    chunks = snap.chunks_of(first.source)
    at = next((k for k, c in enumerate(chunks) if c.id == first.chunk.id), None)
    if at is None:
        return None
    rest = first.chunk.text[first.chunk.text.find(first.span) + len(first.span) :]
    chunk, text = first.chunk, rest
    if not rest.strip() and at + 1 < len(chunks) and chunks[at + 1].breadcrumb == first.chunk.breadcrumb:
        chunk, text = chunks[at + 1], chunks[at + 1].text
    items = list(_ITEM.finditer(text))
    if not items or text[: items[0].start()].strip():
        return None  # prose follows the sentence: it opens no list
    if len(items) < 2:
        return None
    return chunk, *_item_heads(chunk.text, items)


def overview_answer(ask: Ask) -> Answer | None:
    """The overview route: the asked aspect from the introduction of the unit's document(s)."""
    found = read_aspect(ask.reading)
    if found is None:
        return None
    aspect, asked, rest = found
    snap, reading = ask.snap, ask.reading
    named = named_words(reading)
    said = said_words(reading)
    picks: list[Pick] = []
    seen_units: set[str] = set()
    for source in ask.sources:  # best first: one document per unit (the newest when none is named)
        unit = snap.meta(source).unit or source
        if unit in seen_units:
            continue
        found_pick = pick(snap, source, aspect, asked, rest, named, said)
        if found_pick is not None:
            seen_units.add(unit)
            picks.append(found_pick)
    if not picks:
        return None
    cites = Citations(snap)
    if len(picks) == 1 or reading.names_one:
        first = picks[0]
        quote = " ".join(first.span.split())
        marker = cites.cite(first.chunk, first.span)
        roles = role_list(snap, first.source) if asks_roles(asked) else None
        listed = roles or (
            _listed(snap, first.source, asked) or _following_list(snap, first)
            if asks_list(reading.text)
            else None
        )
        if listed is not None:
            chunk, shown, span = listed
            quote += f" {marker}\n\n{shown}"
            marker = cites.cite(chunk, span)
        return Answer(
            answer=f"Enligt {doc_label(snap, first.source)}:\n\n{quote} {marker}",
            kind=AnswerKind.OVERVIEW,
            citations=cites.items,
            context=document_context(snap, first.source, reading),
        )
    lines = [(p.source, f"{' '.join(p.span.split())} {cites.cite(p.chunk, p.span)}") for p in picks]
    return clarify_units(snap, reading, cites, lines)
