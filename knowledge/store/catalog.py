"""The document catalog: tables for documents, goals, activities, sections, glossary, facts, chunks.

The database (SQLite by default, PostgreSQL for replicas; see core.db) is the source of
truth. A document is replaced in one transaction together with its indicator rows, so a
reader (another process) sees the old document or the new one, never half. `generation`
increases with every committed change so readers know to reload.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from core.db import Database, connect
from indicators.store import IndicatorStore
from knowledge.models import (
    Activity,
    Chunk,
    DocFact,
    DocumentMeta,
    GlossaryEntry,
    Goal,
    ParsedDocument,
    Section,
)

MIGRATIONS = [
    """
    CREATE TABLE documents (
        source TEXT PRIMARY KEY, content_hash TEXT NOT NULL, title TEXT NOT NULL, type TEXT NOT NULL,
        unit TEXT, district TEXT, year INTEGER, path TEXT, ingested_at TEXT NOT NULL,
        warnings TEXT NOT NULL, meta TEXT NOT NULL);
    CREATE TABLE goals (source TEXT NOT NULL, idx INTEGER NOT NULL, key TEXT NOT NULL, level TEXT NOT NULL,
        number TEXT, title TEXT NOT NULL, parent_key TEXT, data TEXT NOT NULL, PRIMARY KEY (source, idx));
    CREATE TABLE activities (source TEXT NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,
        start TEXT, end_date TEXT, goal_key TEXT, data TEXT NOT NULL, PRIMARY KEY (source, idx));
    CREATE TABLE sections (source TEXT NOT NULL, idx INTEGER NOT NULL, heading_path TEXT NOT NULL,
        text TEXT NOT NULL, page INTEGER, goal_key TEXT, PRIMARY KEY (source, idx));
    CREATE TABLE glossary (source TEXT NOT NULL, idx INTEGER NOT NULL, term TEXT NOT NULL,
        expansion TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (source, idx));
    CREATE TABLE chunks (id TEXT PRIMARY KEY, source TEXT NOT NULL, content_hash TEXT NOT NULL,
        kind TEXT NOT NULL, text TEXT NOT NULL, breadcrumb TEXT NOT NULL, page INTEGER, ref INTEGER,
        goal_key TEXT, seq INTEGER NOT NULL);
    CREATE INDEX chunks_source ON chunks(source, seq)
    """,
    # Budget rows and administrative facts (issue 11): one generic table, `data` is the DocFact as JSON.
    """
    CREATE TABLE facts (source TEXT NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
        data TEXT NOT NULL, page INTEGER, PRIMARY KEY (source, idx));
    CREATE INDEX facts_kind ON facts(kind, key)
    """,
    # Readable repair of OCR'd chunk texts (issue 11): quotes keep `text`, citations add the repair.
    """
    ALTER TABLE chunks ADD COLUMN repaired TEXT
    """,
]

_TABLES = ("documents", "goals", "activities", "sections", "glossary", "facts", "chunks")


def generation_of(conn: Database) -> int:
    """The catalog generation as seen by any connection to its database."""
    value = conn.get_meta("generation")
    return int(value) if value else 0


class DocumentRecord(BaseModel):
    """A stored document's metadata with the counts shown by `planbot documents`."""

    meta: DocumentMeta
    path: str | None
    ingested_at: str
    warnings: list[str]
    goals: int
    indicators: int
    activities: int
    outcomes: int
    chunks: int


