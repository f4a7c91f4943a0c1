"""The staff-style question set is well formed and every answer in it is in the documents.

No model and no data directory: this reads the JSONL file and the sample texts only, so a
fact or evidence string that drifts from the document (or a question moved between tune and
holdout by hand) fails here rather than as a mysterious quality miss.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.evaluation import EvalQuestion, QuestionKind, fact_in, load_questions, normalise
from bench.splits import STAFF_STYLE_HOLDOUT_SHARE, Split, assign_splits
from tests.quality.sample_texts import SAMPLES, rows_around, sample_text

STAFF_STYLE_SET = Path(__file__).with_name("staff_style_questions.jsonl")
CATEGORIES = {
    "colloquial",
    "noaccent",
    "shorthand",
    "synonym",
    "list",
    "count",
    "date",
    "newcomer",
    "routine",
    "outcome",
    "crossyear",
    "followup",
    "negative",
    "ambiguous",
}
# Count facts are the number of rows or items counted: they need not be written in the text.
COUNT_CATEGORY = "count"


@pytest.fixture(scope="module")
def questions() -> list[EvalQuestion]:
    return load_questions(STAFF_STYLE_SET)


def test_set_size_ids_and_categories(questions: list[EvalQuestion]) -> None:
    assert len(questions) >= 220
    assert len({q.id for q in questions}) == len(questions)
    assert {q.category for q in questions} == CATEGORIES
    samples = {p.name for p in SAMPLES.iterdir()}
    for q in questions:
        assert set(q.sources) <= samples, f"{q.id}: unknown source {q.sources}"


def test_each_kind_has_the_right_shape(questions: list[EvalQuestion]) -> None:
    for q in questions:
        if q.category == "negative":
            assert q.kind is QuestionKind.UNANSWERABLE
            assert not q.answer_facts and q.source is None and q.evidence is None, q.id
        elif q.category == "ambiguous":
            assert q.kind is QuestionKind.AMBIGUOUS and isinstance(q.source, list), q.id
            assert isinstance(q.evidence, list) and len(q.evidence) == len(q.source), q.id
            assert len(q.source) >= 2 and q.answer_facts, q.id
        else:
            assert q.kind is QuestionKind.ANSWERABLE and isinstance(q.source, str), q.id
            assert isinstance(q.evidence, str) and q.answer_facts, q.id
        if q.category == "followup":
            assert q.context, f"{q.id}: a follow-up needs earlier turns"


def test_evidence_is_verbatim_and_facts_are_in_it(questions: list[EvalQuestion]) -> None:
    problems: list[str] = []
    for q in questions:
        rows = []
        for source, evidence in zip(q.sources, q.evidence_texts, strict=True):
            text = sample_text(source)
            if evidence not in text:
                problems.append(f"{q.id}: evidence not verbatim in {source}: {evidence!r}")
                continue
            rows.append(normalise(rows_around(text, evidence)))
        if q.category == COUNT_CATEGORY or len(rows) != len(q.sources):
            continue
        for fact in q.answer_facts:
            if not any(fact_in(fact, row) for row in rows):
                problems.append(f"{q.id}: fact {fact!r} not in its evidence or table row")
    assert not problems, "\n".join(problems)


def test_recorded_split_is_half_and_follows_the_hash_rule(questions: list[EvalQuestion]) -> None:
    expected = assign_splits(questions, STAFF_STYLE_HOLDOUT_SHARE)
    moved = [q.id for q in questions if q.split != expected[q.id]]
    fix = f"python -m bench.splits {STAFF_STYLE_SET} {STAFF_STYLE_HOLDOUT_SHARE}"
    assert not moved, f"split differs from the hash rule ({fix}): {moved}"
    held = sum(1 for q in questions if q.split is Split.HOLDOUT)
    assert held >= STAFF_STYLE_HOLDOUT_SHARE * len(questions)
