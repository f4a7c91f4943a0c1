"""Banded tables (Word's shaded-row styles without vertical rules) and the PDF fixture of a Word plan.

The made-up table is drawn the way LibreOffice exports Word's "Light Shading" styles: every other
row a row of filled cell rectangles, horizontal rules only above and below the header and under
the last row. `tests/fixtures/unseen/vp2025_familjebehandling_kungsholmen.pdf` is a real export
of such a plan (built by `tests/support/unseen_pdf.py`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from indicators.models import GoalLevel
from ingest.parser import parse
from ingest.readers import read_document
from ingest.readers.pdf import read_pdf
from tests.golden.regen import unseen_pdf_golden_path, unseen_pdf_json
from tests.support import unseen_pdf

_ROWS = [
    ("Indikator", "Utfall 2023", "Målvärde 2024", "Följs upp"),
    ("Andel brukare som har en aktuell genomförandeplan", "64 %", "90 %", "Tertial"),
    ("Antal hembesök per månad", "41", "55", "Månad"),
    ("Andel brukare som är nöjda med bemötandet", "82 %", "88 %", "År"),
    ("Väntetid till första besök, dagar", "12", "7", "Tertial"),
]
_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)


def _banded_pdf(out: Path) -> Path:
    table = Table([list(row) for row in _ROWS], colWidths=[8 * cm, 2.5 * cm, 2.5 * cm, 2.5 * cm])
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("LINEABOVE", (0, 0), (-1, 0), 0.75, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 0.75, colors.black),
    ]
    # Shading cell by cell on rows 1 and 3, as LibreOffice draws a banded Word table.
    for row in (1, 3):
        style.extend(("BACKGROUND", (col, row), (col, row), colors.lightblue) for col in range(4))
    table.setStyle(TableStyle(style))
    story = [
        Paragraph("Indikatorer för hemtjänstens mål om delaktighet i vardagen.", _BODY),
        Spacer(1, 12),
        table,
        Spacer(1, 12),
        Paragraph("Enheten följer upp indikatorerna på ledningsgruppens möten varje månad.", _BODY),
    ]
    SimpleDocTemplate(str(out), pagesize=A4).build(story)
    return out


def test_banded_table_keeps_its_unshaded_rows_and_header(tmp_path: Path) -> None:
    pdf = _banded_pdf(tmp_path / "banded.pdf")
    lines = read_pdf(pdf, pdf.name, pdf.read_bytes()).lines
    rows = [line.cells for line in lines if line.cells is not None]
    assert rows == _ROWS
    texts = [line.text for line in lines if line.cells is None and line.text]
    # The paragraphs around the table stay running text.
    assert texts == [
        "Indikatorer för hemtjänstens mål om delaktighet i vardagen.",
        "Enheten följer upp indikatorerna på ledningsgruppens möten varje månad.",
    ]


def test_word_plan_pdf_matches_golden() -> None:
    expected = json.loads(unseen_pdf_golden_path().read_text(encoding="utf-8"))
    assert unseen_pdf_json() == expected, "run tests/golden/regen.py and review the diff"


def test_word_plan_pdf_structure() -> None:
    parsed = parse(read_document(unseen_pdf.FIXTURE, 50 * 1024 * 1024))
    levels = [goal.level for goal in parsed.goals]
    # "Inriktningsmål 1:" (bare) is KF's; "Enhetens åtagande:" is the unit level.
    assert levels == [
        GoalLevel.KF_INRIKTNINGSMAL,
        GoalLevel.NAMNDMAL,
        GoalLevel.ENHETSMAL,
        GoalLevel.NAMNDMAL,
        GoalLevel.ENHETSMAL,
        GoalLevel.KF_INRIKTNINGSMAL,
        GoalLevel.NAMNDMAL,
        GoalLevel.ENHETSMAL,
    ]
    # A heading that fills its line is not joined with the bold line under it.
    assert parsed.goals[3].title == "Stödet till barn och familjer är kunskapsbaserat"
    by_name = {item.name: item for item in parsed.indicators}
    # Every row of the banded tables, shaded or not, with its target and follow-up column.
    assert len(by_name) == 8
    assert by_name["Antal familjer som fått FFT"].arsmal == "30"
    assert by_name["Sjukfrånvaro dag 1–14, procent"].periodicitet == "Tertial"
    assert by_name["Genomsnittlig väntetid från uppdrag till start av insats, dagar"].goal_key == "g3"
    # "Klar" is the end date column.
    assert [str(a.end) for a in parsed.activities][:2] == ["2025-05-31", "2025-12-15"]
    # "4 Rutiner" after "3 Mål och åtaganden" ends the goal chain.
    routine = [
        s for s in parsed.sections if "4.1 Rutin när oro uppstår under en pågående insats" in s.heading_path
    ]
    assert routine and routine[0].goal_key is None
    assert "e-tjänsten" in routine[0].text


def test_running_header_in_the_margin_does_not_cut_paragraphs(tmp_path: Path) -> None:
    # A header set further right than the body text (into the margin) must not count as the
    # text's right edge: a wrapped line would then look ended short and its paragraph be cut.
    text = (
        "Familjen erbjuds ett första samtal inom tio arbetsdagar och en tillfällig kontakt med "
        "samordnaren om teamet inte kan ta emot den i tid, så att ingen familj står utan stöd "
        "medan den väntar på att insatsen ska starta och alla vet vem de kan ringa till."
    )

    def header(canvas: Any, _doc: Any) -> None:
        canvas.setFont("Helvetica", 9)
        canvas.drawRightString(A4[0] - 0.5 * cm, A4[1] - 1.2 * cm, "Familjebehandlingsenheten | Sida 1")

    out = tmp_path / "header.pdf"
    SimpleDocTemplate(str(out), pagesize=A4, rightMargin=4 * cm).build(
        [Paragraph(text, _BODY)], onFirstPage=header
    )
    lines = [line.text for line in read_pdf(out, out.name, out.read_bytes()).lines if line.text]
    assert text in lines
