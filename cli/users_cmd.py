"""`planbot users import FILE.csv`: preload each user's unit ("min enhet") from a CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from config import Settings, get_settings


def _ingested_units(settings: Settings) -> list[str]:
    """Units of the ingested documents (empty when nothing is ingested yet)."""
    from knowledge.store.catalog import Catalog

    if not settings.db_path.exists():
        return []
    catalog = Catalog(settings.db_path)
    try:
        return sorted({r.meta.unit for r in catalog.documents() if r.meta.unit})
    finally:
        catalog.close()


def cmd_users_import(args: argparse.Namespace) -> int:
    """Import `aadObjectId`/`email` → `unit` rows into the user settings store."""
    from bot.users import UserStore, import_csv, users_database

    settings = get_settings()
    if args.data_dir:
        settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    path = Path(args.file)
    if not path.is_file():
        print(f"Fel: filen {path} finns inte.", file=sys.stderr)
        return 2
    units = _ingested_units(settings)
    store = UserStore(users_database(settings))
    try:
        result = import_csv(store, path, units)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    for error in result.errors:
        print(f"Varning: {error}", file=sys.stderr)
    for line, unit in result.unknown_units:
        print(
            f"Varning: {path.name} rad {line}: enheten ”{unit}” finns inte bland de inlästa dokumenten; "
            "den sparades som den står.",
            file=sys.stderr,
        )
    print(f"{result.imported} användare fick en enhet ({len(result.errors)} rader hoppades över).")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `users` to planbot's subcommands."""
    p = sub.add_parser("users", help="användarnas inställningar (min enhet)")
    p.add_argument("action", choices=["import"], help="import: läs in enheter från en CSV-fil")
    p.add_argument("file", help="CSV med kolumnerna aadObjectId eller email, och unit")
    p.add_argument("--data-dir", help="datamapp (standard: inställningarna)")
    p.set_defaults(func=cmd_users_import)
