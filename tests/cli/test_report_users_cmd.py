"""`planbot report questions`, `planbot users import` and `planbot feedback export --missar`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.feedback import FEEDBACK_DB_NAME, FeedbackStore
from bot.users import USERS_DB_NAME, KeyKind, UserStore, user_key
from cli.main import build_parser, main
from knowledge.answer import Answer


def _session(data_dir: Path) -> None:
    store = FeedbackStore(data_dir / FEEDBACK_DB_NAME)
    store.migrate()
    for n, question in enumerate(
        ["Hur många hembesök gör ni?", "hur många hembesök gör ni", "Vad kostar HVB?"]
    ):
        store.record_sent(f"m{n}", "web", "conv-anna", question, Answer(answer="Inget.", kind="not_found"))
    store.record_sent("m9", "teams", "conv-bo", "Vilka mål?", Answer(answer="Vilken enhet?", kind="clarify"))
    store.close()


def test_report_questions_groups_the_misses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _session(tmp_path)
    assert main(["report", "questions", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Inget svar: 3" in out and "Motfråga: 1" in out
    assert "    2  Hur många hembesök gör ni?" in out
    assert "conv-anna" not in out
    assert main(["report", "questions", "--since", "2999-01-01", "--json", "--data-dir", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["misses"] == []


def test_report_questions_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "questions", "--since", "igår"])
    assert "ÅÅÅÅ-MM-DD" in capsys.readouterr().err


def test_feedback_export_with_misses(tmp_path: Path) -> None:
    _session(tmp_path)
    out_file = tmp_path / "kandidater.jsonl"
    args = build_parser().parse_args(["feedback", "export", "--missar", "--out", str(out_file)])
    args.data_dir = str(tmp_path)
    assert args.func(args) == 0
    lines = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [line["question"] for line in lines] == [
        "Hur många hembesök gör ni?",
        "Vad kostar HVB?",
        "Vilka mål?",
    ]


def test_users_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = tmp_path / "enheter.csv"
    csv_file.write_text(
        "aadObjectId,unit\naad-1,Stöd- och aktivitetsenheten\n,Ekonomiskt bistånd\n", encoding="utf-8"
    )
    assert main(["users", "import", str(csv_file), "--data-dir", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "1 användare fick en enhet (1 rader hoppades över)" in captured.out
    assert "rad 3" in captured.err
    store = UserStore(tmp_path / USERS_DB_NAME)
    assert store.unit_of([user_key(KeyKind.AAD, "aad-1")]) == "Stöd- och aktivitetsenheten"
    store.close()
    assert main(["users", "import", str(tmp_path / "saknas.csv"), "--data-dir", str(tmp_path)]) == 2
    bad = tmp_path / "fel.csv"
    bad.write_text("namn\nAnna\n", encoding="utf-8")
    assert main(["users", "import", str(bad), "--data-dir", str(tmp_path)]) == 2
    assert "kolumnerna saknas" in capsys.readouterr().err
