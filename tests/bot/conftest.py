"""Fixtures for the bot tests: settings, the fake service, live test servers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot import keys
from bot.app import create_app
from config.settings import Settings
from tests.bot.fakes import FakeConnector, FakeService

PUBLIC_URL = "https://planbot.example.se"
ADMIN_ID = "aad-admin-0001"


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings isolated from the environment and any .env file."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "public_url": PUBLIC_URL,
        "admin_ids": [ADMIN_ID],
        "MicrosoftAppId": "",
        "MicrosoftAppPassword": "",
        "MicrosoftAppTenantId": "",
        "max_question_chars": 2000,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def fake_service() -> FakeService:
    return FakeService()


async def wait_ready(client: TestClient, timeout: float = 120.0) -> None:
    """Poll /healthz until the service has warmed up."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        response = await client.get("/healthz")
        if response.status == 200:
            # Start-up then asks the example questions once; wait for that so tests see
            # only their own questions in FakeService.calls.
            await client.app[keys.WARM_UP_TASK]
            service = client.app[keys.RUNNER].service
            if isinstance(service, FakeService):
                service.calls.clear()
            return
        assert loop.time() < deadline, "service never became ready"
        await asyncio.sleep(0.05)


ClientFactory = Callable[..., Awaitable[TestClient]]


@pytest.fixture
async def make_client() -> AsyncIterator[ClientFactory]:
    """Start Planbot on a real loopback port; `ready=False` skips waiting for warm-up."""
    clients: list[TestClient] = []

    async def factory(settings: Settings, service: Any, *, ready: bool = True, **kwargs: Any) -> TestClient:
        client = TestClient(TestServer(create_app(settings, service, **kwargs), host="127.0.0.1"))
        await client.start_server()
        clients.append(client)
        if ready:
            await wait_ready(client)
        return client

    yield factory
    for client in clients:
        await client.close()


@pytest.fixture
async def client(make_client: ClientFactory, settings: Settings, fake_service: FakeService) -> TestClient:
    return await make_client(settings, fake_service)


@pytest.fixture
async def connector() -> AsyncIterator[tuple[FakeConnector, str]]:
    """A fake Bot Connector on its own loopback port; yields it and its base URL."""
    fake = FakeConnector()
    server = TestServer(fake.app(), host="127.0.0.1")
    await server.start_server()
    yield fake, str(server.make_url("")).rstrip("/")
    await server.close()
