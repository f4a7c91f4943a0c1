"""Deterministic tune/holdout split of evaluation questions (pure but `write_splits`).

Each question file records its split on every line (`"split": "tune"` or `"holdout"`), and
`assign_splits` is the rule that produced it, so a test can check that nobody moved a
question by hand (for instance a failing one out of the holdout).

The rule: group the questions into strata by category and source document(s); inside a
stratum, order them by the SHA-256 of their id and put the first ``ceil(share * n)`` in the
holdout. Ceiling per stratum keeps every stratum (even one of a single question) at or above
the holdout share, and the hash makes the choice independent of what the question asks or of
whether Planbot answers it.

`python -m bench.splits FILE SHARE` writes the `split` field of every line of a question file
(the only way the field should change; a new question may move others of its stratum).
"""

from __future__ import annotations

import enum
import hashlib
import json
import math
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol, TypeVar


class Split(enum.StrEnum):
    """Which part of a question file a question belongs to."""

    TUNE = "tune"
    HOLDOUT = "holdout"


class SplitChoice(enum.StrEnum):
    """What `planbot eval --split` selects."""

    TUNE = "tune"
    HOLDOUT = "holdout"
    ALL = "all"


# The dev set keeps 40 % (at least) for the gate; the staff-style set is split half and half.
DEV_HOLDOUT_SHARE = 0.4
STAFF_STYLE_HOLDOUT_SHARE = 0.5


class Stratifiable(Protocol):
    """What the split rule reads from a question."""

    @property
    def id(self) -> str: ...

    @property
    def category(self) -> str: ...

    @property
    def sources(self) -> list[str]: ...


def id_hash(question_id: str) -> str:
    """The hex SHA-256 of a question id (the order inside a stratum)."""
    return hashlib.sha256(question_id.encode("utf-8")).hexdigest()


def stratum(question: Stratifiable) -> tuple[str, str]:
    """The stratum of a question: its category and its sorted source documents ('' for none)."""
    return question.category, "+".join(sorted(question.sources))


def assign_splits(questions: Iterable[Stratifiable], holdout_share: float) -> dict[str, Split]:
    """The split of each question id under the stratified hash rule (see module doc).

    Args:
        questions: Questions with unique ids.
        holdout_share: The least share of each stratum that goes to the holdout (0..1).

    Returns:
        Question id -> split.

    Raises:
        ValueError: On a duplicate id or a share outside [0, 1].
    """
    if not 0.0 <= holdout_share <= 1.0:
        raise ValueError(f"holdout share must be within [0, 1], not {holdout_share}")
    strata: dict[tuple[str, str], list[str]] = {}
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise ValueError(f"duplicate question id {q.id!r}")
        seen.add(q.id)
        strata.setdefault(stratum(q), []).append(q.id)
    splits: dict[str, Split] = {}
    for ids in strata.values():
        ordered = sorted(ids, key=id_hash)
        cut = math.ceil(holdout_share * len(ordered))
        for position, qid in enumerate(ordered):
            splits[qid] = Split.HOLDOUT if position < cut else Split.TUNE
    return splits


S = TypeVar("S", bound=Stratifiable)


def select(questions: Sequence[S], choice: SplitChoice) -> list[S]:
    """The questions whose recorded `split` matches `choice` (all of them for ``ALL``)."""
    if choice is SplitChoice.ALL:
        return list(questions)
    return [q for q in questions if getattr(q, "split", None) == choice.value]


def write_splits(path: Path, holdout_share: float) -> dict[str, Split]:
    """Set the `split` field of every question line of a JSONL file by the hash rule.

    Lines keep their order and their other fields; blank and `#` lines are kept as they are.

    Args:
        path: The question file (either format of bench.evaluation).
        holdout_share: The least holdout share of each stratum.

    Returns:
        Question id -> split, as written.
    """
    from bench.evaluation import EvalQuestion  # bench.evaluation imports this module

    lines = path.read_text(encoding="utf-8").splitlines()
    parsed: dict[int, dict[str, object]] = {}
    questions: list[EvalQuestion] = []
    for number, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            parsed[number] = json.loads(line)
            questions.append(EvalQuestion.model_validate(parsed[number]))
    splits = assign_splits(questions, holdout_share)
    for number, data in parsed.items():
        data["split"] = splits[str(data["id"])].value
        lines[number] = json.dumps(data, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return splits


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    target, share = Path(sys.argv[1]), float(sys.argv[2])
    written = write_splits(target, share)
    held = sum(1 for s in written.values() if s is Split.HOLDOUT)
    print(f"{target}: {held} of {len(written)} questions in the holdout ({held / len(written):.0%})")
