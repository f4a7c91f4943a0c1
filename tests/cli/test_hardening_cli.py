"""The CLI says in Swedish what is wrong instead of printing tracebacks (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main
from core.db import connect
from ingest.pipeline import writer_lock


def test_documents_remove_while_an_ingest_runs_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with writer_lock(connect(tmp_path / "planbot.sqlite3")):
        code = main(["--data-dir", str(tmp_path), "documents", "remove", "plan.txt"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == "Fel: En annan inläsning pågår redan. Vänta tills den är klar och försök igen."


def test_a_busy_database_is_reported_as_busy_not_as_unreadable(tmp_path: Path) -> None:
    import sqlite3

    from cli.main import _store_error, build_parser

    args = build_parser().parse_args(["--data-dir", str(tmp_path), "documents"])
    busy = _store_error(sqlite3.OperationalError("database is locked"), args)
    broken = _store_error(sqlite3.DatabaseError("file is not a database"), args)
    assert busy is not None and "upptagen av en annan process" in busy and "kan inte läsas" not in busy
    assert broken is not None and "kan inte läsas" in broken
