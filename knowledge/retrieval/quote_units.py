"""Which neighbouring sentences belong to a quoted sentence by the way the text is written.

A quote is built around one best sentence (`extract.quote_around`). Some of its neighbours are
not separate statements but the rest of it, and a reader of the quote alone misses the fact
they hold:

- **A definite noun that takes up a noun of the sentence before.** Swedish introduces a thing
  in the indefinite form and names it again in the definite form: "Alla anställda kan köpa ett
  årskort …" "Kortet gäller för bad, gym och gruppträning."; "Vi medverkar i … projekt Trygg
  hemgång." "Projektet arbetar med …". The second sentence answers questions about the first
  one's thing (what the card covers, what the project is called). A definite noun whose
  indefinite form (alone or as the head of a compound: "årskort" -> "kort") stands in the
  sentence before links the two. A noun the sentence before already gives in the definite
  form ("Enheten …" after "Enheten för …") is no such link: the plans name their own unit in
  every paragraph.
- **A part that does not end.** A part ending in a comma, a colon or a conjunction ("… för
  planering med vården," "-FINSAM-möten för …") is continued by the next part: an enumeration
  cut there loses its last items.
- **A short remark after a sentence** ("Samtliga ärenden … följs upp av biträdande
  enhetschef. Uppföljning månadsvis.", "Ansvarig: Enhetschef."): a plan's shorthand for a
  condition of the sentence before (how often, who): three words at most, five after a label
  ("Ansvarig:"), too few for a statement of its own.

Everything here reads the raw sentence text; nothing is fit on questions.
"""

from __future__ import annotations

import re

from knowledge.textnorm import fold

# Definite endings, longest first: plural "-erna/-arna/-orna/-na", neuter plural and common
# singular "-en", neuter singular "-et", and "-n/-t" after a vowel ("linjen", "stället" are -en/-et).
_DEFINITE = ("erna", "arna", "orna", "na", "en", "et")
_VOWELS = "aeiouyåäö"
# A base shorter than this is too common as the end of other words ("tid", "mål").
MIN_BASE = 4
# Indefinite plural endings a base may carry in the sentence before ("kort" / "korten" …).
_INDEFINITE_ENDINGS = ("", "er", "ar", "or", "s")
# A remark this short (characters, words) after a sentence is read as its condition; a
# labelled one ("Ansvarig: Enhetschef och kontroller.") may have a few more words.
REMARK_CHARS = 45
REMARK_WORDS = 3
LABELLED_WORDS = 5
_WORD = re.compile(r"[\wåäöéÅÄÖÉ]+")
_OPEN_END = re.compile(r"(?:[,:;]|\s(?:och|samt|eller|som|med|till|för|for))\s*$", re.IGNORECASE)


def _bases(word: str) -> set[str]:
    """The indefinite forms a definite noun may stand for ("kortet" -> {"kort"})."""
    w = fold(word)
    out: set[str] = set()
    for ending in _DEFINITE:
        if w.endswith(ending) and len(w) - len(ending) >= MIN_BASE:
            out.add(w[: -len(ending)])
    if len(w) > MIN_BASE and w[-1] in "nt" and w[-2] in _VOWELS:
        out.add(w[:-1])
    return out


def _first_word(sentence: str) -> str:
    m = _WORD.search(sentence.lstrip("-•*– "))
    return m.group(0) if m and sentence.lstrip("-•*– ").startswith(m.group(0)) else ""


def takes_up(sentence: str, before: str) -> bool:
    """The sentence opens with a definite noun whose indefinite form stands in `before`.

    "Kortet gäller …" takes up "… köpa ett årskort …"; "Projektet arbetar …" takes up "… projekt
    Trygg hemgång."; "Enheten …" does not take up "Enheten för …" (given in the definite form).
    """
    first = _first_word(sentence)
    if not first or not first[:1].isupper():
        return False
    bases = _bases(first)
    if not bases:
        return False
    words = {fold(w) for w in _WORD.findall(before)}
    for base in bases:
        for word in words:
            for ending in _INDEFINITE_ENDINGS:
                if not word.endswith(base + ending):
                    continue
                head_len = len(base) + len(ending)
                # The word itself ("projekt") or a compound ending in it ("årskort"), the
                # compound's modifier at least three letters long.
                if len(word) == head_len or len(word) - head_len >= 3:
                    return True
    return False


def open_end(part: str) -> bool:
    """The part stops where a sentence cannot end (a comma, a colon, "och", "som" …)."""
    return bool(_OPEN_END.search(part.rstrip()))


def is_remark(part: str) -> bool:
    """A short remark without a clause of its own ("Uppföljning månadsvis.", "Årliga
    internkontroller.", "Ansvarig: Enhetschef och kontroller.")."""
    s = part.strip()
    if not s or len(s) > REMARK_CHARS or not s.endswith("."):
        return False
    words = _WORD.findall(s)
    label = re.match(r"^[\wåäöÅÄÖ]+:", s) is not None
    return 0 < len(words) <= (LABELLED_WORDS if label else REMARK_WORDS)
