"""SQLite connection and migrations shared by every Planbot store (simonw/llm style)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path


def connect(path: Path) -> sqlite3.Connection:
    """Open the database in WAL mode so a server can read while ingest writes.

    Args:
        path: Database file; its folder is created when missing.

    Returns:
        A connection in autocommit mode (transactions are opened explicitly with BEGIN).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    return conn


def migrate(conn: sqlite3.Connection, component: str, scripts: Sequence[str]) -> None:
    """Apply the component's migrations that have not run yet, each in its own transaction.

    Args:
        conn: An open connection.
        component: Name under which the applied version is recorded in `meta`.
        scripts: SQL scripts in order; never edit a released one, append a new one.
    """
    key = f"schema:{component}"
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    applied = int(row["value"]) if row else 0
    for version, script in enumerate(scripts[applied:], start=applied + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in script.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, str(version)),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
