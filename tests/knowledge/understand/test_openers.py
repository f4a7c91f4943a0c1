"""Where a question of a chat message opens: an interrogative, a preposition before one, or a
yes/no question's verb before its subject (hand-built token lists, folded as the tokenizer folds).
"""

from __future__ import annotations

import pytest

from knowledge.textnorm import fold
from knowledge.understand.clauses import INTERROGATIVES
from knowledge.understand.openers import OpenerKind, Openers, opener_at, openers, opens_subordinate, parse


def _words(text: str) -> list[str]:
    return [fold(w) for w in text.split()]


@pytest.mark.parametrize(
    ("text", "at", "kind"),
    [
        ("och när följs det upp", 1, OpenerKind.INTERROGATIVE),
        ("från vilken ålder tar de emot brukare", 0, OpenerKind.PREPOSED),
        ("har vi flextid också", 0, OpenerKind.YES_NO),
        ("eller finns det en bil", 1, OpenerKind.YES_NO),
        ("får man ta med hund", 0, OpenerKind.YES_NO),
    ],
)
def test_a_question_opens(text: str, at: int, kind: OpenerKind) -> None:
    opener = opener_at(_words(text), at, INTERROGATIVES)
    assert opener is not None and opener.kind is kind and opener.start == at


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("vi har flextid", 0),  # a statement: the subject before its verb
        ("är det en elbil", 0),  # a copula narrows the question before it
        ("i vår verksamhet", 0),  # folded "i var": "our", not "where"
        ("har hört att", 0),  # no subject after the verb
        ("har", 0),  # nothing after the verb
        ("kan du lista dom", 0),  # a request to the bot about its answer
        ("vad", 3),  # past the end
    ],
)
def test_no_question_opens(text: str, at: int) -> None:
    assert opener_at(_words(text), at, INTERROGATIVES) is None


def test_the_table_is_read_by_kind_and_folded() -> None:
    table = parse("# comment\npreposition\tFrån\nverb\tFår\nsubject\tVi\nanswer\tGräns\n")
    assert table == Openers(frozenset({"fran"}), frozenset({"far"}), frozenset({"vi"}), frozenset({"grans"}))
    assert opener_at(["far", "vi"], 0, INTERROGATIVES, table) is not None
    assert opener_at(["har", "vi"], 0, INTERROGATIVES, table) is None


@pytest.mark.parametrize("line", ["adverb\tinte", "verb\t", "verb\thar vi"])
def test_a_bad_line_is_refused(line: str) -> None:
    with pytest.raises(ValueError, match="rad 1"):
        parse(line)


def test_the_packaged_table_has_every_kind_and_no_copula() -> None:
    table = openers()
    assert {"fran", "i"} <= table.prepositions
    assert {"har", "finns", "far"} <= table.verbs and not {"ar", "var", "blir"} & table.verbs
    assert {"vi", "man", "det"} <= table.subjects and "du" not in table.subjects
    assert {"siffra", "tak"} <= table.answer_nouns


@pytest.mark.parametrize(
    ("text", "subordinate"),
    [
        ("när vi måste placera nån", True),  # subject after "när": a condition
        ("när en klient uteblir", True),
        ("när det gäller budgeten", True),
        ("när nån blir sjuk", True),
        ("när ska vi vara klara", False),  # verb after "när": a question
        ("när är nästa apt", False),
        ("när", False),  # nothing after it
        ("vad gör vi", False),  # not a conjunction
    ],
)
def test_when_followed_by_its_subject_opens_a_subordinate_clause(text: str, subordinate: bool) -> None:
    words = _words(text)
    assert opens_subordinate(words, 0) is subordinate
    assert (opener_at(words, 0, INTERROGATIVES) is None) is subordinate


def test_the_first_question_of_a_message_after_a_condition() -> None:
    # "när vi måste placera nån, vilka avtal …": one question, opening at "vilka", not two.
    text = "när vi måste placera nån, vilka avtal ska vi hålla oss inom?"
    words = _words(text.replace(",", " ,").replace("?", ""))
    assert opener_at(words, 0, INTERROGATIVES) is None
    assert opener_at(words, words.index("vilka"), INTERROGATIVES) is not None


def test_conjunctions_and_clause_subjects_are_parsed() -> None:
    table = parse("conjunction\tnär\nclause_subject\tnån\nsubject\tvi\n")
    assert table.conjunctions == frozenset({"nar"}) and table.clause_subjects == frozenset({"nan"})
    assert opens_subordinate(["nar", "nan"], 0, table) and opens_subordinate(["nar", "vi"], 0, table)
    assert not opens_subordinate(["nar", "ska"], 0, table)
