"""The doing and the matter of a "vem …?" question's topic.

"vem ansvarar för att fixa väntelistan?", "vem håller i APT?", "vem kollar placeringskostnaderna?"
ask who answers for a matter (the waiting list, APT, the placement costs). The question's verb
(`who_verbs.tsv`) says only that someone does it; the documents say so with other words: a
passive ("hålls av samordnare"), an "Ansvarig" column of an activity row, "Ansvar:" under a
routine, a role list. A passage that names a role beside the matter has therefore said the verb
(`retrieval.who_binding`), while a passage that merely holds "ansvarar" or "håller" about
something else has not. This module only reads which words of the topic are the doing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.vocab import packaged_text
from knowledge.textnorm import fold
from knowledge.understand.answer_types import AnswerType, asked_types
from knowledge.understand.letter_words import parse_letter_words

DATA_FILE = "who_verbs.tsv"
_EDGES = re.compile(r"^[^\w]+|[^\w]+$")


def parse(text: str, name: str = DATA_FILE) -> frozenset[str]:
    """The folded verb forms of a `ordform <TAB> anteckning` table (see `parse_letter_words`)."""
    return parse_letter_words(text, name, "'ordform<TAB>anteckning'")


@lru_cache(maxsize=1)
def verbs() -> frozenset[str]:
    """The packaged verb forms, read once."""
    return parse(packaged_text("knowledge.understand", DATA_FILE))


@dataclass(frozen=True)
class WhoTopic:
    """A topic split into what it is about and the words that only say someone does it.

    Attributes:
        matter: The topic's words about the matter, in order, as written.
        doing: The topic's words of `who_verbs.tsv`, in order, as written.
    """

    matter: tuple[str, ...]
    doing: tuple[str, ...]


def split_topic(topic: str, table: frozenset[str] | None = None) -> WhoTopic:
    """Split a topic's words into matter and doing (see `WhoTopic`).

    Args:
        topic: The question's topic (`QuestionReading.topic`), words separated by spaces.
        table: Verb forms; the packaged ones when omitted.
    """
    forms = verbs() if table is None else table
    matter: list[str] = []
    doing: list[str] = []
    for word in topic.split():
        (doing if _EDGES.sub("", fold(word)) in forms else matter).append(word)
    return WhoTopic(tuple(matter), tuple(doing))


def who_split(topic: str, question: str, table: frozenset[str] | None = None) -> WhoTopic | None:
    """The topic of a "vem …?" question split into matter and doing, or None.

    Args:
        topic: The question's topic (or the query made of it), words separated by spaces.
        question: The question as typed (read for whether it asks who).
        table: Verb forms; the packaged ones when omitted.

    Returns:
        The split when the question asks who and the topic holds both a verb of
        `who_verbs.tsv` and a word of its matter; None otherwise ("vem ansvarar?" has nothing
        but the verb to go on, "vad är årsmålet för APT?" asks no one).
    """
    if AnswerType.PERSON not in asked_types(question):
        return None
    split = split_topic(topic, table)
    return split if split.doing and split.matter else None
