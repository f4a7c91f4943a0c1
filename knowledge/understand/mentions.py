"""Fuzzy, OCR-tolerant detection of unit and district mentions in a question.

Every known unit and district name yields aliases (the full name, its core without
"Enheten för", its parts, and the synonyms of `query_vocab.CONCEPTS`); each alias is
a string of Snowball stems of folded words, joined without spaces so that "ek bistånd"
and "ekbistånd" meet. The question's word n-grams are compared with all aliases in one
`rapidfuzz.process.cdist` call; the cut-off grows with the alias length (measured on
the sample documents, see `cutoff`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from knowledge.textnorm import fold, stem_tokens
from knowledge.understand import vocab as v
from knowledge.understand.compounds import base_lexicon, split_compound
from knowledge.understand.initials import NameKind, unique_initialisms, without_ending, written_as_initials

_CUE_PARTS = frozenset(("aktivitet", "aktiviteter", "mal", "rutin", "rutiner", "indikator", "stod"))


@dataclass(frozen=True)
class Tok:
    """One word of the question: raw text, span, folded form and stem."""

    raw: str
    start: int
    end: int
    f: str
    stem: str


@dataclass(frozen=True)
class Alias:
    """One way of naming a unit or district (or a kind of unit / district not in the corpus)."""

    key: str
    words: int
    kind: str  # unit | district | other_unit | other_district
    targets: tuple[str, ...]
    weak: bool
    concept: bool


@dataclass(frozen=True)
class Mention:
    """An accepted mention: token span [i, j), what it names and the alias that matched."""

    i: int
    j: int
    alias: Alias
    score: float


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    parts = stem_tokens(word, drop_stopwords=False)
    return "".join(parts) if parts else word


def tokenize(text: str) -> list[Tok]:
    """Split a question into word tokens (hyphens split words; 'KF:s' stays one token)."""
    out: list[Tok] = []
    for m in v.TOKEN.finditer(text):
        f = fold(m.group(0)).replace(":", "")
        f = "och" if f == "o" else f
        out.append(Tok(m.group(0), m.start(), m.end(), f, _stem(f)))
    return out


def cutoff(key: str) -> float:
    """Smallest fuzz.ratio accepted for an alias key (joined stems).

    Measured on the 46,388 word n-grams (1-5 words, not starting or ending with a stop
    word) of the four sample documents against the 79 aliases of their units and
    districts: 4-5 letter stems are one letter from common words ('tenst'/'test' 88.9,
    'farst'/'fast' 88.9), so they must match exactly; OCR damage on names scores
    87.5-88.9 ('hesselby', 'villingby'); the nearest false hits on 6-12 letter keys
    score the same ('bistande'/'bistandsen' 88.9) but differ in their ending, which
    `fuzzy_ok` checks. Pinned by tests/knowledge/test_query.py.
    """
    if len(key) <= 5:
        return 100.0
    if len(key) <= 8:
        return 87.0
    return 88.0


def fuzzy_ok(gram: str, key: str, score: float) -> bool:
    """Accept a non-exact hit only if it keeps the alias's ending (short keys).

    OCR and typos change letters inside a word; inflection and compounding change its
    end ('biståndet' vs 'bistånds|enheten', 'aktiviteten' vs 'aktivitets|enheten').
    """
    return score >= 100.0 or len(key) >= 13 or gram[-2:] == key[-2:]


def other_compound(gram: str, key: str) -> bool:
    """Whether a non-exact hit is another well-formed compound, not a misspelt name.

    OCR damage and typos break a word ('hesselby', 'forsorjningstodsenheten'); an ordinary
    word that happens to be near a unit's name splits into known words of its own
    ('boende|grupp' against the alias 'beroende|grupp'). Such a word names its own thing,
    which a stored document may well be about (a group of a unit we have not seen).
    """
    parts = split_compound(gram, base_lexicon())
    return len(parts) > 1 and parts != split_compound(key, base_lexicon())


def _key(words: Sequence[str]) -> tuple[str, int]:
    stems = [_stem(fold(w)) for w in words if w]
    return "".join(stems), len(stems)


def _split(name: str) -> list[str]:
    return [fold(m.group(0)).replace(":", "") for m in v.TOKEN.finditer(name)]


def _core(words: list[str]) -> list[str]:
    core = list(words)
    while core and core[0] in v.GENERIC_HEAD:
        core.pop(0)
    if core:
        last = re.sub(r"(enheten|enhet|enheterna)$", "", core[-1])
        if last != core[-1] and len(last) >= 4:
            core[-1] = last[:-1] if last.endswith("s") and len(last) > 5 else last
    return core


class Catalogue:
    """All aliases of one set of documents, with the arrays `find_mentions` needs."""

    def __init__(self, pairs: tuple[tuple[str | None, str | None, int | None], ...]) -> None:
        """Build the aliases.

        Args:
            pairs: (unit, district, year) of every document.
        """
        self.unit_places: dict[str, set[str]] = {}
        self.unit_years: dict[str, set[int]] = {}
        for unit, district, year in pairs:
            if unit:
                self.unit_places.setdefault(unit, set()).update([district] if district else [])
                self.unit_years.setdefault(unit, set()).update([year] if year else [])
        districts = sorted({d for _, d, _ in pairs if d})
        found: dict[tuple[str, str, bool, bool], set[str]] = {}
        weak_keys = {_key(a.split())[0] for c in v.CONCEPTS for a in c[2]}

        def add(words: Sequence[str], kind: str, target: str, weak: bool, concept: bool = False) -> None:
            key, n = _key(words)
            if key:
                found.setdefault((key, kind, weak, concept), set()).add(target)
                self._words[key] = n
                self.stems.setdefault(key, tuple(_stem(fold(w)) for w in words if w))

        self._words: dict[str, int] = {}
        # The word stems of each key, for looking the alias up in document text (`MentionUsage`).
        self.stems: dict[str, tuple[str, ...]] = {}
        # Keys that are a unit's own full name: such a key names that unit, not another unit
        # whose name merely contains it ("Ekonomiskt bistånd" vs "… ekonomiskt bistånd och beroende").
        self.exact: dict[str, set[str]] = {}
        for unit in sorted(self.unit_places):
            words = _split(unit)
            core = _core(words)
            self.exact.setdefault(_key(words)[0], set()).add(unit)
            for ws in (words, core, words[-1:] if words and words[-1].endswith("enheten") else []):
                add(ws, "unit", unit, _key(ws)[0] in weak_keys)
            parts = " ".join(core).split(" och ")
            for part in parts if len(parts) > 1 else []:
                pw = part.split()
                if (len(pw) > 1 or len(part) >= 6) and part not in _CUE_PARTS:
                    add(pw, "unit", unit, True)
        folded_units = {u: " " + " ".join(_split(u)) for u in self.unit_places}
        for markers, strong, weak, label in v.CONCEPTS:
            hits = [
                u
                for u, fu in folded_units.items()
                if any(re.search(r"(?<![a-z])" + re.escape(m), fu) for m in markers)
            ]
            for u in hits:  # "ek bistånd och beroende" for "ekonomiskt bistånd och beroende"
                name_core = " ".join(_core(_split(u)))
                for m in (m for m in markers if m in name_core and m != name_core):
                    for a in strong:
                        add(name_core.replace(m, a).split(), "unit", u, False)
            for target, kind in [(u, "unit") for u in hits] or [(label, "other_unit")]:
                for a in strong:
                    add(a.split(), kind, target, False, True)
                for a in weak:
                    add(a.split(), kind, target, True, True)
        corpus_keys: set[str] = set()
        for name in districts:
            words = _split(name)
            for ws in [words, *([w] for w in words if len(w) >= 4)] if len(words) > 1 else [words]:
                add(ws, "district", name, False)
                corpus_keys.add(_key(ws)[0])
        known = {_key(_split(d))[0] for d in districts}
        for name in v.STOCKHOLM:
            words = _split(name)
            if _key(words)[0] in known:
                continue
            for ws in [words, *([w] for w in words if len(w) >= 4)] if len(words) > 1 else [words]:
                if _key(ws)[0] not in corpus_keys:
                    add(ws, "other_district", name, False)
        # Initials of the names ("HV", "H-Ä", "SAE"), only where they pick one name of all the
        # names a question could mean; `find_mentions` accepts them only typed in capitals.
        self.initial_keys: set[str] = set()
        names = [(u, NameKind.UNIT) for u in self.unit_places]
        names += [(d, NameKind.DISTRICT) for d in sorted({*districts, *v.STOCKHOLM})]
        for ini in unique_initialisms(names):
            kind = (
                "unit"
                if ini.kind is NameKind.UNIT
                else "district"
                if ini.name in districts
                else "other_district"
            )
            add([ini.letters], kind, ini.name, False)
            self.initial_keys.add(_key([ini.letters])[0])
        self.aliases = [
            Alias(key, self._words[key], kind, tuple(sorted(t)), weak, concept)
            for (key, kind, weak, concept), t in sorted(found.items())
        ]
        self.keys = [a.key for a in self.aliases]
        self.cutoffs = np.array([cutoff(a.key) for a in self.aliases], dtype=np.float32)
        self.nwords = np.array([a.words for a in self.aliases], dtype=np.int32)
        self.max_words = int(self.nwords.max()) + 1 if self.aliases else 1


class MentionUsage(Protocol):
    """How the stored documents use the words of a unit's alias (implemented over a snapshot)."""

    def everyday(self, stems: tuple[str, ...], units: tuple[str, ...]) -> bool:
        """Whether documents of units other than `units` use these words in their text."""
        ...

    def units_using(self, stems: tuple[str, ...]) -> tuple[str, ...]:
        """Units whose documents use these stems (see `understand.workplace`)."""
        ...

    def everyday_word(self, stem: str) -> bool:
        """Whether a stem is everyday Swedish rather than a word of the documents (side_words)."""
        ...


