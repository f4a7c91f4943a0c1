"""`planbot report questions [--since DATUM] [--json]`: what staff asked that did not go well."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from config import get_settings


def cmd_report_questions(args: argparse.Namespace) -> int:
    """Print declined questions, clarifications and 👎 with comments, grouped."""
    from bot.feedback import FeedbackStore
    from bot.question_report import build_report, report_text
    from core.db import is_url

    settings = get_settings()
    if getattr(args, "data_dir", None):
        settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    path = settings.feedback_database
    if not is_url(path) and not Path(path).exists():
        print(f"Inga frågor registrerade ännu: {path} finns inte.", file=sys.stderr)
        return 0
    store = FeedbackStore(path)
    try:
        store.migrate()
        report = build_report(store, args.since.isoformat() if args.since else "")
    finally:
        store.close()
    if args.json:
        print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(report_text(report))
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} är inget datum; skriv ÅÅÅÅ-MM-DD") from None


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `report` to planbot's subcommands."""
    p = sub.add_parser("report", help="rapporter för administratörer")
    p.add_argument(
        "what",
        choices=["questions"],
        help="questions: frågor utan svar, motfrågor och 👎 med kommentar, grupperade",
    )
    p.add_argument("--since", type=_date, metavar="ÅÅÅÅ-MM-DD", help="bara frågor från och med detta datum")
    p.add_argument("--json", action="store_true", help="rapporten som JSON")
    p.add_argument("--data-dir", help="datamapp (standard: inställningarna)")
    p.set_defaults(func=cmd_report_questions)
