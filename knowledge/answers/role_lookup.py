"""Whom to turn to: "vem ska jag vända mig till om skulder?" answered from the unit's role list.

Organisation texts list their roles as labelled lines ("Budget- och skuldrådgivare: ger stöd
till skuldsatta personer.", "Vräkningsförebyggare: ger stöd till personer som riskerar att bli
bostadslösa."). A "vem …?" question that names a matter rather than a role is the reverse of
"vad gör en X?" (`answers.roles`): the role whose line (label or description) shares the
question's distinctive topic words is the answer. A word counts by how rare it is in the
document (a word on every page, "klient", says nothing about which role), a role the question
names itself is not the matter asked about, and the best line must clearly beat the next one:
a question whose words several roles share is left to the other routes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.phrasing import doc_label, document_context
from knowledge.answers.roles import asked_role, role_lines, role_list
from knowledge.models import Chunk
from knowledge.retrieval.who_fill import names_who
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.answer_types import AnswerType, asked_types
from knowledge.understand.role_words import without_roles

# Letters two words must share from their start to be one word family ("skulder" /
# "skuldsatta", "vräkt" / "vräkningsförebyggare"; OCR text is folded, so "vrak" meets "vräk").
SHARED_START = 4
# The best line's score must be this many times the next line's: one role, not a guess.
MARGIN = 1.5
# A word is distinctive from this rarity on: a word met at most about four times in the document
# scores 1 / log2(2 + 4) = 0.39, one on every page ("klient", "stöd") about 0.15.
DISTINCTIVE = 0.35
# A role list's label that is the owner heading itself names no role ("Ansvarig: …").
_NOT_ROLE_LABELS = frozenset({"ansvar", "ansvarig", "ansvariga"})


@dataclass(frozen=True)
class RoleMatch:
    """The role line a "vem …?" question's topic points to."""

    source: str
    chunk: Chunk
    line: str
    score: float


def _family(a: str, b: str) -> bool:
    """Whether two folded stems are one word family: the shorter (of `SHARED_START` letters or
    more) is the start of the longer, but for its last letter ("vrakt" / "vrakningsforebyggar",
    "skuld" / "skuldradgivar")."""
    short, long_ = sorted((a, b), key=len)
    if short == long_:
        return len(short) >= SHARED_START
    # A stem of only `SHARED_START` letters is the start of too many compounds to be their
    # family ("verkar" -> "verk" is no kin of "verksamhetsutvecklare").
    if len(short) <= SHARED_START:
        return False
    return long_.startswith(short) or (len(short) > SHARED_START and long_.startswith(short[:-1]))


def _stems(text: str) -> set[str]:
    return {fold(s) for s in stem_tokens(text) if len(s) >= SHARED_START}


def _rarity(stem: str, document: str) -> float:
    """How much a word says in this document: 1 for a word met once, less the more it occurs."""
    count = len(re.findall(rf"\b{re.escape(stem[: SHARED_START + 1])}", document))
    return 1.0 / math.log2(2 + count)


def find_role_for(snap: Snapshot, source: str, topic: str) -> RoleMatch | None:
    """The one role line of `source` whose words the topic shares most distinctively, or None."""
    listed = role_list(snap, source)
    if listed is None:
        return None
    # The unit's list of roles: the chunk with the most labelled lines, its labels naming roles.
    lines = [
        (chunk, label, line)
        for chunk, label, line in role_lines(snap, source)
        if chunk.id == listed[0].id and fold(label).strip() not in _NOT_ROLE_LABELS and names_who(label)
    ]
    # A role the question names ("när gruppledaren är borta") is who it is about, not the matter.
    asked = _stems(without_roles(topic))
    if not lines or not asked:
        return None
    document = fold(" ".join(c.text for c in snap.chunks_of(source)))
    scored = []
    for chunk, _, line in lines:
        have = _stems(line)
        # Only distinctive shared words count: common words add up to nothing.
        shared = [_rarity(a, document) for a in asked if any(_family(a, h) for h in have)]
        score = sum(r for r in shared if r >= DISTINCTIVE)
        scored.append((score, chunk, line))
    scored.sort(key=lambda x: -x[0])
    best = scored[0]
    runner = scored[1][0] if len(scored) > 1 else 0.0
    if best[0] <= 0.0 or best[0] < MARGIN * runner:
        return None
    return RoleMatch(source, best[1], best[2], best[0])


def applies(ask: Ask) -> bool:
    """A "vem …?" question that asks about a matter, not what a named role does."""
    return AnswerType.PERSON in asked_types(ask.reading.text) and asked_role(ask.reading) is None


def role_for_answer(ask: Ask) -> Answer | None:
    """The role the unit's own role list gives for the matter asked about (None: no clear one)."""
    topic = ask.reading.topic or ask.reading.text
    found = [m for s in ask.sources if (m := find_role_for(ask.snap, s, topic)) is not None]
    if len(found) != 1:
        return None
    match = found[0]
    cites = Citations(ask.snap)
    marker = cites.cite(match.chunk, match.line)
    return Answer(
        answer=f"Enligt {doc_label(ask.snap, match.source)}:\n\n{' '.join(match.line.split())} {marker}",
        kind=AnswerKind.OVERVIEW,
        citations=cites.items,
        context=document_context(ask.snap, match.source, ask.reading),
    )
