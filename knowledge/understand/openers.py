"""Where a question of a chat message opens: an interrogative, or a yes/no question's verb.

`clauses.question_starts` cuts a message of several questions where each question opens. Staff
open a question in three ways, and a message may mix them: "hur ofta har vi apt? har vi flextid
också?", "finns det sl-kort på enheten eller har vi en bil?", "från vilken ålder tar de emot
brukare, och hur många har de?":

- an interrogative word ("vad", "när", "hur" …), the way `clauses.INTERROGATIVES` lists them;
- a preposition and then an interrogative ("från vilken ålder …", "på vilket sätt …"): the
  preposition belongs to the question;
- a finite verb and then a subject pronoun ("har vi …", "finns det …", "får man …"): Swedish puts
  the verb first in a yes/no question and the subject first in a statement ("vi har …"), so the
  inverted order marks a question whatever it asks about.

The words are data (`openers.tsv`). Copulas are not among the verbs: "är det en elbil?" after
"vad har vi för bil?" narrows the question before it rather than asking a new one. The table
also lists the nouns that name an answer itself ("siffra", "tak"): a later question that names
nothing else ("…, finns det en siffra?") asks whether the one before has an answer
(`several.asks_anew`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from core.vocab import packaged_text, rows
from knowledge.textnorm import fold

DATA_FILE = "openers.tsv"
# "var" is also the folded "vår" ("our"): after a preposition it is nearly always "i vår …",
# "på vår enhet", a statement's words, not a question opening.
_OUR = "var"


class OpenerKind(StrEnum):
    """How a question opens."""

    INTERROGATIVE = "interrogative"
    PREPOSED = "preposed"  # a preposition before the interrogative
    YES_NO = "yes_no"  # a finite verb before its subject


class WordKind(StrEnum):
    """The kinds of words in the data file."""

    PREPOSITION = "preposition"
    VERB = "verb"
    SUBJECT = "subject"
    ANSWER = "answer"
    CONJUNCTION = "conjunction"  # an interrogative that is also a subordinating conjunction
    CLAUSE_SUBJECT = "clause_subject"  # opens a subject, besides the subject pronouns


@dataclass(frozen=True)
class Openers:
    """The words of the data file, folded, by kind."""

    prepositions: frozenset[str]
    verbs: frozenset[str]
    subjects: frozenset[str]
    answer_nouns: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    clause_subjects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Opener:
    """A question opening at token `start` (the preposition or verb included)."""

    kind: OpenerKind
    start: int


def parse(text: str, name: str = DATA_FILE) -> Openers:
    """Parse the openers table.

    Raises:
        VocabError: A line does not have the form `kind <TAB> word` with a known kind.
    """
    words: dict[WordKind, set[str]] = {k: set() for k in WordKind}
    kinds = {k.value: k for k in WordKind}
    for row in rows(text, name):
        kind, word = row.cells[0], row.rest(1)
        if kind not in kinds or not word.strip() or len(word.split()) != 1:
            raise row.error(f"'{'|'.join(kinds)}<TAB>ord'")
        words[kinds[kind]].add(fold(word.strip()))
    return Openers(
        frozenset(words[WordKind.PREPOSITION]),
        frozenset(words[WordKind.VERB]),
        frozenset(words[WordKind.SUBJECT]),
        frozenset(words[WordKind.ANSWER]),
        frozenset(words[WordKind.CONJUNCTION]),
        frozenset(words[WordKind.CLAUSE_SUBJECT]),
    )


@lru_cache(maxsize=1)
def openers() -> Openers:
    """The packaged openers, read once."""
    return parse(packaged_text("knowledge.understand", DATA_FILE))


def opener_at(
    folded: Sequence[str], k: int, interrogatives: frozenset[str], table: Openers | None = None
) -> Opener | None:
    """The question that opens at token k, or None.

    Args:
        folded: The message's tokens, folded.
        k: Where to look (after chatter and a joiner: the caller skips those).
        interrogatives: The interrogative words (folded).
        table: The opener words (default: the packaged table).

    Returns:
        The opener, starting at k, or None when no question opens there.
    """
    words = table or openers()
    if k >= len(folded):
        return None
    w = folded[k]
    if w in interrogatives:
        return None if opens_subordinate(folded, k, words) else Opener(OpenerKind.INTERROGATIVE, k)
    nxt = folded[k + 1] if k + 1 < len(folded) else None
    if nxt is None:
        return None
    if w in words.prepositions and nxt in interrogatives and nxt != _OUR:
        return Opener(OpenerKind.PREPOSED, k)
    if w in words.verbs and nxt in words.subjects:
        return Opener(OpenerKind.YES_NO, k)
    return None


def opens_subordinate(folded: Sequence[str], k: int, table: Openers | None = None) -> bool:
    """Whether the word at k is a conjunction opening a subordinate clause, not a question.

    "när" followed by its subject ("när vi …", "när en klient …", "när det gäller …") opens a
    condition or a time clause; followed by a verb ("när ska vi …", "när är …") it asks.

    Args:
        folded: The message's tokens, folded.
        k: The word to look at.
        table: The opener words (default: the packaged table).
    """
    words = table or openers()
    if k + 1 >= len(folded) or folded[k] not in words.conjunctions:
        return False
    return folded[k + 1] in words.subjects | words.clause_subjects
