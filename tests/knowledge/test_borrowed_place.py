"""A question that names its unit is never answered with another unit's figure."""

from __future__ import annotations

import datetime as dt

from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answerer import _borrows_place
from knowledge.retrieval.selection import Selection
from knowledge.understand.reading import QuestionReading, read_question


def _answer(source: str) -> Answer:
    cite = Citation(
        n=1, source=source, title="Verksamhetsplan", section="Indikatorer", quote="Sjukfrånvaro 5 %"
    )
    return Answer(answer="Närmast … [1]", kind=AnswerKind.INDICATOR, citations=[cite])


def _reading(units: list[str], districts: list[str]) -> QuestionReading:
    base = read_question("vad är årsmålet för sjukfrånvaro?", [], dt.date(2023, 6, 15))
    return base.model_copy(update={"units": units, "districts": districts})


def test_an_answer_from_a_unit_the_question_did_not_name_is_borrowed() -> None:
    selection = Selection(["fse.txt"], agreement={"fse.txt": 1.0, "eb.txt": -1.0})
    named = _reading(["Försörjningsstödsenheten"], ["Hässelby-Vällingby"])
    assert _borrows_place(_answer("eb.txt"), named, selection)
    assert not _borrows_place(_answer("fse.txt"), named, selection)
    # A question that names no place may be answered from any unit (the ranking decides).
    assert not _borrows_place(_answer("eb.txt"), _reading([], []), selection)
