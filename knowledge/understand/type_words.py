"""Words that only restate the kind of detail a question asks for ("ligga" in "var ska den ligga?").

The words are data (`type_words.tsv`): one line per `AnswerType`. A follow-up about the passage just
quoted looks for a sentence that holds every word of its own; a word that merely says what kind of
answer is wanted (a place, an age, a price) is not one of them, because the sentence that answers
states the detail itself ("… i kvarteret Zachrisberg nära Årstabergets pendeltågsstation") and the
answer-type grammar recognises that. `restating_stems` gives the stems of those words for the types a
question asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from core.vocab import packaged_text, rows
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.answer_types import AnswerType

DATA_FILE = "type_words.tsv"


def parse(text: str, name: str = DATA_FILE) -> dict[AnswerType, frozenset[str]]:
    """Parse the type-word table into the stems of each answer type's words.

    Args:
        text: The table: `type <TAB> word|word … <TAB> note` lines, `#` comments.
        name: The file name, for error messages.

    Returns:
        The folded stems of each type's words.

    Raises:
        VocabError: A line names no known answer type or lists no word.
    """
    out: dict[AnswerType, set[str]] = {}
    known = {t.value for t in AnswerType}
    for row in rows(text, name):
        kind = row.cells[0]
        words = [w.strip() for w in row.cell(1).split("|") if w.strip()]
        if kind not in known or not words:
            raise row.error("'typ<TAB>ord|ord<TAB>anteckning'")
        stems = out.setdefault(AnswerType(kind), set())
        for word in words:
            stems.update(stem_tokens(fold(word), drop_stopwords=False))
    return {kind: frozenset(stems) for kind, stems in out.items()}


@lru_cache(maxsize=1)
def table() -> Mapping[AnswerType, frozenset[str]]:
    """The packaged type words, read once."""
    return parse(packaged_text("knowledge.understand", DATA_FILE))


def restating_stems(
    types: Iterable[AnswerType], words: Mapping[AnswerType, frozenset[str]] | None = None
) -> frozenset[str]:
    """The stems of the words that only restate the asked kinds of detail.

    Args:
        types: The answer types a question asks (`asked_types`).
        words: A type-word table; the packaged one when omitted.

    Returns:
        The union of those types' stems (empty when no type is asked).
    """
    source = table() if words is None else words
    return frozenset().union(*(source.get(kind, frozenset()) for kind in types))
