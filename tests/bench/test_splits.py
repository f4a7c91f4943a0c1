"""The tune/holdout split rule: deterministic, stratified, blind to the question text."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest

from bench.evaluation import EvalQuestion, load_questions
from bench.splits import Split, SplitChoice, assign_splits, select, stratum, write_splits

DOCS = ["000_a.txt", "001_b.txt", "002_c.txt"]
CATEGORIES = ["indicator", "goal", "routine"]


def make(i: int, category: str, source: str | list[str] | None, text: str = "Vad är målet?") -> EvalQuestion:
    return EvalQuestion(id=f"q-{i:03d}", category=category, question=text, source=source)


def questions() -> list[EvalQuestion]:
    qs = [make(i, CATEGORIES[i % 3], DOCS[(i // 3) % 3]) for i in range(90)]
    qs += [make(100 + i, "unanswerable", None) for i in range(7)]
    qs += [make(200 + i, "ambiguous", [DOCS[0], DOCS[1]]) for i in range(5)]
    return qs


def test_same_questions_in_any_order_get_the_same_split() -> None:
    qs = questions()
    first = assign_splits(qs, 0.4)
    shuffled = qs[:]
    random.Random(7).shuffle(shuffled)
    assert assign_splits(shuffled, 0.4) == first
    assert assign_splits(qs, 0.4) == first


def test_every_stratum_keeps_at_least_the_holdout_share() -> None:
    qs = questions()
    splits = assign_splits(qs, 0.4)
    strata: dict[tuple[str, str], list[Split]] = {}
    for q in qs:
        strata.setdefault(stratum(q), []).append(splits[q.id])
    assert len(strata) == 3 * 3 + 2  # category × document, plus unanswerable and the ambiguous pair
    for members in strata.values():
        assert members.count(Split.HOLDOUT) == math.ceil(0.4 * len(members))
    held = sum(1 for s in splits.values() if s is Split.HOLDOUT)
    assert held >= 0.4 * len(qs)


def test_split_ignores_the_question_text_and_answers() -> None:
    """Rewording a question (say, after seeing it fail) cannot move it between the parts."""
    qs = questions()
    reworded = [
        q.model_copy(update={"question": "helt annan formulering", "answer_facts": ["1"]}) for q in qs
    ]
    assert assign_splits(reworded, 0.4) == assign_splits(qs, 0.4)


def test_share_and_ids_are_checked() -> None:
    with pytest.raises(ValueError, match="share"):
        assign_splits(questions(), 1.5)
    with pytest.raises(ValueError, match="duplicate"):
        assign_splits([make(1, "goal", None), make(1, "goal", None)], 0.4)


def test_write_splits_sets_the_field_and_keeps_everything_else(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    lines = [
        {"id": "a", "category": "goal", "question": "Mål?", "source": DOCS[0], "answer_facts": ["Å 5 %"]},
        {"id": "b", "category": "followup", "turns": ["x?", "och y?"], "source": DOCS[0]},
    ]
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    path.write_text("# kommentar\n" + body, encoding="utf-8")
    written = write_splits(path, 0.5)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# kommentar\n") and '"turns": ["x?", "och y?"]' in text and "Å 5 %" in text
    assert {q.id: q.split for q in load_questions(path)} == written
    assert write_splits(path, 0.5) == written  # idempotent


def test_select_picks_a_recorded_split() -> None:
    qs = [
        make(1, "goal", None).model_copy(update={"split": Split.TUNE}),
        make(2, "goal", None).model_copy(update={"split": Split.HOLDOUT}),
    ]
    assert [q.id for q in select(qs, SplitChoice.TUNE)] == ["q-001"]
    assert [q.id for q in select(qs, SplitChoice.HOLDOUT)] == ["q-002"]
    assert select(qs, SplitChoice.ALL) == qs
