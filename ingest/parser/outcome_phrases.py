"""Outcomes in the other phrasings reports use, beyond the fixed 'Årsmålet … var X och resultatet Y'.

A sentence states an outcome when a measurable subject (andel, antal, sjukfrånvaro, kostnader,
väntetid, betyg, index, resultatet/utfallet …) is followed by a past-tense verb and a number:
'Andelen nöjda klienter blev 84 procent', 'Utfallet för 2019 var 72 %', 'Sjukfrånvaron låg på
4,1 procent 2019 (målet var 5 procent)', 'Antalet vräkningar minskade från 18 (2018) till 12
(2019)', 'NKI 2017: 61, 2018: 64, 2019: 68', 'Resultat 2019: 84 %'. Present and future tense
('ska vara', 'är') are targets or plans, not outcomes, and are left alone. Patterns run on the
folded sentence; values and names are cut from the original at the same offsets.
"""

from __future__ import annotations

import re

from ingest.parser.facts import Collector
from ingest.parser.sections import ProseBlock
from ingest.parser.text import NUMBER, fold

_YEAR = r"(?:19|20)\d\d"
_UNIT = (
    r"(?:\s*(?:%|procent(?:enheter)?\b|kr\b|kronor\b|tkr\b|mnkr\b|st\b|stycken\b|dagar\b|veckor\b|timmar\b))"
)
_VALUE = rf"(?P<value>(?<![\d,.])(?:{NUMBER}){_UNIT}?)"
# Measurable subjects; a subject starts at one of these words and runs to the verb.
_SUBJECT_HEAD = (
    r"(?:andel(?:en)?|antal(?:et)?|sjukfranvaro(?:n)?|kostnad(?:en|erna)?|vantetid(?:en|erna)?|"
    r"genomsnitt\w*|medel\w*|handlaggningstid(?:en)?|svarsfrekvens(?:en)?|"
    r"(?:helhets|total|sammanfattande\s+)?betyg(?:et)?|\w*index(?:et)?|nki|ami|nmi|hme|"
    r"nojd\w*|resultat(?:et)?|utfall(?:et)?)"
)
_VERB = (
    r"(?:(?:har\s+)?(?:varit|legat\s+pa|uppgatt\s+till|landat\s+pa|hamnat\s+pa|okat\s+till|minskat\s+till)|"
    r"var|blev|uppgick\s+till|landade\s+pa|lag\s+pa|hamnade\s+pa|okade\s+till|minskade\s+till|"
    r"sjonk\s+till|steg\s+till|gick\s+upp\s+till|gick\s+ned\s+till|nadde|uppmattes\s+till|"
    r"slutade\s+pa|stannade\s+pa)"
)
_FILLER = r"(?:(?:totalt|sammanlagt|cirka|ca|nara|drygt|knappt|endast|bara|hela|nu|i\s+genomsnitt)\s+)*"
_STATED = re.compile(
    rf"\b(?P<subj>{_SUBJECT_HEAD}\b[^.;:!?]{{0,110}}?)\s+{_VERB}\s+{_FILLER}{_VALUE}"
    r"(?!\s*[-–]\s*\d)"
)
# "Andel nöjda klienter 2019: 84 % (mål 80 %)": a label, a colon and a value, read only with a year or target.
_LABELLED = re.compile(rf"^\s*(?P<subj>{_SUBJECT_HEAD}\b[^:.;]{{0,110}}?)\s*:\s*{_FILLER}{_VALUE}")
# "fick enheten helhetsbetyget 7,2", "fick ett NKI på 68".
_GOT = re.compile(
    rf"\bfick\s+(?:\w+\s+){{0,3}}?(?P<subj>\w*betyg(?:et)?|\w*index(?:et)?|nki|ami|nmi)\s+(?:pa\s+|om\s+)?{_VALUE}"
)
# "78 procent av klienterna hade en aktuell plan", "I enkäten svarade 85 procent att de var nöjda".
_SHARE_OF = re.compile(
    r"(?P<value>(?<![\d,.])\d{1,3}(?:,\d+)?\s*(?:%|procent))\s+av\s+(?P<group>(?:de\s+)?[a-z]+(?:na|rna|en|erna))\s+"
    r"(?P<claim>(?:hade|fick|kom|gick|var|blev|uppnadde|avslutade|atergick|erholl|lamnade|borjade|slutade)\b[^,.;]{3,120})"
)
_SHARE_VERB_FIRST = re.compile(
    r"\b(?P<verb>hade|fick|uppnadde|avslutade|erholl|kom|gick|atergick|borjade|slutade|lamnade)\s+"
    r"(?P<value>(?<![\d,.])\d{1,3}(?:,\d+)?\s*(?:%|procent))\s+av\s+(?P<group>(?:de\s+)?[a-z]+(?:na|rna|en|erna))\s+"
    r"(?P<claim>[^,.;()]{3,120})"
)
_ANSWERED = re.compile(
    r"\b(?:svarade|uppgav|angav|ansag|tyckte)\s+(?P<value>\d{1,3}(?:,\d+)?\s*(?:%|procent))\s+"
    r"(?:av\s+[a-z ]{3,40}?\s+)?att\s+(?P<claim>[^,.;]{3,120})"
)
# "vi nådde 93 %", "enheten nådde målet med 93 %": no subject of its own, named from the heading.
_REACHED = re.compile(
    rf"\b(?:vi|enheten|verksamheten)\s+(?:nadde|landade\s+pa|hamnade\s+pa|fick)\s+{_FILLER}"
    rf"(?:ett\s+(?:resultat|utfall)\s+(?:pa|om)\s+)?{_VALUE}"
)
_CHANGE = re.compile(
    rf"\b(?P<subj>{_SUBJECT_HEAD}\b[^.;:!?]{{0,110}}?)\s+(?:har\s+)?"
    r"(?:okade|okat|minskade|minskat|sjonk|sjunkit|steg|stigit|gick\s+(?:upp|ned|ner)|gatt\s+(?:upp|ned|ner))\s+"
    rf"fran\s+(?P<a>(?:{NUMBER}){_UNIT}?)\s*(?:\(?\s*(?:ar\s+)?(?P<ya>{_YEAR})\s*\)?)?\s+till\s+"
    rf"(?P<b>(?:{NUMBER}){_UNIT}?)\s*(?:\(?\s*(?:ar\s+)?(?P<yb>{_YEAR})\s*\)?)?"
)
# "NKI 2017: 61, 2018: 64 och 2019: 68" and "61 (2017), 64 (2018) och 68 (2019)".
_SERIES_COLON = re.compile(rf"(?P<year>{_YEAR})\s*:\s*(?P<value>(?:{NUMBER}){_UNIT}?)(?!\d)")
_SERIES_PAREN = re.compile(rf"(?P<value>(?:{NUMBER}){_UNIT}?)\s*\(\s*(?:ar\s+)?(?P<year>{_YEAR})\s*\)")
# "Resultat 2019: 84 %", "Utfall för 2019 blev 72 procent".
_YEAR_RESULT = re.compile(
    rf"\b(?:resultat|utfall)(?:et)?\s+(?:for\s+|under\s+|ar\s+)?(?P<year>{_YEAR})\s*(?::|=|blev|var|uppgick\s+till)\s*"
    rf"{_FILLER}{_VALUE}"
)
_TARGET_NEAR = re.compile(
    rf"(?:\(\s*|\b)(?:arsmal(?:et)?|malvarde(?:t)?|malsattning(?:en)?|malet|mal)\s*(?:for\s+{_YEAR}\s*)?"
    rf"(?::|var|ar|pa|om|lag\s+pa|=)?\s*(?:ett\s+)?(?P<target>(?:(?:max|min|minst|hogst)\s+)?(?:{NUMBER}){_UNIT}?)"
)
_GENDER = re.compile(
    rf"(?P<a>(?:{NUMBER}){_UNIT}?)\s*(?:for|bland|hos)\s+(?P<ga>kvinnor|man|flickor|pojkar)\b[\s,;]*(?:och\s+)?"
    rf"(?P<b>(?:{NUMBER}){_UNIT}?)\s*(?:for|bland|hos)\s+(?P<gb>kvinnor|man|flickor|pojkar)\b"
)
# Leading words that are not part of an indicator's name.
_NAME_LEAD = re.compile(
    r"^(?:(?:resultat|utfall)(?:et)?\s+(?:for|av|i|pa)\s+(?:indikatorn\s+)?|(?:resultat|utfall)(?:et)?\s+|"
    r"indikatorn\s+)",
)
_NAME_TAIL = re.compile(rf"(?:\s+(?:under|for|ar|i|per|den|till)?\s*(?:{_YEAR}|aret|ar|fjol)\b)+\s*$")
_BARE = re.compile(r"^(?:resultat(?:et)?|utfall(?:et)?|det|detta)?$")


