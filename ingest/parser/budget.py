"""Budget tables as rows: 'Budget 2020', Resursanvändning, per verksamhet (kostnader, intäkter, netto).

A budget table starts at a header line that names amounts ('Beloppen anges i TKr  Budget',
'Verksamhet  Kostnader  Intäkter  Netto', '(tkr)  Budget  Utfall') and runs while its lines are
rows (a label and one number per column) or group lines ('Intäkter', 'Kostnader'). Each row
becomes one `DocFact` with its cells by column, its group, year and unit of amounts, so
questions about budgets are answered from the row and cite it.
"""

from __future__ import annotations

import re

from ingest.parser.sections import ProseBlock
from ingest.parser.text import NUMBER, fold, squash, to_float
from knowledge.models import DocFact, FactKind

_AMOUNT = rf"[-−–]?\s?(?:{NUMBER})"
_COLUMN_WORDS = re.compile(
    r"^(?:budget\w*|utfall\w*|prognos\w*|kostnad\w*|intakt\w*|netto\w*|avvikelse\w*|differens\w*|"
    r"resultat\w*|bokslut\w*|(?:19|20)\d\d)\b"
)
_AMOUNT_HEAD = re.compile(r"\b(?:belopp\w*|tkr|mnkr|mkr|tusental\s+kronor|miljoner\s+kronor|verksamhet\w*)\b")
_GROUPS = {"intakter": "Intäkter", "kostnader": "Kostnader", "netto": "Netto"}
_YEAR_COLUMN = re.compile(r"(?:19|20)\d\d")
_YEAR_LINE = re.compile(r"^budgetar\s*:?\s*((?:19|20)\d\d)\b")
_ROW = re.compile(rf"^(?P<label>.*?[A-Za-zÅÄÖåäö].*?)(?P<nums>(?:(?:\t|\s+){_AMOUNT}\s*)+)$")
_MEASURE = re.compile(r"\b(tkr|mnkr|mkr|kr|tusental kronor|miljoner kronor)\b")
_MEASURE_NAMES = {"tusental kronor": "tkr", "miljoner kronor": "mnkr", "mkr": "mnkr"}


def amount(text: str) -> float | None:
    """The signed number of an amount cell ('-1 200' -> -1200.0, '27 310' -> 27310.0)."""
    value = to_float(text)
    if value is None:
        return None
    return -value if text.strip()[:1] in "-−–" else value


def _cells(line: str) -> list[str]:
    parts = re.split(r"\t|\s{2,}", line.strip())
    return [squash(part) for part in parts if part.strip()]


def _header(line: str) -> list[str] | None:
    """The column names of a budget header line, or None when the line is no such header."""
    cells = _cells(line)
    if len(cells) < 2:
        return None
    columns = cells[1:]
    folded = [fold(cell) for cell in columns]
    if not all(_COLUMN_WORDS.match(cell) for cell in folded):
        return None
    if not (_AMOUNT_HEAD.search(fold(cells[0])) or any(not cell[:1].isdigit() for cell in folded)):
        return None
    if fold(cells[0]).startswith("ar"):  # 'År  Budget  Utfall' year rows are outcome series
        return None
    return columns


def _numbers(text: str) -> list[str]:
    return [squash(m.group(0)) for m in re.finditer(_AMOUNT, text)]


def _split_row(line: str, width: int) -> tuple[str, list[str]] | None:
    """A row's label and its `width` amounts, or None when the line is no row of this table."""
    cells = _cells(line)
    if len(cells) >= width + 1 and all(re.fullmatch(_AMOUNT, cell) for cell in cells[-width:]):
        label = " ".join(cells[:-width])
        if re.search(r"[A-Za-zÅÄÖåäö]", label):
            return label, cells[-width:]
    match = _ROW.match(line.strip())
    if match and len(_numbers(match.group("nums"))) == width:
        return squash(match.group("label")), _numbers(match.group("nums"))
    return None


def _group_of(label: str, current: str | None) -> str | None:
    folded = fold(label)
    for word, name in _GROUPS.items():
        if word in folded.split() or folded.endswith(word):
            return name if folded.startswith("summa") or folded == word else current
    return current


def find_budget(blocks: list[ProseBlock], doc_year: int | None) -> list[DocFact]:
    """Budget rows of every budget table in the document's prose.

    Args:
        blocks: Prose blocks in document order (headings included).
        doc_year: The document's year, used when the table names none.

    Returns:
        One `DocFact` per row, in document order.
    """
    lines = [(line, block) for block in blocks for line in block.text.split("\n")]
    facts: list[DocFact] = []
    index = 0
    year_hint: int | None = None
    while index < len(lines):
        line, block = lines[index]
        year_match = _YEAR_LINE.match(fold(line.strip()))
        if year_match:
            year_hint = int(year_match.group(1))
        columns = _header(line)
        if columns is None:
            index += 1
            continue
        measure_match = _MEASURE.search(fold(line))
        measure = measure_match.group(1) if measure_match else None
        measure = _MEASURE_NAMES.get(measure or "", measure)
        heading_years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", " ".join(block.heading_path))]
        year = year_hint or (heading_years[-1] if heading_years else doc_year)
        if all(_YEAR_COLUMN.fullmatch(column) for column in columns):
            # 'Mnkr  2021  2022  2023': the columns name the years, so the rows are a series over
            # them and belong to no single year. The document's year (a 2024 application reporting
            # 2021 to 2023) would label them 'Budget 2024', a year none of the figures is for.
            year = None
        rows, index = _rows(lines, index + 1, columns, line, year, measure)
        if len(rows) >= 2:
            facts.extend(rows)
        year_hint = None
    return facts


def _rows(
    lines: list[tuple[str, ProseBlock]],
    start: int,
    columns: list[str],
    header: str,
    year: int | None,
    measure: str | None,
) -> tuple[list[DocFact], int]:
    rows: list[DocFact] = []
    group: str | None = None
    index = start
    while index < len(lines):
        line, block = lines[index]
        text = line.strip()
        if not text:
            index += 1
            continue
        split = _split_row(text, len(columns))
        if split is None:
            folded = fold(text)
            if folded in _GROUPS:
                group = _GROUPS[folded]
                index += 1
                continue
            if folded.startswith(("intakter", "kostnader")) and len(_cells(text)) == 1 and len(text) < 30:
                group = _GROUPS["intakter" if folded.startswith("intakter") else "kostnader"]
                index += 1
                continue
            break
        label, values = split
        row_group = _group_of(label, group)
        cells = dict(zip(columns, values, strict=False))
        rows.append(
            DocFact(
                kind=FactKind.BUDGET,
                key=label,
                label=label,
                value=values[0],
                value_num=amount(values[0]),
                columns=cells,
                group=row_group,
                year=year,
                measure=measure,
                page=block.page,
                quote=f"{squash(header)}\n{text}"[:400],
                heading_path=list(block.heading_path),
            )
        )
        index += 1
    return rows, index
