"""An unseen fixture of a new document type: a standalone routine (a *rutin*), Word exported to PDF.

`tests/fixtures/unseen/rutin2025_orosanmalan_barn_och_unga_hassleby_vallingby.pdf` is made by
this module: an invented routine for reports of concern about children ("orosanmälan") and for
working with partners, from the units for children and young people at Hässelby-Vällingby
stadsdelsförvaltning, written as .docx with python-docx and exported to PDF by LibreOffice. Units
write routines like this beside their plans; every other document in the corpus is a plan or a
quality-award application (whose routines are sections). Its layout, as the city's routine
template lays it out:

- a document header TABLE in two key/value column pairs (Dokumenttyp | Rutin | Diarienummer |
  …; Fastställd av, Fastställd datum, Gäller från, Revideras senast, Ansvarig, Version, Ersätter);
- numbered headings ("1 Syfte", "5 Arbetsgång") and numbered sub-headings ("5.2 Skyddsbedömning");
- "Ansvarsfördelning" as a Roll | Ansvar table;
- the procedure as Word-numbered steps (the numbers are not in the text) with sub-bullets
  ("List Bullet 2") under a step;
- a time-limit table (Tidsgräns | Vad ska göras | Vem);
- definitions as a Begrepp | Förklaring table; laws cited in the text (SoL 14 kap. 1 §);
- running header with the administration at the left and "Sida N av M" at the right, and a
  footer with the routine's name, version and diarienummer.

`source_text()` is the document's text (paragraphs as lines, table rows as cells joined by
" | ", list items without their number or bullet), which the question set's evidence is checked
against. Rebuild the PDF with `python -m tests.support.unseen_rutin_pdf` (needs LibreOffice);
commit the PDF, not the .docx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.shared import Cm, Pt

from tests.support.render import Block, add_plain_block, docx_fixture_pdf, running_header, shade_cell

NAME = "rutin2025_orosanmalan_barn_och_unga_hassleby_vallingby.pdf"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / NAME
HEADER = "Hässelby-Vällingby stadsdelsförvaltning"
FOOTER = "Rutin för orosanmälan och samverkan – Barn och unga · Version 2.1 · Dnr HV-2025/00318"
_TEXT_WIDTH = 16.0  # cm between the margins


def _p(text: str) -> Block:
    return Block("p", text)


def _table(*rows: tuple[str, ...]) -> Block:
    return Block("table", rows=rows)


def _step(text: str) -> Block:
    return Block("numbered", text)


def _sub(*items: str) -> Block:
    return Block("sub", rows=tuple((item,) for item in items))


def _bullets(*items: str) -> Block:
    return Block("bullets", rows=tuple((item,) for item in items))


CONTENT: tuple[Block, ...] = (
    Block("title", "Rutin för orosanmälan och samverkan"),
    _p("Barn och unga – Avdelningen för individ- och familjeomsorg"),
    Block(
        "meta",
        rows=(
            ("Dokumenttyp", "Rutin", "Diarienummer", "HV-2025/00318"),
            ("Fastställd av", "Avdelningschef IFO Mikael Strand", "Fastställd datum", "2025-02-10"),
            (
                "Ansvarig",
                "Enhetschef Helena Nordqvist, Mottagning och utredning barn och unga",
                "Gäller från",
                "2025-03-01",
            ),
            ("Version", "2.1", "Revideras senast", "2026-02-28"),
            ("Gäller för", "Enheterna för barn och unga", "Ersätter", "Version 2.0 från 2023-05-15"),
        ),
    ),
    Block("h1", "1 Syfte"),
    _p(
        "Rutinen beskriver hur enheterna för barn och unga i Hässelby-Vällingby tar emot och hanterar en "
        "orosanmälan, från det att anmälan kommer in till att beslut fattas om att inleda utredning eller "
        "inte. Syftet är att varje barn som det kommer in en anmälan om ska få en snabb, likvärdig och "
        "rättssäker bedömning, och att samverkan med skola, förskola, polis och hälso- och sjukvård ska "
        "fungera på samma sätt oavsett vem som tar emot anmälan."
    ),
    Block("h1", "2 Bakgrund och lagstöd"),
    _p(
        "Myndigheter och yrkesverksamma som arbetar med barn är skyldiga att genast anmäla till "
        "socialnämnden om de i sin verksamhet får kännedom om eller misstänker att ett barn far illa "
        "(14 kap. 1 § socialtjänstlagen, SoL). Anmälningsskyldigheten kan inte delegeras och gäller även "
        "medarbetare inom socialtjänsten."
    ),
    _p(
        "När en anmälan har kommit in ska socialnämnden genast bedöma om barnet är i behov av omedelbart "
        "skydd (11 kap. 1 a § SoL). Beslut om att inleda utredning eller inte ska fattas inom 14 dagar "
        "från att anmälan kom in. En utredning ska vara klar inom fyra månader (11 kap. 2 § SoL)."
    ),
    _p(
        "Rutinen bygger också på Socialstyrelsens föreskrifter och allmänna råd om handläggning och "
        "dokumentation (SOSFS 2014:6), offentlighets- och sekretesslagen (OSL) och stadens riktlinjer "
        "för handläggning inom barn och unga."
    ),
    Block("h1", "3 Målgrupp och omfattning"),
    _p(
        "Rutinen gäller anmälningar om barn och unga 0–17 år som bor eller vistas i Hässelby-Vällingby. "
        "Den gäller också anmälningar om unga 18–20 år som har insatser från enheterna. Rutinen gäller "
        "för alla medarbetare på Mottagning och utredning barn och unga, Förebyggande enheten barn och "
        "unga och Familjebehandlingen."
    ),
    _p(
        "Anmälningar som kommer in efter kontorstid, på helger och på helgdagar hanteras av Socialjouren "
        "Nordväst enligt Socialjourens egen rutin. Mottagningen tar över ärendet nästa vardag."
    ),
    Block("h1", "4 Ansvarsfördelning"),
    _table(
        ("Roll", "Ansvar"),
        (
            "Avdelningschef IFO",
            "Fastställer rutinen och ser till att den är känd i hela avdelningen. Tar emot "
            "avvikelserapporter som gäller rutinen.",
        ),
        (
            "Enhetschef Mottagning och utredning",
            "Ansvarar för att rutinen följs och revideras. Beslutar om att inleda utredning när "
            "gruppledaren inte finns på plats. Sammanställer uppföljningen varje tertial.",
        ),
        (
            "Gruppledare på mottagningen",
            "Fördelar inkomna anmälningar samma dag. Tar ställning till skyddsbedömningen tillsammans "
            "med socialsekreteraren. Beslutar om att inleda eller inte inleda utredning.",
        ),
        (
            "Socialsekreterare på mottagningen",
            "Gör skyddsbedömning och förhandsbedömning, kontaktar barn och vårdnadshavare och "
            "dokumenterar i Paraplyet.",
        ),
        (
            "Administratör",
            "Registrerar anmälningar som kommer in per post eller fax i Paraplyet och skickar "
            "bekräftelse till anmälaren.",
        ),
        (
            "Samverkanssamordnare",
            "Håller ihop samverkan med skolor, förskolor och polis, kallar till samrådsmöten och "
            "håller kontaktlistan till skolorna aktuell.",
        ),
        (
            "Alla medarbetare i förvaltningen",
            "Gör själva en orosanmälan när de misstänker att ett barn far illa, även när barnets "
            "familj redan har kontakt med socialtjänsten.",
        ),
    ),
    Block("page"),
    Block("h1", "5 Arbetsgång"),
    _p("Arbetsgången följer stegen nedan. Varje steg dokumenteras i Paraplyet."),
    Block("h2", "5.1 Anmälan tas emot"),
    _step("Ta emot anmälan och registrera den i Paraplyet samma dag som den kommer in."),
    _sub(
        "En muntlig anmälan tas emot av den socialsekreterare som har telefontiden.",
        "Be en yrkesverksam anmälare som ringer att också skicka anmälan skriftligt via e-tjänsten.",
        "Anteckna anmälarens namn och telefonnummer, om anmälaren inte vill vara anonym.",
    ),
    _step("Lämna anmälan till gruppledaren, som fördelar den till en socialsekreterare."),
    Block("h2", "5.2 Skyddsbedömning"),
    _step("Gör en skyddsbedömning direkt och senast inom 24 timmar från att anmälan kom in."),
    _sub(
        "Bedöm om barnet behöver omedelbart skydd, till exempel vid våld, hot om våld eller allvarlig "
        "brist i omsorgen.",
        "Gör skyddsbedömningen tillsammans med gruppledaren eller, om gruppledaren inte finns, med "
        "enhetschefen.",
        "Dokumentera skyddsbedömningen i Paraplyet med BBIC:s mall för skyddsbedömning.",
    ),
    _step("Om barnet behöver omedelbart skydd: kontakta enhetschefen direkt för beslut om åtgärder."),
    _sub(
        "Vid misstanke om brott mot barnet kontaktas polisen samma dag.",
        "Vid misstanke om våld eller sexuella övergrepp ska samråd med Barnahus Stockholm begäras innan "
        "vårdnadshavarna informeras.",
    ),
    Block("h2", "5.3 Förhandsbedömning"),
    _step("Gör förhandsbedömningen så att beslut kan fattas inom 14 dagar från att anmälan kom in."),
    _sub(
        "Samtala med barnet om det är lämpligt med hänsyn till barnets ålder och mognad.",
        "Kontakta vårdnadshavarna och berätta om anmälan och vad den innehåller.",
        "Ta bara in uppgifter från andra än familjen om vårdnadshavarna samtycker.",
    ),
    _step("Föredra ärendet för gruppledaren, som beslutar om att inleda eller inte inleda utredning."),
    _step(
        "Om beslutet inte kan fattas inom 14 dagar ska skälet dokumenteras och enhetschefen informeras "
        "samma dag."
    ),
    Block("h2", "5.4 Återkoppling till anmälaren"),
    _step(
        "Bekräfta till en yrkesverksam anmälare inom tre arbetsdagar att anmälan har kommit in och "
        "vem som handlägger den."
    ),
    _step(
        "Berätta för anmälaren, om anmälaren frågar, om utredning har inletts, inte har inletts eller "
        "redan pågår."
    ),
    _p(
        "Privatpersoner som gör en anmälan får ingen återkoppling om beslutet. De får bara veta att "
        "anmälan har kommit in."
    ),
    Block("h2", "5.5 Överlämning"),
    _step(
        "När beslut om utredning har fattats lämnar mottagningen över ärendet till utredningsgruppen "
        "vid ett överlämningsmöte inom fem arbetsdagar."
    ),
    _step(
        "Familjer som inte får en utredning men som behöver stöd erbjuds kontakt med Förebyggande "
        "enheten barn och unga."
    ),
    Block("h1", "6 Tidsgränser i korthet"),
    _table(
        ("Tidsgräns", "Vad ska göras", "Vem"),
        ("Samma dag", "Registrera och fördela anmälan", "Socialsekreterare och gruppledare"),
        ("Inom 24 timmar", "Skyddsbedömning dokumenterad", "Socialsekreterare och gruppledare"),
        (
            "Inom 3 arbetsdagar",
            "Bekräftelse till yrkesverksam anmälare",
            "Socialsekreterare eller administratör",
        ),
        ("Inom 14 dagar", "Beslut om att inleda eller inte inleda utredning", "Gruppledare"),
        ("Inom 5 arbetsdagar efter beslut", "Överlämning till utredningsgruppen", "Mottagningen"),
        ("Inom 4 månader", "Utredningen avslutad", "Utredningsgruppen"),
    ),
    Block("h1", "7 Samverkan"),
    _p(
        "Enheterna samverkar med skolor, förskolor, polisen, barnavårdscentralerna och BUP Nordväst. "
        "Samverkanssamordnaren kallar till samrådsmöte med rektorerna i stadsdelen två gånger per termin, "
        "i september och i februari."
    ),
    _bullets(
        "Skolor och förskolor kan ringa mottagningen för en konsultation utan att uppge barnets namn.",
        "SSPF (skola, socialtjänst, polis och fritid) träffas varannan vecka och tar upp unga som riskerar "
        "att fastna i kriminalitet.",
        "Vid misstanke om våld mot barn begärs samråd med Barnahus Stockholm.",
        "Ett barn som har en samordnad individuell plan (SIP) ska få en ny SIP-träff inom en månad efter "
        "att utredning har inletts.",
    ),
    Block("h1", "8 Dokumentation"),
    _p(
        "Alla anmälningar, skyddsbedömningar, förhandsbedömningar och beslut dokumenteras i Paraplyet. "
        "Dokumentationen ska vara klar senast dagen efter beslutet. En anmälan som inte leder till "
        "utredning sparas i fem år och gallras sedan enligt förvaltningens dokumenthanteringsplan."
    ),
    _p(
        "Anmälarens identitet skyddas enligt 26 kap. 1 § OSL. Uppgifter om anmälaren lämnas inte ut till "
        "familjen utan att en sekretessprövning har gjorts."
    ),
    Block("h1", "9 Uppföljning"),
    _p(
        "Enhetschefen följer upp rutinen varje tertial: andelen skyddsbedömningar som gjorts inom 24 "
        "timmar och andelen förhandsbedömningar som avslutats inom 14 dagar. Resultatet redovisas på "
        "enhetens APT och för avdelningschefen. Målet är att minst 95 procent av förhandsbedömningarna "
        "ska vara klara inom 14 dagar."
    ),
    _p(
        "Avvikelser från rutinen rapporteras i stadens avvikelsesystem. Rutinen revideras en gång om året "
        "och senast det datum som står i dokumenthuvudet."
    ),
    Block("h1", "10 Definitioner"),
    _table(
        ("Begrepp", "Förklaring"),
        (
            "Orosanmälan",
            "En anmälan till socialnämnden om att ett barn kan behöva nämndens skydd eller stöd.",
        ),
        (
            "Skyddsbedömning",
            "En första bedömning, genast efter att anmälan kommit in, av om barnet behöver omedelbart skydd.",
        ),
        (
            "Förhandsbedömning",
            "Bedömningen av om en utredning ska inledas, som ska göras inom 14 dagar.",
        ),
        (
            "Konsultation",
            "Ett samtal där en yrkesverksam rådgör med socialtjänsten om ett barn utan att barnets "
            "identitet röjs.",
        ),
        (
            "Barnahus",
            "En verksamhet där polis, åklagare, socialtjänst och hälso- och sjukvård samverkar kring barn "
            "som kan ha utsatts för brott.",
        ),
        ("BBIC", "Barns behov i centrum, Socialstyrelsens system för handläggning och dokumentation."),
        ("Yrkesverksam anmälare", "En anmälare som har anmälningsplikt enligt 14 kap. 1 § SoL."),
    ),
    Block("h1", "11 Relaterade dokument"),
    _bullets(
        "Socialjouren Nordvästs rutin för anmälningar utanför kontorstid",
        "Rutin för hot och våld i arbetet, Hässelby-Vällingby stadsdelsförvaltning",
        "Stadens riktlinjer för handläggning och dokumentation inom barn och unga",
    ),
)


def source_text() -> str:
    """The document's text: one line per paragraph, table rows as cells joined by " | "."""
    lines: list[str] = []
    for block in CONTENT:
        if block.kind in ("table", "meta"):
            lines.extend(" | ".join(row) for row in block.rows)
        elif block.kind in ("sub", "bullets"):
            lines.extend(row[0] for row in block.rows)
        elif block.kind != "page":
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def _style_cell(cell: Any, bold: bool = False, fill: str | None = None) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(9)
            run.bold = bold
    if fill:
        shade_cell(cell, fill)


