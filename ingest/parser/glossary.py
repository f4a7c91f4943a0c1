"""Abbreviations a document defines itself: 'APT: arbetsplatsträff', 'FUT (felaktiga utbetalningar)'.

A candidate counts only when the expansion plausibly spells the term: its first word starts
with the term's first letter and the term's letters appear in order in the expansion
(loosely, so compounds like 'Relationsvårdsteamet (RVT)' and 'kommunallagen (KL)' pass).
A row of the document's own abbreviation list (a table headed "Förkortning | Betydelse", or a
two-column table under a heading "Förkortningar" or "Ordlista") is a definition even when it
does not spell the term: such lists explain names ("FREDA | Socialstyrelsens
bedömningsmetoder för våld i nära relationer") as often as they expand letters.
"""

from __future__ import annotations

import re

from ingest.parser.ocr import repair
from ingest.parser.sections import ProseBlock
from ingest.parser.text import fold, sentences, squash
from knowledge.models import GlossaryEntry

_TERM = r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,5}"
_LINE_DEF = re.compile(rf"^(?P<term>{_TERM})\s*[:=]\s+(?P<exp>[^:]{{3,100}})$")
# A two-column list of abbreviations (a table row: term, then its expansion).
_CELL_DEF = re.compile(rf"^(?P<term>{_TERM})\t+(?P<exp>[^\t]{{3,300}})$")
# A list item of an abbreviation list: "BBIC – Barns behov i centrum" (after its bullet).
_DASH_DEF = re.compile(rf"^(?P<term>{_TERM})\s+[–-]\s+(?P<exp>[^–]{{3,300}})$")
# The bullet or number a list item starts with ("• ", "- ", "3. "), not part of a definition.
_LIST_MARKER = re.compile(r"^(?:[-•*–]|\d{1,2}[.)])\s+")
_FORWARD = re.compile(rf"\b(?P<term>{_TERM})\s*\((?P<exp>[^()]{{3,80}})\)")
_REVERSE = re.compile(rf"\((?P<term>{_TERM})\)")
_EQUALS = re.compile(rf"\b(?P<term>{_TERM})\s*=\s*(?P<exp>[^.,;()=]{{3,80}})")
_ROLE = re.compile(
    r"\b(?P<term>[A-ZÅÄÖ]{2,6})-\w+\s+som\s+(?:arbetar med|handlägger|ansvarar för|utreder)\s+"
    r"(?P<exp>[^.,;]{3,80})"
)
# "FUT står för felaktiga utbetalningar", "förkortningen DUR betyder …", "HVT – Hemlöshetsteamet …".
_MEANS = re.compile(
    rf"\b(?P<term>{_TERM})\s+(?:st[åa]r\s+f[öo]r|betyder|[äa]r\s+(?:en\s+)?f[öo]rkortning\s+(?:f[öo]r|av))\s+"
    r"(?P<exp>[^.;()]{3,80})"
)
_DASH = re.compile(rf"(?:^|[.;:]\s+|\n)(?P<term>{_TERM})\s+[–-]\s+(?P<exp>[^.;()–]{{3,80}})")
# The header row or heading of an abbreviation list (folded).
_LIST_HEADER = re.compile(
    r"^(?:forkortning(?:ar)?|begrepp|term(?:er)?|ord)\t+"
    r"(?:betydelse|forklaring|star for|beskrivning|innebord)\b"
)
_LIST_HEADING = re.compile(r"\b(?:forkortningar|forkortningslista|ordlista|begreppslista)\b")
_STOPWORDS = {
    "och",
    "i",
    "av",
    "for",
    "om",
    "med",
    "till",
    "pa",
    "att",
    "som",
    "en",
    "ett",
    "den",
    "det",
    "de",
}


def _is_term(term: str) -> bool:
    upper = sum(1 for c in term if c.isupper())
    return upper >= 2 and upper >= len(term) - 1


def _spells(term: str, expansion: str, explicit: bool = False) -> bool:
    """Whether the term's letters appear in order in the expansion, starting with its first word.

    Args:
        term: The abbreviation.
        expansion: The candidate words.
        explicit: The document defines the term on a line of its own, so the expansion may start
            with a little word ('ESL: Ett självständigt liv'); in running text that would
            mostly be a false start.
    """
    letters = fold(term)
    text = fold(expansion)
    words = re.findall(r"[a-z]+", text)
    if not words or not words[0].startswith(letters[0]) or (words[0] in _STOPWORDS and not explicit):
        return False
    if len(words) > len(letters) + 5 or not any(len(word) >= 3 for word in words):
        return False
    position = 0
    for letter in letters[1:]:
        position = text.find(letter, position + 1)
        if position < 0:
            return False
    return True


def _shortest_prefix(term: str, expansion: str) -> str | None:
    """The fewest leading words that spell the term ('Individual Placement and Support används …')."""
    words = list(re.finditer(r"\S+", expansion))
    for end in range(1, len(words) + 1):
        candidate = expansion[: words[end - 1].end()].strip(" ,;:")
        if _spells(term, candidate):
            # Title-case expansions go on while the words do ('Dokumentation Utredning Resultat').
            while candidate[:1].isupper() and end < len(words) and words[end].group(0)[:1].isupper():
                end += 1
                candidate = expansion[: words[end - 1].end()].strip(" ,;:")
            return candidate
    return None


