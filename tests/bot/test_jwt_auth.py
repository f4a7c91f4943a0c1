"""Token validation with real RS256 tokens against a local stand-in for Microsoft's key endpoint.

The only fake is the OpenID metadata / JWKS endpoint (Microsoft's cloud); botbuilder's own
validation code runs unchanged. The endpoint runs in a thread because botbuilder fetches
keys with blocking `requests` calls on the event loop.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from aiohttp.test_utils import TestClient
from botframework.connector.auth import ChannelValidation
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from config.settings import Settings
from tests.bot.conftest import ClientFactory
from tests.bot.fakes import FakeConnector, FakeService
from tests.bot.test_http_messages import activity

APP_ID = "00000000-1111-2222-3333-444444444444"
ISSUER = "https://api.botframework.com"


def _private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def trusted_key(monkeypatch: pytest.MonkeyPatch) -> Iterator[rsa.RSAPrivateKey]:
    """Serve a JWKS holding one trusted key and point botbuilder's channel validation at it."""
    key = _private_key()
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": "planbot-test", "use": "sig", "endorsements": ["msteams"]})

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{server.server_address[1]}"
            payload: dict[str, Any] = (
                {"issuer": ISSUER, "jwks_uri": f"{base}/keys"}
                if self.path.endswith("openid-configuration")
                else {"keys": [jwk]}
            )
            data = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1/.well-known/openid-configuration"
    monkeypatch.setattr(ChannelValidation, "open_id_metadata_endpoint", url)
    yield key
    server.shutdown()
    server.server_close()


def token(key: rsa.RSAPrivateKey, service_url: str, **claims: Any) -> str:
    now = int(time.time())
    payload = {"iss": ISSUER, "aud": APP_ID, "serviceurl": service_url, "nbf": now - 10, "exp": now + 600}
    payload.update(claims)
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "planbot-test"})


@pytest.fixture
async def secured(make_client: ClientFactory, settings: Settings) -> tuple[TestClient, Settings]:
    secure = settings.model_copy(update={"app_id": APP_ID, "app_password": "hemligt"})
    return await make_client(secure, FakeService()), secure


async def test_forged_signature_is_rejected(
    trusted_key: rsa.RSAPrivateKey, secured: Any, connector: tuple[FakeConnector, str]
) -> None:
    client, _ = secured
    fake, url = connector
    forged = token(_private_key(), url)
    response = await client.post(
        "/api/messages", json=activity(url, text="hej"), headers={"Authorization": f"Bearer {forged}"}
    )
    assert response.status == 401
    assert fake.received == []


async def test_token_for_another_bot_is_rejected(
    trusted_key: rsa.RSAPrivateKey, secured: Any, connector: tuple[FakeConnector, str]
) -> None:
    client, _ = secured
    _, url = connector
    other = token(trusted_key, url, aud="some-other-bot")
    response = await client.post(
        "/api/messages", json=activity(url, text="hej"), headers={"Authorization": f"Bearer {other}"}
    )
    assert response.status == 401


async def test_expired_token_is_rejected(
    trusted_key: rsa.RSAPrivateKey, secured: Any, connector: tuple[FakeConnector, str]
) -> None:
    client, _ = secured
    _, url = connector
    old = token(trusted_key, url, nbf=int(time.time()) - 7200, exp=int(time.time()) - 3600)
    response = await client.post(
        "/api/messages", json=activity(url, text="hej"), headers={"Authorization": f"Bearer {old}"}
    )
    assert response.status == 401


async def test_valid_token_is_accepted(
    trusted_key: rsa.RSAPrivateKey, secured: Any, connector: tuple[FakeConnector, str]
) -> None:
    client, settings = secured
    _, url = connector
    # A feedback invoke needs no outgoing call (which would need a real AAD token).
    invoke = activity(
        url,
        type="invoke",
        name="message/submitAction",
        replyToId="reply-9",
        value={"actionName": "feedback", "actionValue": {"reaction": "like", "feedback": "{}"}},
    )
    response = await client.post(
        "/api/messages", json=invoke, headers={"Authorization": f"Bearer {token(trusted_key, url)}"}
    )
    assert response.status == 200
    with sqlite3.connect(settings.data_dir / "feedback.sqlite3") as db:
        assert db.execute("SELECT reaction, message_id FROM feedback").fetchall() == [
            ("like", "a:personal-conv#reply-9")
        ]
