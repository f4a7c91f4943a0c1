"""Newcomer answers about the unit's parts and roles (answers/overview.py, answers/roles.py).

One hand-built plan with an introduction in a real SQLite catalog; no model. The introduction names a
part of the unit ("Beroendedelen"), lists its roles as labelled lines and says what one role does in a
sentence that opens with the role.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answer import AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.overview import overview_answer
from knowledge.answers.roles import role_answer, role_list
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.selection import select_documents
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import chunks_for, plan

TODAY = dt.date(2023, 6, 15)
EB = "eb-2023.txt"
# A unit named after its parts: the reading takes "beroendedelen" for the unit's name.
UNIT = "Enheten för ekonomiskt bistånd och beroende"


def _section(n: int, heading: str, text: str) -> Chunk:
    return Chunk(
        id=f"{EB}-s{n}", source=EB, kind=ChunkKind.SECTION, text=text, breadcrumb=f"{EB} › {heading}"
    )


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("parts")) / "planbot.sqlite3")
    eb = plan(EB, UNIT, 2023, [])
    catalog.replace_document(
        eb,
        chunks=[
            _section(
                1,
                "Inledning › Enhetens uppdrag",
                "Enhetens primära målgrupper är invånare med beroendeproblematik eller utan försörjning. "
                "Beroendedelens målgrupp är vuxna individer med spelmissbruk.",
            ),
            _section(
                2,
                "Inledning › Medarbetare och organisation",
                "Enheten leds av en enhetschef med stöd av två team.\n\nRoller:\n\n"
                "e Socialsekreterare: motiverar och ger stöd till klienter.\n"
                "Ekonomihandläggare: administrerar och verkställer beslut.\n"
                "Enhetschef: Anna Andersson\n"
                "Bolots: Ger stöd till bostadslösa.",
            ),
            _section(
                3,
                "Inledning › Vanliga termer",
                "APT: arbetsplatsträff\nMI: motiverande samtal\nIB: initial bedömning",
            ),
            _section(
                4,
                "Övrigt › Kvalitetsarbete",
                "Enheten är lärande. Verksamhetsplaneraren går igenom alla avvikelser varje månad.",
            ),
            _section(
                5,
                "Ledarskap › Delaktighet",
                "Uppföljningar är viktiga för att nå målen. Våra möten visar hur vi arbetar med vårt "
                "viktigaste mål, att klienterna ska bli självförsörjande.",
            ),
            *chunks_for(eb),
        ],
        path=None,
    )
    return Snapshot.load(catalog)


def _ask(snap: Snapshot, question: str) -> Ask:
    reading = read_question(question, snap.metas, TODAY)
    return Ask(snap, reading, select_documents(snap, reading).sources, TODAY, lambda kind: {})


def test_a_part_the_question_names_gets_its_own_sentence(snap: Snapshot) -> None:
    answer = overview_answer(_ask(snap, "hej, ny på beroendedelen – vilka klienter jobbar vi med?"))
    assert answer is not None and answer.kind is AnswerKind.OVERVIEW
    assert answer.citations[0].quote == "Beroendedelens målgrupp är vuxna individer med spelmissbruk."


def test_the_roles_question_gets_the_documents_labelled_role_lines(snap: Snapshot) -> None:
    answer = overview_answer(_ask(snap, f"jag är ny, vilka yrkesroller finns på {UNIT}?"))
    assert answer is not None
    assert "- Socialsekreterare: motiverar och ger stöd till klienter." in answer.answer
    assert "- Bolots: Ger stöd till bostadslösa." in answer.answer
    assert "Anna Andersson" not in answer.answer, "a line naming a person says who, not what"
    assert "arbetsplatsträff" not in answer.answer, "acronym lines are a glossary, not roles"
    assert answer.citations[-1].quote.startswith("Socialsekreterare:")


def test_fewer_than_three_labelled_lines_are_no_list_of_roles(snap: Snapshot) -> None:
    found = role_list(snap, EB)
    assert found is not None and found[0].id == f"{EB}-s2"


def test_a_role_is_answered_from_a_sentence_that_opens_with_it(snap: Snapshot) -> None:
    answer = role_answer(_ask(snap, f"vad gör verksamhetsplaneraren på {UNIT}?"))
    assert answer is not None
    assert answer.citations[0].quote == "Verksamhetsplaneraren går igenom alla avvikelser varje månad."
    assert role_answer(_ask(snap, f"vad gör enhetschefen på {UNIT}?")) is None, "'Enheten är …' is no role"


def test_an_aspect_the_introduction_does_not_state_is_taken_where_the_unit_states_it(snap: Snapshot) -> None:
    answer = overview_answer(_ask(snap, f"vilket är vårt viktigaste mål på {UNIT}?"))
    assert answer is not None
    assert answer.citations[0].quote.endswith("vårt viktigaste mål, att klienterna ska bli självförsörjande.")
    assert "viktiga för att" not in answer.answer, "another form of the cue word is another word"
