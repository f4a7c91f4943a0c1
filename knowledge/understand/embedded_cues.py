"""Whether a word of a question stands in an embedded clause rather than in its asking frame.

A question's frame ("hur följs … upp", "vad krävs för …", "hur jobbar vi med …") says what kind
of text is asked for; the same cue words also occur inside the clauses that describe the topic or
the situation: "hur ska vi nå målet att färre barnfamiljer *behöver* försörjningsstöd?" asks for
the way of working, not the resources, and "hur gör vi när vi *behöver* en vikarie?" asks what we
do. The rule is Swedish clause structure, not any question: a clause opened by a subjunction or
relative word (`embedding_words.tsv`: att, som, när, om, …) runs to the next comma or sentence
end, and a cue inside it is embedded. An "att" directly before the cue is the infinitive marker
of the asked verb itself ("hur jobbar vi för att följa upp …"), not an embedding.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.vocab import packaged_text, rows

DATA_FILE = "embedding_words.tsv"

# Punctuation that ends an embedded clause in chat text (as `clauses._CLAUSE_PUNCT`).
_CLAUSE_END = re.compile(r"[.!?:;,–—…]|\s-\s")
_WORD = re.compile(r"\w+")
_INFINITIVE = "att"


def parse(text: str, name: str = DATA_FILE) -> frozenset[str]:
    """The embedding words of a table (folded forms, first cell of each data line)."""
    return frozenset(row.cell(0) for row in rows(text, name) if row.cell(0))


@lru_cache(maxsize=1)
def embedding_words() -> frozenset[str]:
    """The packaged embedding words, read once."""
    return parse(packaged_text("knowledge.understand", DATA_FILE))


def is_embedded(folded: str, start: int, words: frozenset[str] | None = None) -> bool:
    """Whether the character offset `start` of a folded question lies in an embedded clause.

    Args:
        folded: The question, folded (lower case, å/ä/ö as a/a/o).
        start: Where the cue begins.
        words: The embedding words (default: the packaged table).

    Returns:
        True when an embedding word stands between the last clause end before `start` and
        `start` (an infinitive "att" right before the cue excepted).
    """
    table = embedding_words() if words is None else words
    ends = [m.end() for m in _CLAUSE_END.finditer(folded, 0, start)]
    before = _WORD.findall(folded[ends[-1] if ends else 0 : start])
    last = len(before) - 1
    return any(w in table and not (w == _INFINITIVE and k == last) for k, w in enumerate(before))
