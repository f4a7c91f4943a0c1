"""Quality metrics of answers against evaluation question files (pure, no I/O but `load_questions`).

Two line formats are read (both JSONL, see docs/quality.md):

- the dev format (`tests/quality/dev_questions.jsonl`): `question`, earlier questions of the
  conversation in `context`, one `source` (null for ambiguous and unanswerable lines);
- the staff format (`tests/quality/staff_style_questions.jsonl` and the independent staff set):
  `question` or, for follow-ups, `turns` (sent in one conversation; the facts apply to the
  last), `source` as a file name, a list of file names (ambiguous) or null (negative), and
  `evidence` aligned with it.

Each line says what a right answer contains: the source document, a piece of
evidence text and the facts (numbers, names, phrases) that must appear. The metrics are:

- ``source_top3`` / ``source_first``: the expected source among the first three citations / first.
- ``evidence``: the expected evidence appears in the answer text or in a cited quote. Texts are
  folded (case, å/ä/ö and OCR stand-ins, whitespace, Markdown emphasis, ``[n]`` markers) and the
  evidence counts as found when it is inside the answer, when a quote is inside the evidence or
  the evidence inside a quote, or when they share at least 60 % of the shorter one's words.
- ``facts``: every ``answer_fact`` appears in the answer text or a quote (same folding; whitespace
  is optional, so "5,2 %" meets "5,2%" and "1 050" meets "1050"). A fact that starts or ends
  with a digit does not match inside a longer number ("50 %" is not in "150 %", "3,5" is not in
  "13,5"), and a whole-number fact from 2 to 20 (a count) also matches its Swedish number word
  ("4" meets "fyra").
- ``declined``: unanswerable (negative) questions answered with ``kind == "not_found"``.
- ``ambiguous`` (reported as "clarified"): ambiguous questions answered with
  ``kind == "clarify"`` or with every fact shown.
- ``answered``: answerable questions not declined or bounced back (false declines lower it).

Ambiguous and unanswerable questions are scored only on their own metric; a metric that does
not apply to a question is ``None`` and left out of its rate.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, computed_field, model_validator

from bench.splits import Split
from knowledge.answer import Answer, ConversationContext
from knowledge.textnorm import fold

# The date the dev set's relative questions ("i år") assume; tests/conftest.py uses the same.
DEV_SET_TODAY = dt.date(2023, 6, 15)
UNANSWERABLE = "unanswerable"
NEGATIVE = "negative"  # the staff format's name for unanswerable
AMBIGUOUS = "ambiguous"
DECLINED_KIND = "not_found"
CLARIFY_KIND = "clarify"
EVIDENCE_WORD_SHARE = 0.6

_MARKER = re.compile(r"\[\d+\]")
_MARKUP = re.compile(r"[*_`#>]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_ELLIPSIS = ("…", "...")


class QuestionKind(enum.StrEnum):
    """What a right answer to a question looks like."""

    ANSWERABLE = "answerable"  # cite the source, show every fact
    AMBIGUOUS = "ambiguous"  # several units have it: clarify, or give every unit's value
    UNANSWERABLE = "unanswerable"  # not in the documents: decline


class EvalQuestion(BaseModel):
    """One evaluation question, read from either line format (see module doc).

    `question` is the message scored; `context` the messages sent before it in the same
    conversation. `source` and `evidence` keep the file's shape (one name, a list, or null);
    `sources` and `evidence_texts` are the same as lists.
    """

    id: str
    category: str
    question: str
    answer_facts: list[str] = []
    source: str | list[str] | None = None
    evidence: str | list[str] | None = None
    context: list[str] = Field(default=[], description="Earlier questions of the same conversation.")
    split: Split | None = None

    @model_validator(mode="before")
    @classmethod
    def _turns(cls, data: Any) -> Any:
        """Read the staff format's `turns` as earlier messages plus the scored question."""
        if isinstance(data, dict) and "turns" in data:
            data = dict(data)
            turns = data.pop("turns")
            if not isinstance(turns, list) or not turns or not all(isinstance(t, str) for t in turns):
                raise ValueError("'turns' must be a non-empty list of messages")
            if "question" in data:
                raise ValueError("give either 'question' or 'turns', not both")
            data["question"] = turns[-1]
            data["context"] = [*data.get("context", []), *turns[:-1]]
        return data

    @property
    def sources(self) -> list[str]:
        """The source file names ([] for none)."""
        if self.source is None:
            return []
        return [self.source] if isinstance(self.source, str) else list(self.source)

    @property
    def single_source(self) -> str | None:
        """The one document the question is about, or None (ambiguous or unanswerable)."""
        return self.source if isinstance(self.source, str) else None

    @property
    def evidence_texts(self) -> list[str]:
        """The evidence strings ([] for none)."""
        if self.evidence is None:
            return []
        return [self.evidence] if isinstance(self.evidence, str) else list(self.evidence)

    @property
    def kind(self) -> QuestionKind:
        """Answerable, ambiguous or unanswerable, from the category and the source's shape."""
        if self.category in (UNANSWERABLE, NEGATIVE):
            return QuestionKind.UNANSWERABLE
        if self.category == AMBIGUOUS or isinstance(self.source, list):
            return QuestionKind.AMBIGUOUS
        return QuestionKind.ANSWERABLE


