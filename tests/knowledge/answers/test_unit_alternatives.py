"""Ambiguity by content (knowledge/answers/unit_alternatives.py) on hand-built plans.

A question that names no unit is clarified when another unit's candidate of the same kind holds
every specific word of the question the answering candidate holds; a candidate that shares only
the question's common words, or misses one of its specific words, leaves the answer alone.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from knowledge.answer import Answer, AnswerKind
from knowledge.answers.cite import Citations
from knowledge.answers.closest import _alike_per_unit
from knowledge.answers.unit_alternatives import (
    alike_in_content,
    clarify_alternatives,
    covered,
    names_no_place,
    other_units,
    specific_groups,
    specific_holders,
)
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.ranker import Candidate, Ranked
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import expand_query, query_groups, stem_tokens
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, make_catalog, plan

TODAY = dt.date(2023, 6, 15)
THIRD_UNIT = "Försörjningsstödsenheten"


def _section(
    source: str, n: int, text: str, heading: str = "Övrigt", kind: ChunkKind = ChunkKind.SECTION
) -> Chunk:
    return Chunk(id=f"{source}-s{n}", source=source, kind=kind, text=text, breadcrumb=f"{source} › {heading}")


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = make_catalog(tmp_path_factory.mktemp("alternatives"))
    try:
        docs = {
            "eb.txt": (
                UNIT,
                [
                    _section(
                        "eb.txt", 0, "Enheten hanterar inkomna klagomål i enlighet med förvaltningens rutin."
                    ),
                    _section(
                        "eb.txt",
                        1,
                        "Varje biträdande enhetschef håller i sin arbetsgrupps APT.",
                        "Organisation",
                    ),
                    _section(
                        "eb.txt", 2, "Enheten tar emot nya personer och hand om ansökningar som kommer in."
                    ),
                ],
            ),
            "saa.txt": (
                OTHER_UNIT,
                [
                    _section(
                        "saa.txt", 0, "Då enheten får in klagomål kommuniceras de så snart som möjligt."
                    ),
                    _section("saa.txt", 1, "Ekonomin följs upp på APT varje månad.", "Ekonomi"),
                    # Everyday words every plan has ("tar hand om", "kommer in").
                    _section("saa.txt", 2, "Vi tar hand om det som kommer in.", "Brukare"),
                    _section("saa.txt", 3, "Boendestödet tar hand om de som kommer in.", "Boende"),
                ],
            ),
            "fs.txt": (
                THIRD_UNIT,
                [_section("fs.txt", 0, "Vi tar hand om allt som kommer in till mottagningen.", "Mottagning")],
            ),
        }
        for source, (unit, chunks) in docs.items():
            catalog.replace_document(plan(source, unit, 2023, []), chunks=chunks, path=None)
        return Snapshot.load(catalog)
    finally:
        catalog.close()


def _groups(question: str) -> list[tuple[set[str], set[str]]]:
    return query_groups(expand_query(question))


def _stems(text: str) -> set[str]:
    return set(stem_tokens(text))


def test_specific_groups_are_the_rarer_half_of_the_question() -> None:
    groups = _groups("tar vi hand om klagomål")
    weight = {"klagomal": 5.0, "synpunk": 4.0, "hand": 2.0}
    specific = specific_groups(groups, lambda s: weight.get(s, 1.0))
    assert sorted(sorted(groups[i][0])[0] for i in specific) == ["klagomal", "synpunk"]
    assert covered(groups, _stems("Vi tar hand om det")) & specific == frozenset()
    # A group the corpus never holds takes no part: the rarer half of the three left.
    unheld = specific_groups(groups, lambda s: weight.get(s, 1.0), lambda s: 0 if s == "synpunk" else 3)
    assert sorted(sorted(groups[i][0])[0] for i in unheld) == ["hand", "klagomal"]


def test_alike_in_content_needs_every_specific_word_the_first_holds() -> None:
    groups = _groups("vem leder apt i arbetsgruppen")
    idf = lambda s: 5.0 if s in {"apt", "arbetsgrupp"} else 1.0  # noqa: E731
    first = _stems("Varje biträdande enhetschef leder sin arbetsgrupps APT.")
    assert alike_in_content(groups, idf, first, _stems("Arbetsgruppens APT leds av samordnaren."))
    # Holding "APT" alone is not the same item: the arbetsgrupp is missing.
    assert not alike_in_content(groups, idf, first, _stems("Ekonomin följs upp på APT."))
    # A first candidate that holds no specific word makes nothing alike.
    assert not alike_in_content(groups, idf, _stems("Leder gör chefen."), first)


def test_another_units_passage_on_the_same_specific_words_is_an_alternative(snap: Snapshot) -> None:
    groups = _groups("hur tar vi hand om klagomål som kommer in")
    leader = snap.chunks_of("eb.txt")[0]
    candidates = [(1.0, c) for c in [*snap.chunks_of("fs.txt"), *snap.chunks_of("saa.txt"), leader]]
    found = other_units(snap, groups, leader, candidates, floor=0.0)
    # fs.txt shares only the common words (tar, hand, kommer in): not the same item.
    assert [a.chunk.source for a in found] == ["saa.txt"]
    assert other_units(snap, groups, leader, candidates, floor=2.0) == []


def test_a_row_is_no_alternative_to_a_passage(snap: Snapshot) -> None:
    groups = _groups("klagomål")
    leader = snap.chunks_of("eb.txt")[0]
    row = _section("saa.txt", 9, "Antal klagomål", kind=ChunkKind.INDICATOR)
    assert other_units(snap, groups, leader, [(1.0, row)], floor=0.0) == []


def _routine_answer(snap: Snapshot, chunk: Chunk) -> Answer:
    cites = Citations(snap)
    marker = cites.cite(chunk)
    return Answer(
        answer=f"Enligt planen:\n\n{chunk.text} {marker}", kind=AnswerKind.ROUTINE, citations=cites.items
    )


def test_a_routine_answer_becomes_a_clarification_listing_each_unit(snap: Snapshot) -> None:
    reading = read_question("hur tar vi hand om klagomål som kommer in?", snap.metas, TODAY)
    assert names_no_place(reading)
    leader = snap.chunks_of("eb.txt")[0]
    candidates = [(1.0, c) for c in snap.chunks if c.id != leader.id]
    answer = clarify_alternatives(
        snap, reading, _routine_answer(snap, leader), _groups(reading.topic), candidates, 0.0
    )
    assert answer is not None and answer.kind is AnswerKind.CLARIFY
    assert [c.source for c in answer.citations] == ["eb.txt", "saa.txt"]
    assert "förvaltningens rutin" in answer.answer and "så snart som möjligt" in answer.answer
    # Only one unit has what the question asks about: the answer stands.
    apt = read_question("vem håller i arbetsgruppens APT?", snap.metas, TODAY)
    alone = snap.chunks_of("eb.txt")[1]
    assert (
        clarify_alternatives(snap, apt, _routine_answer(snap, alone), _groups(apt.topic), candidates, 0.0)
        is None
    )


def test_a_unit_named_or_carried_from_the_conversation_is_a_place() -> None:
    reading = read_question("hur tar vi hand om klagomål?", [], TODAY)
    assert names_no_place(reading)
    assert not names_no_place(reading.model_copy(update={"units": [OTHER_UNIT]}))
    assert not names_no_place(reading.model_copy(update={"soft_units": [OTHER_UNIT]}))
    assert not names_no_place(reading.model_copy(update={"context_source": "saa.txt"}))


def test_pool_candidates_alike_in_probability_but_not_in_content_do_not_clarify(snap: Snapshot) -> None:
    reading = read_question("hur tar vi hand om klagomål som kommer in?", snap.metas, TODAY)
    eb, saa, fs = snap.chunks_of("eb.txt")[0], snap.chunks_of("saa.txt")[0], snap.chunks_of("fs.txt")[0]
    ranked = [
        Ranked(Candidate(c, 1.0, 0.0), float(p))
        for c, p in zip([eb, fs, saa], np.array([0.6, 0.58, 0.55]), strict=True)
    ]
    alike = _alike_per_unit(snap, reading, ranked)
    # fs.txt is as probable but holds none of the question's specific words: only saa.txt is alike.
    assert [r.candidate.source for r in alike] == ["eb.txt", "saa.txt"]


def test_specific_holders_mark_the_candidates_with_the_questions_rare_words(snap: Snapshot) -> None:
    chunks = [snap.chunks_of("fs.txt")[0], snap.chunks_of("saa.txt")[0]]
    assert specific_holders(snap, expand_query("hur hanterar vi klagomål som kommer in"), chunks) == [
        False,
        True,
    ]
