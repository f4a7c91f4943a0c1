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
from typing import TYPE_CHECKING, Any

from bench.evaluation import METRICS, EvalQuestion, EvalReport, MetricSummary, QuestionResult, load_questions
from bench.lodo import Fitter, LodoReport, default_fitter, ranker_fitter
from bench.splits import SplitChoice, select
from config import Settings, get_settings
from core.db import Database, connect, is_url

if TYPE_CHECKING:
    from knowledge.service import KnowledgeService

FEEDBACK_CATEGORY = "feedback"
MAX_CONTEXT_TURNS = 3

_LABELS = {
    "source_top3": "src top3",
    "source_first": "src 1st",
    "evidence": "evidence",
    "facts": "facts",
    "declined": "declined",
    "ambiguous": "clarified",
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


# The metrics of the side-by-side report (`--report`): what the targets are about.
REPORT_METRICS = ("source_top3", "facts", "declined", "ambiguous")


def _console(width: int = 160) -> Any:
    from rich.console import Console

    out = Console(soft_wrap=True)
    if not out.is_terminal:  # files and pipes get the full table, not rich's 80 columns
        out = Console(soft_wrap=True, width=width)
    return out


def print_eval(report: EvalReport, title: str = "Planbot quality") -> None:
    """Print the report as a table (overall and per category) and list each miss."""
    from rich.table import Table

    out = _console()
    table = Table(title=title)
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


def _short(rate: Any) -> str:
    """'93.5' (or '–' when nothing applies): the side-by-side table has no room for counts."""
    return "–" if rate.value is None else f"{100 * rate.value:.1f}"


def side_by_side_rows(columns: dict[str, EvalReport]) -> list[list[str]]:
    """Rows of the side-by-side table: ALL, then each category, with n and REPORT_METRICS per column.

    Args:
        columns: Column name (tune, holdout, LODO, …) -> its report.
    """
    categories: list[str] = []
    for report in columns.values():
        categories += [c for c in report.by_category if c not in categories]
    rows = []
    for name in ["ALL", *sorted(categories)]:
        row = [name]
        for report in columns.values():
            summary = report.overall if name == "ALL" else report.by_category.get(name)
            if summary is None:
                row += ["0", *("–" for _ in REPORT_METRICS)]
            else:
                row += [str(summary.questions), *(_short(getattr(summary, m)) for m in REPORT_METRICS)]
        rows.append(row)
    return rows


def print_side_by_side(columns: dict[str, EvalReport], title: str) -> None:
    """Print tune, holdout and LODO (or any named reports) side by side, overall and per category."""
    from rich.table import Table

    out = _console(width=220)
    table = Table(title=title)
    table.add_column("category")
    for name in columns:
        table.add_column(f"{name}\nn", justify="right")
        for m in REPORT_METRICS:
            table.add_column(f"{name}\n{_LABELS[m]}", justify="right")
    for i, row in enumerate(side_by_side_rows(columns)):
        table.add_row(*row, style="bold" if i == 0 else None)
    out.print(table)
    out.print("Percent of the questions each metric applies to; n = questions in the column.", markup=False)


def print_lodo(lodo: LodoReport, title: str) -> None:
    """Print the LODO result per category (all folds together) and per left-out document."""
    from rich.table import Table

    print_eval(lodo.combined, title=title)
    out = _console()
    table = Table(title="Per left-out document")
    for col in ("document", "trained on", "n", *(_LABELS[m] for m in REPORT_METRICS)):
        table.add_column(col, justify="left" if col == "document" else "right")
    for fold in lodo.folds:
        s = fold.report.overall
        table.add_row(
            fold.source,
            str(fold.trained_on),
            str(s.questions),
            *(getattr(s, m).percent() for m in REPORT_METRICS),
        )
    out.print(table)


def _fitter(service: KnowledgeService) -> Fitter:
    """The learned ranker's fitter when knowledge.retrieval.ranker provides one, else today's Planbot."""
    fitter = ranker_fitter(service)
    if fitter is None:
        print(
            "LODO: ingen inlärd rankare (knowledge.retrieval.ranker.fit_ranker) – mäter Planbot som den är.",
            file=sys.stderr,
        )
        return default_fitter(service.answer)
    print("LODO: tränar rankaren (fit_ranker) utan det utelämnade dokumentet.", file=sys.stderr)
    return fitter


def _missing_split(questions: list[EvalQuestion], path: Path) -> str | None:
    unsplit = [q.id for q in questions if q.split is None]
    if not unsplit:
        return None
    return (
        f"{len(unsplit)} frågor i {path} saknar fältet 'split' (t.ex. {unsplit[0]}). "
        f"Dela filen med: python -m bench.splits {path} 0.4, eller använd --split all."
    )


def cmd_eval(args: argparse.Namespace) -> int:
    """Run a question file through KnowledgeService over the current data directory."""
    from bench.evaluation import run_questions
    from bench.lodo import run_lodo

    path = Path(args.questions)
    try:
        questions = load_questions(path)
    except (OSError, ValueError) as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    choice = SplitChoice(args.split)
    needs_split = choice is not SplitChoice.ALL or args.lodo or args.report
    problem = _missing_split(questions, path) if needs_split else None
    if problem:
        print(f"Fel: {problem}", file=sys.stderr)
        return 2
    service = _service(args)
    if args.report:
        columns = {
            "tune": run_questions(service.answer, select(questions, SplitChoice.TUNE)),
            "holdout": run_questions(service.answer, select(questions, SplitChoice.HOLDOUT)),
            "LODO": run_lodo(questions, _fitter(service)).combined,
        }
        if args.json:
            print(
                json.dumps(
                    {k: v.model_dump(mode="json") for k, v in columns.items()}, ensure_ascii=False, indent=2
                )
            )
        else:
            print_side_by_side(
                columns, f"Planbot quality: {path.name}, tune / holdout / leave-one-document-out"
            )
        return 0
    if args.lodo:
        lodo = run_lodo(questions, _fitter(service))
        if args.json:
            print(json.dumps(lodo.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            print_lodo(lodo, f"Planbot quality: {path.name}, leave-one-document-out (all folds)")
        return 0
    report = run_questions(service.answer, select(questions, choice))
    if args.json:
        print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print_eval(report, f"Planbot quality: {path.name}, split {choice.value}")
    return 0


def _service(args: argparse.Namespace) -> KnowledgeService:
    from knowledge.service import KnowledgeService

    today: dt.date | None = args.today
    settings = _settings(args)
    service = KnowledgeService(settings, today=lambda: today) if today else KnowledgeService(settings)
    if not service.documents():
        print("Varning: datamappen har inga inlästa dokument (kör 'planbot ingest' först).", file=sys.stderr)
    service.warm_up()
    return service


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
    if getattr(args, "misses", False) and (is_url(db_path) or Path(db_path).exists()):
        # Declined questions and clarifications too, one candidate per group of similar wording.
        from bot.feedback import FeedbackStore
        from bot.question_report import build_report, candidate_lines

        store = FeedbackStore(db_path)
        try:
            store.migrate()
            lines += candidate_lines(build_report(store))
        finally:
            store.close()
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
    p.add_argument(
        "questions",
        help="frågefil i utvecklings- eller personalformat, t.ex. tests/quality/dev_questions.jsonl",
    )
    p.add_argument(
        "--split",
        choices=[c.value for c in SplitChoice],
        default=SplitChoice.ALL.value,
        help="vilka frågor som mäts: tune, holdout eller all (standard: all)",
    )
    p.add_argument(
        "--lodo",
        action="store_true",
        help="lämna ett dokument utanför i taget: träna på de andras tune-frågor, mät det utelämnade",
    )
    p.add_argument("--report", action="store_true", help="tune, holdout och LODO sida vid sida per kategori")
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
    p.add_argument(
        "--missar",
        dest="misses",
        action="store_true",
        help="ta även med frågor utan svar, motfrågor och 👎, grupperade (som i planbot report questions)",
    )
    p.set_defaults(func=cmd_feedback_export)
