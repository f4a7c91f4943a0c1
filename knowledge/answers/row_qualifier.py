"""A qualifier the question puts on an indicator that the indicator's row does not carry.

Close negatives ask for an indicator restricted in a way the plan never states it: "andel unga
vuxna med långvarigt ekonomiskt bistånd" (the row counts all adults), "mål på
långtidssjukfrånvaron" (the row is the whole sick leave), "flerpartssamtal med klienter över
30" (the row is for ages 18-29). The indicator route matches the row on the words they share and
answers its figure as if it were the asked one, and staff then report a figure that does not exist.

A qualifier is a question word that narrows the population or the measure:
- a word of a narrowing class listed in `understand/qualifiers.tsv` (a group of people, a
  gender, who runs the service, a time of day or of the year);
- an age ("över 30", "under 18 år");
- a compound that puts a further element before a row's word ("långtidssjukfrånvaro" for the
  row "Sjukfrånvaro"; the thesaurus may read it as a phrase, "sjukfrånvaro dag 15", which the
  row then has to carry whole).
The answer is declined when the question has a qualifier that no row the answer cites carries
in any form (the word itself, a form of it, a thesaurus synonym, a compound holding it), nor the
cited rows' section or measure, and no other row of the cited plan carries it either: then the
plan has an indicator for it and the route merely chose the wrong one.

Only listed classes count: an open rule (any topic word no row carries) declined answerable
questions by their verbs and paraphrases ("få det bli", "köpa", "ha kvar", "känna sig"), which
staff write in as many ways as there are questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core import vocab
from indicators.models import Indicator
from knowledge.answer import Answer, AnswerKind
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, query_groups, stem_tokens, words
from knowledge.understand.reading import QuestionReading
from knowledge.understand.thesaurus import thesaurus

DATA_FILE = "qualifiers.tsv"
CLASSES = frozenset({"grupp", "kön", "regi", "tid"})

# A stem this short is matched only as it is (no families or compounds).
MIN_FAMILY = 4
# A compound's extra element before the row's word is a qualifier only from this length:
# shorter starts are inflection or linking letters, not a word.
MIN_MODIFIER = 3
# A stem and a row's stem of this length sharing this many first letters are one word family.
_FAMILY_START = 5
# Letters of an inflection ending a stem may keep after a compound's last word.
_ENDING = 2
# A written word of the question.
_WORD = re.compile(r"[^\W\d_][\w-]*")


@dataclass(frozen=True)
class RowQualifier:
    """Why an indicator answer is declined: the question narrows it by a word its row lacks.

    Attributes:
        word: The qualifier as the question writes it ("unga", "långtidssjukfrånvaron").
        indicator: The name of the indicator found.
    """

    word: str
    indicator: str

    def message(self, label: str) -> str:
        """The Swedish decline: the indicator found and the qualifier the plan does not state.

        Args:
            label: The cited document's label ("Ekonomiskt bistånd, verksamhetsplan 2020").
        """
        return (
            f"{label} har indikatorn **{self.indicator.rstrip('.')}**, men planen anger den inte för "
            f"”{self.word}”, så jag kan inte ge ett mål för just det utan att gissa."
        )


def parse(text: str, name: str = DATA_FILE) -> frozenset[str]:
    """Parse the table of narrowing words.

    Args:
        text: The table: `class <TAB> word <TAB> note` lines, `#` comments.
        name: The file name, for error messages.

    Returns:
        The words' folded stems.

    Raises:
        VocabError: A line names an unknown class, or a word with no stem.
    """
    out: set[str] = set()
    for row in vocab.rows(text, name, min_columns=2, expected="'klass<TAB>ord<TAB>anteckning'"):
        if row.cell(0) not in CLASSES:
            raise row.fail(f"okänd klass '{row.cell(0)}'")
        stems = stem_tokens(row.cell(1), drop_stopwords=False)
        if len(stems) != 1:
            raise row.fail(f"'{row.cell(1)}' är inte ett ord")
        out.update(stems)
    return frozenset(out)


@lru_cache(maxsize=1)
def qualifier_stems() -> frozenset[str]:
    """The packaged table, read once."""
    return parse(vocab.packaged_text("knowledge.understand", DATA_FILE))


def holds(row: frozenset[str], stem: str) -> bool:
    """Whether a row's stems carry the question's stem without narrowing it.

    The stem itself; a longer or shorter form of the same word ("vuxn" ~ "vuxna"); a compound
    of the row ending in it ("index" in "medskapandeindex"); a compound of the question that
    starts with the row's word ("sjukfranvarotal"). A question compound that ends in the row's
    word but starts with more ("langtidssjukfranvaro") is not held: it narrows the row.
    """
    if stem in row:
        return True
    if len(stem) < MIN_FAMILY:
        # A short word only as the end of a row's word: "rör" in "berör".
        return (
            len(stem) >= MIN_MODIFIER
            and not stem.isdigit()
            and any(len(s) >= MIN_FAMILY and s.endswith(stem) for s in row)
        )
    for s in row:
        if len(s) < MIN_FAMILY:
            continue
        if s.endswith(stem) or s.startswith(stem) or stem.startswith(s):
            return True
        if (
            len(s) >= _FAMILY_START
            and len(stem) >= _FAMILY_START
            and s[:_FAMILY_START] == stem[:_FAMILY_START]
        ):
            return True
    return False


def _phrases(text: str) -> dict[str, list[frozenset[str]]]:
    """The thesaurus expansions of the text's words as whole phrases, by the words' stems.

    "långtidssjukfrånvaro" expands to "sjukfrånvaro dag 15": a row carries it only when it
    carries the whole phrase, not when it carries "sjukfrånvaro" alone.
    """
    ws = words(text)
    out: dict[str, list[frozenset[str]]] = {}
    for hit in thesaurus().find(ws):
        phrases = [frozenset(stem_tokens(x)) for x in hit.entry.expansions]
        for k in range(hit.start, hit.end):
            for stem in stem_tokens(ws[k]):
                out.setdefault(stem, []).extend(p for p in phrases if p)
    return out


def _carried(row: frozenset[str], own: set[str], synonyms: set[str], phrases: list[frozenset[str]]) -> bool:
    """Whether a row carries a question word: itself, a one-word synonym or a whole phrase of it."""
    if any(holds(row, t) for t in own):
        return True
    parts = {t for p in phrases if len(p) > 1 for t in p}
    if any(holds(row, t) for t in synonyms - parts):
        return True
    return any(len(p) > 1 and all(holds(row, t) for t in p) for p in phrases)


def _compares(stem: str, text: str) -> bool:
    """Whether every use of the word in the text compares ("inte äldre än ett halvår")."""
    ws = _WORD.findall(fold(text))
    uses = [i for i, w in enumerate(ws) if stem in stem_tokens(w, drop_stopwords=False)]
    return bool(uses) and all(i + 1 < len(ws) and ws[i + 1] == "an" for i in uses)


def _narrows(row: frozenset[str], stem: str) -> bool:
    """Whether the stem is a compound of a row's word with a further element before it.

    The stem may keep an inflection ending the stemmer left ("langtidssjukfranvaron").
    """
    for s in row:
        at = stem.rfind(s) if len(s) >= MIN_FAMILY else -1
        if at >= MIN_MODIFIER and len(stem) - at - len(s) <= _ENDING:
            return True
    return False


# An age the question restricts to: "över 30", "under 18 år", "äldre än 65" (folded text).
# "under 12 månader" and "över 80 %" are periods and shares, not ages.
_AGE = re.compile(
    r"\b(?:over|under|aldre an|yngre an)\s+(\d{1,2})\b(?:\s*ar\b)?"
    r"(?!\s*(?:man|vec|dag|tim|%|procent|st\b|kr))"
)

# An age band: "30-45 åringar", "18–29 år", "åldersgrupp 30-45" (its first age is looked for in the rows).
_AGE_BAND = re.compile(
    r"\b(\d{1,2})\s*[-–]\s*\d{1,2}\s*(?:ar\b|aring\w*|arsaldern)|\baldersgrupp\w*\s+(\d{1,2})\s*[-–]\s*\d{1,2}\b"
)


def _row_stems(ind: Indicator, section: str) -> frozenset[str]:
    return frozenset(stem_tokens(" ".join([ind.name, ind.measure or "", section])))


def _cited_rows(snap: Snapshot, answer: Answer) -> list[tuple[str, int, str]]:
    """The indicator rows the answer cites: (source, index, section)."""
    out = []
    for c in answer.citations:
        parsed = snap.parsed.get(c.source)
        if parsed is None:
            continue
        quote = fold(c.quote)
        for i, ind in enumerate(parsed.indicators):
            if quote.startswith(fold(ind.name)):
                out.append((c.source, i, c.section))
                break
    return out


def _written(stem: str, text: str) -> str:
    """The question's word that the stem comes from ("unga" for "ung")."""
    for word in _WORD.findall(text):
        if stem in stem_tokens(word, drop_stopwords=False):
            return word
    return stem


