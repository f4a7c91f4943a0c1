"""Swedish compound splitting for the lexical side: "korttidssjukfrånvaron" -> korttid + sjukfrånvaro.

Swedish writes compounds as one word, so a question's "korttidssjukfrånvaron" shares no token
with the plans' "Sjukfrånvaro dag 1-14", and "frånvaro" none with "sjukfrånvaro". No maintained
Swedish decompounder is on PyPI (the packages found split German or Dutch, or need Hunspell
dictionaries with compound flags), so this is a small dictionary-driven splitter: a word is cut
into the fewest parts that are all known words, where a non-final part may end in a linking
morpheme (fogemorfem: "korttid|s|", "gat|u|" for gata) and the final part may
carry an inflection ending ("-en", "-n", "-er" ...). Known words are a small shipped lexicon
(`lexicon_sv.txt`) plus, at run time, the vocabulary of the corpus (`Lexicon.from_texts`).

How the lexical index uses it (`knowledge.store.lexical.Tokenizer`): a snapshot's lexicon is
the base lexicon plus the corpus words seen at least `MIN_COUNT` times, and documents *and*
queries are tokenised with `word_terms` (the word's own stem first, then the stems of its parts
and of their parts, `Lexicon.decompose`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from knowledge.textnorm import STOPWORDS, fold, stem_tokens, words
from knowledge.understand.thesaurus import ENDINGS, thesaurus

MIN_PART = 3  # shorter parts ("en", "ut") are mostly endings or prefixes, not words
MIN_WORD = 2 * MIN_PART
MIN_COUNT = 2  # corpus words seen fewer times are not parts (OCR damage makes one-off non-words)
# Derivational endings that are also words or would otherwise pass as parts ("verksam|het").
_NOT_PARTS_TEXT = (
    "het heten heter ning ningen else skap are ande ende lig ligt isk iska bar sam los lost ism ist tion "
    "era ers ens ets iga ade ats ast ian"
)
_NOT_PARTS = frozenset(_NOT_PARTS_TEXT.split(" "))
_STOP = frozenset(fold(w) for w in STOPWORDS)
_ALPHA = re.compile(r"[a-z]+")
LEXICON_FILE = "lexicon_sv.txt"
_CACHE_MAX = 200_000


class Lexicon:
    """Known Swedish words (folded) that may be parts of a compound."""

    def __init__(self, known: Iterable[str], whole: Iterable[str] = ()) -> None:
        """Keep the usable words.

        Args:
            known: Words in any spelling; they are folded, and function words, short words
                and derivational endings are left out.
            whole: Words never split although they look like compounds of known words
                ("lägenhet" is not lag + enhet); they are known words too.
        """
        self.whole = frozenset(fold(w) for w in whole)
        known = [*known, *self.whole]
        self.words = frozenset(
            f
            for w in known
            if (f := fold(w)) and len(f) >= MIN_PART and _ALPHA.fullmatch(f) and f not in _STOP
            if f not in _NOT_PARTS
        )
        self._cache: dict[str, tuple[str, ...]] = {}

    def __len__(self) -> int:
        """Number of known words."""
        return len(self.words)

    def merged(self, other: Iterable[str]) -> Lexicon:
        """A new lexicon with these words and others."""
        return Lexicon([*self.words, *other], self.whole)

    @classmethod
    def from_texts(cls, texts: Iterable[str], min_count: int = MIN_COUNT) -> Lexicon:
        """The base lexicon plus every word seen at least `min_count` times in the texts.

        One occurrence is not enough: OCR damage makes one-off non-words that would become parts.
        """
        counts: Counter[str] = Counter()
        # Each distinct text is read once and counted as often as it occurs: sections repeat
        # word for word across documents (the first question at 100x read 60 k chunks). The
        # words keep the order in which they were first seen, as a text-by-text count would.
        for text, times in Counter(texts).items():
            for word, n in Counter(words(text)).items():
                counts[word] += n * times
        # Three-letter corpus words are mostly endings or verb forms ("ger", "gar"): only the
        # curated base lexicon supplies parts that short ("tid", "mål").
        return base_lexicon().merged(w for w, n in counts.items() if n >= min_count and len(w) > MIN_PART)

    def split(self, word: str) -> tuple[str, ...]:
        """Memoised `split_compound` with this lexicon."""
        f = fold(word)
        if f not in self._cache:
            if len(self._cache) >= _CACHE_MAX:  # questions bring new words for as long as a server runs
                self._cache.clear()
            self._cache[f] = (f,) if f in self.whole else _split(f, self.words)
        return self._cache[f]

    def decompose(self, word: str) -> tuple[str, ...]:
        """Every part of a compound, then the parts of those parts ((): not a compound).

        "korttidssjukfrånvaron" -> ("korttid", "sjukfranvaro", "kort", "tid", "sjuk", "franvaro"):
        the split takes the fewest, longest parts, so a part may itself be a compound of known
        words, and a question's "frånvaro" should meet the plans' "sjukfrånvaro" as well.
        """
        parts = self.split(word)
        if len(parts) < 2:
            return ()
        out = list(dict.fromkeys(parts))
        for part in parts:
            out += [p for p in self.decompose(part) if p not in out]
        return tuple(out)


def _part_roots(segment: str, known: frozenset[str]) -> list[str]:
    """Known base forms of a non-final part, allowing a linking morpheme."""
    roots = []
    if segment in known:
        roots.append(segment)
    if segment.endswith("s") and segment[:-1] in known:
        roots.append(segment[:-1])  # korttid|s|
    # gat|u|kök, kvinn|o|jour. Adding a missing -a/-e ("skol|bok") is left out: on the plans it made
    # more wrong cuts ("mot|svarar" as mota + svarar) than right ones.
    if segment[-1] in "uo" and segment[:-1] + "a" in known:
        roots.append(segment[:-1] + "a")
    return [r for r in roots if len(r) >= MIN_PART]


def _head_root(segment: str, known: frozenset[str]) -> str | None:
    """Known base form of the final part, allowing an inflection ending."""
    for cut in range(5, 0, -1):  # the base form first: "nämnd" for "nämnden" even if both are known
        root = segment[:-cut]
        if len(root) >= MIN_PART and segment[-cut:] in ENDINGS and root in known:
            return root
    return segment if segment in known else None


def _split(word: str, known: frozenset[str]) -> tuple[str, ...]:
    if len(word) < MIN_WORD or not _ALPHA.fullmatch(word):
        return (word,)
    best: dict[int, tuple[str, ...] | None] = {}

    def tail(i: int) -> tuple[str, ...] | None:
        # Fewest parts for word[i:]; among equals, the one with the longest parts (sum of squares).
        if i in best:
            return best[i]
        options: list[tuple[str, ...]] = []
        head = _head_root(word[i:], known)
        if head and i > 0:
            options.append((head,))
        for j in range(i + MIN_PART, len(word) - MIN_PART + 1):
            for root in _part_roots(word[i:j], known):
                rest = tail(j)
                if rest:
                    options.append((root, *rest))
        best[i] = min(options, key=lambda p: (len(p), -sum(len(x) ** 2 for x in p))) if options else None
        return best[i]

    parts = tail(0)
    if not parts or len(parts) < 2 or (len(parts) > 2 and word in known):
        return (word,)  # a known word is cut in two at most ("handläggare" is not hand|lag|gare)
    return parts


@lru_cache(maxsize=1)
def base_lexicon() -> Lexicon:
    """The shipped lexicon plus the words of the thesaurus' terms and expansions."""
    text = resources.files("knowledge.understand").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    listed = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    whole = [w[1:] for w in listed if w.startswith("!")]
    listed = [w for w in listed if not w.startswith("!")]
    table = thesaurus()
    vocab = [w for term, exps in table.terms.items() for w in (*term, *(x for e in exps for x in words(e)))]
    return Lexicon([*listed, *vocab], whole)


