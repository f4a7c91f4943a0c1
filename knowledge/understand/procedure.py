"""Procedure questions: the words that frame "how is it done" and the ask for a whole routine.

Staff ask about a way of working in a frame that says *that* they want the procedure, not
*what* it is about: "hur går det till", "steg för steg", "från början till slut", "hur funkar
det hos oss", "hur går vi tillväga", "vad händer sen", "rent praktiskt". The plans never write
these words in their routines ("Rutin för synpunkter och klagomål" lists steps), so counting
them as topic words dilutes a passage's coverage below the decline cut-off and lets an
unrelated passage that happens to say "går" or "början" win. Their tokens are left out of the
topic (never out of the intent cues: "hur går det till" is what marks a routine question).

A question that asks for the procedure as a whole ("steg för steg", "från början till slut",
"hur går det till") is answered with the whole step block of a routine, not its best line
(`retrieval/procedure_block.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.textnorm import words
from knowledge.understand import vocab as v

# Frames on folded words (å/ä/ö folded to a/a/o), written from general Swedish usage for asking
# how something is done; not taken from any question set. The first group asks for the whole
# procedure, the second only frames the question.
_WHOLE = (
    r"hur gar (?:det|detta|den|de|man|vi|jag|ni) (?:till|tillvaga)",
    r"gar (?:man|vi|jag|ni) tillvaga",
    r"steg for steg",
    r"fran borjan till slut(?:et)?",
    r"fran start till mal",
    r"hela (?:rutinen|processen|gangen|forloppet|flodet|kedjan)",
    r"vad (?:ar|blir) (?:gangen|processen|forloppet|flodet)",
    r"i vilken ordning",
)
_FRAME = (
    *_WHOLE,
    r"hur (?:funkar|fungerar)(?: det har| det dar| det| detta| sant)?",
    r"vad hander (?:sen|sedan|da|efter(?:at)?|med (?:den|det|dem|dom) sen)",
    r"vad hander",
    r"rent praktiskt",
    r"i praktiken",
    r"praktiskt",
)
# Auxiliary and modal verbs (folded) whose stems are other words of the plans: "bör" -> "bor"
# (lives), "borde" -> "bord", "kunde" -> "kund", "måste" -> "mast", "brukar" -> "bruk" as in
# "brukare". As topic words they match passages about something else ("måste vi skriva …",
# "brukar vi …"), so they leave the topic. Modals whose stem is only the modal ("vill", "ska",
# "kan") stay as they were: "vill" is also what the plans write ("de vill lära sig").
AUXILIARIES = frozenset(("maste", "bor", "borde", "kunde", "brukar", "brukade"))
_WHOLE_RX = re.compile(r"\b(?:" + "|".join(_WHOLE) + r")\b")
_FRAME_RX = re.compile(r"\b(?:" + "|".join(_FRAME) + r")\b")


def asks_whole_procedure(folded: str) -> bool:
    """The question asks for a routine as a whole, its steps in order ("steg för steg").

    Args:
        folded: The question, folded (`textnorm.fold`).
    """
    return bool(_WHOLE_RX.search(folded))


def frame_indexes(words: Sequence[str]) -> set[int]:
    """Indexes of the folded tokens that only frame a procedure question ("hur går det till").

    Args:
        words: The question's folded tokens, in order.

    Returns:
        Token indexes inside a frame phrase; empty when the question has none.
    """
    text = ""
    starts: list[int] = []
    for w in words:
        if text:
            text += " "
        starts.append(len(text))
        text += w
    out: set[int] = set()
    for m in _FRAME_RX.finditer(text):
        out |= {i for i, s in enumerate(starts) if m.start() <= s < m.end()}
    return out


def situation_words(text: str) -> list[str]:
    """The folded words of a question that describe its situation, for matching it to a routine.

    Unlike the question's topic, the words around the question are kept: in "en kvinna
    berättar på nybesöket att sambon slår henne, vad är nästa steg?" the situation *is* the
    telling, and in "en brukare vill klaga …" the wish is the situation. Left out: the frame
    of a procedure question ("hur går det till"), greetings, function words, question cues
    and auxiliaries. Chat words no document uses ("snabbfråga") weigh nothing in the match
    (retrieval/routine_match.py), so they need no list here.

    Args:
        text: The question as typed.
    """
    toks = words(text)
    skip = frame_indexes(toks)
    drop = v.STOP | v.CUES | v.PRONOUNS | v.REFERS_BACK | v.POSSESSIVE | v.GREET | AUXILIARIES
    return [t for k, t in enumerate(toks) if k not in skip and t not in drop]
