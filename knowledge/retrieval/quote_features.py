"""Features of the sentences of one chunk for one question, and the learned weights that score them.

`extract.best_sentences` asks which sentence of a (known-right) chunk answers the question.
Each sentence gets a small row of features: how much of the question's topic it holds (exact
stems, word families, compound parts, near spellings, weighted by how rare a word is inside the
chunk), whether it has the shape the question asks for (a number or time for "hur många / hur
länge / när", an enumeration or list for "vilka / vad ingår"), whether it holds a filler of the
answer type the question asks for (`type_match`: "varje månad" for "hur ofta", a role for "vem",
"för att …" for "varför"; `understand.answer_types` and `retrieval.fillers`), and where it sits. A logistic
regression fitted by `python -m bench.sentence_fit` (tune questions plus questions generated
from the documents' sentences, never the holdout) turns the row into a score; its weights live
in `sentence_model.json` beside this module. Without that file the score is the topic coverage
alone, as before the model.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.retrieval.fillers import type_match
from knowledge.retrieval.prefixes import has_prefix
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.answer_types import asked_types

MODEL_PATH = Path(__file__).with_name("sentence_model.json")

# Credit for a topic stem that is only the start of a stem in the sentence ("aterkoppl" ->
# "aterkoppling"); kept equal to extract.PREFIX_CREDIT (imported there from here).
PREFIX_CREDIT = 0.8
# Two stems are near spellings when they share this long a start ("elcykel" / "elcykl").
MIN_SHARED_START = 4

# A number, a count word, a time unit, a frequency or a month: what answers "hur många / hur
# ofta / hur länge / när".
_AMOUNT = re.compile(
    r"\d|\b(två|tva|tre|fyra|fem|sex|sju|åtta|atta|nio|tio|elva|tolv|tjugo|hundra|tusen|halv|hälften"
    r"|varje|varannan|gång|gang|gånger|ganger|dagligen|veckovis|månadsvis|årligen|årlig|löpande"
    r"|dag|dagar|vecka|veckor|veckan|månad|månader|manad|manader|år|året|åren|timme|timmar|minuter"
    r"|kvartal|tertial|halvår|termin|terminen|period|perioden|procent|kr|kronor|dygnet"
    r"|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
    r"|våren|höst|hösten|sommar|sommaren|vinter|vintern)\b",
    re.IGNORECASE,
)
_DIGIT_OR_COUNT = re.compile(
    r"\d|\b(två|tva|tre|fyra|fem|sex|sju|åtta|atta|nio|tio|elva|tolv|tjugo|hundra|tusen)\b", re.IGNORECASE
)
_ASKS_AMOUNT = re.compile(
    r"\b(hur (många|manga|ofta|länge|lange|mycket|stor|stora|lång|lang|gammal|gamla)|när|nar|vilken tid"
    r"|vilket datum|vilka datum|hur många gånger|ålder|alder|åldersgrupp|aldersgrupp|antal|antalet)\b",
    re.IGNORECASE,
)
_ASKS_LIST = re.compile(
    r"\b(vilka|vilken typ|vilka typer|lista|räkna upp|rakna upp|nämn|namn alla|vad ingår|vad ingar"
    r"|ingår|ingar|vad finns|vad erbjuder|vilka är|vilka ar)\b",
    re.IGNORECASE,
)
# "Vem ansvarar …", "vem är kontaktperson …": the answer names a person's role or a responsibility.
_ASKS_WHO = re.compile(r"\b(vem|vilka ansvarar|ansvarig\w*|ansvarar|ansvaret)\b", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(ansvar\w*|\w*chef|\w*chefen|\w*chefer|\w*chefs|samordnare\w*|kontroller\w*|controller\w*"
    r"|handläggare\w*|handlaggare\w*|\w*sekreterare\w*|\w*ledare\w*|ombud\w*|mentor\w*|kontaktperson\w*)\b",
    re.IGNORECASE,
)
# "Var ligger …", "adressen till …": the answer names a place (an address, "ligger i …").
_ASKS_PLACE = re.compile(
    r"\b(var (ligger|finns|håller|haller|hittar|sitter|är|ar)|vart|adress\w*|besöksadress\w*|besoksadress\w*"
    r"|lokal(en)?|belägen|belagen)\b",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\b\w*(gatan|vägen|vagen|torg|torget|gränd|grand|gata|väg|vag|backe|plan)\s+\d"
    r"|\b(ligger (i|på|pa|vid|nära|nara)|belägen|belagen|adress\w*|besöksadress\w*|lokaler\w*)\b",
    re.IGNORECASE,
)
# "… till odlingar i Mariefred": a preposition of place before a name.
_AT_NAME = re.compile(r"\b(i|på|pa|till|vid|från|fran) [A-ZÅÄÖ][a-zåäöé]+")
# A capitalised word: a name in the text ("Droppen", "Kyrkogatans gruppboende", "Tora").
_CAPITALISED = re.compile(r"\b[A-ZÅÄÖÉ][\wåäöÅÄÖéÉ-]+")
# A sentence that leans on the one before it ("Den", "Dessa", "Alla tre …"), matched on folded
# text: scanned plans and staff typing without å/ä/ö write "Darfor", "aven".
_BACKREF = re.compile(
    r"^(den|denna|detta|dessa|de|dem|deras|dess|dar|dit|darfor|dartill|sadana|bada|bagge|samtliga"
    r"|alla (tva|tre|fyra|fem|dessa)|syftet med (detta|det)|han|hon|ocksa|aven|dessutom"
    r"|det (kan|kunde) (vara|handla om)|det handlar om|det ror sig om)\b",
)
_ITEM = re.compile(r"^\s*(?:[-•*–]\s*|\d{1,2}[.)]\s+|[a-z][)]\s+)\S")
# A figure or table caption names what a figure shows; the figure's numbers are elsewhere.
_CAPTION = re.compile(r"^(figur|fig\.|tabell|diagram|bild|graf)\b", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\b(och|samt|eller)\b", re.IGNORECASE)
# Most words of one enumerated item ("återhämtningsinriktat", "med lågaffektivt bemötande").
ITEM_WORDS = 8

FEATURES = (
    "topic",
    "topic_rel",
    "topic_rare",
    "parts",
    "near",
    "amount",
    "amount_match",
    "list_shape",
    "list_match",
    "first",
    "position",
    "length",
    "heading",
    "backref",
    "neighbour_topic",
    "topic_early",
    "number_match",
    "caption",
    "role_match",
    "place_match",
    "named",
    "type_match",
)
# How many leading words of a sentence are its subject position ("Case managers: ansvarar …").
EARLY_WORDS = 4
_NUMBER = re.compile(r"\d+(?:[,.]\d+)?")


def asks_amount(question: str) -> bool:
    """The question asks for a number, a duration, a frequency or a time."""
    return bool(_ASKS_AMOUNT.search(question))


def asks_list(question: str) -> bool:
    """The question asks for several things ("vilka …", "vad ingår …", "lista …")."""
    return bool(_ASKS_LIST.search(question))


def asks_who(question: str) -> bool:
    """The question asks who ("vem ansvarar …", "ansvarig för …")."""
    return bool(_ASKS_WHO.search(question))


def asks_place(question: str) -> bool:
    """The question asks where ("var ligger …", "adressen till …")."""
    return bool(_ASKS_PLACE.search(question))


def names_role(sentence: str) -> bool:
    """The sentence names a role or a responsibility ("Ansvar: Enhetschef …")."""
    return bool(_ROLE.search(sentence))


def names_place(sentence: str) -> bool:
    """The sentence names a place: an address ("Hässelby torg 20") or where something lies."""
    return bool(_PLACE.search(sentence) or _AT_NAME.search(sentence))


def states_amount(sentence: str) -> bool:
    """The sentence holds a number, count word, time unit, frequency or month."""
    return bool(_AMOUNT.search(sentence))


def is_item(sentence: str) -> bool:
    """The sentence is a bullet or numbered list item."""
    return bool(_ITEM.match(sentence))


def is_lead(sentence: str) -> bool:
    """The sentence introduces a list (ends with a colon)."""
    return sentence.rstrip().endswith(":")


def is_enumeration(sentence: str) -> bool:
    """The sentence enumerates ("… enligt A, B och C"): short comma-separated items, the last
    joined by "och", "samt" or "eller"."""
    segments = sentence.split(",")
    if len(segments) < 2 or not _CONJUNCTION.search(segments[-1]):
        return False
    return all(len(x.split()) <= ITEM_WORDS for x in segments[1:])


def refers_back(sentence: str) -> bool:
    """The sentence opens with a word that points to the sentence before ("Dessa …", "Alla tre …")."""
    return bool(_BACKREF.match(fold(sentence.lstrip("-•*– "))))


def is_heading(sentence: str) -> bool:
    """A short line without a sentence end ("Uppföljning"): a heading more than an answer."""
    s = sentence.rstrip()
    return len(s) < 60 and not s.endswith((".", "!", "?", ":", ",")) and not is_item(s)


def same_family(stem: str, present: set[str] | frozenset[str]) -> bool:
    """True when a stem of the text starts with `stem` (five letters or more).

    The stemmer keeps verb and noun apart ("återkoppla" → aterkoppl, "återkoppling" →
    aterkoppling). The other way round is not a family: a compound's first part is only its
    modifier ("personuppgift" is not about "person"), and short stems ("mål") would meet
    every compound.
    """
    if len(stem) < 5:
        return False
    if isinstance(present, frozenset) and len(present) >= _ORDERED_MIN:
        # The stems that start with `stem` sort right at or after it: one bisection finds them.
        return has_prefix(_ordered(present), stem)
    return any(p.startswith(stem) for p in present)


# The stem sets asked most (a chunk's, a sentence's: memoised frozensets) are asked for stem
# after stem and question after question: a sorted copy of each turns the scan into a bisection
# (cProfile over the staff-style and dev questions: 1.7 M `startswith` calls per pass). Keyed by
# the set itself (its hash is cached; the same object compares by identity), so never stale;
# bounded like ranker's stem memos. Small sets are scanned: a bisection buys nothing there.
_ORDERED_MIN = 8
_ORDERED_MAX = 50_000
_ORDERED: dict[frozenset[str], tuple[str, ...]] = {}


def _ordered(present: frozenset[str]) -> tuple[str, ...]:
    ordered = _ORDERED.get(present)
    if ordered is None:
        if len(_ORDERED) >= _ORDERED_MAX:
            _ORDERED.clear()
        ordered = _ORDERED[present] = tuple(sorted(present))
    return ordered


def same_word(stem: str, present: set[str] | frozenset[str]) -> bool:
    """True when a stem of the text is `stem` but for an ending of at most two letters.

    The stemmer leaves some inflections ("sjukfrånvaron" → sjukfranvaron beside sjukfranvaro,
    "elcykel" beside "elcyklar" → elcykl); a shared start of five letters or more that leaves
    at most two letters over on either side is the same word, not a compound's modifier.
    """
    if len(stem) < 5:
        return False
    for p in present:
        if p[:5] != stem[:5]:
            continue
        shared = _shared_start(stem, p)
        if shared >= 5 and len(stem) - shared <= 2 and len(p) - shared <= 2:
            return True
    return False


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _near(stem: str, present: frozenset[str]) -> float:
    """How close the nearest stem of the sentence is in spelling (shared start / longer length)."""
    best = 0.0
    for p in present:
        if p[:MIN_SHARED_START] != stem[:MIN_SHARED_START]:
            continue
        shared = _shared_start(stem, p)
        if shared >= MIN_SHARED_START:
            best = max(best, shared / max(len(stem), len(p)))
    return best


@dataclass(frozen=True)
class _Sentence:
    """What a sentence offers whatever the question (cached: chunks are quoted again and again)."""

    stems: frozenset[str]
    parts: frozenset[str]
    early: frozenset[str]
    numbers: frozenset[str]
    count: bool
    amount: bool
    shape: bool
    heading: bool
    backref: bool
    caption: bool
    role: bool
    place: bool
    names: frozenset[str]
    length: int


@lru_cache(maxsize=16384)
def _sentence(text: str) -> _Sentence:
    return _Sentence(
        stems=frozenset(stem_tokens(text)),
        parts=_parts(text),
        early=frozenset(stem_tokens(" ".join(text.split()[:EARLY_WORDS]))),
        numbers=frozenset(_NUMBER.findall(text)),
        count=bool(_DIGIT_OR_COUNT.search(text)),
        amount=states_amount(text),
        shape=is_item(text) or is_lead(text) or is_enumeration(text),
        heading=is_heading(text),
        backref=refers_back(text),
        caption=bool(_CAPTION.match(text)),
        role=names_role(text),
        place=names_place(text),
        names=frozenset(stem_tokens(" ".join(_CAPITALISED.findall(text)))),
        length=len(text),
    )


def _parts(text: str) -> frozenset[str]:
    from knowledge.understand.compounds import compound_stems

    return frozenset(compound_stems(text))


def _coverage(query: set[str], stems: frozenset[str], weight: dict[str, float]) -> float:
    total = sum(weight[s] for s in query)
    if not total:
        return 0.0
    exact = query & stems
    if len(exact) == len(query):
        return 1.0
    family = {s for s in query - exact if same_family(s, stems) or same_word(s, stems)}
    return (sum(weight[s] for s in exact) + PREFIX_CREDIT * sum(weight[s] for s in family)) / total


def feature_rows(
    parts: list[str], topic: str, question: str, groups: Sequence[int] | None = None
) -> list[list[float]]:
    """One feature row (in `FEATURES` order) per sentence of a chunk (or of several chunks).

    Args:
        parts: The chunk's sentences, in order.
        topic: The question's topic words (with thesaurus expansions).
        question: The whole question (its cue words: "hur många", "vilka" …).
        groups: For the sentences of several chunks scored together, the chunk each sentence
            comes from (consecutive sentences of one chunk share a number). Where a sentence
            sits and its neighbours are read inside its own chunk; how much of the topic it
            holds, and how rare a topic word is, are read across all the chunks, so the rows
            of different chunks compare: the best sentence of a chunk that only brushes the
            topic is not "the best" any more.
    """
    n = len(parts)
    group = list(groups) if groups is not None else [0] * n
    starts: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for i, g in enumerate(group):
        starts.setdefault(g, i)
        sizes[g] = sizes.get(g, 0) + 1
    topic_stems = set(stem_tokens(topic))
    topic_parts = set(_parts(topic) | topic_stems)
    numbers = set(_NUMBER.findall(question))
    sents = [_sentence(p) for p in parts]
    # Inside the chunk a word that every sentence has tells nothing apart.
    df = {s: sum(1 for x in sents if s in x.stems or same_family(s, x.stems)) for s in topic_stems}
    rare = {s: math.log(1.0 + (n + 1) / (1.0 + df[s])) for s in topic_stems}
    ones = dict.fromkeys(topic_parts, 1.0)
    amount_q, list_q = asks_amount(question), asks_list(question)
    who_q, place_q = asks_who(question), asks_place(question)
    asked = asked_types(question)
    # The question's words that this chunk writes as a name ("droppen" -> "Droppen"): the
    # sentence that names the question's subject is about it, not about a neighbour.
    proper = topic_stems & frozenset().union(*(s.names for s in sents))
    topic_cov = [_coverage(topic_stems, s.stems, ones) for s in sents]
    top = max(topic_cov, default=0.0)
    rows = []
    for i, s in enumerate(sents):
        near = [_near(t, s.stems) for t in topic_stems - s.stems]
        neighbours = [topic_cov[j] for j in (i - 1, i + 1) if 0 <= j < n and group[j] == group[i]]
        at, size = i - starts[group[i]], sizes[group[i]]
        rows.append(
            [
                topic_cov[i],
                topic_cov[i] / top if top else 0.0,
                _coverage(topic_stems, s.stems, rare),
                _coverage(topic_parts, s.parts, ones),
                (sum(near) / len(topic_stems)) if topic_stems else 0.0,
                1.0 if s.count else 0.0,
                1.0 if amount_q and s.amount else 0.0,
                1.0 if s.shape else 0.0,
                1.0 if list_q and s.shape else 0.0,
                1.0 if at == 0 else 0.0,
                at / (size - 1) if size > 1 else 0.0,
                min(s.length, 400) / 400,
                1.0 if s.heading else 0.0,
                1.0 if s.backref else 0.0,
                max(neighbours, default=0.0),
                _coverage(topic_stems, s.early, ones),
                len(numbers & s.numbers) / len(numbers) if numbers else 0.0,
                1.0 if s.caption else 0.0,
                1.0 if who_q and s.role else 0.0,
                1.0 if place_q and s.place else 0.0,
                len(proper & s.names) / len(proper) if proper else 0.0,
                type_match(asked, parts[i]),
            ]
        )
    return rows


@dataclass(frozen=True)
class SentenceModel:
    """Logistic-regression weights over `FEATURES` (see module doc)."""

    weights: tuple[float, ...]
    intercept: float
    meta: dict[str, object]

    def score(self, row: list[float]) -> float:
        """The model's log-odds that the sentence answers the question."""
        return self.intercept + sum(w * x for w, x in zip(self.weights, row, strict=True))

    def save(self, path: Path = MODEL_PATH) -> None:
        """Write the model as small, diff-friendly JSON."""
        data = {
            "features": list(FEATURES),
            "weights": [round(w, 5) for w in self.weights],
            "intercept": round(self.intercept, 5),
            "meta": self.meta,
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> SentenceModel | None:
        """The stored model, or None when missing or fitted on other features."""
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data.get("features", ())) != FEATURES:
            return None
        return cls(
            tuple(float(w) for w in data["weights"]), float(data["intercept"]), dict(data.get("meta", {}))
        )


@lru_cache(maxsize=1)
def stored_model() -> SentenceModel | None:
    """The model shipped beside this module (read once)."""
    return SentenceModel.load()
