"""A later question of a message that names nothing may still ask a new kind of detail.

Folded words as `clauses.question_starts` and `several.asks_anew` pass them (made-up messages).
"""

from __future__ import annotations

from knowledge.understand.answer_types import AnswerType
from knowledge.understand.part_types import new_detail


def test_a_short_part_asking_another_kind_of_detail_asks_it() -> None:
    before = ["nar", "tar", "man", "fram", "sin", "utvecklingsplan"]
    assert new_detail(["med", "vem"], before) == {AnswerType.PERSON}
    activity = ["vad", "ar", "det", "for", "aktivitet", "om", "hjalpmedel"]
    assert new_detail(["nar"], activity) == {AnswerType.TIME}
    assert new_detail(["hur", "ofta", "i", "sa", "fall"], ["har", "de", "nagot", "husmote"]) == {
        AnswerType.FREQUENCY
    }
    assert new_detail(["vilka", "far", "vara", "med"], ["hur", "ofta", "har", "vi", "brukarrad"]) == {
        AnswerType.PERSON
    }


def test_the_lost_question_mark_still_reads_a_bare_place_question() -> None:
    assert new_detail(["var"], ["vad", "heter", "traffen"]) == {AnswerType.PLACE}


def test_the_same_kind_again_or_no_specific_kind_asks_nothing_new() -> None:
    assert not new_detail(["hur", "ofta"], ["hur", "ofta", "har", "vi", "apt"])
    assert not new_detail(["vad", "ar", "malet"], ["hur", "mycket", "ekologisk", "mat", "koper", "vi"])
    assert not new_detail(["vilka"], ["hur", "manga", "medarbetare", "finns", "det"])
    assert not new_detail([], ["hur", "ofta", "har", "vi", "apt"])


def test_a_count_of_what_the_question_before_asks_for_narrows_it() -> None:
    # "har vi några aktiviteter om miljö? hur många?": the count answer lists what it counts.
    assert not new_detail(["hur", "manga"], ["har", "vi", "nagra", "aktiviteter", "om", "miljo"])
    # After a question that asks a specific kind, a count is a detail of its own.
    assert new_detail(["hur", "manga"], ["nar", "ar", "brukarradet"]) == {AnswerType.COUNT}
