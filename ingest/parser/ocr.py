"""OCR damage: spot text that lost or garbled å/ä/ö; restore them where a known word makes it safe."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.parser.text import fold

# --- OCR damage -------------------------------------------------------------------------------------------

_SWEDISH_MARKERS = re.compile(r"\b(?:och|att|som|det|med|har|till|inte)\b")
_GARBLE = re.compile(
    r"(?:(?<=\s)&r\b)|(?:\b6(?=[a-zåäö]{2}))|(?:[a-zåäö]é[a-zåäö])|(?:\b[a-zåäö]+[0-9][a-zåäö]+\b)"
)
_IDE_WORDS = re.compile(r"(?i)\b(?:id[ée]\w*|kvalit[ée]n|caf[ée]\w*|arm[ée]\w*|entr[ée]\w*|komitt[ée]\w*)")


def ocr_damage(text: str) -> bool:
    """Whether a long Swedish text looks like OCR output that lost or garbled å/ä/ö.

    Two signals, either is enough: garbled tokens ('&r', '6ka', 'bemétande') make up a
    noticeable share of the words, or a long Swedish text has almost no å/ä/ö at all
    (normal Swedish prose has some 30-40 per 1000 letters).
    """
    letters = sum(1 for c in text if c.isalpha())
    words = max(1, len(text.split()))
    if letters < 1500 or len(_SWEDISH_MARKERS.findall(text.lower())) < 20:
        return False
    garbled = len(_GARBLE.findall(_IDE_WORDS.sub(" ", text)))
    swedish = sum(1 for c in text.lower() if c in "åäö")
    return garbled / words > 0.004 or swedish * 1000 / letters < 6


# --- OCR repair: restore å/ä/ö where a known word makes it safe ------------------------------------------

# Word parts that only exist with their diacritics; found anywhere inside a folded word (compounds).
_STEMS = (
    "försörj",
    "stöd",
    "bistånd",
    "härbärge",
    "väntetid",
    "besök",
    "våldsut",
    "hemlös",
    "bostadslös",
    "vräkning",
    "förebygg",
    "övergripande",
    "översyn",
    "månad",
    "tillfällig",
    "själv",
    "åtgärd",
    "bedömning",
    "bemötande",
    "förändring",
    "lägenhet",
    "undersökning",
    "förvänta",
    "tillgänglig",
    "uppföljning",
    "användning",
    "arbetssätt",
    "förhållningssätt",
    "målgrupp",
    "målvärde",
    "årsmål",
    "enhetsmål",
    "nämnd",
    "förvaltning",
    "arbetsförmedling",
    "försäkringskassa",
    "träff",
    "hushåll",
    "ärende",
    "hässelby",
    "vällingby",
    "spånga",
    "älvsjö",
    "hägersten",
    "skärholmen",
    "östermalm",
    "södermalm",
    "årsta",
    "vantör",
    "skarpnäck",
    "utmärkelse",
    "jämställd",
    "mångfald",
    "tillgång",
    "föräld",
    "förskol",
    "äldre",
    "ökning",
    "sjukfrånvaro",
    "ekonomihandläggare",
    "handläggare",
    "anställ",
    "medarbetarenkät",
    "nybesök",
    "genomför",
    "särskil",
    "yrkesvägledning",
    "vägledning",
    "påverka",
    "tjänst",
    "förordning",
    "förekommande",
    "förutsättning",
)
# Whole words whose folded form is not a Swedish word of its own.
_WORDS = {
    "for": "för",
    "pa": "på",
    "nar": "när",
    "fran": "från",
    "over": "över",
    "tva": "två",
    "dar": "där",
    "aven": "även",
    "ocksa": "också",
    "bade": "både",
    "da": "då",
    "mal": "mål",
    "malet": "målet",
    "ar": "är",
    "aret": "året",
    "arets": "årets",
    "fa": "få",
    "ga": "gå",
    "sarskilt": "särskilt",
    "ratt": "rätt",
    "nara": "nära",
    "hog": "hög",
    "hogt": "högt",
}


@lru_cache(maxsize=1)
def _stem_table() -> list[tuple[str, str]]:
    return sorted(((fold(stem), stem) for stem in _STEMS), key=lambda pair: -len(pair[0]))


def _repair_word(word: str, previous: str) -> str:
    folded = fold(word)
    if folded in _WORDS:
        proper = _WORDS[folded]
        if folded == "ar" and re.search(r"\d\s*$", previous):
            proper = "år"  # "18-24 ar" is an age span, not a verb
        return proper.capitalize() if word[:1].isupper() else proper
    chars = list(word)
    if re.match(r"6[a-zåäö]{2}", word):
        chars[0] = "ö"
        folded = "o" + folded[1:]
    for key, proper in _stem_table():
        for match in re.finditer(re.escape(key), folded):
            for offset, char in enumerate(proper):
                position = match.start() + offset
                original = chars[position]
                if fold(original) == fold(char):
                    chars[position] = char.upper() if original.isupper() else char
    return "".join(chars)


def repair(text: str) -> str:
    """Restore å/ä/ö in OCR text where a known Swedish word makes it unambiguous.

    Only used for short texts shown as names (unit, indicator names, glossary expansions);
    quotes always stay verbatim. 'Forsorjningsstodsenheten' -> 'Försörjningsstödsenheten',
    'unga vuxna 18-24 ar' -> 'unga vuxna 18-24 år', 'Min chef &r 6ppen' -> 'Min chef är öppen'.
    """
    text = re.sub(r"(?<![\w&])&r\b", "är", text)
    parts = re.split(r"([A-Za-zÀ-ÿ0-9&]+)", text)
    previous = ""
    for index in range(1, len(parts), 2):
        parts[index] = _repair_word(parts[index], previous + parts[index - 1])
        previous = parts[index]
    return "".join(parts)


# --- readable quotes: repair OCR words where the document itself or a known word makes it certain ---------

# Characters OCR puts where å/ä/ö stood ('bistdnd', 'besdksadress', 'Hésselby', '6ka', 'Gver').
_CONFUSABLE = {"d": "ao", "é": "aoe", "6": "o", "G": "o", "0": "o"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9&]+")


def _vocabulary_forms(texts: list[str]) -> tuple[dict[str, int], dict[str, str]]:
    """Folded word counts, and the most common spelling with å/ä/ö of each folded word."""
    counts: dict[str, int] = {}
    proper: dict[str, dict[str, int]] = {}
    for text in texts:
        for word in _WORD.findall(text):
            key = fold(word)
            counts[key] = counts.get(key, 0) + 1
            if any(c in "åäöÅÄÖ" for c in word):
                spelled = proper.setdefault(key, {})
                spelled[word.lower()] = spelled.get(word.lower(), 0) + 1
    return counts, {key: max(forms, key=lambda f: forms[f]) for key, forms in proper.items()}


def _with_diacritics(word: str, proper: dict[str, str]) -> str | None:
    """The word with å/ä/ö put back from a known stem or from the document's own spelling (same length)."""
    repaired = _repair_word(word, "")
    if repaired != word:
        return repaired
    spelled = proper.get(fold(word))
    if spelled and len(spelled) == len(word):
        return "".join(s.upper() if w.isupper() else s for w, s in zip(word, spelled, strict=True))
    return None


