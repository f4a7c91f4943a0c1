"""An unseen plan whose goal chain is a table and whose activities are dated bullets, Word exported to PDF.

`tests/fixtures/unseen/vp2021_familjeratten_ostermalm.pdf` is made by this module: an invented
*verksamhetsplan* 2021 of the family-law unit (Familjerättsenheten) at Östermalms
stadsdelsförvaltning, written as .docx with python-docx and exported to PDF by LibreOffice. No
other document in the corpus is about family law, Östermalm or a 2021 plan, and its layout
differs on purpose from the samples and from the other unseen fixtures:

- a cover without a fact box: the administration, the title in Word's Title style, the unit, and
  "Label: value" lines (Beslutad av, Beslutsdatum, Diarienummer, Kontaktperson);
- headings WITHOUT numbers, in Word's heading styles; a unit goal's heading is the goal itself
  (no "Enhetsmål:" prefix anywhere in a heading);
- the goal chain as one gridded TABLE with the columns Nämndmål | Enhetsmål | Förväntat
  resultat, the nämndmål number inside its cell ("1.3 …"), one row per unit goal;
- indicator tables with the headers Mått | Utfall 2020 | Målvärde 2021 | Frekvens;
- activities as a bulleted list ("List Bullet") with the dates in the sentence ("senast den 31
  maj 2021", "under mars och april 2021", "från den 1 februari 2021");
- a running header with the administration and the unit at the left and "Sida N av M" at the
  right, and a footer with the plan's name.

`source_text()` is the document's text (paragraphs as lines, table rows as cells joined by
" | ", bullets without their bullet), which the question set's evidence is checked against.
Rebuild the PDF with `python -m tests.support.unseen_vp2021_pdf` (needs LibreOffice); commit the
PDF, not the .docx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.shared import Cm, Pt

from tests.support.render import Block, add_plain_block, docx_fixture_pdf, running_header, shade_cell

NAME = "vp2021_familjeratten_ostermalm.pdf"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / NAME
HEADER = "Östermalms stadsdelsförvaltning · Familjerättsenheten"
FOOTER = "Verksamhetsplan 2021 för Familjerättsenheten"
_TEXT_WIDTH = 16.0  # cm between the margins
_MEASURE_HEAD = ("Mått", "Utfall 2020", "Målvärde 2021", "Frekvens")


def _p(text: str) -> Block:
    return Block("p", text)


def _table(*rows: tuple[str, ...]) -> Block:
    return Block("table", rows=rows)


def _measures(*rows: tuple[str, str, str, str]) -> Block:
    return Block("table", rows=(_MEASURE_HEAD, *rows), style="measures")


def _bullets(*items: str) -> Block:
    return Block("bullets", rows=tuple((item,) for item in items))


CONTENT: tuple[Block, ...] = (
    _p("Östermalms stadsdelsförvaltning"),
    _p("Avdelningen för individ- och familjeomsorg"),
    Block("title", "Verksamhetsplan 2021"),
    Block("sub", "Familjerättsenheten"),
    _p("Beslutad av: Karin Ekholm, enhetschef"),
    _p("Beslutsdatum: 2021-01-29"),
    _p("Diarienummer: ÖST 2021/0063"),
    _p("Kontaktperson: Jonas Berg, gruppledare, telefon 08-508 10 612"),
    Block("page"),
    Block("h1", "Inledning"),
    _p(
        "Det här är Familjerättsenhetens verksamhetsplan för 2021. Planen visar hur enheten bidrar till "
        "nämndens mål och vad vi ska göra under året. Den togs fram på två planeringsdagar i november "
        "2020, där alla medarbetare deltog, och gick igenom på arbetsplatsträffen i januari."
    ),
    _p(
        "Året 2020 präglades av pandemin. Största delen av samarbetssamtalen hölls per telefon eller "
        "video från april till december, och väntetiden till ett första samtal ökade till sju veckor. "
        "Att korta väntetiden är därför det viktigaste för enheten under 2021."
    ),
    Block("h1", "Vårt uppdrag"),
    _p(
        "Familjerätten hjälper föräldrar och barn i frågor om vårdnad, boende och umgänge. Enheten erbjuder "
        "samarbetssamtal till föräldrar som inte är överens, skriver avtal om vårdnad, boende och umgänge "
        "och gör snabbupplysningar och utredningar på uppdrag av tingsrätten. Enheten fastställer också "
        "faderskap och föräldraskap och utreder adoptioner."
    ),
    _p(
        "Under 2020 tog enheten emot 268 nya ärenden om samarbetssamtal och 74 uppdrag från tingsrätten, "
        "varav 41 snabbupplysningar och 33 vårdnads-, boende- och umgängesutredningar. Enheten fastställde "
        "356 faderskap och föräldraskap."
    ),
    _p(
        "Samarbetssamtal är frivilliga och kostnadsfria. Föräldrarna kan boka en tid själva eller bli "
        "hänvisade av tingsrätten. Barn som är sju år eller äldre erbjuds ett eget samtal under "
        "samarbetssamtalen."
    ),
    Block("h1", "Organisation och bemanning"),
    _p(
        "Enheten har 15 medarbetare: enhetschef, en gruppledare, elva familjerättssekreterare och två "
        "administratörer. Familjerättssekreterarna arbetar i två grupper, Samarbetsgruppen och "
        "Utredningsgruppen. Samarbetsgruppen håller samarbetssamtal och skriver avtal, och "
        "Utredningsgruppen gör snabbupplysningar och utredningar åt tingsrätten."
    ),
    _p(
        "Enheten finns på Karlavägen 104. Telefontiden är måndag till torsdag klockan 9.00–11.00 på "
        "08-508 10 600. Besök för att bekräfta faderskap bokas via stadens e-tjänst."
    ),
    Block("h1", "Målkedja 2021"),
    _p(
        "Enhetens mål hör till kommunfullmäktiges inriktningsmål 1, Ett Stockholm som håller ihop, och "
        "inriktningsmål 3, Ett Stockholm där det är attraktivt att arbeta. Tabellen visar hur nämndens "
        "mål har brutits ned i enhetens mål och vilket resultat vi förväntar oss i slutet av året."
    ),
    _table(
        ("Nämndmål", "Enhetsmål", "Förväntat resultat"),
        (
            "1.3 Barn och unga i Östermalm har goda uppväxtvillkor",
            "Barnets bästa och barnets egen röst väger tyngst i varje ärende",
            "Alla barn över fyra år i en utredning har haft ett enskilt samtal med utredaren",
        ),
        (
            "1.4 Stödet till individer och familjer är rättssäkert och effektivt",
            "Föräldrar kommer överens utan att gå till domstol",
            "Fler föräldrar skriver avtal efter samarbetssamtal och färre tvister går till tingsrätten",
        ),
        (
            "1.4 Stödet till individer och familjer är rättssäkert och effektivt",
            "Tingsrätten får våra utredningar i tid",
            "Alla snabbupplysningar lämnas inom fyra veckor",
        ),
        (
            "3.1 Nämnden är en attraktiv arbetsgivare",
            "Familjerättssekreterarna har en hållbar arbetsbelastning",
            "Ingen utredare har fler än tolv pågående utredningar",
        ),
    ),
    Block("h1", "Mål, mått och aktiviteter"),
    Block("h2", "Barnets bästa och barnets egen röst väger tyngst i varje ärende"),
    _p(
        "Barnets egen uppfattning ska komma fram i varje utredning och i varje avtal. Under 2020 hade 78 "
        "procent av barnen över fyra år ett enskilt samtal med utredaren. Det var oftast de yngsta barnen "
        "som inte fick något eget samtal."
    ),
    _measures(
        (
            "Andel barn över fyra år i utredningar som haft enskilt samtal med utredaren",
            "78 %",
            "95 %",
            "Tertial",
        ),
        ("Andel utredningar där barnets uppfattning redovisas i ett eget avsnitt", "64 %", "90 %", "Halvår"),
    ),
    Block("bold", "Aktiviteter 2021"),
    _bullets(
        "Alla familjerättssekreterare går stadens utbildning i samtal med barn under mars och april 2021.",
        "Senast den 31 maj 2021 tar Utredningsgruppen fram en egen mall för barnets avsnitt i utredningen.",
    ),
    Block("h2", "Föräldrar kommer överens utan att gå till domstol"),
    _p(
        "När föräldrar kommer överens i samarbetssamtal slipper barnet en lång tvist i domstol. Under 2020 "
        "ledde 38 procent av samarbetssamtalen till ett avtal. Väntetiden till första samtal var i "
        "genomsnitt sju veckor."
    ),
    _measures(
        (
            "Andel samarbetssamtal som leder till avtal om vårdnad, boende eller umgänge",
            "38 %",
            "45 %",
            "Halvår",
        ),
        ("Antal avtal om vårdnad, boende och umgänge som godkänts av enheten", "152", "175", "År"),
        ("Genomsnittlig väntetid till första samarbetssamtal, veckor", "7", "4", "Tertial"),
    ),
    Block("bold", "Aktiviteter 2021"),
    _bullets(
        "Från den 1 februari 2021 erbjuds samarbetssamtal även digitalt, via videomöte.",
        "Föräldrakursen Föräldrar i konflikt startar i september 2021 och hålls sedan en gång per termin.",
        "Senast den 30 juni 2021 införs en gemensam väntelista för Samarbetsgruppen.",
    ),
    Block("h2", "Tingsrätten får våra utredningar i tid"),
    _p(
        "Tingsrätten bestämmer när en snabbupplysning eller en utredning ska vara klar. Under 2020 "
        "lämnades 81 procent av snabbupplysningarna inom fyra veckor, och några utredningar blev "
        "försenade när utredare var sjuka."
    ),
    _measures(
        ("Andel snabbupplysningar som lämnas till tingsrätten inom fyra veckor", "81 %", "100 %", "Månad"),
        (
            "Andel utredningar om vårdnad, boende och umgänge som lämnas inom utsatt tid",
            "88 %",
            "95 %",
            "Tertial",
        ),
    ),
    Block("bold", "Aktiviteter 2021"),
    _bullets(
        "Från januari 2021 för administratörerna en bevakningslista över tingsrättens tidsfrister, som "
        "gruppledaren går igenom varje måndag.",
        "Två nya familjerättssekreterare rekryteras till Utredningsgruppen senast den 1 april 2021.",
    ),
    Block("h2", "Familjerättssekreterarna har en hållbar arbetsbelastning"),
    _p(
        "Arbetsbelastningen i Utredningsgruppen var för hög under 2020, och sjukfrånvaron ökade. Vi vill "
        "att medarbetarna ska orka arbeta kvar hos oss."
    ),
    _measures(
        ("Antal pågående utredningar per utredare, genomsnitt", "15", "12", "Månad"),
        ("Sjukfrånvaro, procent", "5,2", "4,0", "Tertial"),
        ("Aktivt medskapandeindex (AMI)", "74", "78", "År"),
    ),
    Block("bold", "Aktiviteter 2021"),
    _bullets(
        "Nya utredningar fördelas på ärendedragningen varje onsdag, så att ingen får fler än tolv "
        "pågående utredningar.",
        "Extern handledning för familjerättssekreterarna varannan vecka från och med februari 2021.",
        "En friskvårdstimme i veckan införs för alla medarbetare från den 1 mars 2021.",
    ),
    Block("h1", "Ekonomi"),
    _p(
        "Enhetens budget för 2021 är 13,1 mnkr, varav 11,6 mnkr är personalkostnader. Kostnaden för "
        "tolk har ökat och följs upp varje månad av enhetschefen."
    ),
    Block("h1", "Uppföljning"),
    _p(
        "Planen följs upp i tertialrapporterna i april och augusti och i verksamhetsberättelsen i februari "
        "2022. Gruppledaren sammanställer måtten, och resultaten tas upp på arbetsplatsträffen som hålls "
        "den andra tisdagen varje månad."
    ),
)


def source_text() -> str:
    """The document's text: one line per paragraph, table rows as cells joined by " | "."""
    lines: list[str] = []
    for block in CONTENT:
        if block.kind == "table":
            lines.extend(" | ".join(row) for row in block.rows)
        elif block.kind == "bullets":
            lines.extend(row[0] for row in block.rows)
        elif block.kind != "page":
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def _add_table(document: Any, block: Block) -> None:
    table = document.add_table(rows=0, cols=len(block.rows[0]))
    table.style = "Table Grid"
    table.autofit = False
    count = len(block.rows[0])
    # The measure name gets half the width; the goal chain's three columns share it evenly.
    first = _TEXT_WIDTH * (0.5 if block.style == "measures" else 1 / count)
    widths = [first] + [(_TEXT_WIDTH - first) / (count - 1)] * (count - 1)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for index, values in enumerate(block.rows):
        cells = table.add_row().cells
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.text = value
            cell.width = Cm(width)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
                run.bold = index == 0
            if index == 0:
                shade_cell(cell, "FCE4D6")
    document.add_paragraph()


def build_docx(out: Path) -> Path:
    """Write the plan as .docx.

    Args:
        out: The .docx to write.

    Returns:
        `out`.
    """
    document = docx.Document()
    running_header(document.sections[0], f"{HEADER}\tSida {{PAGE}} av {{NUMPAGES}}", FOOTER, _TEXT_WIDTH)
    for block in CONTENT:
        if add_plain_block(document, block):
            continue
        if block.kind == "sub":
            run = document.add_paragraph().add_run(block.text)
            run.font.size = Pt(16)
        elif block.kind == "bold":
            document.add_paragraph().add_run(block.text).bold = True
        elif block.kind == "table":
            _add_table(document, block)
    document.save(str(out))
    return out


def build_pdf(out: Path = FIXTURE) -> Path:
    """Build the .docx in a temporary folder and export it to `out` with LibreOffice."""
    return docx_fixture_pdf(build_docx, out)


if __name__ == "__main__":
    print(build_pdf())
