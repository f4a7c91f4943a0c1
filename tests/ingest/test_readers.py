"""Readers: text, PDF and DOCX read back into the same Lines; every failure a Swedish ReadError."""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.readers import SUPPORTED, Line, ReadError, find_documents, read_document, read_text
from tests.support.render import pdf_safe, render_docx, render_pdf

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "000_91cd92b543baabdb.txt"
MAX = 50 * 1024 * 1024
_SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(?:och|inte|filen|igen)\b")


def _sample_lines() -> list[Line]:
    return read_text(SAMPLE, SAMPLE.name, SAMPLE.read_bytes()).lines


def _table_rows(lines: list[Line], header: str) -> set[tuple[str, ...]]:
    """Data rows of every table whose header row starts with `header` (repeated headers skipped)."""
    rows: set[tuple[str, ...]] = set()
    current = None
    for line in lines:
        if line.cells is None:
            current = None
            continue
        first = line.cells[0]
        if first in {"Indikator", "Aktivitet"}:
            current = first
            continue
        if current == header:
            rows.add(line.cells)
    return rows


def _indicators(lines: list[Line], clean: bool = False) -> set[tuple[str, str]]:
    fix = pdf_safe if clean else (lambda text: text)
    return {(fix(row[0]), row[1]) for row in _table_rows(lines, "Indikator")}


def _activities(lines: list[Line]) -> set[tuple[str, str, str]]:
    return {(pdf_safe(row[0]), row[1], row[2]) for row in _table_rows(lines, "Aktivitet")}


def _assert_swedish_error(error: ReadError, name: str) -> None:
    assert name in str(error)
    assert error.source == name
    assert _SWEDISH.search(error.message), error.message


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_pdf(_sample_lines(), tmp_path_factory.mktemp("pdf") / "plan.pdf")


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_docx(_sample_lines(), tmp_path_factory.mktemp("docx") / "plan.docx")


# --- text -----------------------------------------------------------------------------------------


def test_text_reader_headings_cells_and_tags() -> None:
    lines = _sample_lines()
    headings = {line.text: line.heading for line in lines if line.heading}
    assert headings["Verksamhetsplan 2023"] == 2
    assert headings["Inledning"] == 2
    assert ("Indikator", "Årsmål", "KF:s årsmål år 2023", "Periodicitet") in {line.cells for line in lines}
    toc = next(line for line in lines if line.cells and line.cells[0].startswith("Inledning"))
    assert toc.cells == ("Inledning .....", "3")
    assert not any("<b>" in line.text or "**" in line.text for line in lines)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_windows_encodings_decode_swedish_letters(tmp_path: Path, encoding: str) -> None:
    text = "# Rutin för åtgärder\nÄldreomsorgen ska öka andelen nöjda brukare.\nÅrsmål\t85 %\n"
    path = tmp_path / "rutin.txt"
    path.write_bytes(text.encode(encoding))
    document = read_document(path, MAX)
    assert [line.text for line in document.lines[:2]] == [
        "Rutin för åtgärder",
        "Äldreomsorgen ska öka andelen nöjda brukare.",
    ]
    assert document.lines[2].cells == ("Årsmål", "85 %")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_read_not_rejected_as_binary(tmp_path: Path, encoding: str) -> None:
    # Notepad's "Unicode" is UTF-16 LE with a byte order mark ("utf-16" writes one).
    text = "# Rutin för åtgärder\r\nÄldreomsorgen ska öka andelen nöjda brukare.\r\nÅrsmål\t85 %\r\n"
    path = tmp_path / "rutin.txt"
    path.write_bytes(text.encode(encoding))
    document = read_document(path, MAX)
    assert [line.text for line in document.lines[:2]] == [
        "Rutin för åtgärder",
        "Äldreomsorgen ska öka andelen nöjda brukare.",
    ]
    assert document.lines[2].cells == ("Årsmål", "85 %")


