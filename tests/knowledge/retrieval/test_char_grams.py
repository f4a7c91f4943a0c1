"""Character n-gram overlap between a question's topic and sentences (retrieval/char_grams.py)."""

from __future__ import annotations

import pytest

from knowledge.retrieval.char_grams import GramIndex, fold, grams, overlaps
from knowledge.retrieval.quote_features import FEATURES, feature_rows


def test_pieces_are_taken_inside_padded_words_on_folded_text() -> None:
    pieces = grams("Sjukfrånvaron")
    assert " sj" in pieces and "ron " in pieces and "franv" in pieces
    assert not any("å" in p for p in pieces)
    assert fold("Örnberg är") == "ornberg ar"
    # Figures are left to the number features.
    assert grams("2023") == frozenset()


def test_another_form_of_a_word_meets_the_sentence_that_holds_it() -> None:
    parts = [
        "Kontinuerlig uppföljning görs månadsvis av enhetens samtliga placeringar.",
        "Enheten arbetar med motiverande samtal i alla klientmöten.",
        "Medarbetarna har handledning varannan vecka.",
    ]
    # "placerade" is not "placeringar" to a stemmer, but shares most of its letters.
    values = overlaps("placerade", parts)
    assert values[0] == max(values) and values[0] > values[2]
    # A compound joined in the plan and split in the question ("kommit överens" /
    # "samverkansöverenskommelse"), written without å/ä/ö.
    parts = [
        "En gång per kvartal säkerställa att samverkansöverenskommelse med Jobbtorg följs.",
        "Gemensam ärendedragning sker en gång i månaden med Arbetsförmedlingen.",
    ]
    values = overlaps("kommit overens", parts)
    assert values[0] > values[1]


def test_pieces_every_sentence_has_count_less() -> None:
    parts = ["Enheten har en enhetschef.", "Enheten har en brukarrådsgrupp.", "Enheten har ett kontor."]
    # "enheten" is in all three; "brukarråd" decides.
    values = overlaps("enheten brukarrad", parts)
    assert values[1] > values[0] and values[1] > values[2]
    assert overlaps("", parts) == [0.0, 0.0, 0.0] and overlaps("brukare", []) == []


def test_the_sentence_features_carry_the_overlap_and_its_share_of_the_best() -> None:
    parts = ["Vi går igenom placeringarna varje månad.", "Vi har ett gott bemötande."]
    rows = feature_rows(parts, "placerade", "hur ofta kollar vi de placerade?")
    chars = [r[FEATURES.index("chars")] for r in rows]
    rel = [r[FEATURES.index("chars_rel")] for r in rows]
    assert chars[0] > chars[1] and rel[0] == 1.0 and rel[1] < 1.0


def test_the_index_of_a_documents_chunks_gives_the_same_overlaps() -> None:
    texts = [
        "Kontinuerlig uppföljning görs månadsvis av enhetens samtliga placeringar.",
        "Enheten arbetar med motiverande samtal i alla klientmöten.",
        "Medarbetarna har handledning varannan vecka.",
    ]
    index = GramIndex(texts)
    for topic in ("placerade klienter", "handledning", "xyzzy", ""):
        assert index.overlaps(topic) == pytest.approx(overlaps(topic, texts))
    assert GramIndex([]).overlaps("placerade") == []
