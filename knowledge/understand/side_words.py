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

Only when the asking clause names something of its own, though. How-to questions put the
situation in a clause of its own and ask for the action in a bare one: "vi misstänker att en
brukare blir slagen av sin partner, vad gör vi?", "en brukare vill bara ha hjälp av en kille,
hur hanterar vi det?", "om en förälder super, vad gör vi för barnen då?". There the asking
clause holds no word of the documents (only question and cue words, everyday Swedish), so the
other clause is not beside the question: it *is* what is asked about, and its everyday words
("slagen", "partner", "slår") are the situation a routine or a rule sentence ("Vid misstanke om
våld i nära relation …") is written for. The same reading as for the clauses that tell about the
asker (`reading._telling`: "hur gör man?" after "jag har en ny klient" names nothing) and for
the weights of words said beside the question (`understand.aside`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from knowledge.textnorm import fold
from knowledge.understand import vocab as v
from knowledge.understand.clauses import asking_tokens
from knowledge.understand.mentions import Tok
from knowledge.understand.procedure import AUXILIARIES, frame_indexes

# Function words are never topic words; they stay for the readers of cues and pointers ("vår VP",
# "om det"), which look at them wherever they stand.
_FUNCTION = v.STOP | v.PRONOUNS | v.POSSESSIVE | v.REFERS_BACK | {fold(w) for w in v.OWN_WORDS}


class WordUsage(Protocol):
    """Whether a word is everyday Swedish rather than one of the documents (over a snapshot)."""

    def everyday_word(self, stem: str) -> bool:
        """Whether the stem is everyday Swedish rather than a word of the documents."""
        ...


# Words that only ask, whatever the question is about: the function words, the cue words and the
# generic verbs of asking ("gör", "hanterar", "gäller", "vem"), the auxiliaries. The topic never
# holds them either (`reading.read_question`).
_ASKING_ONLY = _FUNCTION | v.CUES | v.GENERIC | v.GREET | AUXILIARIES
# The asking clauses must hold this many words of the documents (not everyday Swedish, not a
# unit's or district's name) before the other clauses' everyday words leave the topic: one word of
# the plans ("klagomålet" in "vem återkopplar på klagomålet?") names what is asked about, "vad gör
# vi?" names nothing. Two (as `reading.MIN_ASKING_WORDS` asks of the clauses about the asker) also
# kept the situation of "vart skickar vi henne?", but put reported chat back into questions whose
# asking clause names one thing ("min chef sa att …, vilka åldrar är den till för?"): measured on
# the tune splits, 2026-12-01, one fact fewer over all sets than one word.
MIN_ASKING_DOCUMENT_WORDS = 1


def asking_names_something(asking: set[int], toks: Sequence[Tok], skip: set[int], usage: WordUsage) -> bool:
    """Whether the asking clauses hold `MIN_ASKING_DOCUMENT_WORDS` words of the documents.

    Args:
        asking: Indexes of the tokens of the clauses that ask.
        toks: The message's tokens.
        skip: Tokens that name no topic (chatter, unit and district mentions).
        usage: How the documents use words.
    """
    frame = frame_indexes([t.f for t in toks])  # "hur går det till", "vad händer sen"
    own = [
        k
        for k in asking - skip - frame
        if toks[k].f not in _ASKING_ONLY and toks[k].stem and not usage.everyday_word(toks[k].stem)
    ]
    return len(own) >= MIN_ASKING_DOCUMENT_WORDS


def side_words(
    text: str,
    toks: Sequence[Tok],
    chatter: set[int],
    usage: WordUsage | None,
    named: set[int] | None = None,
) -> set[int]:
    """Indexes of everyday words outside the clauses that ask; none when no clause asks.

    None either when the asking clauses name nothing of the documents (`asking_names_something`):
    then the other clauses describe what is asked about.

    Args:
        text: The message.
        toks: Its tokens.
        chatter: Tokens already read as chatter (skipped when clauses are classified).
        usage: How the documents use words; without it nothing is left out.
        named: Tokens that name a unit, district, year or type (not what the asking clause
            is about: "vad gör vi på försörjningsstöd?" asks nothing of its own).
    """
    if usage is None:
        return set()
    asking = asking_tokens(text, [(t.start, t.end) for t in toks], [t.f for t in toks], chatter)
    if not asking or not asking_names_something(asking, toks, chatter | (named or set()), usage):
        return set()
    return {
        k
        for k, t in enumerate(toks)
        if k not in asking | chatter and t.f not in _FUNCTION and usage.everyday_word(t.stem)
    }
