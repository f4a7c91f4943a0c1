"""The markers Word draws in front of list paragraphs ("1.", "a)", "•"), which are not in their text.

A Word list keeps its numbers and bullets in the numbering part: the paragraph (or its style,
as "List Number" and "List Bullet" do) names a numbering instance and a level, and the level's
format says what Word draws. Without the markers a routine's steps read as loose sentences,
where the same routine typed in a text file reads "1. …, 2. …". Counting follows Word: one
counter per numbering instance and level, running through the document, deeper levels
restarting under a new item of the level above.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

BULLET = "•"
# Formats Word counts in; others ("none", pictures, ordinal words) get no marker.
_COUNTED = ("decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman")
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str  # lvlText: "%1.", "%1.%2)", or the bullet character
    start: int


def _value(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _format(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(number).upper() if fmt == "upperRoman" else _roman(number)
    return str(number)


def num_properties(ppr: Any) -> tuple[str | None, int | None]:
    """The numbering instance and level a paragraph's (or a style's) properties name."""
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numpr is None:
        return None, None
    level = _value(numpr, "w:ilvl")
    return _value(numpr, "w:numId"), int(level) if level is not None and level.isdigit() else None


class ListMarkers:
    """Numbers list paragraphs in document order, as Word shows them."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # a document without lists has no numbering part
        abstract: dict[str, dict[int, _Level]] = {}
        for definition in numbering.findall(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in definition.findall(qn("w:lvl")):
                start = _value(lvl, "w:start") or "1"
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                    fmt=_value(lvl, "w:numFmt") or "decimal",
                    text=_value(lvl, "w:lvlText") or "",
                    start=int(start) if start.isdigit() else 1,
                )
            abstract[definition.get(qn("w:abstractNumId"), "")] = levels
        for num in numbering.findall(qn("w:num")):
            levels = dict(abstract.get(_value(num, "w:abstractNumId") or "", {}))
            for override in num.findall(qn("w:lvlOverride")):
                level = int(override.get(qn("w:ilvl"), "0"))
                restart = _value(override, "w:startOverride")
                if level in levels and restart and restart.isdigit():
                    old = levels[level]
                    levels[level] = _Level(old.fmt, old.text, int(restart))
            self._levels[num.get(qn("w:numId"), "")] = levels

    def marker(self, num_id: str | None, level: int | None) -> str | None:
        """The marker of the next paragraph in this list and level; None when Word draws none."""
        levels = self._levels.get(num_id or "")
        if not levels:
            return None
        level = level or 0
        spec = levels.get(level)
        if spec is None:
            return None
        if spec.fmt == "bullet":
            return BULLET
        if spec.fmt not in _COUNTED:
            return None
        counters = self._counters.setdefault(num_id or "", {})
        counters[level] = counters.get(level, spec.start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        text = spec.text or f"%{level + 1}."
        for above in range(level + 1):
            above_spec = levels.get(above)
            count = counters.get(above, above_spec.start if above_spec else 1)
            text = text.replace(f"%{above + 1}", _format(count, above_spec.fmt if above_spec else "decimal"))
        return text.strip() or None
