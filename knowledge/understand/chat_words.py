"""Chat spellings read as the standard Swedish words they stand for.

Staff write in Teams as they talk and text: "vad e target för sjukfrånvaron?", "hur mkt eko mat
köper vi?", "funkar det så iaf?", "har ngn koll på kpi:n?". The question reader knows "vad är",
"hur mycket", "mål", "indikator": its interrogatives, cue words and topic words are standard
Swedish, and a chat spelling is a word no passage holds. `standard_words` rewrites the chat
spellings listed in the thesaurus (relation `chat`: sms shorthand, clipped words, English
loanwords of office chat) before the question is read.

Only whole words are rewritten: a word joined to another by a hyphen is part of a compound or a
name ("e-post", "Eko-gruppen"); an abbreviation's colon ending goes on the standard word
("kpi:n" is read as "indikatorn").

A spelling that stands for different words by where it stands ("va": vad, var, vara, the tag
"right?") is read by `chat_readings` first; the thesaurus's word is the reading when no rule fits.
"""

from __future__ import annotations

import re

from knowledge.understand import chat_readings as cr
from knowledge.understand.thesaurus import Thesaurus, thesaurus

# A word with an optional colon ending ("kpi:n"), as questions are tokenised.
_WORD = re.compile(r"[^\W_]+(?::[^\W\d_]{1,3})?")


def standard_words(text: str, table: Thesaurus | None = None) -> str:
    """The text with its chat spellings replaced by their standard words.

    Args:
        text: The question as typed.
        table: The thesaurus to read the chat spellings from; the packaged one when omitted.
    """
    chat = (table or thesaurus()).chat
    if not chat:
        return text

    matches = list(_WORD.finditer(text))
    words = [m.group(0) for m in matches]
    out: list[str] = []
    at = 0
    for k, m in enumerate(matches):
        out += [text[at : m.start()], _standard(text, m, words, k, chat)]
        at = m.end()
    joined = "".join(out) + text[at:]
    # A dropped word leaves its spaces: "va bra" -> " bra".
    return re.sub(r"(?<=\S)  +", " ", joined).lstrip() if joined != text else text


def _standard(text: str, m: re.Match[str], words: list[str], k: int, chat: dict[str, str]) -> str:
    """The standard word for the chat spelling `m` (the k-th word), or the word as typed."""
    word = m.group(0)
    if text[m.start() - 1 : m.start()] == "-" or text[m.end() : m.end() + 1] == "-":
        return word
    key = word.lower()
    if key in chat:
        reading = cr.reading_at(
            words, k, cr.clause_end_after(text, m.end()), cr.clause_start_before(text, m.start())
        )
        if reading == cr.KEEP:
            return word
        if reading == cr.DROP:
            return ""
        return reading or chat[key]
    base, colon, ending = key.partition(":")
    # "kpi:n", "kpi:erna": the abbreviation's ending goes on the standard word ("indikatorn").
    return chat[base] + ending if colon and base in chat else word
