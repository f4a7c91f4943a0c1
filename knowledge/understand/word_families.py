"""Word families (`word_families.tsv`): a word's other forms, so "utskrifter" meets "skriver ut".

Swedish makes nouns from particle verbs by moving the particle in front ("följa upp" ->
"uppföljning", "skicka ut" -> "utskick") and frequency adverbs from nouns ("varje månad" ->
"månatligen"); the Snowball stemmer keeps these apart, so a question in one form misses a
plan written in the other. The table is data; this module finds its forms in a question:

- `expansions` gives the other forms to search for (appended to the query for BM25 and dense);
- `query_groups` is the thesaurus' coverage groups with the family's stems counted as the
  question word's own (full credit: it is the same word), an everyday word's plan word as a
  synonym (partial credit), and the particle of a matched particle verb no longer a word of
  its own ("skriver vi ut" asks about one thing, not about "ut"). A phrase form ("varje
  månad") is searched but not counted, since its common words would count alone.

A form of several words matches the question's words in order; a particle (the second word
of a particle verb) may stand up to `PARTICLE_GAP` words after its verb ("skriver vi ut").
Words match when their Snowball stems agree or the question word is the form's word plus an
inflection ending (`thesaurus.word_matches`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from knowledge.textnorm import STOPWORDS, fold, stem_tokens, words
from knowledge.understand.derivation import widen_groups
from knowledge.understand.thesaurus import Thesaurus, thesaurus, word_matches
from knowledge.understand.thesaurus import query_groups as thesaurus_groups

DATA_FILE = "word_families.tsv"
# Verb particles: the second word of a particle verb, the first part of its noun.
_PARTICLE_WORDS = "upp ut in av igenom genom till över fram på om tillbaka ihop bort ner med åter iväg undan"
PARTICLES = frozenset(fold(p) for p in _PARTICLE_WORDS.split(" "))
# How many words may stand between a verb and its particle ("skriver vi ut", "följer vi inte upp").
PARTICLE_GAP = 2
# Shortest verb stem taken from a noun in -ning/-ing (`verb_stems`).
MIN_DERIVED_STEM = 5
_STOP = frozenset(fold(w) for w in STOPWORDS)


class FamilyError(ValueError):
    """A line of the word-family file is malformed (raised when loading, naming the line)."""


@dataclass(frozen=True)
class Form:
    """One form of a family: its folded words ("skriva", "ut") and its spelling in the table."""

    words: tuple[str, ...]
    text: str = ""

    @property
    def stems(self) -> frozenset[str]:
        """Stems of the form's content words (a particle alone says little; "ut" is everywhere)."""
        content = [w for w in self.words if w not in PARTICLES and w not in _STOP] or list(self.words)
        return frozenset(s for w in content for s in stem_tokens(w, drop_stopwords=False))


@dataclass(frozen=True)
class Family:
    """Forms that name one thing, and (for an everyday word) the plans' words it points to.

    Attributes:
        forms: The forms; a question holding one is about all of them.
        targets: For an everyday-word entry (`>`), the plans' words (partial credit); empty for `=`.
    """

    forms: tuple[Form, ...]
    targets: tuple[str, ...] = ()

    @property
    def is_synonym(self) -> bool:
        """An everyday word pointing to the plans' word, not a family of forms."""
        return bool(self.targets)


@dataclass(frozen=True)
class Match:
    """A family form found in a question: the word positions it covers and what it brings.

    Attributes:
        content: Positions of the form's content words in the question.
        particles: Positions of the particles of a particle verb (no longer words of their own).
        family: The family.
        form: The form that matched (its own words need no expansion).
    """

    content: tuple[int, ...]
    particles: tuple[int, ...]
    family: Family
    form: Form

    @property
    def widens(self) -> tuple[Form, ...]:
        """The forms the question is widened to: the family's other forms, or the plans' words.

        A particle verb ("följer vi upp") is widened only to the family's other particle verbs
        ("printa ut" -> "skriva ut"), not to its noun: the plans use the nouns ("Uppföljning",
        "Genomgång", "Introduktion") as headings of nearly every goal, so a verb question widened
        to the noun meets every such section, while a noun question widened to the verb meets
        the few sentences that state the routine. Measured on the tune splits: widening
        "följer upp" to "uppföljning" lost a staff-style answer and gained none. The particle
        still belongs to its verb (it is not a word of its own).
        """
        if self.family.is_synonym:
            return ()
        others = tuple(f for f in self.family.forms if f != self.form)
        if self.particles:
            return tuple(f for f in others if len(f.words) > 1 and f.words[-1] in PARTICLES)
        return others


