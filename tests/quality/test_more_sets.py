"""Every question set in tests/quality/more/ is well formed and its answers are in the documents.

The sets in `more/` were written in session 5 (2026-11-30), one file per area, each from the
documents only and before the code that answers them. Same rules as the staff-style set: no
model and no data directory, evidence verbatim in its sample (or unseen fixture: `ku.jsonl` asks
about `tests/fixtures/unseen/ku2021_boendestodsenheten_bromma.md`), facts near their evidence, and
the recorded split follows the hash rule (`python -m bench.splits FILE 0.5`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.evaluation import EvalQuestion, QuestionKind, fact_in, load_questions, normalise
from bench.splits import STAFF_STYLE_HOLDOUT_SHARE, assign_splits
from tests.quality.sample_texts import document_names, rows_around, sample_text
from tests.quality.test_staff_style_set import CATEGORIES, COUNT_CATEGORY

MORE = Path(__file__).with_name("more")
SETS = sorted(MORE.glob("*.jsonl"))


def test_there_are_sets() -> None:
    assert SETS, f"no question sets in {MORE}"


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_set_is_well_formed(path: Path) -> None:
    questions = load_questions(path)
    assert len(questions) >= 20, f"{path.name}: a set holds at least 20 questions"
    assert len({q.id for q in questions}) == len(questions), f"{path.name}: ids repeat"
    samples = document_names()
    for q in questions:
        assert q.category in CATEGORIES, f"{q.id}: unknown category {q.category}"
        assert set(q.sources) <= samples, f"{q.id}: unknown source {q.sources}"
        if q.category == "negative":
            assert q.kind is QuestionKind.UNANSWERABLE and not q.answer_facts, q.id
        elif q.category == "ambiguous":
            assert q.kind is QuestionKind.AMBIGUOUS and len(q.sources) >= 2, q.id
        else:
            assert q.kind is QuestionKind.ANSWERABLE and q.answer_facts, q.id
        if q.category == "followup":
            assert q.context, f"{q.id}: a follow-up needs earlier turns"


def _facts_missing(q: EvalQuestion) -> list[str]:
    problems: list[str] = []
    near: list[str] = []
    for source, evidence in zip(q.sources, q.evidence_texts, strict=True):
        text = sample_text(source)
        if evidence not in text:
            return [f"{q.id}: evidence not verbatim in {source}: {evidence!r}"]
        start = text.index(evidence)
        near.append(normalise(rows_around(text, evidence) + " " + text[start : start + len(evidence) + 300]))
    if q.category == COUNT_CATEGORY:
        return problems
    for fact in q.answer_facts:
        if not any(fact_in(fact, row) for row in near):
            problems.append(f"{q.id}: fact {fact!r} not near its evidence")
    return problems


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_evidence_is_verbatim_and_facts_are_near_it(path: Path) -> None:
    problems = [p for q in load_questions(path) for p in _facts_missing(q)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_recorded_split_follows_the_hash_rule(path: Path) -> None:
    questions = load_questions(path)
    expected = assign_splits(questions, STAFF_STYLE_HOLDOUT_SHARE)
    moved = [q.id for q in questions if q.split != expected[q.id]]
    fix = f"python -m bench.splits {path} {STAFF_STYLE_HOLDOUT_SHARE}"
    assert not moved, f"split differs from the hash rule ({fix}): {moved}"
