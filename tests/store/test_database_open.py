"""Opening one fresh SQLite file from many connections at once (jobs starting together)."""

from __future__ import annotations

import threading
from pathlib import Path

from core.db import Database


def test_connections_opening_a_fresh_file_together_all_succeed_in_wal_mode(tmp_path: Path) -> None:
    # SQLite skips the busy handler for the WAL conversion; before the retry in
    # `_use_wal`, about one round in fifty failed with "database is locked".
    errors: list[str] = []
    modes: set[str] = set()
    for round_no in range(100):
        path = tmp_path / f"round{round_no}" / "planbot.sqlite3"
        barrier = threading.Barrier(8)

        def open_once(path: Path = path, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            try:
                db = Database(path)
            except Exception as exc:
                errors.append(repr(exc))
                return
            modes.add(str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower())
            db.close()

        threads = [threading.Thread(target=open_once) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert modes == {"wal"}
