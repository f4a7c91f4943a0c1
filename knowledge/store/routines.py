"""Routines recognised as structure when a snapshot loads: named sections and numbered step blocks.

Units write their routines in two shapes. Some give a routine a section of its own whose heading
says what it is: "4.1 Rutin för akut hemlöshet utanför kontorstid", "Riktlinjer för …",
"Arbetsgång vid …", "Processen", "Checklista …", "Avvikelserutin". Others write the routine
inside a longer section as a numbered run of steps under a lead line ("… bidrar alla
medarbetare med att:" / "1. Identifiera …" / "2. Bedöma …" / "3. …"), often closed by an
"Ansvar: …" line. Both are a procedure, to be read in order, whatever words the question uses.

This module finds both in a section chunk (pure functions of its text and heading path) and
keeps, per routine, the span to quote and the folded text that describes it: the heading path,
the lead line and the steps, and for a block inside a longer section the whole section too,
because the prose around the steps says what situation the routine is for ("Exempel på när vi
senast använde modellen var … ombyggnad av receptionen"). `Snapshot.load` builds them once per
document version, so no question pays for it (answers/procedure.py matches a question to them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.models import Chunk, ChunkKind
from knowledge.textnorm import fold

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
# The fewest numbered steps that make a procedure (one numbered line is a sentence).
MIN_STEPS = 2
# A step is a sentence ("Identifiera, undersök och kartlägg riskerna …"), not a noun phrase.
MIN_STEP_WORDS = 4
# A lead sentence wrapped over more lines than this is a paragraph, not a lead.
MAX_LEAD_LINES = 4


@dataclass(frozen=True)
class Routine:
    """One routine of a section chunk.

    Attributes:
        chunk_id: The chunk it lies in.
        start: Start of the routine's text in `chunk.text` (what an answer quotes).
        end: End of that text (exclusive).
        named: The section's heading names a routine (the whole section is the routine).
        title: The heading (folded) that names or holds the routine.
        described: Folded text that says what the routine is about: heading path, the routine's
            own text and, for a step block inside a longer section, that section's text.
    """

    chunk_id: str
    start: int
    end: int
    named: bool
    title: str
    described: str

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


def find_routines(chunk: Chunk) -> tuple[Routine, ...]:
    """The routines of one chunk: the whole section when its heading names one, else its step blocks."""
    if chunk.kind is not ChunkKind.SECTION:
        return ()
    heading = _heading(chunk)
    path = fold(chunk.breadcrumb)
    if names_routine(heading):
        return (Routine(chunk.id, 0, len(chunk.text), True, heading, f"{path}\n{fold(chunk.text)}"),)
    section = fold(chunk.text)
    return tuple(
        Routine(chunk.id, start, end, False, heading, f"{path}\n{section}")
        for start, end in step_blocks(chunk.text)
    )


def document_routines(chunks: list[Chunk]) -> tuple[Routine, ...]:
    """Every routine of one document's chunks, in document order."""
    return tuple(r for c in chunks for r in find_routines(c))
