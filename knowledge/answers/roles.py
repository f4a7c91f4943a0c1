"""What a role at the unit does: "vad gör en FUT-handläggare?", "vad gör case managers hos oss?".

Plans and applications describe their roles in two ways, both answered here from the text itself:
a list of labelled lines ("Case- managers: ansvarar för stadsdelens förrehabiliterande
arbetsmarknadsinsatser.", "FUT- utredare: Handlägger felaktiga utbetalningar …") and a sentence that
names the role and what it does ("Enheten har även en FUT-handläggare som arbetar med felaktiga
utbetalningar och internkontroller."). A question that names no unit, when several units describe the
role, gets one line per unit and is asked which unit it means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.sentence_stops import not_after_abbreviation
from knowledge.answer import Answer, AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.phrasing import clarify_units, doc_label, document_context
from knowledge.models import Chunk, ChunkKind
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand.reading import QuestionReading

# "vad gör en X", "vad gör X hos oss", "vad har X för roll/uppgift", "vad jobbar X med",
# "vad ansvarar X för", "vad är X:s roll/uppgift" (folded text).
_ASKS = re.compile(
    r"\bvad gor (?:en |ett |var |vara )?(?P<a>[\w -]+?)(?: (?:hos|pa|i|inom|for) .*)?$"
    r"|\bvad (?:har|gor) (?:en |ett )?(?P<b>[\w -]+?) for (?:roll|uppgift\w*|uppdrag)\b"
    r"|\bvad (?:jobbar|arbetar) (?:en |ett )?(?P<c>[\w -]+?) med\b"
    r"|\bvad ansvarar (?:en |ett )?(?P<d>[\w -]+?) for\b"
    r"|\bvad ar (?:en |ett )?(?P<e>[\w -]+?)s (?:roll|uppgift\w*|uppdrag)\b"
)
# What the unit itself does is an overview question (answers/overview.py), not a role.
_NOT_ROLES = frozenset(
    re.findall(
        r"\w+", "vi ni man du jag de dom enheten enheterna verksamheten egentligen det den detta han hon hen"
    )
)


def asked_role(reading: QuestionReading) -> str | None:
    """The role a question asks about ("case managers", "fut-handlaggare"), folded, or None."""
    text = fold(reading.text).strip(" ?!.")
    for clause in re.split(r"[?!.;]|\s[-\u2013\u2014]\s|, ", text):
        m = _ASKS.search(clause.strip())
        if m is None:
            continue
        role = next(g for g in m.groups() if g)
        words = [w for w in role.split() if w]
        if not words or words[0] in _NOT_ROLES or len(words) > 3:
            continue
        return " ".join(words)
    return None


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))


def same_role(asked: str, named: str) -> bool:
    """Whether a role named in a document is the asked one ("case manager" ~ "Case- managers").

    Letters only, so spaces and hyphens (OCR: "FUT- utredare") do not matter; singular and plural,
    indefinite and definite forms share all but their last three letters.
    """
    a, n = _key(asked), _key(named)
    if len(a) < 4 or len(n) < 4:
        return False
    stem = max(4, min(len(a), len(n)) - 3)
    return a[:stem] == n[:stem] and abs(len(a) - len(n)) <= 3


# "Case- managers: ansvarar för …" (a list bullet or an OCR'd "e" before it is allowed).
_LABEL_LINE = re.compile(
    r"^[ \t•*–-]*(?:e[ \t]+)?(?P<label>[^\W\d][\w -]{1,40}?)[ \t]*:[ \t]*(?P<what>\S.{8,})$", re.M
)
# "… en FUT-handläggare som arbetar med …": the role, "som" and what it does.
# "Enhetschefen ansvarar för …", "Biträdande enhetschef har det operativa … ansvaret": the role as subject.
_WHO_DOES = re.compile(
    r"(?P<label>[^\W\d][\w-]{3,}(?: [\w-]+)?) (?:som (?:arbetar|ansvarar|ger|hanterar|handlägger|handlagger"
    r"|stöttar|stottar|stödjer|stodjer|leder|utreder)\b|ansvarar för|ansvarar for"
    r"|har (?:det |ett )?(?:\w+ ){0,2}ansvar)",
)
# "Enhetschef: Marie Aggesund Karlsson" names who holds the role, it does not say what the role does.
_NAME = re.compile(r"[A-ZÅÄÖ][\w-]+(?: [A-ZÅÄÖ][\w-]+){1,3}\s*$")
# A stop before a space or the end, not an abbreviation's ("t.ex.", "kl.": core/sentence_stops.py).
_SENTENCE_END = re.compile(r"[.!?]" + not_after_abbreviation() + r"(?=\s|$)")


@dataclass(frozen=True)
class RoleText:
    """Where a document says what a role does."""

    source: str
    chunk: Chunk
    quote: str


def find_role(snap: Snapshot, source: str, role: str) -> RoleText | None:
    """The first labelled line, else the first sentence with the role as subject, describing the role."""
    chunks = [c for c in snap.chunks_of(source) if c.kind is ChunkKind.SECTION]
    for chunk in chunks:
        for m in _LABEL_LINE.finditer(_readable(chunk)):
            if same_role(role, m.group("label")) and not _NAME.match(m.group("what")):
                return RoleText(source, chunk, _to_sentence_end(chunk.text, m.start("label")))
    for chunk in chunks:
        for m in _WHO_DOES.finditer(_readable(chunk)):
            words = m.group("label").split()
            if any(same_role(role, " ".join(words[k:])) for k in range(len(words))):
                start = _sentence_start(chunk.text, m.start())
                return RoleText(source, chunk, _to_sentence_end(chunk.text, start))
    for chunk in chunks:
        for m in _SUBJECT_FIRST.finditer(_readable(chunk)):
            words = m.group("label").split()
            # "Verksamhetsplanerare …", "Enhetens ledningsgrupp …": the role is the first or the last word.
            if any(_begins_with_role(role, w) for w in (words[0], " ".join(words), words[-1])):
                return RoleText(source, chunk, _to_sentence_end(chunk.text, m.start("label")))
    return None


def _begins_with_role(role: str, subject: str) -> bool:
    """`same_role`, and the subject holds all of the asked role but its ending: a sentence's first
    word is any noun ("Enheten är …"), so it must be the role itself, not one sharing four letters."""
    stem = _key(role)[: max(4, len(_key(role)) - 3)]
    return same_role(role, subject) and _key(subject).startswith(stem)


# A sentence that opens with the role and a verb ("Verksamhetsplanerare kommer från och med 2023 att
# gå igenom …", "Socialsekreterarna utreder …"): Swedish puts the subject first in a plain statement,
# and a finite verb in the present ends in -r (kommer, går, ger) or the past in -de/-te.
_SUBJECT_FIRST = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*(?P<label>[A-ZÅÄÖ][\w-]{3,}(?: [\w-]+)?) (?=[a-zåäö]+(?:r|de|te)\b)",
    re.M,
)


def _readable(chunk: Chunk) -> str:
    """The chunk as read (OCR repaired where certain, same length: offsets hold for `text`)."""
    return chunk.repaired if chunk.repaired and len(chunk.repaired) == len(chunk.text) else chunk.text


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding position `at` starts."""
    # A sentence ends at its full stop; a paragraph break ends a line without one ("Enhetschef: Anna").
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    paragraph = text.rfind("\n\n", 0, at)
    start = max(before[-1] if before else 0, paragraph + 2 if paragraph >= 0 else 0)
    while start < at and text[start].isspace():
        start += 1
    return start


