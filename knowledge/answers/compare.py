"""Comparisons over stored rows: the same indicator across units or years, and outcome series.

'Vilken enhet har högst årsmål för sjukfrånvaro?' ranks the units' latest rows of that
indicator; 'Har målet för sjukfrånvaro ändrats sedan 2020?' lists the unit's plans year by
year and says whether the target changed; 'Hur har AMI utvecklats över åren?' lists the
outcomes per year. Every row shown is cited.
"""

from __future__ import annotations

import re

from knowledge.answer import Answer
from knowledge.answers.lists import Row, render
from knowledge.answers.phrasing import doc_label, match_indicators
from knowledge.models import ChunkKind, DocType
from knowledge.retrieval.scoring import text_score
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, fold
from knowledge.understand.reading import QuestionReading

# A row is the same indicator when it matches this well (the indicator answer trusts 0.45).
MIN_SAME = 0.45
_RANK = re.compile(
    r"\bvilken (?:enhet|stadsdel|plan|verksamhet)\w* (?:har|hade) (?:det )?"
    r"(?P<op>hogst|hogsta|lagst|lagsta|storst|storsta|minst|minsta|hogre|lagre|bast)\b"
)
_CHANGED = re.compile(r"\b(?:andrats|forandrats|andrat|forandrat|samma|skillnad)\b")
_SINCE = re.compile(r"\b(?:sedan|fran|efter)\s+((?:19|20)\d\d)\b")
_SERIES = re.compile(
    r"\b(?:utvecklats|utveckling\w*|over (?:tid|aren)|genom aren|ar for ar|per ar|mellan aren|serie\w*)\b"
)
_OUTCOME_WORDS = re.compile(r"\b(?:utfall\w*|resultat\w*|betyg\w*|index|ami|nki|brukarundersok\w*)\b")


_NOT_TOPIC = re.compile(
    r"\b(?:arsmal\w*|malet|malen|mal|hogst|lagst|storst|minst|enhet\w*|andrats|forandrats|sedan|"
    r"utvecklats|utveckling\w*|over|aren|tid|genom|ar|for|mellan|hur|har|vilken|det|utfall\w*|resultat\w*)\b"
)


def _topic(reading: QuestionReading) -> str:
    """The indicator the question is about: its topic without comparison and time words."""
    text = fold(reading.topic or reading.text)
    for name in [*reading.units, *reading.districts]:
        text = text.replace(fold(name), " ")
    text = _NOT_TOPIC.sub(" ", text)
    return expand_query(" ".join(text.split()))


def _target_value(arsmal: str, value: float | None) -> float | None:
    if value is not None:
        return value
    match = re.search(r"-?\d+(?:[ ,.]\d+)?", arsmal)
    return float(match.group(0).replace(" ", "").replace(",", ".")) if match else None


def rank_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """Which unit has the highest (or lowest) target for an indicator, among the units' latest plans."""
    match = _RANK.search(fold(reading.text))
    if match is None:
        return None
    lowest = match.group("op").startswith(("lag", "minst", "minsta"))
    plans = [s for s in sources if snap.meta(s).type is DocType.VERKSAMHETSPLAN] or sources
    matches = match_indicators(snap, _topic(reading), plans, {})
    if not matches or matches[0].score < MIN_SAME:
        return None
    best_per_source: dict[str, tuple[int, float]] = {}
    for m in matches:
        ind = snap.parsed[m.source].indicators[m.idx]
        value = _target_value(ind.arsmal, ind.arsmal_value)
        if m.score < max(MIN_SAME, matches[0].score - 0.1) or value is None:
            continue
        if m.source not in best_per_source:
            best_per_source[m.source] = (m.idx, value)
    if not best_per_source:
        return None
    ordered = sorted(best_per_source.items(), key=lambda item: item[1][1], reverse=not lowest)
    rows = []
    for source, (idx, _) in ordered:
        ind = snap.parsed[source].indicators[idx]
        who = doc_label(snap, source)
        rows.append(
            Row(
                source,
                ChunkKind.INDICATOR,
                idx,
                [who, ind.name, ind.arsmal],
                f"{who}: {ind.arsmal} ({ind.name})",
                ind.row_text,
                ind.page,
                "Indikatorer",
            )
        )
    word = "lägst" if lowest else "högst"
    top = snap.meta(ordered[0][0])
    name = snap.parsed[ordered[0][0]].indicators[ordered[0][1][0]].name
    intro = (
        f"{top.unit or top.district} har {word} årsmål för *{name}*: "
        f"{snap.parsed[ordered[0][0]].indicators[ordered[0][1][0]].arsmal}. Alla enheter med indikatorn:"
    )
    if len(rows) == 1:
        intro = f"Bara {top.unit or top.district} har ett årsmål för *{name}*:"
    return render(snap, rows, ["Plan", "Indikator", "Årsmål"], intro, "compare")


