"""Names the documents do not have: an item answer is not trusted for a name no document holds.

Staff ask for indicators, goals and activities by name. When the name is one no stored
document contains ("Brukarinflytandeindex", "Aktivt ledarskapsindex"), the structured routes
still find the nearest row by a shared part ("brukar…") and answer with another item, which
is wrong in a way staff cannot see. Swedish builds such names as compounds of ordinary words,
so an invented name is a word no document uses that splits into words the documents do use
(brukar + inflytande + index), some of which the answered item lacks. A paraphrase of the
item ("försökslägenhetskontrakten" for "hyreskontrakt … Försökslägenhet") has all its parts
in the item; a typo ("förhandsbedömmning") does not split into known words. Neither is an
invented name. It does not decline alone: the answerer declines when, in addition, the
fitted ranker's calibrated confidence in its best candidate is below its decline cut-off
(knowledge/answerer.py).
"""

from __future__ import annotations

from knowledge.answer import AnswerKind
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, fold, stem_tokens, words
from knowledge.understand.compounds import Lexicon
from knowledge.understand.reading import QuestionReading

# Item answers whose correctness hangs on the name the question gives.
NAMED_KINDS = frozenset({AnswerKind.INDICATOR, AnswerKind.ACTIVITY, AnswerKind.GOAL})

# Heads that make a compound a reference by topic to an item of that kind, not a name:
# "arbetsmiljömålet" is the goal about arbetsmiljö, "sjukfrånvaroindikatorn" the indicator.
_KIND_HEADS = frozenset(
    (
        "mal",
        "malet",
        "malen",
        "malsattning",
        "malsattningen",
        "aktivitet",
        "aktiviteten",
        "aktiviteterna",
        "aktiviteter",
        "indikator",
        "indikatorn",
        "indikatorer",
        "indikatorerna",
    )
)
# Shorter unknown words are typos and shorthand ("hor", "ar"), not names.
MIN_NAME = 6
# A part counts as present in the answer by its start: the answer may inflect it
# ("inflytande" ~ "inflytandet"), so the last letters may differ.
ENDING = 2

# One lexicon per snapshot (its words are the documents'); the last one is kept.
_LEXICON: dict[int, Lexicon] = {}


def corpus_lexicon(snap: Snapshot) -> Lexicon:
    """The base compound lexicon plus the documents' words (knowledge/understand/compounds.py)."""
    key = id(snap)
    if key not in _LEXICON:
        _LEXICON.clear()
        _LEXICON[key] = Lexicon.from_texts(chunk.text for chunk in snap.chunks)
    return _LEXICON[key]


def _in(part: str, answered: str) -> bool:
    return part[: max(4, len(part) - ENDING)] in answered


def uncovered_name(snap: Snapshot, reading: QuestionReading, answer_text: str) -> str | None:
    """A compound of the question no document holds whose parts `answer_text` does not all have.

    Args:
        snap: The stored documents (their lexical index has every word they use).
        reading: The question as read (its topic holds the name asked about).
        answer_text: The answer a route gave (the item's name is in it).

    Returns:
        The word as the question writes it, or None.
    """
    if reading.goal_number:  # "KF-mål 1.3": the number is the name
        return None
    answered = fold(answer_text)
    lexicon = None
    for word in words(reading.topic or reading.text):
        if len(word) < MIN_NAME or any(snap.lexical.df(s) > 0 for s in stem_tokens(word)):
            continue
        synonyms = stem_tokens(expand_query(word))[1:]
        if any(snap.lexical.df(s) > 0 for s in synonyms):
            continue  # a thesaurus synonym the documents use ("korttidsfrånvaron")
        lexicon = lexicon or corpus_lexicon(snap)
        parts = lexicon.split(word)
        if len(parts) > 1 and fold(parts[-1]) in _KIND_HEADS:
            continue  # "arbetsmiljömålet": the goal about arbetsmiljö, named by its topic
        if len(parts) > 1 and not all(_in(p, answered) for p in parts):
            return word
    return None
