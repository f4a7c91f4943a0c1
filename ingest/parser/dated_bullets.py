"""Activities written as a bulleted list under an "Aktiviteter" caption, their dates in the sentence.

Word plans that are not made from the city's template often list a goal's activities as bullets
instead of an activity table::

    Aktiviteter 2021
    • Senast den 31 maj 2021 tar Utredningsgruppen fram en egen mall för …
    • Alla familjerättssekreterare går stadens utbildning i samtal med barn under mars och april 2021.

Each bullet is one activity; the dates are read from the sentence, and the words right before a
date say whether it starts or ends the activity (`activity_dates.tsv`). The walker
(`structure.py`) keeps the bullets as text too, so passages still quote them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from ingest.parser.kind_words import kind_words
from ingest.parser.text import MONTH_WORDS, fold, parse_date

DATA_FILE = Path(__file__).with_name("activity_dates.tsv")
# A list item's bullet as Word, PDF readers and text exports give it.
_BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□➢►–\-*]|o(?=\s))\s+")
_DAY = rf"\d{{1,2}}\s+(?:{MONTH_WORDS})\.?\s+\d{{4}}"
_MONTH = rf"(?:{MONTH_WORDS})\.?"
# "mars och april 2021", "mars–april 2021", "mars till april 2021": one span in one year.
_SPAN = re.compile(rf"\b({_MONTH})\s*(?:och|till|-|–)\s*({_MONTH})\s+(\d{{4}})\b")
_DATE = re.compile(rf"\b(?:{_DAY}|{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b")


class DateRole(Enum):
    """What a date in an activity's sentence is to the activity."""

    START = "start"
    END = "end"


@dataclass(frozen=True)
class DatedItem:
    """One bullet read as an activity: its text without the bullet, and the dates its sentence gives."""

    text: str
    start: dt.date | None
    end: dt.date | None


@cache
def _phrases(role: str) -> tuple[str, ...]:
    found = kind_words(DATA_FILE, role)
    # Longest first, so "senast den" is tried before "senast".
    return tuple(sorted(found, key=len, reverse=True))


def is_activity_caption(text: str) -> bool:
    """Whether a heading says the list under it holds activities ("Aktiviteter", "Aktiviteter 2021")."""
    words = re.sub(r"[^a-z ]", " ", fold(text)).split()
    if not words or len(words) > 4:
        return False
    joined = " ".join(words)
    for phrase in _phrases("caption"):
        if phrase.endswith("*") and words[0].startswith(phrase[:-1]):
            return True
        if joined == phrase:
            return True
    return False


def bullet_text(text: str) -> str | None:
    """The text of a bulleted list item without its bullet, or None when the line is no list item."""
    match = _BULLET.match(text)
    if match is None:
        return None
    rest = text[match.end() :].strip()
    return rest or None


def _role_before(folded: str, start: int) -> DateRole | None:
    """The role the words right before a date give it ("senast den" → END), or None."""
    before = re.sub(r"[^a-z ]", " ", folded[:start])
    before = re.sub(r"\s+", " ", before).strip()
    for role in (DateRole.END, DateRole.START):
        for phrase in _phrases(role.value):
            words = re.sub(r"[^a-z ]", " ", phrase).split()
            if before.split()[-len(words) :] == words:
                return role
    return None


def item_dates(text: str) -> tuple[dt.date | None, dt.date | None]:
    """The start and end an activity's sentence gives.

    A date after an end phrase ("senast den 31 maj 2021") ends the activity, one after a start
    phrase ("från den 1 februari 2021") starts it; a span of months ("under mars och april
    2021") or a date with no such phrase is when the activity takes place (first to last day).

    Args:
        text: The activity's sentence.

    Returns:
        (start, end), either None when the sentence does not give it.
    """
    folded = fold(text)
    start: dt.date | None = None
    end: dt.date | None = None
    span = _SPAN.search(folded)
    if span is not None:
        year = span.group(3)
        return parse_date(f"{span.group(1)} {year}"), parse_date(f"{span.group(2)} {year}", last=True)
    for match in _DATE.finditer(folded):
        role = _role_before(folded, match.start())
        first, last = parse_date(match.group(0)), parse_date(match.group(0), last=True)
        if role is DateRole.END:
            end = end or last
        elif role is DateRole.START:
            start = start or first
        elif start is None and end is None:
            start, end = first, last
    return start, end


def dated_item(text: str) -> DatedItem | None:
    """A bulleted line read as an activity, or None when it is no list item."""
    body = bullet_text(text)
    if body is None:
        return None
    start, end = item_dates(body)
    return DatedItem(body, start, end)
