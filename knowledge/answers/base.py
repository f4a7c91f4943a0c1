"""What every answer builder receives: the question as read, the documents and its tools.

Builders take an `Ask` instead of the Answerer, so no answer module calls back into the
engine (the answerer <-> routing cycle of the review is gone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading


@dataclass(frozen=True)
class Ask:
    """One question to answer.

    Attributes:
        snap: The knowledge snapshot.
        reading: The question as read (with the conversation's context applied).
        sources: The documents chosen for it (retrieval/selection.py), best first.
        today: The date relative periods are read against.
        dense: Dense similarity of the topic to the chunks of one kind among `sources`
            ({chunk id: cosine}; empty without a vector index).
    """

    snap: Snapshot
    reading: QuestionReading
    sources: list[str]
    today: dt.date
    dense: Callable[[str], dict[str, float]]