def row_qualifier(snap: Snapshot, reading: QuestionReading, answer: Answer) -> RowQualifier | None:
    """The qualifier the question puts on the indicator that no row of the plan carries, or None.

    Args:
        snap: The stored documents.
        reading: The question as read (its topic holds the content words).
        answer: The answer of some route; only indicator answers are checked.

    Returns:
        The first such qualifier with the indicator's name, or None.
    """
    if answer.kind is not AnswerKind.INDICATOR or not answer.citations:
        return None
    rows = _cited_rows(snap, answer)
    if not rows:
        return None
    cited = [_row_stems(snap.parsed[s].indicators[i], section) for s, i, section in rows]
    listed = qualifier_stems()
    topic = reading.topic or reading.text
    phrases = _phrases(topic)
    sources = {s for s, _, _ in rows}
    plan_rows = [_row_stems(ind, "") for source in sources for ind in snap.parsed[source].indicators]
    for own, synonyms in query_groups(topic):
        said = [p for o in own for p in phrases.get(o, [])]
        listed_here = bool(own & listed) and not _compares(min(own), reading.text)
        if not (listed_here or any(_narrows(row, o) for row in cited for o in own)):
            continue
        if any(_carried(row, own, synonyms, said) for row in cited + plan_rows):
            continue
        name = snap.parsed[rows[0][0]].indicators[rows[0][1]].name
        return RowQualifier(_written(min(own), reading.text), name)
    folded = fold(reading.text)
    age = _AGE.search(folded) or _AGE_BAND.search(folded)
    first = next((g for g in age.groups() if g), None) if age else None
    if age and first and not any(first in row for row in cited + plan_rows):
        # As the question writes it when folding kept its length ("Över 30 år", not "over 30 ar").
        written = reading.text[age.start() : age.end()] if len(folded) == len(reading.text) else age.group(0)
        return RowQualifier(written, snap.parsed[rows[0][0]].indicators[rows[0][1]].name)
    return None
