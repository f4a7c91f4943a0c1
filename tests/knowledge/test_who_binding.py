"""A "vem …?" question's verb is said by a role named beside its matter, not by the word itself."""

from __future__ import annotations

from knowledge.retrieval.extract import group_coverage
from knowledge.retrieval.who_binding import binds_role, matter_groups, with_doing
from knowledge.textnorm import query_groups


def _idf(_stem: str) -> float:
    return 1.0


QUERY = "ansvarar fixa väntelista"
DOING = ("ansvarar", "fixa")
ROW = "Införa en gemensam digital väntelista för de tre teamen\tSamordnare Team Skolbarn\t2025-02-01"
ELSEWHERE = "Enhetschef ansvarar med hjälp av verksamhetskontroller för att prognosen är rättvisande."


def test_the_doing_groups_are_left_out_of_the_matter() -> None:
    groups = query_groups(QUERY)
    matter = matter_groups(groups, DOING)
    assert len(matter) == 1 and len(groups) == 3


def test_a_role_named_beside_the_matter_binds_and_elsewhere_does_not() -> None:
    matter = matter_groups(query_groups(QUERY), DOING)
    assert binds_role(ROW, matter)
    # A role, but about something else.
    assert not binds_role(ELSEWHERE, matter)
    # The matter, but no role named.
    assert not binds_role("Teamens väntelista förs i ett kalkylark.", matter)
    # "Ansvarig: …" in the sentence after the matter binds to it.
    assert binds_role("Teamens väntelista gås igenom varje månad. Ansvarig: Biträdande enhetschef", matter)
    # Nor two sentences away.
    assert not binds_role(
        "Teamens väntelista gås igenom varje månad. Resultatet redovisas på APT. Ansvarig: Enhetschef", matter
    )


def test_the_row_about_the_matter_now_covers_the_question_better_than_the_verb_elsewhere() -> None:
    groups = query_groups(QUERY)
    matter = matter_groups(groups, DOING)
    before = group_coverage(groups, ROW, _idf), group_coverage(groups, ELSEWHERE, _idf)
    after = (
        group_coverage(groups, with_doing(ROW, DOING, matter), _idf),
        group_coverage(groups, with_doing(ELSEWHERE, DOING, matter), _idf),
    )
    # Before: the word "ansvarar" elsewhere counted as much as the matter in the row.
    assert before[0] <= before[1] + 1e-9
    assert after[0] == 1.0 and after[1] == before[1]


def test_without_doing_words_the_text_is_unchanged() -> None:
    assert with_doing(ROW, (), []) == ROW
