"""A task's "Ansvarig: …" line is quoted with the task (knowledge/retrieval/extract.py `owned`)."""

from __future__ import annotations

from knowledge.retrieval.extract import best_sentences, owned

FOLLOW_UP = (
    "Uppföljning\n\n"
    "En gång per månad görs kretsgenomgång för att uppmärksamma att bedömningsinstrumenten har använts. "
    "Ansvarig: Biträdande enhetschef\n\n"
    "En gång per kvartal säkerställs att samverkansöverenskommelsen med Jobbtorg och Arbetsförmedling följs. "
    "Ansvarig: Biträdande enhetschef team 1 och 2.\n\n"
    "Andelen personer med ekonomiskt bistånd redovisas i verksamhetsberättelsen. Ansvarig: Enhetschef."
)


def test_a_quoted_task_takes_the_line_naming_its_owner() -> None:
    picked = best_sentences(
        FOLLOW_UP,
        "samverkansöverenskommelsen jobbtorg arbetsförmedling",
        limit=1,
        question="hur ofta kollas samverkansöverenskommelsen med jobbtorg och arbetsförmedling?",
    )
    assert any("samverkansöverenskommelsen" in p for p in picked)
    assert "Ansvarig: Biträdande enhetschef team 1 och 2." in picked
    assert "Ansvarig: Enhetschef." not in picked  # another task's owner


def test_an_owner_line_alone_takes_the_task_it_owns_and_nothing_else() -> None:
    parts = [
        "Uppföljning",
        "Uppföljning görs månatligen av chef och kontroller.",
        "Ansvarig: Enhetschef och kontroller.",
    ]
    assert sorted(owned(parts, [2], lambda i: True)) == [1, 2]
    # A sentence with no owner line after it is left as it is.
    assert owned(
        ["Kostnaderna följs upp varje månad.", "Budgeten läggs i november."], [0], lambda i: True
    ) == [0]
    # The length limit still holds: an owner line that does not fit is left out.
    assert owned(parts, [1], lambda i: False) == [1]
