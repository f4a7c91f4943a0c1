"""Render `Line`s (as read from a sample .txt) into real PDF and DOCX files for reader and parser tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ingest.readers.base import Line

# Helvetica is one of the PDF base fonts, encoded as WinAnsi (cp1252): å, ä, ö, é and – are
# covered, so no font file is needed. Characters outside cp1252 (the samples have "♀") would
# render as boxes, so `pdf_safe` drops them and tests compare against `pdf_safe(expected)`.
_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=6)
_LIST = ParagraphStyle("list", parent=_BODY, spaceAfter=1)
_BOLD = ParagraphStyle("bold", parent=_BODY, fontName="Helvetica-Bold")
_CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
_HEADING_SIZES = {1: 18, 2: 15, 3: 13}
_PAGE_BREAK_EVERY = 3  # level 1-2 headings between forced page breaks
_WIDTH = A4[0] - 4 * cm


def pdf_safe(text: str) -> str:
    """The text as the rendered PDF can show it: without characters Helvetica (cp1252) lacks."""
    kept = []
    for char in text:
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            continue
        kept.append(char)
    return " ".join("".join(kept).split())


def _heading_style(level: int) -> ParagraphStyle:
    size = _HEADING_SIZES.get(level, 12)
    return ParagraphStyle(
        f"h{level}", fontName="Helvetica-Bold", fontSize=size, leading=size * 1.2, spaceBefore=8, spaceAfter=6
    )


def _table(rows: list[tuple[str, ...]]) -> Table:
    width = max(len(row) for row in rows)
    data = [
        [Paragraph(escape(pdf_safe(cell)), _CELL) for cell in row] + [""] * (width - len(row)) for row in rows
    ]
    # The first column holds the long names (indicators, activities); the rest are short values.
    first = _WIDTH * (0.5 if width > 1 else 1.0)
    widths = [first] + [(_WIDTH - first) / (width - 1)] * (width - 1) if width > 1 else [first]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ]
        )
    )
    return table


def render_pdf(lines: list[Line], out: Path) -> Path:
    """Render lines as a multi-page A4 PDF.

    Headings become larger bold paragraphs, emphasised lines bold paragraphs, other lines
    paragraphs, and runs of table-row Lines one gridded table (so pdfplumber finds it by its
    ruling lines, header row repeated on each page). Every third level 1-2 heading starts a
    new page, so the document spans several pages even when it is short.

    Args:
        lines: Lines as `read_text` returns them.
        out: The PDF to write.

    Returns:
        `out`.
    """
    story: list[Flowable] = []
    rows: list[tuple[str, ...]] = []
    major = 0
    for index, line in enumerate(lines):
        if line.cells is not None:
            rows.append(line.cells)
            continue
        if rows:
            # Space after a table: two touching grids would be read back as one table.
            story.extend([_table(rows), Spacer(1, 8)])
            rows = []
        text = escape(pdf_safe(line.text))
        if not text:
            continue
        if line.heading is not None:
            if line.heading <= 2:
                major += 1
                if major > 1 and major % _PAGE_BREAK_EVERY == 0:
                    story.append(PageBreak())
            story.append(Paragraph(text, _heading_style(line.heading)))
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        # Consecutive lines (list items) stay close, so the reader keeps them in one block.
        in_list = following is not None and bool(following.text) and following.cells is None
        style = _BOLD if line.emphasis else _LIST if in_list else _BODY
        story.append(Paragraph(text, style))
    if rows:
        story.append(_table(rows))
    document = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm
    )
    document.build(story)
    return out


def render_docx(lines: list[Line], out: Path) -> Path:
    """Render lines as a .docx: headings with `add_heading`, table-row runs with `add_table`.

    A Line's heading level is kept; emphasised lines become level-2 headings; other lines
    are plain paragraphs; blank lines are dropped (Word separates paragraphs by spacing).

    Args:
        lines: Lines as `read_text` returns them.
        out: The .docx to write.

    Returns:
        `out`.
    """
    document = docx.Document()
    rows: list[tuple[str, ...]] = []

    def flush_table() -> None:
        if not rows:
            return
        width = max(len(row) for row in rows)
        table = document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                cell.text = value
        rows.clear()

    for line in lines:
        if line.cells is not None:
            rows.append(line.cells)
            continue
        flush_table()
        if not line.text:
            continue
        if line.heading is not None:
            document.add_heading(line.text, level=min(line.heading, 9))
        elif line.emphasis:
            document.add_heading(line.text, level=2)
        else:
            document.add_paragraph(line.text)
    flush_table()
    document.save(str(out))
    return out


# --- a real tool chain: pandoc for .docx, LibreOffice for .pdf ------------------------------------------


def _md_escape(text: str) -> str:
    """Text safe as Markdown: characters pandoc would read as markup are escaped."""
    text = re.sub(r"([\\`*_{}\[\]<>#|$^~])", r"\\\1", text)
    # A line starting "1. " would become a numbered list and lose its number in Word.
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def to_markdown(lines: list[Line]) -> str:
    """Pandoc Markdown for lines as `read_text` returns them.

    Headings keep their level (`#`), emphasised lines are bold paragraphs, list items ("- x")
    stay list items, and runs of table-row Lines become pipe tables whose first row is the
    header. Pandoc gives pipe tables with long cells relative column widths, so Word and
    LibreOffice wrap the cells over several lines as a real plan does.

    Args:
        lines: Lines as `read_text` returns them.

    Returns:
        The Markdown text.
    """
    out: list[str] = []
    rows: list[tuple[str, ...]] = []

    def flush_table() -> None:
        if not rows:
            return
        width = max(len(row) for row in rows)
        padded = [[_md_escape(cell.strip()) for cell in row] + [""] * (width - len(row)) for row in rows]
        # The name column is long; the dashes' proportions set the column widths.
        dashes = ["-" * 40] + ["-" * 12] * (width - 1)
        out.append("")
        out.append("| " + " | ".join(padded[0]) + " |")
        out.append("|" + "|".join(dashes) + "|")
        out.extend("| " + " | ".join(row) + " |" for row in padded[1:])
        out.append("")
        rows.clear()

    for line in lines:
        if line.cells is not None:
            if line.text.strip():
                rows.append(line.cells)
            continue
        flush_table()
        text = line.text.strip()
        if not text:
            out.append("")
            continue
        if line.heading is not None:
            out.extend(["", "#" * min(line.heading, 6) + " " + _md_escape(text), ""])
        elif re.match(r"^[-•]\s+", text):
            out.append("- " + _md_escape(re.sub(r"^[-•]\s+", "", text)))
        elif line.emphasis:
            out.extend(["", "**" + _md_escape(text) + "**", ""])
        else:
            out.extend(["", _md_escape(text), ""])
    flush_table()
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


# Smart quotes off: pandoc would turn the text's "x" into “x” and the formats would differ in the text.
_PANDOC = ["pandoc", "--from", "markdown-auto_identifiers-smart", "--to", "docx"]


def pandoc_docx(lines: list[Line], out: Path) -> Path:
    """Render lines to .docx with pandoc (heading styles, real Word tables).

    Args:
        lines: Lines as `read_text` returns them.
        out: The .docx to write.

    Returns:
        `out`.
    """
    markdown = out.with_suffix(".md")
    markdown.write_text(to_markdown(lines), encoding="utf-8")
    subprocess.run(
        [*_PANDOC, "-o", str(out), str(markdown)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


def soffice_pdf(document: Path, out_dir: Path) -> Path:
    """Export a .docx to PDF with LibreOffice, as a unit does when it publishes its plan.

    A private user profile per call keeps parallel runs from colliding on LibreOffice's lock.

    Args:
        document: The .docx (or .odt) to export.
        out_dir: Where the PDF goes (named like the document).

    Returns:
        The PDF's path.
    """
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(document),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / (document.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {document}")
    return pdf


def word_field(paragraph: Any, instruction: str) -> None:
    """Appends a Word field ("PAGE", "NUMPAGES") that LibreOffice fills in when it exports the PDF."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.text = text
        run._r.append(element)


