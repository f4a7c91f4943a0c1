"""One `planbot bench` run: ingest, server, quality against the naive baseline, scale, load.

Steps run in this order on a fresh temporary folder (removed afterwards):
cold and unchanged re-ingest of the samples (`planbot ingest` subprocesses), `planbot serve`
(ready time, sequential asks, concurrent users, peak RSS), Planbot and the naive baseline
over the dev set in-process, then ingest throughput and ask latency at each scale.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import report as t
from bench.evaluation import (
    DEV_SET_TODAY,
    DevQuestion,
    load_questions,
    percentile,
    run_questions,
)
from bench.inprocess import ingest_in_process, quality_rows
from bench.machine import children_maxrss_mb, loadavg, machine, torch_threads, vm_hwm_mb
from bench.report import BenchReport, Figure, ScaleRow
from bench.server import Server, planbot_command, planbot_env
from bench.services import ChromaServer, PostgresServer
from config import Settings
from config.settings import REPO_ROOT
from knowledge.retrieval.embedder import Embedder

Log = Callable[[str], None]
BASELINE_MAX_TOKENS = 256


@dataclass
class BenchOptions:
    """What to run; the defaults are `make bench`'s."""

    corpus: Path = REPO_ROOT / "corpus" / "samples"
    questions: Path = REPO_ROOT / "tests" / "quality" / "dev_questions.jsonl"
    scales: tuple[int, ...] = (1, 10, 100)
    users: int = 50
    per_user: int = 4
    load_cap_s: float = 60.0
    seed: int = 2024
    budget_s: float = 25 * 60.0
    keep: Path | None = None
    server_scales: tuple[int, ...] = (1, 10, 100)  # scales also measured in server mode


