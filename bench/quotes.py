"""Sentence selection inside a known-right chunk: does `pick_quote` quote the evidence?

For every answerable evaluation question with `evidence` whose evidence lies in a section
(prose) chunk of its source, this takes that chunk (so retrieval plays no part) and checks
whether `pick_quote` on it contains the evidence (the evaluation's own matching rule) and
every answer fact. It measures the sentence choice alone; `planbot eval` measures the whole
answer.

`python -m bench.quotes --data-dir D FILE [FILE …] [--split tune|holdout|all] [--misses]`
prints, per file and split, how many quotes hold the evidence, the facts, and both. Decide on
the tune split; the holdout is for reporting only.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.evaluation import (
    DEV_SET_TODAY,
    EvalQuestion,
    QuestionKind,
    evidence_matches,
    load_questions,
    missing_facts,
    normalise,
)
from bench.splits import SplitChoice, select
from knowledge.answer import Answer, AnswerKind, Citation
from knowledge.answers.cite import clip_quote
from knowledge.answers.passage import pick_quote
from knowledge.models import Chunk, ChunkKind
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand.reading import read_question

# The leading part of the evidence that locates its chunk (evidence lines may end in text the
# chunker cut into the next chunk).
LOCATE_CHARS = 60


@dataclass(frozen=True)
class QuoteCase:
    """One question whose evidence lies in a prose chunk of its source."""

    question: EvalQuestion
    chunk: Chunk
    evidence: str


@dataclass(frozen=True)
class QuoteResult:
    """What `pick_quote` chose for one case and whether it holds the evidence and facts."""

    case: QuoteCase
    quote: str
    evidence: bool
    missing: tuple[str, ...]

    @property
    def facts(self) -> bool:
        """Every answer fact is in the quote."""
        return not self.missing

    @property
    def both(self) -> bool:
        """Evidence and every fact are in the quote."""
        return self.evidence and self.facts


def evidence_chunk(snap: Snapshot, source: str, evidence: str) -> Chunk | None:
    """The section chunk of `source` that holds the evidence (whole, or its first characters)."""
    if source not in snap.parsed:
        return None
    sections = [c for c in snap.chunks_of(source) if c.kind is ChunkKind.SECTION]
    whole = normalise(evidence)
    for chunk in sections:
        if whole and whole in normalise(chunk.text):
            return chunk
    key = fold(evidence.strip())[:LOCATE_CHARS]
    return next((c for c in sections if key and key in fold(c.text)), None)


def cases(snap: Snapshot, questions: Sequence[EvalQuestion]) -> list[QuoteCase]:
    """The answerable questions whose evidence lies in a section chunk of their source."""
    out = []
    for q in questions:
        if q.kind is not QuestionKind.ANSWERABLE or not q.evidence_texts or not q.single_source:
            continue
        chunk = evidence_chunk(snap, q.single_source, q.evidence_texts[0])
        if chunk is not None:
            out.append(QuoteCase(q, chunk, q.evidence_texts[0]))
    return out


def check(snap: Snapshot, case: QuoteCase, today: dt.date = DEV_SET_TODAY) -> QuoteResult:
    """Run `pick_quote` on the case's chunk and score the quote like `planbot eval` scores answers."""
    reading = read_question(case.question.question, snap.metas, today)
    quote = pick_quote(case.chunk, reading)
    text = quote.text if quote else " ".join(case.chunk.text.split())
    span = quote.span if quote else case.chunk.text
    meta = snap.meta(case.chunk.source)
    citation = Citation(
        n=1,
        source=meta.source,
        title=meta.title or meta.source,
        section=case.chunk.breadcrumb,
        quote=clip_quote(span),
    )
    answer = Answer(answer=text, kind=AnswerKind.PASSAGES, citations=[citation])
    missing = tuple(missing_facts(case.question.answer_facts, answer))
    return QuoteResult(case, text, evidence_matches(case.evidence, answer), missing)


def _rate(hit: int, n: int) -> str:
    return f"{hit}/{n} ({100 * hit / n:.0f} %)" if n else "0/0"


def load_snapshot(data_dir: Path) -> Snapshot:
    """The stored documents of a data directory, loaded once for a diagnostic or a fit."""
    from config import get_settings
    from knowledge.store.catalog import Catalog

    settings = get_settings().model_copy(update={"data_dir": data_dir})
    catalog = Catalog(settings.database)
    try:
        return Snapshot.load(catalog)
    finally:
        catalog.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Print the quote figures per file (and the misses with --misses)."""
    parser = argparse.ArgumentParser(prog="python -m bench.quotes", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--split", choices=[c.value for c in SplitChoice], default="tune")
    parser.add_argument("--misses", action="store_true", help="list each miss with its quote")
    args = parser.parse_args(argv)
    snap = load_snapshot(args.data_dir)
    for path in args.files:
        chosen = cases(snap, select(load_questions(path), SplitChoice(args.split)))
        results = [check(snap, c) for c in chosen]
        n = len(results)
        evidence, facts = sum(r.evidence for r in results), sum(r.facts for r in results)
        print(
            f"{path.name} [{args.split}] {n} cases: evidence {_rate(evidence, n)}, "
            f"facts {_rate(facts, n)}, both {_rate(sum(r.both for r in results), n)}, "
            f"mean quote {sum(len(r.quote) for r in results) / max(n, 1):.0f} chars"
        )
        if args.misses:
            for r in results:
                if not r.both:
                    q = r.case.question
                    what = ("" if r.evidence else "evidence ") + (
                        f"missing {list(r.missing)}" if r.missing else ""
                    )
                    print(
                        f"  {q.id} [{q.category}] {what}\n    Q: {q.question}\n    E: {r.case.evidence[:160]}"
                    )
                    print(f"    G: {r.quote[:300]}")
    return 0


if __name__ == "__main__":  # pragma: no cover - a developer command
    raise SystemExit(main())
