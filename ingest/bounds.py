"""Size bounds on what one document can become: its text, its chunks and their sentences.

Without them a 5 MB single-line text became one 5 MB chunk (and 5 MB answers), and a
442 KB .docx unpacked to 200 MB of text (92 s, 2.4 GB RAM, a 422 MB database). Each cut
is reported as a warning on the document, so the ingest report says what was left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.readers.base import RawDocument

_MB = 1024 * 1024
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n")


@dataclass(frozen=True)
class Bounds:
    """The limits (PLANBOT_MAX_TEXT_MB, PLANBOT_MAX_CHUNK_CHARS, PLANBOT_MAX_SENTENCE_CHARS)."""

    max_text_chars: int
    max_chunk_chars: int
    max_sentence_chars: int


def _mb(n: int) -> str:
    return f"{n / _MB:.1f}".replace(".", ",")


def bound_text(raw: RawDocument, max_text_chars: int) -> list[str]:
    """Cut the document's lines after `max_text_chars` characters of text.

    Returns:
        Warnings for the report (empty when nothing was cut).
    """
    total = 0
    for i, line in enumerate(raw.lines):
        total += len(line.text) + 1
        if total > max_text_chars:
            dropped = sum(len(x.text) for x in raw.lines[i:])
            del raw.lines[i:]
            return [
                f"texten är längre än {_mb(max_text_chars)} miljoner tecken; de sista {dropped:,} tecknen "
                "lästes inte in. Dela upp dokumentet eller höj PLANBOT_MAX_TEXT_MB.".replace(",", " ")
            ]
    return []


def split_sentences(text: str, max_sentence_chars: int) -> tuple[str, int]:
    """Break every run longer than `max_sentence_chars` without a sentence end.

    A break goes at the last space before the bound (or at the bound when there is none)
    and becomes a line break; everything else is kept exactly.

    Returns:
        The text and how many breaks were inserted.
    """
    if len(text) <= max_sentence_chars:
        return text, 0
    pieces: list[str] = []
    breaks = 0
    pos = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        sentence = text[pos:end]
        while len(sentence) > max_sentence_chars:
            cut = sentence.rfind(" ", max_sentence_chars // 2, max_sentence_chars)
            cut = cut if cut > 0 else max_sentence_chars
            pieces.append(sentence[:cut].rstrip() + "\n")
            sentence = sentence[cut:].lstrip()
            breaks += 1
        pieces.append(sentence)
        if match:
            pieces.append(match.group(0))
            pos = match.end()
    return "".join(pieces), breaks


def split_chunk(text: str, max_chunk_chars: int) -> list[str]:
    """Split a text into parts of at most `max_chunk_chars`, at line or sentence ends where possible."""
    parts: list[str] = []
    while len(text) > max_chunk_chars:
        window = text[:max_chunk_chars]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < max_chunk_chars // 2:
            cut = window.rfind(" ")
        if cut < max_chunk_chars // 2:
            cut = max_chunk_chars - 1
        parts.append(text[: cut + 1].strip())
        text = text[cut + 1 :].strip()
    if text:
        parts.append(text)
    return parts
