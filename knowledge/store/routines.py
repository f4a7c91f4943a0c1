"""Routines recognised as structure when a snapshot loads: named sections, step blocks and rules.

Units write their routines in three shapes. Some give a routine a section of its own whose heading
says what it is: "4.1 Rutin för akut hemlöshet utanför kontorstid", "Riktlinjer för …",
"Arbetsgång vid …", "Processen", "Checklista …", "Avvikelserutin". Others write the routine
inside a longer section as a numbered run of steps under a lead line ("… bidrar alla
medarbetare med att:" / "1. Identifiera …" / "2. Bedöma …" / "3. …"), often closed by an
"Ansvar: …" line. And plans state many small routines as one rule sentence: a condition, then
what is done ("Vid långvarig sjukfrånvaro … samverkar enhetschef med HR.", "Om det framkommer
misstanke om bidragsbrott, görs polisanmälan.", "Då passiv rökning förekommer ges brukaren
information …"). All three are a procedure, to be read as written, whatever words the question
uses.

This module finds them in a section chunk (pure functions of its text and heading path) and
keeps, per routine, the span to quote and the folded text that describes it: the heading path,
the lead line and the steps, and for a block inside a longer section the whole section too,
because the prose around the steps says what situation the routine is for ("Exempel på när vi
senast använde modellen var … ombyggnad av receptionen"); a rule is described by its own
sentence only (its condition is the situation). `Snapshot.load` builds them, with the stems of
their description, once per document version, so no question pays for it
(answers/procedure.py matches a question to them).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.models import Chunk, ChunkKind
from knowledge.textnorm import fold, stem_tokens

# A heading word that names a procedure (folded): "rutin", "rutiner", "avvikelserutin(en)",
# "riktlinjer", "arbetsgång(en)", "process(en)", "checklista(n)", "flödesschema".
_NAMED = re.compile(
    r"\b(?:\w*rutin(?:en|er|erna)?|riktlinj\w*|arbetsgang\w*|process(?:en|er|erna)?|checklist\w*|flodesschema\w*)\b"
)
# A numbered step line: "1. …", "2) …", "Steg 3: …" (folded). Bullets are lists, not steps:
# plans bullet their expected results, which are no procedure.
_NUMBERED = re.compile(r"^\W{0,3}(?:steg\s*)?(\d{1,2})\s*[.):–-]\s*\S")
# "Ansvar: …", "Ansvarig: …": who owns the routine; closes a block.
_RESPONSIBLE = re.compile(r"^\W{0,3}ansvar(?:ig|iga)?\s*:")
# A rule sentence opens with its condition (folded): "Vid …", "Om …", "När …", "Då …", "I de
# fall …", "Ifall …". General Swedish for "in case of / when", not taken from any question.
_CONDITION = re.compile(r"^(?:vid|om|nar|da|ifall|i de fall|i handelse av)\s")
# A sentence ends at ".", "!" or "?" before a new sentence's capital (or the text's end).
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+(?=\s+[A-ZÅÄÖ0-9]|\s*$)|$)")
# A rule is one sentence of a condition and an action; a longer "sentence" is a paragraph
# the splitter could not cut (OCR, lists), not one rule.
MAX_RULE_CHARS = 300
# The fewest numbered steps that make a procedure (one numbered line is a sentence).
MIN_STEPS = 2
# A step is a sentence ("Identifiera, undersök och kartlägg riskerna …"), not a noun phrase.
MIN_STEP_WORDS = 4
# A lead sentence wrapped over more lines than this is a paragraph, not a lead.
MAX_LEAD_LINES = 4


class RoutineShape(enum.StrEnum):
    """How a routine is written."""

    NAMED = "named"  # a section whose heading names it ("Rutin för …"): the whole section
    STEPS = "steps"  # a numbered step block inside a longer section
    RULE = "rule"  # one sentence: a condition and what is done ("Vid …, kontaktas …")


@dataclass(frozen=True)
class Routine:
    """One routine of a section chunk.

    Attributes:
        chunk_id: The chunk it lies in.
        start: Start of the routine's text in `chunk.text` (what an answer quotes).
        end: End of that text (exclusive).
        shape: How it is written.
        title: The heading (folded) that names or holds the routine.
        described: Folded text that says what the routine is about: for a named section or a
            step block its headings (not the document title) and the section's text, for a
            rule its sentence.
        stems: The stems of `described` (what a question is matched against).
    """

    chunk_id: str
    start: int
    end: int
    shape: RoutineShape
    title: str
    described: str
    stems: frozenset[str]

    @property
    def named(self) -> bool:
        """The section's heading names the routine."""
        return self.shape is RoutineShape.NAMED

    def text(self, chunk: Chunk) -> str:
        """The routine's own text, verbatim from its chunk."""
        return chunk.text[self.start : self.end]


def _heading(chunk: Chunk) -> str:
    return fold(chunk.breadcrumb.split("›")[-1]).strip()


