"""Two `planbot serve` processes with their own empty data dirs share one PostgreSQL and one Chroma.

The deployment a city runs: replicas behind a load balancer, ingest as a separate job. A
follow-up question and a vote may land on the other replica, and a re-ingested plan is
answered by both within seconds, without a restart.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.feedback import FeedbackStore
from tests.knowledge.test_answerer import PLAN
from tests.support.servers import ChromaServer, PostgresServer, free_port

ROOT = Path(__file__).resolve().parent.parent


def _env(database_url: str, chroma: ChromaServer, data_dir: Path, collection: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_")}
    env.update(
        PYTHONPATH=str(ROOT),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        PLANBOT_DATA_DIR=str(data_dir),
        PLANBOT_DATABASE_URL=database_url,
        PLANBOT_CHROMA_HOST="127.0.0.1",
        PLANBOT_CHROMA_PORT=str(chroma.port),
        PLANBOT_CHROMA_COLLECTION=collection,
        PLANBOT_RELOAD_POLL_SECONDS="1",
    )
    return env


def _call(port: int, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any, dict[str, str]]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read()), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null"), dict(exc.headers)


def _ingest(env: dict[str, str], folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "ingest", "--json", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def replicas(
    postgres: PostgresServer, chroma_server: ChromaServer, tmp_path: Path
) -> Iterator[tuple[list[int], dict[str, str], Path, str]]:
    database_url = postgres.new_database()
    collection = f"replicas-{uuid.uuid4().hex[:8]}"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "farsta-2024.txt").write_text(PLAN.format(year=2024, target=85), encoding="utf-8")
    ingest_env = _env(database_url, chroma_server, tmp_path / "ingest-data", collection)
    _ingest(ingest_env, docs)
    ports = [free_port(), free_port()]
    processes = []
    for i, port in enumerate(ports):
        env = _env(database_url, chroma_server, tmp_path / f"replica-{i}", collection)
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    try:
        for port, process in zip(ports, processes, strict=True):
            deadline = time.monotonic() + 180
            while True:
                assert process.poll() is None, "a replica exited"
                try:
                    if _call(port, "/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "a replica never became ready"
                time.sleep(0.3)
        yield ports, ingest_env, docs, database_url
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def test_two_replicas_share_conversations_votes_and_updates(
    replicas: tuple[list[int], dict[str, str], Path, str], tmp_path: Path
) -> None:
    (a, b), ingest_env, docs, database_url = replicas
    for port in (a, b):  # nothing of the catalog is local: both answer from the shared state
        health = _call(port, "/healthz")[1]
        assert health["status"] == "ok" and health["documents"] == 1

    # A follow-up sent to the other replica knows what the conversation was about.
    question = "vad är årsmålet för barnavårdsutredningar klara inom fyra månader?"
    status, first, headers = _call(a, "/api/ask", {"question": question, "conversation_id": "conv-1"})
    assert status == 200 and first["kind"] == "indicator" and "85 %" in first["answer"]
    status, follow, _ = _call(
        b, "/api/ask", {"question": "och periodiciteten då?", "conversation_id": "conv-1"}
    )
    assert status == 200 and "Tertial" in follow["answer"], follow

    # A vote on the other replica finds the answer it is about.
    message_id = headers["X-Planbot-Message-Id"]
    vote = {"message_id": message_id, "reaction": "dislike", "comment": "Fel år"}
    assert _call(b, "/api/feedback", vote)[0] == 200
    store = FeedbackStore(database_url)
    try:
        [stored] = store.all_feedback()
        assert (stored.reaction, stored.question) == ("dislike", question)
    finally:
        store.close()

    # The ingest job commits a new target: both replicas answer it within seconds, no restart.
    (docs / "farsta-2024.txt").write_text(PLAN.format(year=2024, target=95), encoding="utf-8")
    _ingest(ingest_env, docs)
    committed = time.monotonic()
    for port in (a, b):
        while True:
            answer = _call(port, "/api/ask", {"question": question})[1]
            if "95 %" in answer["answer"]:
                break
            assert time.monotonic() - committed < 30, answer
            time.sleep(0.5)
    # Nothing essential is kept locally: the replicas' own data dirs stayed empty.
    local = [p for i in (0, 1) for p in (tmp_path / f"replica-{i}").rglob("*") if p.is_file()]
    assert local == []
