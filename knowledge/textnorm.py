"""Swedish text normalisation shared by the lexical index, matching and question reading.

Folding maps å/ä/ö (and the characters OCR puts in their place) to plain letters so
that "forsorjningsstod" and "försörjningsstöd" meet; stemming uses PyStemmer's Swedish
Snowball stemmer on the folded word, the same way on both the document and the query side,
then gives the forms of a word whose unstressed e drops one stem ("regler" -> regel,
`knowledge.understand.vowel_drop`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

from knowledge.understand.vowel_drop import canonical

# OCR of Swedish text puts é, &, 6, G … where å/ä/ö stood; only letters are mapped here
# (digits inside words are repaired in `fold` below, where context is known).
_FOLD = str.maketrans(
    {
        "å": "a",
        "ä": "a",
        "ö": "o",
        "é": "e",
        "è": "e",
        "ü": "u",
        "á": "a",
        "à": "a",
        "ø": "o",
        "æ": "a",
        "ë": "e",
        "ó": "o",
        "í": "i",
    }
)
_WORD = re.compile(r"[0-9a-zåäöéèüáàøæëóí]+(?:[-:][0-9a-zåäöéèüáàøæëóí]+)*", re.IGNORECASE)
_OCR_DIGIT_IN_WORD = re.compile(r"(?<=[a-z])6(?=[a-z])|\b6(?=[a-z]{2})")

STOPWORDS = frozenset(
    [
        "och",
        "i",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "av",
        "för",
        "med",
        "till",
        "den",
        "har",
        "de",
        "inte",
        "om",
        "ett",
        "vi",
        "var",
        "men",
        "så",
        "vad",
        "vem",
        "vilka",
        "vilken",
        "vilket",
        "hur",
        "när",
        "var",
        "varför",
        "kan",
        "ska",
        "skall",
        "får",
        "finns",
        "fanns",
        "blir",
        "jag",
        "du",
        "ni",
        "hos",
        "oss",
        "vår",
        "våra",
        "vårt",
        "er",
        "era",
        "ert",
        "dom",
        "dem",
        "sig",
        "sin",
        "sitt",
        "sina",
        "man",
        "mig",
        "dig",
        "detta",
        "denna",
        "dessa",
        "där",
        "här",
        "från",
        "under",
        "efter",
        "eller",
        "också",
        "bara",
        "även",
        "mer",
        "mest",
        "inom",
        "utan",
        "vid",
        "mot",
        "samt",
        "sedan",
        "än",
        "både",
        "då",
        "nu",
        "ju",
        "väl",
        "lite",
        "mycket",
        "snabbt",
        "ofta",
        "länge",
        "stor",
        "någon",
        "något",
        "några",
        "alla",
        "allt",
        "betyder",
        "säger",
        "gäller",
        "står",
        "om",
        "hur",
        "många",
        "mycket",
        # Spoken forms staff type in chat ("får vi nåt utskick?"): as empty as "något", but
        # as content words they were a topic word no plan holds, and lowered every coverage.
        "nåt",
        "nån",
        "nåra",
        "nånting",
        "sånt",
        "sån",
        "såna",
        "mej",
        "dej",
    ]
)
_STOP_FOLDED = frozenset(w.translate(_FOLD) for w in STOPWORDS)


# Names and questions are folded and stemmed again and again while matching (thousands of
# indicator rows per question at 100x): short texts are memoised in a large table. Long texts
# (section passages, sentences of prose outcomes) are also re-read for every question that
# reaches them, so a smaller table keeps the latest of them; it is separate so that a burst of
# long texts cannot push the names out of the short table.
_MEMO_CHARS = 300
_LONG_MEMO_ENTRIES = 2048

# A Python str decoded from JSON ("\\ud800") or a surrogate-escaped header can hold UTF-16
# surrogates on their own; they cannot be encoded (SQLite, the tokenizer, logs all fail).
_SURROGATE = re.compile("[\ud800-\udfff]")


# OCR of a Swedish scan writes ä as é or & inside a word ("méta" for "mäta", "&r" for "är",
# "é&r" for "är"). Only in a text flagged as OCR-damaged: in clean text "idé" and "armé" are real.
_OCR_A = re.compile(r"(?<![^\W\d_])[é&]+(?=[^\W\d_])|(?<=[^\W\d_])[é&]+(?=[^\W\d_])")


def ocr_vowels_read(text: str) -> str:
    """An OCR-damaged text with é and & between letters (or opening a word) read as ä.

    "méta" -> "mäta", "verkstéller" -> "verkställer", "&r" -> "är". OCR also writes ö as é
    ("bemétande"), which this reads wrong; callers use the reading beside the text as it is,
    never instead of it.
    """
    return _OCR_A.sub("ä", text)


def has_lone_surrogate(text: str) -> bool:
    """True when the text holds a surrogate code point (not valid Unicode text)."""
    return _SURROGATE.search(text) is not None


def clean_text(text: str) -> str:
    """Valid, NFC-composed Unicode: each lone surrogate becomes U+FFFD (the replacement mark).

    Applied wherever outside text meets something that encodes it (the tokenizer,
    SQLite), so one bad character costs at most that character, never the request.
    """
    if has_lone_surrogate(text):
        text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case and fold Swedish letters (and common OCR stand-ins) to ASCII-ish text."""
    return _fold_short(text) if len(text) <= _MEMO_CHARS else _fold_long(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    return _OCR_DIGIT_IN_WORD.sub("o", text)


_fold_short = lru_cache(maxsize=65536)(_fold)
_fold_long = lru_cache(maxsize=_LONG_MEMO_ENTRIES)(_fold)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish")


def words(text: str) -> list[str]:
    """Folded word tokens of a text (numbers kept, punctuation dropped)."""
    return _WORD.findall(fold(text))


def written_words(text: str) -> tuple[str, ...]:
    """The words of `text` as written, lower-cased: one for each folded word of `words`."""
    return tuple(_WORD.findall(unicodedata.normalize("NFC", text).lower()))


def stem_tokens(text: str, drop_stopwords: bool = True) -> list[str]:
    """Folded, stemmed tokens for BM25 and overlap scoring.

    Args:
        text: Any text.
        drop_stopwords: Leave out Swedish function words.

    Returns:
        Stems in order of appearance.
    """
    # A fresh list each call: callers may change it, the memoised tuple must stay as it is.
    if len(text) <= _MEMO_CHARS:
        return list(_stem_short(text, drop_stopwords))
    return list(_stem_long(text, drop_stopwords))


def _stem(text: str, drop_stopwords: bool) -> tuple[str, ...]:
    tokens = [w for w in words(text) if not (drop_stopwords and w in _STOP_FOLDED)]
    parts: list[str] = []
    for token in tokens:
        # Compounds written with hyphens ("budget- och skuldrådgivning") index both halves.
        parts.extend(p for p in token.replace(":", "-").split("-") if p)
    # One stem for the forms of a word whose unstressed e drops ("regler" -> regel): the same
    # rewrite for the indexed chunks and the questions, so both sides meet.
    return tuple(canonical(s) for s in _stemmer().stemWords(parts))


def raw_stem(word: str) -> str:
    """The Snowball stem of one folded word, without `vowel_drop.canonical` (builds its table)."""
    return str(_stemmer().stemWord(word))


_stem_short = lru_cache(maxsize=65536)(_stem)
_stem_long = lru_cache(maxsize=_LONG_MEMO_ENTRIES)(_stem)


# The synonym table is data now (knowledge/understand/thesaurus.tsv), and so are the word
# families (knowledge/understand/word_families.tsv: "utskrift" ~ "skriva ut"); these two names
# stay here for the callers that import them from textnorm. The imports are local because those
# modules themselves build on this one (fold, words, stem_tokens).


def expand_query(text: str) -> str:
    """The query plus its thesaurus expansions and its words' other forms (word families, derivations)."""
    from knowledge.understand.derivation import expansions as derived
    from knowledge.understand.thesaurus import expand_query as expand
    from knowledge.understand.word_families import expansions

    expanded = expand(text)
    extra = [x for x in expansions(text) if x not in expanded]
    # The corpus's own forms of the question's words ("klagar" -> klagomal), when answering.
    extra += [x for x in derived(text) if x not in extra]
    return f"{expanded} {' '.join(extra)}" if extra else expanded


def query_groups(text: str) -> list[tuple[set[str], set[str]]]:
    """The query's content words with their synonyms' stems (see `knowledge.understand.word_families`)."""
    from knowledge.understand.word_families import query_groups as groups

    return groups(text)