def test_binary_with_nul_bytes_is_still_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bild.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(ReadError, match="binär"):
        read_document(path, MAX)


# --- PDF ------------------------------------------------------------------------------------------


def test_pdf_tables_come_back_as_cells(sample_pdf: Path) -> None:
    expected = _sample_lines()
    document = read_document(sample_pdf, MAX)
    assert document.fmt == "pdf"
    assert _indicators(document.lines) == _indicators(expected, clean=True)
    assert _activities(document.lines) == _activities(expected)
    assert len(_indicators(expected)) >= 10
    assert ("Sjukfrånvaro dag 1-14", "3,5 %") in _indicators(document.lines)


def test_pdf_pages_headings_and_paragraphs(sample_pdf: Path) -> None:
    document = read_document(sample_pdf, MAX)
    pages = [line.page or 0 for line in document.lines]
    assert all(page >= 1 for page in pages)
    assert pages == sorted(pages)
    assert max(pages) > 1
    headings = {line.text for line in document.lines if line.heading}
    assert {"Verksamhetsplan 2023", "Inledning", "Uppföljning"} <= headings
    # Wrapped lines are joined back into the paragraph the text version has.
    paragraph = next(line.text for line in _sample_lines() if line.text.startswith("Enheten för ekonomiskt"))
    assert paragraph in {line.text for line in document.lines}


def test_pdf_running_header_and_page_numbers_dropped(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, 5):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(60, A4[1] - 30, "Hägersten-Älvsjö stadsdelsförvaltning")
        pdf.drawString(280, 25, f"Sida {number} av 4")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(60, 600, f"Brödtext på sidan {number} om kvalitetsarbete.")
        pdf.showPage()
    pdf.save()
    document = read_document(path, MAX)
    texts = [line.text for line in document.lines if line.text]
    assert texts == [f"Brödtext på sidan {n} om kvalitetsarbete." for n in range(1, 5)]
    assert [line.page for line in document.lines if line.text] == [1, 2, 3, 4]


# --- DOCX -----------------------------------------------------------------------------------------


def test_docx_tables_and_headings(sample_docx: Path) -> None:
    expected = _sample_lines()
    document = read_document(sample_docx, MAX)
    assert document.fmt == "docx"
    assert _indicators(document.lines) == _indicators(expected)
    assert _activities(document.lines) == _activities(expected)
    assert all(line.page is None for line in document.lines)
    # The text's heading levels survive; its emphasised lines were rendered as level-2 headings.
    headings = [(line.text, line.heading) for line in document.lines if line.heading]
    assert headings == [
        (line.text, line.heading or 2) for line in expected if line.heading or (line.emphasis and line.text)
    ]


def test_docx_order_styles_emphasis_and_merged_cells(tmp_path: Path) -> None:
    word = docx.Document()
    word.styles.add_style("Rubrik 1", WD_STYLE_TYPE.PARAGRAPH)
    word.add_paragraph("Verksamhetsplan 2024", style="Title")
    word.add_paragraph("Inledning", style="Rubrik 1")
    word.add_paragraph("Text före tabellen.")
    table = word.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Sammanslagen rubrik"
    table.cell(0, 2).text = "Årsmål"
    for cell, value in zip(table.rows[1].cells, ["Andel nöjda", "80 %", "År"], strict=True):
        cell.text = value
    word.add_paragraph().add_run("Enhetsmål: Alla får stöd").bold = True
    word.add_paragraph("Adressrad ett\tmed tabb")
    path = tmp_path / "plan.docx"
    word.save(str(path))

    lines = [line for line in read_document(path, MAX).lines if line.text]
    assert [(line.text, line.heading) for line in lines[:3]] == [
        ("Verksamhetsplan 2024", 1),
        ("Inledning", 1),
        ("Text före tabellen.", None),
    ]
    assert lines[3].cells == ("Sammanslagen rubrik", "Årsmål")
    assert lines[4].cells == ("Andel nöjda", "80 %", "År")
    assert lines[5].text == "Enhetsmål: Alla får stöd" and lines[5].emphasis and lines[5].heading is None
    assert lines[6].text == "Adressrad ett med tabb" and lines[6].cells is None