_PROMPT = re.compile(r"^(?:redovisa|beskriv|redogor|analysera|ange|reflektera|hur\b|vilka\b|vad\b)")


def _clean(text: str) -> str:
    """Trim quotes, commas and unmatched brackets ('Nöjd kund-index (NKI) ' keeps its pair)."""
    text = text.strip(' "”“,')
    while (text.endswith(("(", ")")) and text.count("(") != text.count(")")) or text.endswith("("):
        text = text[:-1].rstrip(' "”“,')
    while text.startswith(("(", ")")) and text.count("(") != text.count(")"):
        text = text[1:].lstrip(' "”“,')
    return text


_YEAR_AT = re.compile(r"(?<![\d,.])((?:19|20)\d\d)(?!\d|,\d)")


def _years(text: str) -> list[int]:
    """Years in a text; unlike `years_in`, '2019,' at a clause end counts."""
    return [int(y) for y in _YEAR_AT.findall(text) if 1990 <= int(y) <= 2099]


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(_YEAR, text.strip())) and 1990 <= int(text.strip()) <= 2099


def _context_name(block: ProseBlock) -> str:
    # Award templates print their questions as headings ("Redovisa kortfattat …"): not a name.
    path = [p for p in block.heading_path if p.strip() and not _PROMPT.match(fold(p.strip()))]
    return path[-1] if path else "Resultat"


