"""One stem for the forms of a word whose unstressed e drops: "regel", "regeln", "regler", "reglerna".

Swedish nouns and adjectives in unstressed -el, -er, -en lose that e before an ending that
starts with a vowel: regel → regler, studiecirkel → studiecirklar, hinder → hindren, medel →
skattemedlen, nummer → numret, öppen → öppna. The Snowball stemmer only cuts endings, so the
forms of one word get two or three stems ("regel", "regeln", "regl"; "hind", "hindr",
"hindret") and a question's "reglerna" never meets a plan's "regel". This module maps every
other stem of such a word to the stem of its base form (`canonical`), the same way for the
indexed chunks and the questions (`textnorm.stem_tokens` applies it to every stem it makes).

Which words alternate is not guessed from spelling alone: "under"/"undra" or "kamel" look
like "regel"/"regler" too. The table (`vowel_drop.tsv`: stem, canonical stem, base word) is
derived from the wordfreq package's Swedish list by `python -m knowledge.understand.vowel_drop`
(needs wordfreq, a development dependency), keeping a base word only when general Swedish
attests its contracted forms as a noun (a definite or plural form: "reglerna", "medlen",
"hindret", or "-ar" with the definite singular "cykeln") or as an adjective ("öppna" with
"öppet"), and not when the base itself may be an inflected shorter word ("väggen", "parten").
A stem is merged only when the paradigm's forms outweigh the other words that share it, so
the verb "handla" keeps "handlar" away from "handel" while "medlen" joins "medel"; a contracted
spelling two base words share ("numer"/"nummer" → "numr") goes to the far more common one, or
to neither.

A plan's compound that ends in such a word ("studiecirklar", "försörjningshindren") has its
own stem, which the table cannot list; `canonical` maps its longest listed ending instead.
"""

from __future__ import annotations

import enum
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.vocab import packaged_text, rows

DATA_FILE = "vowel_drop.tsv"
# Words rarer than this in general Swedish (Zipf, log10 per billion words) neither found a
# paradigm nor attest one: below it the list holds typos and names.
MIN_ZIPF = 2.0
# A stem is merged only when the words outside the paradigm that share it are less frequent
# than the paradigm's own forms (see the module docstring): "medlen" 3.4 against "medla" 2.9 +
# "medlare" 2.8 merges, "hindren" 2.6 against the verb "hindra"'s forms (4.3, 3.6 ...) does not.
OTHER_SHARE = 1.0
# A compound's stem maps through a listed ending only when the ending has this many letters
# and the part before it at least `MIN_HEAD` (so "regl" maps "arbetsmiljoregl", and a short
# key never rewrites the end of an unrelated short word).
MIN_KEY = 4
MIN_HEAD = 3
# A base in -en/-er whose shorter spelling is at least this share as frequent may be that
# word's plural or definite form ("väggen" of "vägg"), and founds no paradigm.
SHORTER_SHARE = 0.1
# Two base words contracting to one spelling: the more frequent one takes it only when it is at
# least this many times as frequent (one Zipf step).
DOMINANCE = 10.0

_VOWELS = "aeiouy"
# A base form ending consonant + unstressed e + l/n/r, with a vowel before it: regel, hinder,
# nummer, öppen (folded). The consonant may be doubled: nummer → numr, öppen → öppna.
_BASE = re.compile(rf"^(.*[{_VOWELS}].*?)([^{_VOWELS}])(\2?)e([lnr])$")
# Endings that only a noun takes after the contracted stem: definite plurals, definite singular
# of -en/-el/-er neuters and of -el/-er words ("medlen", "hindret", "reglerna", "exemplen").
_NOUN_ENDINGS = ("arna", "erna", "en", "et")
# The noun's own endings on the contracted stem (plural, definite, genitive). Not "-or": that
# is the plural of -a nouns ("känslor" of "känsla", which folding spells like "känsel").
# "-ar" is also a verb's present tense ("handlar"), which is why a stem is merged only when the paradigm's
# forms outweigh the other words that share it (the verb's "handla", "handlade").
_NOUN_FORMS = (
    "ar", "ars", "arna", "arnas", "er", "ers", "erna", "ernas", "en", "ens", "et", "ets",
)  # fmt: skip
# The adjective's contracted forms: plural and definite ("öppna", "enkla", "osäkra").
_ADJECTIVE_FORMS = ("a",)


