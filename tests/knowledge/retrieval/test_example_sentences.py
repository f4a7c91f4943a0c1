"""Example sentences belong to the sentence before them (knowledge/retrieval/example_sentences.py).

Hand-written sentences and passages; the shipped sentence model scores the quotes.
"""

from __future__ import annotations

from knowledge.retrieval.example_sentences import gives_example, parse
from knowledge.retrieval.extract import best_sentences


def test_openers_are_read_at_the_start_of_a_sentence_only() -> None:
    assert gives_example("Exempelvis jobbar vi med att sammanfatta mötet.")
    assert gives_example("Ett konkret exempel är klienternas egna mål.")
    assert gives_example("- Bland annat har Nätverket datasal utvärdering av insatsen.")
    assert gives_example("Till exempel: smileyfigurer i skattningsskalor.")
    # Inside a sentence, or a noun of the same family, is no opener.
    assert not gives_example("Vi har exempelvis kort skriftlig information.")
    assert not gives_example("Exemplet visar hur vi arbetar.")
    assert not gives_example("Till sist följs planen upp.")


def test_parse_skips_comments_and_tries_longer_openers_first() -> None:
    table = parse("# a comment\n\nett exempel\nett exempel pa detta\tnote\nSom Exempel\n")
    assert table[0] == ("ett", "exempel", "pa", "detta")
    assert set(table) == {("ett", "exempel"), ("ett", "exempel", "pa", "detta"), ("som", "exempel")}
    assert gives_example("Som exempel kan nämnas tolk.", table)
    assert not gives_example("Exempelvis tolk.", table)  # not in this table


PASSAGE = (
    "En del av våra klienter har neuropsykiatriska funktionsnedsättningar. "
    "Dessa personer kan ha svårt att ta till sig muntlig information. "
    "För att anpassa vårt bemötande har flera medarbetare utbildning kring att möta dem. "
    "Exempelvis ger vi kort skriftlig information efter mötena."
)


def test_the_example_after_the_quote_is_quoted_with_it() -> None:
    picked = best_sentences(PASSAGE, "svårt muntlig information anpassa", question="hur anpassar vi oss?")
    assert any("anpassa vårt bemötande" in p for p in picked)
    assert "Exempelvis ger vi kort skriftlig information efter mötena." in picked


def test_an_example_in_a_new_paragraph_is_not_read() -> None:
    passage = PASSAGE.replace(" Exempelvis", "\n\nExempelvis")
    picked = best_sentences(passage, "svårt muntlig information anpassa", question="hur anpassar vi oss?")
    assert any("anpassa vårt bemötande" in p for p in picked)
    assert not any(p.startswith("Exempelvis") for p in picked)