def _to_sentence_end(text: str, start: int, limit: int = 300) -> str:
    """Verbatim text from `start` to the end of its sentence (at most `limit` characters)."""
    m = _SENTENCE_END.search(text, start)
    end = m.end() if m and m.end() - start <= limit else min(len(text), start + limit)
    return text[start:end].strip()


# Fewest labelled lines that make a list of roles, and most shown.
MIN_ROLE_LINES = 3
MAX_ROLE_LINES = 12


def role_list(snap: Snapshot, source: str) -> tuple[Chunk, str, str] | None:
    """The document's own list of roles and what each does, for "vilka yrkesroller finns?".

    Organisation texts list their roles as labelled lines ("Socialsekreterare: motiverar …",
    "FUT- utredare: Handlägger …"). The chunk (outside the goal chain) with the most such lines, at
    least `MIN_ROLE_LINES`, is the list; a label that is an acronym alone ("APT: arbetsplatsträff")
    is a glossary line and a label line naming a person ("Enhetschef: Anna") says who, not what.
    Returns the chunk, the lines shown (one a line, each to its sentence end) and the quoted span.
    """
    best: tuple[int, Chunk, list[tuple[int, str]]] | None = None
    for chunk in snap.chunks_of(source):
        if chunk.kind is not ChunkKind.SECTION or chunk.goal_key:
            continue
        lines = [
            (m.start("label"), _to_sentence_end(chunk.text, m.start("label")))
            for m in _LABEL_LINE.finditer(_readable(chunk))
            if not _NAME.match(m.group("what"))
            and not m.group("label").strip().isupper()
            and len(m.group("label").split()) <= 3
        ]
        if len(lines) >= MIN_ROLE_LINES and (best is None or len(lines) > best[0]):
            best = (len(lines), chunk, lines)
    if best is None:
        return None
    _, chunk, lines = best
    shown = lines[:MAX_ROLE_LINES]
    start, end = shown[0][0], shown[-1][0] + len(shown[-1][1])
    return chunk, "\n".join("- " + " ".join(line.split()) for _, line in shown), chunk.text[start:end]


