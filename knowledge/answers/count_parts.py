"""Whether a quoted number counts what a "hur många …" question asks, and the part it asks.

Two ways a passage can hold a number about the question's topic without answering it:

* The number counts a neighbouring noun. "hur många brukare har Nätverkets datasal?" quoted
  with "De två arbetsinstruktörerna på Nätverkets datasal …": the two are instructors, not
  users. A count is stated for the asked noun when a number stands right before that noun, a
  thesaurus synonym of it ("410 aktuella ärenden" for "pågående fall", "15 medarbetare" for
  "anställda"), or a compound sharing its head ("2 140 orosanmälningar" for "anmälningar").
  Generic counters ("personer", "människor") are met by any count of people or things.
* The question asks for a part of a whole. "hur många av orosanmälningarna kom från polisen?"
  quoted with "Under 2025 kom det in 2 140 orosanmälningar … polisen för 23 procent": the plan
  states the whole and the police's share, not their number. A part is stated when one
  sentence counts the noun (or refers back to it: "sju av dem", "varav tre") and also holds a
  word of the restriction ("55 medarbetare, varav 42 kvinnor").

Synonyms are the thesaurus's (`understand/thesaurus.tsv`, with its `count` lines for words too
wide to expand a query with: "boende" counted as "brukare"); words that only frame the part
("kom", "fick", "är") and generic counters are `understand/counted_kinds.tsv` data
(kinds `light` and `generic`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from knowledge.answers.prose_counts import counted_nouns
from knowledge.answers.stated_counts import NUMBER_WORDS
from knowledge.retrieval.extract import sentences
from knowledge.textnorm import fold, stem_tokens, words, written_words
from knowledge.understand.counted_kinds import table
from knowledge.understand.role_words import names_role
from knowledge.understand.thesaurus import thesaurus

_WORD = re.compile(r"[^\W_][\w-]*|%")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# How many words may stand between a number and the noun it counts ("tre *biträdande*
# enhetschefer", "ca 25 *aktiva* deltagare").
_REACH = 3
# Words that count by themselves or count one of the noun ("inga barnfamiljer", "en enhetschef").
_COUNTERS = {"en", "ett", "inga", "ingen", "inget", "bada", "alla", "samtliga", "varav"}
# A shorter stem than this is no head of a compound ("barn" in "barnfamiljer" is one, "in" is not).
_MIN_HEAD = 4
# "sju av dem", "tre av dessa", "varav tre": the number counts the noun named before it.
_REFERS_BACK = {"dem", "dessa", "de", "varav"}
_PART = re.compile(r"\bhur manga av\b")
# Question words that never restrict the part: the asking itself and who asks.
_ASKING = {"hur", "manga", "av", "de", "dem", "alla", "vara", "vi", "oss", "hos", "antal", "totalt"}


def _stem(word: str) -> str:
    stems = stem_tokens(word)
    return stems[0] if stems else ""


def _same_head(word: str, asked: str) -> bool:
    """Whether a (stemmed) document word is the asked stem, a compound ending in it, or its head."""
    if not word or not asked:
        return False
    if word == asked:
        return True
    if len(asked) >= _MIN_HEAD and word.endswith(asked):
        return True  # "orosanmaln" for "anmaln"
    return len(word) >= _MIN_HEAD + 1 and asked.endswith(word)  # "behandl" for "familjebehandl"


def _synonym_stems(question: str) -> dict[str, set[str]]:
    """The stems of each question word's thesaurus synonyms, by folded word."""
    table_ = thesaurus()
    qwords = words(question)
    found: dict[str, set[str]] = {}
    for hit in table_.find(qwords, list(written_words(question))):
        phrases = list(hit.entry.expansions)
        stems = {s for phrase in phrases for s in stem_tokens(phrase)}
        for k in range(hit.start, hit.end):
            found.setdefault(qwords[k], set()).update(stems)
    # A preferred term in the question ("medarbetare") is no hit: its spellings are its synonyms.
    folded = " ".join(qwords)
    for preferred, others in table_.spellings.items():
        if re.search(rf"\b{re.escape(preferred)}\w*", folded):
            stems = {s for phrase in others for s in stem_tokens(phrase)}
            for word in qwords:
                if word.startswith(preferred.split()[-1]):
                    found.setdefault(word, set()).update(stems)
    # Words the plans count in another word ("boende" as "brukare") only where a count is asked.
    for word in qwords:
        for counted_word, counted_as in table_.counted.items():
            if word == counted_word or _stem(word) == _stem(counted_word):
                found.setdefault(word, set()).update(s for x in counted_as for s in stem_tokens(x))
    return found


def asked_stems(question: str) -> list[set[str]]:
    """The stems that count what the question asks, one set per candidate counted noun.

    Args:
        question: The question as read.

    Returns:
        For each noun `counted_nouns` offers, its own stem and its synonyms' stems; empty when
        the question counts no noun or counts with a generic word ("personer").
    """
    nouns = counted_nouns(question)
    generic = table().generic
    if not nouns or nouns[0][0] in generic or nouns[0][0] in table().light:
        # "hur många personer …" is met by any count; "hur många blir det?" names no noun after
        # "hur många" (it stands earlier: "enhetsdagar, hur många blir det per år").
        return []
    synonyms = _synonym_stems(question)
    out: list[set[str]] = []
    for head, _modifiers in nouns:
        own = _stem(head)
        if own:
            out.append({own, *synonyms.get(head, set())})
    return out


