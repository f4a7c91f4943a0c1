"""Fuzzing the HTTP API with hypothesis: whatever arrives, the answer is never a 5xx (issue 12).

A real aiohttp server on loopback (the fake knowledge service: this is about HTTP), with the
Bot Framework app id set so `/api/messages` validates tokens, and the admin API on. Bounded:
a fixed number of examples, each with a deadline.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import create_app
from tests.bot.conftest import make_settings
from tests.bot.fakes import FakeService

PATHS = [
    "/api/ask",
    "/api/feedback",
    "/api/forget",
    "/api/messages",
    "/healthz",
    "/sources/000_eb.txt",
    "/sources/%ff%fe",
    "/api/admin/report",
    "/api/admin/ingest",
    "/api/admin/documents/plan.txt",
    "/api/admin/indicators/import",
    "/charts/x.svg",
]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=gräns",
    "multipart/form-data",
    None,
]
TOKEN = "fuzz-admin-token"

# Text with anything JSON can carry: lone surrogates, NUL, RTL marks, emoji.
texts = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texts
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20,
)
fields = st.fixed_dictionaries(
    {},
    optional={
        "question": json_values | texts,
        "conversation_id": json_values | st.from_regex(r"[A-Za-z0-9_.:-]{1,20}", fullmatch=True),
        "message_id": json_values | st.from_regex(r"[0-9a-f]{32}", fullmatch=True),
        "reaction": st.sampled_from(["like", "dislike", "meh"]) | json_values,
        "comment": texts,
        "type": st.sampled_from(["message", "invoke", ""]) | texts,
        "serviceUrl": st.just("http://127.0.0.1:9/"),
    },
)


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=True).encode()


bodies = st.one_of(
    fields.map(_encode),
    json_values.map(_encode),
    st.binary(max_size=500),
    st.integers(1, 60_000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(1, 60_000).map(lambda n: b'{"question": ' + b"[" * n),
    st.just(b""),
)
headers = st.fixed_dictionaries(
    {},
    optional={
        # http.client sends header values as Latin-1: \xff bytes and the like reach the app raw
        # (control characters are refused by aiohttp's parser before the app; see below).
        "Authorization": st.sampled_from([f"Bearer {TOKEN}", "Bearer", "Basic x", ""])
        | st.text(st.characters(max_codepoint=255, exclude_categories=("Cc",)), max_size=40),
        "Accept": st.sampled_from(["*/*", "text/html", "application/json"]),
    },
)


class Server:
    """Planbot on a loopback port, run by its own event loop in a thread."""

    def __init__(self, data_dir: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self.ready = threading.Event()
        settings = make_settings(
            data_dir, admin_token=TOKEN, MicrosoftAppId="fuzz-app", MicrosoftAppPassword="x"
        )
        self.app = create_app(settings, FakeService())
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        runner = web.AppRunner(self.app)
        self.loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = runner.addresses[0][1]
        self.runner = runner
        self.ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(runner.cleanup())

    def start(self) -> None:
        self.thread.start()
        assert self.ready.wait(60)
        for _ in range(600):  # until warmed up
            if self.request("GET", "/healthz", b"", {})[0] == 200:
                return
            threading.Event().wait(0.05)
        raise AssertionError("never ready")

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)

    def request(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("fuzz"))
    running.start()
    yield running
    running.stop()


@settings(
    max_examples=250,
    deadline=10_000,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
    database=None,
)
@given(
    method=st.sampled_from(["POST", "POST", "GET", "DELETE", "PUT"]),
    path=st.sampled_from(PATHS),
    content_type=st.sampled_from(CONTENT_TYPES),
    body=bodies,
    extra=headers,
)
def test_no_request_gets_a_5xx(
    server: Server, method: str, path: str, content_type: str | None, body: bytes, extra: dict[str, str]
) -> None:
    request_headers = dict(extra)
    if content_type:
        request_headers["Content-Type"] = content_type
    status, data = server.request(method, path, body, request_headers)
    assert status < 500, (status, data[:300])
    assert b"Traceback" not in data
    if status >= 400 and path.startswith("/api/"):
        assert json.loads(data)["error"], data[:300]  # a Swedish message, never empty


def test_control_bytes_in_a_header_are_a_400_and_one_log_line(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="aiohttp.server")
    status, _ = server.request("GET", "/healthz", b"", {"Authorization": "Bearer \x1f"})
    assert status == 400
    for _ in range(100):
        if "malformed" in caplog.text:
            break
        threading.Event().wait(0.05)
    assert "Rejected a malformed HTTP request" in caplog.text
    assert "Traceback" not in caplog.text


def test_the_server_still_answers_after_the_fuzzing(server: Server) -> None:
    status, data = server.request(
        "POST",
        "/api/ask",
        _encode({"question": "Vilka mål har enheten?"}),
        {"Content-Type": "application/json"},
    )
    assert status == 200 and json.loads(data)["answer"]
