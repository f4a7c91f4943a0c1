"""An unseen fixture that goes through the real DOCX path: a plan as a unit's Word template lays it out.

`tests/fixtures/unseen/vp2026_mottagningsenheten_barn_och_unga_norrmalm.docx` is made by this
module with python-docx (the content is invented, in the language and with the figures a
reception unit for children and young people would write). Staff upload Word files, and the
layout differs on purpose from the samples and from every other unseen fixture:

- Word heading styles without numbers in their text; the title in Word's Title style; a running
  header and footer with the unit's name (the reader does not see them; the body names the unit);
- the goal chain laid out in Word TABLES: an overview "Nämndmål | Enhetsmål" table, then per goal
  a two-column key/value table with the rows Kommunfullmäktiges mål / Nämndmål / Enhetsmål /
  Förväntat resultat / Arbetssätt / Uppföljning (no "Enhetsmål:" heading anywhere);
- indicator tables with a two-row header whose cells are merged (Indikator and Periodicitet span
  both rows vertically, "Årsmål 2026" spans the two target columns) and the columns in another
  order: Indikator | Periodicitet | KF:s årsmål | Enhetens årsmål;
- activity tables with month dates in two formats ("jan 2026", "2026-03") and an Ansvarig column;
- bullet lists in Word's "List Bullet" style, a routine with Word's automatic numbering ("List
  Number": the numbers are not in the text), and a budget table in tkr.

`source_text()` is the document's text (paragraphs as lines, table rows as the cells of the
widest row joined by " | "), which the question set's evidence is checked against. Rebuild the
fixture with `python -m tests.support.unseen_vp_docx`; commit the .docx.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from tests.support.render import Block, add_plain_block, shade_cell, word_field

NAME = "vp2026_mottagningsenheten_barn_och_unga_norrmalm.docx"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / NAME
HEADER = "Mottagningsenheten barn och unga – Norrmalms stadsdelsförvaltning"
FOOTER = "Verksamhetsplan 2026 – Mottagningsenheten barn och unga"


def _p(text: str) -> Block:
    return Block("p", text)


def _bullets(*items: str) -> Block:
    return Block("bullets", rows=tuple((item,) for item in items))


def _goal(*rows: tuple[str, str]) -> Block:
    return Block("goal", rows=rows)


def _indicators(*rows: tuple[str, str, str, str]) -> Block:
    return Block("indicators", rows=rows)


def _activities(*rows: tuple[str, str, str, str]) -> Block:
    return Block("table", rows=(("Aktivitet", "Ansvarig", "Start", "Klart"), *rows))


INDICATOR_HEAD_TOP = ("Indikator", "Periodicitet", "Årsmål 2026")
INDICATOR_HEAD = ("Indikator", "Periodicitet", "KF:s årsmål", "Enhetens årsmål")

CONTENT: tuple[Block, ...] = (
    Block("title", "Verksamhetsplan 2026"),
    _p("Mottagningsenheten barn och unga"),
    _p("Avdelningen för individ- och familjeomsorg, Norrmalms stadsdelsförvaltning"),
    _p("Fastställd av enhetschef Sara Bergström 2026-01-15"),
    Block("page"),
    Block("h1", "Inledning"),
    _p(
        "Mottagningsenheten barn och unga tar emot alla orosanmälningar och ansökningar som gäller barn och "
        "unga 0–20 år som bor på Norrmalm. Planen visar hur enheten bidrar till kommunfullmäktiges och "
        "nämndens mål under 2026 och vad vi särskilt ska arbeta med under året."
    ),
    _p("Under 2026 prioriterar enheten:"),
    _bullets(
        "kortare tid från anmälan till beslut om att inleda utredning eller inte",
        "att barnet självt får komma till tals redan i förhandsbedömningen",
        "tätare samverkan med skolor och förskolor i Vasastan och City",
        "en arbetsbelastning som gör att medarbetarna orkar och stannar",
    ),
    Block("h1", "Om enheten"),
    Block("h2", "Uppdrag och målgrupp"),
    _p(
        "Enheten gör skyddsbedömningar och förhandsbedömningar av orosanmälningar, tar emot ansökningar om "
        "stöd och ger råd till föräldrar och yrkesverksamma. Enheten beslutar om att inleda utredning eller "
        "inte; utredningarna görs sedan av Utredningsenheten barn och unga."
    ),
    _p(
        "Under 2025 kom det in 2 140 orosanmälningar som gällde 1 460 barn. Skolan stod för 41 procent av "
        "anmälningarna och polisen för 23 procent. I 34 procent av förhandsbedömningarna inleddes en "
        "utredning."
    ),
    Block("h2", "Organisation och bemanning"),
    _p("Enheten har 18 medarbetare:"),
    _bullets(
        "en enhetschef och två gruppledare",
        "tretton socialsekreterare, varav tre arbetar med ansökningar och rådgivning",
        "en metodstödjare som ansvarar för introduktion och BBIC",
        "en administratör",
    ),
    _p(
        "Mottagningstelefonen 08-508 09 100 är öppen vardagar klockan 9.00–11.30 och 13.00–14.30. Efter "
        "kontorstid tar Socialjouren emot anmälningar. Enheten har sina lokaler på Upplandsgatan 53."
    ),
    Block("h2", "Möten och samverkan internt"),
    _bullets(
        "ärendedragning varje morgon klockan 8.30 med den gruppledare som har mottagningsveckan",
        "arbetsplatsträff (APT) den andra onsdagen i månaden",
        "gemensam ärendehandledning med Utredningsenheten barn och unga varannan torsdag",
    ),
    Block("page"),
    Block("h1", "Mål och resultat 2026"),
    _p(
        "Kommunfullmäktiges mål bryts ned i nämndmål och i enhetens mål. Tabellen nedan ger en översikt. "
        "Därefter beskrivs varje enhetsmål med förväntat resultat, arbetssätt, uppföljning, indikatorer och "
        "aktiviteter."
    ),
    Block(
        "table",
        rows=(
            ("Nämndmål", "Enhetsmål"),
            (
                "Barn och unga på Norrmalm växer upp under trygga förhållanden",
                "Barn som det kommer in en orosanmälan om får en snabb och rättssäker bedömning",
            ),
            (
                "Barn och familjer får stöd tidigt genom samverkan",
                "Fler familjer får tidigt stöd genom samverkan med skola, förskola och polis",
            ),
            (
                "Norrmalms stadsdelsnämnd är en attraktiv arbetsgivare",
                "Medarbetarna har en hållbar arbetsbelastning och vill stanna på enheten",
            ),
        ),
    ),
    Block("h2", "Trygg uppväxt – snabb och rättssäker bedömning"),
    _goal(
        ("Kommunfullmäktiges mål", "1. Ett Stockholm som håller samman"),
        ("Nämndmål", "Barn och unga på Norrmalm växer upp under trygga förhållanden"),
        ("Enhetsmål", "Barn som det kommer in en orosanmälan om får en snabb och rättssäker bedömning"),
        (
            "Förväntat resultat",
            "Alla förhandsbedömningar är klara inom 14 dagar och skyddsbedömningen görs samma dag som "
            "anmälan kommer in. Barnet har fått komma till tals i minst fyra av fem förhandsbedömningar.",
        ),
        (
            "Arbetssätt",
            "Den socialsekreterare som tar emot anmälan gör skyddsbedömningen direkt tillsammans med "
            "gruppledaren. Varje förhandsbedömning läses av två socialsekreterare innan beslut "
            "(fyraögonsprincipen). Barnsamtal bokas i första hand i skolan under skoltid.",
        ),
        (
            "Uppföljning",
            "Gruppledarna tar fram en lista över pågående förhandsbedömningar varje måndag ur "
            "verksamhetssystemet Paraplyet. Resultatet redovisas på APT varje månad och i tertialrapporten.",
        ),
    ),
    Block("h3", "Indikatorer"),
    _indicators(
        ("Andel förhandsbedömningar som avslutas inom 14 dagar", "Tertial", "90 %", "95 %"),
        ("Andel skyddsbedömningar som görs samma dag som anmälan kommer in", "Månad", "100 %", "100 %"),
        ("Andel förhandsbedömningar där barnet har kommit till tals", "Halvår", "70 %", "80 %"),
    ),
    Block("h3", "Aktiviteter"),
    _activities(
        (
            "Införa en gemensam mall för skyddsbedömning i Paraplyet",
            "Gruppledarna",
            "jan 2026",
            "mar 2026",
        ),
        (
            "Utbilda alla nyanställda i samtal med barn enligt Socialstyrelsens material",
            "Metodstödjaren",
            "2026-02",
            "2026-06",
        ),
        (
            "Granska tio slumpvis valda förhandsbedömningar per kvartal i egenkontrollen",
            "Enhetschefen",
            "2026-03",
            "2026-12",
        ),
    ),
    Block("h2", "Tidigt stöd genom samverkan"),
    _goal(
        ("Kommunfullmäktiges mål", "1. Ett Stockholm som håller samman"),
        ("Nämndmål", "Barn och familjer får stöd tidigt genom samverkan"),
        ("Enhetsmål", "Fler familjer får tidigt stöd genom samverkan med skola, förskola och polis"),
        (
            "Förväntat resultat",
            "Skolor och förskolor vet när och hur de ska göra en orosanmälan och ringer oss för anonym "
            "konsultation innan de anmäler. Fler familjer tar emot en serviceinsats utan utredning.",
        ),
        (
            "Arbetssätt",
            "Enheten deltar i SSPF (samverkan mellan skola, socialtjänst, polis och fritid) i Vasastan och "
            "City. En socialsekreterare är kontaktperson för varje skola och besöker skolans elevhälsoteam "
            "en gång per termin.",
        ),
        (
            "Uppföljning",
            "Antalet anonyma konsultationer förs i en egen lista och redovisas varje kvartal för "
            "avdelningens ledningsgrupp.",
        ),
    ),
    Block("h3", "Indikatorer"),
    _indicators(
        ("Antal anonyma konsultationer med skola och förskola", "Kvartal", "–", "120"),
        ("Andel familjer som erbjuds serviceinsats inom 30 dagar", "Halvår", "60 %", "65 %"),
    ),
    Block("h3", "Aktiviteter"),
    _activities(
        (
            "Informera alla rektorer på Norrmalm om hur man gör en orosanmälan",
            "Enhetschefen",
            "feb 2026",
            "apr 2026",
        ),
        (
            "Ta fram en broschyr om orosanmälan på svenska, engelska, arabiska, somaliska och persiska",
            "Administratören",
            "2026-04",
            "2026-09",
        ),
        (
            "Delta i SSPF-möten varannan vecka i Vasastan och City",
            "Gruppledarna",
            "jan 2026",
            "dec 2026",
        ),
    ),
    Block("h2", "Attraktiv arbetsgivare – hållbar arbetsbelastning"),
    _goal(
        ("Kommunfullmäktiges mål", "3. Ett Stockholm med attraktiva arbetsplatser"),
        ("Nämndmål", "Norrmalms stadsdelsnämnd är en attraktiv arbetsgivare"),
        ("Enhetsmål", "Medarbetarna har en hållbar arbetsbelastning och vill stanna på enheten"),
        (
            "Förväntat resultat",
            "Ingen socialsekreterare har mer än en mottagningsvecka per månad, sjukfrånvaron minskar och "
            "färre medarbetare slutar.",
        ),
        (
            "Arbetssätt",
            "Mottagningsveckorna läggs i ett rullande schema fyra månader i förväg. Nyanställda går bredvid "
            "en erfaren kollega i sex veckor innan de har egen mottagningsvecka. Extern handledning ges "
            "varannan vecka.",
        ),
        (
            "Uppföljning",
            "Sjukfrånvaron följs varje kvartal och medarbetarenkäten en gång per år. Enhetschefen går igenom "
            "resultatet med skyddsombudet.",
        ),
    ),
    Block("h3", "Indikatorer"),
    _indicators(
        ("Sjukfrånvaro", "Kvartal", "5,5 %", "5,0 %"),
        ("Aktivt medskapandeindex (AMI)", "År", "80", "82"),
        ("Personalomsättning", "År", "–", "högst 15 %"),
    ),
    Block("h3", "Aktiviteter"),
    _activities(
        (
            "Införa rullande schema för mottagningsveckor",
            "Enhetschefen",
            "2026-01",
            "2026-03",
        ),
        (
            "Upphandla extern handledning för hela enheten",
            "Enhetschefen",
            "nov 2025",
            "jan 2026",
        ),
    ),
    Block("page"),
    Block("h1", "Rutin för orosanmälan som kommer in per telefon"),
    _p("Rutinen gäller alla som svarar i mottagningstelefonen."),
    Block(
        "numbered",
        rows=(
            ("Fråga efter anmälarens namn och telefonnummer. En privatperson får vara anonym.",),
            (
                "Gör en skyddsbedömning direkt och ta hjälp av gruppledaren om barnet kan behöva skydd "
                "samma dag.",
            ),
            ("Registrera anmälan i Paraplyet innan arbetsdagen är slut.",),
            ("Bekräfta till en yrkesverksam anmälare att anmälan har kommit in, inom tre arbetsdagar.",),
            ("Lämna över ärendet till den socialsekreterare som ska göra förhandsbedömningen.",),
        ),
    ),
    _p("Kommer anmälan in efter klockan 16.30 lämnas den till Socialjouren."),
    Block("h1", "Ekonomi"),
    _p(
        "Enhetens budget för 2026 är 16,8 miljoner kronor. Den största posten är personalkostnader. "
        "Tolkkostnaderna har ökat de senaste åren och budgeten för tolk har därför höjts."
    ),
    Block(
        "table",
        rows=(
            ("Kostnadsslag", "Budget 2026 (tkr)", "Budget 2025 (tkr)"),
            ("Personalkostnader", "14 620", "13 980"),
            ("Lokaler", "1 150", "1 120"),
            ("Tolk", "420", "380"),
            ("Utbildning och handledning", "360", "260"),
            ("Övrigt", "250", "240"),
            ("Summa", "16 800", "15 980"),
        ),
    ),
    Block("h1", "Förkortningar"),
    _bullets(
        "AMI – aktivt medskapandeindex",
        "APT – arbetsplatsträff",
        "BBIC – Barns behov i centrum",
        "SSPF – samverkan mellan skola, socialtjänst, polis och fritid",
    ),
)


def source_text() -> str:
    """The document's text: one line per paragraph, table rows as cells joined by " | ".

    An indicator table's merged header is written as its second header row (the one naming
    every column). This is what the question set's evidence is checked against.
    """
    lines: list[str] = []
    for block in CONTENT:
        if block.kind in ("table", "goal"):
            lines.extend(" | ".join(row) for row in block.rows)
        elif block.kind == "indicators":
            lines.append(" | ".join(INDICATOR_HEAD))
            lines.extend(" | ".join(row) for row in block.rows)
        elif block.kind in ("bullets", "numbered"):
            lines.extend(row[0] for row in block.rows)
        elif block.kind != "page":
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def _bold(cell: Any) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.bold = True


def _small(cell: Any) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(9)


def _table(document: Any, rows: tuple[tuple[str, ...], ...], header: bool = True) -> Any:
    table = document.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
            _small(cell)
    if header:
        for cell in table.rows[0].cells:
            _bold(cell)
            shade_cell(cell, "D9E2F3")
    return table


def _goal_table(document: Any, block: Block) -> None:
    """A key/value table: the key column shaded and bold, as unit templates lay out a goal."""
    table = _table(document, block.rows, header=False)
    for row in table.rows:
        _bold(row.cells[0])
        shade_cell(row.cells[0], "E2EFD9")


def _indicator_table(document: Any, block: Block) -> None:
    """Two header rows: Indikator and Periodicitet merged down, "Årsmål 2026" merged across."""
    table = document.add_table(rows=2, cols=4)
    table.style = "Table Grid"
    name = table.cell(0, 0).merge(table.cell(1, 0))
    period = table.cell(0, 1).merge(table.cell(1, 1))
    targets = table.cell(0, 2).merge(table.cell(0, 3))
    name.text, period.text, targets.text = INDICATOR_HEAD_TOP
    table.cell(1, 2).text, table.cell(1, 3).text = INDICATOR_HEAD[2:]
    for row in table.rows:
        for cell in row.cells:
            _bold(cell)
            shade_cell(cell, "D9E2F3")
    for values in block.rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
            _small(cell)


def build_docx(out: Path = FIXTURE) -> Path:
    """Write the document as .docx.

    Args:
        out: The .docx to write.

    Returns:
        `out`.
    """
    document = docx.Document()
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = HEADER
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.text = f"{FOOTER}\tsida "
    word_field(footer, "PAGE")
    for block in CONTENT:
        if add_plain_block(document, block):
            continue
        if block.kind == "numbered":
            for (item,) in block.rows:
                document.add_paragraph(item, style="List Number")
        elif block.kind == "goal":
            _goal_table(document, block)
            document.add_paragraph()
        elif block.kind == "indicators":
            _indicator_table(document, block)
            document.add_paragraph()
        elif block.kind == "table":
            _table(document, block.rows)
            document.add_paragraph()
    # Fixed document properties, so a rebuild differs from the committed file only where content does.
    document.core_properties.author = "Mottagningsenheten barn och unga"
    document.core_properties.created = document.core_properties.modified = datetime(2026, 1, 15, 9, 0)
    document.save(str(out))
    return out


if __name__ == "__main__":
    print(build_docx())
