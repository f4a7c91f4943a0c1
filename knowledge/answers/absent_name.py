"""Names no document holds: a question about a named thing the documents never name is declined.

Close negatives take a real question and swap in one name: a method ("DBT-coacher",
"ACT-metoden"), a programme ("projektet Jobbsteget"), a partner ("Stadsmissionen",
"Bostadsförmedlingen"), a system ("Raindance"). Every other word still matches the real item, so
the routes and the ranked pool answer with it, and staff read the real item's text as the named
thing's. Staff write in lower case; when they capitalise a word in the middle of a sentence, or
write three or more capitals, they are naming something. A name no stored document uses in any
form (no stem, no thesaurus synonym, no word of its family, no compound ending in it) is a thing
the documents say nothing about, whatever the rest of the question matches.

Not names of a thing asked about:
- a capitalised word of general Swedish (Zipf >= `support.FIELD_TERM`): first names ("jag heter
  Amir") and places as often as things, so a place outside the documents ("Huddinge") is left to
  the other checks;
- a capitalised word near a word the documents hold: that word misspelt ("Hägergrupen");
- a stored unit's or district's initials ("HV", "SAE") and two capitals ("EB", "ÄO"): shorthand
  for a name or phrase the documents hold.
An unknown lower-case word is as often a chat word, a typo or a paraphrasing compound as a term
("jättearg", "föreningsguideprojektet"): declining on a long unknown word of no general Swedish
that the quoted text does not start (a fourth "no such word" variant) lost 11 tune facts for 3
right declines (session 17), like the earlier tries in answers/support.py.

Clarifications are checked too (they show the real items as if they could be the named one);
glossary answers define a term from the shipped vocabulary and are left alone, as are declines
and answers without a citation. The stem-family test is `support.DocumentWords.has`, the one
`foreign_term` uses. Nothing is fitted.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.support import FIELD_TERM, document_words
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, fold, stem_tokens
from knowledge.understand.general_swedish import zipf
from knowledge.understand.initials import initials
from knowledge.understand.spelling import MAX_LENGTH_GAP
from knowledge.understand.thesaurus import thesaurus

# Answers left alone: they ask nothing of the documents, decline already, or define a term from
# the shipped vocabulary (which may name things no document names).
EXEMPT_KINDS = frozenset(
    {AnswerKind.NOT_FOUND, AnswerKind.INVALID, AnswerKind.HELP, AnswerKind.COMMAND, AnswerKind.GLOSSARY}
)

# A word token of the original question, hyphen parts separately ("DBT-coacher": DBT, coacher).
_TOKEN = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+")
# Where a sentence starts, a capital letter names nothing: the text's start and after . ! ? : or a
# line break, with only spaces, quotes, brackets or emoji between.
_SENTENCE_END = re.compile(r"[.!?:\n][^\wÅÄÖåäö]*$")
# Shorter capitals are pronouns and letters ("I", "A"), not names.
MIN_NAME = 2
# Two capitals are as often shorthand for a phrase of the documents ("EB", "ÄO", "FK") as a name.
MIN_ACRONYM = 3
# A written name this close to a stem the documents hold (`rapidfuzz.fuzz.ratio`, same first
# letter, at most two letters longer or shorter) is that word misspelt ("Hägergrupen", "Agreso":
# 90 and more); the swapped-in names of the tune negatives come no nearer than 75 ("Jobbsteget"
# ~ "jobbtorg").
MISSPELT_RATIO = 85.0
# Only names this long are compared so: shorter stems are near too many others.
MIN_MISSPELT = 5


def written_names(text: str) -> list[str]:
    """The words a question writes as names: capitalised mid-sentence, or in capitals.

    Args:
        text: The question as the user wrote it (case kept).

    Returns:
        The words in the order written, without duplicates.
    """
    names: list[str] = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        if len(word) < MIN_NAME or not word[0].isupper():
            continue
        before = text[: match.start()]
        acronym = word.isupper()
        if acronym and len(word) < MIN_ACRONYM:
            continue
        if not acronym and (not before.strip() or _SENTENCE_END.search(before)):
            continue  # a sentence's first word: "Hej", "Vad"
        if before.endswith("-") and not acronym:
            continue  # the second part of "Hägersten-Liljeholmen": the first part decides
        if word not in names:
            names.append(word)
    return names


def absent_name(snap: Snapshot, text: str, answer: Answer) -> str | None:
    """A name the question writes that no stored document uses in any form, or None.

    Args:
        snap: The stored documents.
        text: The question as read (case kept; misspelt words already read as corpus words).
        answer: The answer some route gave.

    Returns:
        The name as the question writes it, or None.
    """
    if answer.kind in EXEMPT_KINDS or not answer.citations:
        return None
    docs = document_words(snap)
    if not any(c.source in docs for c in answer.citations):
        return None  # the cited documents' text is not indexed: nothing to look the name up in
    return unheld_name(snap, text)


def unheld_name(snap: Snapshot, text: str) -> str | None:
    """The first name `text` writes (`written_names`) that no stored document uses in any form."""
    docs = document_words(snap)
    # "HV", "SAE", "EB": a stored unit's or district's initials (understand/initials.py).
    shorthand = {initials(n) for m in snap.metas for n in (m.unit, m.district) if n}
    for name in written_names(text):
        if name.isupper() and fold(name) in shorthand:
            continue
        stems = stem_tokens(name)
        # A function word ("Jag", "Vi") written first after an emoji has no stem to look for.
        if not stems or any(snap.lexical.df(s) > 0 for s in stems):
            continue
        # A thesaurus synonym or other spelling the documents use ("APT" for arbetsplatsträff).
        synonyms = [*stem_tokens(expand_query(fold(name))), *_spelled_alike(stems[0])]
        if any(snap.lexical.df(s) > 0 for s in synonyms):
            continue
        if any(words.has(s) for words in docs.values() for s in {*stems, *synonyms}):
            continue  # a form or a compound of a word the documents use
        if not name.isupper() and (max(zipf(s) for s in stems) >= FIELD_TERM or _misspelt(snap, stems[0])):
            # A word of general Swedish capitalised is a person's first name ("jag heter Amir",
            # "Sara sa att …") or a place as often as a thing the question is about.
            continue
        return name
    return None


@lru_cache(maxsize=256)
def _spelled_alike(stem: str) -> tuple[str, ...]:
    """The stems of the thesaurus's other spellings of a word, both ways ("apt" ~ "arbetsplatstraff").

    The thesaurus expands a spelling one way only (to the form the plans write most); a question
    writing the other form still names the same thing.
    """
    alike: list[str] = []
    for preferred, variants in thesaurus().spellings.items():
        group = [t for v in (preferred, *variants) for t in stem_tokens(v)]
        if stem in group:
            alike += [t for t in group if t != stem]
    return tuple(dict.fromkeys(alike))


def _misspelt(snap: Snapshot, stem: str) -> bool:
    """Whether a stem no document holds is a misspelling of one they hold (`MISSPELT_RATIO`)."""
    if len(stem) < MIN_MISSPELT:
        return False
    pool = [
        s
        for s in snap.lexical.doc_freq
        if s[:1] == stem[0] and abs(len(s) - len(stem)) <= MAX_LENGTH_GAP and s.isalpha()
    ]
    return process.extractOne(stem, pool, scorer=fuzz.ratio, score_cutoff=MISSPELT_RATIO) is not None