def _repeat_as_header(row: Any) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


LONG_WORD = "Förhandsbedömningsutredningarnaskvalitetsgranskning"
SOFT_HYPHENATED = "Andel ärenden med förhandsbedöm\u00adning inom tid"


def office_plan_docx(out: Path, rows: int = 40) -> Path:
    """A plan the way Word templates lay it out, for the PDF reader's hard cases.

    A running header and a "Sida N" footer on every page; numbered headings on three levels
    (heading styles); a ruled indicator table with a narrow name column, so names wrap over
    several lines, one word is too long for the column and one breaks at a soft hyphen, running
    over several pages with its header row repeated; then a landscape section with an activity
    table under a merged caption cell.

    Args:
        out: The .docx to write.
        rows: Indicator rows (enough to span pages).

    Returns:
        `out`.
    """
    document = docx.Document()
    portrait = document.sections[0]
    portrait.header.paragraphs[0].text = "Verksamhetsplan 2024 – Fältenheten"
    footer = portrait.footer.paragraphs[0]
    footer.text = "Sida "
    word_field(footer, "PAGE")
    document.add_heading("Verksamhetsplan 2024 för Fältenheten", 0)
    document.add_paragraph("Norrmalms stadsdelsförvaltning")
    document.add_heading("1 Inledning", 1)
    document.add_paragraph(
        "Fältenheten arbetar uppsökande med unga i stadsdelen och samverkar med skolan. " * 4
    )
    document.add_heading("3.2 Stöd till unga", 2)
    document.add_heading("3.2.1 Uppsökande arbete", 3)
    document.add_paragraph("Nämndmål: Unga i Norrmalm är trygga")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, INDICATOR_HEADER, strict=True):
        cell.text = text
    _repeat_as_header(table.rows[0])
    for values in office_indicator_rows(rows):
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text.replace(SOFT_HYPHENATED.replace("\u00ad", ""), SOFT_HYPHENATED)
    for row in table.rows:
        for cell in row.cells:
            cell.width = Cm(3.0)
    document.add_paragraph("Aktiviteterna följer i bilagan.")
    landscape = document.add_section()
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = portrait.page_height, portrait.page_width
    document.add_heading("Aktiviteter", 2)
    activities = document.add_table(rows=2, cols=3)
    activities.style = "Table Grid"
    activities.cell(0, 0).merge(activities.cell(0, 2)).text = "Aktiviteter för 2024"
    for cell, text in zip(activities.rows[1].cells, ("Aktivitet", "Startdatum", "Slutdatum"), strict=True):
        cell.text = text
    for values in office_activity_rows():
        for cell, text in zip(activities.add_row().cells, values, strict=True):
            cell.text = text
    document.save(str(out))
    return out