class WordKind(enum.Enum):
    """As what general Swedish attests a base word's contracted forms."""

    NOUN = "noun"  # reglerna, medlen, hindret, cyklar + cykeln
    ADJECTIVE = "adjective"  # öppna + öppet, enkla + enkelt


@dataclass(frozen=True)
class Merge:
    """One stem that `canonical` rewrites.

    Attributes:
        stem: A Snowball stem of one of the word's forms ("regl").
        canonical: The Snowball stem of its base form ("regel").
        base: The base form, folded ("regel"), for the reader of the table.
    """

    stem: str
    canonical: str
    base: str


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Stem → canonical stem, read once from `vowel_drop.tsv`."""
    text = packaged_text("knowledge.understand", DATA_FILE)
    out: dict[str, str] = {}
    for row in rows(text, DATA_FILE, min_columns=2, expected="stam<TAB>grundstam<TAB>grundord"):
        stem, canon = row.cell(0), row.cell(1)
        if not stem or not canon:
            raise row.fail("tom stam")
        out[stem] = canon
    return out


def canonical(stem: str, merges: Mapping[str, str] | None = None) -> str:
    """The stem the forms of `stem`'s word share (the stem itself when it is not listed).

    Args:
        stem: A folded Snowball stem.
        merges: Stem → canonical stem (the shipped table when None; tests pass their own).

    Returns:
        The listed canonical stem, or for a compound the part before its longest listed
        ending followed by that ending's canonical stem ("studiecirkl" → "studiecirkel").
    """
    if merges is None:
        return _canonical_shipped(stem)
    return _lookup(stem, merges)


def _lookup(stem: str, merges: Mapping[str, str]) -> str:
    hit = merges.get(stem)
    if hit is not None:
        return hit
    for start in range(MIN_HEAD, len(stem) - MIN_KEY + 1):  # longest ending first
        hit = merges.get(stem[start:])
        if hit is not None:
            return stem[:start] + hit
    return stem


@lru_cache(maxsize=200_000)
def _canonical_shipped(stem: str) -> str:
    return _lookup(stem, table())


def build(
    frequencies: Mapping[str, float],
    stem: Callable[[str], str],
    fold: Callable[[str], str],
    min_zipf: float = MIN_ZIPF,
) -> list[Merge]:
    """The merges general Swedish attests (see the module docstring).

    Args:
        frequencies: Relative frequency of each word (as wordfreq's `get_frequency_dict`).
        stem: The raw Snowball stemmer (not `canonical`'s output: the table is made of its stems).
        fold: How the index folds a word (å/ä/ö to a/a/o).
        min_zipf: Words below this Zipf value are left out.

    Returns:
        The merges, sorted by stem.
    """
    freq: dict[str, float] = defaultdict(float)
    for word, f in frequencies.items():
        folded = fold(word)
        if folded.isascii() and folded.isalpha():
            freq[folded] += f
    threshold = 10 ** (min_zipf - 9)
    known = {w: f for w, f in freq.items() if f >= threshold}
    by_stem: dict[str, set[str]] = defaultdict(set)
    for w in known:
        by_stem[stem(w)].add(w)

    bases: dict[str, list[tuple[str, frozenset[WordKind]]]] = defaultdict(list)  # contracted -> bases
    for w in known:
        if _inflected(w, known):
            continue
        for contracted in _contracted(w):
            kinds = _kinds(w, contracted, known)
            if kinds:
                bases[contracted].append((w, kinds))
    claims: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for contracted, found in bases.items():
        base, kinds = _dominant(found, known)
        if not base:
            continue
        canon = stem(base)
        forms = _forms(base, contracted, kinds) & known.keys()
        # "-ar" is the noun's plural and a verb's present ("cyklar", "handlar"): it counts for
        # neither side.
        either = {contracted + "ar", contracted + "ars"}
        for s in {stem(f) for f in forms} - {canon}:
            own = sum(known[f] for f in forms - either if stem(f) == s)
            other = sum(known[w] for w in by_stem[s] - forms - either)
            if other == 0 or other < OTHER_SHARE * own:  # "kalendrar" alone: nothing competes
                claims[s].add((canon, base))
    merges = [Merge(s, *min(c)) for s, c in claims.items() if len({canon for canon, _ in c}) == 1]
    return sorted(merges, key=lambda m: m.stem)


def _dominant(
    found: list[tuple[str, frozenset[WordKind]]], known: Mapping[str, float]
) -> tuple[str, frozenset[WordKind]]:
    """The base word a contracted spelling belongs to, ("", {}) when two are as likely.

    "nummer" and "numer" both contract to "numr"; "numret" is the noun's, and the noun is
    fifteen times as common. Bases closer in frequency than `DOMINANCE` are left alone.
    """
    ranked = sorted(found, key=lambda f: known[f[0]], reverse=True)
    if len(ranked) > 1 and known[ranked[0][0]] < DOMINANCE * known[ranked[1][0]]:
        return "", frozenset()
    return ranked[0]


def _contracted(word: str) -> list[str]:
    """The base form's stem without its unstressed e, with the consonant doubled or not."""
    m = _BASE.match(word)
    if m is None:
        return []
    head, consonant, double, liquid = m.groups()
    spellings = [head + consonant + double + liquid]
    if double:
        spellings.append(head + consonant + liquid)
    return spellings


def _kinds(base: str, contracted: str, known: Mapping[str, float]) -> frozenset[WordKind]:
    """As what general Swedish writes the contracted stem: this word's noun or adjective forms."""
    kinds: set[WordKind] = set()
    if any(contracted + e in known for e in _NOUN_ENDINGS) or (
        contracted + "ar" in known and base + "n" in known  # cyklar + cykeln, not undrar
    ):
        kinds.add(WordKind.NOUN)
    neuter = base[:-1] + "t" if base.endswith("n") else base + "t"  # öppet, enkelt
    if contracted + "a" in known and neuter in known:
        kinds.add(WordKind.ADJECTIVE)
    return frozenset(kinds)


def _inflected(base: str, known: Mapping[str, float]) -> bool:
    """Whether the base form may be a plural or definite form of a shorter word.

    "parten", "väggen", "mannen", "skulder", "vänner" end like "vatten" and "hinder" but are
    "part", "vägg", "man", "skuld", "vän" with an ending; their "contracted" spellings
    (partner, vagn, skuldror) are other words. A real -en/-er base word can have a rare
    namesake of its shorter spelling ("vatt", "hind"), so the shorter word must be at least
    `SHORTER_SHARE` of the base's frequency to rule it out.
    """
    if base.endswith("el"):  # -el is never an ending
        return False
    shorter = [base[:-2], base[:-1]]  # part+en, sinne+n
    if len(base) > 4 and base[-3] == base[-4]:  # man+nen, hem+men
        shorter.append(base[:-3])
    return max(known.get(w, 0.0) for w in shorter) >= SHORTER_SHARE * known[base]


def _forms(base: str, contracted: str, kinds: frozenset[WordKind]) -> set[str]:
    """The spellings of the word's own forms (base and contracted), attested or not."""
    own = {base, base + "n", base + "s", base + "ns"}
    if WordKind.NOUN in kinds:
        own |= {contracted + e for e in _NOUN_FORMS}
    if WordKind.ADJECTIVE in kinds:
        own |= {base[:-1] + "t" if base.endswith("n") else base + "t"}
        own |= {contracted + e for e in _ADJECTIVE_FORMS}
    return own


def write(path: Path, merges: list[Merge]) -> None:
    """Write the table with its header."""
    head = (
        "# Snowball stem <TAB> stem of its base form <TAB> base form (folded): the forms of a word\n"
        "# whose unstressed e drops (regel/regler). Read by knowledge/understand/vowel_drop.py.\n"
        "# Generated by `python -m knowledge.understand.vowel_drop`; do not edit by hand.\n"
        # wordfreq's word lists are CC BY-SA 4.0: a table derived from them keeps the attribution.
        "# Data: wordfreq (Robyn Speer et al.), https://github.com/rspeer/wordfreq, CC BY-SA 4.0.\n"
    )
    path.write_text(head + "".join(f"{m.stem}\t{m.canonical}\t{m.base}\n" for m in merges), encoding="utf-8")


def main() -> int:
    """Rebuild `vowel_drop.tsv` from the installed wordfreq package."""
    import wordfreq  # development dependency: only the rebuild needs it

    from knowledge.textnorm import fold, raw_stem

    out = Path(__file__).with_name(DATA_FILE)
    merges = build(wordfreq.get_frequency_dict("sv"), raw_stem, fold)
    write(out, merges)
    print(f"{out}: {len(merges)} stems", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