def _reverse_expansion(term: str, before: str) -> str | None:
    """The shortest tail of the text before '(TERM)' that spells the term ('Lagen om vård … (LVM)')."""
    words = list(re.finditer(r"[\wÅÄÖåäö]+(?:-[\wÅÄÖåäö]+)*-?", before))
    for start in range(len(words) - 1, max(-1, len(words) - len(term) - 6), -1):
        candidate = before[words[start].start() :].strip(" ,;:–-")
        if fold(words[start].group(0)).startswith(fold(term[0])) and _spells(term, candidate):
            return candidate
    return None


def find_glossary(blocks: list[ProseBlock], ocr: bool) -> list[GlossaryEntry]:
    """Collect the document's own abbreviation definitions (line definitions win over inline ones).

    Args:
        blocks: Prose paragraphs in document order.
        ocr: Whether to restore å/ä/ö in expansions (quotes stay verbatim).

    Returns:
        One entry per term, in document order.
    """
    found: dict[str, tuple[int, bool, GlossaryEntry]] = {}
    order = 0

    def add(term: str, expansion: str, quote: str, block: ProseBlock, line_style: bool) -> None:
        nonlocal order
        order += 1
        expansion = squash(expansion).strip(" .,;:")
        if ocr:
            expansion = repair(expansion)
        entry = GlossaryEntry(
            term=term,
            expansion=expansion,
            quote=squash(quote)[:400],
            page=block.page,
            heading_path=list(block.heading_path),
        )
        known = found.get(term)
        if known is None or (line_style and not known[1]):
            found[term] = (order, line_style, entry)

    for block in (block for block in blocks if not block.is_heading):
        listed = _is_abbreviation_list(block)
        for line in (pair for row in block.text.split("\n") for pair in _pairs(row)):
            defined = _line_definition(line.strip(), listed)
            if defined:
                add(defined[0], defined[1], line, block, True)
        flat = block.text.replace("\n", " ")
        for start, end in sentences(block.text):
            sentence = flat[start:end]
            for term, expansion in _inline(sentence):
                add(term, expansion, sentence, block, False)
    return [entry for _, _, entry in sorted(found.values(), key=lambda item: item[0])]


def _pairs(line: str) -> list[str]:
    """A table row that holds several term-explanation pairs side by side, as one row per pair.

    A long abbreviation list is often laid out in two pairs of columns (Förkortning | Betydelse
    | Förkortning | Betydelse) to fit half a page; each pair is a definition of its own.
    """
    cells = line.split("\t")
    if len(cells) < 4 or len(cells) % 2:
        return [line]
    terms = cells[0::2]
    if not all(_is_term(term.strip()) or not term.strip() for term in terms) or not terms[1].strip():
        return [line]
    return ["\t".join(cells[i : i + 2]) for i in range(0, len(cells), 2) if cells[i].strip()]


def _is_abbreviation_list(block: ProseBlock) -> bool:
    """Whether the block is the document's abbreviation list: its table header or heading says so."""
    if any(_LIST_HEADER.match(fold(line.strip())) for line in block.text.split("\n")[:2]):
        return True
    heading = fold(block.heading_path[-1]) if block.heading_path else ""
    return bool(_LIST_HEADING.search(heading))


def _line_definition(line: str, listed: bool = False) -> tuple[str, str] | None:
    """A line that defines one term: 'APT: arbetsplatsträff', the row 'CAN<tab>Camberwell …, ett …',
    or the list item '• BBIC – Barns behov i centrum' (its bullet or number is left out).

    The expansion may go on with an explanation after a comma or dash; the part before it is
    the expansion when it spells the term. In the document's abbreviation list (`listed`), a
    table row or dashed list item is a definition even when it does not spell the term.
    """
    line = _LIST_MARKER.sub("", line)
    match = _LINE_DEF.match(line) or _CELL_DEF.match(line) or _DASH_DEF.match(line)
    if not match or not _is_term(match.group("term")):
        return None
    term, expansion = match.group("term"), match.group("exp").strip()
    for candidate in (re.split(r",\s|\s[–-]\s", expansion)[0], expansion):
        if _spells(term, candidate, explicit=True):
            return term, candidate
    if listed and ("\t" in line or _DASH_DEF.match(line)) and re.search(r"[a-zåäö]{3}", expansion):
        return term, expansion
    return None


def _inline(sentence: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for pattern in (_FORWARD, _EQUALS, _ROLE, _MEANS, _DASH):
        for match in pattern.finditer(sentence):
            term, expansion = match.group("term"), match.group("exp")
            if pattern is not _FORWARD:  # no closing bracket: the expansion ends where the spelling does
                expansion = _shortest_prefix(term, expansion) or ""
            if _is_term(term) and expansion and _spells(term, expansion):
                pairs.append((term, expansion))
    for match in _REVERSE.finditer(sentence):
        term = match.group("term")
        if not _is_term(term):
            continue
        before = sentence[max(0, match.start() - 120) : match.start()]
        before = re.split(r"[,;:()]", before)[-1]
        expansion = _reverse_expansion(term, before)
        if expansion:
            pairs.append((term, expansion))
    return pairs
