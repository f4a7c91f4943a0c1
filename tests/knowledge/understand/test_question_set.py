"""The development question set is well formed, and reading it stays fast."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from tests.knowledge.understand.samples import DEV, SAMPLES

# ---------------------------------------------------------------- the development question set

CATEGORIES = {
    "indicator",
    "goal",
    "activity",
    "routine",
    "organisation",
    "abbreviation",
    "outcome",
    "general",
    "ambiguous",
    "unanswerable",
    "followup",
}
MINIMUM = {
    "indicator": 30,
    "goal": 15,
    "activity": 12,
    "abbreviation": 8,
    "outcome": 6,
    "ambiguous": 10,
    "unanswerable": 10,
    "followup": 6,
}


def _dev_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_dev_questions_parse_and_ids_are_unique() -> None:
    rows = _dev_rows()
    assert len(rows) >= 120
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert {"id", "category", "question", "answer_facts", "source", "evidence"} <= r.keys(), r
        assert r["category"] in CATEGORIES, r
        assert isinstance(r["question"], str) and r["question"].strip(), r
        assert isinstance(r["answer_facts"], list) and all(
            isinstance(f, str) and f for f in r["answer_facts"]
        )


def test_dev_question_categories_are_spread() -> None:
    counts = Counter(r["category"] for r in _dev_rows())
    for category, minimum in MINIMUM.items():
        assert counts[category] >= minimum, (category, counts[category])
    assert counts["routine"] + counts["organisation"] >= 12


def test_dev_evidence_is_an_exact_substring_of_its_source() -> None:
    texts: dict[str, str] = {}
    for r in _dev_rows():
        if r["category"] in ("ambiguous", "unanswerable"):
            assert r["source"] is None and r["evidence"] is None, r["id"]
            if r["category"] == "unanswerable":
                assert r["answer_facts"] == [], r["id"]
            continue
        source = texts.setdefault(r["source"], (SAMPLES / r["source"]).read_text(encoding="utf-8"))
        assert r["evidence"] and r["evidence"] in source, r["id"]
        for fact in r["answer_facts"]:
            assert fact in source, (r["id"], fact)


def test_dev_follow_ups_carry_their_conversation() -> None:
    for r in _dev_rows():
        if r["category"] == "followup":
            assert r.get("context") and all(isinstance(c, str) and c for c in r["context"]), r["id"]
