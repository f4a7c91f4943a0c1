"""`planbot serve` as a subprocess on loopback: ready time, sequential asks, a bounded load test, peak RSS.

Every request goes to 127.0.0.1 only; every loop is bounded in count and in time.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.evaluation import DevQuestion, percentile
from bench.machine import vm_hwm_mb
from config.settings import REPO_ROOT

HOST = "127.0.0.1"
READY_TIMEOUT_S = 180.0
REQUEST_TIMEOUT_S = 30.0

Answers = list[dict[str, object]]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def planbot_env(data_dir: Path) -> dict[str, str]:
    """The environment of a `planbot` subprocess over `data_dir` (offline, no telemetry)."""
    env = dict(os.environ)
    env.update(
        {
            "PLANBOT_DATA_DIR": str(data_dir),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "TOKENIZERS_PARALLELISM": "false",
        }
    )
    return env


def planbot_command(*args: str) -> list[str]:
    """`planbot ARGS` run with this interpreter (works without the console script on PATH)."""
    return [sys.executable, "-m", "cli.main", *args]


@dataclass
class LoadResult:
    """Outcome of the concurrent-users test."""

    users: int
    per_user: int
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    error_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def throughput(self) -> float:
        """Completed requests per second."""
        return (self.requests - self.errors) / self.seconds if self.seconds else 0.0


class Server:
    """A running `planbot serve` subprocess (use as a context manager; always stopped on exit)."""

    def __init__(self, data_dir: Path, log_path: Path, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.env = env or {}  # extra environment (the shared database and Chroma server)
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self.ready_s: float | None = None

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> float:
        """Start the server and wait until /healthz answers 200.

        Returns:
            Seconds from process start to the first 200.

        Raises:
            RuntimeError: When the server exits or is not ready within READY_TIMEOUT_S.
        """
        import urllib.error
        import urllib.request

        log = open(self.log_path, "wb")  # noqa: SIM115 - closed with the process
        started = time.perf_counter()
        self.process = subprocess.Popen(
            planbot_command("serve", "--host", HOST, "--port", str(self.port)),
            env={**planbot_env(self.data_dir), **self.env},
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = started + READY_TIMEOUT_S
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                raise RuntimeError(f"planbot serve exited with {code}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        self.ready_s = time.perf_counter() - started
                        return self.ready_s
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise RuntimeError(f"planbot serve was not ready within {READY_TIMEOUT_S:.0f} s; see {self.log_path}")

    def peak_rss_mb(self) -> float | None:
        """The server's VmHWM so far."""
        return vm_hwm_mb(self.process.pid) if self.process else None

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    # -- requests ----------------------------------------------------------------------

    def ask_sequential(self, questions: Sequence[DevQuestion]) -> tuple[list[float], Answers]:
        """Ask every dev question in turn (context questions first, same conversation id).

        Returns:
            Latency of each question itself in ms, and each answer's JSON.
        """
        return asyncio.run(self._ask_sequential(questions))

    async def _ask_sequential(self, questions: Sequence[DevQuestion]) -> tuple[list[float], Answers]:
        import aiohttp

        latencies: list[float] = []
        answers: Answers = []
        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            for q in questions:
                conversation = uuid.uuid4().hex
                for earlier in q.context:
                    async with session.post(
                        f"{self.base}/api/ask", json={"question": earlier, "conversation_id": conversation}
                    ) as r:
                        await r.read()
                started = time.perf_counter()
                async with session.post(
                    f"{self.base}/api/ask", json={"question": q.question, "conversation_id": conversation}
                ) as r:
                    body = await r.json() if r.status == 200 else {"answer": "", "kind": f"http_{r.status}"}
                latencies.append(1000 * (time.perf_counter() - started))
                answers.append(body)
        return latencies, answers

    def load(self, questions: Sequence[str], users: int, per_user: int, cap_s: float) -> LoadResult:
        """`users` concurrent clients, each asking `per_user` questions back to back, within `cap_s` s."""
        return asyncio.run(self._load(questions, users, per_user, cap_s))

    async def _load(self, questions: Sequence[str], users: int, per_user: int, cap_s: float) -> LoadResult:
        import aiohttp

        latencies: list[float] = []
        errors: dict[str, int] = {}
        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
        started = time.perf_counter()
        deadline = started + cap_s

        def fail(kind: str) -> None:
            errors[kind] = errors.get(kind, 0) + 1

        async def user(session: aiohttp.ClientSession, index: int) -> None:
            for turn in range(per_user):
                if time.perf_counter() >= deadline:
                    fail("not started (time cap)")
                    continue
                question = questions[(index * per_user + turn) % len(questions)]
                t0 = time.perf_counter()
                try:
                    async with session.post(f"{self.base}/api/ask", json={"question": question}) as r:
                        await r.read()
                        if r.status != 200:
                            fail(f"http {r.status}")
                            continue
                except (aiohttp.ClientError, TimeoutError) as exc:
                    fail(type(exc).__name__)
                    continue
                latencies.append(1000 * (time.perf_counter() - t0))

        connector = aiohttp.TCPConnector(limit=users)
        async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
            tasks = [asyncio.create_task(user(session, i)) for i in range(users)]
            _, pending = await asyncio.wait(tasks, timeout=cap_s + REQUEST_TIMEOUT_S)
            for task in pending:
                task.cancel()
                fail("cancelled (time cap)")
        seconds = time.perf_counter() - started
        n_errors = sum(errors.values())
        return LoadResult(
            users=users,
            per_user=per_user,
            requests=len(latencies) + n_errors,
            errors=n_errors,
            seconds=seconds,
            p50_ms=percentile(latencies, 50),
            p95_ms=percentile(latencies, 95),
            error_kinds=errors,
        )