INDICATOR_HEADER = ("Indikator", "Årsmål", "KF:s årsmål", "Periodicitet")


def office_indicator_rows(rows: int = 40) -> list[tuple[str, str, str, str]]:
    """The indicator rows `office_plan_docx` writes, as the reader should give them back."""
    names = [
        f"Andel unga i insats nummer {i} som fått stöd inom tre månader efter första kontakten"
        for i in range(1, rows + 1)
    ]
    names[3] = LONG_WORD
    names[5] = SOFT_HYPHENATED.replace("\u00ad", "")
    return [(name, f"{50 + i} %", "Tas fram av nämnd", "Tertial") for i, name in enumerate(names)]


def office_activity_rows() -> list[tuple[str, str, str]]:
    """The activity rows `office_plan_docx` writes."""
    return [
        (
            f"Fältassistenterna genomför trygghetsvandring {i} med polisen och föreningarna i området",
            "2024-01-01",
            "2024-06-30",
        )
        for i in (1, 2, 3)
    ]


def docx_fixture_pdf(build_docx: Callable[[Path], Path], out: Path) -> Path:
    """Build a fixture's .docx in a temporary folder and export it to `out` with LibreOffice.

    Args:
        build_docx: Writes the .docx to the path it is given and returns that path.
        out: Where the PDF fixture goes.

    Returns:
        `out`.
    """
    with tempfile.TemporaryDirectory() as tmp:
        source = build_docx(Path(tmp) / out.with_suffix(".docx").name)
        pdf = soffice_pdf(source, Path(tmp))
        shutil.copyfile(pdf, out)
    return out


def shade_cell(cell: Any, fill: str) -> None:
    """Give a python-docx table cell a background colour (hex RGB such as "D9E2F3")."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


@dataclass(frozen=True)
class Block:
    """One piece of an unseen fixture's document, written by that fixture's builder.

    `kind` says what it is (title, p, h1, table, bullets, page, … as each builder reads it),
    `text` its text, `rows` its table rows or list items, `style` a table style where the
    builder distinguishes them.
    """

    kind: str
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    style: str = ""


def add_plain_block(document: Any, block: Block) -> bool:
    """Write a block of a kind every fixture builder writes alike; False for any other kind.

    title (heading 0), h1–h3 (headings), p (a paragraph), bullets (one "List Bullet" paragraph
    per row) and page (a page break). Each builder writes its own kinds (tables, boxes,
    numbered steps, captions) itself.
    """
    if block.kind == "title":
        document.add_heading(block.text, 0)
    elif block.kind in ("h1", "h2", "h3"):
        document.add_heading(block.text, int(block.kind[1]))
    elif block.kind == "p":
        document.add_paragraph(block.text)
    elif block.kind == "bullets":
        for (item,) in block.rows:
            document.add_paragraph(item, style="List Bullet")
    elif block.kind == "page":
        document.add_page_break()
    else:
        return False
    return True


def running_header(section: Any, header: str, footer: str, text_width: float = 16.0) -> None:
    """A section's page furniture as unit templates set it, in 8 pt.

    Args:
        section: A python-docx section; its margins become 2.5 cm.
        header: The header line; "{PAGE}" and "{NUMPAGES}" in it become Word fields, and a tab
            right-aligns what follows it at the text's right edge.
        footer: The footer line, centred.
        text_width: Centimetres between the margins.
    """
    section.left_margin = section.right_margin = Cm(2.5)
    paragraph = section.header.paragraphs[0]
    for part in re.split(r"(\{PAGE\}|\{NUMPAGES\})", header):
        if part in ("{PAGE}", "{NUMPAGES}"):
            word_field(paragraph, part[1:-1])
        elif part:
            paragraph.add_run(part)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(text_width), WD_TAB_ALIGNMENT.RIGHT)
    for run in paragraph.runs:
        run.font.size = Pt(8)
    bottom = section.footer.paragraphs[0]
    bottom.text = footer
    bottom.alignment = WD_ALIGN_PARAGRAPH.CENTER
    bottom.runs[0].font.size = Pt(8)
