"""Hand-made plans (indicator rows as in corpus/samples) stored in a real SQLite catalog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from indicators.models import GoalLevel, Indicator
from knowledge.models import Activity, Chunk, ChunkKind, DocType, DocumentMeta, Goal, ParsedDocument
from knowledge.store.catalog import Catalog

UNIT = "Enheten för ekonomiskt bistånd"
OTHER_UNIT = "Stöd- och aktivitetsenheten"
DISTRICT = "Hägersten-Älvsjö"

UPPLEVER_EB = (
    "Andel personer som själva upplever att de får en förbättrad situation av insatsen/insatserna "
    "de fått från socialtjänsten (ekonomiskt bistånd)"
)
UPPLEVER_VM = (
    "Andel personer som själva upplever att de får en förbättrad situation av insatserna de fått "
    "från socialtjänsten (vuxna missbruk)"
)
AVHYSNINGAR = (
    "Andel avhysningar som kunnat avvärjas efter inkommet meddelande till förvaltningen från hyresvärden"
)


def ind(name: str, arsmal: str = "", kf: str = "", per: str = "Tertial", **extra: object) -> Indicator:
    """An indicator row whose row text is the tab-separated line of the plan."""
    fields = {
        "name": name,
        "arsmal": arsmal,
        "kf_arsmal": kf,
        "periodicitet": per,
        "row_text": f"{name}\t{arsmal}\t{kf}\t{per}",
        **extra,
    }
    return Indicator.model_validate(fields)


def eb_indicators() -> list[Indicator]:
    """The 2023 indicator rows of the ekonomiskt bistånd unit (from sample 000)."""
    return [
        ind(UPPLEVER_VM, "-", "Tas fram av nämnd", "År"),
        ind("Sjukfrånvaro", "", "Tas fram av nämnd/styrelse"),
        ind("Sjukfrånvaro dag 1-14", "3,5 %", "Tas fram av nämnd/styrelse", measure="%"),
        ind(UPPLEVER_EB, "80", "Tas fram av nämnd"),
        ind(AVHYSNINGAR, "55 %", "Tas fram av nämnd", measure="%"),
        ind("Antal vräkningar som berör barn", "0", "Tas fram av nämnd", "År"),
        ind("Antal flerpartssamtal tillsammans med klient i åldersgrupp 18-29", "200"),
        ind("Andel aktuella förändringsplaner", "75 %", measure="%", gender_split=True),
    ]


def plan(
    source: str,
    unit: str,
    year: int,
    indicators: list[Indicator],
    district: str = DISTRICT,
    goals: list[Goal] | None = None,
    activities: list[Activity] | None = None,
) -> ParsedDocument:
    """A verksamhetsplan with the given rows."""
    meta = DocumentMeta(
        source=source,
        title=f"Verksamhetsplan {year} för {unit}",
        type=DocType.VERKSAMHETSPLAN,
        unit=unit,
        district=district,
        year=year,
        content_hash=f"hash-{source}",
    )
    return ParsedDocument(meta=meta, indicators=indicators, goals=goals or [], activities=activities or [])


def chunks_for(parsed: ParsedDocument) -> list[Chunk]:
    """One citable chunk per goal, indicator row and activity (as the chunker makes them)."""
    src = parsed.meta.source
    out = [
        Chunk(
            id=f"{src}-g{i}",
            source=src,
            kind=ChunkKind.GOAL,
            text=g.title,
            breadcrumb=f"{src} › {g.title}",
            ref=i,
            goal_key=g.key,
        )
        for i, g in enumerate(parsed.goals)
    ]
    out += [
        Chunk(
            id=f"{src}-i{i}",
            source=src,
            kind=ChunkKind.INDICATOR,
            text=x.row_text,
            breadcrumb=f"{src} › Indikatorer",
            ref=i,
            page=3,
        )
        for i, x in enumerate(parsed.indicators)
    ]
    out += [
        Chunk(
            id=f"{src}-a{i}",
            source=src,
            kind=ChunkKind.ACTIVITY,
            text=a.row_text or a.text,
            breadcrumb=f"{src} › Aktiviteter",
            ref=i,
            page=4,
        )
        for i, a in enumerate(parsed.activities)
    ]
    out += [
        Chunk(
            id=f"{src}-o{i}",
            source=src,
            kind=ChunkKind.OUTCOME,
            text=o.quote or o.value,
            breadcrumb=f"{src} › Uppföljning",
            ref=i,
            page=5,
        )
        for i, o in enumerate(parsed.outcomes)
    ]
    return out


def goal(key: str, title: str, level: GoalLevel = GoalLevel.ENHETSMAL) -> Goal:
    """A goal of the chain."""
    return Goal(key=key, level=level, title=title)


def activity(text: str, start: str, end: str) -> Activity:
    """An activity row with ISO dates."""
    return Activity(
        text=text,
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
        row_text=f"{text}\t{start}\t{end}",
    )


def make_catalog(tmp_path: Path, *docs: ParsedDocument, with_chunks: bool = False) -> Catalog:
    """A real SQLite catalog in tmp_path holding the given plans."""
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    for parsed in docs:
        catalog.replace_document(parsed, chunks=chunks_for(parsed) if with_chunks else [], path=None)
    return catalog


def standard_catalog(tmp_path: Path, with_chunks: bool = False) -> Catalog:
    """Ekonomiskt bistånd 2023 plus Stöd- och aktivitetsenheten 2020 in two districts."""
    return make_catalog(
        tmp_path,
        plan("eb-2023.txt", UNIT, 2023, eb_indicators()),
        plan(
            "saa-2020.txt",
            OTHER_UNIT,
            2020,
            [
                ind("Sjukfrånvaro", "7,5 %", "Tas fram av nämnd/styrelse", measure="%"),
                ind("Sjukfrånvaro dag 1-14", "2,5 %", "Tas fram av nämnd", measure="%"),
                ind("Antal aspiranter som fått Stockholmsjobb", "19 st", "800 st", measure="st"),
            ],
        ),
        plan(
            "saa-farsta-2020.txt",
            OTHER_UNIT,
            2020,
            [ind("Sjukfrånvaro", "6 %", "", measure="%")],
            district="Farsta",
        ),
        with_chunks=with_chunks,
    )


def prose(source: str, n: int, text: str, section: str = "Övrigt") -> Chunk:
    """A prose section chunk of `source` (the n-th), under the breadcrumb `source › section`."""
    return Chunk(
        id=f"{source}-s{n}",
        source=source,
        kind=ChunkKind.SECTION,
        text=text,
        breadcrumb=f"{source} › {section}",
    )


def two_units_catalog(path: Path, eb_prose: list[str], saa_prose: list[str]) -> Catalog:
    """UNIT's 2023 plan and OTHER_UNIT's 2020 plan (in Farsta), each with the given prose chunks.

    For tests of questions that name no unit: both plans hold alike passages, and which unit
    answers (or whether the answer asks back) is what is tested.
    """
    catalog = Catalog(path)
    eb = plan("eb-2023.txt", UNIT, 2023, [])
    saa = plan("saa-2020.txt", OTHER_UNIT, 2020, [], district="Farsta")
    for parsed, texts in ((eb, eb_prose), (saa, saa_prose)):
        chunks = [prose(parsed.meta.source, n, text) for n, text in enumerate(texts)]
        catalog.replace_document(parsed, chunks=[*chunks_for(parsed), *chunks], path=None)
    return catalog
