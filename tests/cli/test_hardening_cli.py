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
