"""An unseen quality-award application as a SCANNED paper copy with an OCR text layer.

`tests/fixtures/unseen/ku2019_familjehemsenheten_hagersten_liljeholmen.pdf` is made by this
module: an invented application from Familjehemsenheten at Hägersten-Liljeholmens
stadsdelsförvaltning to Stockholms stads kvalitetsutmärkelse 2019, reporting 2018 results beside
2016 and 2017. Staff printed it, signed it and scanned it back; a scanner's OCR added a text layer.
No other document in the corpus is about foster care (familjehem), Hägersten-Liljeholmen or 2019,
and its layout differs on purpose from the samples and the other unseen fixtures:

- every page is a bitmap (the "scan"), with an INVISIBLE text layer (PDF text render mode 3) laid
  over it line by line, as OCR tools write it: no bold, no fonts of the original, font sizes
  from the height of the scanned lines (headings are only larger, never bold);
- the text layer's å/ä/ö are MOJIBAKE: the OCR engine's UTF-8 went into a WinAnsi font, so "ä"
  reads "Ã¤", "å" "Ã¥", "ö" "Ã¶", "Ö" "Ã–" and "–" "â€“"; each line is stretched (horizontal
  scaling) to the width of the scanned line, as OCR tools do;
- running text keeps the printed copy's line breaks, with words HYPHENATED at line ends
  ("familjehems-" + "sekreterare");
- the running header ("Kvalitetsutmärkelsen 2019 – Familjehemsenheten … Sida N av M") and footer
  (the administration) repeat on every page;
- the award's criteria as headings "Kriterium 3: Medarbetare" and the template's sub-questions as
  "3.1 Hur arbetar ni …?" headings answered in prose, results in prose with figures ("ökade från
  62 procent 2016 till 84 procent 2018");
- a results table by year whose ruling lines are only in the bitmap: the text layer has the cells
  as words at their columns, nothing a PDF reader can see as a grid;
- bullet lists whose bullets the OCR read as "o" or "-", and a numbered list "1)".

`source_text()` is the document's text as printed (paragraphs as lines, table rows as cells
joined by " | ", list items without their bullet), which the question set's evidence is checked
against. Rebuild the PDF with `python -m tests.support.unseen_ku2019_scan_pdf` (reportlab and
Pillow; no LibreOffice); commit the PDF.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

NAME = "ku2019_familjehemsenheten_hagersten_liljeholmen.pdf"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / NAME
HEADER = "Kvalitetsutmärkelsen 2019 – Familjehemsenheten"
FOOTER = "Hägersten-Liljeholmens stadsdelsförvaltning"
_SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
_SERIF_BOLD = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"
_DPI = 100  # scan resolution; low, so the fixture stays small
_LEFT, _RIGHT, _TOP, _BOTTOM = 70.0, 525.0, 70.0, 780.0  # text area in points (A4 is 595 x 842)
_BODY, _H1, _H2, _TITLE = 11.0, 15.0, 12.5, 20.0


@dataclass(frozen=True)
class Block:
    """One block of the printed document: kind ("title", "h1", "h2", "p", "bullet", "num",
    "table", "cover", "page") and its text or table rows."""

    kind: str
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def _p(text: str) -> Block:
    return Block("p", text)


CONTENT: tuple[Block, ...] = (
    Block("cover", "Hägersten-Liljeholmens stadsdelsförvaltning"),
    Block("cover", "Avdelningen för individ- och familjeomsorg"),
    Block("title", "Ansökan till Stockholms stads kvalitetsutmärkelse 2019"),
    Block("h1", "Familjehemsenheten"),
    Block("cover", "Kontaktperson: Annika Berglöf, enhetschef"),
    Block("cover", "Telefon: 08-508 22 715"),
    Block("cover", "Adress: Liljeholmsvägen 18, 117 61 Stockholm"),
    Block("cover", "Inlämnad: 2019-03-29"),
    Block("page"),
    Block("h1", "Sammanfattning"),
    _p(
        "Familjehemsenheten rekryterar, utreder och stödjer familjehem och kontaktfamiljer för barn och "
        "unga som är placerade av stadsdelsförvaltningen. Enheten har elva medarbetare: åtta "
        "familjehemssekreterare, en samordnare för kontaktfamiljer, en administratör och enhetschefen. "
        "Vid utgången av 2018 hade enheten 64 egna familjehem med 78 placerade barn och 41 kontaktfamiljer."
    ),
    _p(
        "Vi söker utmärkelsen för Stödtrappan, vårt arbetssätt för att ge varje familjehem rätt stöd i "
        "rätt tid. Sedan Stödtrappan infördes har antalet oplanerade avbrott i placeringarna minskat från "
        "nio 2016 till tre 2018, och färre barn behöver flytta mellan familjehem."
    ),
    Block("h1", "Kriterium 1: Ledning och styrning"),
    Block("h2", "1.1 Hur omsätter ni nämndens mål i verksamheten?"),
    _p(
        "Varje år i december bryter enheten ner nämndens mål till tre enhetsmål på en gemensam "
        "planeringsdag. För 2018 var enhetens mål fler familjehem i närområdet, färre oplanerade avbrott "
        "och kortare familjehemsutredningar. Målen följs upp på arbetsplatsträffen varje månad."
    ),
    Block("h2", "1.2 Hur följer ni upp verksamheten?"),
    _p(
        "Enheten har en resultattavla i personalrummet som uppdateras den första måndagen i varje "
        "månad. På tavlan följer vi antalet lediga familjehem, pågående familjehemsutredningar och "
        "hur många familjehem som har fått sitt uppföljningsbesök. En gång per kvartal går enhetschefen "
        "igenom resultaten med avdelningschefen."
    ),
    Block("h1", "Kriterium 2: Brukarfokus"),
    Block("h2", "2.1 Hur tar ni reda på vad barnen och familjehemmen behöver?"),
    _p(
        "Varje familjehem får en enkät i oktober. Andelen familjehem som är nöjda med stödet från sin "
        "familjehemssekreterare ökade från 62 procent 2016 till 71 procent 2017 och 84 procent 2018. "
        "Svarsfrekvensen 2018 var 79 procent."
    ),
    _p(
        "Barnen får en egen enkät som de fyller i tillsammans med sin socialsekreterare. Av de 52 barn som "
        "svarade 2018 angav 88 procent att de trivs i sitt familjehem."
    ),
    Block("h2", "2.2 Hur gör ni barnen delaktiga?"),
    _p(
        "Barnets socialsekreterare träffar barnet enskilt minst fyra gånger per år. Sedan 2017 får barn "
        "som är äldre än tio år vara med och välja familjehem när det är möjligt, genom att träffa "
        "familjen före placeringen. Barnen har också ett eget barnråd som träffas två gånger per termin."
    ),
    Block("h1", "Kriterium 3: Medarbetare"),
    Block("h2", "3.1 Hur arbetar ni med kompetens och arbetsmiljö?"),
    _p(
        "Alla familjehemssekreterare har extern handledning varannan vecka. Nyanställda går "
        "grundutbildningen Ett hem att växa i tillsammans med nya familjehem, så att de lär sig samma "
        "sak som familjerna. Personalomsättningen minskade från 27 procent 2016 till 9 procent 2018, och "
        "sjukfrånvaron var 4,2 procent 2018."
    ),
    _p("Under 2018 har medarbetarna gått följande utbildningar:"),
    Block("bullet", "BBIC för familjehemssekreterare"),
    Block("bullet", "Traumamedvetet omhänderskapande, två dagar"),
    Block("bullet", "Utredning av nätverkshem enligt Kälvestensmetoden"),
    Block("h1", "Kriterium 4: Förbättringsarbete"),
    Block("h2", "4.1 Vilket förbättringsarbete vill ni lyfta fram?"),
    _p(
        "År 2016 avbröts nio placeringar oplanerat, oftast för att familjehemmet inte fick stöd i tid när "
        "det blev svårt. Vi startade därför Stödtrappan i februari 2017. Stödtrappan har tre steg:"
    ),
    Block("num", "Alla familjehem får ett uppföljningsbesök var sjätte vecka."),
    Block("num", "Ett familjehem som ber om hjälp får ett extra besök inom tre arbetsdagar."),
    Block("num", "Vid risk för avbrott kallar familjehemssekreteraren till ett krismöte inom en vecka."),
    _p("Under 2017 och 2018 har vi också genomfört följande förbättringar:"),
    Block(
        "bullet", "två egna jourhem från maj 2017, så att akuta placeringar inte går till konsulentföretag"
    ),
    Block("bullet", "informationskvällar för blivande familjehem på biblioteken i Liljeholmen och Hägersten"),
    Block("bullet", "nätverksutredningar klara inom sex veckor"),
    Block("bullet", "gemensamma ärendedragningar med barn- och ungdomsenheten varje vecka"),
    Block("h1", "Kriterium 5: Resultat"),
    Block("h2", "5.1 Vilka resultat har ni nått de senaste tre åren?"),
    Block(
        "table",
        rows=(
            ("Resultatmått", "2016", "2017", "2018"),
            ("Egna familjehem 31 december", "49", "57", "64"),
            ("varav nätverkshem", "12", "15", "19"),
            ("Nya familjehem under året", "7", "11", "14"),
            ("Familjehemsutredning, veckor", "19", "15", "11"),
            ("Oplanerade avbrott", "9", "6", "3"),
            ("Andel i konsulentstödda hem", "41 %", "33 %", "22 %"),
            ("Kostnad konsulenthem, mnkr", "14,8", "12,1", "8,6"),
        ),
    ),
    _p("Tabell 1. Enhetens resultat 2016–2018. Källa: enhetens egen statistik."),
    _p(
        "Den genomsnittliga tiden för en familjehemsutredning har kortats från 19 veckor till 11 veckor. "
        "Eftersom fler barn kan placeras i egna familjehem har kostnaden för konsulentstödda familjehem "
        "minskat med 6,2 miljoner kronor på två år."
    ),
    Block("h2", "5.2 Hur har ni nått målen i verksamhetsplanen för 2018?"),
    _p(
        "Två av enhetens tre mål uppnåddes. Målet om kortare utredningar uppnåddes delvis: 74 procent av "
        "familjehemsutredningarna var klara inom tolv veckor, mot målet 90 procent."
    ),
    Block("h1", "Kriterium 6: Samverkan"),
    _p(
        "Enheten samverkar med barn- och ungdomsenheten, som ansvarar för barnens utredningar, med "
        "skolorna och med barn- och ungdomspsykiatrin. Tillsammans med Skärholmen och Älvsjö har vi sedan "
        "2018 en gemensam rekryteringsgrupp som annonserar efter familjehem i södra Stockholm."
    ),
    Block("h1", "Fortsatt utveckling"),
    _p("Under 2019 och 2020 vill enheten utveckla följande:"),
    Block("bullet", "en digital intresseanmälan för blivande familjehem"),
    Block("bullet", "grupphandledning för nätverkshem"),
    Block("bullet", "ett uppföljningssamtal med barnet ett år efter avslutad placering"),
)


def source_text() -> str:
    """The document as printed: one line per paragraph, table rows as cells joined by " | ".

    List items are lines without their bullet or number; the running header and footer are not
    included. This is what the question set's evidence is checked against; the PDF's text layer
    holds the same words, garbled as `ocr_text` garbles them.
    """
    lines: list[str] = []
    for block in CONTENT:
        if block.kind == "table":
            lines.extend(" | ".join(row) for row in block.rows)
        elif block.kind != "page":
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def ocr_text(text: str) -> str:
    """The text as the OCR layer holds it: UTF-8 bytes read as WinAnsi (cp1252), "ä" -> "Ã¤"."""
    return text.encode("utf-8").decode("cp1252")


# --- layout --------------------------------------------------------------------------------------

_VOWELS = set("aeiouyåäöAEIOUYÅÄÖ")


def _hyphenate(word: str, room: float, size: float) -> tuple[str, str] | None:
    """Split `word` at the last Swedish syllable break (before a consonant + vowel) that fits `room`."""
    best = None
    for i in range(3, len(word) - 3):
        if word[i] not in _VOWELS and word[i + 1] in _VOWELS and word[i - 1].isalpha() and word[i].isalpha():
            head = word[:i] + "-"
            if stringWidth(head, "Times-Roman", size) <= room:
                best = (head, word[i:])
    return best


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Break a paragraph into printed lines, hyphenating a long word that does not fit."""
    lines: list[str] = []
    line = ""
    words = text.split()
    while words:
        word = words.pop(0)
        candidate = f"{line} {word}" if line else word
        room = width
        if stringWidth(candidate, "Times-Roman", size) <= room:
            line = candidate
            continue
        split = None
        if len(word) >= 9:
            left = room - stringWidth(f"{line} " if line else "", "Times-Roman", size)
            split = _hyphenate(word, left, size)
        if split:
            lines.append(f"{line} {split[0]}" if line else split[0])
            words.insert(0, split[1])
            line = ""
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


