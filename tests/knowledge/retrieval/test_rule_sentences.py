"""Tests for retrieval/rule_sentences.py and its use in extract.best_sentences: the rule sentence
whose condition holds the question's situation is quoted, not the passage's opening."""

from __future__ import annotations

from knowledge.retrieval.extract import best_sentences, sentences
from knowledge.retrieval.rule_sentences import (
    FULL_FIT_STEMS,
    RULE_WEIGHT,
    condition_fit,
    rule_bonus,
    rule_chunks,
    states_rule,
)
from knowledge.textnorm import stem_tokens

# Built like a plan's "Beskrivning": opening sentences that share common words with the
# question's synonyms, and the rule at the end of the paragraph, then another paragraph.
PASSAGE = (
    "Målet nås genom att den som är i behov av ekonomiskt bistånd får stöd i att finna egen "
    "försörjning. Invånare som kontaktar nämnden angående ekonomiskt bistånd får snabb information. "
    "Nämnden arbetar aktivt med att förebygga felaktiga utbetalningar genom tydlig information. "
    "Om det framkommer misstanke om bidragsbrott, görs polisanmälan.\n\n"
    "Insatser från Jobbtorgen kopplas på i ett tidigt skede. Interna insatser planeras tidigt."
)
QUERY = "fuskar pengarna bidragsbrott felaktiga utbetalningar ekonomiskt bistånd"
RULE = "Om det framkommer misstanke om bidragsbrott, görs polisanmälan."


def test_fit_counts_topic_stems_in_the_condition_only() -> None:
    stems = set(stem_tokens("bidragsbrott polisanmälan"))
    # "polisanmälan" stands in the consequence: only "bidragsbrott" counts.
    assert condition_fit(stems, RULE) == 1 / FULL_FIT_STEMS
    assert condition_fit(stems, "Nämnden gör polisanmälan vid bidragsbrott.") == 0.0
    assert condition_fit(set(), RULE) == 0.0


def test_fit_is_full_at_two_stems() -> None:
    stems = set(stem_tokens("långvarigt beroende bedömning"))
    assert condition_fit(stems, "Vid långvarigt beroende ska FIA bedömning användas.") == 1.0


def test_bonus_only_when_the_question_states_a_condition() -> None:
    parts = sentences(PASSAGE)
    with_condition = rule_bonus(parts, QUERY, "vad gör vi om vi tror att nån fuskar med pengarna?")
    assert with_condition[parts.index(RULE)] == RULE_WEIGHT / FULL_FIT_STEMS
    assert sum(1 for b in with_condition if b > 0) == 1
    plain = rule_bonus(parts, QUERY, "berätta om bidragsbrott och ekonomiskt bistånd")
    assert plain == [0.0] * len(parts)


def test_routine_question_quotes_the_rule_and_stops_at_its_paragraph() -> None:
    picked = best_sentences(
        PASSAGE, QUERY, procedure=True, question="vad gör vi om vi tror att nån fuskar med pengarna?"
    )
    assert picked == [RULE]


def test_question_without_condition_keeps_the_coverage_choice() -> None:
    picked = best_sentences(PASSAGE, QUERY, procedure=True, question="fusk med ekonomiskt bistånd, berätta")
    assert RULE not in picked
    assert picked[0].startswith("Målet nås")


class _Chunk:
    """A stand-in with the two fields `rule_chunks` reads."""

    def __init__(self, id: str, text: str) -> None:
        self.id = id
        self.text = text


SECTIONS = [
    _Chunk("a", "Enheten samverkar med andra professioner. Brukaren får stöd i kontakten med dem."),
    _Chunk(
        "b",
        "Vid upprättande av genomförandeplan deltar alltid brukaren. "
        "Vid förändring av brukarens önskan eller förändring av behov uppdateras planen.",
    ),
    _Chunk("c", "Om brukaren vill, kan anhöriga delta. Insatsen följs upp varje månad."),
]


def test_rule_chunks_offers_the_chunk_whose_condition_names_the_situation() -> None:
    question = "om brukarens behov ändras, vad händer med planen?"
    added = rule_chunks(SECTIONS, {"a"}, "brukarens behov ändras planen", question)
    # "c" names "brukaren" only in its condition: half a fit, not offered.
    assert [c.id for c in added] == ["b"]


def test_rule_chunks_skips_offered_chunks_and_plain_questions() -> None:
    query = "brukarens behov ändras planen"
    assert rule_chunks(SECTIONS, {"b"}, query, "om brukarens behov ändras, vad händer?") == []
    assert rule_chunks(SECTIONS, set(), query, "vad står det om brukarens behov i planen?") == []
    assert rule_chunks(SECTIONS, set(), query, "om brukarens behov ändras, vad händer?", count=0) == []


def test_states_rule_needs_a_full_fit_and_a_condition_in_the_question() -> None:
    text = SECTIONS[1].text
    query = "brukarens behov ändras planen"
    assert states_rule(text, query, "om brukarens behov ändras, vad händer?")
    assert not states_rule(text, query, "vad står det om brukarens behov?")
    assert not states_rule(SECTIONS[2].text, query, "om brukarens behov ändras, vad händer?")