def split_compound(word: str, lexicon: Lexicon | None = None) -> list[str]:
    """Split a Swedish compound into its known parts (folded, in base form).

    Args:
        word: One word, any case ("Korttidssjukfrånvaron").
        lexicon: Known words; the shipped base lexicon when omitted.

    Returns:
        The parts (["korttid", "sjukfranvaro"]), or `[folded word]` when it is not a compound
        of known words.
    """
    return list((lexicon or base_lexicon()).split(word))


def with_compound_parts(tokens: Iterable[str], lexicon: Lexicon | None = None) -> list[str]:
    """Folded word tokens, each compound followed by its parts (for query and document tokens)."""
    lexicon = lexicon or base_lexicon()
    out: list[str] = []
    for token in tokens:
        out.append(token)
        parts = lexicon.split(token)
        if len(parts) > 1:
            out.extend(parts)
    return out


def compound_stems(text: str, lexicon: Lexicon | None = None, drop_stopwords: bool = True) -> list[str]:
    """`stem_tokens` of a text with the stems of every compound's parts added after it.

    One level of parts, as the sentence model's features were fit on (`quote_features`); the
    lexical index's `Tokenizer` uses `word_terms`, which adds the parts of parts too. Use the
    same lexicon for the texts compared.
    """
    lexicon = lexicon or base_lexicon()
    out: list[str] = []
    for word in words(text):
        stems = stem_tokens(word, drop_stopwords)
        out.extend(stems)
        if stems:
            parts = lexicon.split(word)
            if len(parts) > 1:
                out.extend(s for p in parts for s in stem_tokens(p, drop_stopwords=False))
    return out


def word_terms(word: str, lexicon: Lexicon, drop_stopwords: bool = True) -> tuple[str, ...]:
    """One folded word's BM25 terms: its stems, then the stems of its compound parts not among them.

    A hyphenated word ("budget-") is stemmed piece by piece (as `stem_tokens` does) and each
    piece is decomposed; a function word gives nothing when `drop_stopwords`.
    """
    stems = stem_tokens(word, drop_stopwords)
    if not stems:
        return ()
    terms = list(stems)
    for piece in word.replace(":", "-").split("-"):
        for part in lexicon.decompose(piece):
            terms += [s for s in stem_tokens(part, drop_stopwords=False) if s not in terms]
    return tuple(terms)