@dataclass
class _Line:
    """One printed line: its text (or table cells at x positions), size and where it sits."""

    x: float
    top: float
    size: float
    text: str
    bold: bool = False
    cells: tuple[tuple[float, str], ...] = ()
    rules: tuple[float, float] | None = None  # a table row's horizontal rule span (x0, x1)


_COLUMNS = (_LEFT, _LEFT + 210.0, _LEFT + 290.0, _LEFT + 370.0)


def _layout() -> list[list[_Line]]:
    pages: list[list[_Line]] = [[]]
    top = _TOP + 40.0
    counter = 0

    def place(line: _Line, advance: float) -> None:
        nonlocal top
        if top + advance > _BOTTOM:
            pages.append([])
            top = _TOP + 20.0
            line.top = top
        pages[-1].append(line)
        top += advance

    for block in CONTENT:
        if block.kind == "page":
            pages.append([])
            top = _TOP + 20.0
            continue
        if block.kind in ("title", "h1", "h2"):
            size = {"title": _TITLE, "h1": _H1, "h2": _H2}[block.kind]
            if top + size * 4 > _BOTTOM:  # no heading alone at the foot of a page
                pages.append([])
                top = _TOP + 20.0
            top += size * 0.8
            for text in _wrap(block.text, _RIGHT - _LEFT, size):
                place(_Line(_LEFT, top, size, text, bold=True), size * 1.35)
            top += size * 0.3
            continue
        if block.kind == "cover":
            place(_Line(_LEFT, top, _BODY, block.text), _BODY * 1.6)
            continue
        if block.kind == "table":
            top += 4.0
            for index, row in enumerate(block.rows):
                cells = tuple(zip(_COLUMNS, row, strict=True))
                place(
                    _Line(
                        _LEFT,
                        top,
                        _BODY - 1,
                        "",
                        bold=index == 0,
                        cells=cells,
                        rules=(_LEFT - 4, _RIGHT - 40),
                    ),
                    (_BODY - 1) * 1.7,
                )
            top += 8.0
            continue
        if block.kind in ("bullet", "num"):
            counter = counter + 1 if block.kind == "num" else 0
            mark = f"{counter})" if block.kind == "num" else "•"
            wrapped = _wrap(block.text, _RIGHT - _LEFT - 22, _BODY)
            for index, text in enumerate(wrapped):
                # The mark and the item's text are apart on the scan, so OCR gives two words.
                cells = ((_LEFT + 8, mark), (_LEFT + 22, text)) if index == 0 else ((_LEFT + 22, text),)
                place(_Line(_LEFT + 8, top, _BODY, "", cells=cells), _BODY * 1.3)
            continue
        counter = 0
        for text in _wrap(block.text, _RIGHT - _LEFT, _BODY):
            place(_Line(_LEFT, top, _BODY, text), _BODY * 1.3)
        top += _BODY * 0.6
    return pages


