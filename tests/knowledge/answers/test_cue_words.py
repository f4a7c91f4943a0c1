"""Cue words with a trailing `*` (`knowledge.answers.cue_words`)."""

from __future__ import annotations

from knowledge.answers.cue_words import cue_word, matches


def test_cue_word_folds_and_keeps_the_star() -> None:
    assert cue_word("Mål*") == "mal*"
    assert cue_word("Åtgärd") == "atgard"


def test_a_star_matches_every_ending_and_a_plain_word_only_itself() -> None:
    assert matches("mal*", "malen") and matches("mal*", "mal")
    assert matches("mal", "mal") and not matches("mal", "malen")
