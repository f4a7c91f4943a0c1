"""Example questions for the welcome, `hjälp` and the web chat's start page.

Examples are built from what is ingested and each one is asked once before it is
shown: an example that gets "Vilken enhet menar du?" or no citation is worse than none.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence

from bot.runner import ServiceRunner
from bot.texts import DocumentLike, short_unit, units_by_name
from knowledge.answer import Answer

logger = logging.getLogger(__name__)

MAX_EXAMPLES = 3
# Kinds that do not show what Planbot can do: a question back, nothing found, help text.
UNANSWERED_KINDS = {"clarify", "not_found", "invalid", "help", "declined"}


def candidate_questions(documents: Sequence[DocumentLike]) -> list[str]:
    """Questions worth trying, most telling first, alternating between units.

    Args:
        documents: What is ingested.

    Returns:
        Candidate questions naming real units and years (none without documents).
    """
    grouped = list(units_by_name(documents).items())
    per_kind: list[list[str]] = [[], [], []]
    for name, (_, years) in grouped:
        unit = short_unit(name)
        year = f" {years[-1]}" if years else ""
        per_kind[0].append(f"Vilka mål har {unit}{f' för{year}' if year else ''}?")
        per_kind[1].append(f"Vilka indikatorer följer {unit} upp{year}?")
        per_kind[2].append(f"Vilka aktiviteter planerar {unit}{year}?")
    # One question of each kind, each about another unit where there are several.
    candidates: list[str] = []
    for offset in range(max(len(grouped), 1)):
        for kind, questions in enumerate(per_kind):
            if questions:
                candidates.append(questions[(kind + offset) % len(questions)])
    candidates += ["Vad är årsmålet för sjukfrånvaro?", "Vad betyder FUT?"]
    return list(dict.fromkeys(candidates))


def is_answered(answer: Answer) -> bool:
    """True when an answer shows Planbot at work: an answer with at least one citation."""
    return answer.kind not in UNANSWERED_KINDS and bool(answer.citations)


def checked_examples(
    documents: Sequence[DocumentLike], ask: Callable[[str], Answer], limit: int = MAX_EXAMPLES
) -> list[str]:
    """The first `limit` candidates that are answered with a citation.

    Args:
        documents: What is ingested.
        ask: Answers one question in a fresh conversation (blocking).
        limit: How many examples to return.

    Returns:
        Checked examples; fewer than `limit` (or none) when not enough are answered.
    """
    examples: list[str] = []
    for question in candidate_questions(documents):
        try:
            answered = is_answered(ask(question))
        except Exception:
            logger.warning("Example question failed: %s", question, exc_info=True)
            answered = False
        if answered:
            examples.append(question)
        else:
            logger.info("Example not answered, not shown: %s", question)
        if len(examples) >= limit:
            break
    return examples


class ExampleQuestions:
    """Checked examples, recomputed when the set of ingested documents changes."""

    def __init__(self) -> None:
        """Start with nothing checked."""
        self._key: tuple[str, ...] | None = None
        self._examples: list[str] = []
        self._lock = asyncio.Lock()

    async def get(self, runner: ServiceRunner) -> list[str]:
        """The examples for the current documents (empty while the service starts).

        Args:
            runner: Runs the service's blocking calls.

        Returns:
            Up to `MAX_EXAMPLES` questions that are answered with a citation.
        """
        if not runner.ready:
            return []
        documents = await runner.run(runner.service.documents)
        key = tuple(sorted(f"{d.source}:{d.unit}:{d.year}" for d in documents))
        async with self._lock:
            if key != self._key:
                self._examples = await runner.run(
                    checked_examples, documents, lambda q: runner.service.answer(q, None)
                )
                self._key = key
                logger.info("Example questions: %s", self._examples)
            return list(self._examples)