# --- rendering: the scanned bitmap and the OCR layer over it ---------------------------------------


def _px(points: float) -> int:
    return round(points * _DPI / 72)


def _scan(lines: list[_Line], page: int, pages: int, noise: random.Random) -> Image.Image:
    """The page as the scanner saw it: black on white at `_DPI`, slightly speckled."""
    width, height = _px(A4[0]), _px(A4[1])
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    fonts: dict[tuple[float, bool], ImageFont.FreeTypeFont] = {}

    def font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
        if (size, bold) not in fonts:
            fonts[(size, bold)] = ImageFont.truetype(_SERIF_BOLD if bold else _SERIF, _px(size))
        return fonts[(size, bold)]

    for line in _furniture(page, pages) + lines:
        if line.cells:
            for x, text in line.cells:
                draw.text((_px(x), _px(line.top)), text, fill=0, font=font(line.size, line.bold))
            if line.rules:
                y = _px(line.top + line.size * 1.35)
                draw.line((_px(line.rules[0]), y, _px(line.rules[1]), y), fill=0, width=1)
        else:
            draw.text((_px(line.x), _px(line.top)), line.text, fill=0, font=font(line.size, line.bold))
    for _ in range(400):  # dust on the scanner glass
        x, y = noise.randrange(width), noise.randrange(height)
        draw.point((x, y), fill=noise.choice((0, 90, 160)))
    return image.convert("1").convert("L")  # a black-and-white scan


