"""Chat spellings read by where they stand: "va" is "vad", "var", "vara" or the tag "right?".

Staff type "va" for several words: "va har vi för mål" (vad), "hur va det med …", "det va förra
året" (var), "ska va klara", "vill va anonym" (vara), "droppen ligger i västertorp va?" (the tag
"right?") and "va bra att du finns!" (an exclamation). The thesaurus's chat relation reads a chat
spelling as one standard word; read as "vad" everywhere, "va" adds a question word where there is
none and turns a tag into a second question ("… förut vad? vad gjorde man …"). `reading_at` picks
the reading from the words around the spelling, by the rules of `chat_readings.tsv` (data, first
fitting line wins); `chat_words.standard_words` falls back to the thesaurus when none fits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from core.vocab import packaged_text, rows
from knowledge.textnorm import fold

DATA_FILE = "chat_readings.tsv"
KEEP = "="  # left as typed: the chatter table reads it
DROP = "-"  # dropped from the question


class Context(StrEnum):
    """Where a chat spelling stands for a rule to apply."""

    AFTER = "after"  # right after one of the rule's words
    BEFORE = "before"  # right before one of the rule's words
    TAG = "tag"  # closing its clause, not its first word


@dataclass(frozen=True)
class Rule:
    """One reading of a chat spelling in one context."""

    word: str  # folded
    reading: str  # the standard word, KEEP or DROP
    context: Context
    words: frozenset[str]  # folded neighbours (empty for TAG)


def parse(text: str, name: str = DATA_FILE) -> tuple[Rule, ...]:
    """Parse the rules table.

    Raises:
        VocabError: A line has not the form `word <TAB> reading <TAB> context [<TAB> words]`, its
            context is unknown, or an AFTER/BEFORE rule lists no words.
    """
    contexts = {c.value: c for c in Context}
    rules: list[Rule] = []
    for row in rows(text, name):
        cols = row.cells
        if len(cols) not in (3, 4) or cols[2] not in contexts or not row.cell(0) or not row.cell(1):
            raise row.error("'ord<TAB>läsning<TAB>after|before|tag[<TAB>ord]'")
        context = contexts[cols[2]]
        words = frozenset(fold(w) for w in row.cell(3).split())
        if context is not Context.TAG and not words:
            raise row.fail(f"{context.value} behöver grannord")
        rules.append(Rule(fold(row.cell(0)), row.cell(1), context, words))
    return tuple(rules)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The packaged rules, read once."""
    return parse(packaged_text("knowledge.understand", DATA_FILE))


# What ends a clause after a word: sentence punctuation, a comma, a dash, an emoji, the text's end.
_CLAUSE_END = re.compile(r"\s*(?:[?!.,;:–—…]|\s-\s|[^\w\s]|$)")


def reading_at(
    words: Sequence[str], k: int, ends_clause: bool, starts_clause: bool, table: Sequence[Rule] | None = None
) -> str | None:
    """How the chat spelling at k is read in its context, or None (the thesaurus's reading).

    Args:
        words: The message's words as typed.
        k: The word to read.
        ends_clause: Whether it closes its clause (punctuation, an emoji or the end follows it).
        starts_clause: Whether it opens its clause.
        table: The rules (default: the packaged table).

    Returns:
        The standard word, `KEEP` or `DROP`; None when no rule fits.
    """
    word = fold(words[k])
    before = fold(words[k - 1]) if k > 0 and not starts_clause else None
    after = fold(words[k + 1]) if k + 1 < len(words) and not ends_clause else None
    for rule in rules() if table is None else table:
        if rule.word != word:
            continue
        if (
            (rule.context is Context.AFTER and before in rule.words)
            or (rule.context is Context.BEFORE and after in rule.words)
            or (rule.context is Context.TAG and ends_clause and not starts_clause)
        ):
            return rule.reading
    return None


def clause_end_after(text: str, end: int) -> bool:
    """Whether a clause ends right after the character offset `end` of the text."""
    return bool(_CLAUSE_END.match(text, end))


def clause_start_before(text: str, start: int) -> bool:
    """Whether a clause starts at the character offset `start` (text start or punctuation before)."""
    head = text[:start].rstrip()
    return not head or not (head[-1].isalnum())
