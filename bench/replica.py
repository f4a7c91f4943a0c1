"""One replica's figures: ready time, memory, and reload time after one changed plan.

`measure_replica` starts `planbot serve` over an ingested corpus (embedded: the data dir;
server mode: a shared PostgreSQL database and Chroma collection), waits for /healthz, then
changes one plan, ingests it with `planbot ingest` as a separate process (the ingest job)
and reads from the server's log how long its reload took and when it was visible.

`python -m bench.replica DATA_DIR` (run by the bench in a subprocess) prints, as JSON, the
RSS growth of each stage of a replica's start, naming what holds the memory.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.evaluation import DevQuestion, percentile
from bench.machine import vm_hwm_mb, vm_rss_mb
from bench.server import Server, planbot_command, planbot_env
from config.settings import REPO_ROOT

_LOADED = re.compile(r"Loaded generation (\d+) in ([\d.]+) s \((\d+) of (\d+) documents read\)")


@dataclass
class ReplicaFigures:
    """What one replica measured."""

    mode: str
    scale: int
    documents: int = 0
    ready_s: float | None = None
    rss_mb: float | None = None
    peak_rss_mb: float | None = None
    reload_s: float | None = None
    ask_p50_ms: float | None = None
    ask_p95_ms: float | None = None
    reload_read: int | None = None
    visible_s: float | None = None
    memory: dict[str, float] = field(default_factory=dict)
    note: str = ""


def change_plan(path: Path) -> None:
    """Give one plan a new version (a changed line), as a revised plan would be."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\nReviderad {time.strftime('%Y-%m-%d %H:%M:%S')}.\n", encoding="utf-8")


def _loaded_lines(log: Path) -> list[tuple[int, float, int, int]]:
    if not log.exists():
        return []
    text = log.read_text(encoding="utf-8", errors="replace")
    return [(int(g), float(s), int(r), int(n)) for g, s, r, n in _LOADED.findall(text)]


def measure_replica(
    mode: str,
    scale: int,
    data_dir: Path,
    plan: Path,
    log_dir: Path,
    env: dict[str, str] | None = None,
    questions: Sequence[DevQuestion] = (),
) -> ReplicaFigures:
    """Start a replica, ask `questions`, change `plan`, ingest it as a separate job, time the reload.

    Args:
        mode: "embedded" or "server" (only a label; `env` selects the stores).
        scale: The corpus factor (a label).
        data_dir: The replica's data dir (embedded: the ingested one).
        plan: One ingested plan file to change and re-ingest.
        log_dir: Where the server log goes.
        env: Extra environment: PLANBOT_DATABASE_URL and the Chroma server in server mode.
        questions: Dev questions asked in turn over /api/ask before the plan changes
            (their p50/p95; the RSS is read after them, as a serving replica's).

    Returns:
        The figures; a failed step leaves its figure None and says why in `note`.
    """
    figures = ReplicaFigures(mode=mode, scale=scale)
    env = env or {}
    log = log_dir / f"serve-{mode}-{scale}x.log"
    with Server(data_dir, log, env) as server:
        figures.ready_s = server.start()
        assert server.process is not None
        if questions:
            latencies, _ = server.ask_sequential(questions)
            figures.ask_p50_ms = percentile(latencies, 50)
            figures.ask_p95_ms = percentile(latencies, 95)
        figures.rss_mb = vm_rss_mb(server.process.pid)
        loads = _loaded_lines(log)
        figures.documents = loads[-1][3] if loads else 0
        change_plan(plan)
        done = subprocess.run(
            planbot_command("ingest", "--json", str(plan)),
            env={**planbot_env(data_dir), **env},
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        committed = time.perf_counter()
        if done.returncode != 0:
            figures.note = (
                f"ingest of the changed plan exited {done.returncode}: {done.stderr.strip()[-200:]}"
            )
            return figures
        while time.perf_counter() - committed < 120:
            later = _loaded_lines(log)
            if len(later) > len(loads):
                _, seconds, read, _ = later[-1]
                figures.visible_s = time.perf_counter() - committed
                figures.reload_s, figures.reload_read = seconds, read
                break
            time.sleep(0.1)
        else:
            figures.note = "the replica did not reload within 120 s"
        figures.peak_rss_mb = vm_hwm_mb(server.process.pid)
    memory = subprocess.run(
        [sys.executable, "-m", "bench.replica", str(data_dir)],
        env={**planbot_env(data_dir), **env},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    try:
        figures.memory = json.loads(memory.stdout)
    except json.JSONDecodeError:
        figures.note += f" memory breakdown failed: {memory.stderr.strip()[-200:]}"
    return figures


def memory_breakdown() -> dict[str, float]:
    """RSS growth (MB) of each stage of a replica's start, in this process."""
    import gc

    stages: dict[str, float] = {}
    last = vm_rss_mb() or 0.0

    def mark(name: str) -> None:
        nonlocal last
        gc.collect()
        now = vm_rss_mb() or 0.0
        stages[name] = round(now - last, 1)
        last = now

    stages["python + imports"] = round(last, 1)
    from config import get_settings
    from knowledge.service import KnowledgeService

    mark("python + imports")
    service = KnowledgeService(get_settings())
    service.embedder.warm_up()
    mark("embedding model (torch + MiniLM)")
    snap = service.snapshot()
    mark("snapshot: documents, chunks, lexical index")
    service.warm_up()
    mark("dense vectors of every chunk (+ Chroma client)")
    stages["total RSS"] = round(vm_rss_mb() or 0.0, 1)
    stages["chunks"] = float(len(snap.chunks))
    stages["documents"] = float(len(snap.parsed))
    return stages


def as_dict(figures: ReplicaFigures) -> dict[str, object]:
    """The figures as a JSON-ready dict."""
    return asdict(figures)


if __name__ == "__main__":
    print(json.dumps(memory_breakdown()))
