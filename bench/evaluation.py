"""Quality metrics of answers against the development question set (pure, no I/O but `load_questions`).

Each dev-set line says what a right answer contains: the source document, a piece of
evidence text and the facts (numbers, names, phrases) that must appear. The metrics are:

- ``source_top3`` / ``source_first``: the expected source among the first three citations / first.
- ``evidence``: the expected evidence appears in the answer text or in a cited quote. Texts are
  folded (case, å/ä/ö and OCR stand-ins, whitespace, Markdown emphasis, ``[n]`` markers) and the
  evidence counts as found when it is inside the answer, when a quote is inside the evidence or
  the evidence inside a quote, or when they share at least 60 % of the shorter one's words.
- ``facts``: every ``answer_fact`` appears in the answer text or a quote (same folding; a second
  try ignores all whitespace, so "5,2 %" meets "5,2%" and "1 050" meets "1050").
- ``declined``: unanswerable questions answered with ``kind == "not_found"``.
- ``ambiguous``: ambiguous questions answered with ``kind == "clarify"`` or with every fact shown.
- ``answered``: answerable questions not declined or bounced back (false declines lower it).

Ambiguous and unanswerable questions are scored only on their own metric; a metric that does
not apply to a question is ``None`` and left out of its rate.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field, computed_field

from knowledge.answer import Answer, ConversationContext
from knowledge.textnorm import fold

# The date the dev set's relative questions ("i år") assume; tests/conftest.py uses the same.
DEV_SET_TODAY = dt.date(2023, 6, 15)
UNANSWERABLE = "unanswerable"
AMBIGUOUS = "ambiguous"
DECLINED_KIND = "not_found"
CLARIFY_KIND = "clarify"
EVIDENCE_WORD_SHARE = 0.6

_MARKER = re.compile(r"\[\d+\]")
_MARKUP = re.compile(r"[*_`#>]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_ELLIPSIS = ("…", "...")


class DevQuestion(BaseModel):
    """One line of the development question set."""

    id: str
    category: str
    question: str
    answer_facts: list[str] = []
    source: str | None = None
    evidence: str | None = None
    context: list[str] = Field(default=[], description="Earlier questions of the same conversation.")


class QuestionResult(BaseModel):
    """How one answer scored; a metric is None when it does not apply to the question."""

    id: str
    category: str
    question: str
    kind: str
    ms: float = Field(description="Latency of the question itself (context turns excluded).")
    cited_sources: list[str] = []
    source_top3: bool | None = None
    source_first: bool | None = None
    evidence: bool | None = None
    facts: bool | None = None
    missing_facts: list[str] = []
    declined: bool | None = None
    ambiguous: bool | None = None
    answered: bool | None = None


class Rate(BaseModel):
    """Hits over the questions a metric applies to."""

    hits: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        """The share of hits, or None when no question applies."""
        return self.hits / self.total if self.total else None

    def percent(self) -> str:
        """'93.3 % (14/15)', or '–' when nothing applies."""
        v = self.value
        return "–" if v is None else f"{100 * v:.1f} % ({self.hits}/{self.total})"


class MetricSummary(BaseModel):
    """Rates and latencies over a group of questions."""

    questions: int
    source_top3: Rate
    source_first: Rate
    evidence: Rate
    facts: Rate
    declined: Rate
    ambiguous: Rate
    answered: Rate
    p50_ms: float
    p95_ms: float


class EvalReport(BaseModel):
    """The whole evaluation: overall, per category, and each question's result."""

    overall: MetricSummary
    by_category: dict[str, MetricSummary]
    results: list[QuestionResult]


METRICS = ("source_top3", "source_first", "evidence", "facts", "declined", "ambiguous", "answered")


def load_questions(path: Path) -> list[DevQuestion]:
    """Read a JSONL question file (blank lines and `#` comments are skipped).

    Raises:
        ValueError: On an invalid line, naming the file and line number.
    """
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            questions.append(DevQuestion.model_validate(json.loads(line)))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: invalid question line ({exc})") from exc
    return questions


def normalise(text: str) -> str:
    """Fold case and Swedish letters, drop `[n]` markers and Markdown emphasis, collapse whitespace."""
    text = _MARKUP.sub("", _MARKER.sub(" ", fold(text)))
    return _SPACE.sub(" ", text).strip()


def _strip_ellipsis(text: str) -> str:
    text = text.strip()
    for e in _ELLIPSIS:
        text = text.removeprefix(e).removesuffix(e)
    return text.strip()