def weak_evidence(toks: list[Tok], m: Mention, cat: Catalogue, usage: MentionUsage | None, own: bool) -> bool:
    """Whether a unit mention is only weak evidence of its unit(s).

    A word of a unit's name that other units' plans use as an everyday word of the field
    ("boendestödet", "mottagningen", "beroende") does not single that unit out: staff use it
    for their own service of that kind. A unit's full name, a name written as a name, and
    "vi på X" (`own`: the asker says where they work) stay strong, as does an alias no other
    unit's document uses (a distinctive name such as "socialpsyk" where only one unit has it).
    """
    if usage is None or m.alias.kind != "unit":
        return False
    if m.score >= 100.0 and set(cat.exact.get(m.alias.key, ())) & set(m.alias.targets):
        return False  # the full name of a unit
    if _proper_name(toks, m, cat):
        return False
    if own and m.i > 0 and toks[m.i - 1].f in v.UNIT_PREPS:
        return False  # "vi på boendestödet": the asker's own unit
    return usage.everyday(cat.stems.get(m.alias.key, (m.alias.key,)), m.alias.targets)


@lru_cache(maxsize=16)
def catalogue(pairs: tuple[tuple[str | None, str | None, int | None], ...]) -> Catalogue:
    """The (cached) catalogue of a set of documents' (unit, district, year) triples."""
    return Catalogue(pairs)


