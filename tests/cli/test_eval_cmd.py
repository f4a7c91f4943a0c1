"""`planbot feedback export` (read with plain sqlite3) and the eval/feedback argument parsers."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from bench.evaluation import DevQuestion, QuestionResult, build_report
from bot.feedback import FEEDBACK_DB_NAME, FeedbackStore
from cli import eval_cmd
from cli.eval_cmd import add_parsers, feedback_candidates
from cli.main import main
from config import Settings
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


# -- planbot eval --split / --lodo / --report ------------------------------------------------


def _eval_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    add_parsers(parser.add_subparsers(dest="command"))
    return parser


def test_eval_parser_reads_split_lodo_and_report() -> None:
    args = _eval_parser().parse_args(["eval", "q.jsonl", "--split", "holdout", "--lodo", "--report"])
    assert (args.split, args.lodo, args.report) == ("holdout", True, True)
    defaults = _eval_parser().parse_args(["eval", "q.jsonl"])
    assert (defaults.split, defaults.lodo, defaults.report) == ("all", False, False)
    with pytest.raises(SystemExit):
        _eval_parser().parse_args(["eval", "q.jsonl", "--split", "test"])


def test_split_lodo_and_report_need_a_split_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "staff.jsonl"
    path.write_text(
        '{"id": "s-1", "category": "negative", "question": "x?", "source": null}\n', encoding="utf-8"
    )
    for flags in (["--split", "holdout"], ["--lodo"], ["--report"]):
        args = _eval_parser().parse_args(["eval", str(path), *flags])
        assert args.func(args) == 2
        err = capsys.readouterr().err
        assert "saknar fältet 'split'" in err and "bench.splits" in err and str(path) in err


def test_side_by_side_rows_align_categories_across_columns() -> None:
    def result(qid: str, category: str, facts: bool) -> QuestionResult:
        return QuestionResult(id=qid, category=category, question="?", kind="indicator", ms=1.0, facts=facts)

    tune = build_report([result("a", "goal", True), result("b", "count", False)])
    holdout = build_report([result("c", "goal", False)])
    rows = eval_cmd.side_by_side_rows({"tune": tune, "holdout": holdout})
    per_column = 1 + len(eval_cmd.REPORT_METRICS)  # n, then the metrics
    facts = 1 + eval_cmd.REPORT_METRICS.index("facts")
    tune_n, holdout_n = 1, 1 + per_column
    assert [r[0] for r in rows] == ["ALL", "count", "goal"]
    assert all(len(r) == 1 + 2 * per_column for r in rows)
    assert (rows[0][tune_n], rows[0][tune_n + facts]) == ("2", "50.0")
    assert (rows[1][tune_n + facts], rows[1][holdout_n], rows[1][holdout_n + facts]) == ("0.0", "0", "–")
    assert rows[2][holdout_n + facts] == "0.0"


def _two_format_file(path: Path) -> None:
    lines = [
        {
            "id": "d-1",
            "category": "indicator",
            "question": "vad är årsmålet för sjukfrånvaro dag 1-14 på ek bistånd och beroende 2023?",
            "answer_facts": ["3,5 %"],
            "source": "000_91cd92b543baabdb.txt",
            "split": "tune",
        },
        {
            "id": "s-1",
            "category": "followup",
            "turns": ["hur många SIP ska ek bistånd i Spånga-Tensta göra 2020?", "hur ofta följs det upp?"],
            "answer_facts": ["Tertial"],
            "source": "002_ad0b1b28780be514.txt",
            "split": "holdout",
        },
        {
            "id": "s-2",
            "category": "negative",
            "question": "vad är årsmålet för sjukfrånvaro på Rinkeby-Kistas fritidsgårdar 2031?",
            "answer_facts": [],
            "source": None,
            "split": "holdout",
        },
    ]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")


def test_eval_runs_both_formats_by_split_lodo_and_report(
    sample_settings: Settings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Real ingested samples: the CLI answers the file in-process in each mode.

    The folds use today's model instead of refitting the ranker per fold (minutes of CPU):
    this test is about the CLI; fitting without the left-out document is tested in
    tests/knowledge/retrieval/test_ranker.py.
    """
    monkeypatch.setattr(eval_cmd, "ranker_fitter", lambda service: None)
    path = tmp_path / "mixed.jsonl"
    _two_format_file(path)
    base = ["--data-dir", str(sample_settings.data_dir), "eval", str(path), "--today", "2023-06-15"]

    assert main([*base, "--split", "holdout", "--json"]) == 0
    holdout = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in holdout["results"]] == ["s-1", "s-2"]
    assert holdout["overall"]["declined"]["total"] == 1

    assert main([*base, "--lodo", "--json"]) == 0
    lodo = json.loads(capsys.readouterr().out)
    assert [f["source"] for f in lodo["folds"]] == ["000_91cd92b543baabdb.txt", "002_ad0b1b28780be514.txt"]
    assert [f["trained_on"] for f in lodo["folds"]] == [0, 1]  # tune questions about the other document
    assert lodo["combined"]["overall"]["questions"] == 2  # the negative is about no document

    assert main([*base, "--report"]) == 0
    out = capsys.readouterr().out
    assert "tune" in out and "holdout" in out and "LODO" in out and "followup" in out
