"""A self-introduction names the asker's workplace: evidence for that unit (issue 10, session 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from knowledge.retrieval.mention_usage import SnapshotUsage, usage_of
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import stem_tokens
from knowledge.understand.mentions import tokenize
from knowledge.understand.reading import QuestionReading, read_question
from knowledge.understand.workplace import places
from tests.indicators.plans import activity, ind, make_catalog, plan

TODAY = dt.date(2023, 6, 15)
BROMMA = "Boendestödsenheten"
SOCPSYK = "Socialpsykiatriska enheten"


def snapshot(tmp_path: Path) -> Snapshot:
    """Bromma's Boendestödsenheten runs the meeting place Ljusgården; the other plan says 'boendestödet'."""
    catalog = make_catalog(
        tmp_path,
        plan(
            "bromma.txt",
            BROMMA,
            2021,
            [ind("Brukarnöjdhet", "82 %")],
            district="Bromma",
            activities=[activity("Ljusgården öppnar på lördagar", "2021-02-01", "2021-11-30")],
        ),
        plan(
            "eav.txt",
            SOCPSYK,
            2022,
            [ind("Andel brukare med genomförandeplan", "90 %")],
            district="Enskede-Årsta-Vantör",
            activities=[
                activity("Erbjuda videosamtal som en del av boendestödet", "2022-02-01", "2022-11-30")
            ],
        ),
        with_chunks=True,
    )
    return Snapshot.load(catalog)


def read(snap: Snapshot, question: str) -> QuestionReading:
    return read_question(question, snap.metas, TODAY, usage_of(snap))


def test_places_follow_work_words_and_stop_at_punctuation() -> None:
    text = "hej! jag är ny på Ljusgården sen i måndags, vad gör vi?"
    toks = tokenize(text)
    breaks = {k for k in range(1, len(toks)) if text[toks[k - 1].end : toks[k].start].strip()}
    spans = places(toks, breaks)
    assert [[t.raw for t in toks[lo:hi]] for lo, hi in spans] == [["Ljusgården"]]
    # "började i måndags": a time, not a place that any plan uses (checked by the caller);
    # no work word, no place.
    assert places(tokenize("vad gör vi på Ljusgården?"), set()) == []


def test_a_place_only_one_units_plans_use_names_that_unit(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    reading = read(snap, "Hej! Jag har precis börjat på Ljusgården 😊 vad är målet för brukarnöjdheten?")
    assert reading.units == [BROMMA]
    # Without the introduction the question names no unit.
    assert read(snap, "vad är målet för brukarnöjdheten?").units == []
    # "ny o håller på att läsa in mig på …": another phrase, not where the asker works.
    assert read(snap, "jag är ny o håller på att läsa in mig på Ljusgården, vad är målet?").units == []


def test_an_everyday_unit_word_named_as_the_workplace_is_the_unit(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    # Another unit's plan says "boendestödet": asked about, it is only a preference ...
    assert read(snap, "när ska videosamtalen i boendestödet vara klara?").units == []
    # ... but "jag är ny på boendestödet" says where the asker works, as "vi på boendestödet" does.
    reading = read(snap, "jag är ny på boendestödet, när ska videosamtalen vara klara?")
    assert reading.units == [BROMMA]


def test_units_using_reads_the_index_columns(tmp_path: Path) -> None:
    usage = SnapshotUsage(snapshot(tmp_path))
    assert usage.units_using(tuple(stem_tokens("Ljusgården"))) == (BROMMA,)
    assert usage.units_using(tuple(stem_tokens("boendestödet"))) == (SOCPSYK,)  # chunk text, not the name
    assert usage.units_using(tuple(stem_tokens("parkering"))) == ()