def _proper_name(toks: list[Tok], m: Mention, cat: Catalogue) -> bool:
    """A unit's full name, exactly, written with a capital inside the sentence ('planerar
    Ekonomiskt bistånd'): the asker names the unit, even when its name is also a topic word."""
    first = toks[m.i].raw
    return (
        m.score >= 100.0
        and m.alias.kind == "unit"
        and m.alias.key in cat.exact
        and m.i > 0
        and first[:1].isupper()
        and not first.isupper()  # "EB" / shouting is no signal
        and toks[m.i - 1].raw[-1:] not in (".", "!", "?")
    )


def _weak_ok(toks: list[Tok], m: Mention, anchors: set[int], proper: bool = False) -> bool:
    """Whether a mention names a unit or district where it stands (a weak alias or a
    synonym after a topic preposition names a topic); `proper` marks a unit's exact name
    written as a name, which needs no further cue once no topic word stands before it."""
    prev = toks[m.i - 1].f if m.i > 0 else ""
    nxt = toks[m.j].f if m.j < len(toks) else ""
    prev2 = toks[m.i - 2].f if m.i > 1 else ""
    if (m.alias.weak and prev in v.TOPIC_PREPS) or (m.alias.concept and prev in v.STRONG_TOPIC_PREPS):
        return False
    near_place = m.j in anchors or m.j + 1 in anchors
    if (
        (m.alias.weak or m.alias.concept)
        and prev == "har"
        and (prev2 in ("som", "de", "dom", "man") or (m.alias.weak and not near_place and not proper))
    ):
        return False  # "personer som har ekonomiskt bistånd" names no unit; "vilka mål har X i Farsta" does
    if proper or not m.alias.weak:
        return True
    if m.alias.words == 1 and nxt in ("av", "pa"):
        return False
    after = m.j + 1 if nxt in ("i", "pa", "inom", "for") else m.j
    return (
        prev in v.UNIT_PREPS
        or prev == "har"
        or m.i == 0
        or m.j in anchors
        or after in anchors
        or (len(toks) <= 5 and toks[0].f in ("och", "an", "samma", "aven"))
    )


