"""The goal chain for newcomers: the chain of the goal the question is about, and its own words.

Hand-built plans (tests/indicators/plans.py) in a real SQLite catalog; no model.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indicators.models import GoalLevel
from knowledge.answer import AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.support import foreign_word
from knowledge.answers.vocabulary import chain_answer, is_chain_word
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.selection import select_documents
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, chunks_for, goal, plan

TODAY = dt.date(2023, 6, 15)


def _chain(prefix: str, kf: str, namnd: str, enhet: str) -> list:  # type: ignore[type-arg]
    top = goal(f"{prefix}1", kf, GoalLevel.KF_MAL)
    middle = goal(f"{prefix}2", namnd, GoalLevel.NAMNDMAL).model_copy(update={"parent_key": top.key})
    own = goal(f"{prefix}3", enhet).model_copy(update={"parent_key": middle.key})
    return [top, middle, own]


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("chain")) / "planbot.sqlite3")
    eb = plan(
        "eb-2023.txt",
        UNIT,
        2023,
        [],
        goals=[
            *_chain(
                "a", "Stockholm har en budget i balans", "Nämnden håller budget", "Prognosen är rättvisande"
            ),
            *_chain(
                "b",
                "I Stockholm är människor självförsörjande",
                "Invånarna är självförsörjande",
                "Klienterna når egen försörjning",
            ),
        ],
    )
    saa = plan("saa-2020.txt", OTHER_UNIT, 2020, [], district="Farsta")
    catalog.replace_document(eb, chunks=chunks_for(eb), path=None)
    other = Chunk(
        id="saa-s0",
        source="saa-2020.txt",
        kind=ChunkKind.SECTION,
        text="Målkedjan beskrivs i nämndens plan.",
        breadcrumb="saa-2020.txt › Inledning",
    )
    catalog.replace_document(saa, chunks=[*chunks_for(saa), other], path=None)
    return Snapshot.load(catalog)


def _ask(snap: Snapshot, question: str) -> Ask:
    reading = read_question(question, snap.metas, TODAY)
    return Ask(snap, reading, select_documents(snap, reading).sources, TODAY, lambda kind: {})


def test_the_chain_of_the_goal_asked_about_is_the_example(snap: Snapshot) -> None:
    ask = _ask(
        snap, "vilket KF-mål hör nämndmålet om självförsörjning till? ek bistånd, fattar inte målkedjan"
    )
    answer = chain_answer(ask)
    assert answer.kind is AnswerKind.GOAL
    assert "Invånarna är självförsörjande" in answer.answer
    assert "Prognosen är rättvisande" not in answer.answer


def test_without_a_goal_named_the_first_chain_is_the_example(snap: Snapshot) -> None:
    answer = chain_answer(_ask(snap, "hur hänger målen ihop på enheten för ekonomiskt bistånd?"))
    assert "Prognosen är rättvisande" in answer.answer
    assert "Invånarna är självförsörjande" not in answer.answer


def test_the_chain_word_is_not_taken_for_another_plans_term(snap: Snapshot) -> None:
    # Only the other plan says "målkedjan"; the chain answer cites the asker's plan and explains it.
    assert is_chain_word("målkedjan") and is_chain_word("malstrukturen") and not is_chain_word("mål")
    ask = _ask(snap, "hur ser målkedjan ut för ekonomiskt bistånd?")
    answer = chain_answer(ask)
    assert {c.source for c in answer.citations} == {"eb-2023.txt"}
    assert foreign_word(snap, ask.reading, answer) is None
