"""Bad input over real HTTP gets a Swedish 4xx, never a 500 (issue 12, rows 1, 7 and 12)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from aiohttp.test_utils import TestClient

from bot import texts
from tests.bot.conftest import ClientFactory, make_settings
from tests.bot.fakes import FakeService

JSON = {"Content-Type": "application/json"}
TOKEN = "hemligt-token-123"


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


async def test_a_lone_surrogate_in_a_question_is_a_400(client: TestClient) -> None:
    response = await client.post("/api/ask", data=b'{"question": "vad \\ud800"}', headers=JSON)
    assert response.status == 400
    assert (await response.json()) == {"error": texts.BAD_CHARACTERS}
    ok = await client.post("/api/ask", json={"question": "Vilka mål har enheten?"})
    assert ok.status == 200


async def test_a_lone_surrogate_in_a_feedback_comment_is_a_400(client: TestClient, tmp_path: Path) -> None:
    asked = await client.post("/api/ask", json={"question": "Vilka mål har enheten?"})
    message_id = asked.headers["X-Planbot-Message-Id"]
    body = f'{{"message_id": "{message_id}", "reaction": "like", "comment": "bra \\udfff"}}'
    response = await client.post("/api/feedback", data=body.encode(), headers=JSON)
    assert response.status == 400
    assert (await response.json()) == {"error": texts.BAD_CHARACTERS}


async def test_deeply_nested_json_is_a_400_on_every_json_endpoint(client: TestClient) -> None:
    for path in ("/api/ask", "/api/feedback", "/api/forget"):
        for body in (_nested(100_000), b'{"question": ' + _nested(50_000) + b"}"):
            response = await client.post(path, data=body, headers=JSON)
            assert response.status == 400, path
            assert (await response.json())["error"] == texts.BAD_JSON
    assert (await client.get("/healthz")).status == 200


async def test_json_endpoints_refuse_text_plain_posts(client: TestClient) -> None:
    # A cross-site <form> or fetch without preflight can only send text/plain or form bodies.
    for path in ("/api/ask", "/api/feedback", "/api/forget"):
        response = await client.post(
            path, data='{"question": "Vilka mål?"}'.encode(), headers={"Content-Type": "text/plain"}
        )
        assert response.status == 415, path
        assert (await response.json())["error"] == texts.UNSUPPORTED_MEDIA
        untyped = await client.post(path)  # no body, no Content-Type: what a bare Blob sends
        assert untyped.status == 415, path
    charset = await client.post(
        "/api/ask",
        data='{"question": "Vilka mål har enheten?"}'.encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert charset.status == 200


async def _raw_request(client: TestClient, head: bytes) -> tuple[int, bytes]:
    """Send bytes aiohttp's client would refuse to write (a non-ASCII header) and read the answer."""
    assert client.server.port is not None
    reader, writer = await asyncio.open_connection("127.0.0.1", client.server.port)
    writer.write(head)
    await writer.drain()
    data = await asyncio.wait_for(reader.read(), 30)
    writer.close()
    status = int(data.split(b" ", 2)[1])
    return status, data


async def test_raw_bytes_in_the_admin_authorization_header_are_a_400(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    client = await make_client(make_settings(tmp_path, admin_token=TOKEN), FakeService())
    for method, path in (("GET", "/api/admin/report"), ("DELETE", "/api/admin/documents/a.txt")):
        status, data = await _raw_request(
            client,
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
            + b"Authorization: Bearer \xff\xfe\r\nConnection: close\r\n\r\n",
        )
        assert status == 400, data
        assert "Authorization" in data.decode("utf-8", "replace")
        assert b"Traceback" not in data
    good = await client.get("/api/admin/report", headers={"Authorization": f"Bearer {TOKEN}"})
    assert good.status == 200


def test_the_feedback_store_never_fails_on_a_lone_surrogate(tmp_path: Path) -> None:
    from bot.feedback import FeedbackStore
    from knowledge.answer import Answer

    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.migrate()
    store.record_sent("m1", "teams", "c1", "vad \ud800 gäller", Answer(answer="svar \udc80", kind="passages"))
    store.add_feedback(channel="teams", message_id="m1", reaction="like", comment="bra \udfff", user_id="u")
    store.close()
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as db:
        assert db.execute("SELECT question, answer FROM sent_messages").fetchone() == (
            "vad \ufffd gäller",
            "svar \ufffd",
        )
        assert db.execute("SELECT comment FROM feedback").fetchone() == ("bra \ufffd",)


async def test_admin_ingest_and_delete_answer_409_while_another_ingest_runs(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    import contextlib

    from core.db import connect
    from ingest.pipeline import Pipeline, writer_lock

    settings = make_settings(tmp_path, admin_token=TOKEN)

    def ingest_paths(paths: list[Path]) -> object:
        with contextlib.closing(Pipeline(settings)) as pipeline:
            return pipeline.ingest(paths or [tmp_path / "corpus"])

    client = await make_client(settings, FakeService(), ingest_paths=ingest_paths)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with writer_lock(connect(settings.database)):  # `planbot ingest` running in another process
        ingest = await client.post("/api/admin/ingest", headers=auth)
        delete = await client.delete("/api/admin/documents/plan.txt", headers=auth)
    for response in (ingest, delete):
        assert response.status == 409
        assert "En annan inläsning pågår" in (await response.json())["error"]
    after = await client.delete("/api/admin/documents/plan.txt", headers=auth)
    assert after.status == 404  # the lock is free again; the document was never there
