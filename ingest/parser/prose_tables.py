"""Outcomes laid out as small tables inside prose: year series and budget tables (OCR'd pages)."""

from __future__ import annotations

import re

from ingest.parser.facts import Collector
from ingest.parser.sections import ProseBlock
from ingest.parser.text import fold

_YEARS_LINE = re.compile(r"^\s*((?:19|20)\d\d)(?:\s+(?:19|20)\d\d){1,6}\s*$")
_BUDGET_HEAD = re.compile(r"^ar\s+budget\b.*\b(?:utfall|prognos)")
_BUDGET_ROW = re.compile(r"^((?:19|20)\d\d)\s+(-?\d+(?:[,.]\d+)?)\s+(-?\d+(?:[,.]\d+)?)\b")
# One cell of a table row read with its cells (tab-separated): an amount may group its
# thousands with a space ("21 400"), which in OCR'd text without cells cannot be told from two
# amounts ("115 111").
_CELL_AMOUNT = re.compile(r"^[-+\u2212]?\d{1,3}(?:[ \u00a0]\d{3})+(?:[,.]\d+)?$|^[-+\u2212]?\d+(?:[,.]\d+)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _lines(blocks: list[ProseBlock]) -> list[tuple[str, ProseBlock]]:
    return [(line, block) for block in blocks for line in block.text.split("\n")]


def series(blocks: list[ProseBlock], extractor: Collector) -> None:
    """Year header lines ('2017 2018 2019') followed by one or more label lines ending in as many values."""
    lines = _lines(blocks)
    for index, (line, _) in enumerate(lines[:-1]):
        if not _YEARS_LINE.match(line):
            continue
        years = [int(y) for y in line.split()]
        numbers = r"\s+".join([r"(\d{1,3}(?:,\d+)?)"] * len(years))
        row_re = re.compile(rf"^(?P<label>.*?[A-Za-zÅÄÖåäö].*?)[\s|]+{numbers}\s*$")
        rows: list[tuple[re.Match[str], str, ProseBlock]] = []
        for value, block in lines[index + 1 : index + 11]:
            match = row_re.match(value)
            if not match:
                break
            rows.append((match, value, block))
        if not rows:
            continue
        for position_row, (match, value, block) in enumerate(rows):
            label = match.group("label")
            quote = [line, value]
            after = index + 2 + position_row
            follow = lines[after][0] if after < len(lines) and len(rows) == 1 else ""
            if follow and len(follow) <= 60 and not re.search(r"\d", follow) and lines[after][1] is block:
                label = f"{label} {follow}"
                quote.append(follow)
            name = extractor.name(label.replace("|", " "))
            for position, year in enumerate(years, start=2):
                extractor.outcome(block, name, match.group(position), " ".join(quote), year)


def _budget_row(text: str) -> tuple[int, str, str] | None:
    """Year, budget and outcome of one budget-table row, from its cells when it has them."""
    if "\t" in text:
        cells = [cell.strip() for cell in text.split("\t")]
        if len(cells) >= 3 and _YEAR.match(cells[0]) and all(_CELL_AMOUNT.match(c) for c in cells[1:3]):
            return int(cells[0]), cells[1], cells[2]
        return None
    row = _BUDGET_ROW.match(text)
    return (int(row.group(1)), row.group(2), row.group(3)) if row else None


def budget(blocks: list[ProseBlock], extractor: Collector) -> None:
    """'År Budget (mnkr) Utfall (mnkr) Differens' followed by one row per year."""
    lines = _lines(blocks)
    for index, (line, _) in enumerate(lines):
        repeated = index > 0 and _BUDGET_HEAD.match(fold(lines[index - 1][0].strip()))
        if not _BUDGET_HEAD.match(fold(line.strip())) or repeated:
            continue
        unit_match = re.search(r"\((mnkr|tkr|mkr|kr)\)", fold(line))
        column = re.search(r"(?i)\)\s*(.+?)\s*(?:\(|differens|$)", line)
        rows: list[tuple[tuple[int, str, str], str, ProseBlock]] = []
        caption = ""
        for text, block in lines[index + 1 : index + 12]:
            row = _budget_row(text.strip())
            if row:
                rows.append((row, text.strip(), block))
            elif text.strip() and not _BUDGET_HEAD.match(fold(text.strip())):
                caption = text.strip() if rows and len(text) <= 120 and not text.strip()[0].isdigit() else ""
                break
        unit = unit_match.group(1) if unit_match else None
        name = extractor.name(caption) if caption else f"{column.group(1) if column else 'Utfall'} ({unit})"
        for (year, planned, value), text, block in rows:
            extractor.outcome(
                block, name, value, f"{line.strip()}\n{text}", year, target=planned, measure=unit
            )