def _furniture(page: int, pages: int) -> list[_Line]:
    header = f"{HEADER}"
    number = f"Sida {page} av {pages}"
    return [
        _Line(_LEFT, 36.0, 9.0, header),
        _Line(_RIGHT - stringWidth(number, "Times-Roman", 9.0), 36.0, 9.0, number),
        _Line(_LEFT, 806.0, 9.0, FOOTER),
    ]


def _ocr_layer(pdf: canvas.Canvas, lines: list[_Line]) -> None:
    """Invisible text over the bitmap, one text object per OCR'd line (or table cell)."""
    for line in lines:
        pieces = [(x, text) for x, text in line.cells] if line.cells else [(line.x, line.text)]
        for x, text in pieces:
            if not text:
                continue
            garbled = ocr_text(text.replace("•", "o"))
            printed = stringWidth(text, "Times-Roman", line.size)
            natural = stringWidth(garbled, "Helvetica", line.size)
            obj = pdf.beginText()
            obj.setTextRenderMode(3)
            obj.setFont("Helvetica", line.size)
            obj.setHorizScale(100.0 * printed / natural if natural else 100.0)
            # The baseline sits at ~80 % of the line's height below its top.
            obj.setTextOrigin(x, A4[1] - line.top - line.size * 0.8)
            obj.textOut(garbled)
            pdf.drawText(obj)


def build_pdf(out: Path = FIXTURE) -> Path:
    """Write the scanned application with its OCR layer to `out`.

    Args:
        out: The PDF to write.

    Returns:
        `out`.
    """
    pages = _layout()
    noise = random.Random(2019)
    pdf = canvas.Canvas(str(out), pagesize=A4, pageCompression=1)
    pdf.setTitle("Skannat dokument")
    pdf.setProducer("Scan2PDF OCR 4.2")
    for number, lines in enumerate(pages, start=1):
        image = _scan(lines, number, len(pages), noise)
        pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        _ocr_layer(pdf, _furniture(number, len(pages)) + lines)
        pdf.showPage()
    pdf.save()
    return out


def _check_words() -> None:
    # Guard against a typo in CONTENT that would make a line longer than the page.
    for block in CONTENT:
        for word in re.findall(r"\S+", block.text):
            assert stringWidth(word, "Times-Roman", _BODY) < _RIGHT - _LEFT, word


if __name__ == "__main__":
    _check_words()
    print(build_pdf())
