"""In-process pieces of the bench: ingest at one scale, and the Planbot-vs-baseline quality rows."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bench.evaluation import METRICS, EvalReport
from bench.report import QualityRow
from config import Settings
from knowledge.retrieval.embedder import Embedder


@dataclass(frozen=True)
class IngestDone:
    """What one in-process ingest did."""

    documents: int
    chunks: int
    seconds: float
    failed: int
    embedded: int = 0
    error: str | None = None


def ingest_in_process(settings: Settings, embedder: Embedder, corpus: Path) -> IngestDone:
    """Ingest a folder with an already loaded embedder (throughput without the model load).

    An exception after documents were committed (e.g. in the final vector clean-up) is
    returned as `error` and the committed documents are counted, so the asks still run.
    """
    from ingest.pipeline import Pipeline
    from knowledge.store.catalog import Catalog

    pipeline = Pipeline(settings, embedder=embedder)
    started = time.perf_counter()
    try:
        report = pipeline.ingest([corpus])
    except Exception as exc:
        seconds = time.perf_counter() - started
        catalog = Catalog(settings.database)
        try:
            records = catalog.documents()
        finally:
            catalog.close()
        error = f"ingest raised {type(exc).__name__} after {seconds:.0f} s: {exc}"
        return IngestDone(len(records), sum(r.chunks for r in records), seconds, 0, error=error)
    finally:
        pipeline.close()
    rows = report.rows
    docs = sum(1 for r in rows if r.status.value in ("new", "updated"))
    failed = sum(1 for r in rows if r.status.value == "failed")
    embedded = sum(r.embedded for r in rows)
    return IngestDone(docs, sum(r.chunks for r in rows), report.seconds, failed, embedded)


def quality_rows(planbot: EvalReport, baseline: EvalReport) -> list[QualityRow]:
    """Each metric and latency for Planbot and the baseline (the ratio is computed by QualityRow)."""
    p, b = planbot.overall, baseline.overall
    rows = [
        QualityRow(metric=m, planbot=getattr(p, m).value, baseline=getattr(b, m).value, unit="share")
        for m in METRICS
    ]
    rows.append(QualityRow(metric="latency p50", planbot=p.p50_ms, baseline=b.p50_ms, unit="ms"))
    rows.append(QualityRow(metric="latency p95", planbot=p.p95_ms, baseline=b.p95_ms, unit="ms"))
    return rows
