"""Which documents a question is about: unit, district, year and type as evidence, not as a gate.

A named unit or district narrows the documents (it is the strongest cue staff give). A named
type is a preference: when that unit has no document of that type, the question is answered
from what exists and the answer says which document it is. A named year is read with what
each document type means: a verksamhetsplan for year Y holds Y's targets, a
kvalitetsutmärkelse for year Y reports the results of Y-1 and earlier years. Only a year that
no document can speak for (a plan for 2024 when the latest is 2020) declines, because
answering with another year's figures would be wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.answer import Answer, AnswerKind, DeclineReason
from knowledge.models import DocType, DocumentMeta
from knowledge.retrieval import year_evidence
from knowledge.retrieval.title_evidence import title_named
from knowledge.retrieval.year_evidence import explicit_years
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading

# How far back a kvalitetsutmärkelse reports: the application for Y describes Y-1 and the
# years before it (the 2019 sample reports 2016-2018).
REPORT_YEARS_BACK = 3


@dataclass(frozen=True)
class Selection:
    """The documents a question is about and how well each agrees with what it names.

    Attributes:
        sources: Documents to answer from, best agreement first.
        agreement: Metadata agreement of every stored document in [-1, 1] (a ranking feature).
        note: Swedish sentence to put before the answer when the named type or year was
            replaced by the document that holds it ("" when nothing was replaced).
        refusal: A not_found answer when nothing stored can speak for what is named.
    """

    sources: list[str]
    agreement: dict[str, float] = field(default_factory=dict)
    note: str = ""
    refusal: Answer | None = None


def year_fit(meta: DocumentMeta, year: int | None) -> float:
    """How well a document speaks for the year a question names, in [0, 1].

    1 when a plan is for that year or a quality-award application reports it (its own
    year minus one and earlier); 0.5 for an application of the same year (named by its
    title year, but reporting the year before); 0 otherwise.
    """
    if year is None or meta.year is None:
        return 1.0 if year is None else 0.0
    if meta.type is DocType.KVALITETSUTMARKELSE:
        if meta.year - REPORT_YEARS_BACK <= year < meta.year:
            return 1.0
        return 0.5 if meta.year == year else 0.0
    return 1.0 if meta.year == year else 0.0


def metadata_agreement(meta: DocumentMeta, reading: QuestionReading) -> float:
    """Agreement of one document with the unit, district, year and type a question names.

    +1 for each named attribute the document has, -1 for each it contradicts, averaged over
    the attributes named (0 when the question names none). A unit named only by an everyday
    word (`soft_units`) votes +1 for its documents and 0, not -1, for the others: the word may
    well be about another unit's service of that kind.
    """
    votes: list[float] = []
    if reading.units:
        votes.append(1.0 if meta.unit in reading.units else -1.0)
    elif reading.soft_units:
        votes.append(1.0 if meta.unit in reading.soft_units else 0.0)
    if reading.districts:
        votes.append(1.0 if meta.district in reading.districts else -1.0)
    if reading.year is not None:
        votes.append(2.0 * year_fit(meta, reading.year) - 1.0)
    if reading.doc_type is not None and reading.doc_type is not DocType.RUTIN:
        votes.append(1.0 if meta.type is reading.doc_type else -0.5)
    if title_named(meta, reading):
        votes.append(1.0)
    return sum(votes) / len(votes) if votes else 0.0


def select_documents(snap: Snapshot, reading: QuestionReading) -> Selection:
    """Documents the question is about, a note when a named type or year was replaced,
    or a not_found answer when no stored document can speak for the named district or year."""
    metas = snap.metas
    agreement = {m.source: metadata_agreement(m, reading) for m in metas}
    unknown = reading.other_districts[0] if reading.other_districts and not reading.districts else None
    if unknown:
        known = ", ".join(sorted({m.district for m in metas if m.district})) or "inga"
        return Selection(
            [],
            agreement,
            refusal=Answer(
                answer=f"Jag hittar inga dokument för {unknown}. Det finns dokument för: {known}.",
                kind=AnswerKind.NOT_FOUND,
                decline=DeclineReason.UNKNOWN_DISTRICT,
            ),
        )
    named = [m for m in metas if not reading.units or m.unit in reading.units]
    named = [m for m in named if not reading.districts or m.district in reading.districts]
    titled = [m for m in named if title_named(m, reading) and year_fit(m, reading.year) > 0]
    if titled:
        # A routine named by its title ('enligt rutinen för orosanmälan') is the document meant.
        return Selection([m.source for m in titled], agreement)
    chosen = named
    year_note = ""
    if reading.year is not None:
        year, fitting = _fitting_year(reading, named)
        if year != reading.year:
            # "förra året, alltså 2018": the year a document speaks for is the one meant.
            reading = reading.model_copy(update={"year": year})
            agreement = {m.source: metadata_agreement(m, reading) for m in metas}
        if not fitting and "year" in reading.from_context:
            # A follow-up that only inherited the year ("och i Spånga?"): that unit's latest plan.
            fitting = _latest_per_unit(named)
        if not fitting and (spoken := _speaking_of(snap, reading, named)):
            # No document is for that year, but one tells what happened then ("Ett annat mål
            # under 2018 var …" in a 2019 application): answer from it (answers/past_years.py).
            return Selection([m.source for m in spoken], agreement)
        if not fitting and not _written_out(reading, year):
            # "förra året" when nothing is that recent: the year is evidence, not a gate;
            # answer from each unit's latest documents and say so.
            fitting = _latest_per_unit(named)
            year_note = _year_note(year, fitting)
            reading = reading.model_copy(update={"year": None, "years": []})
            # No document speaks for that year, so the year says nothing about which one
            # answers: leaving it in the agreement would mark every document a mismatch and
            # lower the ranker's confidence in the right item ("… ska vi ordna i år?").
            agreement = {m.source: metadata_agreement(m, reading) for m in metas}
        if not fitting:
            return Selection([], agreement, refusal=_missing_year(reading, named))
        chosen = fitting
    wanted = reading.doc_type if reading.doc_type is not DocType.RUTIN else None
    replaced = False
    if wanted is not None:
        typed = [m for m in chosen if m.type is wanted]
        replaced = not typed
        chosen = typed or chosen
    if reading.year is not None and "year" not in reading.from_context:
        chosen = _best_year_per_unit(chosen, reading.year)
    elif reading.year is None:
        chosen = _latest_per_unit(chosen)
    chosen.sort(key=lambda m: -agreement[m.source])
    note = _type_note(wanted, chosen) if wanted is not None and replaced and chosen else ""
    note = " ".join(n for n in (year_note, note) if n)
    return Selection([m.source for m in chosen], agreement, note=note)


def _fitting_year(reading: QuestionReading, named: list[DocumentMeta]) -> tuple[int, list[DocumentMeta]]:
    """Of the years a question names, the first some document speaks for, with those documents.

    "hur många … förra året, alltså 2018?" names 2025 and 2018: the year that fits is meant.
    With none fitting, the first year and no documents.
    """
    assert reading.year is not None
    years = [reading.year, *(y for y in reading.years if y != reading.year)]
    for year in years:
        fitting = [m for m in named if year_fit(m, year) > 0]
        if fitting:
            return year, fitting
    return reading.year, []


def _written_out(reading: QuestionReading, year: int) -> bool:
    """Whether the question writes the year ("2018", "vp23"), not "förra året"."""
    return year in explicit_years(reading)


def _speaking_of(snap: Snapshot, reading: QuestionReading, named: list[DocumentMeta]) -> list[DocumentMeta]:
    """Documents (of the named unit) whose text answers the question about the year it names."""
    if reading.year is None or not _written_out(reading, reading.year):
        return []
    if year_evidence.asks_target(reading):
        # A target is for its document's own year: a plan for 2024 that reports 2023's
        # outcome ("Utfall 2023") does not hold 2023's årsmål.
        return []
    found = year_evidence.find(snap, reading, [m.source for m in named], [reading.year])
    return [m for m in named if found is not None and m.source == found.chunk.source]


def _year_note(year: int, chosen: list[DocumentMeta]) -> str:
    """'Det finns inget dokument för 2025; svaret kommer från verksamhetsplan 2023.'"""
    docs = sorted({f"{m.type.value} {m.year}" if m.year else m.type.value for m in chosen})
    return f"Det finns inget dokument för {year}; svaret kommer från {', '.join(docs)}." if docs else ""


def _type_note(wanted: DocType, chosen: list[DocumentMeta]) -> str:
    """'Det finns ingen verksamhetsplan för X; svaret kommer från dess kvalitetsutmärkelse 2019.'"""
    units = sorted({m.unit or m.district or "" for m in chosen} - {""})
    who = f" för {units[0]}" if len(units) == 1 else ""
    docs = sorted({f"{m.type.value} {m.year}" if m.year else m.type.value for m in chosen})
    return f"Det finns ingen {wanted.value}{who}; svaret kommer från {', '.join(docs)}."


def _best_year_per_unit(metas: list[DocumentMeta], year: int) -> list[DocumentMeta]:
    """Per unit, the documents that speak best for `year` (a plan for Y or a report of Y)."""
    best: dict[tuple[str | None, str | None], float] = {}
    for m in metas:
        key = (m.unit, m.district)
        best[key] = max(best.get(key, 0.0), year_fit(m, year))
    return [m for m in metas if year_fit(m, year) >= best[(m.unit, m.district)]]


def _missing_year(reading: QuestionReading, chosen: list[DocumentMeta]) -> Answer:
    kind = reading.doc_type.value if reading.doc_type else "verksamhetsplan"
    who = f" för {chosen[0].unit}" if chosen and chosen[0].unit and len({m.unit for m in chosen}) == 1 else ""
    years = sorted({m.year for m in chosen if m.year})
    have = f"; det finns {', '.join(str(y) for y in years)}" if years else ""
    return Answer(
        answer=f"Jag hittar ingen {kind} för {reading.year}{who}{have}.",
        kind=AnswerKind.NOT_FOUND,
        decline=DeclineReason.MISSING_YEAR,
        suggestions=[f"{reading.text.rstrip('?')} {y}?" for y in years[-2:]],
    )


def _latest_per_unit(metas: list[DocumentMeta]) -> list[DocumentMeta]:
    """With no year asked, each unit's latest document of each type."""
    best: dict[tuple[str | None, str | None, str], DocumentMeta] = {}
    for m in metas:
        key = (m.unit, m.district, m.type.value)
        if key not in best or (m.year or 0) > (best[key].year or 0):
            best[key] = m
    return list(best.values())
