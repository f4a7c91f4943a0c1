"""Outcomes and targets stated in prose (mostly quality-award applications, run on every document).

Precision over recall: only fixed phrasings are read ('Årsmålet … var 25% och resultatet
22,64%', 'Målvärde antal vuxna: Max 975 (2018: 980)', 'betyg om 6,4', '74 procent av de
svarande …', year rows under a year header, 'År Budget Utfall' tables). Patterns run on
the folded text (OCR-tolerant: 'Malvarde' = 'Målvärde') and values are cut verbatim from
the original. Sentences about another stadsdel are skipped: they are comparisons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indicators.models import Indicator, Outcome
from ingest.parser.facts import Collector, measure_of
from ingest.parser.meta import find_district
from ingest.parser.outcome_phrases import read_phrasings
from ingest.parser.prose_tables import budget, series
from ingest.parser.sections import ProseBlock
from ingest.parser.text import NUMBER, fold, sentences, squash, to_float, years_in
from ingest.readers.base import Line

_NUM = rf"(?:(?:max|min|minst|hogst)\s+)?(?:{NUMBER})(?:\s*(?:%|procent\b|kr\b|st\b|dagar\b))?"
_TARGET_WORD = r"(?:arsmal(?:et)?|malvarde(?:t)?|malsattning(?:en)?|malet)"
_TARGET_RESULT = re.compile(
    rf"{_TARGET_WORD}\b(?P<mid>[^.]{{0,120}}?)\b(?:var|ar|lag pa|uppgick till)\s+(?P<target>{_NUM})[\s,]*"
    rf"(?:och|men|medan)\s+(?:resultatet|utfallet)\s+(?:blev\s+|var\s+|landade pa\s+|uppgick till\s+)?"
    rf"(?P<value>{_NUM})"
)
_RESULT_TARGET = re.compile(
    rf"(?:resultatet|utfallet)\b(?P<mid>[^.]{{0,80}}?)\b(?:blev|var|landade pa|uppgick till)\s+"
    rf"(?P<value>{_NUM})[\s,(]*(?:mot|jamfort med|i forhallande till|med)?\s*(?:ett\s+)?{_TARGET_WORD}"
    rf"\s*(?:pa|om|var|:)?\s*(?P<target>{_NUM})"
)
_GENDER = re.compile(
    rf"(?P<a>{_NUM})\s*(?:for|bland|hos)\s+(?P<ga>kvinnor|man)\b[\s,;]*(?:och\s+)?(?P<b>{_NUM})\s*"
    r"(?:for|bland|hos)\s+(?P<gb>kvinnor|man)\b"
)
# "Målvärde antal vuxna: Max 975 (2018: 980)"; also Målsättning/Årsmål, OCR-folded or not.
_MALVARDE = re.compile(
    r"\b(?:malvarde[nt]?|malsattning(?:en)?|arsmal(?:et)?)\b\s*(?P<label>[^:.]{0,80}?)\s*:\s*(?P<rest>.+)$"
)
_TARGET_IN = re.compile(rf"(?P<t>{_NUM})")
_BASELINE = re.compile(r"\((?P<year>(?:19|20)\d\d)\s*:\s*(?P<val>[^)]+)\)")
_GRADE = re.compile(
    r"\b(?:(?P<adj>generell[at]?|overgripande|sammanfattande|genomsnittlig[at]?|totalt?)\s+)?"
    r"betyg(?:et)?\s+(?:om|pa|av|blev|var)\s+(?P<value>\d{1,2}(?:,\d)?)\b(?![.,]?\d)"
)
_RESPONDENTS = re.compile(
    r"(?P<value>\d{1,3}(?:,\d+)?)\s*(?:procent|%)\s+av\s+(?P<group>de\s+svarande|de\s+tillfragade|respondenterna"
    r"|klienterna|brukarna|deltagarna|medarbetarna|de\s+som\s+svarat)\b(?:\s+i\s+[^,.;]{2,40}?)?\s+"
    r"(?P<claim>(?:anser|uppger|svarar|tycker|upplever|vet|kanner|instammer)\b[^,.;]{3,160})"
)
_AMI = re.compile(
    r"\b(?:ami|aktivt medskapandeindex|aktivt medskapande index|medskapandeindex)\b(?:\s*\([^)]{0,40}\))?"
    r"[^.]{0,60}?\b(?:var|blev|ar|uppgick till|landade pa|pa|om)\s+(?P<value>\d{1,3}(?:[,.]\d+)?)\b"
    r"(?!\s*(?:%|procent|\d))"
)


@dataclass
class ProseFacts:
    """What the prose extractors found."""

    outcomes: list[Outcome]
    targets: list[Indicator]


def _other_district(sentence: str, own: str | None) -> bool:
    name = find_district([Line(text=sentence)], 0)
    return name is not None and name != own


def _context_name(block: ProseBlock) -> str:
    path = block.heading_path
    if block.goal_key and len(path) >= 2:
        return path[-2]
    return path[-1] if path else "Resultat"


class _Extractor(Collector):
    def sentence(self, block: ProseBlock, lined: str, context_year: int | None) -> None:
        # `lined` keeps the line breaks (a 'Målvärde' statement ends with its line); the rest is flat.
        original = lined.replace("\n", " ")
        folded = fold(original)
        self._malvarde(block, original, folded, lined)
        if _other_district(original, self.own):
            return
        year = next(iter(years_in(original)), context_year)
        before = len(self.outcomes)
        for pattern in (_TARGET_RESULT, _RESULT_TARGET):
            match = pattern.search(folded)
            if match:
                self._target_result(block, original, folded, match, year)
                break
        for match in _GRADE.finditer(folded):
            context = fold(" ".join(block.heading_path) + " " + block.text)
            survey = (
                " i brukarundersökningen"
                if "brukarundersok" in context
                else (" i medarbetarundersökningen" if "medarbetarundersok" in context else "")
            )
            adjective = original[match.start("adj") : match.end("adj")]
            base = f"{adjective} betyg" if adjective else "Betyg"
            self.outcome(
                block,
                self.name(base) + survey,
                original[match.start("value") : match.end("value")],
                original,
                year,
            )
        for match in _RESPONDENTS.finditer(folded):
            group = original[match.start("group") : match.end("group")]
            claim = original[match.start("claim") : match.end("claim")]
            value = original[match.start("value") : match.end("value")]
            name = self.name(f"Andel av {group} som {claim}")
            self.outcome(block, name, f"{value} procent", original, year, measure="%")
        match = _AMI.search(folded)
        if match:
            value = original[match.start("value") : match.end("value")]
            self.outcome(block, "Aktivt medskapandeindex (AMI)", value, original, year, measure="index")
        if len(self.outcomes) == before:
            # Only when the fixed phrasings found nothing: the same figure must not get two names.
            read_phrasings(self, block, original, folded, context_year)

    def _target_result(
        self, block: ProseBlock, original: str, folded: str, match: re.Match[str], year: int | None
    ) -> None:
        name = original[match.start("mid") : match.end("mid")]
        name = re.sub(r"(?i)^\s*(?:f[öo]r\s+)?(?:indikatorn\s+)?", "", name).strip(' "”“,')
        if len(name) < 3:
            before = original[: match.start()].strip(" :–-")
            name = before if 3 <= len(before) <= 120 else _context_name(block)
        target = squash(original[match.start("target") : match.end("target")])
        split: dict[str, str] = {}
        gender = _GENDER.search(folded, match.end())
        if gender:
            for side in ("a", "b"):
                key = "women" if gender.group(f"g{side}") == "kvinnor" else "men"
                split[key] = squash(original[gender.start(side) : gender.end(side)])
        value = original[match.start("value") : match.end("value")]
        self.outcome(
            block,
            self.name(name),
            value,
            original,
            year,
            target=target,
            women=split.get("women"),
            men=split.get("men"),
        )

    def _malvarde(self, block: ProseBlock, original: str, folded: str, lined: str) -> None:
        match = _MALVARDE.search(folded)
        if not match:
            return
        rest_start = match.start("rest")
        rest = folded[rest_start:]
        baseline = _BASELINE.search(rest)
        searchable = rest[: baseline.start()] if baseline else rest
        target = next((t for t in _TARGET_IN.finditer(searchable) if not years_in(t.group("t"))), None)
        if target is None:
            return
        target_text = squash(original[rest_start + target.start() : rest_start + target.end()])
        label = re.sub(r"(?i)^f[öo]r\s+", "", original[match.start("label") : match.end("label")])
        before = original[rest_start : rest_start + target.start()]
        stop = rest_start + (baseline.start() if baseline else len(rest))
        after = original[rest_start + target.end() : stop]
        name = label or (after if not before.strip() else "")
        if not name:
            trimmed = re.sub(r"(?i)\s+(?:uppg[åa]r till|ska vara|är|ar|blir|om|på|pa)\s*$", "", before)
            name = trimmed if trimmed != before else original[rest_start:].split("(")[0]
        name = self.name(re.split(r"\s+varav\s+", name)[0])
        measure = measure_of(target_text) or _name_measure(name)
        if measure == "%" and re.match(r"[A-ZÅÄÖ][a-zåäö]+s\b", name) and not fold(name).startswith("andel"):
            name = "Andel som " + name[0].lower() + name[1:]  # '80 % erbjuds nybesökstid …'
        # The statement ends with its line once the baseline is given (OCR lines run on into the next item).
        end = rest_start + (baseline.end() if baseline else len(rest))
        newline = lined.find("\n", end)
        quote = squash(original[: newline if newline >= 0 else len(original)])[:400]
        self.targets.append(
            Indicator(
                name=name,
                arsmal=target_text,
                arsmal_value=to_float(target_text),
                measure=measure,
                goal_key=block.goal_key,
                goal_level=block.goal_level,
                page=block.page,
                row_text=quote,
            )
        )
        if baseline:
            value = original[rest_start + baseline.start("val") : rest_start + baseline.end("val")]
            self.outcome(
                block, name, value, quote, int(baseline.group("year")), target=target_text, measure=measure
            )


def _name_measure(name: str) -> str | None:
    folded = fold(name)
    return "%" if folded.startswith("andel") else "st" if folded.startswith("antal") else None


# "sedan enheten började mäta 2016", "sedan 2016": a starting point, not the year the text is about.
_SINCE = re.compile(r"\bsedan\b[^.,;:]{0,60}?(?<!\d)(?:19|20)\d\d(?!\d)")


def _context_years(text: str) -> list[int]:
    """The years a text is about, for the sentences after it that name none: a year that only
    marks where a span starts ("sedan 2016") does not say what the next sentence reports."""
    return years_in(_SINCE.sub(" ", fold(text)))


def find_facts(blocks: list[ProseBlock], own_district: str | None, ocr: bool) -> ProseFacts:
    """Read outcomes (and targets stated as 'Målvärde …') from the document's prose.

    Args:
        blocks: Prose paragraphs in document order.
        own_district: The document's stadsdel (sentences about other stadsdelar are skipped).
        ocr: Whether names get å/ä/ö restored (quotes and values stay verbatim).

    Returns:
        Outcomes and target indicators.
    """
    extractor = _Extractor(own_district, ocr)
    previous_years: list[int] = []
    for block in (block for block in blocks if not block.is_heading):
        flat = block.text.replace("\n", " ")
        for start, end in sentences(block.text):
            context = _context_years(flat[:start]) or previous_years
            extractor.sentence(block, block.text[start:end], context[-1] if context else None)
        previous_years = _context_years(flat) or previous_years
    series(blocks, extractor)
    budget(blocks, extractor)
    return ProseFacts(extractor.outcomes, extractor.targets)
