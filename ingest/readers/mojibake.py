"""Mojibake repair: text whose UTF-8 bytes were read as Windows-1252 ("Ã¤" for "ä").

Some tools write UTF-8 into a place that is later read as Windows-1252 (or Latin-1): an OCR
engine's text layer in a WinAnsi font, a .txt exported by a system with the wrong code page, a
copy through an old mail client. Every å/ä/ö then turns into two characters ("Ã¥", "Ã¤", "Ã¶"),
"–" into three ("â€“"), and no Swedish word of the document matches a question any more.

The repair is exact, not a guess: a run of characters is replaced only when its Windows-1252
bytes are one valid UTF-8 character whose lead is "Â" or "Ã" (the Latin-1 letters and signs,
U+00A0-U+00FF: å, ä, ö, é, ü, §, °, NBSP) or "â" (general punctuation and currency, U+2000-U+20CF:
"–", "’", "”", "…", "€"). Swedish and English text never hold such runs: "Â" and "Ã" are letters
of neither, and "â" followed by two characters of the Windows-1252 punctuation block does not occur
in prose. So the repair is applied to every line of every document, and a document without
mojibake comes back unchanged. Other mojibake (Latin Extended letters of names, "Ä‡" for "ć") is
left as it is: its lead bytes are ordinary Swedish capitals ("Ä", "Å").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.readers.base import Line

# Characters that stand for a byte 0x80-0xBF once UTF-8 is read as Windows-1252: the C1 range
# itself (Latin-1 readers, and the five bytes Windows-1252 leaves undefined), Windows-1252's
# punctuation and letters in 0x80-0x9F, and the Latin-1 signs 0xA0-0xBF.
_CONTINUATION = (
    "\u0080-\u00bf"
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
# A two-byte lead "Â" or "Ã" (0xC2-0xC3: U+0080-U+00FF) with one continuation, or the
# three-byte lead "â" (0xE2: U+2000-U+2FFF) with two.
_RUN = re.compile(f"[\u00c2\u00c3][{_CONTINUATION}]|\u00e2[{_CONTINUATION}]{{2}}")
# Characters accepted: Latin-1 letters and signs from the two-byte leads, general punctuation
# and currency signs from the three-byte one (not C1 controls, not CJK or arrows).
_LATIN1 = range(0x00A0, 0x0100)
_PUNCTUATION = range(0x2000, 0x20D0)


def _byte(char: str) -> int:
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(char)  # a C1 control: a Latin-1 reader kept the byte as is


def _decoded(run: str) -> str | None:
    """The character a run of mojibake stands for, or None when it is not one."""
    try:
        char = bytes(_byte(c) for c in run).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(char) != 1 or ord(char) not in (_PUNCTUATION if len(run) == 3 else _LATIN1):
        return None
    return char


def repair_text(text: str) -> str:
    """`text` with every run of UTF-8-read-as-Windows-1252 replaced by the character it encodes.

    Args:
        text: Any text; text without mojibake is returned unchanged.

    Returns:
        The repaired text ("KvalitetsutmÃ¤rkelsen 2016â€“2018" -> "Kvalitetsutmärkelsen 2016–2018").
    """
    if "\u00c2" not in text and "\u00c3" not in text and "\u00e2" not in text:
        return text  # no lead of a run: the common case
    return _RUN.sub(lambda match: _decoded(match.group(0)) or match.group(0), text)


@dataclass(frozen=True)
class Repaired:
    """Lines after mojibake repair.

    Attributes:
        lines: The lines, repaired (the same objects where nothing changed).
        changed: How many lines held mojibake.
    """

    lines: list[Line]
    changed: int


def repair_lines(lines: list[Line]) -> Repaired:
    """Repair every line's text and cells.

    Args:
        lines: A reader's lines.

    Returns:
        The repaired lines and how many of them changed.
    """
    out: list[Line] = []
    changed = 0
    for line in lines:
        text = repair_text(line.text)
        cells = tuple(repair_text(cell) for cell in line.cells) if line.cells is not None else None
        if text == line.text and cells == line.cells:
            out.append(line)
            continue
        changed += 1
        out.append(replace(line, text=text, cells=cells))
    return Repaired(out, changed)
