"""One database layer for every Planbot store: SQLite (embedded default) or PostgreSQL (replicas).

Code writes one SQL style, SQLite's (`?` placeholders, `ON CONFLICT … DO UPDATE/NOTHING`,
`COLLATE BINARY` for byte-order sorting), which PostgreSQL also understands once the
placeholders are translated. Where the two really differ (column types, identity
columns) a migration carries one script per dialect. Transactions go through
`Database.transaction()`, the one helper; nothing else writes BEGIN or ROLLBACK.

Connections are in autocommit mode outside `transaction()`, so a single read sees the
latest committed state (the generation check) and never holds a snapshot open.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol


def _database_errors() -> tuple[type[Exception], ...]:
    import sqlite3

    try:
        import psycopg
    except ImportError:  # an SQLite-only install
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, psycopg.Error)


# What either driver raises for a database that cannot be read or reached (catch this, not sqlite3's).
DATABASE_ERRORS: tuple[type[Exception], ...] = _database_errors()


def unreachable(exc: BaseException) -> bool:
    """Whether a failure (or its cause) is a server not reachable yet, which waiting can mend.

    True for refused or dropped connections to PostgreSQL or a Chroma server; False for
    anything waiting would not mend (a corrupt SQLite file, a Chroma panic, a bug).
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ConnectionError):
            return True
        kind = type(current)
        if kind.__module__.startswith("psycopg") and kind.__name__ == "OperationalError":
            return True  # connection refused, server starting up or shutting down
        if "Could not connect to a Chroma server" in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False


class Dialect(StrEnum):
    """The two engines a Database can sit on."""

    SQLITE = "sqlite"
    POSTGRES = "postgres"


class LockBusyError(RuntimeError):
    """A named lock (`Database.lock`) is held by another process."""


class Cursor(Protocol):
    """What `Database.execute` returns (a DB-API cursor of either driver)."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


@dataclass(frozen=True)
class Migration:
    """One schema step written separately for each dialect (types and identity columns differ).

    A plain string in a migration list is a script both dialects run as written.
    """

    sqlite: str
    postgres: str

    def script(self, dialect: Dialect) -> str:
        """The script for one dialect."""
        return self.sqlite if dialect is Dialect.SQLITE else self.postgres


def is_url(target: str | Path) -> bool:
    """True for a PostgreSQL URL, False for an SQLite file path."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


_QUOTED = re.compile(r"('(?:[^']|'')*')")


@lru_cache(maxsize=512)
def to_postgres(sql: str) -> str:
    """Translate the code's SQL style to psycopg's: `?` -> `%s`, `COLLATE BINARY` -> `COLLATE "C"`.

    `?` inside string literals is left alone; every `%` is doubled, in literals too, because
    psycopg reads `%` as the start of a placeholder wherever it is (statements are always
    sent with a parameter tuple, so `%%` always becomes `%` again).
    """
    parts = _QUOTED.split(sql.replace("%", "%%"))
    for i in range(0, len(parts), 2):  # even parts are outside quotes
        part = parts[i].replace("?", "%s")
        parts[i] = re.sub(r"COLLATE\s+BINARY", 'COLLATE "C"', part, flags=re.IGNORECASE)
    return "".join(parts)


def _lock_key(name: str) -> int:
    """A stable signed 64-bit key for PostgreSQL advisory locks."""
    return int.from_bytes(hashlib.sha256(f"planbot:{name}".encode()).digest()[:8], "big", signed=True)


class _PgRow(tuple):
    """A PostgreSQL row readable by position and by column name, like `sqlite3.Row`."""

    _index: dict[str, int] = {}  # noqa: RUF012 - replaced per query by a subclass

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """Column names, in order."""
        return list(self._index)


def _pg_row_factory(cursor: Any) -> Any:
    names = [c.name for c in cursor.description or []]
    row_type = type("Row", (_PgRow,), {"_index": {n: i for i, n in enumerate(names)}})
    return row_type


# How long an SQLite connection waits for another one's lock before "database is locked".
_BUSY_SECONDS = 30.0


