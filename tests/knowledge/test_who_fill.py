"""A "who" question is answered by a sentence naming a role, not by a weak person hint."""

from __future__ import annotations

from knowledge.retrieval.extract import best_sentences
from knowledge.retrieval.who_fill import answers_asked, names_who
from knowledge.understand.answer_types import AnswerType

WHO = frozenset({AnswerType.PERSON})


def test_a_role_word_names_who_and_an_acronym_does_not() -> None:
    assert names_who("Arbetet leds av den hälsocoach som arbetar på Kravatten.")
    assert names_who("Enheten har en Introduktionsansvarig.")
    assert names_who("Ansvarig: Biträdande enhetschef")
    # OCR text without å/ä/ö is read folded.
    assert names_who("Bitradande enhetschef har det operativa ansvaret.")
    assert not names_who("Samarbetet med Älvsjö SDF ska undersökas.")
    assert not names_who("Alla medarbetare går utbildningen.")


def test_answers_asked_needs_a_role_for_who_and_a_filler_for_the_rest() -> None:
    assert not answers_asked(WHO, "Frågan tas upp på APT.")
    assert answers_asked(WHO, "Frågan tas upp av gruppledaren.")
    both = frozenset({AnswerType.PERSON, AnswerType.FREQUENCY})
    # "vem … och hur ofta": a sentence with the frequency holds part of the answer.
    assert answers_asked(both, "Placeringarna gås igenom månadsvis.")
    assert not answers_asked(frozenset({AnswerType.FREQUENCY}), "Frågan tas upp av gruppledaren.")


def test_a_who_quote_reads_on_past_a_weak_hint_to_the_role() -> None:
    # The acronym "SDF" next to the topic sentence is a weak person hint: it must not stand in for
    # the role, which the paragraph names two sentences on.
    passage = (
        "En översyn av lokalerna har påbörjats. "
        "Samordning och samarbete med motsvarande verksamhet inom Älvsjö SDF ska undersökas.\n\n"
        "Vi kommer att fortsätta att utveckla det hälsoarbete med brukarna som vi påbörjat. "
        "Forskning har visat att fysisk träning leder till förbättrad psykisk hälsa. "
        "Detta arbete pågår över hela enheten och leds av den hälsocoach som arbetar på Kravatten."
    )
    question = "vem håller i träningen och hälsoarbetet med brukarna?"
    picked = best_sentences(passage, "håller träningen hälsoarbetet brukarna klient", question=question)
    assert any("leds av den hälsocoach" in p for p in picked)
    assert not any("Älvsjö SDF" in p for p in picked)
