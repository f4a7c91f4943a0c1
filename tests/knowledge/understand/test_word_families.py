"""Word families: a question in one form of a word meets a plan written in another."""

from __future__ import annotations

import pytest

from knowledge.retrieval.extract import group_coverage
from knowledge.store.lexical import LexicalIndex
from knowledge.textnorm import expand_query, query_groups, stem_tokens
from knowledge.understand.word_families import Families, FamilyError, expansions, families, verb_stems
from knowledge.understand.word_families import query_groups as family_groups


def _idf(stem: str) -> float:
    return 1.0


TABLE = Families.parse(
    "# a comment\n"
    "=\tutskrift|skriva ut|printa|printa ut\n"
    "=\tuppföljning|följa upp\n"
    "=\tmånatlig|månad|varje månad|per månad\n"
    ">\tkylskåp|frys\tvitvaror\n"
)


def test_the_packaged_table_loads_and_every_line_names_a_family() -> None:
    table = families()
    assert len(table.families) >= 30
    assert all(len(f.forms) >= 2 or f.is_synonym for f in table.families)


@pytest.mark.parametrize(
    "line",
    ["=\tutskrift", ">\tkylskåp", "~\ta|b", "=\t|"],
    ids=["one form", "no target", "unknown relation", "empty forms"],
)
def test_a_malformed_line_is_refused_with_its_line_number(line: str) -> None:
    with pytest.raises(FamilyError, match="rad 2"):
        Families.parse("# header\n" + line + "\n")


def test_a_noun_finds_the_particle_verb() -> None:
    assert "skriva ut" in expansions("hur gör vi med utskrifter?", TABLE)
    assert "följa upp" in expansions("hur ofta görs uppföljningen?", TABLE)


def test_a_particle_verb_is_widened_to_other_particle_verbs_not_to_the_noun() -> None:
    # The nouns head nearly every goal's sections ("Uppföljning"); see Match.widens.
    assert expansions("följer ni upp planen?", TABLE) == []
    assert expansions("ska man printa ut allt", TABLE) == ["skriva ut"]
    assert "utskrift" not in expansions("skriver vi ut dubbelsidigt?", TABLE)


def test_the_particle_may_stand_after_another_word_but_not_far_away() -> None:
    assert "printa ut" in expansions("skriver vi ut allt", TABLE)
    assert "printa ut" in expansions("skriver vi inte ut allt", TABLE)
    assert "printa ut" not in expansions("skriver vi planen i teamet ut", TABLE)


def test_a_verb_without_its_particle_is_not_the_particle_verb() -> None:
    # "följa" alone is not "följa upp": no noun "uppföljning" for "följer med".
    assert expansions("vem följer med på mötet", TABLE) == []


def test_everyday_word_points_to_the_plans_word_one_way() -> None:
    assert expansions("ska köpa ett kylskåp", TABLE) == ["vitvaror"]
    assert expansions("vilka vitvaror köper vi", TABLE) == []


def test_family_stems_count_as_the_question_word_in_coverage() -> None:
    groups = family_groups("hur gör vi med utskrifter", TABLE)
    sentence = "Vi skriver i så hög grad som möjligt ut dubbelsidigt för att spara på papper."
    own = next(g for g in groups if "utskrift" in g[0])
    assert own[0] & set(stem_tokens(sentence)), "the verb form must be the noun's own stem"
    assert group_coverage([own], sentence, _idf) == 1.0


def test_the_particle_of_a_matched_particle_verb_is_not_a_word_of_its_own() -> None:
    groups = family_groups("skriver vi ut", TABLE)
    assert len(groups) == 1
    assert group_coverage(groups, "Vi skriver dubbelsidigt.", _idf) == 1.0


def test_an_everyday_word_gets_the_plans_word_as_a_synonym_only() -> None:
    groups = family_groups("kylskåp", TABLE)
    assert groups == [({"kylskap"}, {"vitvar"})]
    assert 0 < group_coverage(groups, "Vid inköp av vitvaror väljer vi lågenergiklass.", _idf) < 1.0


