"""Quality gate: the HOLDOUT part of the development question set over the ingested samples.

The dev set is split into a tune part (which rules, weights and cut-offs may be fit on) and a
holdout part (never used to fit or to choose anything) by a stratified hash of the question
ids (bench/splits.py; the split is recorded on every line). The gate checks the holdout only,
so it measures how the code does on questions it was not tuned on.

The gates sit a little below the level measured on the holdout with the current code; raise a
gate when the project improves, lowering one needs a reason in the commit message.
`planbot eval tests/quality/dev_questions.jsonl --split holdout --today 2023-06-15` prints
the same figures with every miss (docs/quality.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.evaluation import EvalReport, QuestionResult, load_questions, run_questions
from bench.splits import DEV_HOLDOUT_SHARE, Split, SplitChoice, assign_splits, select
from knowledge.service import KnowledgeService

# Targets (the issue's): right source cited first, every expected fact shown, every unanswerable
# declined, 3 of 4 ambiguous clarified.
TARGET_SOURCE_FIRST = 0.95
TARGET_FACTS = 0.90
TARGET_DECLINED = 1.00
TARGET_CLARIFIED = 0.75

# Gates on the holdout (72 of 152 questions), measured 2026-11-29 over the samples with the
# code of commit e700d66: source first 96.8 % (60/62), facts 93.5 % (58/62), declined 5/5,
# clarified 5/5. Each gate is a little below the measured level (one or two questions).
GATE_SOURCE_FIRST = 0.95
GATE_FACTS = 0.92
GATE_DECLINED = 1.00
GATE_CLARIFIED = 0.80

DEV_SET = Path(__file__).with_name("dev_questions.jsonl")
SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
CATEGORIES = {
    "indicator",
    "goal",
    "activity",
    "abbreviation",
    "routine",
    "outcome",
    "organisation",
    "general",
    "followup",
    "ambiguous",
    "unanswerable",
}

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def report(knowledge_service: KnowledgeService) -> EvalReport:
    """The dev set's holdout answered once over the session's ingested samples."""
    return run_questions(knowledge_service.answer, select(load_questions(DEV_SET), SplitChoice.HOLDOUT))


def _misses(report: EvalReport, metric: str) -> str:
    failed: list[QuestionResult] = [r for r in report.results if getattr(r, metric) is False]
    lines = [
        f"  {r.id}: {r.question!r} -> kind={r.kind}, cited={r.cited_sources[:3]}"
        + (f", missing={r.missing_facts}" if r.missing_facts else "")
        for r in failed
    ]
    return "\n".join(lines)


def _check(report: EvalReport, metric: str, gate: float, target: float) -> None:
    rate = getattr(report.overall, metric)
    assert rate.total, f"no holdout question applies to {metric}"
    assert rate.value >= gate, (
        f"holdout {metric} {rate.percent()} fell below the gate {gate:.0%} (target {target:.0%}). Misses:\n"
        + _misses(report, metric)
    )


def test_right_source_cited_first(report: EvalReport) -> None:
    _check(report, "source_first", GATE_SOURCE_FIRST, TARGET_SOURCE_FIRST)


def test_every_expected_fact_shown(report: EvalReport) -> None:
    _check(report, "facts", GATE_FACTS, TARGET_FACTS)


def test_unanswerable_questions_declined(report: EvalReport) -> None:
    _check(report, "declined", GATE_DECLINED, TARGET_DECLINED)


def test_ambiguous_questions_clarified(report: EvalReport) -> None:
    _check(report, "ambiguous", GATE_CLARIFIED, TARGET_CLARIFIED)


def test_recorded_split_follows_the_hash_rule() -> None:
    """Nobody moved a question between tune and holdout by hand (say, a failing one)."""
    questions = load_questions(DEV_SET)
    expected = assign_splits(questions, DEV_HOLDOUT_SHARE)
    moved = [q.id for q in questions if q.split != expected[q.id]]
    assert not moved, f"split differs from the hash rule (run: python -m bench.splits {DEV_SET} 0.4): {moved}"
    held = sum(1 for q in questions if q.split is Split.HOLDOUT)
    assert held >= DEV_HOLDOUT_SHARE * len(questions)


def test_dev_set_is_well_formed() -> None:
    lines = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = load_questions(DEV_SET)
    assert len(questions) == len(lines)
    assert len({q.id for q in questions}) == len(questions), "ids must be unique"
    samples = {p.name for p in SAMPLES.iterdir()}
    for q in questions:
        assert q.category in CATEGORIES, q.id
        assert q.source is None or q.source in samples, f"{q.id}: unknown source {q.source}"
        if q.category == "unanswerable":
            assert not q.answer_facts and q.source is None, q.id
        elif q.category != "ambiguous":
            assert q.answer_facts or q.evidence, f"{q.id}: nothing to check"