def _contains(haystack: str, needle: str) -> bool:
    """Normalised containment, then again with all whitespace removed."""
    if not needle:
        return False
    return needle in haystack or needle.replace(" ", "") in haystack.replace(" ", "")


def evidence_matches(evidence: str, answer: Answer) -> bool:
    """True when the evidence text is in the answer or matches a cited quote (see module doc)."""
    ev = normalise(evidence)
    if not ev:
        return False
    if _contains(normalise(answer.answer), ev):
        return True
    ev_words = set(_WORD.findall(ev))
    for citation in answer.citations:
        quote = normalise(_strip_ellipsis(citation.quote))
        if not quote:
            continue
        if quote in ev or ev in quote:
            return True
        q_words = set(_WORD.findall(quote))
        shorter = min(len(q_words), len(ev_words))
        if shorter and len(q_words & ev_words) / shorter >= EVIDENCE_WORD_SHARE:
            return True
    return False


def missing_facts(facts: Sequence[str], answer: Answer) -> list[str]:
    """The expected facts that appear neither in the answer text nor in any quote."""
    haystack = " \n ".join([normalise(answer.answer), *(normalise(c.quote) for c in answer.citations)])
    return [f for f in facts if not _contains(haystack, normalise(f))]


def score_answer(question: DevQuestion, answer: Answer, ms: float) -> QuestionResult:
    """Score one answer against its dev-set line.

    Args:
        question: The dev-set line.
        answer: What Planbot answered.
        ms: Latency of the question, in milliseconds.

    Returns:
        The per-metric outcome (None where a metric does not apply).
    """
    cited = [c.source for c in answer.citations]
    result = QuestionResult(
        id=question.id,
        category=question.category,
        question=question.question,
        kind=answer.kind,
        ms=ms,
        cited_sources=cited,
    )
    missing = missing_facts(question.answer_facts, answer)
    if question.category == UNANSWERABLE:
        result.declined = answer.kind == DECLINED_KIND
        return result
    if question.category == AMBIGUOUS:
        result.ambiguous = answer.kind == CLARIFY_KIND or (bool(question.answer_facts) and not missing)
        return result
    if question.source:
        result.source_top3 = question.source in cited[:3]
        result.source_first = bool(cited) and cited[0] == question.source
    if question.evidence:
        result.evidence = evidence_matches(question.evidence, answer)
    if question.answer_facts:
        result.facts = not missing
        result.missing_facts = missing
    if question.source or question.answer_facts:
        result.answered = answer.kind not in (DECLINED_KIND, CLARIFY_KIND)
    return result


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default method); 0.0 for no values.

    Args:
        values: Samples.
        q: Percentile in [0, 100].
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def summarize(results: Sequence[QuestionResult]) -> MetricSummary:
    """Rates and latency percentiles over a group of results."""
    rates: dict[str, Rate] = {}
    for metric in METRICS:
        outcomes = [getattr(r, metric) for r in results if getattr(r, metric) is not None]
        rates[metric] = Rate(hits=sum(1 for o in outcomes if o), total=len(outcomes))
    latencies = [r.ms for r in results]
    return MetricSummary(
        questions=len(results), p50_ms=percentile(latencies, 50), p95_ms=percentile(latencies, 95), **rates
    )


def build_report(results: Sequence[QuestionResult]) -> EvalReport:
    """Group results overall and by category (categories in first-seen order)."""
    categories: dict[str, list[QuestionResult]] = {}
    for r in results:
        categories.setdefault(r.category, []).append(r)
    return EvalReport(
        overall=summarize(results),
        by_category={c: summarize(rs) for c, rs in categories.items()},
        results=list(results),
    )


AnswerFn = Callable[[str, ConversationContext | None], Answer]


def run_questions(answer: AnswerFn, questions: Iterable[DevQuestion]) -> EvalReport:
    """Answer every question (context questions first, in one conversation) and score it.

    Args:
        answer: `KnowledgeService.answer` or anything with its signature.
        questions: The dev-set lines.

    Returns:
        The evaluation report; latency is measured on the question itself only.
    """
    results = []
    for q in questions:
        context: ConversationContext | None = None
        for earlier in q.context:
            context = answer(earlier, context).context
        started = time.perf_counter()
        reply = answer(q.question, context)
        results.append(score_answer(q, reply, 1000 * (time.perf_counter() - started)))
    return build_report(results)
