"""A second unseen quality-award application through the PDF path, in a Word layout of its own.

`tests/fixtures/unseen/ku2024_ungdomsenheten_sodermalm.pdf` is made by this module: an invented
application from Ungdomsenheten at Södermalms stadsdelsförvaltning to Stockholms stads
kvalitetsutmärkelse 2024, written as .docx with python-docx and exported to PDF by LibreOffice
(as staff export from Word). It reports 2023 results beside 2021 and 2022. Its layout differs on
purpose from the other unseen fixtures and from the samples:

- a cover whose contact details sit in a floating TEXT BOX (VML), not in a table;
- the summary and "the unit in brief" on a TWO-COLUMN page (a continuous Word section with two
  columns), then back to one column;
- the award's criteria as numbered Heading 1 ("3 Medarbetare") and the template's sub-questions
  as numbered Heading 2 QUESTIONS ("3.1 Hur arbetar ni med kompetensutveckling?") answered in prose;
- result tables with the years as columns (Resultatmått | 2021 | 2022 | 2023) and a comparison
  column, a staff-survey table with a "Staden 2023" column;
- running header "Kvalitetsutmärkelsen 2024 · Ungdomsenheten" with the page number at the right
  ("Sida 3 (9)"), and a footer with the district;
- Word FOOTNOTES (a footnotes part: the notes print at the foot of their page);
- bullet lists whose bullets are Wingdings symbols (an arrow and a check mark: Word's "symbol"
  bullets, which a PDF's text layer gives as private-use characters), and one Word numbered list;
- an abbreviations table laid out in two pairs of columns (Förkortning | Betydelse | Förkortning
  | Betydelse), as units fit a long list on half a page.

`source_text()` is the document's text (paragraphs as lines, table rows as cells joined by " | ",
list items without their bullet, footnotes as "N text" lines), which the question set's evidence
is checked against. Rebuild the PDF with `python -m tests.support.unseen_ku2024_pdf` (needs
LibreOffice); commit the PDF, not the .docx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shared import OxmlElement
from docx.shared import Cm, Pt

from tests.support.render import Block, docx_fixture_pdf, running_header, shade_cell
from tests.support.unseen_pdf import _GRID, _SHADED

NAME = "ku2024_ungdomsenheten_sodermalm.pdf"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / NAME
HEADER = "Kvalitetsutmärkelsen 2024 · Ungdomsenheten"
FOOTER = "Södermalms stadsdelsförvaltning · Avdelningen för individ- och familjeomsorg"
_TEXT_WIDTH = 16.0  # cm between the margins
# Wingdings bullets: an arrow (0xD8) and a check mark (0xFC), as Word's "Define new bullet" sets them.
_ARROW, _CHECK = "\uf0d8", "\uf0fc"


def _t(style: str, *rows: tuple[str, ...]) -> Block:
    return Block("table", rows=rows, style=style)


def _p(text: str) -> Block:
    return Block("p", text)


def _items(kind: str, *items: str) -> Block:
    return Block(kind, rows=tuple((item,) for item in items))


# Footnotes by number, in the order the text refers to them (LibreOffice numbers them so); a
# paragraph marks where its note is referred to with "[[N]]".
FOOTNOTES: dict[int, str] = {
    1: "Ungdomar 13–20 år med en pågående insats från enheten den 31 december 2023.",
    2: "Andelen ungdomar som svarade ja eller delvis ja. Enkäten skickas ut i november varje år.",
    3: "Aktivt medskapandeindex, stadens medarbetarenkät. Skalan är 0–100.",
    4: "Socialstyrelsens rekommendation är att en barnavårdsutredning ska vara klar inom fyra månader.",
}

COVER_BOX: tuple[tuple[str, str], ...] = (
    ("Enhetschef", "Johan Lindqvist"),
    ("Telefon", "08-508 12 460"),
    ("E-post", "johan.lindqvist@stockholm.se"),
    ("Besöksadress", "Hornsgatan 124, 117 28 Stockholm"),
    ("Antal medarbetare 1 februari 2024", "26"),
)

CONTENT: tuple[Block, ...] = (
    Block("title", "Ansökan till Stockholms stads kvalitetsutmärkelse 2024"),
    Block("subtitle", "Ungdomsenheten"),
    _p("Södermalms stadsdelsförvaltning, avdelningen för individ- och familjeomsorg"),
    _p("Kategori: Socialtjänst och stöd till barn och unga"),
    Block("box"),
    Block("page"),
    Block("columns"),
    Block("h1", "Sammanfattning"),
    _p(
        "Ungdomsenheten utreder och ger stöd till ungdomar mellan 13 och 20 år som riskerar att fara "
        "illa, och till deras familjer. Vi är 26 medarbetare: socialsekreterare, behandlare, "
        "fältassistenter och en administratör. Vid årsskiftet hade 214 ungdomar en pågående insats "
        "från enheten.[[1]]"
    ),
    _p(
        "Vi söker utmärkelsen för Snabbspåret, vårt sätt att korta tiden från anmälan till första "
        "insats. Den genomsnittliga utredningstiden har gått från 128 dagar 2021 till 86 dagar 2023, "
        "och andelen utredningar som blir klara inom fyra månader har ökat från 48 till 83 procent."
    ),
    Block("h1", "Enheten i korthet"),
    _p(
        "Enheten har tre grupper. Utredningsgruppen tar emot anmälningar och utreder. "
        "Öppenvårdsgruppen ger behandling och stöd i hemmet. Fältgruppen arbetar uppsökande på "
        "kvällar och helger i Medborgarplatsens och Skanstulls närhet."
    ),
    _p(
        "Enheten har öppet vardagar 8.00–16.30. Fältgruppen arbetar tisdag till lördag 14.00–23.00. "
        "Vår budget för 2023 var 48,6 miljoner kronor, varav placeringar utgjorde 29,1 miljoner."
    ),
    Block("endcolumns"),
    Block("h1", "1 Ledning och styrning"),
    Block("h2", "1.1 Hur omsätter ni stadens och nämndens mål i det dagliga arbetet?"),
    _p(
        "Varje höst bryter ledningsgruppen ner nämndens mål till två eller tre enhetsmål. Målen "
        "diskuteras i varje grupp på en gemensam planeringsdag i november, där medarbetarna föreslår "
        "aktiviteter. Förslagen samlas i enhetens aktivitetsplan, som följs upp på APT varje månad."
    ),
    Block("h2", "1.2 Hur följer ni upp och analyserar era resultat?"),
    _p(
        "Enheten följer sina resultat i en månadsrapport som ledningsgruppen går igenom. "
        "Rapporten innehåller:"
    ),
    _items(
        "arrow",
        "antal inkomna anmälningar och hur många som leder till utredning",
        "utredningstid i dagar, per socialsekreterare och för hela enheten",
        "antal ungdomar som är placerade och kostnaden för placeringarna",
        "avvikelser och synpunkter som kommit in under månaden",
    ),
    _p(
        "En gång per tertial gör vi en fördjupad analys tillsammans med avdelningens controller. "
        "Analysen redovisas för nämnden i tertialrapporten."
    ),
    Block("h1", "2 Brukarfokus"),
    Block("h2", "2.1 Hur tar ni reda på vad ungdomarna och föräldrarna behöver?"),
    _p(
        "Alla ungdomar och föräldrar med en pågående insats får varje november en enkät, som "
        "ungdomarna kan svara på i mobilen via en QR-kod. År 2023 svarade 131 ungdomar och 97 "
        "föräldrar. Av ungdomarna upplevde 84 procent att de blev lyssnade på.[[2]]"
    ),
    _p(
        "Sedan 2022 har enheten också ett ungdomsråd med sex ungdomar som träffar enhetschefen fyra "
        "gånger per år. Rådet har bland annat föreslagit att samtal ska kunna hållas utanför kontoret, "
        "till exempel på en promenad."
    ),
    Block("h2", "2.2 Hur gör ni ungdomarna delaktiga i sin egen planering?"),
    _p(
        "Ungdomen och socialsekreteraren skriver genomförandeplanen tillsammans, och ungdomen får "
        "själv formulera minst ett av målen. Planen följs upp var åttonde vecka. Vi använder "
        "skattningsskalan ORS vid varje uppföljning, så att ungdomen kan se sin egen utveckling."
    ),
    Block("h1", "3 Medarbetare"),
    Block("h2", "3.1 Hur arbetar ni med kompetensutveckling?"),
    _p(
        "Varje medarbetare har en individuell kompetensplan som tas fram vid medarbetarsamtalet. "
        "Under 2023 har medarbetarna gått följande utbildningar:"
    ),
    _items(
        "check",
        "MI, motiverande samtal, för alla nyanställda",
        "BBIC, grundutbildning för socialsekreterare i utredningsgruppen",
        "Återfallsprevention för behandlare i öppenvårdsgruppen",
        "Hedersrelaterat våld och förtryck, fördjupning för fältgruppen",
    ),
    _p("Nya medarbetare har en introduktion på sex veckor med en utsedd mentor."),
    Block("h2", "3.2 Hur arbetar ni med arbetsmiljö och hälsa?"),
    _p(
        "Medarbetarenkäten visar att arbetsmiljön har blivit bättre sedan 2021. Det som har påverkat "
        "mest är att varje socialsekreterare sedan 2022 har högst 14 pågående utredningar."
    ),
    _t(
        _GRID,
        ("Medarbetarenkäten", "2021", "2022", "2023", "Staden 2023"),
        ("Aktivt medskapandeindex (AMI)[[3]]", "71", "76", "81", "79"),
        ("Min arbetsbelastning är rimlig", "49", "58", "66", "63"),
        ("Jag rekommenderar min arbetsplats", "62", "70", "77", "72"),
        ("Sjukfrånvaro, procent", "8,4", "7,1", "5,9", "6,6"),
    ),
    Block("caption", "Tabell 1. Resultat från medarbetarenkäten och sjukfrånvaro 2021–2023."),
    Block("h1", "4 Förbättringsarbete"),
    Block("h2", "4.1 Vilket förbättringsarbete vill ni särskilt lyfta fram?"),
    _p(
        "År 2021 tog en utredning i genomsnitt 128 dagar, och mer än hälften av utredningarna blev inte "
        "klara inom den lagstadgade tiden.[[4]] Ungdomar väntade länge på insatser och många hann "
        "försämras innan stödet kom igång. Vi startade därför Snabbspåret i mars 2022, i fem steg:"
    ),
    _items(
        "numbered",
        "Varje anmälan bedöms samma dag av en förste socialsekreterare.",
        "Ett första möte med ungdomen och föräldrarna bokas inom sju dagar.",
        "Öppenvårdsgruppen deltar redan i utredningen och kan erbjuda stöd direkt.",
        "En utredningsplan med datum för varje moment görs vid första mötet.",
        "Utredningstiden följs upp varje vecka på gruppens tavla.",
    ),
    _p(
        "Resultatet är att utredningstiden har kortats med 42 dagar på två år. Fler ungdomar får stöd "
        "medan utredningen pågår, och antalet placeringar har minskat."
    ),
    Block("h1", "5 Samverkan"),
    Block("h2", "5.1 Hur samverkar ni med andra kring ungdomarna?"),
    _p(
        "Enheten ingår i SSPF tillsammans med skolan, polisen och fritidsförvaltningen. SSPF-gruppen "
        "träffas varje torsdag och tar fram en gemensam plan för ungdomar som riskerar att begå brott."
    ),
    _p(
        "Fältgruppen har ett nära samarbete med polisens områdespolis och med Maria Ungdom, dit vi "
        "slussar ungdomar med alkohol- eller drogproblem. Med skolorna har vi en kontaktperson per "
        "skola som vi träffar två gånger per termin."
    ),
    Block("h1", "6 Resultat"),
    Block("h2", "6.1 Vilka resultat har ni nått de senaste tre åren?"),
    _t(
        _SHADED,
        ("Resultatmått", "2021", "2022", "2023"),
        ("Inkomna anmälningar", "1 046", "1 118", "1 187"),
        ("Inledda utredningar", "392", "411", "405"),
        ("Genomsnittlig utredningstid, dagar", "128", "104", "86"),
        ("Andel utredningar klara inom fyra månader", "48 %", "69 %", "83 %"),
        ("Ungdomar placerade på HVB eller SiS", "37", "31", "24"),
        ("Ungdomar i ungdomstjänst", "18", "22", "27"),
    ),
    Block("caption", "Tabell 2. Enhetens resultatmått 2021–2023. Källa: Paraplyet."),
    _p(
        "Antalet anmälningar har ökat med 13 procent på två år, men antalet utredningar är ungefär "
        "detsamma. Det beror på att fler anmälningar avslutas efter förhandsbedömningen med råd och "
        "stöd eller en direkt insats från öppenvården."
    ),
    Block("h2", "6.2 Hur har ni nått målen i verksamhetsplanen för 2023?"),
    _p(
        "Enheten hade fem indikatorer i verksamhetsplanen för 2023. Fyra uppfylldes helt och en "
        "uppfylldes delvis: andelen ungdomar med en SIP nådde 61 procent mot målet 70 procent."
    ),
    Block("h1", "7 Ekonomi"),
    _p(
        "Kostnaden för placeringar har minskat två år i rad, och enheten gjorde 2023 ett överskott på "
        "1,4 miljoner kronor."
    ),
    _t(
        _GRID,
        ("Mnkr", "2021", "2022", "2023"),
        ("Budget", "47,2", "47,9", "48,6"),
        ("Utfall", "49,8", "48,3", "47,2"),
        ("Varav placeringar", "33,5", "31,0", "29,1"),
    ),
    Block("h1", "8 Fortsatt utveckling"),
    _p("Inför 2024 och 2025 har enheten valt tre områden att utveckla:"),
    _items(
        "arrow",
        "Digitala möten med föräldrar som inte kan komma till kontoret",
        "Fler SIP:ar tillsammans med barn- och ungdomspsykiatrin",
        "Ett eget uppföljningssamtal sex månader efter avslutad insats",
    ),
    Block("h1", "Förkortningar"),
    _t(
        _GRID,
        ("Förkortning", "Betydelse", "Förkortning", "Betydelse"),
        ("AMI", "Aktivt medskapandeindex", "ORS", "Outcome Rating Scale"),
        ("APT", "Arbetsplatsträff", "SiS", "Statens institutionsstyrelse"),
        ("BBIC", "Barns behov i centrum", "SIP", "Samordnad individuell plan"),
        ("HVB", "Hem för vård eller boende", "SSPF", "Skola, socialtjänst, polis och fritid"),
        ("MI", "Motiverande samtal", "", ""),
    ),
)


def _plain(text: str) -> str:
    for number in FOOTNOTES:
        text = text.replace(f"[[{number}]]", "")
    return text


def source_text() -> str:
    """The document's text: one line per paragraph, table rows as cells joined by " | ".

    List items are lines without their bullet or number (Word draws those), footnotes are
    "N text" lines at the end and the cover's text box is its "key: value" lines. This is what
    the question set's evidence is checked against; the PDF shows the same words.
    """
    lines: list[str] = []
    for block in CONTENT:
        if block.kind == "table":
            lines.extend(" | ".join(_plain(cell) for cell in row) for row in block.rows)
        elif block.kind == "box":
            lines.extend(f"{key}: {value}" for key, value in COVER_BOX)
        elif block.kind in ("arrow", "check", "numbered"):
            lines.extend(row[0] for row in block.rows)
        elif block.kind not in ("page", "columns", "endcolumns"):
            lines.append(_plain(block.text))
    lines.extend(f"{number} {text}" for number, text in FOOTNOTES.items())
    return "\n".join(lines) + "\n"


# --- Word parts python-docx does not write -----------------------------------------------------

_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
    "</w:p></w:footnote>"
    "{notes}</w:footnotes>"
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _add_footnotes_part(document: Any) -> None:
    notes = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:pPr>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r>'
        "</w:p></w:footnote>"
        for number, text in FOOTNOTES.items()
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        _FOOTNOTES_XML.format(notes=notes).encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def _add_text(paragraph: Any, text: str) -> None:
    """Adds `text` to the paragraph, turning each "[[N]]" into a reference to footnote N."""
    rest = text
    while "[[" in rest:
        before, _, after = rest.partition("[[")
        number, _, rest = after.partition("]]")
        paragraph.add_run(before)
        run = paragraph.add_run()
        rpr = run._r.get_or_add_rPr()
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        rpr.append(align)
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), number)
        run._r.append(reference)
    if rest:
        paragraph.add_run(rest)


def _symbol_numbering(document: Any, char: str) -> int:
    """A bullet list definition whose bullet is a Wingdings symbol; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = 90 + len(numbering.findall(qn("w:abstractNum")))
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{char}"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings" w:hint="default"/></w:rPr></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = numbering.add_num(abstract_id)
    return int(num.numId)


