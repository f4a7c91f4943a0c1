"""Chat spellings read by where they stand ("va": vad, var, vara, the tag "right?", an exclamation)."""

from __future__ import annotations

import pytest

from knowledge.understand.chat_readings import DROP, KEEP, Context, parse, reading_at, rules
from knowledge.understand.chat_words import standard_words
from knowledge.understand.thesaurus import thesaurus


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("va har vi för mål?", "vad har vi för mål?"),  # no rule fits: the thesaurus's "vad"
        ("hur va det med sjukfrånvaron?", "hur var det med sjukfrånvaron?"),
        ("det va förra året, vilket va målet?", "det var förra året, vilket var målet?"),
        ("vilka ska va klara i mars?", "vilka ska vara klara i mars?"),
        ("hen vill va anonym", "hen vill vara anonym"),
        (
            "droppen ligger i västertorp va? vilka delar dom lokal med?",
            "droppen ligger i västertorp va? vilka delar dom lokal med?",
        ),
        ("va bra att du finns! hur många är vi?", "bra att du finns! hur många är vi?"),
        ("va?", "vad?"),  # alone in its clause: no tag, the question word
    ],
)
def test_va_is_read_by_where_it_stands(typed: str, read_as: str) -> None:
    assert standard_words(typed) == read_as


def test_the_tag_is_left_for_the_chatter_table() -> None:
    # "va" closing a statement: the chatter table lists it ("end va"), so it is kept as typed.
    words = ["förut", "va"]
    assert reading_at(words, 1, ends_clause=True, starts_clause=False) == KEEP
    # The same word opening its clause is no tag.
    assert reading_at(["va"], 0, ends_clause=True, starts_clause=True) is None


def test_a_word_before_a_clause_break_is_no_neighbour() -> None:
    # "…, det. va har vi …": "det" ends the clause before, so "va" is not read as "var" after it.
    words = ["det", "va", "har"]
    assert reading_at(words, 1, ends_clause=False, starts_clause=True) is None
    assert reading_at(words, 1, ends_clause=False, starts_clause=False) == "var"


def test_the_first_fitting_line_wins() -> None:
    table = parse("va\tvara\tafter\tska\nva\tvar\tafter\tska det\n")
    assert reading_at(["ska", "va"], 1, ends_clause=False, starts_clause=False, table=table) == "vara"
    assert reading_at(["det", "va"], 1, ends_clause=False, starts_clause=False, table=table) == "var"


@pytest.mark.parametrize(
    "line",
    [
        "va\tvara",  # no context
        "va\tvara\tbeside\tska",  # unknown context
        "va\tvara\tafter",  # after without words
        "\tvara\tafter\tska",  # no word
    ],
)
def test_malformed_lines_are_refused(line: str) -> None:
    with pytest.raises(ValueError):
        parse(line)


def test_every_packaged_rule_reads_a_chat_spelling_of_the_thesaurus() -> None:
    chat = thesaurus().chat
    for rule in rules():
        assert rule.word in chat, rule
        assert rule.reading in (KEEP, DROP) or rule.reading.strip(), rule
        assert rule.context is Context.TAG or rule.words, rule


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("hue många deltagare har kravatten?", "hur många deltagare har kravatten?"),
        ("vikla åldrar vänder sig den till", "vilka åldrar vänder sig den till"),
        ("vad ä årsmålet", "vad är årsmålet"),
    ],
)
def test_mistyped_question_words_are_read_as_the_question_word(typed: str, read_as: str) -> None:
    assert standard_words(typed) == read_as