def _name(collector: Collector, block: ProseBlock, original: str, folded: str, span: tuple[int, int]) -> str:
    """The subject cut from the original, without 'Resultatet för' and trailing years; else the heading."""
    start, end = span
    lead = _NAME_LEAD.match(folded[start:end])
    if lead:
        start += lead.end()
    tail = _NAME_TAIL.search(folded[start:end])
    if tail:
        end = start + tail.start()
    text = _clean(original[start:end])
    if _BARE.match(fold(text)) or len(text) < 3:
        return collector.name(_context_name(block))
    return collector.name(text)


def _target(folded: str, original: str, after: int) -> str | None:
    match = _TARGET_NEAR.search(folded, after)
    if match and not _is_year(match.group("target")):
        return " ".join(original[match.start("target") : match.end("target")].split())
    return None


def _gender(folded: str, original: str, after: int) -> dict[str, str]:
    match = _GENDER.search(folded, after)
    if not match:
        return {}
    split: dict[str, str] = {}
    for side in ("a", "b"):
        key = "women" if match.group(f"g{side}") in ("kvinnor", "flickor") else "men"
        split[key] = original[match.start(side) : match.end(side)]
    return split


# "sedan 2021", "från och med 2021": where a change started, not the year its end value was reached.
_START_YEAR = re.compile(rf"\b(?:sedan|alltsedan|fran\s+och\s+med|fr\.?\s?o\.?\s?m\.?)\s+(?:ar\s+)?{_YEAR}")


# A year directly after a value: "4,2 procent 2018", "84 % (2018)", "12 år 2019" is not one (no unit).
_ADJACENT_YEAR = re.compile(rf"\s*\(?\s*(?:ar\s+)?(?P<year>{_YEAR})(?!\d|[,.]\d)\s*\)?(?!\s*[-–:])")
# "… till 71 procent 2017 och 84 procent 2018": more value-year pairs after a change's end value.
_MORE_PAIRS = re.compile(
    rf"\s*(?:,|och|,\s*och)\s+(?P<value>(?:{NUMBER}){_UNIT}?)\s*\(?\s*(?:ar\s+)?(?P<year>{_YEAR})(?!\d|[,.]\d)\s*\)?"
)


def _year(
    original: str, exclude: tuple[int, int], context_year: int | None, *, skip_starts: bool = False
) -> int | None:
    """The sentence's own year (not inside the value), else the paragraph's.

    With `skip_starts` (the end value of a change), a year that only says when something began
    ("sedan 2021") is not the sentence's year: "sedan 2021 har andelen ökat från 38 till 81
    procent" reached 81 later; and of several years the latest is when the change ended ("från
    128 dagar 2021 till 86 dagar 2023, och andelen har ökat från 48 till 83 procent": 83 in 2023).
    """
    if not skip_starts:
        # A year written right after the value is the value's own ("… och sjukfrånvaron var 4,2
        # procent 2018"), whatever years an earlier clause of the sentence named.
        after = _ADJACENT_YEAR.match(fold(original[exclude[1] :]))
        if after:
            return int(after.group("year"))
    text = original[: exclude[0]] + " " * (exclude[1] - exclude[0]) + original[exclude[1] :]
    if skip_starts:
        text = _START_YEAR.sub(lambda m: " " * len(m.group(0)), fold(text))
    years = _years(text)
    if not years:
        return context_year
    return max(years) if skip_starts else years[0]


