"""The asker's own role is context, not topic (`clauses.asker_roles`, `QuestionReading.about_asker`).

Staff open with who they are: "Jag började nyss som boendestödjare, …", "hej, jag är ny
socialsekreterare på …", "jobbar som handläggare sen i måndags, …". The role says who asks; a
question about the role itself ("vad gör en boendestödjare?") or about the asker's own duties
("hur ofta ska jag …?") keeps it. The messages are made up in the style of Teams chat.
"""

from __future__ import annotations

import pytest

from knowledge.understand.clauses import asker_roles, context_tokens
from knowledge.understand.mentions import tokenize
from tests.knowledge.understand.samples import read


def _roles(message: str) -> list[str]:
    toks = tokenize(message)
    idx = asker_roles(message, [(t.start, t.end) for t in toks], [t.f for t in toks], set())
    return [toks[k].raw for k in sorted(idx)]


@pytest.mark.parametrize(
    ("message", "role"),
    [
        ("Jag började nyss som boendestödjare, hur många brukare har vi?", "boendestödjare"),
        ("hej, jag är ny socialsekreterare på enheten. vilka lagar styr arbetet?", "socialsekreterare"),
        ("jobbar som handläggare sen i måndags, hur många ärenden har enheten?", "handläggare"),
        ("Jag är nyanställd gruppledare, vad är målet för ekonomin?", "gruppledare"),
    ],
)
def test_a_first_person_clause_with_a_role_names_the_askers_role(message: str, role: str) -> None:
    assert _roles(message) == [role]


@pytest.mark.parametrize(
    "message",
    [
        # The role is what is asked about, in the question itself or in any form.
        "vad gör en boendestödjare?",
        "vem är samordnare på enheten?",
        "jag är ny boendestödjare, vad gör en boendestödjare?",
        "Jag är nybliven chef, finns det utvecklingsprogram för chefer?",
        # The asking clause asks about the asker: the role is whose duties are asked about.
        "Jag är ny som enhetschef, hur ofta ska jag stämma av med arbetskonsulenterna?",
        # Someone else's role, or no role after "som"/"ny"/"är".
        "min chef sa att vi ska ha enhetsdag, när blir den?",
        "jag pratade med en socialsekreterare, vad gäller för hembesök?",
        # No clause asks: the whole message is the question.
        "jag är ny socialsekreterare",
    ],
)
def test_a_role_asked_about_or_not_the_askers_is_kept(message: str) -> None:
    assert _roles(message) == []


def test_a_pronoun_pointing_back_keeps_the_askers_role_as_context() -> None:
    # "det" points at the situation told, never at who the asker is.
    message = "Jag började nyss som boendestödjare. Vi har en brukare som vill flytta, hur gör vi det?"
    toks = tokenize(message)
    told = context_tokens(message, [(t.start, t.end) for t in toks], [t.f for t in toks], set())
    assert {toks[k].raw for k in told} == {"Jag", "började", "nyss", "som", "boendestödjare"}


def test_the_reading_leaves_the_askers_role_out_of_the_topic() -> None:
    reading = read("Hej, jag är ny socialsekreterare här. Hur många ärenden har enheten i januari?")
    assert reading.about_asker == ["socialsekreterare"]
    assert "socialsekreterare" not in reading.topic.split()
    assert "ärenden" in reading.topic.split()
    about = read("vad gör en socialsekreterare på enheten?")
    assert about.about_asker == [] and "socialsekreterare" in about.topic.split()
