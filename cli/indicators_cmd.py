"""`planbot indicators import FILE [--dry-run] [--json]`: import indicator outcomes.

Exit codes: 0 when every row was imported (or would be, with --dry-run), 1 when some
rows were ambiguous, unmatched or invalid (the report lists them; the others are
imported), 2 when the file cannot be imported at all (nothing is written).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from config import Settings, get_settings


def _settings(args: argparse.Namespace) -> Settings:
    settings = get_settings()
    if getattr(args, "data_dir", None):
        settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    return settings


def cmd_import(args: argparse.Namespace) -> int:
    """Run one import and print its Swedish report (or JSON)."""
    from indicators.importer import ImportFileError, import_path
    from ingest.report_log import import_report, record_report

    settings = _settings(args)
    path = Path(args.file)
    if not path.is_file():
        print(f"Fel: filen {path} finns inte.", file=sys.stderr)
        return 2
    try:
        report = import_path(settings.database, path, dry_run=args.dry_run)
    except ImportFileError as exc:
        print(f"Fel: {exc} Inget importerades.", file=sys.stderr)
        return 2
    if not args.dry_run:
        record_report(settings.data_dir, import_report(report))
    if args.json:
        print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(report.as_text())
    return 0 if report.complete else 1


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `indicators` command to `planbot`'s subparsers.

    Args:
        sub: The object returned by `ArgumentParser.add_subparsers()` in cli/main.py.
    """
    p = sub.add_parser("indicators", help="indikatorer: importera utfall från fil")
    actions = p.add_subparsers(dest="indicators_action", required=True)
    q = actions.add_parser(
        "import",
        help="importera utfall från .csv eller .xlsx",
        description=(
            "Importera utfall. Kolumner: indikator, enhet, period, utfall (krävs), stadsdel, kvinnor, män, "
            "kommentar. Perioder: 2023, 2023-T1, T2 2023, 2023 helår …"
        ),
    )
    q.add_argument("file", help="fil (.csv med komma eller semikolon, eller .xlsx)")
    q.add_argument("--dry-run", action="store_true", help="visa rapporten utan att spara något")
    q.add_argument("--json", action="store_true", help="rapporten som JSON")
    q.set_defaults(func=cmd_import)
