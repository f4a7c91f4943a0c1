"""Throw-away PostgreSQL and Chroma servers on free loopback ports (tests and `planbot bench`)."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pg_bin() -> Path | None:
    """Folder of the newest installed PostgreSQL server binaries (Debian layout), or None."""
    for folder in PG_BIN_DIRS:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class PostgresServer:
    """A PostgreSQL cluster in a temporary folder, for one test session.

    initdb refuses to run as root, and CI runs as root: then the cluster belongs to the
    `postgres` system user (created by Debian's package) and its commands run through
    `runuser`. Authentication is `trust` on loopback only; fsync is off (throw-away data).
    """

    def __init__(self, port: int | None = None) -> None:
        binaries = pg_bin()
        if binaries is None:
            raise RuntimeError(
                "PostgreSQL server binaries are missing: run `make postgres` (Debian package postgresql)"
            )
        self.bin = binaries
        self.root = Path(tempfile.mkdtemp(prefix="planbot-pg-"))
        self.port = port or free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        """initdb, then pg_ctl start (waits until it accepts connections)."""
        data = self.root / "data"
        self._run(
            str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "planbot",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        options += " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(data), "-o", options,
            "-l", str(self.root / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        """Stop the cluster and delete its folder."""
        with contextlib.suppress(Exception):
            self._run(
                str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop"
            )
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """Connection URL of one database of the cluster."""
        return f"postgresql://planbot@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database (one per test keeps tests independent) and return its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """A started PostgresServer, stopped at the end."""
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


class ChromaServer:
    """`chroma run` on a free loopback port with its data in a temporary folder."""

    def __init__(self, port: int | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="planbot-chroma-"))
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60) -> None:
        """Start the server and wait for its heartbeat."""
        chroma = Path(sys.executable).with_name("chroma")
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        self.process = subprocess.Popen(
            [str(chroma), "run", "--host", "127.0.0.1", "--port", str(self.port), "--path", str(self.root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chroma run exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("chroma run did not answer its heartbeat")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and delete its data."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def chroma_server() -> Iterator[ChromaServer]:
    """A started ChromaServer, stopped at the end."""
    server = ChromaServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()
