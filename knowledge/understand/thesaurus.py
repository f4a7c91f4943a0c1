"""The domain thesaurus (`thesaurus.tsv`): staff words for what the plans call otherwise.

The table is data, curated by hand from the wording of the plans and general Swedish
social-services language; this module only loads it (once) and applies it to a query:
`expand_query` appends the expansions of every term found, and `query_groups` gives the
coverage scorer each content word with its synonyms, so that a synonym earns partial credit.
Matching is on whole folded words: a term's words match a question's words when their
Snowball stems agree or the question word is the term word plus a Swedish inflection
ending ("VP:n", "korttidsfrånvaron", "klienterna").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from knowledge.textnorm import STOPWORDS, fold, stem_tokens, words, written_words

# Endings that inflect a noun or adjective without changing what it names (definite, plural, genitive).
_ENDINGS_TEXT = "n en et t er ar or na erna arna orna ns ens ets ers ars ors nas ernas arnas ornas s es a e"
ENDINGS = frozenset(_ENDINGS_TEXT.split(" "))
_STOP = frozenset(fold(w) for w in STOPWORDS)
DATA_FILE = "thesaurus.tsv"


# The letters folding maps to plain vowels; a question that types one of them means that letter.
_SWEDISH_LETTERS = frozenset("åäö")


class ThesaurusError(ValueError):
    """A line of the thesaurus file is malformed (raised when loading, naming the line)."""


@dataclass(frozen=True)
class Entry:
    """One term of the thesaurus and what it expands to.

    Attributes:
        words: The term's folded words ("ek bistand" -> ("ek", "bistand")).
        expansions: Phrases (original spelling) the term expands to.
        written: The term's words as the table writes them, lower-cased ("ek", "bistånd").
    """

    words: tuple[str, ...]
    expansions: tuple[str, ...]
    written: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """A thesaurus term found in a question: word span [start, end) and its expansions."""

    start: int
    end: int
    entry: Entry


def _norm_word(word: str) -> str:
    # "vp:n", "kf:s" -> "vp", "kf": the colon marks an ending on an abbreviation.
    return word.split(":", 1)[0] if ":" in word else word


def _stem(word: str) -> str:
    stems = stem_tokens(word, drop_stopwords=False)
    return stems[0] if stems else word


def word_matches(query_word: str, term_word: str) -> bool:
    """True when a (folded) question word is the (folded) term word, possibly inflected."""
    q = _norm_word(query_word)
    if q == term_word:
        return True
    if q.startswith(term_word) and len(q) > len(term_word):
        ending = q[len(term_word) :]
        # Abbreviations inflect with a colon ("VP:n", handled above) or a bare genitive s ("KFs");
        # other endings on a short term would make other words of it ("sol" + "en").
        return ending in ENDINGS if len(term_word) >= 4 else ending == "s"
    return len(term_word) >= 4 and _stem(q) == _stem(term_word)


class Thesaurus:
    """The loaded table, indexed by the first word of every term."""

    def __init__(
        self,
        entries: Iterable[Entry],
        definitions: dict[str, str] | None = None,
        chat: dict[str, str] | None = None,
        spellings: dict[str, tuple[str, ...]] | None = None,
        counted: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """Index the entries.

        Args:
            entries: Terms with their expansions (several entries may share a term).
            definitions: What abbreviations stand for (folded abbreviation -> long form).
            chat: Chat spellings and their standard words (lower-cased spelling -> word), see
                `understand.chat_words`.
            spellings: The other terms of each `~` line by its preferred term (folded), which
                expand to it one way only.
            counted: What a counted noun is counted as in the plans (folded word -> words), from
                `count` lines: too wide to expand a query with ("boende" is also housing), but
                "22 brukare" answers "hur många boende har Kyrkogatan?" (answers/count_parts.py).
        """
        self.definitions = dict(definitions or {})
        self.chat = dict(chat or {})
        self.spellings = dict(spellings or {})
        self.counted = dict(counted or {})
        self.entries = list(entries)
        merged: dict[tuple[str, ...], list[str]] = {}
        for e in self.entries:
            merged.setdefault(e.words, [])
            merged[e.words] += [x for x in e.expansions if x not in merged[e.words]]
        self.terms = {w: tuple(x) for w, x in merged.items()}
        # How the table writes each folded term word ("mat" -> {"mat"}), to tell "mat" from "mäta".
        self.written: dict[str, set[str]] = {}
        for e in self.entries:
            for folded, raw in zip(e.words, e.written or e.words, strict=False):
                self.written.setdefault(folded, set()).add(raw)
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for term in self.terms:
            for key in {term[0], _stem(term[0])}:
                self._by_first.setdefault(key, []).append(term)
        for terms in self._by_first.values():
            terms.sort(key=len, reverse=True)  # longest term first

    @classmethod
    def parse(cls, text: str, name: str = DATA_FILE) -> Thesaurus:
        """Parse the TSV format described at the top of `thesaurus.tsv` (=, ~, >, def, chat and count).

        Raises:
            ThesaurusError: A line has an unknown relation or lacks its terms or expansions.
        """
        entries: list[Entry] = []
        definitions: dict[str, str] = {}
        chat: dict[str, str] = {}
        spellings: dict[str, tuple[str, ...]] = {}
        counted: dict[str, tuple[str, ...]] = {}
        for no, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            relation = cols[0].strip()
            terms = [t.strip() for t in (cols[1] if len(cols) > 1 else "").split("|") if t.strip()]
            expansions = [t.strip() for t in (cols[2] if len(cols) > 2 else "").split("|") if t.strip()]
            if relation == "=" and len(terms) >= 2:
                for t in terms:
                    entries.append(
                        Entry(tuple(words(t)), tuple(x for x in terms if x != t), written_words(t))
                    )
            elif relation == "~" and len(terms) >= 2:
                entries += [Entry(tuple(words(t)), (terms[0],), written_words(t)) for t in terms[1:]]
                spellings[fold(terms[0])] = (*spellings.get(fold(terms[0]), ()), *terms[1:])
            elif relation == "def" and len(terms) == 1 and len(expansions) == 1:
                definitions[fold(terms[0])] = expansions[0]
            elif relation == "chat" and terms and len(expansions) == 1 and all(" " not in t for t in terms):
                chat.update((t.lower(), expansions[0]) for t in terms)
            elif relation == "count" and terms and expansions and all(" " not in t for t in terms):
                counted.update((fold(t), (*counted.get(fold(t), ()), *expansions)) for t in terms)
            elif relation == ">" and terms and expansions:
                entries += [Entry(tuple(words(t)), tuple(expansions), written_words(t)) for t in terms]
            else:
                raise ThesaurusError(
                    f"{name} rad {no}: väntade '=<TAB>term|term', '~<TAB>term|term' (minst två termer) eller "
                    f"'><TAB>term|term<TAB>utvidgning|utvidgning' eller "
                    f"'def<TAB>FÖRKORTNING<TAB>betydelse' eller "
                    f"'chat<TAB>stavning|stavning<TAB>ord' eller "
                    f"'count<TAB>ord|ord<TAB>räknas som|räknas som', fick {line!r}"
                )
        return cls((e for e in entries if e.words), definitions, chat, spellings, counted)

    def define(self, abbreviation: str) -> str | None:
        """What an abbreviation stands for in Swedish social services, if the table knows it."""
        return self.definitions.get(fold(abbreviation).split(":", 1)[0])

    def find(self, question_words: list[str], written: list[str] | None = None) -> list[Hit]:
        """Terms found in a question's folded words, longest first, not overlapping.

        Args:
            question_words: The question's folded words (`textnorm.words`).
            written: The same words as typed, lower-cased (`written_words`); with them a term
                word the table writes with a plain vowel does not match a question word that
                has å, ä or ö in its place ("mat" is not "mäta", "matt" is not "mått").
        """
        hits: list[Hit] = []
        i = 0
        candidates_for = self._candidates
        typed = written if written is not None and len(written) == len(question_words) else None
        while i < len(question_words):
            for term in candidates_for(question_words[i]):
                n = len(term)
                if i + n <= len(question_words) and all(
                    word_matches(question_words[i + k], term[k])
                    and (typed is None or self._letters_agree(typed[i + k], term[k]))
                    for k in range(n)
                ):
                    hits.append(Hit(i, i + n, Entry(term, self.terms[term])))
                    i += n
                    break
            else:
                i += 1
        return hits

    def _letters_agree(self, typed: str, term_word: str) -> bool:
        """Whether some spelling of the term word has the question word's å/ä/ö where it has them.

        Folding meets "forsorjningsstod" and "försörjningsstöd" (staff often type without
        å/ä/ö); a question that does type "ä" has said which word it means.
        """
        spellings = self.written.get(term_word) or {term_word}
        return any(
            all(t == q for q, t in zip(typed, raw, strict=False) if q in _SWEDISH_LETTERS)
            for raw in spellings
        )

    def _candidates(self, word: str) -> list[tuple[str, ...]]:
        q = _norm_word(word)
        found = list(self._by_first.get(q, ()))
        # Inflected first word ("klienterna", "vp:n"): try the word with an ending removed.
        for cut in range(1, 6):
            if len(q) - cut >= 2 and q[-cut:] in ENDINGS:  # word_matches decides
                found += [t for t in self._by_first.get(q[:-cut], ()) if t not in found]
        stem = _stem(q)
        if stem != q:
            found += [t for t in self._by_first.get(stem, ()) if t not in found]
        return sorted(found, key=len, reverse=True)


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    """The packaged thesaurus, read once."""
    text = resources.files("knowledge.understand").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return Thesaurus.parse(text)


def expand_query(text: str, table: Thesaurus | None = None) -> str:
    """The query plus the expansions of the thesaurus terms it contains (for retrieval and matching)."""
    table = table or thesaurus()
    ws = words(text)
    extra: list[str] = []
    for hit in table.find(ws, list(written_words(text))):
        extra += [x for x in hit.entry.expansions if x not in extra]
    return f"{text} {' '.join(extra)}" if extra else text


def query_groups(text: str, table: Thesaurus | None = None) -> list[tuple[set[str], set[str]]]:
    """The query's content words as (own stems, synonyms' stems) pairs.

    A word counts as present in a passage when its own stem is there, and partly when only a
    synonym is ("anställda" met by "medarbetare"), so synonyms neither dilute coverage nor
    make every passage that mentions a common synonym look like a full match. Every word of a
    multi-word term ("ek bistånd") carries the term's synonyms.
    """
    table = table or thesaurus()
    ws = words(text)
    synonyms_at: dict[int, set[str]] = {}
    for hit in table.find(ws, list(written_words(text))):
        stems = {s for x in hit.entry.expansions for s in stem_tokens(x)}
        for k in range(hit.start, hit.end):
            synonyms_at.setdefault(k, set()).update(stems)
    groups: list[tuple[set[str], set[str]]] = []
    for k, word in enumerate(ws):
        if word in _STOP:
            continue
        own = set(stem_tokens(word))
        if not own:
            continue
        group = (own, synonyms_at.get(k, set()) - own)
        if group not in groups:
            groups.append(group)
    return groups
