"""The `planbot` command's own behaviour: clear Swedish errors instead of stack traces."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from cli.main import main


def test_serve_reports_a_taken_port(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["--data-dir", str(tmp_path), "serve", "--port", str(port)])
    assert code == 2
    assert "Är porten upptagen?" in capsys.readouterr().err


def test_serve_refuses_public_address_without_auth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "Fel:" in capsys.readouterr().err


def test_ask_with_nothing_ingested_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "ask", "vad betyder APT?"]) == 0
    assert "Inga dokument är inlästa" in capsys.readouterr().out