@dataclass
class Families:
    """The loaded table, with every family indexed by the stems of its forms' first words."""

    families: list[Family]
    _by_first: dict[str, list[tuple[Form, Family]]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for family in self.families:
            for form in family.forms:
                for key in {form.words[0], *stem_tokens(form.words[0], drop_stopwords=False)}:
                    self._by_first.setdefault(key, []).append((form, family))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: len(e[0].words), reverse=True)  # longest form first

    @classmethod
    def parse(cls, text: str, name: str = DATA_FILE) -> Families:
        """Parse the TSV format described at the top of `word_families.tsv` (relations = and >).

        Raises:
            FamilyError: A line has an unknown relation, or lacks its forms or targets.
        """
        families: list[Family] = []
        for no, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            relation = cols[0].strip()
            forms = tuple(
                Form(tuple(words(t)), t.strip())
                for t in (cols[1] if len(cols) > 1 else "").split("|")
                if words(t)
            )
            targets = tuple(t.strip() for t in (cols[2] if len(cols) > 2 else "").split("|") if t.strip())
            if relation == "=" and len(forms) >= 2:
                families.append(Family(forms))
            elif relation == ">" and forms and targets:
                families.append(Family(forms, targets))
            else:
                raise FamilyError(
                    f"{name} rad {no}: väntade '=<TAB>form|form' (minst två former) eller "
                    f"'><TAB>ord|ord<TAB>planens ord|planens ord', fick {line!r}"
                )
        return cls(families)

    def find(self, question_words: list[str]) -> list[Match]:
        """Forms found in a question's folded words, longest first, not overlapping."""
        matches: list[Match] = []
        taken: set[int] = set()
        for i, word in enumerate(question_words):
            if i in taken or word in _STOP:
                continue
            for form, family in self._candidates(word):
                positions = _match_at(question_words, i, form, taken)
                if positions is None:
                    continue
                content = tuple(p for p, w in zip(positions, form.words, strict=True) if w not in PARTICLES)
                particles = tuple(p for p in positions if p not in content)
                matches.append(Match(content or positions, particles, family, form))
                taken.update(positions)
                break
        return matches

    def _candidates(self, word: str) -> list[tuple[Form, Family]]:
        found = list(self._by_first.get(word, ()))
        for stem in stem_tokens(word, drop_stopwords=False):
            found += [e for e in self._by_first.get(stem, ()) if e not in found]
        return sorted(found, key=lambda e: len(e[0].words), reverse=True)


def _same(question_word: str, form_word: str) -> bool:
    if question_word == form_word or word_matches(question_word, form_word):
        return True
    return stem_tokens(question_word, drop_stopwords=False) == stem_tokens(form_word, drop_stopwords=False)


def _match_at(ws: list[str], i: int, form: Form, taken: set[int]) -> tuple[int, ...] | None:
    """Positions of the form's words from position i, or None (a particle may come a little later)."""
    if not _same(ws[i], form.words[0]):
        return None
    positions = [i]
    for word in form.words[1:]:
        nxt = positions[-1] + 1
        reach = nxt + (PARTICLE_GAP if word in PARTICLES else 0)
        found = next(
            (p for p in range(nxt, min(reach, len(ws) - 1) + 1) if p not in taken and _same(ws[p], word)),
            None,
        )
        if found is None:
            return None
        positions.append(found)
    return tuple(positions)


@lru_cache(maxsize=1)
def families() -> Families:
    """The packaged table, read once."""
    text = resources.files("knowledge.understand").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return Families.parse(text)


def expansions(text: str, table: Families | None = None) -> list[str]:
    """The other forms (and plans' words) of the families found in a question, in table order."""
    table = table or families()
    out: list[str] = []
    for match in table.find(words(text)):
        phrases = match.family.targets or tuple(f.text for f in match.widens)
        out += [p for p in phrases if p not in out]
    return out


def query_groups(
    text: str, table: Families | None = None, synonyms: Thesaurus | None = None
) -> list[tuple[set[str], set[str]]]:
    """The question's content words as (own stems, synonyms' stems), families included.

    The table's families (`_table_groups`), then the corpus's own derivational families and
    compounds (`derivation.widen_groups`: "klagar" owns the plan's "klagomål").
    """
    return widen_groups(_table_groups(text, table, synonyms), text)


