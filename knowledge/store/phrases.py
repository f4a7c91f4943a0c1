"""Whether the corpus writes two stems as a phrase: "meddelanden om avhysning" for "avhysningsmeddelanden".

A question compound the plans never write is read as its parts only when the plans write those
parts together (`knowledge.understand.derivation.Derivations.parts`). Together means in one
chunk, at most `WINDOW` words apart: "meddelanden om avhysning" (two apart) attests
avhysning + meddelanden, while "medarbetare" in one sentence and "engagemang" three sentences
later attest nothing. Checked on a question (only for an unknown compound's candidate cuts,
over only the chunks that hold both stems, `LexicalIndex.rows`), cached per snapshot.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from knowledge.textnorm import stem_tokens, words

# Most words between the two parts: "meddelanden om avhysning", "stöd i det egna boendet".
WINDOW = 3
# Most chunks read for one pair (the rarer part's chunks come first; a phrase, if written, is
# usually in the first few).
MAX_CHUNKS = 40


class _Rows(Protocol):
    def rows(self, stem: str) -> np.ndarray: ...


class _Text(Protocol):
    text: str


class PhraseEvidence:
    """`attested(a, b)`: whether some chunk holds stems a and b at most `WINDOW` words apart.

    Args:
        lexical: The snapshot's lexical index (its `rows` give the chunks holding a stem).
        chunks: The snapshot's chunks, in the index's row order.
    """

    def __init__(self, lexical: _Rows, chunks: Sequence[_Text]) -> None:
        self._lexical = lexical
        self._chunks = chunks
        self._memo: dict[tuple[str, str], bool] = {}

    def __call__(self, a: str, b: str) -> bool:
        key = (a, b) if a <= b else (b, a)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._attested(a, b)
        return found

    def _attested(self, a: str, b: str) -> bool:
        both = np.intersect1d(self._lexical.rows(a), self._lexical.rows(b))
        for row in both[:MAX_CHUNKS]:
            at_a: list[int] = []
            at_b: list[int] = []
            for i, word in enumerate(words(self._chunks[int(row)].text)):
                stems = stem_tokens(word, drop_stopwords=False)
                if a in stems:
                    at_a.append(i)
                if b in stems:
                    at_b.append(i)
            if any(abs(i - j) <= WINDOW + 1 for i in at_a for j in at_b if i != j):
                return True
        return False