class Bench:
    """Runs the steps and collects the report."""

    def __init__(self, options: BenchOptions, log: Log) -> None:
        self.o = options
        self.log_fn = log
        self.started = time.perf_counter()
        self.root = Path(tempfile.mkdtemp(prefix="planbot-bench-"))
        self.report = BenchReport(machine=machine(), load_before=loadavg())
        self.questions: list[DevQuestion] = load_questions(options.questions)
        files = options.corpus.iterdir()
        self.samples = sorted(p for p in files if p.is_file() and not p.name.endswith(".json"))
        self._started_servers: tuple[PostgresServer, ChromaServer] | tuple[()] | None = None
        self._cleanup: list[Callable[[], None]] = []

    def log(self, message: str) -> None:
        """Progress line with elapsed time and load average (stderr in the CLI)."""
        self.log_fn(f"[{time.perf_counter() - self.started:7.1f} s, load {loadavg()}] {message}")

    def figure(
        self, name: str, value: float | None, unit: str, target: float | None = None, note: str = ""
    ) -> None:
        """Add a figure to the report."""
        self.report.figures.append(Figure(name=name, value=value, unit=unit, target=target, note=note))

    def settings(self, data_dir: Path) -> Settings:
        """Planbot's settings over `data_dir` (environment and .env still apply to the rest)."""
        return Settings(data_dir=data_dir, corpus_dirs=[self.o.corpus])

    def run(self) -> BenchReport:
        """Run every step; the temporary folder is removed (or moved to `keep`) at the end."""
        try:
            data = self.root / "data"
            for step in (self.ingest_cli, self.serve, self.quality, self.scales):
                self._step(step.__name__, functools.partial(step, data))
        finally:
            for stop in self._cleanup:
                stop()
            self.report.load_after = loadavg()
            self.report.elapsed_s = time.perf_counter() - self.started
            if self.o.keep:
                shutil.move(str(self.root), str(self.o.keep))
            else:
                shutil.rmtree(self.root, ignore_errors=True)
        return self.report

    def _step(self, name: str, run: Callable[[], None]) -> None:
        """Run one step; a failure becomes a note and the other steps still run."""
        try:
            run()
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            at = f"{Path(where.filename).name}:{where.lineno}"
            message = f"Step {name} failed: {type(exc).__name__}: {exc} (at {at})"
            self.report.notes.append(message)
            self.log(message)

    # -- steps ---------------------------------------------------------------------------

    def _ingest_subprocess(self, data: Path) -> tuple[float, dict[str, object]]:
        started = time.perf_counter()
        done = subprocess.run(
            planbot_command("ingest", "--json", str(self.o.corpus)),
            env=planbot_env(data),
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            self.report.notes.append(f"planbot ingest exited {done.returncode}: {done.stderr.strip()[-300:]}")
        try:
            return seconds, json.loads(done.stdout)
        except json.JSONDecodeError:
            return seconds, {}

    def ingest_cli(self, data: Path) -> None:
        """Cold ingest of the samples into a fresh data dir, then the unchanged re-ingest."""
        self.log("cold ingest of the samples (planbot ingest, fresh data dir) …")
        seconds, body = self._ingest_subprocess(data)
        rows = body.get("documents", [])
        assert isinstance(rows, list)
        chunks = sum(int(r.get("chunks", 0)) for r in rows)
        pipeline_s = body.get("seconds", "?")
        self.figure(
            "cold ingest, samples (wall)",
            seconds,
            "s",
            t.TARGET_COLD_INGEST_S,
            f"{len(rows)} documents, {chunks} chunks; pipeline {pipeline_s} s incl. model load",
        )
        self.figure("ingest process peak RSS", children_maxrss_mb(), "MB", t.TARGET_PEAK_RSS_MB)
        self.log(f"  {seconds:.1f} s; unchanged re-ingest …")
        seconds, body = self._ingest_subprocess(data)
        rows = body.get("documents", [])
        assert isinstance(rows, list)
        unchanged = sum(1 for r in rows if r.get("status") == "unchanged")
        self.figure(
            "re-ingest, unchanged (wall)",
            seconds,
            "s",
            t.TARGET_REINGEST_S,
            f"{unchanged}/{len(rows)} unchanged; pipeline {body.get('seconds', '?')} s",
        )

    def _start(self, server: Server, name: str) -> float | None:
        try:
            return server.start()
        except RuntimeError as exc:
            self.report.notes.append(str(exc))
            self.figure(name, None, "s", t.TARGET_READY_S, "failed to start")
            return None

    def serve(self, data: Path) -> None:
        """Two fresh servers, so neither test is flattered by the other's query-embedding cache."""
        self.log("planbot serve: ready time and sequential asks …")
        peak: list[float] = []
        with Server(data, self.root / "server.log") as server:
            ready = self._start(server, "server ready (/healthz 200)")
            if ready is None:
                return
            self.figure("server ready (/healthz 200)", ready, "s", t.TARGET_READY_S)
            latencies, answers = server.ask_sequential(self.questions)
            bad = sum(1 for a in answers if str(a.get("kind", "")).startswith("http_"))
            note = f"{len(latencies)} dev questions, sequential" + (f", {bad} HTTP errors" if bad else "")
            self.figure("/api/ask p50", percentile(latencies, 50), "ms", None, note)
            self.figure("/api/ask p95", percentile(latencies, 95), "ms", t.TARGET_ASK_P95_1X_MS, note)
            peak.append(server.peak_rss_mb() or 0.0)
        self.log(f"  ready {ready:.1f} s; load on a fresh server: {self.o.users} users × {self.o.per_user} …")
        with Server(data, self.root / "server-load.log") as server:
            if self._start(server, "server ready for the load test") is None:
                return
            plain = [q.question for q in self.questions if not q.context]
            load = server.load(plain, self.o.users, self.o.per_user, self.o.load_cap_s)
            peak.append(server.peak_rss_mb() or 0.0)
        kinds = ", ".join(f"{k}: {v}" for k, v in load.error_kinds.items())
        note = (
            f"{load.requests} requests in {load.seconds:.1f} s ({load.throughput:.1f}/s), no think time, "
            f"cap {self.o.load_cap_s:.0f} s" + (f"; {kinds}" if kinds else "")
        )
        self.figure(f"{load.users} users: /api/ask p50", load.p50_ms, "ms", None, note)
        self.figure(f"{load.users} users: /api/ask p95", load.p95_ms, "ms", t.TARGET_LOAD_P95_MS)
        self.figure(f"{load.users} users: errors", load.errors, "", t.TARGET_LOAD_ERRORS)
        self.figure(
            "server peak RSS (VmHWM)", max(peak), "MB", t.TARGET_PEAK_RSS_MB, "highest of the two runs"
        )

    def quality(self, data: Path) -> None:
        """Planbot and the naive baseline over the dev set, in this process."""
        from bench.naive_rag import NaiveRag
        from knowledge.service import KnowledgeService

        self.log("quality: Planbot and the naive baseline over the dev set (in-process) …")
        service = KnowledgeService(self.settings(data), today=lambda: DEV_SET_TODAY)
        service.warm_up()
        planbot = run_questions(service.answer, self.questions)
        # The textbook setup reads what the model allows (256 tokens), not Planbot's chunk setting.
        s = self.settings(data)
        embedder = Embedder(s.embedding_model, s.embedding_batch_size, max_tokens=BASELINE_MAX_TOKENS)
        baseline_rag = NaiveRag(embedder, self.root / "baseline")
        built = baseline_rag.build(self.samples)
        baseline_rag.answer("uppvärmning")
        baseline = run_questions(baseline_rag.answer, self.questions)
        self.report.notes.append(
            f"Baseline index: {built.chunks} windows of 1000 characters (200 overlap) from {built.documents} "
            f"documents, built in {built.seconds:.1f} s with the model already loaded."
        )
        self.report.quality = quality_rows(planbot, baseline)

    def scales(self, _data: Path) -> None:
        """Ingest throughput and ask latency at each scale; a scale past the budget is skipped."""
        from bench.synthetic import generate
        from knowledge.service import KnowledgeService

        s = self.settings(self.root)
        # Configured as `planbot ingest` configures it; loaded once for every scale.
        embedder = Embedder(
            s.embedding_model, s.embedding_batch_size, s.embedding_max_tokens, threads=s.ingest_threads
        )
        rate: float | None = None
        base_chunks: int | None = None
        for factor in self.o.scales:
            left = self.o.budget_s - (time.perf_counter() - self.started)
            if rate and base_chunks:
                estimate = base_chunks * factor / rate * 1.15 + 30
                if estimate > left:
                    self.report.notes.append(
                        f"Scale {factor}× skipped: its ingest would take about {estimate / 60:.0f} min at "
                        f"{rate:.0f} chunks/s, more than the {left / 60:.0f} min left of the "
                        f"{self.o.budget_s / 60:.0f} min budget (--budget-minutes to allow it)."
                    )
                    self.log(f"scale {factor}×: skipped (estimated {estimate / 60:.0f} min)")
                    continue
            self.log(f"scale {factor}×: generating and ingesting …")
            corpus = self.o.corpus
            if factor > 1:
                corpus = generate(self.samples, self.root / f"corpus{factor}", factor, self.o.seed).folder
            settings = self.settings(self.root / f"scale{factor}")
            torch_threads(s.ingest_threads)  # process-wide: the services below set their own
            done = ingest_in_process(settings, embedder, corpus)
            docs, chunks, seconds, failed = done.documents, done.chunks, done.seconds, done.failed
            if done.error:
                self.report.notes.append(f"Scale {factor}×: {done.error}")
            rate = chunks / seconds if seconds else None
            base_chunks = base_chunks or (chunks // factor)
            self.log(f"  {docs} documents, {chunks} chunks in {seconds:.1f} s; asking the dev set …")
            service = KnowledgeService(settings, today=lambda: DEV_SET_TODAY)
            service.warm_up()
            torch_threads(service.embedder.threads)
            result = run_questions(service.answer, self.questions)
            target = {1: t.TARGET_ASK_P95_1X_MS, 100: t.TARGET_ASK_P95_100X_MS}.get(factor)
            self.report.scales.append(
                ScaleRow(
                    scale=factor,
                    documents=docs,
                    chunks=chunks,
                    embedded=done.embedded,
                    ingest_s=seconds,
                    docs_per_s=docs / seconds if seconds else 0.0,
                    chunks_per_s=rate or 0.0,
                    ask_p50_ms=result.overall.p50_ms,
                    ask_p95_ms=result.overall.p95_ms,
                    source_first=result.overall.source_first.value,
                    target_p95_ms=target,
                    note=f"{failed} documents failed" if failed else "",
                )
            )
            del service
            self._step(
                f"replicas {factor}x", functools.partial(self.replicas, factor, corpus, settings, embedder)
            )
            shutil.rmtree(settings.data_dir, ignore_errors=True)
        self.figure(
            "bench process peak RSS (VmHWM)",
            vm_hwm_mb("self"),
            "MB",
            None,
            "holds the model, Planbot's indexes and the baseline in one process",
        )

    def replicas(self, factor: int, corpus: Path, settings: Settings, embedder: Embedder) -> None:
        """A replica over this scale, embedded and (PostgreSQL available) in server mode."""
        from bench.replica import measure_replica

        plans = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
        # A copy: at 1x the corpus is the repository's samples, which must not change.
        changed = self.root / f"changed{factor}" / plans[0].name
        changed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(plans[0], changed)
        sidecar = plans[0].with_name(plans[0].name + ".meta.json")
        if sidecar.exists():
            shutil.copyfile(sidecar, changed.with_name(sidecar.name))
        self.log(f"  replica (embedded) at {factor}×: ready, RSS, reload after one changed plan …")
        self._replica(
            measure_replica(
                "embedded", factor, settings.data_dir, changed, self.root, questions=self.questions
            )
        )
        servers = self._servers() if factor in self.o.server_scales else None
        if servers is None:
            return
        postgres, chroma = servers
        env = {
            "PLANBOT_DATABASE_URL": postgres.new_database(),
            "PLANBOT_CHROMA_HOST": "127.0.0.1",
            "PLANBOT_CHROMA_PORT": str(chroma.port),
            "PLANBOT_CHROMA_COLLECTION": f"bench-{factor}x",
        }
        shared = settings.model_copy(
            update={
                "data_dir": self.root / f"server{factor}",
                "database_url": env["PLANBOT_DATABASE_URL"],
                "chroma_host": "127.0.0.1",
                "chroma_port": chroma.port,
                "chroma_collection": env["PLANBOT_CHROMA_COLLECTION"],
            }
        )
        self.log(f"  replica (PostgreSQL + Chroma server) at {factor}×: ingesting into the servers …")
        done = ingest_in_process(shared, embedder, corpus)
        self.log(f"  … {done.documents} documents in {done.seconds:.1f} s; ready, RSS, reload …")
        self._replica(
            measure_replica(
                "server", factor, shared.data_dir, changed, self.root, env, questions=self.questions
            )
        )

    def _replica(self, figures: object) -> None:
        from bench.replica import ReplicaFigures, as_dict
        from bench.report import ReplicaRow

        assert isinstance(figures, ReplicaFigures)
        row = ReplicaRow.model_validate(as_dict(figures))
        self.report.replicas.append(row)
        self.log(
            f"  {row.mode} {row.scale}×: ready {row.ready_s or 0:.1f} s, RSS {row.rss_mb or 0:.0f} MB, "
            f"ask p50/p95 {row.ask_p50_ms or 0:.0f}/{row.ask_p95_ms or 0:.0f} ms, "
            f"reload {row.reload_s if row.reload_s is not None else float('nan'):.2f} s {row.note}"
        )

    def _servers(self) -> tuple[PostgresServer, ChromaServer] | None:
        """The bench's PostgreSQL and Chroma servers, started on first use (None: no PostgreSQL here)."""
        if self._started_servers is None:
            from bench.services import ChromaServer, PostgresServer, pg_bin

            if pg_bin() is None:
                self.report.notes.append(
                    "Server mode not measured: PostgreSQL is not installed (make postgres)."
                )
                self._started_servers = ()
                return None
            postgres, chroma = PostgresServer(), ChromaServer()
            self._cleanup.extend([postgres.stop, chroma.stop])
            postgres.start()
            chroma.start()
            self._started_servers = (postgres, chroma)
        return self._started_servers or None


def run_bench(options: BenchOptions, log: Log) -> BenchReport:
    """Run the whole benchmark (see the module docstring)."""
    return Bench(options, log).run()