def _use_wal(raw: Any) -> None:
    """Put an SQLite connection's file in WAL mode, waiting for other processes doing the same.

    Converting the journal needs the file to itself, and SQLite does not run the busy
    handler for `PRAGMA journal_mode`: two jobs opening a fresh data dir together would
    otherwise fail at once with "database is locked". WAL is a property of the file, so
    after the first open this is one read that takes no lock.
    """
    import sqlite3

    deadline = time.monotonic() + _BUSY_SECONDS
    delay = 0.01
    while True:
        try:
            if str(raw.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return
            # The pragma answers with the mode in force: the old one when it could not convert.
            if str(raw.execute("PRAGMA journal_mode=WAL").fetchone()[0]).lower() == "wal":
                return
            if time.monotonic() + delay > deadline:
                return  # still usable in the old mode; readers then wait for writers
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


class Database:
    """A connection to Planbot's database on either engine, safe to share between threads.

    Statements on one Database are serialised by a lock (held for a whole transaction), so
    threads that need to run in parallel open a Database each, as the service does for its
    generation checks.
    """

    def __init__(self, target: str | Path) -> None:
        """Connect; see `connect`."""
        self.target = target
        self._lock = threading.RLock()
        self._depth = 0
        self._raw: Any
        if is_url(target):
            import psycopg

            self.dialect = Dialect.POSTGRES
            self._raw = psycopg.connect(str(target), autocommit=True, row_factory=_pg_row_factory)
            with self.transaction():
                # Replicas starting together must not both create the table.
                self.execute("SELECT pg_advisory_xact_lock(?)", (_lock_key("schema"),))
                self.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        else:
            import sqlite3

            self.dialect = Dialect.SQLITE
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=_BUSY_SECONDS)
            raw.row_factory = sqlite3.Row
            # WAL: a server reads while ingest writes. NORMAL: durable at checkpoints, and
            # WAL keeps the file consistent in between.
            _use_wal(raw)
            raw.execute("PRAGMA synchronous=NORMAL")
            raw.execute("PRAGMA foreign_keys=ON")
            raw.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._raw = raw

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None on PostgreSQL."""
        return None if self.dialect is Dialect.POSTGRES else Path(self.target)

    def _sql(self, sql: str) -> str:
        return to_postgres(sql) if self.dialect is Dialect.POSTGRES else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement with `?` placeholders and return its cursor."""
        with self._lock:
            if self.dialect is Dialect.POSTGRES:
                return self._raw.execute(self._sql(sql), tuple(params))
            return self._raw.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""
        with self._lock:
            if self.dialect is Dialect.POSTGRES:
                batch = [tuple(r) for r in rows]
                if batch:
                    with self._raw.cursor() as cur:
                        cur.executemany(self._sql(sql), batch)
            else:
                self._raw.executemany(sql, rows)

    @contextlib.contextmanager
    def transaction(self, write: bool = True) -> Iterator[Database]:
        """Run the block in one transaction: committed at the end, rolled back on any exception.

        Args:
            write: True takes SQLite's write lock up front (`BEGIN IMMEDIATE`), so two writers
                queue instead of failing halfway; False opens a consistent read snapshot
                (PostgreSQL: REPEATABLE READ, READ ONLY).

        A transaction opened inside another on the same Database joins the outer one.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            if self.dialect is Dialect.POSTGRES:
                begin = "BEGIN" if write else "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            else:
                begin = "BEGIN IMMEDIATE" if write else "BEGIN"
            self._raw.execute(begin)
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                self._raw.execute("ROLLBACK")
                raise
            self._depth = 0
            self._raw.execute("COMMIT")

    def migrate(self, component: str, migrations: Sequence[str | Migration]) -> int:
        """Apply the component's migrations that have not run yet, each in its own transaction.

        The applied version is recorded in `meta` under `schema:<component>` and re-read
        inside the transaction (under an advisory lock on PostgreSQL), so processes that
        start together apply each step once.

        Args:
            component: Name of the store (catalog, indicators, feedback…).
            migrations: Steps in order; never edit a released one, append a new one.

        Returns:
            The component's schema version afterwards.
        """
        key = f"schema:{component}"
        version = self._applied(key)
        while version < len(migrations):
            with self.transaction():
                if self.dialect is Dialect.POSTGRES:
                    self.execute("SELECT pg_advisory_xact_lock(?)", (_lock_key("schema"),))
                version = self._applied(key)
                if version >= len(migrations):
                    break
                step = migrations[version]
                script = step if isinstance(step, str) else step.script(self.dialect)
                for statement in script.split(";"):
                    if statement.strip():
                        self.execute(statement)
                version += 1
                self.set_meta(key, str(version))
        return version

    def _applied(self, key: str) -> int:
        value = self.get_meta(key)
        return int(value) if value else 0

    def get_meta(self, key: str) -> str | None:
        """A value of the `meta` table (schema versions, generation), or None."""
        row = self.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the `meta` table."""
        self.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def increment(self, key: str) -> None:
        """Add one to a counter in `meta` (the catalog generation), creating it at 1."""
        self.execute(
            "INSERT INTO meta(key, value) VALUES (?, '1')"
            " ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)",
            (key,),
        )

    @contextlib.contextmanager
    def lock(self, name: str, wait: float = 0.0) -> Iterator[None]:
        """Hold a named lock across processes for the block.

        PostgreSQL: a session advisory lock, so writers on different machines exclude each
        other. SQLite: an flock on `<name>.lock` next to the database file (one host).

        Args:
            name: The lock's name (e.g. "ingest").
            wait: Seconds to keep trying before giving up (0: fail at once).

        Raises:
            LockBusyError: Another process still holds the lock after `wait` seconds.
        """
        deadline = time.monotonic() + wait
        if self.dialect is Dialect.POSTGRES:
            key = _lock_key(name)
            while not self.execute("SELECT pg_try_advisory_lock(?)", (key,)).fetchone()[0]:
                if time.monotonic() >= deadline:
                    raise LockBusyError(name)
                time.sleep(0.2)
            try:
                yield
            finally:
                self.execute("SELECT pg_advisory_unlock(?)", (key,))
            return
        path = Path(self.target).parent / f"{name}.lock"
        with open(path, "w") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError as exc:
                    if time.monotonic() >= deadline:
                        raise LockBusyError(name) from exc
                    time.sleep(0.2)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._raw.close()


def connect(target: str | Path | Database) -> Database:
    """Open Planbot's database.

    Args:
        target: A `postgresql://…` URL, or the path of an SQLite file (its folder is
            created when missing). An open Database is returned as it is.

    Returns:
        The database, with the `meta` table present.
    """
    if isinstance(target, Database):
        return target
    return Database(target)