def names_routine(heading: str) -> bool:
    """The (folded) heading names a procedure: "Rutin för …", "Riktlinjer", "Processen", …"""
    return bool(_NAMED.search(heading))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of the text."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            out.append((start, start + len(stripped)))
        pos += len(line)
    return out


def _continues(previous: str, line: str) -> bool:
    """Whether `line` is the wrapped rest of `previous` (it ends no sentence, this one starts small)."""
    return not previous.rstrip().endswith((".", ":", "!", "?")) and (line[:1].islower() or line[:1] == "(")


def step_blocks(text: str) -> list[tuple[int, int]]:
    """Character spans of the numbered step blocks in a text, each with its lead and "Ansvar:" line.

    A block is a run of lines numbered 1, 2, 3 … in order; lines between two numbered ones
    that carry no number are the previous step wrapped (OCR and PDF text break lines). The line
    just before step 1 is the block's lead when it ends in ":" ("… med att:"); an "Ansvar: …"
    line after the last step is part of it.
    """
    lines = _lines(text)
    folded = [fold(text[s:e]) for s, e in lines]
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        m = _NUMBERED.match(folded[i])
        if not m or int(m.group(1)) != 1:
            i += 1
            continue
        expected, last, j = 2, i, i + 1
        while j < len(lines):
            n = _NUMBERED.match(folded[j])
            if n and int(n.group(1)) == expected:
                expected, last = expected + 1, j
            elif n or _RESPONSIBLE.match(folded[j]) or not _continues(folded[j - 1], folded[j]):
                break
            j += 1
        numbered = [k for k in range(i, last + 1) if _NUMBERED.match(folded[k])]
        if len(numbered) < MIN_STEPS or any(len(folded[k].split()) < MIN_STEP_WORDS for k in numbered):
            # One numbered line is a sentence; "1. Brukardelaktighet / 2. Hot och våld" is a
            # numbered list of topics, not steps someone takes.
            i += 1
            continue
        end = last
        while end + 1 < j:  # the last step's wrapped rest
            end += 1
        first = i - 1 if i > 0 and folded[i - 1].rstrip().endswith(":") else i
        while (
            first < i
            and first > 0
            and i - first < MAX_LEAD_LINES
            and _continues(folded[first - 1], folded[first])
        ):
            first -= 1  # the lead sentence's start ("I workshopform vid APT bidrar … / med att:")
        if end + 1 < len(lines) and _RESPONSIBLE.match(folded[end + 1]):
            end += 1
        blocks.append((lines[first][0], lines[end][1]))
        i = end + 1
    return blocks


def rule_sentences(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character spans of the rule sentences of a text: a condition, then what is done.

    Args:
        text: A section's text.
        skip: Spans already part of another routine (a step block).
    """
    out = []
    for m in _SENTENCE.finditer(text):
        raw = m.group()
        start = m.start() + len(raw) - len(raw.lstrip())
        end = m.start() + len(raw.rstrip())
        sentence = " ".join(text[start:end].split())
        if (
            end - start <= MAX_RULE_CHARS
            and _CONDITION.match(fold(sentence))
            and len(sentence.split()) >= MIN_STEP_WORDS
            and not any(a <= start < b for a, b in skip)
        ):
            out.append((start, end))
    return out


def _routine(
    chunk: Chunk, start: int, end: int, shape: RoutineShape, heading: str, described: str
) -> Routine:
    return Routine(chunk.id, start, end, shape, heading, described, frozenset(stem_tokens(described)))


def find_routines(chunk: Chunk) -> tuple[Routine, ...]:
    """The routines of one chunk: the whole section when its heading names one, else its step
    blocks and rule sentences, in text order."""
    if chunk.kind is not ChunkKind.SECTION:
        return ()
    heading = _heading(chunk)
    # The breadcrumb's first part is the document's title (type, year, unit): metadata, which
    # chooses the document, not the routine.
    headings = fold("\n".join(chunk.breadcrumb.split("›")[1:]))
    if names_routine(heading):
        described = f"{headings}\n{fold(chunk.text)}"
        return (_routine(chunk, 0, len(chunk.text), RoutineShape.NAMED, heading, described),)
    section = f"{headings}\n{fold(chunk.text)}"
    blocks = step_blocks(chunk.text)
    found = [_routine(chunk, a, b, RoutineShape.STEPS, heading, section) for a, b in blocks]
    found += [
        _routine(chunk, a, b, RoutineShape.RULE, heading, fold(chunk.text[a:b]))
        for a, b in rule_sentences(chunk.text, blocks)
    ]
    return tuple(sorted(found, key=lambda r: r.start))


def document_routines(chunks: list[Chunk]) -> tuple[Routine, ...]:
    """Every routine of one document's chunks, in document order."""
    return tuple(r for c in chunks for r in find_routines(c))