def _unit_sources(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> list[str]:
    """Every document of the units the chosen documents belong to, oldest first."""
    units = {(snap.meta(s).unit, snap.meta(s).district) for s in sources}
    return [
        m.source
        for m in sorted(snap.metas, key=lambda m: m.year or 0)
        if (m.unit, m.district) in units and m.type is not DocType.RUTIN
    ]


def change_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """How an indicator's target went across a unit's plans ('har målet för X ändrats sedan 2020?')."""
    folded = fold(reading.text)
    if not _CHANGED.search(folded) or not re.search(r"\b(?:\w*mal\w*|malvarde\w*)\b", folded):
        return None
    units = {snap.meta(s).unit for s in sources}
    if len(units) > 1 and not reading.units:
        return None
    since = _SINCE.search(folded)
    docs = [
        s
        for s in _unit_sources(snap, reading, sources)
        if not since or (snap.meta(s).year or 0) >= int(since.group(1))
    ]
    rows: list[Row] = []
    for source in docs:
        matches = match_indicators(snap, _topic(reading), [source], {})
        if not matches or matches[0].score < MIN_SAME:
            continue
        ind = snap.parsed[source].indicators[matches[0].idx]
        who = doc_label(snap, source)
        rows.append(
            Row(
                source,
                ChunkKind.INDICATOR,
                matches[0].idx,
                [str(snap.meta(source).year or ""), ind.name, ind.arsmal or "–"],
                f"{snap.meta(source).year}: {ind.arsmal or 'inget årsmål'} ({ind.name})",
                ind.row_text,
                ind.page,
                who,
            )
        )
    if len(rows) < 2:
        return None
    values = [fold(r.cells[2]).replace(" ", "") for r in rows]
    first, last = rows[0].cells, rows[-1].cells
    verdict = (
        f"Ja, årsmålet har ändrats: {first[2]} ({first[0]}) → {last[2]} ({last[0]})."
        if len(set(values)) > 1
        else f"Nej, årsmålet är detsamma i alla planer ({rows[0].cells[2]})."
    )
    return render(snap, rows, ["År", "Indikator", "Årsmål"], f"{verdict} Per plan:", "compare")


def series_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """An outcome per year, from every document of the unit ('hur har AMI utvecklats över åren?')."""
    folded = fold(reading.text)
    if not _SERIES.search(folded) or not _OUTCOME_WORDS.search(folded):
        return None
    topic = _topic(reading)
    scored = []
    for source in _unit_sources(snap, reading, sources):
        for i, outcome in enumerate(snap.parsed[source].outcomes):
            scored.append((text_score(topic, outcome.indicator, snap.lexical.idf), source, i))
    if not scored:
        return None
    best = max(score for score, *_ in scored)
    if best < MIN_SAME:
        return None
    name = next(snap.parsed[s].outcomes[i].indicator for score, s, i in scored if score == best)
    picked = [(s, i) for score, s, i in scored if fold(snap.parsed[s].outcomes[i].indicator) == fold(name)]
    picked.sort(key=lambda item: snap.parsed[item[0]].outcomes[item[1]].year or 0)
    rows = []
    for source, i in picked:
        outcome = snap.parsed[source].outcomes[i]
        target = f" (mål {outcome.target})" if outcome.target else ""
        rows.append(
            Row(
                source,
                ChunkKind.OUTCOME,
                i,
                [str(outcome.year or ""), outcome.value, outcome.target or "", doc_label(snap, source)],
                f"{outcome.year or 'utan år'}: {outcome.value}{target}",
                outcome.quote,
                outcome.page,
                "Resultat",
            )
        )
    return render(snap, rows, ["År", "Utfall", "Mål", "Dokument"], f"*{name}* per år:", "compare")


def compare_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """A ranking across units, a target's change across years, or an outcome series."""
    return (
        rank_answer(snap, reading, sources)
        or change_answer(snap, reading, sources)
        or series_answer(snap, reading, sources)
    )
