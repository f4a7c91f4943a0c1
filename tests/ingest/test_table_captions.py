"""Bold captions above a goal's tables in a Word plan ("Indikatorer", "Aktiviteter").

Word plans exported to PDF put a bold body-size line above each table under a goal. When the
table's rows become the goal's indicators or activities, that line names them: it is no
sentence of the goal's text (before, the working-method text of
`tests/fixtures/unseen/vp2025_familjebehandling_kungsholmen.pdf` ended "… Indikatorer
Aktiviteter"). Any other line above a table stays text.
"""

from __future__ import annotations

from pathlib import Path

from ingest.parser import parse
from ingest.readers import read_document
from ingest.readers.base import Line, RawDocument
from knowledge.models import ParsedDocument
from tests.support import unseen_pdf

MAX = 50 * 1024 * 1024


def _row(*cells: str) -> Line:
    return Line(text="\t".join(cells), cells=cells)


def _plan(above_indicators: str) -> ParsedDocument:
    lines = [
        Line(text="Verksamhetsplan 2025 för Testenheten", heading=1),
        Line(text=""),
        Line(text="KF:s inriktningsmål 1: Ett Stockholm som håller ihop", heading=2),
        Line(text=""),
        Line(text="Nämndmål: Barn och unga har en trygg uppväxt", heading=3),
        Line(text=""),
        Line(text="Enhetsmål: Familjer får rätt stöd i rätt tid", heading=4),
        Line(text=""),
        Line(text="Familjer ska inte behöva vänta på att stödet börjar."),
        Line(text=""),
        Line(text="Så här gör vi", emphasis=True),
        Line(text=""),
        Line(text="Nya uppdrag fördelas på fördelningsmötet varje måndag."),
        Line(text=""),
        Line(text=above_indicators, emphasis=True),
        Line(text=""),
        _row("Indikator", "Utfall 2024", "Målvärde 2025", "Följs upp"),
        _row("Andel familjer som erbjuds första samtal inom tio arbetsdagar", "71 %", "85 %", "Tertial"),
        Line(text=""),
        Line(text="Aktiviteter", emphasis=True),
        Line(text=""),
        _row("Aktivitet", "Ansvarig", "Start", "Klar"),
        _row("Införa en gemensam digital väntelista", "Samordnare", "2025-02-01", "2025-05-31"),
        Line(text=""),
        Line(text="Ekonomi", heading=1),
        Line(text=""),
        Line(text="Budgeten är 3 mnkr."),
    ]
    return parse(RawDocument(source="vp.docx", path=Path("vp.docx"), content_hash="h", lines=lines))


def _goal_text(parsed: ParsedDocument) -> str:
    return "\n".join(s.text for s in parsed.sections if s.goal_key)


def test_captions_of_indicator_and_activity_tables_are_not_goal_text() -> None:
    parsed = _plan("Indikatorer")
    names = [i.name for i in parsed.indicators]
    assert names == ["Andel familjer som erbjuds första samtal inom tio arbetsdagar"]
    assert [a.text for a in parsed.activities] == ["Införa en gemensam digital väntelista"]
    text = _goal_text(parsed)
    assert "Nya uppdrag fördelas på fördelningsmötet varje måndag." in text
    assert "Indikatorer" not in text
    assert "Aktiviteter" not in text


def test_a_sentence_above_a_table_stays_goal_text() -> None:
    parsed = _plan("Uppföljningen görs enligt årshjulet")
    assert len(parsed.indicators) == 1
    assert "Uppföljningen görs enligt årshjulet" in _goal_text(parsed)
    assert "Aktiviteter" not in _goal_text(parsed)


def test_the_unseen_word_plan_has_no_captions_in_its_goal_text() -> None:
    parsed = parse(read_document(unseen_pdf.FIXTURE, MAX))
    assert len(parsed.indicators) == 8 and len(parsed.activities) == 6
    text = _goal_text(parsed)
    assert "Kan teamet inte ta emot familjen i tid" in text
    assert not any(line.strip() in {"Indikatorer", "Aktiviteter"} for line in text.split("\n"))
