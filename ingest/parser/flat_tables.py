"""Tables that a conversion flattened into plain lines, rebuilt as table rows.

PDF-to-text exports often lose a table's grid. Two shapes are common in plans:

- one cell per line: the header words ("Indikator", "Årsmål", "Periodicitet") on lines of
  their own, then each row's cells on as many lines, in the same order;
- one row as labelled lines: "Aktivitet: Byta ut …", "Startdatum: 2024-04-01",
  "Slutdatum: 2024-09-30".

Both are turned back into `Line`s with cells, so the table pass reads them like any other
table. A rebuilt row must look like one (a name in the name column, values where values go);
the first group that does not ends the table, so prose after it is never swallowed.
"""

from __future__ import annotations

import re

from ingest.parser.tables import column_role, header_columns
from ingest.parser.text import fold, parse_date, parse_number
from ingest.readers.base import Line

_NAME_ROLES = {"name", "activity"}
_DATE_ROLES = {"start", "end"}
_PERIODS = re.compile(
    r"^(?:ar|arlig(?:en)?|tertial(?:vis)?|halvar(?:svis)?|kvartal(?:svis)?|manad(?:svis)?|manatlig(?:en)?"
    r"|termin(?:svis)?|vecka|veckovis|lopande)$"
)
# Words a target cell holds instead of a number ("Tas fram av nämnd", "Öka", "Minska").
_TARGET_WORDS = re.compile(r"^(?:tas fram av namnd|oka|minska|bibehalla|ja|nej|-|–)$")
_LABELLED = re.compile(r"^(?P<label>[A-ZÅÄÖa-zåäö:' ]{4,30}?)\s*:\s+(?P<value>\S.*)$")
# A rebuilt table stops after this many rows: flattened tables in plans are short.
_MAX_ROWS = 40


def unflatten_tables(lines: list[Line]) -> list[Line]:
    """Rebuild flattened indicator and activity tables as table rows (other lines unchanged).

    Args:
        lines: The reader's lines.

    Returns:
        The lines, with each flattened table replaced by a header row and its rows.
    """
    out: list[Line] = []
    index = 0
    while index < len(lines):
        rebuilt = _cell_per_line(lines, index) or _labelled_rows(lines, index)
        if rebuilt is None:
            out.append(lines[index])
            index += 1
            continue
        rows, index = rebuilt
        out.extend(rows)
    return out


def _plain(line: Line) -> str | None:
    """The line's text when it is a plain (non-table, non-heading-marked) line, else None."""
    if line.cells is not None:
        return None
    return line.text.strip()


def _row(cells: list[str], like: Line) -> Line:
    return Line(text="\t".join(cells), page=like.page, cells=tuple(cells))


def _cell_fits(role: str | None, cell: str) -> bool:
    """Whether a cell's text can stand in a column of this role."""
    folded = fold(cell).strip(" .")
    if role in _NAME_ROLES:
        # A name is words, not a figure, a date or a periodicity.
        letters = sum(c.isalpha() for c in cell)
        return letters >= 8 and parse_number(cell)[0] is None and not _PERIODS.match(folded)
    if role in _DATE_ROLES:
        return parse_date(cell) is not None
    if role == "period":
        return bool(_PERIODS.match(folded))
    if role in ("arsmal", "kf"):
        return parse_number(cell)[0] is not None or bool(_TARGET_WORDS.match(folded))
    # An extra column (Ansvarig, Utfall): any short cell.
    return 0 < len(cell) <= 60


def _cell_per_line(lines: list[Line], start: int) -> tuple[list[Line], int] | None:
    """A header of one word per line followed by rows of as many lines each."""
    header: list[str] = []
    index = start
    while index < len(lines):
        text = _plain(lines[index])
        if not text or column_role(text) is None or len(text) > 40:
            break
        header.append(text)
        index += 1
    roles = header_columns(tuple(header)) if len(header) >= 2 else None
    if roles is None:
        return None
    role_at = {position: role for role, position in roles.items()}
    width = len(header)
    rows = [_row(header, lines[start])]
    while len(rows) <= _MAX_ROWS:
        position = index
        if position < len(lines) and _plain(lines[position]) == "":
            position += 1  # one blank line between rows
        cells = [_plain(line) for line in lines[position : position + width]]
        if len(cells) < width or not all(
            cell and _cell_fits(role_at.get(k), cell) for k, cell in enumerate(cells)
        ):
            break
        rows.append(_row([cell for cell in cells if cell], lines[position]))
        index = position + width
    if len(rows) < 2:
        return None
    return rows, index


def _labelled(line: Line) -> tuple[str, str, str] | None:
    """(role, label, value) of a 'Label: value' line whose label is a table column."""
    text = _plain(line)
    match = _LABELLED.match(text) if text else None
    if match is None:
        return None
    role = column_role(match.group("label"))
    return (role, match.group("label").strip(), match.group("value").strip()) if role else None


def _labelled_rows(lines: list[Line], start: int) -> tuple[list[Line], int] | None:
    """Rows written as labelled lines ("Aktivitet: …", "Startdatum: …"), one record after another."""
    out: list[Line] = []
    index = start
    last_header: tuple[str, ...] | None = None
    while index < len(lines):
        first = _labelled(lines[index])
        if first is None or first[0] not in _NAME_ROLES:
            break
        record = [first]
        position = index + 1
        while position < len(lines):
            field = _labelled(lines[position])
            if field is None or field[0] in _NAME_ROLES or any(f[0] == field[0] for f in record):
                break
            record.append(field)
            position += 1
        labels = tuple(label for _, label, _ in record)
        roles = header_columns(labels)
        if roles is None or not all(_cell_fits(role, value) for role, _, value in record):
            break
        if labels != last_header:
            out.append(_row(list(labels), lines[index]))
            last_header = labels
        out.append(_row([value for _, _, value in record], lines[index]))
        index = position
        # One blank line between two records does not end the table.
        if index + 1 < len(lines) and _plain(lines[index]) == "":
            following = _labelled(lines[index + 1])
            if following is not None and following[0] in _NAME_ROLES:
                index += 1
    if not out:
        return None
    return out, index