def _fix_confusion(word: str, counts: dict[str, int], proper: dict[str, str]) -> str | None:
    """'bistdnd' -> 'bistånd': one OCR character read back as a/o, when that makes a known word."""
    folded = fold(word)
    own = counts.get(folded, 0)
    # A word a known stem already recognises ('anstallda') is the stem repair's, not a misreading.
    if len(word) < 4 or any(key in folded for key, _ in _stem_table()):
        return None
    best: tuple[int, str] | None = None
    for position, char in enumerate(word):
        for letter in _CONFUSABLE.get(char, ""):
            candidate = word[:position] + letter + word[position + 1 :]
            seen = counts.get(fold(candidate), 0)
            fixed = _with_diacritics(candidate, proper)
            if fixed is None or fold(fixed) == fold(word):
                continue
            # The reading wins when the document writes it more often than the damaged form, or a
            # known stem spells it (OCR repeats its errors, so the damaged form may be frequent too).
            stem_here = any(
                match.start() <= position < match.end()
                for key, _ in _stem_table()
                for match in re.finditer(re.escape(key), fold(candidate))
            )
            known = seen > own or stem_here
            if known and (best is None or seen > best[0]):
                best = (seen, fixed)
    return best[1] if best else None


class ReadableRepair:
    """Readable versions of OCR'd quotes, with the same length as the original (spans map one to one).

    Built once per document from its own text: a word is changed only when a known Swedish stem
    or the document's own spelling of that word says how, so the repair is confident or absent.
    """

    def __init__(self, texts: list[str]) -> None:
        self.counts, self.proper = _vocabulary_forms(texts)

    def __call__(self, text: str) -> str:
        """The text with å/ä/ö restored where certain; unchanged words stay verbatim."""
        text = re.sub(r"(?<![\w&])&r\b", "är", text)
        parts = re.split(r"([A-Za-zÀ-ÿ0-9&]+)", text)
        previous = ""
        for index in range(1, len(parts), 2):
            word = parts[index]
            if word.isdigit():
                previous = word
                continue
            fixed = _fix_confusion(word, self.counts, self.proper)
            if fixed is None:
                fixed = _repair_word(word, previous + parts[index - 1])
                if fixed == word and re.search(r"[éG6]", word) is None:
                    fixed = _with_diacritics(word, self.proper) or word
            parts[index] = fixed if len(fixed) == len(word) else word
            previous = parts[index]
        return "".join(parts)
