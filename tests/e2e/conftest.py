"""Real clients for Planbot: the Microsoft 365 Agents Playground (npm) and Chromium.

The npm packages live in tests/e2e/node_modules (`make e2e-deps`, i.e. `npm ci` here);
a test session that finds them missing runs `npm ci` itself. Everything listens on
loopback ports chosen at run time and is stopped when the tests end.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot import keys
from bot.app import create_app
from config.settings import Settings

E2E = Path(__file__).resolve().parent
NODE_MODULES = E2E / "node_modules"
PLAYGROUND_CLI = NODE_MODULES / "@microsoft" / "m365agentsplayground" / "cli.js"
MANIFEST_SCHEMAS = NODE_MODULES / "@microsoft" / "app-manifest" / "build" / "json-schemas" / "teams"
CHROMIUM = Path("/usr/bin/chromium")
NODE = shutil.which("node")
ARTIFACTS = E2E.parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

needs_node = pytest.mark.skipif(NODE is None, reason="needs Node.js (make e2e-deps installs it)")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")


def free_port() -> int:
    """A free loopback port (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def npm_packages() -> Path:
    """tests/e2e/node_modules, installed from the lockfile when missing."""
    if NODE is None:
        pytest.skip("needs Node.js (make e2e-deps installs it)")
    if not PLAYGROUND_CLI.exists():
        npm = shutil.which("npm")
        assert npm, "node is installed but npm is not: run make e2e-deps"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=E2E, check=True, timeout=600)
    return NODE_MODULES


@dataclass
class RunningPlanbot:
    """Planbot serving on a loopback port."""

    url: str
    app: web.Application


@pytest.fixture
async def planbot(sample_settings: Settings, knowledge_service: Any) -> AsyncIterator[RunningPlanbot]:
    """Planbot with the real service over the ingested samples, auth off, on a free port."""
    port = free_port()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=sample_settings.data_dir,
        corpus_dirs=sample_settings.corpus_dirs,
        public_url=f"http://127.0.0.1:{port}",
        MicrosoftAppId="",
        MicrosoftAppPassword="",
        MicrosoftAppTenantId="",
    )
    app = create_app(settings, knowledge_service)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    await app[keys.WARM_UP_TASK]  # ready, and the example questions checked
    assert app[keys.RUNNER].ready
    yield RunningPlanbot(f"http://127.0.0.1:{port}", app)
    await runner.cleanup()


@pytest.fixture
def playground(npm_packages: Path, planbot: RunningPlanbot, tmp_path: Path) -> Iterator[str]:
    """The Agents Playground pointed at Planbot; yields its URL.

    Its server calls listen() without a host; loopback.cjs (preloaded) binds it to
    127.0.0.1. TEAMSAPPTESTER_BROWSER=none keeps it from opening a browser itself.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "TEAMSAPPTESTER_BROWSER": "none",
        "BOT_ENDPOINT": f"{planbot.url}/api/messages",
    }
    log = (tmp_path / "playground.log").open("w")
    process = subprocess.Popen(
        [
            str(NODE),
            "-r",
            str(E2E / "loopback.cjs"),
            str(PLAYGROUND_CLI),
            "--app-endpoint",
            f"{planbot.url}/api/messages",
            "--channel-id",
            "msteams",
            "--port",
            str(port),
            "--service-url",
            f"{url}/_connector",
            "--disable-telemetry",
        ],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "playground.log").read_text()
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert time.monotonic() < deadline, "the Agents Playground did not start"
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    """Headless Debian Chromium driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium (make browser)")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        await chromium.close()


async def wait_until(check: Any, timeout: float = 30.0) -> None:
    """Poll an async predicate until it is true."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "condition never became true"
        await asyncio.sleep(0.2)
