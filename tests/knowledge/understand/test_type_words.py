"""The words that only restate the kind of detail a question asks (knowledge/understand/type_words.py)."""

from __future__ import annotations

import pytest

from knowledge.textnorm import fold, stem_tokens
from knowledge.understand.answer_types import AnswerType, asked_types
from knowledge.understand.type_words import parse, restating_stems, table


def _stem(word: str) -> str:
    (stem,) = stem_tokens(fold(word), drop_stopwords=False)
    return stem


def test_a_table_line_gives_the_stems_of_its_types_words() -> None:
    words = parse("# a comment\n\nplace\tligger|Belägen\tnote\nage\tålder\t\n")
    assert words[AnswerType.PLACE] == {_stem("ligger"), _stem("belägen")}
    assert words[AnswerType.AGE] == {_stem("ålder")}


@pytest.mark.parametrize("line", ["plats\tligger\tunknown type", "place\t\tno words", "place"])
def test_a_malformed_line_is_refused(line: str) -> None:
    with pytest.raises(ValueError, match="rad 1"):
        parse(line)


def test_only_the_asked_types_words_are_given() -> None:
    words = parse("place\tligger\t\nage\tålder\t\namount\tkostar\t\n")
    assert restating_stems({AnswerType.PLACE, AnswerType.AGE}, words) == {_stem("ligger"), _stem("ålder")}
    assert restating_stems(set(), words) == frozenset()


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("var ska den ligga?", "ligga"),
        ("från vilken ålder tar de emot?", "ålder"),
        ("vad kostar det?", "kostar"),
    ],
)
def test_the_packaged_table_holds_the_word_that_restates_what_the_question_asks(
    question: str, word: str
) -> None:
    assert _stem(word) in restating_stems(asked_types(question))


def test_the_packaged_table_names_every_type_once_and_leaves_the_asked_detail_ansvarar_out() -> None:
    words = table()
    assert words and all(words.values())
    assert _stem("ansvarar") not in restating_stems(AnswerType)  # "vem ansvarar?" → "Ansvar: …"
