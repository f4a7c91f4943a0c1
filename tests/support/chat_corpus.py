"""A one-plan snapshot with enough plan text for the word-usage counts of chat reading.

Shared by the tests of words said beside a question (`understand.side_words`, `understand.aside`):
the usage counts can only tell an everyday word from a word of the plans when the plan repeats
its text often enough.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from knowledge.retrieval.mention_usage import usage_of
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading, read_question
from tests.indicators.plans import activity, ind, make_catalog, plan

TODAY = dt.date(2023, 6, 15)
UNIT = "Försörjningsstödsenheten"


def chat_snapshot(tmp_path: Path, text: str) -> Snapshot:
    """A snapshot of one plan of `UNIT` whose 400 activities repeat `text`."""
    catalog = make_catalog(
        tmp_path,
        plan(
            "fs.txt",
            UNIT,
            2023,
            [ind("Andel klienter som får återkoppling på klagomål", "90 %")],
            activities=[activity(f"{text} {n}", "2023-01-01", "2023-12-31") for n in range(400)],
        ),
        with_chunks=True,
    )
    return Snapshot.load(catalog)


def read_chat(snap: Snapshot, question: str) -> QuestionReading:
    """Read `question` with the snapshot's documents and word usage, on `TODAY`."""
    return read_question(question, snap.metas, TODAY, usage_of(snap))
