"""Word families of the corpus's own words, by Swedish derivation: "klagar" meets "klagomål".

Swedish makes nouns from verbs with a handful of suffixes ("utreda" -> utredning, "anmäla" ->
anmälan, "klaga" -> klagomål, "föreläsa" -> föreläsning, "informera" -> information) and joins
words into compounds ("stöd i boendet" -> boendestöd). The Snowball stemmer keeps all of these
apart, so a question in one form misses a plan written in the other. A hand table
(`word_families.tsv`) covers the words someone has seen; this module derives the families from
whatever vocabulary the indexed documents hold, when a snapshot is loaded (never per question):

- **Derivation.** Each corpus stem is cut by the rules in `RULES` (suffix off, a replacement on:
  -ning/-ing, -an, -omål, -ation/-ktion) to candidate roots. Two forms are one family when
  they share a root that is *attested*: the root is itself a stem of the corpus or the question's
  own stem ("klagar" -> klag is the root of the plan's "klagomål"). Two derived forms without an
  attested root ("anmälan" ~ "anmälningar") are linked only when the root is long
  (`MIN_BARE_ROOT`): short roots are where unrelated words meet ("ledning" is no "leda" of "led",
  "målning" no "mål").
- **Inflection.** A question stem the stemmer left with a definite ending ("sjukfrånvaron",
  "boendet") is also tried without it, when that shorter stem is in the corpus.
- **Compounds.** A corpus stem that is a known modifier plus a known head (an optional linking
  -s between) is indexed by the pair, the head also by its derivational roots; two content words
  of a question near each other ("stöd i boendet", "energi vi använder") meet the compound
  ("boendestöd", "energianvändning").
- **Compound parts.** The other way round: a question compound the corpus never writes
  ("avhysningsmeddelandena") is searched by its parts ("avhysning", "meddelanden") when the
  corpus writes the two parts as a phrase ("meddelanden om avhysning", `Derivations.attested`).
  Unattested parts are not searched: an unknown compound of two common words
  ("medarbetarengagemang", "samarbetssamtal") is most often a thing the plans do not hold, and
  its parts found apart pull a negative's search onto passages about something else. A
  first part the plans write only inflected ("ansvar för miljön" for "miljöansvaret") is tried
  in those forms (`compound_phrases.part_forms`).
- **Phrases.** A question phrase "head preposition modifier" ("förbrukningen av energi",
  "avfallet från maten", "stöd till anhöriga") or a genitive ("klienternas möten") is spelled
  as its compound (`compound_phrases`) and meets it when the corpus holds that stem
  (`Derivations.phrase`), also when its parts are no corpus stems of their own ("mat").

`Derivations` is built by `knowledge.store.snapshot.Snapshot.load` and made current for one
answer with `using` (a context variable); `knowledge.understand.word_families` reads `current()`
to widen a question's search words and coverage groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from knowledge.textnorm import STOPWORDS, fold, stem_tokens, words
from knowledge.understand.compound_phrases import compound_spellings, part_forms, phrase_pair

# (suffix of the stem, what replaces it, shortest root). Four-letter roots are where unrelated
# words meet once å/ä/ö are folded ("störning" is no "stor", "egenskap" no "egen", "förmån" no
# "form"): only the -omål root ("klag") may be that short. -are, -ande, -het, -else, -ig and -lig
# are missing on purpose: the Snowball stemmer already takes them off ("utförare" -> utfor).
# -skap is missing too: it makes another noun, not another form of one ("medarbetarskap" is not
# what a question about "medarbetarna" asks for, and medarbetare stand in every plan).
RULES: tuple[tuple[str, str, int], ...] = (
    ("ning", "", 5),  # utredning -> utred, bedömning -> bedom
    ("ing", "", 5),  # placering -> placer, sortering -> sorter
    ("an", "", 5),  # anmälan -> anmal, samverkan -> samverk, ansökan -> ansok
    ("omal", "", 4),  # klagomål -> klag
    ("ation", "er", 5),  # information -> informer, dokumentation -> dokumenter
    ("ktion", "cer", 5),  # introduktion -> introducer, produktion -> producer
)

# Shortest root that links two derived forms when no form of the root itself is attested.
MIN_BARE_ROOT = 6
# Definite and plural endings the stemmer leaves on some words ("boendet", "sjukfrånvaron").
INFLECTIONS = ("et", "en", "n", "t")
# Shortest stem a family is looked up for (shorter ones are function words and particles).
MIN_STEM = 4
# Shortest modifier and head of a compound (shorter parts are endings or prefixes).
MIN_PART = 4
# How many positions apart two question words may stand to meet as one compound ("stöd i boendet").
COMPOUND_WINDOW = 3
# Words that join two things rather than one thing and its part: "bistånd o beroende" names two
# (a unit's name), never "biståndsberoende".
COORDINATORS = frozenset({"och", "o", "eller", "samt", "plus", "respektive"})
_STOP = frozenset(fold(w) for w in STOPWORDS)
_MEMO_MAX = 20_000


def roots(stem: str) -> set[str]:
    """Candidate roots of a stem by the derivation rules (the stem itself not included).

    A root is not stemmed again: a verb root stemmed again loses its verb ("dokumenter" ->
    dokument, another word).
    """
    out: set[str] = set()
    for suffix, replacement, shortest in RULES:
        if not stem.endswith(suffix):
            continue
        base = stem[: -len(suffix)]
        if len(base) < shortest:
            continue
        root = base + replacement
        out.add(root)
    out.discard(stem)
    return out


@dataclass(frozen=True)
class Derivations:
    """The families and compounds of one corpus's stems (see the module doc).

    Attributes:
        stems: Every stem of the corpus.
        by_root: Root -> the corpus stems derived from it (by `roots`).
        compounds: (modifier stem, head stem or head root) -> corpus compounds of the two.
        appendable: Stems that stem to themselves, so they can be appended to a query as words.
        attested: Whether the corpus writes a modifier and a head stem near each other in one
            text (`parts` needs it; without it no compound is cut).
    """

    stems: frozenset[str] = frozenset()
    by_root: Mapping[str, frozenset[str]] = field(default_factory=dict)
    compounds: Mapping[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    appendable: frozenset[str] = frozenset()
    # Whether the corpus writes two stems as a phrase (set by the snapshot; None: never checked).
    attested: Callable[[str, str], bool] | None = field(default=None, compare=False, repr=False)
    # `related` per text: the routes of one answer ask for the same question's words many times.
    _related: dict[str, list[Related]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_stems(cls, stems: Iterable[str]) -> Derivations:
        """Derive the families and compounds of a corpus from its stems (the lexical index's terms)."""
        known = frozenset(s for s in stems if s.isalpha())
        by_root: dict[str, set[str]] = {}
        for stem in known:
            for root in roots(stem):
                by_root.setdefault(root, set()).add(stem)
        compounds: dict[tuple[str, str], set[str]] = {}
        for stem in known:
            for modifier, head in _splits(stem, known):
                for key in {head, *(r for r in roots(head) if r in known)}:
                    compounds.setdefault((modifier, key), set()).add(stem)
        members = {s for family in by_root.values() for s in family} | set(by_root)
        members |= {s for family in compounds.values() for s in family}
        appendable = frozenset(s for s in members if s in known and stem_tokens(s, False) == [s])
        return cls(
            stems=known,
            by_root={r: frozenset(f) for r, f in by_root.items()},
            compounds={k: frozenset(v) for k, v in compounds.items()},
            appendable=appendable,
        )

    def __bool__(self) -> bool:
        return bool(self.stems)

    def forms(self, stem: str) -> set[str]:
        """The stem and, when it carries an inflection the stemmer left, the corpus stem without it."""
        out = {stem}
        for ending in INFLECTIONS:
            shorter = stem[: -len(ending)]
            if stem.endswith(ending) and len(shorter) >= MIN_STEM and shorter in self.stems:
                out.add(shorter)
        return out

    def family(self, stem: str) -> frozenset[str]:
        """Other corpus stems of the same word in another word class ("klag" -> {"klagomal"}).

        A link needs a root attested by the corpus or by the question itself (its stem is the
        root); two derived forms alone share a root only when it is long (`MIN_BARE_ROOT`).
        """
        if len(stem) < MIN_STEM or stem in _STOP:
            return frozenset()
        out: set[str] = set()
        for form in self.forms(stem):
            out |= self.by_root.get(form, set())  # the question's word is the root
            if form != stem:
                out.add(form)
            for root in roots(form):
                if root in self.stems:
                    out |= self.by_root.get(root, set()) | {root}
                elif len(root) >= MIN_BARE_ROOT:
                    out |= self.by_root.get(root, set())
        out.discard(stem)
        return frozenset(out)

    def joined(self, first: str, second: str) -> frozenset[str]:
        """Corpus compounds of two question stems, in either order ("stod", "boendet" -> boendestod)."""
        out: set[str] = set()
        for a in self.forms(first):
            for b in self.forms(second):
                out |= self.compounds.get((a, b), set()) | self.compounds.get((b, a), set())
        return frozenset(out)

    def phrase(self, modifier: str, head: str) -> dict[str, str]:
        """Corpus compounds a phrase's two words spell ("energi", "förbrukningen" -> energiforbrukning).

        Args:
            modifier: The word that would be the compound's first part, as written ("energi",
                "anhöriga", "maten").
            head: The word that would be its head, as written ("förbrukningen", "stöd").

        Returns:
            Corpus stem -> a word to search it by (one that stems to it; "" if none does), for the
            stems of `compound_phrases.compound_spellings` the corpus holds, an inflection the
            stemmer left taken off (`forms`). Empty when the corpus writes no such compound.
        """
        out: dict[str, str] = {}
        for spelled, written in compound_spellings(modifier, head).items():
            for form in self.forms(spelled):
                if form not in self.stems or form in out:
                    continue
                out[form] = next(
                    (w for w in (form, written) if stem_tokens(w, drop_stopwords=False) == [form]), ""
                )
        return out

    def parts(self, stem: str) -> frozenset[str]:
        """The corpus stems of an unknown question compound's modifier and head, or nothing.

        "avhysningsmeddelanden" -> {avhysning, meddel}: both parts must be corpus stems (the
        head as the question spells it less an inflection, or stemmed alone as the plan's word
        is), standing in the corpus as a phrase (`attested`). The first cut that passes wins
        (shortest modifier): a compound is read as modifier + head, the head the longer part.
        """
        if self.attested is None or stem in self.stems or len(stem) < 2 * MIN_PART or not stem.isalpha():
            return frozenset()
        for i in range(MIN_PART, len(stem) - MIN_PART + 1):
            left, right = stem[:i], stem[i:]
            candidates = self.forms(right) | set(stem_tokens(right, drop_stopwords=False))
            heads = sorted(
                (h for h in candidates if len(h) >= MIN_PART and h in self.stems), key=len, reverse=True
            )
            if not heads:
                continue
            for bare in (left, left[:-1] if left.endswith("s") else ""):
                if len(bare) < MIN_PART:
                    continue
                # The plans may write the first part only inflected ("ansvar för miljön").
                for modifier in (m for m in part_forms(bare) if m in self.stems):
                    for head in heads:
                        if self.attested(modifier, head):
                            return frozenset({modifier, head})
        return frozenset()


def _splits(stem: str, known: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(modifier stem, head) cuts of a stem into two corpus stems, a linking -s allowed."""
    for i in range(MIN_PART, len(stem) - MIN_PART + 1):
        head = stem[i:]
        # The head may be a derived form of a corpus word ("energi|användning": använder).
        if head not in known and not any(r in known for r in roots(head)):
            continue
        left = stem[:i]
        for modifier in (left, left[:-1] if left.endswith("s") else ""):
            if len(modifier) < MIN_PART:
                continue
            stemmed = stem_tokens(modifier, drop_stopwords=False)
            for candidate in {modifier, *stemmed}:
                # A stemmed modifier as short as "led" or "lag" ("ledarskap", "lägesbild") is
                # a different word as often as the same one.
                if candidate in known and candidate != stem and len(candidate) >= MIN_PART:
                    yield candidate, head


@dataclass(frozen=True)
class Related:
    """What the corpus's families add to one question word.

    Attributes:
        position: The word's position in the question's words (`textnorm.words`).
        stem: The word's stem.
        stems: Corpus stems of the same word in other forms, and compounds it is part of.
        parts: The parts of an unknown question compound (`Derivations.parts`): searched, not
            counted as the word (a passage holding one part is not about the compound).
        search: Words that search the compound a phrase of the question spells
            (`Derivations.phrase`: "förbrukningen av energi" -> "energiforbrukningen").
    """

    position: int
    stem: str
    stems: frozenset[str]
    parts: frozenset[str] = frozenset()
    search: frozenset[str] = frozenset()


def related(text: str, derivations: Derivations | None = None) -> list[Related]:
    """Each content word of a text with the corpus stems its family and compounds add."""
    derivations = derivations if derivations is not None else current()
    if not derivations:
        return []
    memo = derivations._related
    found = memo.get(text)
    if found is None:
        if len(memo) >= _MEMO_MAX:  # questions bring new texts for as long as a server runs
            memo.clear()
        found = memo[text] = _related(text, derivations)
    return found


def _related(text: str, derivations: Derivations) -> list[Related]:
    ws = words(text)
    content: list[tuple[int, str]] = []
    for i, word in enumerate(ws):
        if word in _STOP or not word.isalpha() or len(word) < MIN_STEM:
            continue
        stems = stem_tokens(word, drop_stopwords=False)
        if len(stems) == 1:
            content.append((i, stems[0]))
    extra: dict[int, set[str]] = {i: set(derivations.family(s)) for i, s in content}
    cut = {i: derivations.parts(s) for i, s in content}
    # Words that search a phrase's compound (`Derivations.phrase`), not otherwise appendable.
    search: dict[int, set[str]] = {i: set() for i, _ in content}
    for k, (i, a) in enumerate(content):
        for j, b in content[k + 1 :]:
            if j - i > COMPOUND_WINDOW:
                break
            if a == b or any(w in COORDINATORS for w in ws[i + 1 : j]):
                continue
            both = derivations.joined(a, b)
            # "förbrukningen av energi" is energiförbrukning; two words that make no phrase
            # (a list, "arbeta daglig") are not read as one compound.
            pair = phrase_pair(ws[i + 1 : j], ws[i], ws[j])
            spelled = derivations.phrase(pair.modifier, pair.head) if pair is not None else {}
            spelled = {s: w for s, w in spelled.items() if s not in (a, b)}
            both |= set(spelled)
            extra[i] |= both
            extra[j] |= both
            search[i] |= {w for w in spelled.values() if w}
    out: list[Related] = []
    for i, s in content:
        full = frozenset(extra[i] - {s})
        if full or cut[i]:
            out.append(Related(i, s, full, cut[i], frozenset(search[i])))
    return out


def expansions(text: str, derivations: Derivations | None = None) -> list[str]:
    """Corpus words to append to a query: its verbs' nouns and the compounds its words make.

    Only derived forms are searched for, not the roots they come from: the plans write in
    nouns ("Uppföljning", "Samverkan", "Handledning"), so a question's noun already meets them,
    while a verb root appended to it ("handledning" -> handled) meets every sentence using the
    verb and pulls the search away. The roots still count for coverage (`widen_groups`).
    Measured on the tune splits: with the roots appended, four answers were lost, each to a
    noun question widened to its verb ("handledningen", "mottagningen", "förvaltningen").
    """
    derivations = derivations if derivations is not None else current()
    own = set(stem_tokens(text, drop_stopwords=False))
    out: list[str] = []
    for item in related(text, derivations):
        out += sorted(
            s
            for s in item.stems | item.parts
            # A compound's part stands as a word when it stems to itself ("avhysning").
            if (
                s in derivations.appendable
                or (s in item.parts and stem_tokens(s, drop_stopwords=False) == [s])
            )
            and s not in derivations.by_root
            and s not in own
            and s not in out
        )
        out += sorted(w for w in item.search if w not in out and not set(stem_tokens(w, False)) & set(out))
    return out


def widen_groups(
    groups: list[tuple[set[str], set[str]]], text: str, derivations: Derivations | None = None
) -> list[tuple[set[str], set[str]]]:
    """Coverage groups with each word's corpus family counted as its own stems (full credit).

    A group whose own stems all lie in another group's added stems is that group's word in
    another form (appended by `expansions`, or the question saying the same thing twice), so it
    is folded into it: one word is one group, else the appended form would be a topic word of
    its own that a passage in the question's form lacks.
    """
    derivations = derivations if derivations is not None else current()
    added: dict[str, set[str]] = {}
    cut: dict[str, set[str]] = {}
    for item in related(text, derivations):
        added.setdefault(item.stem, set()).update(item.stems)
        cut.setdefault(item.stem, set()).update(item.parts)
    if not added:
        return groups
    widened: list[tuple[set[str], set[str], set[str], set[str]]] = []
    for own, synonyms in groups:
        extra = set().union(*(added.get(s, set()) for s in own)) - own
        parts = set().union(*(cut.get(s, set()) for s in own)) - own
        widened.append((own, synonyms, extra, parts))
    out: list[tuple[set[str], set[str]]] = []
    for k, (own, synonyms, extra, _) in enumerate(widened):
        # An appended part of an earlier word is that word's search term, not a topic of its own.
        if own and any(own <= other | parts for _, _, other, parts in widened[:k]):
            continue
        wider = own | extra
        out.append((wider, synonyms - wider))
    return out


_CURRENT: ContextVar[Derivations | None] = ContextVar("planbot_derivations", default=None)


def current() -> Derivations:
    """The families of the corpus being answered from (empty outside `using`)."""
    return _CURRENT.get() or Derivations()


@contextmanager
def using(derivations: Derivations) -> Iterator[None]:
    """Answer with these families (the snapshot's) for the duration of the block."""
    token = _CURRENT.set(derivations)
    try:
        yield
    finally:
        _CURRENT.reset(token)
