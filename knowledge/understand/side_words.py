"""Everyday words around the question of a chat message: left out of its topic.

A chat message holds more than its question: "En klient ringde idag och var jättearg 😬 …
vem ska återkoppla på klagomålet?", "jag har hört rykten om att … vad säger planen?", "Jag
heter Sara och började i måndags … vad är målet?". The clauses that tell about the asker are
dropped whole (`understand.clauses`), but the clauses around the question are not always about
the asker and may name what is asked about ("En klient … ville klaga"). Their everyday words
("ringde", "idag", "rykten", "Sara", "måndags") name nothing in the plans: they only dilute the
share of the question a passage covers. So, when a clause of the message asks, the words of the
other clauses that are everyday Swedish rather than words of the documents
(`store.informative`: far rarer in the documents than in Swedish at large) are left out of the
topic; their words of the field stay. Words in the asking clause always stay: "lön" in "vad får
en boendestödjare i lön?" is what is asked about, and that no plan says it is a reason to
decline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from knowledge.textnorm import fold
from knowledge.understand import vocab as v
from knowledge.understand.clauses import asking_tokens
from knowledge.understand.mentions import Tok

# Function words are never topic words; they stay for the readers of cues and pointers ("vår VP",
# "om det"), which look at them wherever they stand.
_FUNCTION = v.STOP | v.PRONOUNS | v.POSSESSIVE | v.REFERS_BACK | {fold(w) for w in v.OWN_WORDS}


class WordUsage(Protocol):
    """Whether a word is everyday Swedish rather than one of the documents (over a snapshot)."""

    def everyday_word(self, stem: str) -> bool:
        """Whether the stem is everyday Swedish rather than a word of the documents."""
        ...


def side_words(text: str, toks: Sequence[Tok], chatter: set[int], usage: WordUsage | None) -> set[int]:
    """Indexes of everyday words outside the clauses that ask; none when no clause asks.

    Args:
        text: The message.
        toks: Its tokens.
        chatter: Tokens already read as chatter (skipped when clauses are classified).
        usage: How the documents use words; without it nothing is left out.
    """
    if usage is None:
        return set()
    asking = asking_tokens(text, [(t.start, t.end) for t in toks], [t.f for t in toks], chatter)
    if not asking:
        return set()
    return {
        k
        for k, t in enumerate(toks)
        if k not in asking | chatter and t.f not in _FUNCTION and usage.everyday_word(t.stem)
    }
