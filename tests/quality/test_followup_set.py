"""The follow-up conversation set is well formed and every answer in it is in the documents.

No model and no data directory: the JSONL file and the sample texts only (as for the
staff-style set), so a drifting fact or a conversation moved between tune and holdout by hand
fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.evaluation import EvalQuestion, QuestionKind, fact_in, load_questions, normalise
from bench.splits import STAFF_STYLE_HOLDOUT_SHARE, Split, assign_splits
from tests.quality.sample_texts import SAMPLES, rows_around, sample_text

FOLLOWUP_SET = Path(__file__).with_name("followup_questions.jsonl")


@pytest.fixture(scope="module")
def questions() -> list[EvalQuestion]:
    return load_questions(FOLLOWUP_SET)


def test_forty_or_more_conversations_of_two_or_three_turns(questions: list[EvalQuestion]) -> None:
    assert len(questions) >= 40
    assert len({q.id for q in questions}) == len(questions)
    samples = {p.name for p in SAMPLES.iterdir()}
    for q in questions:
        assert q.category == "followup" and q.kind is QuestionKind.ANSWERABLE, q.id
        assert 1 <= len(q.context) <= 2, f"{q.id}: two or three turns"
        assert isinstance(q.source, str) and q.source in samples, q.id
        assert q.answer_facts and isinstance(q.evidence, str), q.id
    assert {q.source for q in questions} == samples  # every sample document is talked about


def test_evidence_is_verbatim_and_facts_are_in_it(questions: list[EvalQuestion]) -> None:
    problems: list[str] = []
    for q in questions:
        text = sample_text(q.single_source or "")
        evidence = q.evidence_texts[0]
        if evidence not in text:
            problems.append(f"{q.id}: evidence not verbatim in {q.source}: {evidence!r}")
            continue
        # A fact lies on the evidence's rows or just after it (the next activity of a goal, a
        # sentence continued after a page break).
        start = text.index(evidence)
        near = normalise(rows_around(text, evidence) + " " + text[start : start + len(evidence) + 300])
        problems += [
            f"{q.id}: fact {f!r} not near its evidence" for f in q.answer_facts if not fact_in(f, near)
        ]
    assert not problems, "\n".join(problems)


def test_recorded_split_is_half_and_follows_the_hash_rule(questions: list[EvalQuestion]) -> None:
    expected = assign_splits(questions, STAFF_STYLE_HOLDOUT_SHARE)
    moved = [q.id for q in questions if q.split != expected[q.id]]
    fix = f"python -m bench.splits {FOLLOWUP_SET} {STAFF_STYLE_HOLDOUT_SHARE}"
    assert not moved, f"split differs from the hash rule ({fix}): {moved}"
    assert sum(1 for q in questions if q.split is Split.HOLDOUT) >= STAFF_STYLE_HOLDOUT_SHARE * len(questions)
