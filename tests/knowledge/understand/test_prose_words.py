"""Everyday words for the prose sections' words (thesaurus section of session 17).

The section was written by going through the words of the samples' "Förväntat resultat",
"Arbetssätt" and "Uppföljning" sections and the award application's narrative that the earlier
everyday sections leave out. Its lines follow the session-14 rules, which
`test_plain_words.py` checks for every line from that section to the end of the file (this
section included); here: the section is there, its words reach the plans' wording, and the
plans' own wording is not widened by it.
"""

from __future__ import annotations

from importlib import resources

import pytest

from knowledge.retrieval.extract import group_coverage
from knowledge.textnorm import words
from knowledge.understand.thesaurus import DATA_FILE, Thesaurus, expand_query, query_groups

_SECTION = "# --- everyday words for the prose sections' words (session 17)"


def _idf(stem: str) -> float:
    return 1.0


def _section() -> Thesaurus:
    text = resources.files("knowledge.understand").joinpath(DATA_FILE).read_text(encoding="utf-8")
    lines = text[text.index(_SECTION) :].splitlines()
    return Thesaurus.parse("\n".join(line for line in lines if line.startswith(">\t")))


def test_the_section_is_one_way_and_short() -> None:
    section = _section()
    assert len(section.terms) >= 40
    for expansions in section.terms.values():
        assert 1 <= len(expansions) <= 2


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hur länge håller bygget på", "ombyggnation"),
        ("har alla jobbmobil", "smartphone"),
        ("kan vi dela på utrymmen", "samutnyttja"),
        ("vad gör vi med matresterna", "matavfall"),
        ("när är storträffarna", "enhetsträffar"),
        ("vad gör vi mot rasism", "diskriminering"),
        ("blir det mindre pappersarbete", "administrativa"),
        ("kan vi spara in på nåt", "effektivisera"),
        ("hjälp utan formellt beslut", "biståndsbeslut"),
        ("hur går det för missbruksklienterna", "beroende"),
        ("hur ska klienten klara sig själv", "självförsörjning"),
        ("hur lugnar vi ner en brukare som är utåtagerande", "lågaffektivt bemötande"),
    ],
)
def test_everyday_words_reach_the_plans_words(question: str, expected: str) -> None:
    assert expected in expand_query(question).removeprefix(question)


@pytest.mark.parametrize(
    "question",
    [
        "när är ombyggnationen klar",
        "vilka har smartphone",
        "hur sorterar vi matavfall",
        "vad gäller för enhetsträffar",
        "hur arbetar vi mot diskriminering",
        "vad är lågaffektivt bemötande",
    ],
)
def test_the_plans_own_words_are_not_widened_by_the_section(question: str) -> None:
    assert not _section().find(words(question))


def test_a_paraphrase_now_covers_the_passage_in_the_plans_words() -> None:
    passage = "På vissa verksamheter kan man effektivisera genom att samutnyttja lokaler."
    bare_table = Thesaurus.parse("")
    question = "kan vi spara in genom att dela på utrymmen"
    bare_groups = query_groups(expand_query(question, bare_table), bare_table)
    bare = group_coverage(bare_groups, passage, _idf)
    widened = group_coverage(query_groups(expand_query(question)), passage, _idf)
    assert bare < widened
