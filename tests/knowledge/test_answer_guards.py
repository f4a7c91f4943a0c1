"""Guards on the answer path: no borrowed unit figures, no count answered without a number."""

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


def test_a_count_question_answered_by_a_passage_without_any_number_is_declined() -> None:
    from knowledge.answerer import _count_without_number

    def passage(quote: str) -> Answer:
        cite = Citation(n=1, source="eb.txt", title="Verksamhetsplan", section="Boende", quote=quote)
        return Answer(answer=f"Enligt … {quote} [1]", kind=AnswerKind.PASSAGES, citations=[cite])

    count = _reading([], []).model_copy(update={"text": "hur många träningslägenheter har enheten?"})
    assert _count_without_number(count, passage("Vi arbetar med träningslägenheter och stödboenden."))
    assert not _count_without_number(count, passage("Enheten har 12 träningslägenheter."))
    assert not _count_without_number(count, passage("Enheten har tre träningslägenheter."))
    other = _reading([], []).model_copy(update={"text": "vems statistik jämförs antalet med?"})
    assert not _count_without_number(other, passage("Vi jämför med SWECO:s statistik."))