def read_phrasings(
    collector: Collector, block: ProseBlock, original: str, folded: str, context_year: int | None
) -> None:
    """Read the outcomes one sentence states in the phrasings above into the collector.

    Args:
        collector: Where outcomes go (it drops repeats of the same figure).
        block: The paragraph the sentence is from (page, heading path).
        original: The sentence on one line.
        folded: `fold(original)` (same length).
        context_year: The year the paragraph was about so far, for sentences without their own.
    """
    if _series(collector, block, original, folded):
        return
    for match in _CHANGE.finditer(folded):
        name = _name(collector, block, original, folded, match.span("subj"))
        for side, side_year in (("a", "ya"), ("b", "yb")):
            if match.group(side_year):
                text = original[match.start(side) : match.end(side)]
                collector.outcome(block, name, text, original, int(match.group(side_year)))
        if match.group("yb"):
            # The change may run on through more years: "… till 71 procent 2017 och 84 procent 2018".
            end = match.end()
            while more := _MORE_PAIRS.match(folded, end):
                if _is_year(more.group("value")):
                    break
                text = original[more.start("value") : more.end("value")]
                collector.outcome(block, name, text, original, int(more.group("year")))
                end = more.end()
        if not match.group("ya") and not match.group("yb"):
            text = original[match.start("b") : match.end("b")]
            reached = _year(original, match.span(), context_year, skip_starts=True)
            collector.outcome(block, name, text, original, reached)
    if _CHANGE.search(folded):
        return
    if _shares(collector, block, original, folded, context_year):
        return
    for pattern in (_YEAR_RESULT, _STATED, _GOT, _LABELLED, _REACHED):
        for match in pattern.finditer(folded):
            value = original[match.start("value") : match.end("value")]
            if _is_year(value):
                continue
            if pattern is _LABELLED and not (
                _years(match.group("subj")) or _target(folded, original, match.end("value"))
            ):
                continue
            if pattern is _YEAR_RESULT:
                year: int | None = int(match.group("year"))
                name = collector.name(_context_name(block))
            elif pattern in (_STATED, _GOT, _LABELLED):
                year = _year(original, match.span("value"), context_year)
                name = _name(collector, block, original, folded, match.span("subj"))
            else:
                year = _year(original, match.span("value"), context_year)
                name = collector.name(_context_name(block))
            split = _gender(folded, original, match.start("value"))
            collector.outcome(
                block,
                name,
                value,
                original,
                year,
                target=_target(folded, original, match.end("value")),
                women=split.get("women"),
                men=split.get("men"),
            )
        if pattern.search(folded):
            return


def _shares(
    collector: Collector, block: ProseBlock, original: str, folded: str, context_year: int | None
) -> bool:
    """'78 procent av klienterna hade …' and 'svarade 85 procent att …': a share named by its claim."""
    found = False
    for pattern in (_SHARE_OF, _SHARE_VERB_FIRST, _ANSWERED):
        for match in pattern.finditer(folded):
            claim = original[match.start("claim") : match.end("claim")]
            claim = _clean(re.split(r"\s+(?:jamfort|mot|medan)\s", claim)[0])
            if pattern is _SHARE_OF:
                group = original[match.start("group") : match.end("group")]
                name = f"Andel av {group} som {claim}"
            elif pattern is _SHARE_VERB_FIRST:
                group = original[match.start("group") : match.end("group")]
                verb = original[match.start("verb") : match.end("verb")].lower()
                name = f"Andel av {group} som {verb} {claim}"
            else:
                name = f"Andel som svarade att {claim}"
            value = original[match.start("value") : match.end("value")]
            year = _year(original, match.span("value"), context_year)
            target = _target(folded, original, match.end())
            found = (
                collector.outcome(
                    block, collector.name(name), value, original, year, target=target, measure="%"
                )
                or found
            )
    return found


def _series(collector: Collector, block: ProseBlock, original: str, folded: str) -> bool:
    """Two or more 'year: value' or 'value (year)' pairs after a subject: one outcome per year."""
    for pattern in (_SERIES_COLON, _SERIES_PAREN):
        pairs = [m for m in pattern.finditer(folded) if not _is_year(m.group("value"))]
        if len(pairs) < 2 or len({m.group("year") for m in pairs}) < 2:
            continue
        head = re.search(rf"\b{_SUBJECT_HEAD}\b", folded[: pairs[0].start()])
        start = head.start() if head else 0
        subject_end = pairs[0].start()
        cut = re.search(
            rf"\s+(?:{_VERB}|okade|minskade|har\s+varit|utvecklades|ser\s+ut|enligt\s+foljande)\b.*$",
            folded[start:subject_end],
        )
        if cut:
            subject_end = start + cut.start()
        name = _name(collector, block, original, folded, (start, subject_end))
        for match in pairs:
            value = original[match.start("value") : match.end("value")]
            collector.outcome(block, name, value, original, int(match.group("year")))
        return True
    return False