def _list_item(document: Any, text: str, num_id: int) -> None:
    paragraph = document.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id


def _text_box(document: Any) -> None:
    """The cover's contact details in a floating VML text box with a border, as a cover template has."""
    inner = "".join(
        f'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{_escape(key)}: </w:t></w:r>'
        f"<w:r><w:t>{_escape(value)}</w:t></w:r></w:p>"
        for key, value in COVER_BOX
    )
    pict = parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>'
        '<v:shape id="Kontakt" o:spid="_x0000_s1026" type="#_x0000_t202" '
        'style="position:absolute;margin-left:240pt;margin-top:40pt;width:230pt;height:150pt;'
        'z-index:1;mso-position-horizontal-relative:margin;mso-position-vertical-relative:paragraph" '
        'fillcolor="#eef3f8" strokecolor="#1f4e79">'
        f"<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    document.add_paragraph()._p.append(pict)


def _columns(section: Any, count: int) -> None:
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "567")


def _table(document: Any, block: Block) -> None:
    count = len(block.rows[0])
    table = document.add_table(rows=0, cols=count)
    table.style = block.style or _GRID
    first = _TEXT_WIDTH * (0.46 if count == 5 else 0.5 if count == 4 and block.rows[0][1] == "2021" else 0.25)
    if block.rows[0][0] == "Förkortning":
        widths = [2.6, 5.4, 2.6, 5.4]
    else:
        widths = [first] + [(_TEXT_WIDTH - first) / (count - 1)] * (count - 1)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for index, row in enumerate(block.rows):
        cells = table.add_row().cells
        for cell, value, width in zip(cells, row, widths, strict=True):
            paragraph = cell.paragraphs[0]
            _add_text(paragraph, value)
            cell.width = Cm(width)
            for run in paragraph.runs:
                run.font.size = Pt(9)
                run.bold = index == 0 if block.style == _GRID else None
            if cell is not cells[0] and index > 0 and value[:1].isdigit():
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if index == 0 and block.style == _GRID:
                shade_cell(cell, "D9E2F3")
    document.add_paragraph()