def find_mentions(toks: list[Tok], cat: Catalogue, anchors: set[int]) -> list[Mention]:
    """Find the unit and district mentions of a tokenised question.

    Args:
        toks: The question's tokens.
        cat: The catalogue of the known documents.
        anchors: Token indexes where a year or document-type mention starts (a weak
            alias right before one names a unit: "ekonomiskt bistånd 2020").

    Returns:
        Non-overlapping mentions, in question order.
    """
    if not toks or not cat.aliases:
        return []
    edge = [t.f in v.STOP or t.f.isdigit() for t in toks]
    spans = [
        (i, i + n)
        for n in range(1, min(cat.max_words, len(toks)) + 1)
        for i in range(len(toks) - n + 1)
        if not (edge[i] or edge[i + n - 1])
    ]
    if not spans:
        return []
    # A name is matched without the ending an abbreviation takes after its colon: "HV:s" names
    # Hässelby-Vällingby as "HV" does ("KF:s" keeps its own token elsewhere in the reading).
    stems = [_stem(fold(without_ending(t.raw))) if ":" in t.raw else t.stem for t in toks]
    grams = ["".join(stems[i:j]) for i, j in spans]
    scores = cdist(grams, cat.keys, scorer=fuzz.ratio, dtype=np.float32)
    lens = np.array([j - i for i, j in spans], dtype=np.int32)[:, None]
    fit = (np.abs(lens - cat.nwords[None, :]) <= 1) & ((cat.nwords[None, :] > 1) | (lens <= 2))
    rows, cols = np.nonzero((scores >= cat.cutoffs[None, :]) & fit)
    cands = [
        Mention(spans[r][0], spans[r][1], cat.aliases[c], float(scores[r, c]))
        for r, c in zip(rows, cols, strict=True)
        if fuzzy_ok(grams[r], cat.keys[c], float(scores[r, c]))
        and (scores[r, c] >= 100.0 or not other_compound(grams[r], cat.keys[c]))
        and (cat.keys[c] not in cat.initial_keys or _as_initials(toks, spans[r], float(scores[r, c])))
    ]
    # Longest alias first (the full name beats a synonym inside it), then the closest.
    cands.sort(key=lambda m: (-(m.score * m.alias.words), -m.score, m.i))
    taken: list[Mention] = []
    for m in cands:
        if all(m.j <= t.i or m.i >= t.j or (m.i, m.j, m.score) == (t.i, t.j, t.score) for t in taken):
            taken.append(m)
    named = {(m.i, m.j) for m in taken if not (m.alias.concept or m.alias.weak)}  # own name beats a synonym
    taken = [m for m in taken if not (m.alias.concept and (m.i, m.j) in named)]
    places = {m.i for m in taken if m.alias.kind in ("district", "other_district")} | anchors
    proper = {id(m) for m in taken if _proper_name(toks, m, cat)}
    kept = [m for m in taken if _weak_ok(toks, m, places, id(m) in proper)]
    return sorted((_prefer_exact(m, cat, id(m) in proper) for m in kept), key=lambda m: m.i)


def _as_initials(toks: list[Tok], span: tuple[int, int], score: float) -> bool:
    """Whether a hit on a name's initials is typed as initials ("HV", "H-Ä"), exactly: folded,
    "HÄ" is the verb "ha" and "hl" could be a typo of anything."""
    return score >= 100.0 and written_as_initials([t.raw for t in toks[span[0] : span[1]]])


def _prefer_exact(m: Mention, cat: Catalogue, proper: bool) -> Mention:
    """An exact full unit name names that unit alone, not the units whose names contain it.

    When that name is also an everyday topic word ('ekonomiskt bistånd' is what both
    'Ekonomiskt bistånd' and 'Enheten för ekonomiskt bistånd och beroende' do), only a name
    written as a name (`proper`) picks the one unit; in lower case every unit stays a candidate.
    """
    exact = m.score >= 100.0 and (proper or not (m.alias.weak or m.alias.concept))
    own = cat.exact.get(m.alias.key, set()) & set(m.alias.targets) if exact else set()
    if not own or len(own) == len(m.alias.targets):
        return m
    return replace(m, alias=replace(m.alias, targets=tuple(sorted(own))))
