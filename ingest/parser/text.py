"""Shared text helpers: folding, numbers, dates and sentences (OCR damage and repair: `ocr`).

Swedish documents reach us in many states: clean Markdown, plain text, PDF text and
OCR output where å/ä/ö are lost ("forsorjningsstod") or garbled ("&r", "6ka", "bemétande").
Everything that recognises words therefore works on a *folded* copy of the text that has
the same length as the original, so a match in the folded copy can be cut verbatim from
the original.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from core.sentence_stops import not_after_abbreviation

YEAR_RE = re.compile(r"(?<![\d,.])((?:19|20)\d\d)(?![\d,])")
# "Inledning .....\t3": table-of-contents rows end in a dot leader and a page number.
TOC_RE = re.compile(r"\.{4,}\s*\t?\s*\d{1,4}\s*$")
# "Sida 4 (12)" in the city's templates; "Sida 4 av 12" in other exports.
PAGE_MARKER_RE = re.compile(r"\bSid(?:a)?\s+(\d{1,4})\s*(?:\(\s*(\d{1,4})\s*\)|av\s+(\d{1,4})\b)")
NUMBER = r"\d{1,3}(?:[ \u00a0]\d{3})+(?:[,.]\d+)?|\d+(?:[,.]\d+)?"
_UNIT_RE = r"%|procent|st|kr|tkr|mnkr|gwh|mwh|kwh|dagar|dag|index|timmar|veckor|månader|manader"
_NUMBER_CELL = re.compile(rf"^\s*(?P<num>-?(?:{NUMBER}))\s*(?P<unit>{_UNIT_RE})?\.?\s*$", re.IGNORECASE)
_LEADING_UNIT = re.compile(rf"^\s*-?(?:{NUMBER})\s*(?P<unit>{_UNIT_RE})(?!\w)", re.IGNORECASE)
_UNIT_NAMES = {"procent": "%", "dag": "dagar", "manader": "månader", "gwh": "GWh", "mwh": "MWh", "kwh": "kWh"}

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "mars": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augusti": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))


def _fold_char(char: str) -> str:
    # One character in, one character out: positions in the folded text equal positions in the original.
    if char == "&":
        return "a"  # OCR writes "är" as "&r"
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return decomposed.lower() if len(decomposed) == 1 else char.lower()


class _FoldTable(dict[int, str]):
    """Translation table that learns each new character on first sight (str.translate asks it)."""

    def __missing__(self, key: int) -> str:
        value = _fold_char(chr(key))
        self[key] = value
        return value


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case and strip diacritics, keeping the length: 'Årsmål' -> 'arsmal', '&r' -> 'ar'.

    Args:
        text: Any text.

    Returns:
        The folded text, exactly as long as `text`.
    """
    return text.translate(_FOLD_TABLE)


def squash(text: str) -> str:
    """Collapse runs of whitespace to single spaces and strip."""
    return re.sub(r"\s+", " ", text).strip()


def parse_number(text: str) -> tuple[float | None, str | None]:
    """Read a number cell with an optional unit: '2,17 %' -> (2.17, '%'), '9 000 st' -> (9000, 'st').

    Args:
        text: The cell text.

    Returns:
        The value (None unless the whole cell is a number) and the unit found at its start (also
        for cells like '2 % energieffektivisering', whose value stays None).
    """
    match = _NUMBER_CELL.match(text)
    if match:
        raw = match.group("num").replace("\u00a0", "").replace(" ", "").replace(",", ".")
        return float(raw), _unit(match.group("unit"))
    lead = _LEADING_UNIT.match(text)
    return None, _unit(lead.group("unit")) if lead else None


def _unit(unit: str | None) -> str | None:
    if not unit:
        return None
    low = unit.lower()
    return _UNIT_NAMES.get(low, low if low not in {"gwh", "mwh", "kwh"} else unit)


def to_float(text: str) -> float | None:
    """The first number in a short text ('Max 975' -> 975.0, '22,64%' -> 22.64), or None."""
    match = re.search(NUMBER, text)
    if not match:
        return None
    return float(match.group(0).replace("\u00a0", "").replace(" ", "").replace(",", "."))


def parse_date(text: str, last: bool = False) -> dt.date | None:
    """Parse a date cell: ISO first, then the other forms Swedish offices type.

    Accepts '2023-01-31', '2023/01/31', '20230131', '31.1.2023', '31/1/2023' and '31 januari 2023'.
    A bare month ('2023-08', 'aug 2023', 'augusti 2023') means its first day, or its last day
    when `last` is set (an end date: "klart juni 2023" is the end of June). Anything else gives None.
    """
    value = squash(text)
    patterns: list[tuple[str, tuple[str, str, str]]] = [
        (r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", ("y", "m", "d")),
        (r"(\d{4})(\d{2})(\d{2})", ("y", "m", "d")),
        (r"(\d{1,2})[./](\d{1,2})[./](\d{4})", ("d", "m", "y")),
    ]
    for pattern, order in patterns:
        match = re.fullmatch(pattern, value)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            return _safe_date(parts["y"], parts["m"], parts["d"])
    match = re.fullmatch(rf"(\d{{1,2}})\s+({MONTH_WORDS})\.?\s+(\d{{4}})", fold(value))
    if match:
        return _safe_date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
    if match:
        return _month(int(match.group(1)), int(match.group(2)), last)
    match = re.fullmatch(rf"({MONTH_WORDS})\.?\s+(\d{{4}})", fold(value))
    if match:
        return _month(int(match.group(2)), _MONTHS[match.group(1)], last)
    return None


def _month(year: int, month: int, last: bool) -> dt.date | None:
    """The first (or last) day of a month."""
    if not 1 <= month <= 12:
        return None
    if not last:
        return _safe_date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A sentence ends at . ! ? before a capital or digit, but not at an abbreviation's stop ("kl. 10-16",
# "14 kap. 1 §": core/sentence_stops.py), and a list item ends where the next line starts one.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])" + not_after_abbreviation() + r"\s+(?=[\"”“(]?[A-ZÅÄÖ0-9|])"
    r"|\n(?=\s*(?:[-•–*]|\d{1,2}[.)])\s)"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Split a paragraph (lines joined by newlines) into sentences: (start, end) offsets into `text`."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def years_in(text: str) -> list[int]:
    """Plausible years (1990-2099) mentioned in a text, in order."""
    return [int(y) for y in YEAR_RE.findall(text) if 1990 <= int(y) <= 2099]
