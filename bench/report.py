"""The typed result of `planbot bench` and its targets."""

from __future__ import annotations

from pydantic import BaseModel, computed_field

# Targets (upper bounds) the figures are printed against.
TARGET_COLD_INGEST_S = 30.0
TARGET_REINGEST_S = 2.0
TARGET_READY_S = 10.0
TARGET_ASK_P95_1X_MS = 150.0
TARGET_ASK_P95_100X_MS = 300.0
TARGET_PEAK_RSS_MB = 1500.0
TARGET_RELOAD_100X_S = 2.0  # one changed plan at 100x (issue 14)
TARGET_REPLICA_RSS_100X_MB = 1000.0
TARGET_LOAD_P95_MS = 1000.0
TARGET_LOAD_ERRORS = 0.0


class Figure(BaseModel):
    """One measured figure, with its target when it has one (value ≤ target is met)."""

    name: str
    value: float | None
    unit: str
    target: float | None = None
    note: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def met(self) -> bool | None:
        """Whether the target is met (None without a target or a value)."""
        if self.target is None or self.value is None:
            return None
        return self.value <= self.target


class QualityRow(BaseModel):
    """One quality metric (or latency) for Planbot and the naive baseline."""

    metric: str
    planbot: float | None
    baseline: float | None
    unit: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ratio(self) -> float | None:
        """Planbot / baseline (None when undefined)."""
        if self.planbot is None or not self.baseline:
            return None
        return self.planbot / self.baseline


class ScaleRow(BaseModel):
    """Ingest throughput and ask latency at one corpus size."""

    scale: int
    documents: int
    chunks: int
    embedded: int = 0  # chunks embedded; the rest were identical texts served by the cache
    ingest_s: float
    docs_per_s: float
    chunks_per_s: float
    ask_p50_ms: float
    ask_p95_ms: float
    source_first: float | None
    target_p95_ms: float | None = None
    note: str = ""


class ReplicaRow(BaseModel):
    """One replica at one corpus size: ready time, memory and reload after one changed plan."""

    mode: str  # "embedded" (SQLite + embedded Chroma) or "server" (PostgreSQL + Chroma server)
    scale: int
    documents: int
    ready_s: float | None
    rss_mb: float | None  # VmRSS after ready and the sequential dev-set asks
    peak_rss_mb: float | None
    reload_s: float | None
    ask_p50_ms: float | None = None  # /api/ask over the dev set, sequential, on this replica
    ask_p95_ms: float | None = None
    reload_read: int | None = None  # documents read again by the reload (the rest were reused)
    # From the ingest job's exit to the replica's reload log line; 0 when the replica had
    # already reloaded before the job exited (it commits, then sweeps stale vectors).
    visible_s: float | None = None
    memory: dict[str, float] = {}
    note: str = ""


class BenchReport(BaseModel):
    """Everything one `planbot bench` run measured."""

    machine: str
    load_before: str
    load_after: str = ""
    elapsed_s: float = 0.0
    figures: list[Figure] = []
    quality: list[QualityRow] = []
    scales: list[ScaleRow] = []
    replicas: list[ReplicaRow] = []
    notes: list[str] = []
