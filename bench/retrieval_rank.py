"""Retrieval diagnostic: where does the chunk holding a question's evidence rank?

For every answerable one-document question of a question file that has `evidence` (and no
earlier turns), the question is read as Planbot reads it (`read_question`, the topic expanded
by the thesaurus) and four rankings are searched for the evidence chunk, i.e. the first chunk
of the question's source document whose text holds the evidence (folded containment, or at
least `EVIDENCE_SHARE` of the evidence's words):

- ``all``: `Retriever.search` over every document (the hybrid BM25 + MiniLM fusion);
- ``selected``: `Retriever.search` over the documents `select_documents` picks (a refusal is a miss);
- ``pool``: the learned ranker's candidate pool, in fused-score order (all documents);
- ``model``: that pool ranked by the fitted ranker model.

It prints recall@1/3/10 and the mean reciprocal rank (a miss counts 0) for each, so a change to
tokenisation or to a fusion weight can be judged on retrieval alone. `--generated N` also
scores N questions generated from the stored structure (`knowledge.retrieval.training.generate`),
which the ranker trains on. Decide on the tune split; report the holdout.

    python -m bench.retrieval_rank tests/quality/dev_questions.jsonl --split tune --data-dir D
    python -m bench.retrieval_rank FILE --split tune --weights 0.5,0.6,0.7,0.8 --misses
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from bench.evaluation import DEV_SET_TODAY, EvalQuestion, QuestionKind, load_questions, normalise
from bench.splits import SplitChoice, select
from knowledge.models import Chunk

EVIDENCE_SHARE = 0.8
DEPTH = 50  # ranks beyond this count as misses
CUTOFFS = (1, 3, 10)
SCOPES = ("all", "selected", "pool", "model")
_WORD = re.compile(r"\w+")


def evidence_in(evidence: str, chunk_text: str) -> bool:
    """True when a chunk's text holds the evidence (folded, whitespace-insensitive, or most of its words)."""
    ev, text = normalise(evidence), normalise(chunk_text)
    if not ev:
        return False
    if ev in text or ev.replace(" ", "") in text.replace(" ", ""):
        return True
    ev_words = set(_WORD.findall(ev))
    return bool(ev_words) and len(ev_words & set(_WORD.findall(text))) / len(ev_words) >= EVIDENCE_SHARE


@dataclass
class Tally:
    """Ranks (1-based, None for a miss) of the target in one ranking, one per question."""

    ranks: list[int | None] = field(default_factory=list)

    def recall(self, k: int) -> float:
        """Share of questions whose target is within the first k."""
        return sum(1 for r in self.ranks if r is not None and r <= k) / len(self.ranks) if self.ranks else 0.0

    def mrr(self) -> float:
        """Mean reciprocal rank (a miss counts 0)."""
        return sum(1.0 / r for r in self.ranks if r is not None) / len(self.ranks) if self.ranks else 0.0

    def row(self) -> str:
        """'n  R@1  R@3  R@10  MRR' as fixed-width text."""
        cells = " ".join(f"{self.recall(k):6.3f}" for k in CUTOFFS)
        return f"{len(self.ranks):4d} {cells} {self.mrr():6.3f}"


def first_rank(chunks: Sequence[Chunk], is_target: Callable[[Chunk], bool]) -> int | None:
    """1-based rank of the first target chunk among the first DEPTH, or None."""
    for i, chunk in enumerate(chunks[:DEPTH], 1):
        if is_target(chunk):
            return i
    return None


@dataclass(frozen=True)
class Probe:
    """One question to rank for: its text and how to recognise a right chunk."""

    id: str
    question: str
    is_target: Callable[[Chunk], bool]
    generated: bool = False


def probes_from_questions(
    questions: Sequence[EvalQuestion], source_chunks: Callable[[str], list[Chunk]]
) -> list[Probe]:
    """Answerable one-document questions with evidence found in their source document."""
    out = []
    for q in questions:
        src = q.single_source
        if q.kind is not QuestionKind.ANSWERABLE or src is None or not q.evidence_texts or q.context:
            continue
        evidence = q.evidence_texts[0]
        targets = {c.id for c in source_chunks(src) if evidence_in(evidence, c.text)}
        if not targets:
            print(f"  (evidence of {q.id} not found in any chunk of {src})", file=sys.stderr)
            continue
        out.append(Probe(q.id, q.question, _one_of(frozenset(targets))))
    return out


def _one_of(ids: frozenset[str]) -> Callable[[Chunk], bool]:
    return lambda chunk: chunk.id in ids


