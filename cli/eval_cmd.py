"""`planbot eval` (quality over a question file) and `planbot feedback export` (👎 comments → candidates).

Both are developer tools: their reports are English-labelled figures, their help is Swedish
like the rest of `planbot`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from bench.evaluation import METRICS, EvalReport, MetricSummary, QuestionResult, load_questions
from config import Settings, get_settings
from core.db import Database, connect, is_url

FEEDBACK_CATEGORY = "feedback"
MAX_CONTEXT_TURNS = 3

_LABELS = {
    "source_top3": "src top3",
    "source_first": "src 1st",
    "evidence": "evidence",
    "facts": "facts",
    "declined": "declined",
    "ambiguous": "ambig.",
    "answered": "answered",
}


def _settings(args: argparse.Namespace) -> Settings:
    settings = get_settings()
    if getattr(args, "data_dir", None):
        settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    return settings


# -- planbot eval ----------------------------------------------------------------


def _row(name: str, s: MetricSummary) -> list[str]:
    return [
        name,
        str(s.questions),
        *(getattr(s, m).percent() for m in METRICS),
        f"{s.p50_ms:.0f}",
        f"{s.p95_ms:.0f}",
    ]


def _misses(result: QuestionResult) -> list[str]:
    failed = [m for m in METRICS if getattr(result, m) is False]
    if result.missing_facts:
        failed.append("missing " + ", ".join(repr(f) for f in result.missing_facts))
    return failed


def print_eval(report: EvalReport) -> None:
    """Print the report as a table (overall and per category) and list each miss."""
    from rich.console import Console
    from rich.table import Table

    out = Console(soft_wrap=True)
    if not out.is_terminal:  # files and pipes get the full table, not rich's 80 columns
        out = Console(soft_wrap=True, width=160)
    table = Table(title="Planbot quality (dev set)")
    for col in ("category", "n", *(_LABELS[m] for m in METRICS), "p50 ms", "p95 ms"):
        table.add_column(col, justify="left" if col == "category" else "right")
    table.add_row(*_row("ALL", report.overall), style="bold")
    for category, summary in sorted(report.by_category.items()):
        table.add_row(*_row(category, summary))
    out.print(table)
    misses = [(r, _misses(r)) for r in report.results if _misses(r)]
    if misses:
        out.print(f"Misses ({len(misses)}):", markup=False)
        for r, what in misses:
            cited = ", ".join(r.cited_sources[:3]) or "no citations"
            out.print(f"  {r.id} [{r.category}] kind={r.kind} cited={cited}: {'; '.join(what)}", markup=False)
            out.print(f"      {r.question}", markup=False)


def cmd_eval(args: argparse.Namespace) -> int:
    """Run a question file through KnowledgeService over the current data directory."""
    from bench.evaluation import run_questions
    from knowledge.service import KnowledgeService

    try:
        questions = load_questions(Path(args.questions))
    except (OSError, ValueError) as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    today: dt.date | None = args.today
    settings = _settings(args)
    service = KnowledgeService(settings, today=lambda: today) if today else KnowledgeService(settings)
    if not service.documents():
        print("Varning: datamappen har inga inlästa dokument (kör 'planbot ingest' först).", file=sys.stderr)
    service.warm_up()
    report = run_questions(service.answer, questions)
    if args.json:
        print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print_eval(report)
    return 0


# -- planbot feedback export ---------------------------------------------------------


def _earlier_questions(db: Database, conversation_id: str | None, message_id: str) -> list[str]:
    """The questions asked before `message_id` in the same conversation (oldest first)."""
    if not conversation_id:
        return []
    rows = db.execute(
        "SELECT id, question FROM sent_messages WHERE conversation_id = ? ORDER BY created_at, id",
        (conversation_id,),
    ).fetchall()
    earlier: list[str] = []
    for row in rows:
        if row["id"] == message_id:
            return earlier[-MAX_CONTEXT_TURNS:]
        earlier.append(row["question"])
    return []


def feedback_candidates(db_path: str | Path) -> tuple[list[dict[str, Any]], int]:
    """Read 👎 votes with a comment as candidate dev-set lines (read with core.db, not the bot).

    Args:
        db_path: The feedback SQLite file (may be missing) or the shared database's URL.

    Returns:
        The candidate lines (dev-set format, category "feedback", empty answer_facts, plus the
        comment and the answer given, for whoever curates them) and how many votes were skipped
        because the answer they refer to is unknown.
    """
    if not is_url(db_path) and not Path(db_path).exists():
        return [], 0
    db = connect(db_path)
    try:
        if db.get_meta("schema:feedback") is None and db.dialect == "postgres":
            return [], 0  # the server never ran against this database: no votes
        rows = db.execute(
            "SELECT id, conversation_id, message_id, comment, question, answer FROM feedback "
            "WHERE reaction = 'dislike' AND TRIM(comment) != '' ORDER BY id"
        ).fetchall()
        lines: list[dict[str, Any]] = []
        skipped = 0
        for row in rows:
            if not (row["question"] or "").strip():
                skipped += 1
                continue
            lines.append(
                {
                    "id": f"feedback-{row['id']}",
                    "category": FEEDBACK_CATEGORY,
                    "question": row["question"],
                    "answer_facts": [],
                    "source": None,
                    "evidence": None,
                    "context": _earlier_questions(db, row["conversation_id"], row["message_id"]),
                    "comment": row["comment"],
                    "given_answer": row["answer"],
                }
            )
        return lines, skipped
    except Exception:
        if db.get_meta("schema:feedback") is None:  # created but never migrated: no votes
            return [], 0
        raise
    finally:
        db.close()


def cmd_feedback_export(args: argparse.Namespace) -> int:
    """Write 👎-with-comment votes as JSONL candidate questions (stdout or --out)."""
    db_path = _settings(args).feedback_database
    if not is_url(db_path) and not Path(db_path).exists():
        print(f"Ingen återkoppling ännu: {db_path} finns inte.", file=sys.stderr)
    lines, skipped = feedback_candidates(db_path)
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    note = f" ({skipped} utan känt svar hoppades över)" if skipped else ""
    print(f"{len(lines)} kandidatfrågor exporterade{note}.", file=sys.stderr)
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `eval` and `feedback` to planbot's subcommands (`sub` from `add_subparsers`)."""
    p = sub.add_parser("eval", help="mät svarskvalitet på en frågefil (JSONL, utvecklare)")
    p.add_argument("questions", help="frågefil, t.ex. tests/quality/dev_questions.jsonl")
    p.add_argument("--json", action="store_true", help="rapporten som JSON")
    p.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        metavar="ÅÅÅÅ-MM-DD",
        help="dagens datum för frågor som 'i år' (testernas utvecklingsfrågor: 2023-06-15)",
    )
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("feedback", help="återkoppling från användare")
    p.add_argument("action", choices=["export"], help="export: 👎 med kommentar som kandidatfrågor (JSONL)")
    p.add_argument("--out", help="fil att skriva till (standard: stdout)")
    p.set_defaults(func=cmd_feedback_export)
