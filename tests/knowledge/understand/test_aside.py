"""Words said beside the question stay in its topic but weigh less (issue 10, session 11: chat5)."""

from __future__ import annotations

from pathlib import Path

from knowledge.retrieval.extract import coverage, stem_coverage
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import stem_tokens
from knowledge.understand.aside import (
    ASIDE_WEIGHT,
    aside_indexes,
    aside_share,
    aside_stems,
    aside_weights,
    weighing,
)
from knowledge.understand.clauses import asks_back
from knowledge.understand.mentions import tokenize
from knowledge.understand.reading import QuestionReading
from tests.support.chat_corpus import chat_snapshot, read_chat

# Enough plan text that the counts can tell an everyday word from a word of the plans.
TEXT = (
    "Unga som utsätts för hedersrelaterat våld erbjuds stöd. Klagomål från klienter återkopplas av "
    "chef och redovisas i verksamhetsberättelsen."
)


def snapshot(tmp_path: Path) -> Snapshot:
    return chat_snapshot(tmp_path, TEXT)


def read(snap: Snapshot, question: str) -> QuestionReading:
    return read_chat(snap, question)


def test_aside_needs_a_question_of_its_own() -> None:
    assert aside_indexes([0, 1, 4, 5, 6], {4, 5, 6, 7}) == {0, 1}
    # The asking clause keeps too few words: the other clause names what is asked about.
    assert aside_indexes([0, 1, 4, 5], {4, 5, 6}) == set()
    assert aside_indexes([0, 1], set()) == set()


def test_a_word_also_asked_is_not_aside() -> None:
    stems = aside_stems(["klagomål", "ekonomin"], "klagomål ekonomin klagomål budget")
    assert stems == frozenset(stem_tokens("ekonomin"))


def test_aside_words_weigh_less_in_coverage() -> None:
    groups = [(set(stem_tokens(w)), set()) for w in ("ekonomin", "utmaningar", "budget")]
    text = "Enhetens utmaningar för en budget i balans ligger på beroendedelen."
    present = set(stem_tokens(text))
    plain = stem_coverage(groups, present, lambda _s: 1.0)
    assert abs(plain - 2 / 3) < 1e-9
    with weighing(aside_weights(stem_tokens("ekonomin"))):
        weighed = stem_coverage(groups, present, lambda _s: 1.0)
        assert abs(weighed - 2 / (2 + ASIDE_WEIGHT)) < 1e-9
        assert aside_share(stem_tokens("ekonomin")) == ASIDE_WEIGHT
        assert coverage({*stem_tokens("ekonomin"), *stem_tokens("budget")}, text) == 1 / (1 + ASIDE_WEIGHT)
    # Outside the block every word counts in full again.
    assert stem_coverage(groups, present, lambda _s: 1.0) == plain
    assert aside_share(stem_tokens("ekonomin")) == 1.0


def test_sant_points_back() -> None:
    text = "jag kan typ inget om ipads, hur ska jag kunna hjälpa brukarna med sånt?"
    toks = tokenize(text)
    assert asks_back(text, [(t.start, t.end) for t in toks], [t.f for t in toks], set())


def test_words_of_the_documents_in_a_telling_clause_stay_beside(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    reading = read(
        snap,
        "hejsan. jag läser in mig på unga som utsätts för hedersrelaterat våld. "
        "vilken åldersgrupp ska vi testa nya arbetssätt med?",
    )
    topic = reading.topic.split()
    # The telling clause names what is asked about: its words of the plans stay, beside.
    assert "hedersrelaterat" in topic and "åldersgrupp" in topic
    assert "hedersrelaterat" in reading.aside and "åldersgrupp" not in reading.aside


def test_a_question_that_points_back_keeps_the_clause_before_in_full(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    reading = read(snap, "klienter som lämnar klagomål på chefen – hur återkopplar vi till dom egentligen?")
    assert "klagomål" in reading.topic.split()
    assert reading.aside == []


def test_an_everyday_word_beside_the_question_weighs_least() -> None:
    weights = aside_weights(["jobb", "hedersvåld"], lambda s: 0.5 if s == "jobb" else 1.0)
    assert weights == {"jobb": ASIDE_WEIGHT * 0.5, "hedersvåld": ASIDE_WEIGHT}