def main(argv: Sequence[str] | None = None) -> int:
    """Print recall@1/3/10 and MRR of the evidence chunk per ranking (and per fusion weight)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--split", choices=[c.value for c in SplitChoice], default="tune")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--weights", default="", help="Lexical fusion weights to try (comma-separated).")
    parser.add_argument("--generated", type=int, default=0, help="Also rank N generated questions.")
    parser.add_argument("--misses", action="store_true", help="List questions whose target is not first.")
    args = parser.parse_args(argv)

    from config import get_settings
    from knowledge.retrieval import hybrid, ranker
    from knowledge.retrieval.selection import select_documents
    from knowledge.retrieval.training import generate, is_answer
    from knowledge.service import KnowledgeService
    from knowledge.textnorm import expand_query
    from knowledge.understand.reading import read_question

    settings = get_settings()
    if args.data_dir is not None:
        settings = settings.model_copy(update={"data_dir": args.data_dir})
    today = args.today or (DEV_SET_TODAY if "dev_questions" in args.questions.name else dt.date.today())
    service = KnowledgeService(settings, today=lambda: today)
    service.warm_up()
    snap = service.snapshot()
    answerer = service.answerer
    retriever = answerer.retriever
    questions = select(load_questions(args.questions), SplitChoice(args.split))
    probes = probes_from_questions(questions, snap.chunks_of)
    if args.generated:
        examples = [e for e in generate(snap) if e.source is not None]
        for i, e in enumerate(random.Random(11).sample(examples, min(args.generated, len(examples)))):
            probes.append(Probe(f"generated-{i}", e.question, partial(is_answer, snap, e), True))

    weights: list[float | None] = [float(w) for w in args.weights.split(",") if w] or [None]
    every = {m.source for m in snap.metas}
    print(f"{args.questions.name} split={args.split}: {len(probes)} questions", flush=True)
    print(f"{'weights':>11} {'ranking':9} {'n':>4} {'R@1':>6} {'R@3':>6} {'R@10':>6} {'MRR':>6}")
    for w in weights:
        lex = hybrid.LEXICAL_WEIGHT if w is None else w
        pool_w = ranker.POOL_LEXICAL_WEIGHT if w is None else w
        saved = ranker.POOL_LEXICAL_WEIGHT
        ranker.POOL_LEXICAL_WEIGHT = pool_w  # pool() reads the module constant
        groups: dict[str, dict[str, Tally]] = {"set": {s: Tally() for s in SCOPES}}
        if args.generated:
            groups["gen"] = {s: Tally() for s in SCOPES}
        try:
            for p in probes:
                tallies = groups["gen" if p.generated else "set"]
                reading = read_question(p.question, snap.metas, today)
                query = expand_query(reading.topic or reading.text)
                selection = select_documents(snap, reading)
                found = {
                    "all": first_rank(
                        [h.chunk for h in retriever.search(snap, query, every, k=DEPTH, lexical_weight=lex)],
                        p.is_target,
                    ),
                    "selected": first_rank(
                        [
                            h.chunk
                            for h in retriever.search(
                                snap, query, set(selection.sources), k=DEPTH, lexical_weight=lex
                            )
                        ],
                        p.is_target,
                    )
                    if selection.sources
                    else None,
                }
                vector = answerer.embedder.embed_query(query) if answerer.vectors is not None else None
                candidates = ranker.pool(snap, answerer.vectors, query, vector, every)
                found["pool"] = first_rank([c.chunk for c in candidates], p.is_target)
                if answerer.ranker is not None:
                    ranking = ranker.rank(
                        answerer.ranker,
                        snap,
                        reading,
                        candidates,
                        selection.agreement,
                        set(selection.sources),
                    )
                    found["model"] = first_rank([r.candidate.chunk for r in ranking.items], p.is_target)
                for scope, r in found.items():
                    tallies[scope].ranks.append(r)
                if args.misses and not p.generated and w == weights[0] and found["all"] != 1:
                    print(
                        f"  miss {p.id}: all={found['all']} sel={found['selected']} "
                        f"pool={found['pool']} model={found.get('model')}  {p.question}"
                    )
        finally:
            ranker.POOL_LEXICAL_WEIGHT = saved
        label = "default" if w is None else f"{w:.2f}"
        for name, tallies in groups.items():
            for scope in SCOPES:
                if tallies[scope].ranks:
                    print(f"{label:>7} {name:3} {scope:9} {tallies[scope].row()}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
