"""Particle verbs read as the nouns the plans name their sections with ("följs upp" ~ "Uppföljning")."""

from __future__ import annotations

from knowledge.understand.particle_verbs import joined_stems, prefix_lookup, with_joined

KNOWN = prefix_lookup(["uppfoljning", "uppfoljningsarbete", "genomgang", "utbetalning", "mottagning"])


def test_a_verb_and_its_particle_join_in_the_nouns_order() -> None:
    assert joined_stems("vad följs upp varje månad?", KNOWN) == [("följs", "upp", "uppfolj")]
    assert with_joined("vad följs upp varje månad?", KNOWN) == "vad uppfolj varje månad?"
    # Without å/ä/ö, as staff often type.
    assert with_joined("vad foljs upp?", KNOWN) == "vad uppfolj?"


def test_the_subject_may_stand_between_verb_and_particle() -> None:
    assert with_joined("hur ofta följer vi upp det?", KNOWN) == "hur ofta uppfolj vi det?"
    assert with_joined("vad betalas ut?", KNOWN) == "vad utbetal?"


def test_a_joined_form_no_word_of_the_corpus_begins_is_left_as_it_was() -> None:
    # "gå igenom" has the noun "genomgång", which begins with no "genomgar".
    assert with_joined("vad går vi igenom på apt?", KNOWN) == "vad går vi igenom på apt?"
    assert joined_stems("vilka tar emot ansökan?", KNOWN) == []
    # A particle without a verb before it, or a pronoun before the particle, joins nothing.
    assert joined_stems("upp till bevis", KNOWN) == []
    assert joined_stems("vi upp", KNOWN) == []


def test_prefix_lookup_finds_words_that_start_with_a_stem() -> None:
    assert KNOWN("uppfolj") and KNOWN("uppfoljningsarbete") and not KNOWN("uppfoljz")
    assert not prefix_lookup([])("a")