def _numbered(tokens: Sequence[str], i: int, measures: frozenset[str]) -> bool:
    """Whether a counting word stands within reach before token `i` (not a year or a measure)."""
    for j in range(max(0, i - _REACH), i):
        word = tokens[j]
        if word in _COUNTERS or word in NUMBER_WORDS or (word.isdigit() and not _YEAR.match(word)):
            between = tokens[j + 1 : i]
            if not any(w in measures for w in between):
                return True
    return False


def _counts_asked(tokens: Sequence[str], stems: set[str], measures: frozenset[str]) -> bool:
    """Whether a sentence's tokens count one of the asked stems."""
    for i, token in enumerate(tokens):
        stem = _stem(token)
        if stem and any(_same_head(stem, s) for s in stems) and _numbered(tokens, i, measures):
            return True
    return False


def _counts_anything(tokens: Sequence[str], measures: frozenset[str]) -> bool:
    """Whether a sentence holds a number that counts a thing (not a year, a share or a time)."""
    for i, word in enumerate(tokens):
        if word in NUMBER_WORDS or (word.isdigit() and not _YEAR.match(word)):
            after = [w for w in tokens[i + 1 : i + 3] if not w.isdigit()]
            if after and after[0] not in measures:
                return True
    return False


def _tokens(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text)]


def counts_other_noun(question: str, quotes: Sequence[str]) -> bool:
    """Whether the quotes count things, but none of them is what the question counts.

    Args:
        question: The question as read.
        quotes: The answer's quotes.

    Returns:
        True when the question counts a noun, some quote counts something and no quote counts
        the noun, a synonym of it or a compound sharing its head; False otherwise, also for
        table rows (their value stands in another column) and for generic counters.
    """
    if not quotes or any("\t" in quote for quote in quotes):
        return False
    candidates = asked_stems(question)
    if not candidates:
        return False
    measures = table().measures
    # Roles are staff: "12 boendestödjare" counts "hur många medarbetare …" (counted_kinds `staff`).
    staff = any(head in table().staff for head, _ in counted_nouns(question))
    counted = False
    for quote in quotes:
        tokens = _tokens(quote)
        if any(_counts_asked(tokens, stems, measures) for stems in candidates):
            return False
        if staff and any(names_role(t) and _numbered(tokens, i, measures) for i, t in enumerate(tokens)):
            return False
        counted = counted or _counts_anything(tokens, measures)
    return counted


@lru_cache(maxsize=256)
def _place_stems(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(s for name in names for s in stem_tokens(re.sub(r"[^\w]+", " ", name)))


def _names_place(stem: str, places: Iterable[str]) -> bool:
    """Whether a question word names the cited unit or district ("familjebehandlingen", "söder")."""
    return any(
        stem == p or (len(stem) >= _MIN_HEAD + 1 and (p.startswith(stem) or stem.startswith(p)))
        for p in places
    )


def restriction(question: str, places: Sequence[str] = ()) -> set[str]:
    """The stems of what restricts a "hur många av <noun> …" question to a part.

    "hur många av orosanmälningarna 2025 kom från polisen hos oss på norrmalm?" -> {"polis"}:
    the words after the counted noun less years, the asking ("hos oss", "antal"), words that
    only frame the part ("kom", "är"), and words naming the cited unit or district.

    Args:
        question: The question as read.
        places: The names of the cited units, districts and documents.

    Returns:
        The restriction's stems; empty for a question that asks no part.
    """
    folded = fold(question)
    match = _PART.search(folded)
    nouns = counted_nouns(question)
    if match is None or not nouns:
        return set()
    head = nouns[0][0]
    rest = folded[match.end() :]
    at = re.search(rf"\b{re.escape(head)}\b", rest)
    if at is None:
        return set()
    light = table().light
    place_stems = _place_stems(tuple(places))
    noun_stem = _stem(head)
    out: set[str] = set()
    for word in re.findall(r"[^\W\d_][\w-]*", rest[at.end() :]):
        if word in _ASKING or word in light:
            continue
        stem = _stem(word)
        if not stem or stem == noun_stem or _names_place(stem, place_stems):
            continue
        out.add(stem)
    return out


def part_unstated(question: str, quotes: Sequence[str], places: Sequence[str] = ()) -> bool:
    """Whether a question asks for a part of a whole and the quotes count only the whole.

    Args:
        question: The question as read.
        quotes: The answer's quotes.
        places: The names of the cited units, districts and documents (not a restriction).

    Returns:
        True when the question restricts its count ("hur många av X kom från polisen") and no
        quoted sentence both counts the noun (or refers back to it) and holds a restriction
        word; False for other questions and for table rows.
    """
    if not quotes or any("\t" in quote for quote in quotes):
        return False
    restricted = restriction(question, places)
    candidates = asked_stems(question)
    if not restricted or not candidates:
        return False
    measures = table().measures
    for quote in quotes:
        for sentence in sentences(quote) or [quote]:
            tokens = _tokens(sentence)
            stems = [_stem(t) for t in tokens]
            if not any(_same_head(s, r) or _same_head(r, s) for s in stems if s for r in restricted):
                continue
            names_noun = any(_same_head(s, a) for s in stems if s for group in candidates for a in group)
            refers = any(t in _REFERS_BACK for t in tokens)
            if (names_noun or refers) and _counts_anything(tokens, measures):
                return False
    return True
