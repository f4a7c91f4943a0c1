"""The bundled sample documents as text, for the question-set tests' evidence checks."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"


@cache
def sample_text(name: str) -> str:
    """The text of one sample document."""
    return (SAMPLES / name).read_text(encoding="utf-8")


def rows_around(text: str, evidence: str) -> str:
    """The whole lines of `text` the evidence lies on (a table row for a cell)."""
    start = text.index(evidence)
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", start + len(evidence))
    return text[first : last if last != -1 else len(text)]
