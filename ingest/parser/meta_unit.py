"""The document's own unit, from what plans and applications carry, most explicit source first.

1. the title line ("Verksamhetsplan 2020 för X", "Kvalitetsutmärkelsen 2020 Vuxenenheten");
2. an administrative field, inline or as a table row ("Verksamhetens namn: X", "Enhet | X"),
   or a label line with the value under it; the recipient ("Till: X") when X is a unit, not a board;
3. the name set right under or above the title (a heading, emphasised, or a short name line);
4. a line that names a unit ("Enheten för …", "…enheten");
5. the first marked heading when it reads as a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.parser.text import TOC_RE, fold
from ingest.readers.base import Line

_TITLE_REST = re.compile(
    r"^(?:verksamhetsplan|verksamhetsberattelse|kvalitetsutmarkelsen?)\s+"
    r"(?:(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?\s+)?(?:[-–:]\s*)?(?:for\s+)?(.+)$"
)
_LABELS = {"enhet", "enhetens namn", "verksamhet", "verksamhetens namn", "galler for", "till"}
_FIELD = re.compile(r"^(enhet|enhetens namn|verksamhet|verksamhetens namn|galler for|till)\s*:\s*(.+)$")
_NOT_UNIT = re.compile(
    r"^(?:innehall|forslag till beslut|handlaggare|telefon|till\b|fran\b|sammanfattning|bilag|inledning"
    r"|administrativ|bakgrund|forord|tjansteutlatande|ansokan|dnr\b|datum|beskriv|anteckning|sida?\b"
    r"|verksamhetsplan|verksamhetsberattelse|kvalitetsutmarkelse|rutin)"
)
# A board or an administration receives plans and runs districts; it is not the unit.
_BOARD = re.compile(r"namnd|forvaltning|styrelse|fullmaktige|kommunen\b|stad$")
_UNIT_LINE = re.compile(r"^(?:Enheten för [^.]{3,80}|[A-ZÅÄÖ][\w-]*enheten(?: [^.]{0,40})?)$", re.IGNORECASE)
_NAME_WORDS = 6


def find_unit(
    lines: list[Line], header: int, title: int | None, district_of: Callable[[str], str | None]
) -> str | None:
    """The unit the document belongs to, or None when the document names none.

    Args:
        lines: The document's lines.
        header: Index where the title block ends.
        title: Index of the title line, if there is one.
        district_of: The district a text names, if any (a district is never the unit).

    Returns:
        The unit's name as written.
    """

    def plausible(text: str) -> bool:
        folded = fold(text)
        return (
            3 <= len(text) <= 100
            and not _NOT_UNIT.match(folded)
            and not _BOARD.search(folded)
            and not re.match(r"^\d", text)
            and not TOC_RE.search(text)
            and district_of(text) is None
        )

    window = lines[: header + 5]
    if title is not None:
        text = lines[title].text.strip()
        rest = _TITLE_REST.match(fold(text))
        if rest:
            name = _tidy(re.split(r"\s+[-–]\s+|,\s*", text[len(text) - len(rest.group(1)) :])[0])
            if name[:1].isupper():
                found = _without_owner(name, plausible)
                if found:
                    return found
    for index, line in enumerate(window):
        found = _field(line, window[index + 1 : index + 4], plausible)
        if found:
            return found
    if title is not None:
        found = _near_title(lines, title, plausible)
        if found:
            return found
    for line in window:
        if _UNIT_LINE.match(line.text.strip()) and plausible(line.text.strip()):
            return _tidy(line.text)
    for line in window:
        if line.heading is not None and line.text.strip():
            text = _tidy(line.text)
            return text if _name_like(text) and plausible(text) else None
    return None


def _without_owner(name: str, plausible: Callable[[str], bool]) -> str | None:
    """The unit's name, without a district or administration that follows it on the title line.

    "Vuxenenheten Farsta stadsdelsförvaltning" -> "Vuxenenheten"; "Enheten för vuxna i Farsta" ->
    "Enheten för vuxna".
    """
    if plausible(name):
        return name
    words = name.split()
    for end in range(len(words) - 1, 0, -1):
        head = _tidy(re.sub(r"\s+(?:i|inom|vid|på)$", "", " ".join(words[:end])))
        if plausible(head):
            return head
    return None


def _tidy(text: str) -> str:
    return text.strip().strip(" .:–-").strip()


def _field(line: Line, following: list[Line], plausible: Callable[[str], bool]) -> str | None:
    """An administrative field naming the unit: inline, as a table row, or as a label line."""
    if line.cells is not None and len(line.cells) >= 2:
        label, value = fold(line.cells[0]).strip(" :"), _tidy(line.cells[1])
        # "Boendestödsenheten Bromma": the district after the name is not part of it.
        return _without_owner(value, plausible) if label in _LABELS and value else None
    text = line.text.strip()
    folded = fold(text)
    match = _FIELD.match(folded)
    if match:
        # "Gäller för: Enheten för vuxna, Farsta stadsdelsförvaltning" -> the unit is the first part.
        value = _tidy(text[len(text) - len(match.group(2)) :].split(",")[0])
        return _without_owner(value, plausible) if value else None
    if folded.strip(" :") in _LABELS:
        value = _tidy(next((ln.text for ln in following if ln.text.strip()), ""))
        return value if plausible(value) else None
    return None


def _near_title(lines: list[Line], title: int, plausible: Callable[[str], bool]) -> str | None:
    """The unit's name set right under the title (or right above it, as a first heading)."""
    below = [ln for ln in lines[title + 1 : title + 6] if ln.text.strip()][:2]
    for position, line in enumerate(below):
        text = _tidy(line.text)
        marked = line.heading is not None or line.emphasis or "enhet" in fold(text)
        # A short name line straight under the title names the unit even without markup.
        if plausible(text) and (marked or (position == 0 and _name_like(text))):
            return text
    above = next((ln for ln in reversed(lines[max(0, title - 4) : title]) if ln.text.strip()), None)
    if above is not None and (above.heading is not None or above.emphasis):
        text = _tidy(above.text)
        if _name_like(text) and plausible(text):
            return text
    return None


def _name_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= _NAME_WORDS
        and text[:1].isupper()
        and text[-1:] not in ".,;!?"
        and sum(c.isalpha() for c in text) >= 0.7 * len(text.replace(" ", ""))
    )
