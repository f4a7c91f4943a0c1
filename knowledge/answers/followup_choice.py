"""Replies that pick from the list a clarification showed: "2", "nr 2", "den andra", "första".

When Planbot asks back ("Vilken enhet menar du?") it lists one line per document. In chat, people
answer such a list by its place as often as by name. `offered` records, after a clarification, the
documents in the order their lines were shown (`ConversationContext.options`); `chosen_place`
turns a reply that only names a place in that list into the words that name the document (its
unit and district), which the repair of the unanswered question then reads like any unit reply
(understand/references.py).
"""

from __future__ import annotations

import re

from knowledge.answer import Answer, AnswerKind, ConversationContext
from knowledge.answers.phrasing import doc_label
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold

_ORDINAL_WORDS = ("forsta", "andra", "tredje", "fjarde", "femte", "sjatte", "sjunde", "attonde", "nionde")
# The whole reply is a place in the list, with at most a lead ("ok", "den", "nr"), a Swedish ordinal
# ending ("2:an", "1:a") and a closing courtesy ("tack", "då"): "2", "nr 2", "den andra tack".
_CHOICE = re.compile(
    r"^(?:(?:ok|okej|ja|jo|aha)\W*)?(?:(?:nr|nummer|alternativ|punkt|den|det|enhet)\s*)?"
    rf"(\d{{1,2}}|{'|'.join(_ORDINAL_WORDS)})(?:\s*:\s*(?:an|a|e)|\.)?"
    r"(?:\s*(?:da|tack|!|\.))*\s*$"
)
# A line of the clarification's list.
_BULLET = re.compile(r"^\s*-\s+(.*)$", re.MULTILINE)


def offered(snap: Snapshot, answer: Answer) -> Answer:
    """Record the documents a clarification listed, in the order shown (cleared after other answers).

    Args:
        snap: The knowledge snapshot (its document labels are what the lines show).
        answer: The answer just built, its context complete.
    """
    options: list[str] = []
    if answer.kind is AnswerKind.CLARIFY:
        labels = sorted(((doc_label(snap, m.source), m.source) for m in snap.metas), key=lambda p: -len(p[0]))
        for line in _BULLET.findall(answer.answer):
            # The longest label in the line: "Ekonomiskt bistånd, verksamhetsplan 2020" must not be
            # read inside another unit's longer label.
            source = next((s for label, s in labels if label in line), None)
            if source is not None and source not in options:
                options.append(source)
    if options != answer.context.options:
        answer.context = answer.context.model_copy(update={"options": options})
    return answer


def chosen_place(snap: Snapshot, text: str, context: ConversationContext) -> str | None:
    """The words naming the document a reply picks by its place in the list just shown, else None.

    Args:
        snap: The knowledge snapshot.
        text: The reply as typed.
        context: The conversation (a pending question and the documents its clarification listed).
    """
    if not (context.pending and context.options):
        return None
    m = _CHOICE.match(fold(text).strip())
    if m is None:
        return None
    word = m.group(1)
    index = int(word) - 1 if word.isdigit() else _ORDINAL_WORDS.index(word)
    if not 0 <= index < len(context.options):
        return None
    metas = [snap.meta(s) for s in context.options]
    meta = metas[index]
    # The unit and the district name one document unless two listed documents share both (a
    # plan and an award application of one unit): then the year tells them apart.
    shared = sum(1 for x in metas if (x.unit, x.district) == (meta.unit, meta.district)) > 1
    words = [w for w in (meta.unit, meta.district, str(meta.year) if shared and meta.year else None) if w]
    return " ".join(words) or None
