"""Mojibake repair: text whose UTF-8 bytes were read as Windows-1252 ("Ã¤" for "ä").

Some tools write UTF-8 into a place that is later read as Windows-1252 (or Latin-1): an OCR
engine's text layer in a WinAnsi font, a .txt exported by a system with the wrong code page, a
copy through an old mail client. Every å/ä/ö then turns into two characters ("Ã¥", "Ã¤", "Ã¶"),
"–" into three ("â€“"), and no Swedish word of the document matches a question any more.

The repair itself is ftfy's `fix_encoding` (only its encoding steps: no quote uncurling, no
width or ligature folding, no HTML unescaping). ftfy re-encodes a run only when its detector
finds the text "bad" in a way real text is not, and it also undoes what a hand-written table of
leads would leave: names in Latin Extended letters ("Ä‡" for "ć"), arrows ("â†’" for "→"),
a mangled "à" whose NBSP became a space. Ingest applies it to every document; none of the
bundled or unseen documents without mojibake changes by a single character.

ftfy judges the text it is given, and one short line can be too little to judge: "Ã¥r" ("år")
or a table cell "Ã…r" ("År") alone is not "bad" enough for it, since a word may begin with a
capital and a sign. So a document is judged whole first: when ftfy finds all of it to be one
consistent mis-decoding (its plan starts by re-encoding), that plan is applied to every line and
cell. A document that mixes right letters with garbled ones has no such plan; its lines are then
judged one by one. This module keeps what ingest needs around ftfy: lines and table cells
repaired together, lines without mojibake returned as the same objects, and the count of lines
that changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import ftfy

from ingest.readers.base import Line


def repair_text(text: str) -> str:
    """`text` with UTF-8 read as a single-byte Western code page decoded as it was written.

    Args:
        text: Any text; text without mojibake is returned unchanged.

    Returns:
        The repaired text ("KvalitetsutmÃ¤rkelsen 2016â€“2018" -> "Kvalitetsutmärkelsen 2016–2018").
    """
    # ftfy's defaults for its encoding steps (restore_byte_a0, replace_lossy_sequences,
    # decode_inconsistent_utf8, fix_c1_controls); ASCII and "not bad" text return at once.
    return ftfy.fix_encoding(text)


@dataclass(frozen=True)
class Repaired:
    """Lines after mojibake repair.

    Attributes:
        lines: The lines, repaired (the same objects where nothing changed).
        changed: How many lines held mojibake.
    """

    lines: list[Line]
    changed: int


def _document_plan(lines: list[Line]) -> list[tuple[str, str]] | None:
    """ftfy's plan for the whole document when it is one consistent mis-decoding, else None."""
    explained = ftfy.fix_encoding_and_explain("\n".join(line.text for line in lines))
    plan = explained.explanation
    # A plan that starts with "apply" only patched pieces (decode_inconsistent_utf8): the
    # document mixes right and garbled text, so each line is judged on its own.
    if not plan or plan[0][0] != "encode":
        return None
    return [(step[0], step[1]) for step in plan]


def _repaired(text: str, plan: list[tuple[str, str]] | None) -> str:
    if plan is None or text.isascii():
        return repair_text(text)
    try:
        return ftfy.apply_plan(text, plan)
    except (UnicodeError, ValueError):
        return repair_text(text)  # a cell the document's plan does not fit: judge it alone


def repair_lines(lines: list[Line]) -> Repaired:
    """Repair every line's text and cells.

    Args:
        lines: A reader's lines (one document).

    Returns:
        The repaired lines and how many of them changed.
    """
    plan = _document_plan(lines)
    out: list[Line] = []
    changed = 0
    for line in lines:
        text = _repaired(line.text, plan)
        cells = tuple(_repaired(cell, plan) for cell in line.cells) if line.cells is not None else None
        if text == line.text and cells == line.cells:
            out.append(line)
            continue
        changed += 1
        out.append(replace(line, text=text, cells=cells))
    return Repaired(out, changed)
