"""/healthz and users' messages when stores are missing or unreadable (issue 12 rows 3, 4, 9)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import shutil
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from bot import texts
from cli.main import main
from config import Settings
from knowledge.service import KnowledgeService
from tests.bot.conftest import ClientFactory
from tests.bot.fakes import FakeService


class PanicException(BaseException):
    """Stands in for pyo3's `pyo3_runtime.PanicException`, which Chroma's Rust core raises.

    Like the real one it derives from BaseException, not Exception. The real panic could
    not be provoked on demand with chromadb 1.5.9 (corrupting its files gives ChromaErrors).
    """


@pytest.fixture
def data_copy(sample_settings: Settings, tmp_path: Path) -> Settings:
    target = tmp_path / "data"
    shutil.copytree(sample_settings.data_dir, target, ignore=shutil.ignore_patterns("ingest.lock"))
    return sample_settings.model_copy(update={"data_dir": target})


async def _settled(client: TestClient) -> tuple[int, dict[str, object]]:
    """/healthz once the service has left 'starting'."""
    for _ in range(2400):
        response = await client.get("/healthz")
        body = await response.json()
        if body["status"] != "starting":
            return response.status, body
        await asyncio.sleep(0.05)
    raise AssertionError("the service never left 'starting'")


def _service(settings: Settings) -> KnowledgeService:
    return KnowledgeService(settings, today=lambda: dt.date(2023, 6, 15))


async def test_missing_vectors_are_degraded_and_repair_makes_them_ok(
    make_client: ClientFactory, data_copy: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(data_copy.data_dir / "chroma")
    client = await make_client(data_copy, _service(data_copy), ready=False)
    status, body = await _settled(client)
    assert status == 200
    assert body["status"] == "degraded" and body["documents"] == 4
    assert "Vektorer saknas för 4 av 4 dokument" in str(body["reason"])
    asked = await client.post("/api/ask", json={"question": "Vilka mål har Ekonomiskt bistånd 2020?"})
    assert asked.status == 200  # still answered, from the lexical index
    assert await asyncio.to_thread(main, ["--data-dir", str(data_copy.data_dir), "check", "--repair"]) == 0
    capsys.readouterr()
    response = await client.get("/healthz")
    assert (await response.json()) == {"status": "ok", "documents": 4}


async def test_a_corrupt_catalog_is_failed_and_users_are_told_so(
    make_client: ClientFactory, data_copy: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    (data_copy.data_dir / "planbot.sqlite3").write_bytes(b"inte en databas " * 4096)
    for suffix in ("-wal", "-shm"):
        (data_copy.data_dir / f"planbot.sqlite3{suffix}").unlink(missing_ok=True)
    client = await make_client(data_copy, _service(data_copy), ready=False)
    status, body = await _settled(client)
    assert status == 503 and body["status"] == "failed"
    assert "planbot check" in str(body["reason"])
    asked = await client.post("/api/ask", json={"question": "Vilka mål har enheten?"})
    assert asked.status == 503
    message = (await asked.json())["error"]
    assert message == texts.UNAVAILABLE and "startar" not in message
    page = await client.get("/sources/000_91cd92b543baabdb.txt")
    assert page.status == 503 and "kunskapsbasen inte går att läsa" in await page.text()
    assert "failed to warm up" in caplog.text and "Traceback" not in caplog.text


async def test_a_chroma_panic_fails_the_start_clearly_and_is_logged(
    make_client: ClientFactory,
    data_copy: Settings,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import chromadb

    def panic(*args: object, **kwargs: object) -> None:
        raise PanicException("called `Result::unwrap()` on an `Err` value")

    monkeypatch.setattr(chromadb, "PersistentClient", panic)
    client = await make_client(data_copy, _service(data_copy), ready=False)
    status, body = await _settled(client)
    assert status == 503 and body["status"] == "failed"
    assert "Chroma failed while opening the vector index: PanicException" in caplog.text
    asked = await client.post("/api/ask", json={"question": "Vilka mål har enheten?"})
    assert asked.status == 503 and (await asked.json())["error"] == texts.UNAVAILABLE


class _PanickingService(FakeService):
    def warm_up(self) -> None:
        raise PanicException("panic in a Rust extension")


async def test_a_base_exception_in_warm_up_is_failed_not_starting_forever(
    make_client: ClientFactory, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    client = await make_client(settings, _PanickingService(), ready=False)
    status, body = await _settled(client)
    assert status == 503 and body["status"] == "failed"
    assert "PanicException" in str(body["reason"])
    assert "failed to warm up" in caplog.text


def test_a_panic_while_reading_vectors_falls_back_to_lexical(
    data_copy: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    import numpy as np

    from knowledge.store.vectors import VectorIndex

    index = VectorIndex(path=data_copy.chroma_path)

    class Broken:
        def get(self, *args: object, **kwargs: object) -> None:
            raise PanicException("index out of bounds")

    index.collection = Broken()
    index.reopen = lambda: None  # type: ignore[method-assign]
    assert index.search(np.ones(384, dtype=np.float32), 5, ["abc"]) == []
    assert "Vector search unavailable" in caplog.text and "PanicException" in caplog.text
