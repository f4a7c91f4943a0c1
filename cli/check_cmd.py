"""`planbot check [--repair]`: find (and fix) differences between the stores of a data directory."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from typing import Any

from config import Settings
from core.db import DATABASE_ERRORS


def add_parser(sub: Any) -> None:
    """Register `planbot check` on the CLI's subparsers."""
    p = sub.add_parser(
        "check",
        help="kontrollera att katalog, vektorer, ordsökning och embeddingcache stämmer överens",
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="återställ saknade vektorer (från cachen eller genom ny beräkning) och ta bort överblivna",
    )
    p.set_defaults(func=cmd_check)


def _settings(args: argparse.Namespace) -> Settings:
    from cli.main import _settings as settings_of

    return settings_of(args)


def cmd_check(args: argparse.Namespace) -> int:
    """Print one Swedish line per problem; exit 1 when anything is (still) wrong, 2 when busy."""
    from ingest.consistency import catalog_problem
    from ingest.pipeline import IngestError, Pipeline, writer_lock

    settings = _settings(args)
    if not settings.database_url and not settings.db_path.exists():
        print(f"Det finns ingen katalog i {settings.data_dir}. Läs in dokument med 'planbot ingest'.")
        return 1
    try:
        pipeline = Pipeline(settings)
    except DATABASE_ERRORS as exc:
        print(catalog_problem(settings.db_path, exc).message)
        return 1
    with contextlib.closing(pipeline):
        try:
            # The writer lock: an ingest half-way through would look like missing vectors.
            with writer_lock(pipeline.catalog.conn):
                return _check(pipeline, settings, repair=bool(args.repair))
        except IngestError as exc:
            print(f"Fel: {exc}", file=sys.stderr)
            return 2


def _check(pipeline: Any, settings: Settings, repair: bool) -> int:
    from ingest.consistency import check_stores
    from ingest.consistency import repair as repair_stores

    vectors, unreadable = _open_vectors(pipeline, settings, repair)
    result = check_stores(pipeline.catalog, vectors, pipeline.cache, pipeline.embedder.model_id)
    if unreadable is not None:
        result.problems.insert(0, unreadable)
    for problem in result.problems:
        print(problem.message)
    if result.ok:
        print(
            f"Allt stämmer: {result.documents} dokument, {result.chunks} textdelar, "
            f"{result.vectors} vektorer, {result.cached} embeddingar i cachen."
        )
        return 0
    if not repair or result.unreadable:
        return 1
    done = repair_stores(pipeline, result)
    for source, n in sorted(done.restored.items()):
        print(f"Återställde {n} vektorer för {source}.")
    if done.restored:
        print(f"({done.from_cache} från cachen, {done.embedded} beräknade på nytt.)")
    if done.orphans_deleted:
        print(f"Tog bort {done.orphans_deleted} överblivna vektorer.")
    if done.cache_filled:
        print(f"Lade tillbaka {done.cache_filled} embeddingar i cachen.")
    if done.cache_deleted:
        print(f"Tog bort {done.cache_deleted} överblivna embeddingar ur cachen.")
    after = check_stores(pipeline.catalog, pipeline.vectors, pipeline.cache, pipeline.embedder.model_id)
    for problem in after.problems:
        print(f"Kvarstår: {problem.message}")
    if after.ok:
        print("Reparationen är klar: allt stämmer.")
    return 0 if after.ok else 1


def _open_vectors(pipeline: Any, settings: Settings, repair: bool) -> tuple[Any, Any]:
    """The vector index (None when Chroma cannot be opened) and the problem to report, if any.

    With --repair an unreadable embedded index is moved aside (kept, never deleted) and an
    empty one is opened in its place, so the repair can rebuild every vector.
    """
    from ingest.consistency import vectors_problem
    from knowledge.store.vectors import VectorIndex, VectorStoreError

    try:
        return pipeline.vectors, None
    except VectorStoreError as exc:
        if not repair or settings.chroma_host:
            return None, vectors_problem(exc)
        aside = settings.chroma_path.with_name(f"chroma.trasig-{dt.datetime.now():%Y%m%d-%H%M%S}")
        settings.chroma_path.rename(aside)
        VectorIndex.forget_client(settings.chroma_path)
        print(vectors_problem(exc).message)
        print(f"Flyttade det oläsbara vektorindexet till {aside} och bygger upp ett nytt.")
        return pipeline.vectors, None
