"""Fillers stated about the question's subject (knowledge/retrieval/subject_binding.py)."""

from __future__ import annotations

from knowledge.retrieval.extract import best_sentences, bound_scores, sentence_scores, sentences
from knowledge.retrieval.fillers import filler_spans
from knowledge.retrieval.quote_features import feature_rows
from knowledge.retrieval.subject_binding import UNBOUND, binding, subject_stems
from knowledge.textnorm import fold
from knowledge.understand.answer_types import AnswerType, asked_types

T = AnswerType

# Both sentences name Hägergruppen and hold a place; only the first says where it lies.
ABOUT = "Hägergruppen, som ligger i Fruängen, arbetar med hantverk, målning och keramik."
BESIDE = (
    "Verksamheten har tillsammans med träfflokalerna och Hägergruppen en mindre buss "
    "som används för resorna till Mariefred."
)
PASSAGE = (
    "Droppen producerar och säljer olika varor beroende på årstid. "
    + BESIDE
    + " Café Droppen är ett café som sköts av brukarna. "
    + ABOUT
    + " Hägergruppen gör utflykter varje månad."
)


def test_a_place_next_to_the_subject_is_bound_and_one_in_another_clause_is_not() -> None:
    asked = asked_types("var ligger hägergruppen?")
    subject = subject_stems("hägergruppen")
    about = binding(asked, ABOUT, subject)
    assert about.kind is T.PLACE and about.strength == 1.0 and 0 <= about.gap <= 2
    assert binding(asked, BESIDE, subject) == UNBOUND


def test_a_frequency_is_bound_to_the_subject_it_follows() -> None:
    asked = asked_types("hur ofta har teamen samråd?")
    bound = binding(asked, "Varje vecka har teamen samråd där de hjälps åt.", subject_stems("teamen samråd"))
    assert bound.kind is T.FREQUENCY and bound.strength == 1.0


def test_without_the_subject_or_an_asked_type_nothing_is_bound() -> None:
    subject = subject_stems("hägergruppen")
    assert binding(asked_types("var ligger hägergruppen?"), "Tora ligger i Örnberg.", subject) == UNBOUND
    # "vad gör …" asks a method: "genom", "via" link any two clauses, so methods are not bound.
    method = asked_types("hur gör hägergruppen sina utflykter?")
    assert T.METHOD in method
    assert binding(method, "Hägergruppen reser genom att ta bussen.", subject) == UNBOUND


def test_the_subject_word_itself_is_no_answer_about_it() -> None:
    # "enhetschefen" is both the subject and a role: the sentence names no other role near it
    # ("ansvarar" is a vague filler, not bound).
    asked = asked_types("vem hjälper enhetschefen?")
    subject = subject_stems("hjälper enhetschefen")
    assert binding(asked, "Enhetschefen ansvarar för budgeten.", subject) == UNBOUND


def test_the_questions_own_fillers_are_not_its_subject() -> None:
    subject = subject_stems("kollar varje månad bedömningsverktygen")
    assert "bedomningsverktyg" in subject
    assert not any(s.startswith("manad") for s in subject)


def test_filler_spans_point_at_the_filler_and_skip_counts_inside_a_frequency() -> None:
    sentence = "Styrgruppen träffas två gånger per termin i Fruängen."
    spans = filler_spans(sentence)
    folded = fold(sentence)
    assert any(k is T.FREQUENCY and "per termin" in folded[a:b] for k, _, a, b in spans)
    assert any(k is T.PLACE and folded[a:b].endswith("fruangen") for k, _, a, b in spans)
    assert not any(k is T.COUNT and folded[a:b] == "tva" for k, _, a, b in spans)


def test_bound_scores_add_the_binding_only_where_a_type_is_asked() -> None:
    parts = sentences(PASSAGE)
    rows = feature_rows(parts, "hägergruppen", "var ligger hägergruppen?")
    base = sentence_scores(rows)
    bound = bound_scores(parts, rows, "hägergruppen", "var ligger hägergruppen?")
    about = parts.index(ABOUT)
    assert bound[about] > base[about]
    assert bound[parts.index(BESIDE)] == base[parts.index(BESIDE)]
    plain = feature_rows(parts, "hägergruppen", "berätta om hägergruppen")
    assert bound_scores(parts, plain, "hägergruppen", "berätta om hägergruppen") == sentence_scores(plain)


def test_the_quote_is_the_sentence_that_says_where_the_subject_lies() -> None:
    picked = best_sentences(PASSAGE, "hägergruppen", limit=1, question="hagergruppen var ligger den?")
    assert picked and "Fruängen" in picked[0]
