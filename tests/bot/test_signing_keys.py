"""A slow or dead Bot Framework key endpoint never holds up other users (issue 12 row 2).

The key endpoint stands in for Microsoft's cloud on loopback; it holds each request until
the test opens its gate, so the tests assert on ordering, not on timings.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from botframework.connector.auth import ChannelValidation
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from config.settings import Settings
from tests.bot.conftest import ClientFactory
from tests.bot.fakes import FakeConnector, FakeService
from tests.bot.test_http_messages import activity
from tests.bot.test_jwt_auth import APP_ID, ISSUER, _private_key, token


@dataclass
class SlowKeys:
    """A key endpoint that answers only once `gate` is set."""

    key: rsa.RSAPrivateKey
    gate: threading.Event = field(default_factory=threading.Event)
    asked: threading.Event = field(default_factory=threading.Event)
    hits: int = 0


@pytest.fixture
def slow_keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlowKeys]:
    state = SlowKeys(_private_key())
    jwk = json.loads(RSAAlgorithm.to_jwk(state.key.public_key()))
    jwk.update({"kid": "planbot-test", "use": "sig", "endorsements": ["msteams"]})

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.endswith("openid-configuration"):
                state.hits += 1
                state.asked.set()
                state.gate.wait(120)
            base = f"http://127.0.0.1:{server.server_address[1]}"
            payload: dict[str, Any] = (
                {"issuer": ISSUER, "jwks_uri": f"{base}/keys"}
                if self.path.endswith("openid-configuration")
                else {"keys": [jwk]}
            )
            data = json.dumps(payload).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up (timeout)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1/.well-known/openid-configuration"
    monkeypatch.setattr(ChannelValidation, "open_id_metadata_endpoint", url)
    yield state
    state.gate.set()
    server.shutdown()
    server.server_close()


def _invoke(url: str) -> dict[str, Any]:
    # A feedback invoke needs no outgoing call (which would need a real AAD token).
    return activity(
        url,
        type="invoke",
        name="message/submitAction",
        replyToId="reply-9",
        value={"actionName": "feedback", "actionValue": {"reaction": "like", "feedback": "{}"}},
    )


async def _wait(event: threading.Event) -> None:
    for _ in range(600):
        if event.is_set():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the key endpoint was never asked")


async def test_a_slow_key_endpoint_does_not_delay_other_users(
    make_client: ClientFactory,
    settings: Settings,
    slow_keys: SlowKeys,
    connector: tuple[FakeConnector, str],
) -> None:
    secure = settings.model_copy(update={"app_id": APP_ID, "app_password": "hemligt"})
    client = await make_client(secure, FakeService())
    _, url = connector
    headers = {"Authorization": f"Bearer {token(slow_keys.key, url)}"}
    teams = asyncio.create_task(client.post("/api/messages", json=_invoke(url), headers=headers))
    await _wait(slow_keys.asked)
    # The key fetch hangs; a web user's question is answered meanwhile.
    ask = await asyncio.wait_for(client.post("/api/ask", json={"question": "Vilka mål har enheten?"}), 60)
    assert ask.status == 200
    assert (await client.get("/healthz")).status == 200
    assert not teams.done(), "the Teams request finished before its keys arrived"
    slow_keys.gate.set()
    response = await asyncio.wait_for(teams, 60)
    assert response.status == 200  # validated once the keys came


async def test_a_dead_key_endpoint_times_out_and_is_not_asked_again_at_once(
    make_client: ClientFactory,
    settings: Settings,
    slow_keys: SlowKeys,
    connector: tuple[FakeConnector, str],
) -> None:
    secure = settings.model_copy(
        update={
            "app_id": APP_ID,
            "app_password": "hemligt",
            "key_fetch_timeout_s": 0.5,
            "key_fetch_backoff_s": 3600.0,
        }
    )
    client = await make_client(secure, FakeService())
    fake, url = connector
    headers = {"Authorization": f"Bearer {token(slow_keys.key, url)}"}
    first = await asyncio.wait_for(client.post("/api/messages", json=_invoke(url), headers=headers), 60)
    assert first.status == 401  # timed out, never answered
    assert slow_keys.hits == 1
    for _ in range(3):  # within the back-off: refused at once, the endpoint is left alone
        again = await asyncio.wait_for(client.post("/api/messages", json=_invoke(url), headers=headers), 60)
        assert again.status == 401
    assert slow_keys.hits == 1
    assert fake.received == []
