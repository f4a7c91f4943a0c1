"""Whether a question about money asks for rows of the budget table, or about the plan's prose.

Staff mention money in questions the budget table cannot answer: "vilken del av enheten har
de största utmaningarna med att hålla budgeten?", "vilka kostnader måste vi få ner enligt
planen?", "hur följer vi upp kostnaderna för tillfälligt boende?". The budget table's rows
("Personalkostnader", "Lokalkostnader", "Summa intäkter") hold amounts; what the plan says
about its economy (which part is over budget, which costs must fall, how costs are followed
up) is prose. Answering such a question with the table's sums quotes numbers nobody asked for,
often from another unit's plan (the only one with a table), and keeps the passage that answers
from being shown.

A question asks for budget rows (`asks_budget_rows`) when one of three things holds, all
about how a question about an amount is built, none fitted:

- it names nothing but the budget itself: every word of its topic is a word of money in
  general ("budget", "kostnader", "intäkter", "ekonomi", "pengar" …), a unit or a year
  ("vad är budgeten för stöd och aktivitet 2020?") – the table's sums answer it;
- a word of its topic names a row: shares its first five letters with a word of a row's
  label ("personalkostnaderna", "lokalkostnad", "försäljning"), as `fact_answers` matches rows;
- it asks for an amount: "hur mycket", "hur stor", "belopp", "kronor", "tkr", "summa" …

Otherwise the money words only say what the question is about, and the passages answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.textnorm import fold

# Words of money in general: they say a question is about the economy, not which row it asks for.
_MONEY = re.compile(
    r"(?:budget\w*|kostnad\w*|kostar|intakt\w*|ekonomi\w*|pengar\w*|netto|summa\w*|tkr|mnkr|kronor|kr"
    r"|resursanvandning\w*|utgift\w*)"
)
# How Swedish asks for an amount.
_AMOUNT = re.compile(
    r"\b(?:hur (?:mycket|stor\w*|hog\w*|mycke)|belopp\w*|kronor|tkr|mnkr|miljon\w*|summa\w*|totalt?a?"
    # "vad är budgeten …", "hur ser budgeten ut": the budget itself is what is asked.
    r"|(?:vad|hur) (?:ar|e|blir|var|ser) (?:\w+ ){0,2}budget\w*)\b"
)
# Letters of a word that must match a label word's (the row matching of `fact_answers`).
PREFIX = 5
# Shorter topic words are function words or abbreviations, no row names.
MIN_WORD = 3


def content_words(topic: str, names: Iterable[str] = ()) -> set[str]:
    """The folded words of a topic that are not words of money in general nor of the names given."""
    named = {w for n in names for w in re.findall(r"\w+", fold(n))}
    return {
        w
        for w in re.findall(r"\w+", fold(topic))
        if len(w) >= MIN_WORD and not w.isdigit() and not _MONEY.fullmatch(w) and w not in named
    }


def names_a_row(words: Iterable[str], labels: Iterable[str]) -> bool:
    """Whether a word shares its first `PREFIX` letters with a word of a row label."""
    stems = {w[:PREFIX] for label in labels for w in re.findall(r"\w+", fold(label)) if len(w) >= MIN_WORD}
    return any(w[:PREFIX] in stems for w in words)


def asks_budget_rows(question: str, topic: str, labels: Iterable[str], names: Iterable[str] = ()) -> bool:
    """Whether the budget table answers the question (see the module docstring).

    Args:
        question: The question as typed.
        topic: Its topic (`QuestionReading.topic`: chatter, telling clauses, cue and stop words
            already left out).
        labels: The labels (and groups) of the candidate budget rows.
        names: Unit and district names the question mentions.
    """
    words = content_words(topic, names)
    if not words or names_a_row(words, labels):
        return True
    return bool(_AMOUNT.search(fold(question)))