class Catalog:
    """Read and write access to the catalog tables (writes only from the ingest pipeline)."""

    def __init__(self, database: str | Path | Database) -> None:
        """Open (and migrate) the catalog.

        Args:
            database: A PostgreSQL URL, an SQLite path, or an open Database (then shared, and
                closing the catalog closes it).
        """
        self.db_path = database if isinstance(database, str | Path) else database.path
        self.conn = connect(database)
        self.conn.migrate("catalog", MIGRATIONS)
        self.indicator_store = IndicatorStore(self.conn)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    # -- write side ---------------------------------------------------------------

    def replace_document(self, parsed: ParsedDocument, chunks: list[Chunk], path: str | None) -> None:
        """Store a document, its structure and chunks in one transaction, replacing any old version."""
        meta = parsed.meta
        conn = self.conn
        with conn.transaction():
            self._delete(meta.source)
            conn.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    meta.source,
                    meta.content_hash,
                    meta.title,
                    meta.type.value,
                    meta.unit,
                    meta.district,
                    meta.year,
                    path,
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    json.dumps(parsed.warnings, ensure_ascii=False),
                    meta.model_dump_json(),
                ),
            )
            conn.executemany(
                "INSERT INTO goals VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        meta.source,
                        i,
                        g.key,
                        g.level.value,
                        g.number,
                        g.title,
                        g.parent_key,
                        g.model_dump_json(),
                    )
                    for i, g in enumerate(parsed.goals)
                ],
            )
            conn.executemany(
                "INSERT INTO activities VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        meta.source,
                        i,
                        a.text,
                        a.start and a.start.isoformat(),
                        a.end and a.end.isoformat(),
                        a.goal_key,
                        a.model_dump_json(),
                    )
                    for i, a in enumerate(parsed.activities)
                ],
            )
            conn.executemany(
                "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        meta.source,
                        i,
                        json.dumps(s.heading_path, ensure_ascii=False),
                        s.text,
                        s.page,
                        s.goal_key,
                    )
                    for i, s in enumerate(parsed.sections)
                ],
            )
            conn.executemany(
                "INSERT INTO glossary VALUES (?, ?, ?, ?, ?)",
                [
                    (meta.source, i, g.term, g.expansion, g.model_dump_json())
                    for i, g in enumerate(parsed.glossary)
                ],
            )
            conn.executemany(
                "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (meta.source, i, f.kind.value, f.key, f.model_dump_json(), f.page)
                    for i, f in enumerate(parsed.facts)
                ],
            )
            conn.executemany(
                "INSERT INTO chunks (id, source, content_hash, kind, text, breadcrumb, page, ref, goal_key,"
                " seq, repaired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.id,
                        meta.source,
                        meta.content_hash,
                        c.kind.value,
                        c.text,
                        c.breadcrumb,
                        c.page,
                        c.ref,
                        c.goal_key,
                        seq,
                        c.repaired,
                    )
                    for seq, c in enumerate(chunks)
                ],
            )
            self.indicator_store.replace_document(
                meta.source, meta.unit, meta.district, meta.year, parsed.indicators, parsed.outcomes
            )
            self._bump_generation()

    def remove_document(self, source: str) -> bool:
        """Remove a document and everything parsed from it. Returns False when it was not stored."""
        with self.conn.transaction():
            found = self.conn.execute("SELECT 1 FROM documents WHERE source = ?", (source,)).fetchone()
            if found:
                self._delete(source)
                self.indicator_store.remove_document(source)
                self._bump_generation()
        return found is not None

    def _delete(self, source: str) -> None:
        for table in _TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE source = ?", (source,))

    def touch(self) -> None:
        """Mark the catalog changed, so running servers reload (after vectors were restored)."""
        with self.conn.transaction():
            self._bump_generation()

    def _bump_generation(self) -> None:
        self.conn.increment("generation")

    # -- read side ----------------------------------------------------------------

    def deployment_id(self) -> str:
        """This catalog's id, made on first use; tags the vectors it writes (see VectorIndex)."""
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('deployment', ?) ON CONFLICT(key) DO NOTHING",
            (uuid.uuid4().hex,),
        )
        return str(self.conn.get_meta("deployment"))

    def generation(self) -> int:
        """A number that changes with every committed change of the catalog."""
        return generation_of(self.conn)

    def hashes(self) -> dict[str, str]:
        """Content hash per stored source."""
        return {
            r["source"]: r["content_hash"]
            for r in self.conn.execute("SELECT source, content_hash FROM documents")
        }

    def documents(self) -> list[DocumentRecord]:
        """All stored documents with their counts, ordered by source."""
        counts: dict[str, dict[str, int]] = {}
        for table in ("goals", "activities", "chunks", "indicators", "outcomes"):
            sql = f"SELECT source, COUNT(*) AS n FROM {table} WHERE source IS NOT NULL GROUP BY source"
            for r in self.conn.execute(sql):
                counts.setdefault(r["source"], {})[table] = r["n"]
        records = []
        for r in self.conn.execute("SELECT * FROM documents ORDER BY source COLLATE BINARY"):
            c = counts.get(r["source"], {})
            records.append(
                DocumentRecord(
                    meta=DocumentMeta.model_validate_json(r["meta"]),
                    path=r["path"],
                    ingested_at=r["ingested_at"],
                    warnings=json.loads(r["warnings"]),
                    goals=c.get("goals", 0),
                    indicators=c.get("indicators", 0),
                    activities=c.get("activities", 0),
                    outcomes=c.get("outcomes", 0),
                    chunks=c.get("chunks", 0),
                )
            )
        return records

    def parsed(self, source: str, sections: bool = True) -> ParsedDocument | None:
        """Rebuild a stored document's parsed structure.

        Args:
            source: The document.
            sections: Also read its sections (the snapshot does not: their text is its
                chunks' text, and nothing answers from them).
        """
        row = self.conn.execute("SELECT meta, warnings FROM documents WHERE source = ?", (source,)).fetchone()
        if row is None:
            return None

        def rows(table: str) -> list[Any]:
            return self.conn.execute(
                f"SELECT * FROM {table} WHERE source = ? ORDER BY idx",
                (source,),
            ).fetchall()

        return ParsedDocument(
            meta=DocumentMeta.model_validate_json(row["meta"]),
            goals=[Goal.model_validate_json(r["data"]) for r in rows("goals")],
            activities=[Activity.model_validate_json(r["data"]) for r in rows("activities")],
            glossary=[GlossaryEntry.model_validate_json(r["data"]) for r in rows("glossary")],
            facts=[DocFact.model_validate_json(r["data"]) for r in rows("facts")],
            sections=[
                Section(
                    heading_path=json.loads(r["heading_path"]),
                    text=r["text"],
                    page=r["page"],
                    goal_key=r["goal_key"],
                )
                for r in (rows("sections") if sections else [])
            ],
            indicators=[s.indicator for s in self.indicator_store.indicators(source)],
            outcomes=[s.outcome for s in self.indicator_store.outcomes(source)],
            warnings=json.loads(row["warnings"]),
        )

    def chunks(self, source: str | None = None) -> list[Chunk]:
        """Every stored chunk, or one document's, in document order."""
        if source is None:
            rows = self.conn.execute("SELECT * FROM chunks ORDER BY source COLLATE BINARY, seq")
        else:
            rows = self.conn.execute("SELECT * FROM chunks WHERE source = ? ORDER BY seq", (source,))
        return [
            Chunk(
                id=r["id"],
                source=r["source"],
                kind=r["kind"],
                text=r["text"],
                breadcrumb=r["breadcrumb"],
                page=r["page"],
                ref=r["ref"],
                goal_key=r["goal_key"],
                repaired=r["repaired"],
            )
            for r in rows
        ]
