"""Extractive answering helpers."""

from __future__ import annotations

from knowledge.retrieval.extract import best_sentences, group_coverage
from knowledge.textnorm import query_groups


def _idf(stem: str) -> float:
    return 1.0


def test_a_verb_in_the_question_meets_its_noun_in_the_text() -> None:
    groups = query_groups("återkoppla klagomål")
    text = "Vi har rutiner för att hantera klagomål och ger återkoppling senast inom två veckor."
    # "återkoppla" stems to aterkoppl, "återkoppling" to aterkoppling: same family, partial credit.
    assert 0.8 < group_coverage(groups, text, _idf) < 1.0
    assert group_coverage(groups, "Klagomål diarieförs.", _idf) == 0.5
    # Short stems are not stretched: "mål" must not meet "målgrupp".
    assert group_coverage(query_groups("mål"), "Målgruppen är vuxna.", _idf) == 0.0


def test_best_sentences_quote_the_passage_verbatim() -> None:
    passage = (
        "Enheten har 55 medarbetare. Alla klagomål dokumenteras, behandlas på arbetsplatsträff och "
        "diarieförs. Återkoppling ges alltid till den som lämnat synpunkten."
    )
    picked = best_sentences(passage, "klagomål diarieförs")
    assert picked[0] == "Alla klagomål dokumenteras, behandlas på arbetsplatsträff och diarieförs."
    assert all(p in passage for p in picked)


def test_a_procedure_is_read_on_from_where_it_starts() -> None:
    passage = (
        "Då enheten får in synpunkter och klagomål kommuniceras de snarast med den som lämnat dem. "
        "Alla klagomål dokumenteras och diarieförs. "
        "Återkoppling ges alltid. "
        "Efter att klagomål och synpunkter har åtgärdats följer enhetschefen upp."
    )
    picked = best_sentences(passage, "klagomål synpunkter", procedure=True)
    # The first sentence naming the topic opens the routine; the next steps follow in order,
    # also "Återkoppling ges alltid." which does not repeat the topic.
    assert picked == [
        "Då enheten får in synpunkter och klagomål kommuniceras de snarast med den som lämnat dem.",
        "Alla klagomål dokumenteras och diarieförs.",
        "Återkoppling ges alltid.",
    ]
    # Without procedure the shortest best sentence leads, with its matching neighbours.
    assert best_sentences(passage, "klagomål synpunkter")[-1].startswith("Efter att klagomål")
