"""Document-control facts: who adopted a document and when, how long it holds, who owns it.

Routines (and many plans) open with a header the city's templates print as a table of label and
value cells, often two pairs a row ('Fastställd av | Avdelningschef IFO Mikael Strand |
Fastställd datum | 2025-02-10'), or as cover lines ('Dnr SKA 2024/0112', 'Fastställd av
enhetschef Sara Bergström 2026-01-15', 'Gäller till: 2026-12-31'). Each value is kept as an
administrative fact (`AdminKey.ADOPTED_BY` …) with the label the document itself uses, so
'när ska rutinen revideras?' or 'vem äger rutinen?' is answered from the row, cited.

A label is recognised by its words, not by its place: a header table at the end of a document
counts too. 'Ansvarig' alone is also a column of activity tables and a word of running text, so
it counts only in a table that holds another document-control label.
"""

from __future__ import annotations

import re

from ingest.parser.sections import ProseBlock
from ingest.parser.text import fold, squash
from knowledge.models import ADMIN_LABELS, DOCUMENT_KEYS, AdminKey, DocFact, FactKind

# Folded label cells (without a trailing colon) and the key each states.
_LABELS: list[tuple[AdminKey, re.Pattern[str]]] = [
    (AdminKey.ADOPTED_BY, re.compile(r"^(?:faststalld|beslutad|godkand|antagen)\s+av$")),
    (
        AdminKey.ADOPTED,
        re.compile(
            r"^(?:faststalld|beslutad|godkand|antagen)(?:\s+(?:datum|den))?$"
            r"|^(?:faststallelse|besluts|antagande)datum$|^datum\s+for\s+(?:faststallande|beslut)$"
        ),
    ),
    (
        AdminKey.VALID_FROM,
        re.compile(
            r"^(?:galler|giltig|giltigt)\s+(?:fran|fr\.?\s?o\.?\s?m\.?)(?:\s+och\s+med)?$|^ikrafttradande$"
        ),
    ),
    (
        AdminKey.REVISION,
        re.compile(
            r"^(?:revideras|ses\s+over|uppdateras)(?:\s+(?:senast|senast\s+den|den|nasta\s+gang))?$"
            r"|^(?:galler|giltig|giltigt)\s+(?:till|t\.?\s?o\.?\s?m\.?)(?:\s+och\s+med)?$"
            r"|^(?:nasta\s+)?revision(?:sdatum)?$|^(?:revideringsdatum|nasta\s+revidering)$"
        ),
    ),
    (
        AdminKey.DOC_OWNER,
        re.compile(
            r"^(?:dokument|rutin|process)(?:ansvarig|agare)$|^ansvarig(?:\s+for\s+(?:dokumentet|rutinen))?$"
        ),
    ),
    (AdminKey.REGISTRATION, re.compile(r"^(?:diarienummer|diarienr\.?|dnr\.?)$")),
    (AdminKey.VERSION, re.compile(r"^(?:version|versionsnummer|versionsnr\.?)$")),
    (AdminKey.REPLACES, re.compile(r"^ersatter$")),
]
_AMBIGUOUS = {AdminKey.DOC_OWNER}
_DATE = r"\d{4}-\d{2}-\d{2}"
# Cover lines: 'Fastställd av enhetschef Sara Bergström 2026-01-15', 'Dnr SKA 2024/0112'.
_ADOPTED_LINE = re.compile(
    rf"^(?:Fastställd|Beslutad|Godkänd|Antagen)\s+av\s+(?P<who>.{{3,80}}?)\s+(?P<date>{_DATE})\.?$"
)
_REGISTRATION_LINE = re.compile(
    r"^(?:Dnr|Diarienummer|Diarienr)\.?:?\s+(?P<v>[A-ZÅÄÖ]{0,6}[\s-]?\d{4}[/:-]\d{1,6}(?:[-:]\d+)?)$"
)
_MAX_VALUE = 120


def label_key(cell: str) -> AdminKey | None:
    """The document-control key a label cell names ('Revideras senast:' -> REVISION), or None."""
    folded = squash(fold(cell)).strip(" :*")
    return next((key for key, pattern in _LABELS if pattern.match(folded)), None)


def _fact(key: AdminKey, label: str, value: str, quote: str, block: ProseBlock) -> DocFact:
    return DocFact(
        kind=FactKind.ADMIN,
        key=key.value,
        label=squash(label).strip(" :*") or ADMIN_LABELS[key],
        value=squash(value).strip(" .,;:"),
        page=block.page,
        quote=squash(quote)[:400],
        heading_path=list(block.heading_path),
    )


def _row_pairs(cells: list[str]) -> list[tuple[AdminKey, str, str]]:
    """(key, label, value) for each label cell of a row directly followed by its value cell."""
    pairs = []
    index = 0
    while index < len(cells) - 1:
        key = label_key(cells[index])
        value = cells[index + 1].strip()
        if key is not None and value and len(value) <= _MAX_VALUE and label_key(value) is None:
            pairs.append((key, cells[index], value))
            index += 2
        else:
            index += 1
    return pairs


def _tables(block: ProseBlock) -> list[list[str]]:
    """The block's runs of table rows (lines with tab-separated cells), each run one table."""
    runs: list[list[str]] = []
    current: list[str] = []
    for line in block.text.split("\n"):
        if "\t" in line:
            current.append(line)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def find_document_control(blocks: list[ProseBlock]) -> list[DocFact]:
    """Document-control facts of a document, first statement of each key.

    Args:
        blocks: Prose blocks in document order.

    Returns:
        One fact per key, in `AdminKey` order.
    """
    found: dict[AdminKey, DocFact] = {}
    for block in blocks:
        for table in _tables(block):
            rows = [(line, _row_pairs(line.split("\t"))) for line in table]
            keys = {key for _, pairs in rows for key, _, _ in pairs}
            for line, pairs in rows:
                for key, label, value in pairs:
                    # 'Ansvarig | Gruppledare' alone is a responsibility, not the document's owner.
                    if key in _AMBIGUOUS and not keys - _AMBIGUOUS:
                        continue
                    found.setdefault(key, _fact(key, label, value, line.replace("\t", " | "), block))
        for line in block.text.split("\n"):
            text = line.strip()
            if "\t" in text:
                continue
            adopted = _ADOPTED_LINE.match(text)
            if adopted:
                label = text[: text.index(" av ") + 3]
                found.setdefault(
                    AdminKey.ADOPTED_BY, _fact(AdminKey.ADOPTED_BY, label, adopted.group("who"), text, block)
                )
                found.setdefault(
                    AdminKey.ADOPTED,
                    _fact(AdminKey.ADOPTED, "Fastställd", adopted.group("date"), text, block),
                )
            registration = _REGISTRATION_LINE.match(text)
            if registration:
                fact = _fact(AdminKey.REGISTRATION, "Diarienummer", registration.group("v"), text, block)
                found.setdefault(AdminKey.REGISTRATION, fact)
            label, colon, value = text.partition(":")
            stated = label_key(label) if colon and len(label) <= 30 else None
            if stated is not None and stated not in _AMBIGUOUS and 0 < len(value.strip()) <= _MAX_VALUE:
                found.setdefault(stated, _fact(stated, label, value, text, block))
    return [found[key] for key in AdminKey if key in DOCUMENT_KEYS and key in found]