def role_lines(snap: Snapshot, source: str) -> list[tuple[Chunk, str, str]]:
    """Every labelled role line of the document: (chunk, label, the line to its sentence end).

    The lines `role_list` shows, from every prose chunk outside the goal chain (not only the one
    with the most): a label naming a person ("Enhetschef: Anna") or an acronym alone is left out.
    """
    out = []
    for chunk in snap.chunks_of(source):
        if chunk.kind is not ChunkKind.SECTION or chunk.goal_key:
            continue
        for m in _LABEL_LINE.finditer(_readable(chunk)):
            label = m.group("label").strip()
            if _NAME.match(m.group("what")) or label.isupper() or len(label.split()) > 3:
                continue
            out.append((chunk, label, _to_sentence_end(chunk.text, m.start("label"))))
    return out


def asks_roles(words: list[str]) -> bool:
    """Whether the question's cue words ask for the unit's roles ("vilka yrkesroller/roller finns?")."""
    return any("roll" in w for w in words)


def applies(ask: Ask) -> bool:
    """The route's test: a question about what a role does."""
    return asked_role(ask.reading) is not None


def role_answer(ask: Ask) -> Answer | None:
    """What the role does, from the chosen documents (one line per unit when several describe it)."""
    role = asked_role(ask.reading)
    if role is None:
        return None
    snap, reading = ask.snap, ask.reading
    found: list[RoleText] = []
    units: set[str] = set()
    for source in ask.sources:
        unit = snap.meta(source).unit or source
        if unit in units:
            continue
        if (text := find_role(snap, source, role)) is not None:
            units.add(unit)
            found.append(text)
    if not found:
        return None
    cites = Citations(snap)
    if len(found) == 1 or reading.names_one:
        first = found[0]
        marker = cites.cite(first.chunk, first.quote)
        return Answer(
            answer=f"Enligt {doc_label(snap, first.source)}:\n\n{' '.join(first.quote.split())} {marker}",
            kind=AnswerKind.OVERVIEW,
            citations=cites.items,
            context=document_context(snap, first.source, reading),
        )
    lines = [
        (text.source, f"{' '.join(text.quote.split())} {cites.cite(text.chunk, text.quote)}")
        for text in found
    ]
    return clarify_units(snap, reading, cites, lines)
