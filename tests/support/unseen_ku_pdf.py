"""An unseen quality-award application that goes through the real PDF path (Word, then LibreOffice).

`tests/fixtures/unseen/ku2023_relationsvaldsenheten_rinkeby_kista.pdf` is made by this module:
the content below (invented) is the application a unit sends to Stockholms stads
kvalitetsutmärkelse 2023, written as a .docx with python-docx and exported to PDF with
LibreOffice. Like every such application it reports the PREVIOUS year's results (2022, compared
with 2020 and 2021) in prose, by the award's areas, with tables and a figure. Its Word layout
differs from the plan fixture (`unseen_pdf.py`) and from the other unseen KUs on purpose:

- a cover with the award's name in Word's Title style and a fact box of administrative details;
- a typed table of contents with dot leaders and page numbers, on its own page;
- running header with the district and the award, centred "Sida N av M" footer;
- the award's areas as numbered Heading 1 ("2 Resultat"), sub-areas as Heading 2, and the
  award template's question in italics under each area;
- a key-figure table with the years as columns (Nyckeltal | 2020 | 2021 | 2022) and a caption
  with its source under it; an indicator table Målvärde 2022 | Utfall 2022 | Bedömning;
- a staff-survey table with two year columns, a budget table with a signed deviation column;
- a bar chart as a picture (no text layer) with a caption; Word bulleted lists ("List Bullet")
  and an automatically numbered list ("List Number": the numbers exist only in the PDF);
- an abbreviation table as appendix.

`source_text()` is the document's text (paragraphs as lines, table rows as cells joined by
" | ", list items without their bullet or number), which the question set's evidence is checked
against. Rebuild the PDF with `python -m tests.support.unseen_ku_pdf` (needs LibreOffice);
commit the PDF, not the .docx.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw

from tests.support.render import add_plain_block, docx_fixture_pdf, word_field
from tests.support.unseen_pdf import _GRID, _SHADED, Block, _fact_box, _t, _table

NAME = "ku2023_relationsvaldsenheten_rinkeby_kista.pdf"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / NAME
HEADER = "Rinkeby-Kista stadsdelsförvaltning\tKvalitetsutmärkelsen 2023"
_TEXT_WIDTH = 16.0  # cm between the margins
# New cases per year, drawn as the figure (a picture: its numbers are not text in the PDF).
_CASES = ((2020, 318), (2021, 366), (2022, 412))

CONTENT: tuple[Block, ...] = (
    Block("title", "Kvalitetsutmärkelsen 2023"),
    Block("p", "Ansökan från Relationsvåldsenheten, Rinkeby-Kista stadsdelsförvaltning"),
    Block("p", "Kategori: Socialtjänst, individ- och familjeomsorg"),
    Block(
        "box",
        rows=(
            ("Verksamhetens namn", "Relationsvåldsenheten"),
            ("Enhetschef", "Sara Haddad"),
            ("Telefon", "08-508 01 630"),
            ("E-post", "sara.haddad@stockholm.se"),
            ("Besöksadress", "Kistagången 12, 164 40 Kista"),
            ("Antal anställda den 1 mars 2023", "17 tillsvidareanställda och 2 vikarier"),
        ),
    ),
    Block("page"),
    Block("toctitle", "Innehåll"),
    Block("toc", "Sammanfattning", style="3"),
    Block("toc", "1 Verksamheten", style="3"),
    Block("toc", "2 Resultat", style="4"),
    Block("toc", "3 Brukarfokus", style="5"),
    Block("toc", "4 Ledarskap", style="5"),
    Block("toc", "5 Medarbetare", style="5"),
    Block("toc", "6 Förbättringsarbete: barnens egna samtal", style="6"),
    Block("toc", "7 Samverkan", style="6"),
    Block("toc", "8 Ekonomi", style="6"),
    Block("toc", "9 Lärdomar och utvecklingsområden", style="7"),
    Block("toc", "Bilaga. Förkortningar", style="7"),
    Block("page"),
    Block("h1", "Sammanfattning"),
    Block(
        "p",
        "Relationsvåldsenheten ger stöd till vuxna och barn i Rinkeby-Kista som utsätts för eller utövar "
        "våld i nära relationer. Under 2022 tog enheten emot 412 nya ärenden, det högsta antalet sedan "
        "enheten bildades 2017.",
    ),
    Block(
        "p",
        "Vi söker utmärkelsen för vårt arbete med att göra barnen synliga. Sedan 2021 erbjuds alla barn i "
        "ärendena ett eget samtal, och andelen barn som fått det har ökat från 38 procent till 81 procent "
        "på två år.",
    ),
    Block("h1", "1 Verksamheten"),
    Block("h2", "1.1 Uppdrag och målgrupp"),
    Block(
        "p",
        "Enheten utreder och beviljar stöd enligt socialtjänstlagen till personer över 18 år som utsatts "
        "för våld av en närstående, och till barn som har bevittnat eller upplevt våldet. Vi erbjuder också "
        "samtal till den som utövar våld, i samarbete med Kriscentrum för män.",
    ),
    Block(
        "p",
        "De flesta som söker stöd är kvinnor mellan 25 och 45 år. Ungefär var tredje behöver tolk i "
        "samtalen, oftast på somaliska, arabiska eller tigrinja.",
    ),
    Block("h2", "1.2 Organisation"),
    Block(
        "p",
        "Enheten leds av enhetschefen och en biträdande enhetschef. Arbetet är organiserat i tre grupper:",
    ),
    Block(
        "bullets",
        rows=(
            (
                "Utredningsgruppen, sex socialsekreterare som gör risk- och skyddsbedömningar och utreder "
                "behovet av stöd",
            ),
            ("Stödgruppen, fem behandlare som ger stödsamtal till vuxna och barn",),
            ("Förändringsgruppen, två behandlare som arbetar med personer som utövar våld",),
        ),
    ),
    Block("p", "Till enheten hör också en samordnare för skyddat boende och en administratör."),
    Block("page"),
    Block("h1", "2 Resultat"),
    Block("q", "Redovisa verksamhetens viktigaste resultat för det senaste året och jämför med tidigare år."),
    Block(
        "p",
        "Antalet ärenden har ökat varje år sedan 2020. Ökningen beror främst på att fler anmälningar kommer "
        "från förskolor och skolor efter de utbildningar vi höll för personalen där under 2021.",
    ),
    _t(
        _GRID,
        ("Nyckeltal", "2020", "2021", "2022"),
        ("Nya ärenden, vuxna", "318", "366", "412"),
        ("Barn i ärendena", "402", "455", "497"),
        ("Andel barn som fått ett eget samtal", "38 %", "64 %", "81 %"),
        ("Placeringar i skyddat boende", "41", "37", "29"),
        ("Genomsnittlig utredningstid, dagar", "94", "81", "67"),
    ),
    Block(
        "caption",
        "Tabell 1. Enhetens nyckeltal 2020–2022. Källa: verksamhetssystemet Paraplyet och enhetens egen "
        "statistik.",
    ),
    Block(
        "p",
        "Att färre placeras i skyddat boende ser vi som ett resultat av att fler får stöd tidigt och kan bo "
        "kvar hemma med kontaktförbud eller skyddade personuppgifter. Utredningstiden har kortats med fyra "
        "veckor sedan 2020, efter att vi införde en gemensam mall för riskbedömning.",
    ),
    Block("figure"),
    Block("caption", "Figur 1. Antal nya ärenden per år 2020–2022"),
    Block("h2", "2.1 Måluppfyllelse 2022"),
    Block(
        "p",
        "Enheten hade fyra indikatorer i verksamhetsplanen för 2022. Två uppfylldes, en uppfylldes delvis "
        "och en uppfylldes inte.",
    ),
    _t(
        _SHADED,
        ("Indikator", "Målvärde 2022", "Utfall 2022", "Bedömning"),
        (
            "Andel våldsutsatta som fått en riskbedömning med FREDA inom fem arbetsdagar",
            "90 %",
            "84 %",
            "Delvis uppfyllt",
        ),
        ("Andel brukare som är nöjda med bemötandet", "85 %", "91 %", "Uppfyllt"),
        ("Aktivt medskapandeindex (AMI)", "80", "83", "Uppfyllt"),
        ("Sjukfrånvaro, procent", "5,0", "6,8", "Ej uppfyllt"),
    ),
    Block(
        "p",
        "Sjukfrånvaron ökade under hösten 2022 när två medarbetare var långtidssjukskrivna. "
        "Korttidssjukfrånvaron låg på samma nivå som 2021.",
    ),
    Block("h1", "3 Brukarfokus"),
    Block("q", "Beskriv hur ni tar reda på brukarnas behov och hur ni gör dem delaktiga."),
    Block(
        "p",
        "Varje brukare som avslutar sitt stöd får frågan om att svara på en kort enkät, på papper eller via "
        "sms. Under 2022 svarade 146 brukare, vilket är 57 procent av dem som avslutade.",
    ),
    Block(
        "p",
        "Barnen får en egen enkät med smileys som fylls i tillsammans med behandlaren. Svaren visade att "
        "barnen ville ha kortare samtal och fler träffar, och sedan hösten 2022 är barnsamtalen 30 minuter "
        "i stället för 60.",
    ),
    Block("h2", "3.1 Synpunkter och klagomål"),
    Block(
        "p",
        "Under 2022 kom det in nio klagomål och fyra beröm. De flesta klagomålen handlade om att det var "
        "svårt att nå sin handläggare per telefon. Vi har därför infört en telefontid varje vardag klockan "
        "9–10 då alla handläggare svarar direkt.",
    ),
    Block("h1", "4 Ledarskap"),
    Block("q", "Beskriv hur ledningen gör mål och värderingar kända och följer upp resultaten."),
    Block(
        "p",
        "Ledningsgruppen består av enhetschefen, den biträdande enhetschefen och gruppledarna. Den träffas "
        "varje tisdag och går igenom nyckeltalen en gång i månaden.",
    ),
    Block("p", "Så gör vi målen och värderingarna kända:"),
    Block(
        "bullets",
        rows=(
            ("Målen i verksamhetsplanen gås igenom på en planeringsdag i december.",),
            ("Varje APT börjar med en fråga ur stadens värdegrund.",),
            ("Nya medarbetare får en introduktionspärm och en fadder.",),
        ),
    ),
    Block("h1", "5 Medarbetare"),
    Block("q", "Redovisa resultaten från den senaste medarbetarundersökningen och jämför med tidigare år."),
    _t(
        _GRID,
        ("Fråga i medarbetarenkäten", "2021", "2022"),
        ("Jag vet vad som förväntas av mig i mitt arbete", "78", "86"),
        ("Jag har möjlighet att påverka hur mitt arbete utförs", "70", "79"),
        ("Min arbetsbelastning är rimlig", "52", "61"),
        ("Aktivt medskapandeindex (AMI)", "77", "83"),
    ),
    Block("caption", "Tabell 2. Medarbetarenkäten 2021 och 2022, indexvärden 0–100."),
    Block(
        "p",
        "Resultatet förbättrades på alla frågor. Lägst är fortfarande frågan om arbetsbelastning. Efter "
        "analysen på APT har vi infört ett tak på tolv pågående ärenden per socialsekreterare i "
        "utredningsgruppen.",
    ),
    Block(
        "p",
        "Alla medarbetare har gått stadens grundutbildning om våld i nära relationer. Under 2022 gick fyra "
        "medarbetare en fördjupningsutbildning om hedersrelaterat våld och förtryck.",
    ),
    Block("h1", "6 Förbättringsarbete: barnens egna samtal"),
    Block("q", "Beskriv ett förbättringsarbete och vilket resultat det gav."),
    Block(
        "p",
        "Tidigare träffade vi ofta bara den vuxna, och barnen syntes inte i dokumentationen. Projektet "
        "startade i februari 2021 och genomfördes i fyra steg:",
    ),
    Block(
        "numbered",
        rows=(
            ("Kartläggning av hur många barn som fick ett eget samtal under 2020.",),
            ("Utbildning av alla behandlare i samtalsmetoden Trappan.",),
            ("Ett nytt fält i journalen där varje genomfört barnsamtal registreras.",),
            ("Uppföljning av andelen barn med eget samtal varje månad i ledningsgruppen.",),
        ),
    ),
    Block(
        "p",
        "Andelen barn som fått ett eget samtal steg från 38 procent 2020 till 81 procent 2022. Målet för "
        "2023 är 90 procent.",
    ),
    Block("h1", "7 Samverkan"),
    Block(
        "p",
        "Enheten samverkar med polisen i Rinkeby, Akalla vårdcentral, den lokala kvinnojouren och skolorna i "
        "stadsdelen. Med polisen har vi ett samverkansmöte varannan vecka där vi går igenom aktuella ärenden "
        "med hög risk.",
    ),
    Block("h1", "8 Ekonomi"),
    Block(
        "p",
        "Enheten hade ett litet överskott 2022. Kostnaderna för skyddat boende blev lägre än budgeterat "
        "eftersom färre placerades.",
    ),
    _t(
        _GRID,
        ("År", "Budget (tkr)", "Utfall (tkr)", "Avvikelse (tkr)"),
        ("2021", "21 400", "22 150", "-750"),
        ("2022", "22 600", "22 180", "+420"),
    ),
    Block("h1", "9 Lärdomar och utvecklingsområden"),
    Block(
        "p",
        "Det viktigaste vi har lärt oss är att barnens röst kräver en egen struktur; det räcker inte att "
        "vilja. Inför 2023 har vi valt tre utvecklingsområden:",
    ),
    Block(
        "bullets",
        rows=(
            ("Minska sjukfrånvaron till under fem procent",),
            ("Erbjuda stödsamtal på somaliska och arabiska utan tolk",),
            ("Följa upp hur brukarna har det ett halvår efter avslutat stöd",),
        ),
    ),
    Block("h1", "Bilaga. Förkortningar"),
    _t(
        _GRID,
        ("Förkortning", "Betydelse"),
        ("AMI", "Aktivt medskapandeindex"),
        ("APT", "Arbetsplatsträff"),
        ("FREDA", "Socialstyrelsens bedömningsmetoder för våld i nära relationer"),
        ("SoL", "Socialtjänstlagen"),
    ),
)


def source_text() -> str:
    """The document's text: one line per paragraph, table rows as cells joined by " | ".

    List items are lines without their bullet or number (Word draws those); table-of-contents
    entries are the heading and the page number. This is what the question set's evidence is
    checked against; the PDF shows the same words.
    """
    lines: list[str] = []
    for block in CONTENT:
        if block.kind in ("table", "box"):
            lines.extend(" | ".join(row) for row in block.rows)
        elif block.kind in ("bullets", "numbered"):
            lines.extend(row[0] for row in block.rows)
        elif block.kind == "toc":
            lines.append(f"{block.text} {block.style}")
        elif block.kind not in ("page", "figure"):
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def _chart(out: Path) -> Path:
    """A bar chart of new cases per year, as a picture without text (as pasted from Excel)."""
    image = Image.new("RGB", (600, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.line((40, 270, 580, 270), fill="black", width=2)
    for index, (_year, cases) in enumerate(_CASES):
        left = 90 + index * 170
        draw.rectangle((left, 270 - cases * 0.55, left + 100, 270), fill=(31, 78, 121))
    image.save(out)
    return out


def build_docx(out: Path) -> Path:
    """Write the application as .docx.

    Args:
        out: The .docx to write (the chart picture is written beside it).

    Returns:
        `out`.
    """
    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    header = section.header.paragraphs[0]
    header.text = HEADER
    header.paragraph_format.tab_stops.add_tab_stop(Cm(_TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Sida ")
    word_field(footer, "PAGE")
    footer.add_run(" av ")
    word_field(footer, "NUMPAGES")
    for block in CONTENT:
        if add_plain_block(document, block):
            continue
        if block.kind == "q":
            run = document.add_paragraph().add_run(block.text)
            run.italic = True
        elif block.kind == "caption":
            run = document.add_paragraph().add_run(block.text)
            run.italic = True
            run.font.size = Pt(9)
        elif block.kind == "toctitle":
            run = document.add_paragraph().add_run(block.text)
            run.bold = True
            run.font.size = Pt(16)
        elif block.kind == "toc":
            paragraph = document.add_paragraph(f"{block.text}\t{block.style}")
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Cm(_TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
        elif block.kind == "table":
            _table(document, block)
        elif block.kind == "box":
            _fact_box(document, block, "F2E8F4")
        elif block.kind == "numbered":
            for (item,) in block.rows:
                document.add_paragraph(item, style="List Number")
        elif block.kind == "figure":
            document.add_picture(str(_chart(out.with_suffix(".png"))), width=Cm(11))
    document.save(str(out))
    return out


def build_pdf(out: Path = FIXTURE) -> Path:
    """Build the .docx in a temporary folder and export it to `out` with LibreOffice."""
    return docx_fixture_pdf(build_docx, out)


if __name__ == "__main__":
    print(build_pdf())
