"""Every store test runs once on SQLite and once on a real PostgreSQL (the contract)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.servers import PostgresServer


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a fresh, empty Planbot database lives: an SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "planbot.sqlite3"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()
