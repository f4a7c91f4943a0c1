"""Role words: endings of Swedish role nouns, as data."""

from __future__ import annotations

import pytest

from knowledge.understand.role_words import endings, names_role, parse, role_words, without_roles


def test_compound_role_nouns_are_read_by_their_ending_in_any_form() -> None:
    assert role_words("Budget- och skuldrådgivare: ger stöd") == ["skuldradgivare"]
    assert role_words("Vrakningsforebyggare och FUT- utredare") == ["vrakningsforebyggare", "utredare"]
    assert names_role("enhetschefen") and names_role("socialsekreterarna") and names_role("Case- managers")


def test_words_that_only_share_a_stem_with_a_role_are_not_roles() -> None:
    assert not names_role("Samordning och samarbete ska undersökas.")
    assert not names_role("ledarskapet och ansvaret")
    assert not names_role("Forskning har visat")


def test_the_table_is_parsed_and_checked() -> None:
    assert parse("# note\nradgivare\tskuldrådgivare\nutredare\tFUT-utredare\n") == frozenset(
        {"radgivare", "utredare"}
    )
    assert "radgivare" in endings() and "forebyggare" in endings()
    with pytest.raises(ValueError):
        parse("bud get\tx\n")
    # A table passed in is used instead of the packaged one.
    assert names_role("kockarna", frozenset({"kock"})) and not names_role("kockarna", frozenset({"bagare"}))


def test_role_words_are_blanked_out_of_a_text() -> None:
    assert without_roles("vem tar över när gruppledaren är borta").split() == [
        "vem",
        "tar",
        "over",
        "nar",
        "ar",
        "borta",
    ]
