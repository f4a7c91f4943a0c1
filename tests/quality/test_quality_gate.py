"""Quality gate: the development question set over the ingested samples, at the level reached.

The gates are the level the project has reached: the measured level rounded down by a point,
and at least the target where the target is met. Raise a gate when the project improves;
lowering one needs a reason in the commit message.
`planbot eval tests/quality/dev_questions.jsonl --today 2023-06-15` prints the same figures
with every miss.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.evaluation import EvalReport, QuestionResult, load_questions, run_questions
from knowledge.service import KnowledgeService

# Targets (the issue's): right source cited first, every expected fact shown, every unanswerable declined.
TARGET_SOURCE_FIRST = 0.95
TARGET_FACTS = 0.90
TARGET_DECLINED = 1.00

# Gates: the level reached, measured 2026-11-22 17:35 over the samples (source first 96.9 % =
# 124/128, facts 95.3 % = 122/128, declined 12/12), rounded down by a point and never below the
# target. Raise them as the project improves.
GATE_SOURCE_FIRST = 0.95
GATE_FACTS = 0.94
GATE_DECLINED = 1.00

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
    """The dev set answered once over the session's ingested samples."""
    return run_questions(knowledge_service.answer, load_questions(DEV_SET))


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
    assert rate.total, f"no dev question applies to {metric}"
    assert rate.value >= gate, (
        f"{metric} {rate.percent()} fell below the gate {gate:.0%} (target {target:.0%}). Misses:\n"
        + _misses(report, metric)
    )


def test_right_source_cited_first(report: EvalReport) -> None:
    _check(report, "source_first", GATE_SOURCE_FIRST, TARGET_SOURCE_FIRST)


def test_every_expected_fact_shown(report: EvalReport) -> None:
    _check(report, "facts", GATE_FACTS, TARGET_FACTS)


def test_unanswerable_questions_declined(report: EvalReport) -> None:
    _check(report, "declined", GATE_DECLINED, TARGET_DECLINED)


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
