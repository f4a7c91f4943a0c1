"""`planbot` command line: ingest, documents, ask, serve (and the admin/eval commands)."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from config import Settings, get_settings
from knowledge.answer import Answer

# No model is ever fetched from a hub: set before anything imports transformers.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _settings(args: argparse.Namespace) -> Settings:
    settings = get_settings()
    if getattr(args, "data_dir", None):
        settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    return settings


def _open_pipeline(settings: Settings, wait: float) -> object:
    """A Pipeline, retrying while the database is not reachable yet (a job starting with it).

    Returns:
        The pipeline, or the last connection error's text when `wait` seconds passed.
    """
    import time

    from core.db import unreachable
    from ingest.pipeline import Pipeline

    deadline = time.monotonic() + wait
    delay = 1.0
    while True:
        try:
            return Pipeline(settings, lock_wait=wait)
        except Exception as exc:
            if not unreachable(exc):
                raise  # a corrupt catalog and kin: main() says what it is and what to do
            if time.monotonic() + delay > deadline:
                return f"kan inte öppna databasen ({type(exc).__name__}: {exc})"
            print(
                f"Väntar på databasen ({type(exc).__name__}); försöker igen om {delay:.0f} s …",
                file=sys.stderr,
            )
            time.sleep(delay)
            delay = min(delay * 2, 15.0)


def cmd_ingest(args: argparse.Namespace) -> int:
    from cli.output import print_report, progress_bars
    from ingest.parser import MetaOverrides
    from ingest.pipeline import IngestError, Pipeline

    settings = _settings(args)
    sync = args.command == "sync"
    overrides = (
        None
        if sync
        else MetaOverrides(unit=args.unit, district=args.district, year=args.year, type=args.type)
    )
    paths = (
        list(settings.corpus_dirs) if sync else ([Path(p) for p in args.paths] or list(settings.corpus_dirs))
    )
    pipeline = _open_pipeline(settings, args.wait)
    if not isinstance(pipeline, Pipeline):
        print(f"Fel: {pipeline}", file=sys.stderr)
        return 2
    try:
        prune = sync or args.prune
        if args.json:
            report = pipeline.ingest(paths, overrides, prune=prune)
        else:
            with progress_bars() as progress:
                report = pipeline.ingest(paths, overrides, prune=prune, progress=progress)
    except IngestError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from knowledge.store.vectors import VectorStoreError

        if not isinstance(exc, VectorStoreError):
            raise
        print(
            f"Fel: vektorindexet (Chroma) i {_settings(args).data_dir} kan inte läsas. "
            "Kör 'planbot check --repair' för att bygga upp det igen från katalogen.",
            file=sys.stderr,
        )
        return 2
    finally:
        pipeline.close()
    print_report(report, args.json)
    return 1 if report.failed else 0


def cmd_documents(args: argparse.Namespace) -> int:
    from cli.output import print_documents
    from knowledge.store.catalog import Catalog

    settings = _settings(args)
    if args.action == "remove":
        from ingest.pipeline import IngestError, Pipeline

        if not args.source:
            print("Ange vilket dokument som ska tas bort: planbot documents remove FILNAMN", file=sys.stderr)
            return 2
        pipeline = Pipeline(settings)
        try:
            removed = pipeline.remove(args.source)
        except IngestError as exc:  # another ingest holds the writer lock
            print(f"Fel: {exc}", file=sys.stderr)
            return 2
        finally:
            pipeline.close()
        if not removed:
            print(f"Dokumentet '{args.source}' är inte inläst. Se 'planbot documents'.", file=sys.stderr)
            return 1
        print(f"Dokumentet '{args.source}' är borttaget.")
        return 0
    catalog = Catalog(settings.database)
    try:
        print_documents(catalog.documents(), args.json)
    finally:
        catalog.close()
    return 0


def format_answer(answer: Answer) -> str:
    """Plain-text rendering of an answer with its numbered sources."""
    lines = [answer.answer, ""]
    if answer.citations:
        lines.append("Källor:")
        for c in answer.citations:
            page = f", s. {c.page}" if c.page else ""
            lines.append(f"[{c.n}] {c.source} – {c.section}{page}")
            lines.append(f"    ”{c.quote}”")
    if answer.suggestions:
        lines.append("")
        lines.append("Förslag: " + " | ".join(answer.suggestions))
    return "\n".join(lines)


def cmd_ask(args: argparse.Namespace) -> int:
    from knowledge.service import KnowledgeService

    service = KnowledgeService(_settings(args))
    answer = service.answer(" ".join(args.question))
    if args.json:
        print(json.dumps(answer.api_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from aiohttp import web

    from bot.app import create_app
    from bot.auth import BindNotAllowedError, check_bind_allowed
    from bot.privacy import MaskingFilter

    settings = _settings(args)
    host = args.host or settings.host
    port = args.port or settings.port
    try:
        check_bind_allowed(settings, host)
    except BindNotAllowedError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    handler = logging.StreamHandler()
    handler.addFilter(MaskingFilter())
    logging.basicConfig(
        level=logging.INFO, handlers=[handler], format="%(asctime)s %(levelname)s %(message)s"
    )
    # Chroma's own debug chatter is not for the operator's log.
    logging.getLogger("chromadb").setLevel(logging.WARNING)

    from ingest.pipeline import Pipeline
    from knowledge.service import KnowledgeService

    service = KnowledgeService(settings)

    def pipeline() -> Pipeline:
        # The service's model, not a second copy: one model in memory, and the server's
        # single torch thread stays as set (torch's thread count is process-wide).
        return Pipeline(settings, embedder=service.embedder)

    def reingest() -> str:
        with contextlib.closing(pipeline()) as p:
            return p.ingest(list(settings.corpus_dirs)).as_text()

    def ingest_paths(paths: list[Path]) -> object:
        with contextlib.closing(pipeline()) as p:
            folders = [d for d in [*settings.corpus_dirs, settings.data_dir / "uploads"] if d.exists()]
            return p.ingest(paths or folders)

    app = create_app(settings, service, reingest=reingest, ingest_paths=ingest_paths)
    try:
        web.run_app(
            app,
            host=host,
            port=port,
            print=lambda _: print(
                f"Planbot lyssnar på http://{host}:{port}/ (avsluta med Ctrl+C)", file=sys.stderr
            ),
        )
    except OSError as exc:
        print(
            f"Fel: kan inte lyssna på {host}:{port} ({exc.strerror}). Är porten upptagen? "
            "Välj en annan med --port eller PLANBOT_PORT.",
            file=sys.stderr,
        )
        return 2
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `planbot` (Swedish help for staff, English names for commands)."""
    parser = argparse.ArgumentParser(
        prog="planbot", description="Planbot: frågor och svar om planer och rutiner."
    )
    parser.add_argument("--data-dir", help="datamapp (standard: PLANBOT_DATA_DIR)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="läs in dokument (filer eller mappar)")
    p.add_argument("paths", nargs="*", help="filer eller mappar (standard: PLANBOT_CORPUS_DIRS)")
    p.add_argument("--unit", help="enhet (ersätter det som läses ut ur texten)")
    p.add_argument("--district", help="stadsdel/förvaltning")
    p.add_argument("--year", type=int, help="år")
    p.add_argument(
        "--type", choices=["verksamhetsplan", "kvalitetsutmärkelse", "rutin", "övrigt"], help="dokumenttyp"
    )
    p.add_argument("--prune", action="store_true", help="ta bort dokument som inte längre finns i mapparna")
    p.add_argument("--json", action="store_true", help="rapporten som JSON")
    p.add_argument(
        "--wait", type=float, default=0.0, help="sekunder att vänta på databasen och på en pågående inläsning"
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "sync",
        help="läs in de konfigurerade mapparna (PLANBOT_CORPUS_DIRS) och ta bort dokument som försvunnit; "
        "körs som ett eget jobb bredvid servrarna",
    )
    p.add_argument("--json", action="store_true", help="rapporten som JSON")
    p.add_argument(
        "--wait",
        type=float,
        default=600.0,
        help="sekunder att vänta på databasen och på en pågående inläsning (standard: 600)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("documents", help="lista inlästa dokument, eller ta bort ett")
    p.add_argument("action", nargs="?", choices=["list", "remove"], default="list")
    p.add_argument("source", nargs="?", help="filnamn (för remove)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("ask", help="ställ en fråga")
    p.add_argument("question", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser(
        "serve", help="starta servern (webbchatt, JSON-API, Teams); läser aldrig in något vid start"
    )
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.set_defaults(func=cmd_serve)

    from cli import bench, check_cmd, eval_cmd, indicators_cmd, ranker_cmd, report_cmd, users_cmd

    check_cmd.add_parser(sub)
    indicators_cmd.add_parser(sub)
    ranker_cmd.add_parser(sub)
    eval_cmd.add_parsers(sub)
    bench.add_parser(sub)
    report_cmd.add_parser(sub)
    users_cmd.add_parser(sub)
    return parser


def _store_error(exc: Exception, args: argparse.Namespace) -> str | None:
    """The Swedish line for a store that cannot be read, or None for any other error."""
    from core.db import DATABASE_ERRORS
    from knowledge.health import StoreUnreadableError
    from knowledge.store.vectors import VectorStoreError

    data_dir = _settings(args).data_dir
    if isinstance(exc, DATABASE_ERRORS) and "database is locked" in str(exc):
        # Busy, not broken: another process held its write lock past the timeout.
        return (
            f"databasen {data_dir / 'planbot.sqlite3'} är upptagen av en annan process "
            "(en inläsning eller servern). Försök igen om en stund; inget har ändrats."
        )
    if isinstance(exc, (*DATABASE_ERRORS, StoreUnreadableError)):
        # A corrupt or foreign planbot.sqlite3: say which file and what to do, no traceback.
        return (
            f"databasen {data_dir / 'planbot.sqlite3'} kan inte läsas ({exc}). "
            "Kör 'planbot check' för en översikt; återställ databasen från en säkerhetskopia "
            "eller ta bort den och läs in dokumenten igen med 'planbot ingest'."
        )
    if isinstance(exc, VectorStoreError):
        return (
            f"vektorindexet (Chroma) i {data_dir} kan inte läsas. "
            "Kör 'planbot check --repair' för att bygga upp det igen från katalogen."
        )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `planbot` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error for the user.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except Exception as exc:
        message = _store_error(exc, args)
        if message is None:
            raise
        print(f"Fel: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
