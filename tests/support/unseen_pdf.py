"""An unseen fixture that goes through the real PDF path: a Word document exported by LibreOffice.

`tests/fixtures/unseen/vp2025_familjebehandling_kungsholmen.pdf` is made by this module: the
content below (invented, in the shape a unit's own Word template gives a plan) is written as a
.docx with python-docx and exported to PDF with LibreOffice, as a unit publishes its plan. The
layout differs from the samples and from the other unseen fixtures on purpose:

- a cover page with the title in Word's Title style and a shaded fact box (a two-column table
  without header: chief, address, telephone, staff, budget);
- running header and "Sida N (M)" footer on every page;
- headings numbered in their text ("3.1.2 Nämndmål 1.4: …") and the unit level named
  "Enhetens åtagande" instead of "Enhetsmål", the working method under "Så här gör vi";
- a goal-chain overview table (Inriktningsmål | Nämndmål | Enhetens åtagande);
- indicator tables in a Word style without vertical rules, with the columns Utfall 2024 |
  Målvärde 2025 | Nämndens målvärde | Följs upp; activity tables with a responsible column;
- routines as typed numbered steps; a budget table in tkr; an abbreviation table as appendix.

`source_text()` is the document's text (paragraphs as lines, table rows as cells joined by
" | "), which the question set's evidence is checked against. Rebuild the PDF with
`python -m tests.support.unseen_pdf` (needs LibreOffice); commit the PDF, not the .docx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from tests.support.render import Block, add_plain_block, docx_fixture_pdf, shade_cell, word_field

NAME = "vp2025_familjebehandling_kungsholmen.pdf"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / NAME
HEADER = "Kungsholmens stadsdelsförvaltning | Familjebehandlingsenheten"
FOOTER = "Verksamhetsplan 2025"


def _t(style: str, *rows: tuple[str, ...]) -> Block:
    return Block("table", rows=rows, style=style)


_GRID = "Table Grid"
_TEXT_WIDTH = 16.0  # cm between the margins
# Horizontal rules only, shaded header: what many units' Word templates use for indicators.
_SHADED = "Light Shading Accent 1"
_INDICATOR_HEAD = ("Indikator", "Utfall 2024", "Målvärde 2025", "Nämndens målvärde", "Följs upp")
_ACTIVITY_HEAD = ("Aktivitet", "Ansvarig", "Start", "Klar")

CONTENT: tuple[Block, ...] = (
    Block("title", "Verksamhetsplan 2025"),
    Block("p", "Familjebehandlingsenheten"),
    Block("p", "Avdelningen barn och unga, Kungsholmens stadsdelsförvaltning"),
    Block(
        "box",
        rows=(
            ("Enhetschef", "Maria Lindqvist"),
            ("Besöksadress", "Sankt Eriksgatan 119, 113 43 Stockholm"),
            ("Telefon", "08-508 09 470"),
            ("Antal medarbetare", "26, varav 19 familjebehandlare"),
            ("Budget 2025", "23,8 mnkr"),
            ("Fastställd", "2025-01-24"),
        ),
    ),
    Block("page"),
    Block("h1", "1 Inledning"),
    Block(
        "p",
        "Verksamhetsplanen beskriver hur Familjebehandlingsenheten ska bidra till stadens och nämndens mål "
        "under 2025. Planen har tagits fram av ledningsgruppen tillsammans med medarbetarna på en "
        "planeringsdag i november 2024.",
    ),
    Block(
        "p",
        "Under 2025 prioriterar vi tre områden: kortare väntetid till första samtal, fler familjer som får "
        "funktionell familjeterapi (FFT) och en trygg arbetsmiljö efter flytten till nya lokaler i mars.",
    ),
    Block("h1", "2 Om enheten"),
    Block("h2", "2.1 Uppdrag och målgrupp"),
    Block(
        "p",
        "Enheten ger stöd till familjer med barn och unga 0–20 år som bor på Kungsholmen. Stödet ges dels på "
        "uppdrag av utredningsgruppen som bistånd, dels som öppna insatser utan biståndsbeslut där familjen "
        "själv tar kontakt.",
    ),
    Block(
        "p",
        "Under 2024 fick 312 familjer stöd av enheten, varav 118 genom öppna insatser. De vanligaste "
        "skälen var konflikter i familjen, oro för barnets skolgång och föräldrar som behöver stöd i "
        "föräldraskapet.",
    ),
    Block("h2", "2.2 Organisation"),
    Block(
        "p",
        "Enheten består av tre team: Team Små barn (0–6 år), Team Skolbarn (7–12 år) och Team Tonår "
        "(13–20 år). Varje team leds av en samordnare som fördelar nya uppdrag och ger ärendehandledning. "
        "Enheten har också en metodutvecklare och en administratör.",
    ),
    Block(
        "p",
        "Familjer och samarbetspartner når enheten på mottagningstelefonen 08-508 09 475, som är bemannad "
        "vardagar klockan 9–11. Övrig tid går det att lämna meddelande.",
    ),
    Block("h2", "2.3 Medarbetare"),
    Block(
        "p",
        "Arbetsplatsträff (APT) hålls den första tisdagen i varje månad. Varje team har extern "
        "processhandledning varannan vecka. Nyanställda får en introduktionsplan och en mentor bland de "
        "erfarna familjebehandlarna under de första sex månaderna.",
    ),
    Block("page"),
    Block("h1", "3 Mål och åtaganden 2025"),
    Block(
        "p",
        "Kommunfullmäktiges inriktningsmål bryts ned i nämndens mål och i enhetens åtaganden. Tabellen ger "
        "en översikt. Därefter beskrivs varje åtagande med indikatorer och aktiviteter.",
    ),
    _t(
        _GRID,
        ("Inriktningsmål", "Nämndmål", "Enhetens åtagande"),
        (
            "1. Ett Stockholm som håller ihop",
            "1.3 Barn och unga har en trygg uppväxt",
            "Familjer får rätt stöd i rätt tid",
        ),
        (
            "1. Ett Stockholm som håller ihop",
            "1.4 Stödet till barn och familjer är kunskapsbaserat",
            "Våra insatser bygger på bästa tillgängliga kunskap",
        ),
        (
            "3. Ett Stockholm med attraktiva arbetsplatser",
            "3.1 Nämnden är en attraktiv arbetsgivare",
            "Medarbetarna trivs och vill stanna hos oss",
        ),
    ),
    Block("h2", "3.1 Inriktningsmål 1: Ett Stockholm som håller ihop"),
    Block("h3", "3.1.1 Nämndmål 1.3: Barn och unga har en trygg uppväxt"),
    Block("bold", "Enhetens åtagande: Familjer får rätt stöd i rätt tid"),
    Block(
        "p",
        "Familjer ska inte behöva vänta på att stödet börjar. Under 2024 väntade familjerna i genomsnitt 23 "
        "dagar från att uppdraget kom in till att insatsen startade, och väntan var längst i Team Tonår.",
    ),
    Block("bold", "Så här gör vi"),
    Block(
        "p",
        "Nya uppdrag fördelas på teamens gemensamma fördelningsmöte varje måndag. Familjen erbjuds ett "
        "första samtal inom tio arbetsdagar. Kan teamet inte ta emot familjen i tid erbjuds en tillfällig "
        "kontakt med enhetens samordnare i väntan på att insatsen startar.",
    ),
    Block("bold", "Indikatorer"),
    _t(
        _SHADED,
        _INDICATOR_HEAD,
        ("Andel familjer som erbjuds första samtal inom tio arbetsdagar", "71 %", "85 %", "80 %", "Tertial"),
        ("Genomsnittlig väntetid från uppdrag till start av insats, dagar", "23", "15", "–", "Tertial"),
        (
            "Andel avslutade insatser där målen i genomförandeplanen helt eller delvis uppnåtts",
            "76 %",
            "80 %",
            "75 %",
            "Halvår",
        ),
    ),
    Block("bold", "Aktiviteter"),
    _t(
        _GRID,
        _ACTIVITY_HEAD,
        (
            "Införa en gemensam digital väntelista för de tre teamen",
            "Samordnare Team Skolbarn",
            "2025-02-01",
            "2025-05-31",
        ),
        (
            "Erbjuda föräldragruppen ABC två gånger per termin",
            "Team Små barn",
            "2025-01-15",
            "2025-12-15",
        ),
    ),
    Block("h3", "3.1.2 Nämndmål 1.4: Stödet till barn och familjer är kunskapsbaserat"),
    Block("bold", "Enhetens åtagande: Våra insatser bygger på bästa tillgängliga kunskap"),
    Block(
        "p",
        "Enheten ska använda metoder med stöd i forskning och följa upp om familjerna blir hjälpta. Fyra "
        "familjebehandlare utbildas i FFT under våren, så att enheten kan ta emot fler familjer med "
        "tonåringar i svåra konflikter.",
    ),
    Block("bold", "Så här gör vi"),
    Block(
        "p",
        "Alla insatser följs upp med skattningsformuläret SDQ när insatsen startar och när den avslutas. "
        "Resultaten sammanställs av metodutvecklaren två gånger per år och diskuteras på APT.",
    ),
    Block("bold", "Indikatorer"),
    _t(
        _SHADED,
        _INDICATOR_HEAD,
        ("Andel insatser där SDQ skattats vid både start och avslut", "58 %", "90 %", "–", "Halvår"),
        ("Antal familjer som fått FFT", "14", "30", "–", "År"),
    ),
    Block("bold", "Aktiviteter"),
    _t(
        _GRID,
        _ACTIVITY_HEAD,
        ("Utbilda fyra familjebehandlare i FFT", "Enhetschef", "2025-02-10", "2025-06-13"),
        ("Starta en metodgrupp som träffas en gång i månaden", "Metodutvecklare", "2025-03-01", "2025-12-31"),
    ),
    Block("h2", "3.2 Inriktningsmål 3: Ett Stockholm med attraktiva arbetsplatser"),
    Block("h3", "3.2.1 Nämndmål 3.1: Nämnden är en attraktiv arbetsgivare"),
    Block("bold", "Enhetens åtagande: Medarbetarna trivs och vill stanna hos oss"),
    Block(
        "p",
        "Personalomsättningen var 21 procent under 2024, vilket är för högt. När erfarna familjebehandlare "
        "slutar blir väntetiderna längre och familjerna får byta behandlare mitt i insatsen.",
    ),
    Block("bold", "Så här gör vi"),
    Block(
        "p",
        "Varje medarbetare har ett utvecklingssamtal med enhetschefen under våren och en individuell plan "
        "för kompetensutveckling. Vid flytten till de nya lokalerna får varje team ett eget samtalsrum för "
        "familjer med små barn.",
    ),
    Block("bold", "Indikatorer"),
    _t(
        _SHADED,
        _INDICATOR_HEAD,
        ("Aktivt medskapandeindex (AMI)", "76", "81", "79", "År"),
        ("Sjukfrånvaro dag 1–14, procent", "3,6", "2,9", "3,0", "Tertial"),
        ("Personalomsättning, procent", "21", "12", "–", "År"),
    ),
    Block("bold", "Aktiviteter"),
    _t(
        _GRID,
        _ACTIVITY_HEAD,
        (
            "Genomföra en hälsofrämjande aktivitet på APT varje kvartal",
            "Skyddsombud och enhetschef",
            "2025-01-01",
            "2025-12-31",
        ),
        (
            "Ta fram en kompetensutvecklingsplan för varje medarbetare",
            "Enhetschef",
            "2025-03-01",
            "2025-04-30",
        ),
    ),
    Block("h1", "4 Rutiner"),
    Block("h2", "4.1 Rutin när oro uppstår under en pågående insats"),
    Block(
        "p",
        "Om familjebehandlaren under en pågående insats får veta något som tyder på att ett barn kan fara "
        "illa gäller följande steg:",
    ),
    Block(
        "steps",
        rows=(
            ("Diskutera oron med samordnaren samma dag.",),
            ("Gör en orosanmälan till mottagningsgruppen senast nästa arbetsdag via e-tjänsten.",),
            ("Informera vårdnadshavarna om anmälan, om det inte riskerar barnets säkerhet.",),
            ("Dokumentera händelsen i journalen inom tre arbetsdagar.",),
        ),
    ),
    Block(
        "p",
        "Ansvarig: den familjebehandlare som har insatsen. Rutinen ses över varje år i oktober.",
    ),
    Block("h2", "4.2 Rutin för avslut av insats"),
    Block(
        "steps",
        rows=(
            ("Håll ett avslutningssamtal med familjen där målen i genomförandeplanen gås igenom.",),
            ("Låt föräldrarna och barnet fylla i SDQ och en enkät om hur de har upplevt stödet.",),
            ("Skicka slutrapporten till handläggaren inom två veckor efter den sista träffen.",),
        ),
    ),
    Block("p", "Familjen erbjuds ett uppföljningssamtal tre månader efter avslutet."),
    Block("h1", "5 Ekonomi"),
    Block(
        "p",
        "Enhetens budget för 2025 är 23,8 mnkr, vilket är 0,6 mnkr mindre än prognosen för 2024. Minskningen "
        "tas främst genom att köpa mindre extern utbildning; hyran blir högre i de nya lokalerna.",
    ),
    _t(
        _GRID,
        ("Kostnadsslag", "Budget 2025 (tkr)", "Prognos 2024 (tkr)"),
        ("Personalkostnader", "19 950", "20 310"),
        ("Lokaler", "2 140", "1 870"),
        ("Köpta tjänster (handledning och utbildning)", "980", "1 240"),
        ("Övrigt", "730", "980"),
        ("Summa", "23 800", "24 400"),
    ),
    Block("h1", "6 Uppföljning av planen"),
    Block(
        "p",
        "Planen följs upp i tertialrapporterna i maj och september och i verksamhetsberättelsen i januari "
        "2026. Ledningsgruppen går igenom indikatorerna varje månad, och resultaten redovisas för alla "
        "medarbetare på APT.",
    ),
    Block("h1", "Bilaga 1. Förkortningar"),
    _t(
        _GRID,
        ("Förkortning", "Betydelse"),
        ("ABC", "Alla Barn i Centrum, föräldraskapsstöd i grupp"),
        ("AMI", "Aktivt medskapandeindex"),
        ("APT", "Arbetsplatsträff"),
        ("BBIC", "Barns behov i centrum"),
        ("FFT", "Funktionell familjeterapi"),
        ("SDQ", "Strengths and Difficulties Questionnaire, formulär om barnets styrkor och svårigheter"),
    ),
)


def source_text() -> str:
    """The document's text: one line per paragraph, table rows as cells joined by " | ".

    Numbered steps carry their typed number ("1. …"). This is what the question set's evidence
    is checked against; the PDF shows the same words.
    """
    lines: list[str] = []
    for block in CONTENT:
        if block.kind in ("table", "box"):
            lines.extend(" | ".join(row) for row in block.rows)
        elif block.kind == "steps":
            lines.extend(f"{n}. {row[0]}" for n, row in enumerate(block.rows, start=1))
        elif block.kind != "page":
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def _fact_box(document: Any, block: Block, colour: str) -> None:
    """A shaded two-column box of key and value rows (the cover facts of a Word document)."""
    box = document.add_table(rows=0, cols=2)
    box.style = _GRID
    for key, value in block.rows:
        cells = box.add_row().cells
        cells[0].text, cells[1].text = key, value
        for cell in cells:
            shade_cell(cell, colour)
        cells[0].paragraphs[0].runs[0].bold = True


def _table(document: Any, block: Block) -> None:
    table = document.add_table(rows=0, cols=len(block.rows[0]))
    table.style = block.style or _GRID
    # The name column gets the room, as a unit sets it by dragging the column border.
    count = len(block.rows[0])
    first = _TEXT_WIDTH * (0.4 if count > 3 else 0.34 if count == 3 else 0.3)
    widths = [first] + [(_TEXT_WIDTH - first) / (count - 1)] * (count - 1)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in block.rows:
        for cell, value, width in zip(table.add_row().cells, row, widths, strict=True):
            cell.text = value
            cell.width = Cm(width)
            # Tables in 9 pt, as unit templates set them, so short headers fit their column.
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
    # Grid tables get a bold header row by hand; the shaded style makes its own.
    if block.style == _GRID:
        for cell in table.rows[0].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    document.add_paragraph()


def build_docx(out: Path) -> Path:
    """Write the document as .docx.

    Args:
        out: The .docx to write.

    Returns:
        `out`.
    """
    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    header = section.header.paragraphs[0]
    header.text = HEADER
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.text = f"{FOOTER}\tSida "
    word_field(footer, "PAGE")
    footer.add_run(" (")
    word_field(footer, "NUMPAGES")
    footer.add_run(")")
    for block in CONTENT:
        if add_plain_block(document, block):
            continue
        if block.kind == "bold":
            run = document.add_paragraph().add_run(block.text)
            run.bold = True
            run.font.size = Pt(11)
        elif block.kind == "table":
            _table(document, block)
        elif block.kind == "box":
            _fact_box(document, block, "E8EEF4")
        elif block.kind == "steps":
            for number, (step,) in enumerate(block.rows, start=1):
                paragraph = document.add_paragraph(f"{number}. {step}", style="List Paragraph")
                paragraph.paragraph_format.left_indent = Cm(1)
                paragraph.paragraph_format.first_line_indent = Cm(-0.6)
    document.save(str(out))
    return out


def build_pdf(out: Path = FIXTURE) -> Path:
    """Build the .docx in a temporary folder and export it to `out` with LibreOffice."""
    return docx_fixture_pdf(build_docx, out)


if __name__ == "__main__":
    print(build_pdf())
