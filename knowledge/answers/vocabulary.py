"""The plans' administrative vocabulary for newcomers: "vad är ett nämndmål?", "vad betyder KF?",
"hur hänger målen ihop?".

The documents use these words without defining them (KF:s årsmål, Nämndmål, Periodicitet, Tertial):
the definitions are curated data (`understand/admin_terms.tsv`), and every answer also cites where the
chosen documents use the term, so the newcomer sees it in their own plan. A document's own definition
("FUT (felaktiga utbetalningar)", a glossary list) is not repeated here: the glossary route answers it.
The goal chain (KF:s inriktningsmål → KF:s mål för verksamhetsområdet → nämndmål → enhetsmål) is
outlined from the levels' definitions and one chain of the unit's plan, cited goal by goal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from core.vocab import packaged_text, rows
from indicators.models import GOAL_LEVEL_LABELS, GoalLevel
from knowledge.answer import Answer, AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.cue_words import cue_word, matches
from knowledge.answers.goal import answer_context
from knowledge.answers.phrasing import doc_label
from knowledge.models import Chunk, Goal
from knowledge.retrieval.extract import sentences
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, query_groups, stem_tokens
from knowledge.understand.reading import QuestionReading

DATA_FILE = "admin_terms.tsv"
_TOKEN = re.compile(r"[^\W_]+")


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(text)))


@dataclass(frozen=True)
class Term:
    """One vocabulary entry (see the data file's header)."""

    term: str
    forms: tuple[tuple[str, ...], ...]
    definition: str
    words: tuple[str, ...]

    def used_in(self, text: str) -> bool:
        """Whether a text uses the term (one of its document words)."""
        found = _tokens(text)
        return any(any(matches(w, t) for t in found) for w in self.words)


def parse(text: str, name: str = DATA_FILE) -> list[Term]:
    """Parse the vocabulary table.

    Raises:
        VocabError: A line does not have four tab-separated fields, or a field is empty.
    """
    terms: list[Term] = []
    for row in rows(text, name):
        parts = [p.strip() for p in row.cells]
        if len(parts) != 4 or not all(parts):
            raise row.error("'term<TAB>former<TAB>definition<TAB>ord'")
        forms = tuple(_tokens(f) for f in parts[1].split(",") if f.strip())
        words = tuple(cue_word(w.strip()) for w in parts[3].split(",") if w.strip())
        terms.append(Term(parts[0], forms, parts[2], words))
    return terms


@lru_cache(maxsize=1)
def vocabulary() -> tuple[Term, ...]:
    """The packaged vocabulary, read once."""
    return tuple(parse(packaged_text("knowledge.understand", DATA_FILE)))


# "vad är ett …", "vad betyder …", "vad menas med …", "vad står … för": the frames of a definition
# question around the term (folded words); the article and "för något" are optional.
_FRAME = re.compile(
    r"^(?:(?:kan du )?forklara |vad (?:ar|e|betyder|innebar|star|menas med|menar (?:man|ni|vi) med)"
    r"(?: egentligen)? |va (?:ar|e|betyder) )?(?:(?:ett|en|det) )?(?P<term>.+?)"
    r"(?: (?:for (?:nagot|nat|nagonting)|for|egentligen|betyder|innebar|star for))*$"
)
# Words before a bare term that make a question of their own.
_OWN_QUESTION = 3
_CLAUSE = re.compile(r"[?!.;:,\u2013\u2014]+(?:\s|$)|\s-\s")


def read_term(reading: QuestionReading) -> Term | None:
    """The vocabulary term a definition question asks about, or None.

    The question (or one clause of it: "vad betyder KF? står överallt") must be only the term in a
    definition frame: "vad är nämndmålet för X?" (a definite form, more words) asks for a goal.
    """
    chatter = {fold(w) for w in reading.chatter}
    named_place = bool(reading.units or reading.districts)
    by_form = {form: term for term in vocabulary() for form in term.forms}
    before = 0  # words of the clauses before this one, chatter left out
    for clause in _CLAUSE.split(reading.text):
        said = list(_tokens(clause))
        prior, before = before, before + sum(1 for w in said if w not in chatter)
        # As typed, then without its chatter ("snabbfråga vad menas med …"); chatter words are
        # removed by value, so the clause is tried as typed first ("vad är" stays).
        for words in (said, [w for w in said if w not in chatter]):
            framed = " ".join(words)
            m = _FRAME.match(framed) if words else None
            if m is None or (m.group("term") == framed and len(words) > 2):
                continue
            if prior >= _OWN_QUESTION and m.start("term") == 0:
                # "andel brukare som inte upplever diskriminering, årsmål?": a bare term after a
                # question of its own names what that question asks for, not a definition
                # ("snabbfråga: nämndmål?" still asks for one).
                continue
            asked = m.group("term")
            if named_place:
                # "vad är ett nämndmål på Stöd- och aktivitetsenheten?": the place follows the term.
                asked = _PLACE_AFTER.sub("", asked)
            term = by_form.get(tuple(asked.split()))
            if term is not None:
                return term
    return None


_PLACE_AFTER = re.compile(r" (?:pa|i|hos|inom|vid) .*$")


_CHAIN_WORDS = re.compile(r"\b(?:malkedj\w*|malstruktur\w*|malniva\w*|nivaer(?: av)? mal\w*|malhierarki\w*)")
_HANGS_TOGETHER = re.compile(r"\b(?:hanger|hor|satt|sitter)\b.*\b(?:ihop|samman)\b")
_GOAL_WORD = re.compile(r"\b(?:\w*mal(?:et|en|s)?|kf|kfs)\b")


def is_chain_word(word: str) -> bool:
    """Whether a word names the goal chain itself ("målkedjan", "målstrukturen"): the chain answer
    explains it, whichever plan it cites (answers/support.py does not take it for another plan's term).
    """
    return bool(_CHAIN_WORDS.fullmatch(fold(word)))


def asks_goal_chain(reading: QuestionReading) -> bool:
    """Whether the question asks how the goal levels fit together ("hur hänger målen ihop?",
    "hur hänger VP:n ihop med nämndmålen och KF?", "vad är målkedjan?")."""
    folded = fold(reading.text)
    chain = bool(_CHAIN_WORDS.search(folded)) or (
        bool(_HANGS_TOGETHER.search(folded)) and bool(_GOAL_WORD.search(folded))
    )
    return chain and not reading.goal_number


def applies(ask: Ask) -> bool:
    """The route's test: a definition of a vocabulary term, or the goal chain."""
    return asks_vocabulary(ask.snap, ask.reading)


def asks_vocabulary(snap: Snapshot, reading: QuestionReading) -> bool:
    """Whether this module answers the question (a document's own definition goes first)."""
    if asks_goal_chain(reading):
        return True
    term = read_term(reading)
    return term is not None and not _document_defines(snap, term)


def _document_defines(snap: Snapshot, term: Term) -> bool:
    """Whether a document's glossary defines one of the term's forms (then its definition answers)."""
    forms = {" ".join(f) for f in term.forms}
    return any(
        " ".join(_tokens(entry.term)) in forms for parsed in snap.parsed.values() for entry in parsed.glossary
    )


def _use(snap: Snapshot, sources: list[str], test: Callable[[str], bool]) -> tuple[Chunk, str] | None:
    """The first sentence of the documents (in the given order) that `test` accepts, with its chunk."""
    for source in sources:
        for chunk in snap.chunks_of(source):
            if not test(chunk.text):
                continue
            for part in sentences(chunk.text):
                if test(part) and len(part) <= 400:
                    return chunk, part
    return None


def _levels_used(text: str) -> int:
    level_terms = [t for t in vocabulary() if t.term in _LEVEL_TERMS]
    return sum(1 for t in level_terms if t.used_in(text))


_LEVEL_TERMS = ("KF", "inriktningsmål", "nämndmål", "enhetsmål")


def definition_answer(ask: Ask, term: Term) -> Answer:
    """The term's definition and, cited, a sentence of the chosen documents that uses it."""
    snap = ask.snap
    cites = Citations(snap)
    everything = [*ask.sources, *(m.source for m in snap.metas if m.source not in ask.sources)]
    lines = [f"**{term.term}**: {term.definition}"]
    level = next(
        (lv for lv, label in GOAL_LEVEL_LABELS.items() if fold(label).endswith(fold(term.term))), None
    )
    # A goal level is shown in use by a sentence about the chain, not by a goal's heading line
    # (the example below shows one goal of the level).
    used = _use(
        snap,
        everything,
        (lambda text: _levels_used(text) >= 2 and not _is_heading_row(text) and term.used_in(text))
        if level is not None
        else term.used_in,
    )
    if used is not None:
        chunk, sentence = used
        shown, marker = " ".join(sentence.split()), cites.cite(chunk, sentence)
        lines.append(f"Så används det i {doc_label(snap, chunk.source)}: ”{shown}” {marker}")
    if level is not None:
        example = _first_goal(snap, everything, level)
        if example is not None:
            source, goal, chunk = example
            lines.append(f"Exempel ur {doc_label(snap, source)}: {goal.title} {cites.cite(chunk)}")
    source = cites.items[0].source if cites.items else (ask.sources or everything)[0]
    return Answer(
        answer="\n\n".join(lines),
        kind=AnswerKind.GLOSSARY,
        citations=cites.items,
        context=answer_context(snap, source, ask.reading),
    )


def _first_goal(snap: Snapshot, sources: list[str], level: GoalLevel) -> tuple[str, Goal, Chunk] | None:
    for source in sources:
        for i, goal in enumerate(snap.parsed[source].goals):
            chunk = snap.structured.get((source, "goal", i))
            if goal.level is level and chunk is not None:
                return source, goal, chunk
    return None


_CHAIN_ORDER = (GoalLevel.KF_INRIKTNINGSMAL, GoalLevel.KF_MAL, GoalLevel.NAMNDMAL, GoalLevel.ENHETSMAL)
_CHAIN_TERMS = {
    GoalLevel.KF_INRIKTNINGSMAL: "inriktningsmål",
    GoalLevel.KF_MAL: "KF:s mål för verksamhetsområdet",
    GoalLevel.NAMNDMAL: "nämndmål",
    GoalLevel.ENHETSMAL: "enhetsmål",
}


def chain_answer(ask: Ask) -> Answer:
    """The goal chain as a short outline, one chain of the unit's plan and its own words on it."""
    snap = ask.snap
    terms = {t.term: t for t in vocabulary()}
    cites = Citations(snap)
    lines = ["Målen hänger ihop i en kedja, från kommunfullmäktige (KF) ner till enheten:", ""]
    for k, level in enumerate(_CHAIN_ORDER, 1):
        lines.append(f"{k}. **{GOAL_LEVEL_LABELS[level]}**: {terms[_CHAIN_TERMS[level]].definition}")
    lines.append("")
    lines.append("Till målen hör indikatorer med årsmål, och aktiviteter.")
    sources = ask.sources or [m.source for m in snap.metas]
    asked = ask.reading.topic or ask.reading.text
    chain = next((c for s in sources if (c := _one_chain(snap, s, asked))), None)
    if chain is not None:
        source, goals = chain
        lines.append("")
        lines.append(f"Exempel ur {doc_label(snap, source)}:")
        for i, goal in goals:
            chunk = snap.structured.get((source, "goal", i))
            marker = f" {cites.cite(chunk)}" if chunk is not None else ""
            number = f" {goal.number}" if goal.number else ""
            lines.append(f"- {GOAL_LEVEL_LABELS[goal.level]}{number}: {goal.title}{marker}")
    told = _use(snap, sources, lambda text: _levels_used(text) >= 2 and not _is_heading_row(text))
    if told is not None:
        chunk, sentence = told
        lines.append("")
        shown, marker = " ".join(sentence.split()), cites.cite(chunk, sentence)
        lines.append(f"Så beskriver {doc_label(snap, chunk.source)} det: ”{shown}” {marker}")
    first = cites.items[0].source if cites.items else sources[0]
    return Answer(
        answer="\n".join(lines),
        kind=AnswerKind.GOAL,
        citations=cites.items,
        context=answer_context(snap, first, ask.reading),
    )


def _is_heading_row(text: str) -> bool:
    """A goal heading line ("KF:s mål för verksamhetsområdet: 1.3 …"), not a sentence about the chain."""
    return bool(re.match(r"\W*(?:KF:s|Nämndmål|Enhetsmål)\b", text.strip()))


def _one_chain(snap: Snapshot, source: str, question: str = "") -> tuple[str, list[tuple[int, Goal]]] | None:
    """An enhetsmål of a plan with every goal above it, top first (None: no full chain).

    "vilket KF-mål hör nämndmålet om självförsörjning till?" asks for the chain of one goal: the
    chain whose goal titles share the most of the question's words is shown, else the first.
    """
    goals = snap.parsed[source].goals
    by_key = {g.key: (i, g) for i, g in enumerate(goals)}
    chains: list[list[tuple[int, Goal]]] = []
    for i, goal in enumerate(goals):
        if goal.level is not GoalLevel.ENHETSMAL:
            continue
        chain = [(i, goal)]
        while chain[0][1].parent_key in by_key:
            chain.insert(0, by_key[chain[0][1].parent_key])
        if len(chain) >= 3:
            chains.append(chain)
    if not chains:
        return None
    groups = _word_groups(question)

    def shared(chain: list[tuple[int, Goal]]) -> int:
        titled = set(stem_tokens(" ".join(goal.title for _, goal in chain)))
        # The question's own word, or a title word it begins or ends in ("självförsörjning" ~
        # "självförsörjande", "klimatet" ~ "klimatpåverkan"), weighs more than a synonym.
        return sum(
            2 if any(_alike(o, t) for o in own for t in titled) else 1 if synonyms & titled else 0
            for own, synonyms in groups
        )

    # max keeps the first of equals: the plan's first chain when no goal shares a word.
    return source, max(chains, key=shared)


# Shorter stems are matched whole: "fatt" (fatta) is not "fattig".
_PREFIX_FROM = 5


def _alike(a: str, b: str) -> bool:
    """Whether two stems are one word's forms or one is the start of the other's compound."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= _PREFIX_FROM and long.startswith(short)


def _word_groups(question: str) -> list[tuple[set[str], set[str]]]:
    """The question's content words with their synonyms (none for an empty question)."""
    return query_groups(question) if question.strip() else []


def vocabulary_answer(ask: Ask) -> Answer | None:
    """The vocabulary route: the goal chain, or a term's definition."""
    if asks_goal_chain(ask.reading):
        return chain_answer(ask)
    term = read_term(ask.reading)
    if term is None or _document_defines(ask.snap, term):
        return None
    return definition_answer(ask, term)
