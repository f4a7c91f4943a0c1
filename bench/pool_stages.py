"""Which stage of the candidate pool fails for tune misses: recall, ranking or calibration.

Reads `planbot eval --json` results of tune splits (one `<set>_tune.json` per set in a folder),
takes the answerable one-source questions the pool declined (`pool_below_cutoff`) or answered
from another document, finds the chunk holding each one's evidence and prints, per question,
where that chunk stands: in the fused ranking read deep, in BM25 alone, in MiniLM alone, in the
answerer's ranked pool, and the pool's confidence. The stage is

- recall: the chunk is not among the pooled candidates;
- ranking: pooled but not first;
- calibration: first, but the confidence is under `decline_below` (or the answer came from a route).

Developer tool (docs/ranker.md, session 12):

    python -m bench.pool_stages RESULTS_DIR --data-dir D --unseen-data-dir DU > stages.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from config import get_settings
from knowledge.retrieval.document_evidence import winner_first
from knowledge.retrieval.ranker import pool, rank
from knowledge.retrieval.selection import select_documents
from knowledge.service import KnowledgeService
from knowledge.textnorm import expand_query, fold
from knowledge.understand.reading import read_question

QUALITY = Path(__file__).resolve().parents[1] / "tests" / "quality"
# Sets over the unseen fixtures: evaluated in a data directory that holds them too.
UNSEEN_SETS = frozenset(
    {"ku", "unseen2", "unseen_questions", "mentions", "paraphrase", "routines2", "lists4", "unseen3"}
    | {"unseen4", "unseen5", "unseen6", "routines4", "unseen7", "unseen8", "unseen9"}
)
DEV_TODAY = dt.date(2023, 6, 15)


def _questions() -> dict[str, dict[str, object]]:
    rows: dict[str, dict[str, object]] = {}
    for path in QUALITY.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
    return rows


def misses(results: Path) -> list[tuple[str, str, str, str, str, str]]:
    """(set, id, question, source, evidence, how) of the misses the pool could have answered."""
    rows = _questions()
    out = []
    for path in sorted(results.glob("*_tune.json")):
        name = path.name.removesuffix("_tune.json")
        for r in json.loads(path.read_text(encoding="utf-8"))["results"]:
            q = rows.get(r["id"])
            if q is None or "question" not in q or r["facts"]:
                continue
            source, evidence = q.get("source"), q.get("evidence")
            if isinstance(source, list):
                source = source[0] if len(source) == 1 else None
            if isinstance(evidence, list):
                evidence = evidence[0] if evidence else None
            if not isinstance(source, str) or not isinstance(evidence, str):
                continue
            wrong = r.get("answered") and r.get("cited_sources") and source not in r["cited_sources"]
            if r.get("decline_reason") == "pool_below_cutoff" or wrong:
                how = "declined" if r.get("decline_reason") else "wrong_source"
                out.append((name, r["id"], str(q["question"]), source, evidence, how))
    return out


def _fixed(day: dt.date) -> Callable[[], dt.date]:
    return lambda: day


def main(argv: list[str] | None = None) -> int:
    """Print one JSON line per miss and the count of (how, stage) on stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, help="folder of <set>_tune.json files")
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--unseen-data-dir", type=Path, help="data dir with the unseen fixtures too")
    args = parser.parse_args(argv)
    services: dict[tuple[Path, dt.date], KnowledgeService] = {}
    stages: Counter[tuple[str, str]] = Counter()
    for name, qid, question, source, evidence, how in misses(args.results):
        data_dir = args.unseen_data_dir if name in UNSEEN_SETS and args.unseen_data_dir else args.data_dir
        today = DEV_TODAY if name in ("dev", "dev_questions") else dt.date.today()
        if (data_dir, today) not in services:
            settings = get_settings().model_copy(update={"data_dir": data_dir})
            services[(data_dir, today)] = KnowledgeService(settings, today=_fixed(today))
            services[(data_dir, today)].warm_up()
        service = services[(data_dir, today)]
        answerer, snap = service.answerer, service.snapshot()
        key = fold(evidence.strip())[:60]
        right = {c.id for c in snap.chunks_of(source) if key and key in fold(c.text)}
        if not right:  # evidence running over a chunk boundary: its start suffices
            key = key[:30]
            right = {c.id for c in snap.chunks_of(source) if key and key in fold(c.text)}
        reading = read_question(question, snap.metas, today)
        selection = select_documents(snap, reading)
        query = expand_query(reading.topic or reading.text)
        vector = answerer.embedder.embed_query(query) if answerer.vectors is not None else None
        everywhere = {m.source for m in snap.metas}
        deep = pool(snap, answerer.vectors, query, vector, everywhere, size=400)
        lexical = snap.lexical.scores(query)
        lexical_place = {snap.chunks[i].id: p for p, i in enumerate(np.argsort(-lexical, kind="stable"))}
        dense_hits = (
            answerer.vectors.search(vector, 300, [m.content_hash for m in snap.metas])
            if answerer.vectors is not None and vector is not None
            else []
        )
        ranking = (
            rank(
                answerer.ranker,
                snap,
                reading,
                pool(snap, answerer.vectors, query, vector, everywhere),
                selection.agreement,
                set(selection.sources),
            )
            if answerer.ranker is not None
            else None
        )
        items = winner_first(ranking.items) if ranking is not None else []
        model = next((i for i, it in enumerate(items) if it.candidate.chunk.id in right), None)
        stage = (
            "no_evidence"
            if not right
            else "recall"
            if model is None
            else "ranking"
            if model
            else "calibration"
        )
        stages[(how, stage)] += 1
        row = {
            "set": name,
            "id": qid,
            "how": how,
            "stage": stage,
            "fused": next((i for i, c in enumerate(deep) if c.chunk.id in right), None),
            "lexical": min((lexical_place[c] for c in right if c in lexical_place), default=None),
            "dense": next((i for i, h in enumerate(dense_hits) if h.chunk_id in right), None),
            "model": model,
            "confidence": round(ranking.confidence, 3) if ranking is not None else None,
            "question": question,
        }
        print(json.dumps(row, ensure_ascii=False), flush=True)
    print(dict(stages), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