def test_a_phrase_is_searched_but_its_common_words_do_not_count_alone() -> None:
    assert "månatlig" in expansions("har vi möte varje månad", TABLE)
    groups = family_groups("har vi möte varje månad", TABLE)
    for own, _ in groups:
        assert "per" not in own  # "per år" must not satisfy "varje månad"
    # The frequency adverb is the month word's own form.
    assert group_coverage(groups, "Möten hålls månatligen.", _idf) == 1.0


def test_textnorm_adds_family_forms_after_the_thesaurus_expansions() -> None:
    expanded = expand_query("hur gör vi med utskrifter på ek bistånd")
    assert "ekonomiskt bistånd" in expanded  # thesaurus
    assert "skriva ut" in expanded  # word family
    assert expand_query("vad är årsmålet") == "vad är årsmålet"


def test_a_question_in_the_noun_form_retrieves_the_passage_in_the_verb_form() -> None:
    chunks = [
        "Vi skriver i så hög grad som möjligt ut dubbelsidigt för att spara på papper.",
        "Enheten har arbetsplatsträffar en gång i månaden.",
        "Resultatet redovisas i verksamhetsberättelsen.",
    ]
    index = LexicalIndex(chunks)
    plain = index.scores("hur gör vi med utskrifter")
    expanded = index.scores(expand_query("hur gör vi med utskrifter"))
    assert plain[0] == 0.0, "without the family the noun never meets the verb"
    assert expanded.argmax() == 0 and expanded[0] > 0


def test_query_groups_keep_the_thesaurus_synonyms() -> None:
    groups = query_groups("hur många anställda")
    assert any("medarbet" in synonyms for _, synonyms in groups)


@pytest.mark.parametrize("word", ["nåt", "nån", "sånt"])
def test_spoken_function_words_are_not_topic_words(word: str) -> None:
    assert stem_tokens(f"får vi {word} utskick") == stem_tokens("utskick")


def test_forms_appended_by_the_expansion_are_not_topic_words_of_their_own() -> None:
    expanded = "hur gör vi med utskrifter " + " ".join(expansions("hur gör vi med utskrifter", TABLE))
    groups = family_groups(expanded, TABLE)
    assert len(groups) == 2  # "gör" and the one printing concept
    appended = "ska köpa ett kylskåp vitvaror"
    assert family_groups(appended, TABLE) == family_groups("ska köpa ett kylskåp", TABLE)


def test_an_appended_phrase_opening_with_a_function_word_is_no_topic_word_either() -> None:
    table = Families.parse("=\tårligen|en gång om året\n")
    expanded = "görs internkontroll årligen " + " ".join(expansions("görs internkontroll årligen", table))
    assert "en gång om året" in expanded
    assert [own for own, _ in family_groups(expanded, table)] == [{"gor"}, {"internkontroll"}, {"arl"}]


@pytest.mark.parametrize(
    ("noun", "verb_form"),
    [
        ("fördelning", "fördelas"),
        ("samordning", "samordnar"),
        ("granskning", "granskas"),
        ("uppföljning", "följs"),
    ],
)
def test_a_noun_in_ning_finds_its_verb_by_rule_with_partial_credit(noun: str, verb_form: str) -> None:
    verb = stem_tokens(verb_form)[0]
    assert verb in verb_stems(stem_tokens(noun)[0])
    groups = family_groups(noun, Families([]))
    assert group_coverage(groups, f"Ärendena {verb_form} i teamet.", _idf) == pytest.approx(0.6)


@pytest.mark.parametrize("noun", ["ledning", "tidning", "mening"])
def test_a_short_base_is_no_verb(noun: str) -> None:
    # "ledning" is no "led", "tidning" no "tid": too short to be a word of its own.
    assert verb_stems(stem_tokens(noun)[0]) == set()
