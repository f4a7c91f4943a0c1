"""An abbreviation no document defines or describes is declined, not quoted where it is used.

Hand-built plans (tests/indicators/plans.py) with prose chunks, in a real SQLite catalog; no model.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answers.undefined_term import undefined_term
from knowledge.models import Chunk, ChunkKind
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import read_question
from tests.indicators.plans import UNIT, chunks_for, plan

TODAY = dt.date(2023, 6, 15)
USED = "Internkontroller görs årligen, detta gäller vid såväl FUT och RUT."


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    catalog = Catalog(Path(tmp_path_factory.mktemp("undefined")) / "planbot.sqlite3")
    eb = plan("eb-2023.txt", UNIT, 2023, [])
    texts = [
        USED,
        "Enheten arbetar med felaktiga utbetalningar (FUT).",
        "”Våld i nära relationer skolan” (VINR-SKOLAN) erbjuder kurser för yrkesverksamma.",
    ]
    prose = [
        Chunk(
            id=f"eb-s{i}", source="eb-2023.txt", kind=ChunkKind.SECTION, text=t, breadcrumb="eb › Arbetssätt"
        )
        for i, t in enumerate(texts)
    ]
    catalog.replace_document(eb, chunks=[*chunks_for(eb), *prose], path=None)
    return Snapshot.load(catalog)


def _quoting(text: str) -> Answer:
    citation = Citation(n=1, source="eb-2023.txt", title="VP", section="eb › Arbetssätt", quote=text)
    return Answer(answer=f"Enligt VP:\n\n{text} [1]", kind=AnswerKind.PASSAGES, citations=[citation])


def _undefined(snap: Snapshot, question: str, answer: Answer) -> str | None:
    return undefined_term(snap, read_question(question, snap.metas, TODAY), answer)


def test_a_term_only_mentioned_is_undefined(snap: Snapshot) -> None:
    assert _undefined(snap, "vad står RUT för?", _quoting(USED)) == "RUT"


def test_a_defined_or_described_term_is_not(snap: Snapshot) -> None:
    assert _undefined(snap, "vad står FUT för?", _quoting(USED)) is None, "defined in brackets"
    assert _undefined(snap, "vad är VINR-skolan?", _quoting(USED)) is None, "a sentence describes it"


def test_only_meaning_questions_answered_by_quoted_mentions(snap: Snapshot) -> None:
    assert _undefined(snap, "när görs internkontrollerna?", _quoting(USED)) is None, "not a meaning question"
    declined = Answer(answer="Jag hittar inget svar.", kind=AnswerKind.NOT_FOUND)
    assert _undefined(snap, "vad står RUT för?", declined) is None, "already declined"
