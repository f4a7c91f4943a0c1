"""Misspelt content words in chat questions, corrected against the corpus's own vocabulary.

Staff type fast: "aktivteter", "sjukfrånvron", "handlednig". Stemming and folding absorb endings and
missing å/ä/ö, but a letter dropped or swapped inside a word leaves a stem no chunk holds, and the
question then covers fewer words of the passage that answers it. `Speller.correct` replaces such a
word by the nearest stem the corpus does hold, weighed by how many chunks hold it.

Conservative by construction (a wrong correction is worse than none):

- a word the corpus knows (its stem is in the index), a word of the question vocabulary (cues,
  function words, the thesaurus) or a short word (under `MIN_LENGTH` letters) is never touched;
- a candidate must share the first letter (typos rarely hit it), be at most two letters longer or
  shorter, be held by at least `MIN_CHUNKS` chunks (one-off OCR damage is no target) and score at
  least `MIN_RATIO` (about one edit in a word of eight letters, `rapidfuzz.fuzz.ratio`);
- of several candidates the closest wins, then the one more chunks hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from rapidfuzz import fuzz, process

from knowledge.understand import vocab as v
from knowledge.understand.mentions import tokenize
from knowledge.understand.thesaurus import thesaurus

MIN_LENGTH = 7
MIN_RATIO = 87.0
MIN_CHUNKS = 2
MAX_LENGTH_GAP = 2


def _question_words() -> frozenset[str]:
    """Folded words a question may use that the plans need not hold (cues, chat, thesaurus terms)."""
    terms = {w for term in thesaurus().terms for w in term}
    return frozenset(v.STOP | v.CUES | v.GREET | v.GENERIC | v.FIELD_WORDS | v.PERIOD_WORDS | terms)


class Speller:
    """Nearest corpus stems for misspelt question words.

    Args:
        chunk_counts: Stem -> how many chunks hold it (the lexical index's document frequency).
    """

    def __init__(self, chunk_counts: Mapping[str, int]) -> None:
        self.known = frozenset(chunk_counts)
        self.counts = dict(chunk_counts)
        self._by_letter: dict[str, list[str]] = {}
        for stem, n in chunk_counts.items():
            if n >= MIN_CHUNKS and len(stem) >= MIN_LENGTH - MAX_LENGTH_GAP and stem.isalpha():
                self._by_letter.setdefault(stem[0], []).append(stem)
        # The index lists stems in the order it first met them, which depends on which documents
        # a replica read first; sorted, equally close candidates are cut the same way everywhere.
        for stems in self._by_letter.values():
            stems.sort()
        self._question = _question_words()

    def nearest(self, word: str, stem: str) -> str | None:
        """The corpus stem a misspelt word stands for, or None to leave it.

        Args:
            word: The question word, folded.
            stem: Its stem.
        """
        if len(word) < MIN_LENGTH or not word.isalpha() or stem in self.known or word in self._question:
            return None
        pool = [s for s in self._by_letter.get(stem[0], ()) if abs(len(s) - len(stem)) <= MAX_LENGTH_GAP]
        # The word and its stem both compared: a typo can make the stemmer cut a different ending
        # ("handlednig" stems to "handledn", nearer "handled" than "handledning").
        scores: dict[str, float] = {}
        for query in (word, stem):
            for hit, score, _ in process.extract(
                query, pool, scorer=fuzz.ratio, score_cutoff=MIN_RATIO, limit=5
            ):
                scores[hit] = max(scores.get(hit, 0.0), score)
        if not scores:
            return None
        # Equally close and common: the alphabetically first, the same in every process.
        return min(scores, key=lambda s: (-scores[s], -self.counts[s], s))

    def correct(self, question: str) -> str:
        """The question with its misspelt words replaced by the corpus stems they stand for."""
        out: list[str] = []
        at = 0
        for t in tokenize(question):
            fix = self.nearest(t.f, t.stem)
            if fix is not None:
                out += [question[at : t.start], fix]
                at = t.end
        return "".join(out) + question[at:] if out else question


class HasChunkCounts(Protocol):
    """What a speller is built from: the lexical index (`knowledge.store.lexical.LexicalIndex`)."""

    @property
    def doc_freq(self) -> dict[str, int]:
        """Stem -> how many chunks hold it."""
        ...


# One speller per lexical index (a snapshot's): built on the first question after a reload
# (a dictionary walk over the stems), reused until the index changes.
_current: tuple[HasChunkCounts, Speller] | None = None


def correct_spelling(question: str, index: HasChunkCounts) -> str:
    """The question with misspelt words replaced by the corpus stems they stand for (see `Speller`)."""
    global _current
    current = _current
    if current is None or current[0] is not index:
        current = _current = (index, Speller(index.doc_freq))
    return current[1].correct(question)
