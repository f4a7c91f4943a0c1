"""SQLite tables for indicator rows and outcomes.

Indicator rows belong to the document they were parsed from and are replaced with it.
Outcomes come from documents (replaced with their document) or from imports (kept
across re-ingests of the plans, keyed by unit, indicator and period).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from pydantic import BaseModel

from indicators.db import migrate
from indicators.models import Indicator, Outcome

MIGRATIONS = [
    """
    CREATE TABLE indicators (
        source TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL,
        unit TEXT, district TEXT, year INTEGER, goal_key TEXT, data TEXT NOT NULL,
        PRIMARY KEY (source, idx));
    CREATE INDEX indicators_unit ON indicators(unit, year);
    CREATE TABLE outcomes (
        id INTEGER PRIMARY KEY, source TEXT, source_kind TEXT NOT NULL, indicator TEXT NOT NULL,
        unit TEXT, district TEXT, period TEXT, year INTEGER, data TEXT NOT NULL,
        imported_from TEXT, imported_at TEXT);
    CREATE INDEX outcomes_source ON outcomes(source);
    CREATE INDEX outcomes_unit ON outcomes(unit, indicator, period)
    """,
]


class StoredIndicator(BaseModel):
    """An indicator row together with the document it comes from."""

    source: str
    idx: int
    unit: str | None
    district: str | None
    year: int | None
    indicator: Indicator


class StoredOutcome(BaseModel):
    """An outcome with where it comes from (a document, or an imported file)."""

    id: int
    source: str | None
    unit: str | None
    district: str | None
    imported_from: str | None
    outcome: Outcome


class ImportedRow(BaseModel):
    """One imported outcome to store, with the unit and district it was matched to."""

    unit: str | None
    district: str | None
    outcome: Outcome


class IndicatorStore:
    """Indicator and outcome tables on a shared connection (the caller owns transactions)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        migrate(conn, "indicators", MIGRATIONS)

    def replace_document(
        self,
        source: str,
        unit: str | None,
        district: str | None,
        year: int | None,
        indicators: Sequence[Indicator],
        outcomes: Sequence[Outcome],
    ) -> None:
        """Replace a document's indicator rows and prose outcomes (inside the caller's transaction)."""
        self.remove_document(source)
        self.conn.executemany(
            "INSERT INTO indicators(source, idx, name, unit, district, year, goal_key, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (source, i, ind.name, unit, district, year, ind.goal_key, ind.model_dump_json())
                for i, ind in enumerate(indicators)
            ],
        )
        self.conn.executemany(
            "INSERT INTO outcomes(source, source_kind, indicator, unit, district, period, year, data)"
            " VALUES (?, 'document', ?, ?, ?, ?, ?, ?)",
            [(source, o.indicator, unit, district, o.period, o.year, o.model_dump_json()) for o in outcomes],
        )

    def remove_document(self, source: str) -> None:
        """Delete a document's rows (imported outcomes are not the document's and stay)."""
        self.conn.execute("DELETE FROM indicators WHERE source = ?", (source,))
        self.conn.execute("DELETE FROM outcomes WHERE source = ? AND source_kind = 'document'", (source,))

    def indicators(self, source: str | None = None) -> list[StoredIndicator]:
        """All indicator rows, or one document's, in document order."""
        sql = "SELECT * FROM indicators"
        args: tuple[str, ...] = ()
        if source is not None:
            sql += " WHERE source = ?"
            args = (source,)
        rows = self.conn.execute(sql + " ORDER BY source, idx", args).fetchall()
        return [
            StoredIndicator(
                source=r["source"],
                idx=r["idx"],
                unit=r["unit"],
                district=r["district"],
                year=r["year"],
                indicator=Indicator.model_validate_json(r["data"]),
            )
            for r in rows
        ]

    def outcomes(self, source: str | None = None) -> list[StoredOutcome]:
        """All outcomes (documents' and imported), or one document's."""
        sql = "SELECT * FROM outcomes"
        args: tuple[str, ...] = ()
        if source is not None:
            sql += " WHERE source = ?"
            args = (source,)
        rows = self.conn.execute(sql + " ORDER BY id", args).fetchall()
        return [
            StoredOutcome(
                id=r["id"],
                source=r["source"],
                unit=r["unit"],
                district=r["district"],
                imported_from=r["imported_from"],
                outcome=Outcome.model_validate_json(r["data"]),
            )
            for r in rows
        ]

    def imported_keys(self) -> set[tuple[str | None, str | None, str, str | None]]:
        """(district, unit, indicator, period) of every imported outcome (which rows a re-import replaces)."""
        sql = "SELECT district, unit, indicator, period FROM outcomes WHERE source_kind = 'import'"
        return {(r["district"], r["unit"], r["indicator"], r["period"]) for r in self.conn.execute(sql)}

    def replace_imported(self, rows: Sequence[ImportedRow], imported_from: str, imported_at: str) -> int:
        """Store imported outcomes in one transaction of its own, replacing earlier imports of the same key.

        The key is (unit, indicator, period) — and district, for units of the same name in
        two districts — so importing the same file twice stores each outcome once. Only
        imported outcomes are replaced; those read from documents stay.

        Args:
            rows: Matched rows (indicator names as in the ingested plans).
            imported_from: The imported file's name (shown in citations).
            imported_at: ISO timestamp of the import.

        Returns:
            How many earlier imported outcomes were replaced.
        """
        conn = self.conn
        replaced = 0
        conn.execute("BEGIN IMMEDIATE")
        try:
            for row in rows:
                o = row.outcome
                replaced += conn.execute(
                    "DELETE FROM outcomes WHERE source_kind = 'import' AND district IS ? AND unit IS ?"
                    " AND indicator = ? AND period IS ?",
                    (row.district, row.unit, o.indicator, o.period),
                ).rowcount
                conn.execute(
                    "INSERT INTO outcomes(source, source_kind, indicator, unit, district, period, year, data,"
                    " imported_from, imported_at) VALUES (NULL, 'import', ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        o.indicator,
                        row.unit,
                        row.district,
                        o.period,
                        o.year,
                        o.model_dump_json(),
                        imported_from,
                        imported_at,
                    ),
                )
            # Same counter the catalog bumps on every commit: running servers reload their snapshot.
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('generation', '1')"
                " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return replaced
