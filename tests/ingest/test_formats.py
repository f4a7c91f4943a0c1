"""The same plan as .txt, pandoc .docx and LibreOffice .pdf gives the same structure (real tool chain)."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from config import Settings
from ingest.parser import parse
from ingest.pipeline import Pipeline
from ingest.readers import Line, ReadError, read_document
from ingest.report import Status
from knowledge.models import ParsedDocument
from tests.golden.regen import FORMAT_SAMPLES, FORMATS, format_golden_path, format_json, format_samples
from tests.support.render import (
    INDICATOR_HEADER,
    office_activity_rows,
    office_indicator_rows,
    office_plan_docx,
    soffice_pdf,
)

MAX = 50 * 1024 * 1024
CASES = [(prefix, fmt) for prefix in FORMAT_SAMPLES for fmt in FORMATS]


def _parsed(path: Path) -> ParsedDocument:
    return parse(read_document(path, MAX))


def _within(actual: int, expected: int) -> bool:
    return abs(actual - expected) <= 0.1 * expected


@pytest.mark.parametrize(("prefix", "fmt"), CASES, ids=[f"{p}-{f}" for p, f in CASES])
def test_rendered_sample_matches_golden(
    rendered_samples: dict[str, dict[str, Path]], prefix: str, fmt: str
) -> None:
    sample = next(path for path in format_samples() if path.name.startswith(prefix))
    expected = json.loads(format_golden_path(sample, fmt).read_text(encoding="utf-8"))
    actual = format_json(rendered_samples[prefix][fmt])
    for part in expected:
        assert actual[part] == expected[part], f"{sample.name} as .{fmt}: {part} differs (run regen.py?)"


@pytest.mark.parametrize(("prefix", "fmt"), CASES, ids=[f"{p}-{f}" for p, f in CASES])
def test_formats_give_the_same_structure(
    rendered_samples: dict[str, dict[str, Path]], prefix: str, fmt: str
) -> None:
    text, other = _parsed(rendered_samples[prefix]["txt"]), _parsed(rendered_samples[prefix][fmt])
    meta = {"type", "unit", "district", "year", "title"}
    assert other.meta.model_dump(include=meta) == text.meta.model_dump(include=meta)
    for part in ("goals", "indicators", "activities", "outcomes"):
        counts = len(getattr(other, part)), len(getattr(text, part))
        assert _within(*counts), f"{part}: .{fmt} {counts[0]}, .txt {counts[1]}"
    # Not only as many: the same rows, cell for cell.
    assert [(i.name, i.arsmal, i.kf_arsmal, i.periodicitet, i.goal_key) for i in other.indicators] == [
        (i.name, i.arsmal, i.kf_arsmal, i.periodicitet, i.goal_key) for i in text.indicators
    ]
    assert [(a.text, a.start, a.end, a.goal_key) for a in other.activities] == [
        (a.text, a.start, a.end, a.goal_key) for a in text.activities
    ]
    assert [(g.level, g.number, g.title, g.parent_key) for g in other.goals] == [
        (g.level, g.number, g.title, g.parent_key) for g in text.goals
    ]
    assert other.warnings == text.warnings


@pytest.mark.parametrize("prefix", FORMAT_SAMPLES)
@pytest.mark.parametrize("fmt", ["pdf", "ruled.pdf"])
def test_pdf_items_carry_their_pages(
    rendered_samples: dict[str, dict[str, Path]], prefix: str, fmt: str
) -> None:
    parsed = _parsed(rendered_samples[prefix][fmt])
    items = [*parsed.goals, *parsed.indicators, *parsed.activities, *parsed.sections]
    assert items and all(item.page is not None and item.page >= 1 for item in items)
    pages = [goal.page or 0 for goal in parsed.goals]
    assert pages == sorted(pages) and pages[-1] > pages[0]  # document order, spread over the pages


def test_target_and_date_answered_from_the_pdf_alone(
    rendered_samples: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    from knowledge.service import KnowledgeService

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf = shutil.copy(rendered_samples["000"]["pdf"], corpus / "plan-2023.pdf")
    settings = Settings(data_dir=tmp_path / "data", corpus_dirs=[corpus])
    pipeline = Pipeline(settings)
    try:
        report = pipeline.ingest([corpus])
    finally:
        pipeline.close()
    assert not report.failed, report.as_text()
    service = KnowledgeService(settings, today=lambda: dt.date(2023, 6, 15))

    answer = service.answer("Vad är årsmålet för förhandsbedömning av misstänkt FUT?")
    assert "75" in answer.answer, answer.answer
    cited = [c for c in answer.citations if c.source == Path(pdf).name]
    assert cited and all(c.page is not None for c in cited), answer.citations
    assert any(c.page == 12 for c in cited)  # the page the indicator table stands on in this export

    dates = service.answer("När slutar aktiviteten om försöks- och träningslägenheter?")
    assert "2023-08-31" in dates.answer or "31 augusti 2023" in dates.answer, dates.answer
    assert any(c.source == Path(pdf).name and c.page for c in dates.citations)


# --- a Word-template plan exported by LibreOffice: the PDF reader's hard cases ------------------------


@pytest.fixture(scope="module")
def office_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("office")
    return soffice_pdf(office_plan_docx(out / "faltenheten.docx"), out)


def _rows(lines: list[Line]) -> list[tuple[str, ...]]:
    return [line.cells for line in lines if line.cells is not None]


def test_wrapped_broken_and_hyphenated_cells_across_pages(office_pdf: Path) -> None:
    lines = read_document(office_pdf, MAX).lines
    rows = _rows(lines)
    indicator_rows = [row for row in rows if len(row) == 4]
    # One header (the copies repeated on every page are dropped), then every row whole, in order:
    # rows split by a page break are joined, the too-long word and the soft hyphen leave no gap.
    assert indicator_rows == [INDICATOR_HEADER, *office_indicator_rows()]
    pages = {line.page for line in lines if line.cells is not None and len(line.cells) == 4}
    assert len(pages) >= 4  # the table really runs over several pages


def test_merged_cells_landscape_page_headings_and_furniture(office_pdf: Path) -> None:
    lines = read_document(office_pdf, MAX).lines
    rows = _rows(lines)
    # The landscape section's table, under its merged caption cell.
    assert ("Aktiviteter för 2024", "", "") in rows
    assert [row for row in rows if len(row) == 3][1:] == [
        ("Aktivitet", "Startdatum", "Slutdatum"),
        *office_activity_rows(),
    ]
    headings = {line.text: line.heading for line in lines if line.heading}
    assert headings["1 Inledning"] == 1
    assert headings["3.2 Stöd till unga"] == 2
    assert headings["3.2.1 Uppsökande arbete"] == 3
    texts = [line.text for line in lines]
    assert not any(text.startswith("Sida ") for text in texts)
    assert "Verksamhetsplan 2024 – Fältenheten" not in texts  # running header, portrait and landscape
    assert all(line.page is not None for line in lines)


def test_office_plan_parses_to_indicators_and_activities(office_pdf: Path) -> None:
    parsed = _parsed(office_pdf)
    assert (parsed.meta.unit, parsed.meta.district, parsed.meta.year) == ("Fältenheten", "Norrmalm", 2024)
    assert [i.name for i in parsed.indicators] == [row[0] for row in office_indicator_rows()]
    assert [a.text for a in parsed.activities] == [row[0] for row in office_activity_rows()]
    assert all(a.page is not None and a.page > 1 for a in parsed.activities)


# --- a scanned plan: pages that are images -------------------------------------------------------------


def _scan(out: Path, stamp: str | None = None) -> Path:
    """A PDF the way a scanner writes it: each page one picture of printed text (plus an optional stamp)."""
    pages = []
    for number in (1, 2):
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        for row in range(30):
            draw.text((120, 150 + row * 45), f"Verksamhetsplan 2024 rad {row} sida {number}", fill=0)
        pages.append(image)
    pages[0].save(out, "PDF", resolution=150.0, save_all=True, append_images=pages[1:])
    if stamp is None:
        return out
    writer = PdfWriter(clone_from=PdfReader(out))
    for page in writer.pages:
        buffer = io.BytesIO()
        overlay = canvas.Canvas(buffer, pagesize=(float(page.mediabox.width), float(page.mediabox.height)))
        overlay.setFont("Helvetica", 6)
        overlay.drawString(20, 10, stamp)
        overlay.save()
        page.merge_page(PdfReader(buffer).pages[0])
    with out.open("wb") as handle:
        writer.write(handle)
    return out


@pytest.mark.parametrize(
    "stamp", [None, "Skannad 2024-03-01 10:14 av KM-C3350"], ids=["image-only", "stamped"]
)
def test_scanned_pdf_gets_a_clear_swedish_message(tmp_path: Path, stamp: str | None) -> None:
    path = _scan(tmp_path / "skannad-plan.pdf", stamp)
    with pytest.raises(ReadError) as caught:
        read_document(path, MAX)
    message = str(caught.value)
    assert message.startswith("skannad-plan.pdf: ")
    assert "saknar textlager" in message and "inskannad" in message
    assert "exportera originalet" in message and "OCR" in message  # what to do


def test_scanned_pdf_fails_alone_in_the_ingest_report(
    tmp_path: Path, rendered_samples: dict[str, dict[str, Path]]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(rendered_samples["002"]["docx"], corpus / "plan.docx")
    _scan(corpus / "skannad-plan.pdf")
    pipeline = Pipeline(Settings(data_dir=tmp_path / "data", corpus_dirs=[corpus]))
    try:
        report = pipeline.ingest([corpus])
    finally:
        pipeline.close()
    by_source = {row.source: row for row in report.rows}
    assert by_source["plan.docx"].status is Status.NEW
    assert by_source["skannad-plan.pdf"].status is Status.FAILED
    assert "saknar textlager" in (by_source["skannad-plan.pdf"].error or "")
    assert "skannad-plan.pdf" in report.as_text()


def test_landscape_page_drawn_sideways_and_turned_by_rotate(office_pdf: Path, tmp_path: Path) -> None:
    # Some tools keep a landscape page portrait, draw its content sideways and set /Rotate 90.
    writer = PdfWriter(clone_from=PdfReader(office_pdf))
    page = writer.pages[6]
    assert page.mediabox.width > page.mediabox.height  # the landscape section's page
    page.rotate(270)
    page.transfer_rotation_to_content()
    page.rotate(90)
    turned = tmp_path / "vriden.pdf"
    with turned.open("wb") as handle:
        writer.write(handle)
    rows = [line.cells for line in read_document(turned, MAX).lines if line.cells and line.page == 7]
    assert rows == [("Aktivitet", "Startdatum", "Slutdatum"), *office_activity_rows()]
