"""`planbot feedback export` (read with plain sqlite3) and the eval/feedback argument parsers."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from bench.evaluation import DevQuestion
from bot.feedback import FEEDBACK_DB_NAME, FeedbackStore
from cli import eval_cmd
from cli.eval_cmd import add_parsers, feedback_candidates
from knowledge.answer import Answer


def _vote(store: FeedbackStore, message_id: str, reaction: str, comment: str) -> None:
    store.add_feedback(channel="web", message_id=message_id, reaction=reaction, comment=comment, user_id="u")


def _store(data_dir: Path) -> FeedbackStore:
    store = FeedbackStore(data_dir / FEEDBACK_DB_NAME)
    store.migrate()
    return store


def _sent(store: FeedbackStore, message_id: str, question: str, conversation: str = "c1") -> None:
    sent = Answer(answer=f"svar {message_id}", kind="goal")
    store.record_sent(message_id, "web", conversation, question, sent)


def test_dislikes_with_comment_become_candidate_questions(tmp_path: Path) -> None:
    store = _store(tmp_path)
    _sent(store, "m1", "Vilka mål har enheten?")
    _sent(store, "m2", "och i Spånga?")
    _sent(store, "m3", "Vad betyder FUT?", conversation="c2")
    _vote(store, "m2", "dislike", "Fel stadsdel")
    _vote(store, "m3", "dislike", "")
    _vote(store, "m1", "like", "Bra!")
    _vote(store, "unknown", "dislike", "??")

    lines, skipped = feedback_candidates(tmp_path / FEEDBACK_DB_NAME)

    assert skipped == 1
    assert len(lines) == 1
    line = lines[0]
    assert line["category"] == "feedback" and line["answer_facts"] == []
    assert line["question"] == "och i Spånga?" and line["context"] == ["Vilka mål har enheten?"]
    assert line["comment"] == "Fel stadsdel" and line["given_answer"] == "svar m2"
    assert DevQuestion.model_validate(line).source is None  # readable as a dev-set line


def test_missing_or_unmigrated_feedback_file_exports_nothing(tmp_path: Path) -> None:
    assert feedback_candidates(tmp_path / "nope.sqlite3") == ([], 0)
    empty = tmp_path / FEEDBACK_DB_NAME
    empty.touch()
    assert feedback_candidates(empty) == ([], 0)


def test_feedback_export_writes_jsonl_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path)
    _sent(store, "m1", "Vad är årsmålet för sjukfrånvaro?")
    _vote(store, "m1", "dislike", "Saknar KF:s mål")
    out = tmp_path / "candidates.jsonl"
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    add_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["--data-dir", str(tmp_path), "feedback", "export", "--out", str(out)])
    assert args.func(args) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["question"] for r in rows] == ["Vad är årsmålet för sjukfrånvaro?"]


def test_feedback_export_without_database_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(data_dir=str(tmp_path), out=None)
    assert eval_cmd.cmd_feedback_export(args) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "finns inte" in captured.err


def test_eval_parser_reads_question_file_json_and_today() -> None:
    parser = argparse.ArgumentParser()
    add_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["eval", "q.jsonl", "--json", "--today", "2023-06-15"])
    assert args.questions == "q.jsonl" and args.json and str(args.today) == "2023-06-15"
    assert args.func is eval_cmd.cmd_eval