# --- errors ---------------------------------------------------------------------------------------


def _encrypted_pdf(tmp_path: Path) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(render_pdf([Line(text="Hemlig rutin")], tmp_path / "plain.pdf")))
    writer.encrypt("hemligt")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _scanned_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.rect(50, 50, 400, 600, fill=1)  # stands in for a scanned image: marks on the page, no text
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "inte ett Word-dokument")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("tom.txt", b"", "tom"),
        ("tom.pdf", b"", "tom"),
        ("blanksteg.txt", b"  \n\n ", "tom"),
        ("trasig.pdf", os.urandom(4000), "PDF"),
        ("trasig-med-huvud.pdf", b"%PDF-1.7\n" + os.urandom(4000), "skadad"),
        ("trasig.docx", os.urandom(4000), ".docx"),
        ("zip.docx", _zip_without_word(), ".docx"),
        ("gammal.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), ".doc"),
        ("inskannad.pdf", _scanned_pdf(), "saknar textlager"),
        ("tabell.xls", b"\xd0\xcf\x11\xe0 not really", "stöds inte"),
    ],
)
def test_unreadable_files_raise_swedish_read_error(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as caught:
        read_document(path, MAX)
    _assert_swedish_error(caught.value, name)
    assert fragment in caught.value.message


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "skyddad.pdf"
    path.write_bytes(_encrypted_pdf(tmp_path))
    with pytest.raises(ReadError) as caught:
        read_document(path, MAX)
    _assert_swedish_error(caught.value, "skyddad.pdf")
    assert "lösenordsskyddad" in caught.value.message


def test_unsupported_format_names_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "budget.xls"
    path.write_bytes(b"x")
    with pytest.raises(ReadError) as caught:
        read_document(path, MAX)
    assert all(ext in caught.value.message for ext in SUPPORTED)


def test_oversized_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "stor.txt"
    path.write_bytes(b"Rad\n" * 1000)
    with pytest.raises(ReadError) as caught:
        read_document(path, max_bytes=100)
    _assert_swedish_error(caught.value, "stor.txt")
    assert "för stor" in caught.value.message and "PLANBOT_MAX_FILE_MB" in caught.value.message
    with pytest.raises(ReadError) as missing:
        read_document(tmp_path / "saknas.pdf", MAX)
    _assert_swedish_error(missing.value, "saknas.pdf")


def test_source_name_and_content_hash(tmp_path: Path, sample_pdf: Path, sample_docx: Path) -> None:
    for path in (SAMPLE, sample_pdf, sample_docx):
        document = read_document(path, MAX, source=f"mapp/{path.name}")
        assert document.source == f"mapp/{path.name}"
        assert document.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


# --- finding documents ----------------------------------------------------------------------------


def test_find_documents_recurses_sorted_and_skips(tmp_path: Path) -> None:
    root = tmp_path / "dokument"
    for relative in [
        "b/plan.docx",
        "a/rutin.txt",
        "a/rutin.txt.meta.json",
        "a/rapport.PDF",
        "a/rapport.PDF.meta.json",
        "a/.dold.txt",
        ".git/intern.txt",
        "a/budget.xls",
        "c/anteckning.md",
    ]:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("x", encoding="utf-8")
    explicit = tmp_path / "lös.xls"
    explicit.write_text("x", encoding="utf-8")

    found = find_documents([root, explicit, root / "a" / "rutin.txt"])
    assert [path.relative_to(tmp_path).as_posix() for path in found] == [
        "dokument/a/rapport.PDF",
        "dokument/a/rutin.txt",
        "dokument/b/plan.docx",
        "dokument/c/anteckning.md",
        "lös.xls",  # given explicitly: kept, so reading it reports the unsupported format
    ]