def _add_table(document: Any, block: Block) -> None:
    table = document.add_table(rows=0, cols=len(block.rows[0]))
    table.style = "Table Grid"
    for index, values in enumerate(block.rows):
        cells = table.add_row().cells
        for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = value
            if block.kind == "meta":
                # The template's header: keys bold on grey, in columns 1 and 3.
                key = column % 2 == 0
                _style_cell(cell, bold=key, fill="E7E6E6" if key else None)
            else:
                _style_cell(cell, bold=index == 0, fill="DDEBF7" if index == 0 else None)
    if block.kind != "meta":
        first = Cm(4.5)
        for row in table.rows:
            row.cells[0].width = first
    document.add_paragraph()


def build_docx(out: Path) -> Path:
    """Write the routine as .docx.

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
        if block.kind in ("table", "meta"):
            _add_table(document, block)
        elif block.kind == "numbered":
            document.add_paragraph(block.text, style="List Number")
        elif block.kind == "sub":
            for (item,) in block.rows:
                document.add_paragraph(item, style="List Bullet 2")
    document.save(str(out))
    return out


def build_pdf(out: Path = FIXTURE) -> Path:
    """Build the .docx in a temporary folder and export it to `out` with LibreOffice."""
    return docx_fixture_pdf(build_docx, out)


if __name__ == "__main__":
    print(build_pdf())
