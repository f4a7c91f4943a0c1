"""Whether a word is one of the documents' or everyday Swedish: counts here against general Swedish.

A passage answers when it covers most of the question's words, each weighted by its inverse
document frequency. In a chat message idf over-weights everyday words: "måndags", "Sara",
"rykten", "ringde" are rare in, or absent from, the plans, so each weighs as much as the rarest
term of the field, and a passage that holds every word of the actual question still covers too
little of the message.

What tells the two apart is how often the word occurs in the documents compared with general
Swedish. A word of the field ("klagomål", "sysselsättning", "stadsdelsmammor") is far more
frequent in the plans than in Swedish at large (or too rare in Swedish to be listed); an
everyday word is not. With `expected` the count the word would have in the indexed text if it
were as frequent there as in general Swedish (`understand.general_swedish`), and `observed` its
count in the index, the word is wholly the documents' when `observed >= expected`; otherwise
its share is 1 + log10((observed + ½) / (expected + ½)), floored at `FLOOR`: it falls with the
log of how much rarer the word is in the plans than in Swedish at large. With a small corpus an
absent word is expected less than once unless it is common (Zipf above about 4.5 for the four
sample plans), so only everyday words count as such; a larger corpus sees rarer words too.

The share is not applied to idf itself: an everyday word in the clause that asks may be what is
asked about ("lön", "parkera"), and that no plan holds it is why the answer is a decline.
`understand.side_words` leaves everyday words out only in the clauses around the question.
The counts come from the index (built at ingest / load), the general frequencies from a packaged
table: a question's words cost dictionary lookups, nothing is computed per request.
"""

from __future__ import annotations

import math

from knowledge.understand.general_swedish import zipf

# The least share a word gets: ten times rarer in the plans than in Swedish at large is as
# everyday as a word can be (the log scale stops there).
FLOOR = 0.2
# Below this share a word counts as everyday Swedish: about three times rarer in the documents
# than in Swedish at large (1 + log10(1/3) ≈ 0.5). Such words in the clauses around the question
# are left out of its topic (understand/side_words.py).
EVERYDAY = 0.5
_HALF = 0.5  # add-one-half smoothing of both counts (an absent word is not infinitely rare)


def everyday_factor(observed: float, total: float, stem: str) -> float:
    """How much a stem is a word of the documents, from its count in the index and in general Swedish.

    Args:
        observed: Occurrences of the stem in the indexed chunks.
        total: Tokens in the indexed chunks.
        stem: The folded stem (looked up in the general Swedish table).

    Returns:
        1.0 for words of the documents (or too rare in Swedish to be listed), down to `FLOOR`
        for everyday words.
    """
    z = zipf(stem)
    if z <= 0.0 or total <= 0:
        return 1.0
    expected = total * 10.0 ** (z - 9.0)
    if observed >= expected:
        return 1.0
    return max(FLOOR, 1.0 + math.log10((observed + _HALF) / (expected + _HALF)))