def _table_groups(
    text: str, table: Families | None = None, synonyms: Thesaurus | None = None
) -> list[tuple[set[str], set[str]]]:
    """The question's content words as (own stems, synonyms' stems), the table's families included.

    The groups of `thesaurus.query_groups` (one per content word, its stems and its synonyms'
    stems), adjusted: a word of a family form also owns the stems of the family's other forms;
    an everyday word gets the plans' words as synonyms; the particle of a matched particle verb
    is dropped (it belongs to its verb); a family's forms or plans' words appended by
    `expand_query` are no topic words of their own.
    """
    table = table or families()
    groups = thesaurus_groups(text, synonyms or thesaurus())
    ws = words(text)
    own_extra: dict[int, set[str]] = {}
    synonym_extra: dict[int, set[str]] = {}
    dropped: set[int] = set()
    seen: set[int] = set()
    for match in table.find(ws):
        dropped.update(match.particles)
        if id(match.family) in seen:
            # The family again: the forms `expand_query` appended (or the question saying the
            # same thing twice). One concept is one group, or the appended forms would be
            # topic words of their own that a passage in the question's form lacks.
            dropped.update(match.content)
            continue
        seen.add(id(match.family))
        if match.family.is_synonym:
            stems = {s for x in match.family.targets for s in stem_tokens(x)}
            for k in match.content:
                synonym_extra.setdefault(k, set()).update(stems)
            dropped.update(_appended(ws, match, match.family.targets))
        else:
            stems = set(_family_stems(match.widens))
            for k in match.content:
                own_extra.setdefault(k, set()).update(stems)
            # Phrases opening with a function word ("en gång om året") are never found again.
            dropped.update(_appended(ws, match, (f.text for f in match.widens)))
    for k, word in enumerate(ws):
        if k in dropped or word in _STOP:
            continue
        derived = {v for stem in stem_tokens(word) for v in verb_stems(stem)}
        if derived:
            synonym_extra.setdefault(k, set()).update(derived)
    if not (own_extra or synonym_extra or dropped):
        return groups
    # The thesaurus' groups are one per distinct content word, in order, keyed by its stems.
    kept = {frozenset(stem_tokens(w)) for k, w in enumerate(ws) if k not in dropped}
    extra_own: dict[frozenset[str], set[str]] = {}
    extra_syn: dict[frozenset[str], set[str]] = {}
    for k, stems in own_extra.items():
        extra_own.setdefault(frozenset(stem_tokens(ws[k])), set()).update(stems)
    for k, stems in synonym_extra.items():
        extra_syn.setdefault(frozenset(stem_tokens(ws[k])), set()).update(stems)
    out: list[tuple[set[str], set[str]]] = []
    for own, syn in groups:
        key = frozenset(own)
        if key not in kept:
            continue
        wider = own | extra_own.get(key, set())
        group = (wider, (syn | extra_syn.get(key, set())) - wider)
        if group not in out:
            out.append(group)
    return out


def verb_stems(stem: str) -> set[str]:
    """Stems of the verb a noun in -ning/-ing is made from ("fördelning" -> fordel, "samordning" -> samordn).

    Only this direction (a question's noun, the plan's verb) and only what is long enough to
    be a word of its own ("ledning" is no "led", "tidning" no "tid"); a particle in front is
    also taken off ("uppföljning" -> folj, for "följs upp"). The derived stems count as
    synonyms (partial credit): the rule is right for most nouns, not for all, and a wrong
    stem is one no text holds.
    """
    out: set[str] = set()
    for ending in ("ning", "ing"):
        base = stem[: -len(ending)]
        if not stem.endswith(ending) or len(base) < MIN_DERIVED_STEM:
            continue
        out.add(base)
        out.update(base[len(p) :] for p in PARTICLES if base.startswith(p) and len(base) - len(p) >= 4)
    return out


def _appended(ws: list[str], match: Match, phrases: Iterable[str]) -> set[int]:
    """Positions after the match where one of the phrases (the plans' words it expands to) stands."""
    out: set[int] = set()
    start = max(match.content + match.particles) + 1
    for phrase in phrases:
        target = words(phrase)
        n = len(target)
        for i in range(start, len(ws) - n + 1):
            if ws[i : i + n] == target:
                out.update(range(i, i + n))
    return out


def _family_stems(forms: Iterable[Form]) -> set[str]:
    # A phrase ("varje månad", "per år") is present only when all its words are, which a group
    # (any stem of it present) cannot say: its common words ("per", "varje") would count alone.
    # Phrases are searched (expansions) but only one-word forms and particle verbs count here.
    return {s for f in forms if sum(w not in PARTICLES for w in f.words) == 1 for s in f.stems}
