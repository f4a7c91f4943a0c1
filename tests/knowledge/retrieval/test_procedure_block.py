"""A routine's step block is quoted whole (knowledge/retrieval/procedure_block.py)."""

from __future__ import annotations

from knowledge.retrieval.extract import best_sentences, sentences
from knowledge.retrieval.procedure_block import is_step, step_block

ROUTINE = (
    "Rutinen gäller alla anmälningar som kommer in till mottagningen.\n"
    "Steg 1: Anmälan registreras i systemet samma dag som den kommer in.\n"
    "Steg 2: Handläggaren gör en första bedömning inom 24 timmar.\n"
    "Steg 3: Vid akut fara kontaktas biträdande enhetschef direkt.\n"
    "Steg 4: Bedömningen avslutas inom 14 dagar med ett beslut.\n"
    "Ansvar: Samordnaren fördelar anmälningarna varje morgon och ansvarar för att skydds-\n"
    "bedömningen görs i tid.\n\n"
    "Resultat och verksamhetsutveckling\n\n"
    "Under året kom 19 klagomål in."
)


def test_steps_are_recognised() -> None:
    assert is_step("Steg 2: Handläggaren gör en bedömning.")
    assert is_step("3. Enhetschefen lämnar ett skriftligt svar.")
    assert is_step("- Flerpartsmöten för uppföljning")
    assert not is_step("Stegvis införs ett nytt arbetssätt.")


def test_block_spans_scope_steps_and_responsibility() -> None:
    parts = sentences(ROUTINE)
    block = [parts[i] for i in step_block(parts, 2, whole=True)]
    assert block[0].startswith("Rutinen gäller")
    assert [b[:6] for b in block[1:5]] == ["Steg 1", "Steg 2", "Steg 3", "Steg 4"]
    assert block[5].startswith("Ansvar:")
    assert block[-1].endswith("bedömningen görs i tid.")  # the wrapped rest is part of the line
    assert "Under året kom 19 klagomål in." not in block


def test_no_block_for_prose() -> None:
    parts = sentences("Vi har en rutin för klagomål. Alla klagomål dokumenteras. Återkoppling ges alltid.")
    assert step_block(parts, 0) == []


def test_procedure_quotes_every_step() -> None:
    # Read on from the best sentence for three sentences, the deadline in step 4 and the
    # responsibility line were cut off; the whole block is the routine.
    picked = best_sentences(ROUTINE, "anmälan registreras", procedure=True)
    text = " ".join(picked)
    assert "Steg 4: Bedömningen avslutas inom 14 dagar" in text
    assert "Ansvar: Samordnaren" in text
    assert "19 klagomål" not in text


def test_whole_procedure_reads_prose_further() -> None:
    prose = (
        "Om brukaren inte öppnar ringer boendestödjaren brukaren direkt. Svarar brukaren inte "
        "försöker boendestödjaren igen efter 30 minuter. Om brukaren fortfarande inte går att nå "
        "kontaktas samordnaren. Vid misstanke om att brukaren är sjuk ringer boendestödjaren 112. "
        "Händelsen dokumenteras i journalen samma dag."
    )
    three = best_sentences(prose, "brukaren öppnar", procedure=True)
    whole = best_sentences(prose, "brukaren öppnar", procedure=True, whole=True)
    assert len(three) == 3
    assert whole[-1] == "Händelsen dokumenteras i journalen samma dag."


def test_a_numbered_step_keeps_its_number() -> None:
    # The "1." at the start of a line is not a sentence end: the step stays one numbered item,
    # so the block of steps is found; a number ending a sentence still ends it.
    text = (
        "Rutinen gäller alla.\n\n1. Den som tar emot synpunkten registrerar den. Samma dag.\n"
        "2. Gruppledaren ringer."
    )
    assert sentences(text) == [
        "Rutinen gäller alla.",
        "1. Den som tar emot synpunkten registrerar den.",
        "Samma dag.",
        "2. Gruppledaren ringer.",
    ]
    assert sentences("Vi började 2. Sedan kom fler.") == ["Vi började 2.", "Sedan kom fler."]
