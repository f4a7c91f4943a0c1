"""The shared sink of the prose extractors: outcomes and targets found in a document's prose.

Every prose reader (sentences in `prose`, other phrasings in `outcome_phrases`, small tables
in `prose_tables`) appends to one `Collector`, so the readers need not import each other.
"""

from __future__ import annotations

import re

from indicators.models import Indicator, Outcome
from ingest.parser.ocr import repair
from ingest.parser.sections import ProseBlock
from ingest.parser.text import fold, parse_number, squash, to_float


def measure_of(*texts: str) -> str | None:
    """The unit of the first text that states one ('22,64%' -> '%', '675 000 kr' -> 'kr')."""
    for text in texts:
        unit = parse_number(text.strip())[1]
        if unit:
            return unit
        match = re.search(r"\d\s*(%|procent|kr|st|dagar)\b", text) or re.search(r"\d\s*(%)", text)
        if match:
            return "%" if match.group(1) in ("%", "procent") else match.group(1)
    return None


class Collector:
    """Outcomes and targets read from prose, without duplicates, in document order."""

    def __init__(self, own_district: str | None, ocr: bool) -> None:
        self.own = own_district
        self.ocr = ocr
        self.outcomes: list[Outcome] = []
        self.targets: list[Indicator] = []
        self._seen: set[tuple[str, int | None, str]] = set()

    def name(self, text: str) -> str:
        """An indicator name as shown: squashed, trimmed, å/ä/ö restored in OCR text, capitalised."""
        text = squash(text).strip(" :,.-–")
        text = repair(text) if self.ocr else text
        return text[:1].upper() + text[1:]

    def outcome(
        self,
        block: ProseBlock,
        indicator: str,
        value: str,
        quote: str,
        year: int | None,
        *,
        target: str | None = None,
        measure: str | None = None,
        women: str | None = None,
        men: str | None = None,
    ) -> bool:
        """Record one outcome; returns False when the same figure was already read (another phrasing)."""
        key = (fold(indicator), year, squash(value))
        if key in self._seen:
            return False
        self._seen.add(key)
        self.outcomes.append(
            Outcome(
                indicator=indicator,
                year=year,
                period=str(year) if year else None,
                target=target,
                value=squash(value),
                value_num=to_float(value),
                women=women,
                men=men,
                measure=measure or measure_of(value, target or ""),
                page=block.page,
                quote=squash(quote)[:400],
            )
        )
        return True
