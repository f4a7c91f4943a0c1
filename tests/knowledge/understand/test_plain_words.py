"""Everyday words for the plans' frequent words (thesaurus section of session 14, issue 10).

The section was written by going through the samples' content words by frequency and adding,
for each plans' word that has one, the everyday word staff type ("går back" for underskott,
"skyddsrond" for arbetsmiljörond, "lathund" for rutin, "gdpr" for dataskydd). These tests hold
the section to its rules: one-way and short, every expansion a word of the samples, no everyday
term a word or phrase the samples themselves write (a question in the plans' words is never
widened), and the terms do not make the plans' own words split into wrong compound parts (every
thesaurus word is also a compound part, `compounds.base_lexicon`).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import pytest

from knowledge.retrieval.extract import group_coverage
from knowledge.textnorm import stem_tokens, words
from knowledge.understand.compounds import split_compound
from knowledge.understand.thesaurus import DATA_FILE, Thesaurus, expand_query, query_groups

_SECTION = "# --- everyday words for the plans' frequent words"
_SAMPLES = Path(__file__).resolve().parents[3] / "corpus" / "samples"


def _idf(stem: str) -> float:
    return 1.0


def _section_lines() -> list[str]:
    text = resources.files("knowledge.understand").joinpath(DATA_FILE).read_text(encoding="utf-8")
    section = text[text.index(_SECTION) :]
    return [line for line in section.splitlines() if line.startswith(">\t")]


@cache
def _sample_stems() -> tuple[str, ...]:
    """Every sample as one line of stems (function words kept), spaces around, for phrase lookup."""
    return tuple(
        " " + " ".join(stem_tokens(path.read_text(encoding="utf-8"), drop_stopwords=False)) + " "
        for path in sorted(_SAMPLES.glob("*.txt"))
    )


def test_the_section_loads_and_is_one_way_and_short() -> None:
    lines = _section_lines()
    assert len(lines) >= 40
    table = Thesaurus.parse("\n".join(lines))
    assert len(table.terms) >= 150
    for line in lines:
        expansions = line.split("\t")[2].split("|")
        assert 1 <= len(expansions) <= 2, line


def test_every_expansion_is_a_word_the_plans_write() -> None:
    stems = {s for doc in _sample_stems() for s in doc.split()}
    absent = [
        (line.split("\t")[1], target)
        for line in _section_lines()
        for target in line.split("\t")[2].split("|")
        if not set(stem_tokens(target)) <= stems
    ]
    assert not absent, absent


def test_no_everyday_term_is_a_word_or_phrase_of_the_plans() -> None:
    # A term the plans write would widen questions already in the plans' words ("hoppar av",
    # "bygga om" and "buss" are in the samples and were left out for that reason).
    terms = [term for line in _section_lines() for term in line.split("\t")[1].split("|")]
    phrases = {term: " " + " ".join(stem_tokens(term, drop_stopwords=False)) + " " for term in terms}
    written = [term for term in terms if any(phrases[term] in doc for doc in _sample_stems())]
    assert not written, written


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("vi går back i år, vad gör vi", "underskott"),
        ("finns det nån lathund för det", "rutiner"),
        ("när är skyddsronden", "arbetsmiljöronder"),
        ("var slänger vi soporna", "avfall"),
        ("vad gör vi vid mobbning", "trakasserier"),
        ("hur funkar gdpr hos oss", "dataskydd"),
        ("stöd till förövaren", "våldsutövare"),
        ("klienter med dubbeldiagnos", "samsjuklighet"),
        ("klienten vill gå en svenskakurs", "SFI"),
        ("när är renoveringen klar", "ombyggnation"),
        ("får man motionera på arbetstid", "friskvård"),
        ("kan jag ta med mobilen", "smartphone"),
        ("vad menas med hospitering", "kollegial observation"),
        ("om en klient är missnöjd", "klagomål"),
        ("brukarna var missnöjda", "synpunkter"),
        ("vad vill politikerna", "nämnden"),
        ("hur samarbetar vi med AF", "Arbetsförmedlingen"),
        ("sjukskriven och FK", "Försäkringskassan"),
        ("vad gör droppen på sommaren", "sommarhalvåret"),
        ("familjer som bor trångt", "trångboddhet"),
        ("har vi provlägenheter", "försökslägenhet"),
        ("vad sa personalenkäten", "medarbetarenkät"),
        ("samarbete med bostadsbolagen", "hyresvärdar"),
        ("när öppnar träffpunkten", "träfflokal"),
        ("om någon tvångsvårdas", "LVM"),
    ],
)
def test_everyday_words_reach_the_plans_words(question: str, expected: str) -> None:
    assert expected in expand_query(question).removeprefix(question)


@pytest.mark.parametrize(
    "question",
    [
        "hur arbetar vi med avfallssortering",
        "vem tar hand om våldsutövare",
        "finns det försökslägenheter",
        "vad är kollegial observation",
        "hur följs friskvården upp",
        "arbetsträning i egen regi",
        "vilka rutiner har vi för avvikelser",
    ],
)
def test_the_plans_own_words_are_not_widened_by_the_section(question: str) -> None:
    section = Thesaurus.parse("\n".join(_section_lines()))
    assert not section.find(words(question))


def test_an_everyday_question_now_covers_a_passage_in_the_plans_words() -> None:
    passage = "Som personalförmån kan medarbetare ta ut friskvård på arbetstid."
    bare_table = Thesaurus.parse("")
    bare = group_coverage(query_groups(expand_query("motionera", bare_table), bare_table), passage, _idf)
    widened = group_coverage(query_groups(expand_query("motionera")), passage, _idf)
    assert bare == 0.0 < widened


@pytest.mark.parametrize("word", ["klagomål", "klagomålet", "överklaga", "överklagan"])
def test_the_terms_do_not_split_the_plans_lexicalised_words(word: str) -> None:
    # Every thesaurus word is a compound part too: a term "klaga" split "klagomål" into
    # klaga + mål and changed which passages an answer quoted. The verb is left to the corpus's
    # word families (understand/derivation.py), the section lists "missnöjd" only.
    assert len(split_compound(word)) == 1
