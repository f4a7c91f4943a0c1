"""Chat spellings (sms shorthand, clipped words, English loanwords) are read as standard Swedish words."""

from __future__ import annotations

import pytest

from knowledge.understand.chat_words import standard_words
from knowledge.understand.thesaurus import Thesaurus, ThesaurusError, thesaurus
from tests.knowledge.understand.samples import read


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("vad e målet?", "vad är målet?"),
        ("hur mkt kostar det iaf", "hur mycket kostar det i alla fall"),
        ("finns det ngn rutin för nåt sånt?", "finns det någon rutin för något sånt?"),
        ("när e deadline?", "när är slutdatum?"),
        ("vad är target för sjukfrånvaron", "vad är mål för sjukfrånvaron"),
        ("vad e kpi:n för det?", "vad är indikatorn för det?"),
        ("vilka kpi:er har vi?", "vilka indikatorer har vi?"),
        ("funkar det så asså", "fungerar det så alltså"),
    ],
)
def test_chat_spellings_are_rewritten(typed: str, read_as: str) -> None:
    assert standard_words(typed) == read_as


@pytest.mark.parametrize(
    "typed",
    [
        "skicka det via e-post",  # "e" of a hyphenated word is no "är"
        "Eko-gruppen träffas på fredag",  # a name with a hyphen
        "vad står IB för?",  # words outside the table
        "hur många har nått målet?",  # "nått" (reached) is no chat spelling of "något"
    ],
)
def test_other_words_are_left_alone(typed: str) -> None:
    assert standard_words(typed) == typed


def test_chat_lines_parse_and_are_not_expansions() -> None:
    table = Thesaurus.parse("chat\tmkt|mycke\tmycket\n>\tek\tekonomiskt\n")
    assert table.chat == {"mkt": "mycket", "mycke": "mycket"}
    assert [e.words for e in table.entries] == [("ek",)]
    assert standard_words("hur mkt?", table) == "hur mycket?"


@pytest.mark.parametrize("line", ["chat\tmkt\t", "chat\tbl a\tbland annat", "chat\tmkt\tmycket|mer"])
def test_a_malformed_chat_line_names_the_line(line: str) -> None:
    with pytest.raises(ThesaurusError, match="rad 1"):
        Thesaurus.parse(line)


def test_the_packaged_table_has_chat_spellings_of_one_word() -> None:
    chat = thesaurus().chat
    assert chat["mkt"] == "mycket" and chat["kpi"] == "indikator"
    assert all(" " not in spelling and spelling == spelling.lower() for spelling in chat)


def test_a_chat_question_reads_like_the_standard_one() -> None:
    # The reader sees "hur mycket" and the cue "mål" once the spellings are standard words.
    chat, standard = (
        read(standard_words("vad e target för sjukfrånvaron?")),
        read("vad är mål för sjukfrånvaron?"),
    )
    assert (chat.intent, chat.topic) == (standard.intent, standard.topic)