def build_docx(out: Path) -> Path:
    """Write the application as .docx.

    Args:
        out: The .docx to write.

    Returns:
        `out`.
    """
    document = docx.Document()
    _add_footnotes_part(document)
    running_header(document.sections[0], f"{HEADER}\tSida {{PAGE}} ({{NUMPAGES}})", FOOTER, _TEXT_WIDTH)
    lists = {"arrow": _symbol_numbering(document, _ARROW), "check": _symbol_numbering(document, _CHECK)}
    for block in CONTENT:
        if block.kind == "title":
            document.add_heading(block.text, 0)
        elif block.kind == "subtitle":
            run = document.add_paragraph().add_run(block.text)
            run.bold = True
            run.font.size = Pt(22)
        elif block.kind in ("h1", "h2"):
            document.add_heading(block.text, int(block.kind[1]))
        elif block.kind == "p":
            _add_text(document.add_paragraph(), block.text)
        elif block.kind == "caption":
            run = document.add_paragraph().add_run(block.text)
            run.italic = True
            run.font.size = Pt(8)
        elif block.kind == "table":
            _table(document, block)
        elif block.kind == "box":
            _text_box(document)
        elif block.kind in lists:
            for (item,) in block.rows:
                _list_item(document, item, lists[block.kind])
        elif block.kind == "numbered":
            for (item,) in block.rows:
                document.add_paragraph(item, style="List Number")
        elif block.kind == "page":
            document.add_page_break()
        elif block.kind == "columns":
            _columns(document.add_section(WD_SECTION.CONTINUOUS), 2)
        elif block.kind == "endcolumns":
            # A continuous break: LibreOffice balances the two columns above it.
            _columns(document.add_section(WD_SECTION.CONTINUOUS), 1)
    document.save(str(out))
    return out


def build_pdf(out: Path = FIXTURE) -> Path:
    """Build the .docx in a temporary folder and export it to `out` with LibreOffice."""
    return docx_fixture_pdf(build_docx, out)


if __name__ == "__main__":
    print(build_pdf())
