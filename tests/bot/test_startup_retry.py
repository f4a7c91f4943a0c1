"""A replica started before its PostgreSQL and Chroma server becomes ready once they are up."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot import runner as runner_module
from knowledge.service import KnowledgeService
from tests.bot.conftest import ClientFactory, make_settings, wait_ready
from tests.support.servers import ChromaServer, PostgresServer, free_port


async def test_a_replica_waits_for_postgres_and_chroma(
    make_client: ClientFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner_module, "WARM_UP_DELAYS", (0.5,) * 240)
    postgres, chroma = PostgresServer(), ChromaServer(port=free_port())
    settings = make_settings(
        tmp_path / "data",
        database_url=postgres.url(),
        chroma_host="127.0.0.1",
        chroma_port=chroma.port,
    )
    try:
        client = await make_client(settings, KnowledgeService(settings), ready=False)
        for _ in range(3):  # neither is up: starting, not failed, for as long as it takes
            response = await client.get("/healthz")
            assert response.status == 503 and (await response.json())["status"] == "starting"
            await asyncio.sleep(0.5)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, postgres.start)
        await loop.run_in_executor(None, chroma.start)
        await wait_ready(client, timeout=120)
        assert (await (await client.get("/healthz")).json())["status"] == "ok"
        vote = await client.post("/api/feedback", json={"message_id": "x", "reaction": "like"})
        assert vote.status == 404  # unknown answer: the feedback tables exist on PostgreSQL now
    finally:
        chroma.stop()
        postgres.stop()