# The name the bench and older code use for a question line.
DevQuestion = EvalQuestion


class QuestionResult(BaseModel):
    """How one answer scored; a metric is None when it does not apply to the question."""

    id: str
    category: str
    question: str
    kind: str
    decline_reason: str | None = Field(
        default=None, description="Why a not_found answer declined (knowledge.answer.DeclineReason)."
    )
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


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read a JSONL question file in either format (blank lines and `#` comments are skipped).

    Raises:
        ValueError: On an invalid line or a repeated id, naming the file and line number.
    """
    questions: list[EvalQuestion] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            question = EvalQuestion.model_validate(json.loads(line))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: invalid question line ({exc})") from exc
        if question.id in seen:
            raise ValueError(f"{path}:{number}: the id {question.id!r} is used twice")
        seen.add(question.id)
        questions.append(question)
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


# Swedish words for the counts a count question's facts may be written as (folded spelling).
NUMBER_WORDS = {
    2: "tva",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "atta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
    13: "tretton",
    14: "fjorton",
    15: "femton",
    16: "sexton",
    17: "sjutton",
    18: "arton",
    19: "nitton",
    20: "tjugo",
}


@lru_cache(maxsize=4096)
def fact_pattern(fact: str) -> re.Pattern[str] | None:
    """The regex that finds a normalised fact in a normalised text (see module doc).

    Whitespace is optional between any two characters of the fact, as the old rule of
    comparing texts with all whitespace removed had it ("1050" meets "1 050"); a leading or
    trailing digit may not touch another digit, or a decimal comma or point and a digit.
    """
    compact = fact.replace(" ", "")
    if not compact:
        return None
    body = r"\s*".join(re.escape(ch) for ch in compact)
    if compact[0].isdigit():
        body = r"(?<!\d)(?<!\d[,.])" + body
    if compact[-1].isdigit():
        body = body + r"(?!\d)(?![,.]\d)"
    if fact.isdigit() and int(fact) in NUMBER_WORDS:
        body = f"(?:{body}|\\b{NUMBER_WORDS[int(fact)]}\\b)"
    return re.compile(body)


def fact_in(fact: str, haystack: str) -> bool:
    """True when a fact occurs in a normalised text under the matching rules (see module doc)."""
    pattern = fact_pattern(normalise(fact))
    return bool(pattern and pattern.search(haystack))


def missing_facts(facts: Sequence[str], answer: Answer) -> list[str]:
    """The expected facts that appear neither in the answer text nor in any quote."""
    haystack = " \n ".join([normalise(answer.answer), *(normalise(c.quote) for c in answer.citations)])
    return [f for f in facts if not fact_in(f, haystack)]


def score_answer(question: EvalQuestion, answer: Answer, ms: float) -> QuestionResult:
    """Score one answer against its question line.

    Args:
        question: The question line (either format).
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
        decline_reason=answer.decline.value if answer.decline is not None else None,
        ms=ms,
        cited_sources=cited,
    )
    missing = missing_facts(question.answer_facts, answer)
    if question.kind is QuestionKind.UNANSWERABLE:
        result.declined = answer.kind == DECLINED_KIND
        return result
    if question.kind is QuestionKind.AMBIGUOUS:
        result.ambiguous = answer.kind == CLARIFY_KIND or (bool(question.answer_facts) and not missing)
        result.missing_facts = [] if result.ambiguous else missing
        return result
    source = question.single_source
    if source:
        result.source_top3 = source in cited[:3]
        result.source_first = bool(cited) and cited[0] == source
    if question.evidence_texts:
        result.evidence = any(evidence_matches(e, answer) for e in question.evidence_texts)
    if question.answer_facts:
        result.facts = not missing
        result.missing_facts = missing
    if source or question.answer_facts:
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


def run_questions(answer: AnswerFn, questions: Iterable[EvalQuestion]) -> EvalReport:
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
