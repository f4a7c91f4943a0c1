"""Conditions: the situation part of a rule sentence and of a question that describes one.

Plans and rutiner state what to do in a situation inside long Arbetssätt and Rutin passages:
"Vid misstanke om våld i nära relation … stöder vi brukaren i att ta kontakt med …", "Om det
framkommer misstanke om bidragsbrott, görs polisanmälan", "Då passiv rökning förekommer ges …".
Staff ask by describing the situation: "vad gör vi om vi tror att nån fuskar med bidraget?",
"om brukarens behov ändras, vad händer med planen?". The sentence to quote is the one whose
condition holds the question's situation; its opening words say that it is a rule at all.

This module only reads the words (`condition_markers.tsv`): where a sentence's condition ends and
whether a question states a condition. Scoring sentences by it is `retrieval/rule_sentences.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import pairwise

from core.vocab import packaged_text, rows
from knowledge.textnorm import fold, words

DATA_FILE = "condition_markers.tsv"
# A clause of a question starts at its beginning or after a punctuation mark.
_CLAUSE_BREAK = re.compile(r"[,.;:!?()\n–]+")
# Most words of a condition without a comma: "Vid långvarigt beroende ska FIA bedömning
# användas" has none, and its whole sentence is short; a longer sentence's condition is read
# from its opening words only, so a consequence that happens to repeat a question word does not
# count as the situation.
MAX_UNMARKED_CONDITION_WORDS = 12


class MarkerRole(Enum):
    """What a word of `condition_markers.tsv` does."""

    OPENER = "opener"
    CLAUSE = "clause"
    SUBJECT = "subject"
    SUPPOSITION = "supposition"


@dataclass(frozen=True)
class Markers:
    """The condition words, by role (folded forms)."""

    openers: frozenset[str]
    clauses: frozenset[str]
    subjects: frozenset[str]
    suppositions: frozenset[str] = frozenset()

    def opens(self, word: str) -> bool:
        """The word opens a condition at the start of a sentence or clause."""
        return word in self.openers or word in self.clauses


def parse(text: str, name: str = DATA_FILE) -> Markers:
    """Parse the marker table.

    Args:
        text: `form <TAB> role [<TAB> note]` lines, `#` comments.
        name: The file name, for error messages.

    Returns:
        The markers by role.

    Raises:
        VocabError: A line's form holds anything but letters, or its role is unknown.
    """
    by_role: dict[MarkerRole, set[str]] = {role: set() for role in MarkerRole}
    for row in rows(text, name):
        form = fold(row.cell(0))
        role_name = row.cell(1)
        if not re.fullmatch(r"[a-z]+", form):
            raise row.error("'ordform<TAB>roll'")
        try:
            role = MarkerRole(role_name)
        except ValueError as err:
            raise row.fail(f"okänd roll {role_name!r}") from err
        by_role[role].add(form)
    return Markers(
        frozenset(by_role[MarkerRole.OPENER]),
        frozenset(by_role[MarkerRole.CLAUSE]),
        frozenset(by_role[MarkerRole.SUBJECT]),
        frozenset(by_role[MarkerRole.SUPPOSITION]),
    )


@lru_cache(maxsize=1)
def markers() -> Markers:
    """The packaged marker table, read once."""
    return parse(packaged_text("knowledge.understand", DATA_FILE))


def condition_part(sentence: str, table: Markers | None = None) -> str | None:
    """The condition of a rule sentence, or None when the sentence opens with no condition.

    The condition runs from the opening marker to the first comma ("Om det framkommer misstanke
    om bidragsbrott, görs polisanmälan" → "Om det framkommer misstanke om bidragsbrott"); a
    sentence without a comma is read up to `MAX_UNMARKED_CONDITION_WORDS` words ("Vid
    långvarigt beroende ska FIA bedömning användas" whole): Swedish puts the finite verb of the
    consequence right after the condition, and telling it from the condition's own verb needs
    a parser this project does not have.

    Args:
        sentence: One sentence of a passage.
        table: The markers (the packaged table when None).
    """
    table = table or markers()
    stripped = sentence.lstrip(" -•*–\t\n")
    first = words(stripped[:20])
    if not first or not table.opens(first[0]):
        return None
    head, comma, _ = stripped.partition(",")
    if comma:
        return head
    return " ".join(stripped.split()[:MAX_UNMARKED_CONDITION_WORDS])


def states_condition(question: str, table: Markers | None = None) -> bool:
    """The question describes a situation in a condition clause.

    "om brukarens behov ändras, vad händer …" and "vid misstanke om …" open a clause with a
    marker; "vad gör vi om vi tror att …" and "hur gör vi när en brukare …" have a subjunction
    followed by a subject; "vi misstänker att en brukare …" a verb of supposing followed by
    "att". "vad står det om X" (the preposition) and "vid T1" are no condition.

    Args:
        question: The question as typed.
        table: The markers (the packaged table when None).
    """
    table = table or markers()
    for clause in _CLAUSE_BREAK.split(question):
        toks = words(clause)
        if toks and table.opens(toks[0]):
            return True
        for word, after in pairwise(toks):
            if word in table.clauses and after in table.subjects:
                return True
            if word in table.suppositions and after == "att":
                return True
    return False
