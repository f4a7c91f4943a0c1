"""The unseen-document question set is well formed and every answer is in its fixture.

The set asks about two documents the parser was not written for (tests/fixtures/unseen/):
questions about document A are the `tune` split (misses may be looked at while fixing the
parser), questions about document B are the `holdout` split (written before any fix, only
measured). No model and no data directory: this reads the JSONL file and the fixtures only.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bench.evaluation import EvalQuestion, QuestionKind, fact_in, load_questions, normalise
from bench.splits import Split

HERE = Path(__file__).resolve().parent
UNSEEN_SET = HERE / "unseen_questions.jsonl"
FIXTURES = HERE.parent / "fixtures" / "unseen"
# One document per split: the split says which document a question is about.
SPLIT_OF = {
    "vp2024_vuxenenheten_skarpnack.txt": Split.TUNE,
    "ku2022_barn_och_unga_farsta.txt": Split.HOLDOUT,
}
# Flattened tables put a row's cells on the lines after its name: a fact may lie a few
# lines from its evidence.
NEAR_LINES = 4
COUNT_CATEGORY = "count"
MIN_PER_DOCUMENT = 25
NEGATIVES_PER_DOCUMENT = 3


@cache
def fixture_text(name: str) -> str:
    """The text of one unseen fixture document."""
    return (FIXTURES / name).read_text(encoding="utf-8")


def lines_near(text: str, evidence: str, spread: int = NEAR_LINES) -> str:
    """The lines the evidence lies on plus `spread` lines before and after it."""
    start = text.index(evidence)
    first_line = text.count("\n", 0, start)
    last_line = text.count("\n", 0, start + len(evidence))
    lines = text.split("\n")
    return "\n".join(lines[max(0, first_line - spread) : last_line + spread + 1])


@pytest.fixture(scope="module")
def questions() -> list[EvalQuestion]:
    return load_questions(UNSEEN_SET)


def test_ids_sources_and_sizes(questions: list[EvalQuestion]) -> None:
    assert len({q.id for q in questions}) == len(questions)
    assert all(q.id.startswith("un-") for q in questions)
    # The folder also holds fixtures of other sets (more/ku.jsonl, more/unseen2.jsonl).
    assert set(SPLIT_OF) <= {p.name for p in FIXTURES.glob("*.txt")}
    for split in (Split.TUNE, Split.HOLDOUT):
        part = [q for q in questions if q.split is split]
        assert len(part) >= MIN_PER_DOCUMENT, split
        assert sum(q.category == "negative" for q in part) == NEGATIVES_PER_DOCUMENT, split


def test_each_question_is_about_its_splits_document(questions: list[EvalQuestion]) -> None:
    for q in questions:
        if q.category == "negative":
            assert q.kind is QuestionKind.UNANSWERABLE, q.id
            assert not q.answer_facts and q.source is None and q.evidence is None, q.id
            assert q.split in (Split.TUNE, Split.HOLDOUT), q.id
            continue
        assert q.kind is QuestionKind.ANSWERABLE and isinstance(q.source, str), q.id
        assert isinstance(q.evidence, str) and q.answer_facts, q.id
        assert SPLIT_OF[q.source] is q.split, f"{q.id}: {q.source} belongs to {SPLIT_OF[q.source]}"


def test_evidence_is_verbatim_and_facts_are_near_it(questions: list[EvalQuestion]) -> None:
    problems: list[str] = []
    for q in questions:
        for source, evidence in zip(q.sources, q.evidence_texts, strict=True):
            text = fixture_text(source)
            if evidence not in text:
                problems.append(f"{q.id}: evidence not verbatim in {source}: {evidence!r}")
                continue
            if q.category == COUNT_CATEGORY:
                continue
            near = normalise(lines_near(text, evidence))
            missing = [fact for fact in q.answer_facts if not fact_in(fact, near)]
            problems += [f"{q.id}: fact {fact!r} not near its evidence" for fact in missing]
    assert not problems, "\n".join(problems)


def test_lines_near_reaches_a_flattened_row() -> None:
    text = "Indikator\nÅrsmål\nAndel X\n80 %\nTertial\nAnnat"
    assert lines_near(text, "Andel X", spread=2) == "Indikator\nÅrsmål\nAndel X\n80 %\nTertial"
