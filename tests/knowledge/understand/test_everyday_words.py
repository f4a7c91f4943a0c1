"""Everyday Swedish reaches the plans' official words through the thesaurus (issue 10, item 5).

Staff type "killar", "fuska", "soc-pengar", "plugga", "knarkar", "psyket", "utkastad"; the plans
write pojkar, bidragsbrott, ekonomiskt bistånd, studier, missbruk, psykiatrisk, vräkning. The
everyday lines of `thesaurus.tsv` are one-way: the everyday word gains the plans' word, the plans'
word gains nothing, and no everyday word expands to more than two words (every expansion becomes a
topic word of the coverage scorer, so a longer list would dilute it).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from knowledge.retrieval.extract import group_coverage
from knowledge.textnorm import stem_tokens
from knowledge.understand.chat_words import standard_words
from knowledge.understand.thesaurus import DATA_FILE, Thesaurus, expand_query, query_groups, thesaurus

_SECTION = "# --- everyday Swedish for the plans' official words"
_SAMPLES = Path(__file__).resolve().parents[3] / "corpus" / "samples"


def _idf(stem: str) -> float:
    return 1.0


def _everyday_lines() -> list[str]:
    text = resources.files("knowledge.understand").joinpath(DATA_FILE).read_text(encoding="utf-8")
    section = text[text.index(_SECTION) :]
    return [line for line in section.splitlines() if line.startswith(">\t")]


def test_the_everyday_section_loads_and_is_one_way_and_short() -> None:
    lines = _everyday_lines()
    assert len(lines) >= 40
    table = Thesaurus.parse("\n".join(lines))
    assert len(table.terms) >= 200
    for line in lines:
        expansions = line.split("\t")[2].split("|")
        assert 1 <= len(expansions) <= 2, line


def test_every_expansion_is_a_word_the_plans_use() -> None:
    # An expansion the documents never write only dilutes coverage (it is a topic word no passage holds).
    stems = {s for path in _SAMPLES.glob("*.txt") for s in stem_tokens(path.read_text(encoding="utf-8"))}
    absent = [
        (line, target)
        for line in _everyday_lines()
        for target in line.split("\t")[2].split("|")
        if not set(stem_tokens(target)) <= stems
    ]
    assert not absent, absent


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hur många killar jobbar på enheten", "pojkar"),
        ("hur många tjejer finns i teamet", "kvinnor"),
        ("vad gör vi för tonåringar", "ungdomar"),
        ("vad gör vi om nån fuskar", "bidragsbrott"),
        ("fusk med bidrag", "felaktiga utbetalningar"),
        ("hur många lever på soc-pengar", "ekonomiskt bistånd"),
        ("vill börja plugga", "studier"),
        ("har fått jobb", "arbete"),
        ("folk som knarkar", "missbruk"),
        ("om en förälder super", "missbruk"),
        ("spelberoende", "spelmissbruk"),
        ("brukare som kommer hem från psyket", "psykiatrisk"),
        ("om en klient blir slagen hemma", "våld"),
        ("misshandel i familjen", "våld"),
        ("om man blir hotad av en klient", "hot"),
        ("kan bli utkastad från lägenheten", "vräkning"),
        ("de som sover ute", "hemlöshet"),
        ("om nån ligger efter med hyran", "obetalda hyror"),
        ("vad gör fältarna", "fältassistenter"),
        ("öppet på fredagskvällar", "kväll"),
        ("vem är vice chef", "biträdande enhetschef"),
        ("har kids som tar studenten", "gymnasiet"),
        ("en familj som är pank", "ekonomiska resurser"),
        ("hjälp att ställa sig i kö", "bostadsköer"),
        ("mitt mående", "psykisk ohälsa"),
    ],
)
def test_everyday_words_expand_to_the_plans_words(question: str, expected: str) -> None:
    assert expected in expand_query(question).removeprefix(question)


@pytest.mark.parametrize(
    "question",
    [
        "hur många pojkar och flickor",
        "hur många kvinnor arbetar här",
        "vid misstanke om bidragsbrott",
        "felaktiga utbetalningar",
        "påbörja studier",
        "andel avhysningar",
        "utsatta för våld i nära relation",
        "psykiatrisk slutenvård",
        "fältassistenter",
        "biträdande enhetschef",
        "hur många jobbar i teamet",  # the verb "jobbar" is the plans' "medarbetare", not a job
    ],
)
def test_the_plans_own_words_are_not_widened(question: str) -> None:
    assert expand_query(question) == question


def test_an_everyday_question_now_covers_a_passage_in_the_plans_words() -> None:
    passage = "Enheten har totalt 55 medarbetare, varav 42 kvinnor och 13 män."
    without = Thesaurus.parse("")
    bare = group_coverage(query_groups(expand_query("tjejer", without), without), passage, _idf)
    widened = group_coverage(query_groups(expand_query("tjejer")), passage, _idf)
    assert bare == 0.0 < widened


def test_the_longest_everyday_phrase_wins() -> None:
    words = ["vice", "chef", "pa", "enheten"]  # "vice chef", not the plans' "chef" alone
    hits = thesaurus().find(words)
    assert [(h.start, h.end, h.entry.expansions) for h in hits] == [(0, 2, ("biträdande enhetschef",))]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("va e målet o när slutar det", "vad är målet och när slutar det"),
        ("gäller det oxå boendet", "gäller det också boendet"),
        ("ba en fråga", "bara en fråga"),
        ("hur många ggr per år", "hur många gånger per år"),
        ("vilka pers ansvarar", "vilka personer ansvarar"),
        ("O-märkt och e-post", "O-märkt och e-post"),  # a word in a compound is left alone
    ],
)
def test_sms_spellings_are_read_as_standard_words(typed: str, read: str) -> None:
    assert standard_words(typed) == read
