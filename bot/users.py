"""Per-user settings: the unit a user works at ("min enhet"), kept across conversations.

Users are known by a pseudonymised key only: `aad:<hash>` (Teams, Entra object id),
`mail:<hash>` (preloaded from a CSV by e-mail address) or `web:<hash>` (the web chat's
browser id). The unit is stored as the user wrote it and matched against the ingested
units when used, so a re-ingest that renames a unit slightly does not lose it.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from bot import texts
from bot.feedback import hash_user_id
from bot.runner import ServiceRunner
from config.settings import Settings
from core.db import Database, connect

USERS_DB_NAME = "users.sqlite3"
# Below this similarity (rapidfuzz ratio, 0-100) a written unit is not taken to name an ingested one.
UNIT_MATCH_MIN = 85.0

# Append-only (core.db migrations); portable SQL, runs as written on SQLite and PostgreSQL.
MIGRATIONS = [
    """
    CREATE TABLE user_units (
        user_key TEXT PRIMARY KEY,
        unit TEXT NOT NULL,
        origin TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
]


class KeyKind(enum.StrEnum):
    """How a user is identified."""

    AAD = "aad"
    MAIL = "mail"
    WEB = "web"


class Origin(enum.StrEnum):
    """Who set a user's unit."""

    USER = "user"
    IMPORT = "import"


def users_database(settings: Settings) -> str | Path:
    """Where user settings live: the shared PostgreSQL database, or `users.sqlite3`."""
    return settings.database_url or settings.data_dir / USERS_DB_NAME


def user_key(kind: KeyKind, raw: str) -> str:
    """The stored key of a user: kind plus a pseudonym (e-mail compared case-insensitively)."""
    value = raw.strip().casefold() if kind is KeyKind.MAIL else raw.strip()
    return f"{kind.value}:{hash_user_id(value)}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class UserStore:
    """`<data_dir>/users.sqlite3` (or the shared PostgreSQL database): one unit per user key.

    Synchronous; the bot calls it through the runner. core.db serialises the statements
    of the one shared connection.
    """

    def __init__(self, path: str | Path | Database) -> None:
        """Remember where the database lives; it is created and migrated on first use.

        Args:
            path: The SQLite file, a PostgreSQL URL, or an open Database.
        """
        self.path = path
        self._lock = threading.Lock()
        self._conn: Database | None = path if isinstance(path, Database) else None
        self._migrated = False

    @contextmanager
    def _db(self) -> Iterator[Database]:
        with self._lock:
            if self._conn is None:
                self._conn = connect(self.path)
            if not self._migrated:
                self._conn.migrate("users", MIGRATIONS)
                self._migrated = True
            conn = self._conn
        with conn.transaction():
            yield conn

    def close(self) -> None:
        """Close the connection (a later call opens it again)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
                self._migrated = False

    def unit_of(self, keys: Sequence[str]) -> str | None:
        """The unit stored for the first of `keys` that has one."""
        with self._db() as conn:
            for key in keys:
                row = conn.execute("SELECT unit FROM user_units WHERE user_key = ?", (key,)).fetchone()
                if row is not None:
                    return str(row["unit"])
        return None

    def set_unit(self, key: str, unit: str, origin: Origin = Origin.USER) -> None:
        """Store (or replace) a user's unit."""
        with self._db() as conn:
            conn.execute(
                "INSERT INTO user_units (user_key, unit, origin, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (user_key) DO UPDATE SET unit = excluded.unit, origin = excluded.origin, "
                "updated_at = excluded.updated_at",
                (key, unit.strip(), origin.value, _now()),
            )

    def clear_unit(self, keys: Sequence[str]) -> bool:
        """Forget the unit of every key given; True when one was stored."""
        with self._db() as conn:
            removed = 0
            for key in keys:
                removed += conn.execute("DELETE FROM user_units WHERE user_key = ?", (key,)).rowcount
        return removed > 0

    def has_mail_keys(self) -> bool:
        """True when some unit was preloaded by e-mail (only then is a Teams e-mail looked up)."""
        with self._db() as conn:
            row = conn.execute(
                "SELECT 1 FROM user_units WHERE user_key LIKE ? LIMIT 1", ("mail:%",)
            ).fetchone()
        return row is not None

    def count(self) -> int:
        """Number of users with a unit."""
        with self._db() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM user_units").fetchone()[0])


def match_unit(written: str, units: Iterable[str]) -> str | None:
    """The ingested unit a user means by `written` (exact, contained or close), or None.

    Args:
        written: The unit as the user wrote it ("stöd och aktivitet", "Stöd- och aktivitetsenheten").
        units: Canonical unit names of the ingested documents.

    Returns:
        The canonical name, or None when nothing is close enough.
    """
    names = sorted({u for u in units if u})
    wanted = " ".join(written.split()).strip(" .!?").casefold()
    if not wanted or not names:
        return None
    for name in names:
        if name.casefold() == wanted:
            return name
    containing = [n for n in names if wanted in n.casefold()]
    if len(containing) == 1:
        return containing[0]
    best = process.extractOne(wanted, names, scorer=fuzz.ratio, processor=str.casefold)
    if best is not None and best[1] >= UNIT_MATCH_MIN:
        return str(best[0])
    return None


class UnitAction(enum.Enum):
    """What a "min enhet" message asks for."""

    SHOW = "show"
    CLEAR = "clear"
    SET = "set"


@dataclass(frozen=True)
class UnitCommand:
    """A parsed "min enhet" / "jag jobbar på" message."""

    action: UnitAction
    unit: str = ""


_MIN_ENHET = re.compile(
    r"^\s*(?:min|vår)\s+enhet\s*(?:är|:|=)?\s*(?P<rest>.*?)[\s.!]*$", re.IGNORECASE | re.DOTALL
)
_JOBBAR = re.compile(
    r"^\s*(?:jag|vi)\s+(?:jobbar|arbetar)\s+(?:på|i|inom|vid)\s+(?P<rest>[^?]+?)[\s.!]*$", re.IGNORECASE
)
_NONE = {"ingen", "inget", "ingenting", "rensa", "ta bort", "glöm"}


def parse_unit_command(text: str) -> UnitCommand | None:
    """Read "min enhet [X|ingen]" and "jag jobbar på X"; None for anything else.

    A question ("Vad gör min enhet?") is never a command: commands carry no question mark.
    """
    if "?" in text:
        return None
    match = _MIN_ENHET.match(text) or _JOBBAR.match(text)
    if match is None:
        return None
    rest = match.group("rest").strip()
    if not rest:
        return UnitCommand(UnitAction.SHOW) if match.re is _MIN_ENHET else None
    if rest.casefold() in _NONE:
        return UnitCommand(UnitAction.CLEAR)
    return UnitCommand(UnitAction.SET, rest)


@dataclass(frozen=True)
class ImportResult:
    """What `import_csv` did."""

    imported: int
    unknown_units: list[tuple[int, str]]
    errors: list[str]


def import_csv(store: UserStore, path: Path, units: Sequence[str] = ()) -> ImportResult:
    """Preload units from a CSV with the columns `aadObjectId` or `email`, and `unit`.

    Args:
        store: Where the units go.
        path: The CSV file (UTF-8, comma or semicolon separated).
        units: Ingested unit names; a unit matching none is imported as written and reported.

    Returns:
        Counts, rows whose unit matched no ingested unit, and Swedish errors per bad row.

    Raises:
        ValueError: When the file lacks the needed columns (Swedish message).
    """
    text = path.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0] if text else ""
    # Excel in Swedish writes semicolons; pick whichever separator the header uses most.
    delimiter = max(",;\t", key=header.count)
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    fields = {(f or "").strip().casefold(): f for f in reader.fieldnames or []}
    id_fields = [fields[k] for k in ("aadobjectid", "email", "e-post", "epost", "mail") if k in fields]
    unit_field = fields.get("unit") or fields.get("enhet")
    if not id_fields or unit_field is None:
        raise ValueError(
            f"{path.name}: kolumnerna saknas. Filen behöver en kolumn aadObjectId eller email "
            "och en kolumn unit (eller enhet)."
        )
    imported, unknown, errors = 0, [], []
    for line, row in enumerate(reader, start=2):
        unit = (row.get(unit_field) or "").strip()
        ident = next(((f, (row.get(f) or "").strip()) for f in id_fields if (row.get(f) or "").strip()), None)
        if ident is None or not unit:
            errors.append(
                f"{path.name} rad {line}: id (aadObjectId/email) eller enhet saknas; raden hoppades över."
            )
            continue
        field, value = ident
        kind = KeyKind.AAD if field.casefold() == "aadobjectid" else KeyKind.MAIL
        canonical = match_unit(unit, units) if units else unit
        if canonical is None:
            unknown.append((line, unit))
            canonical = unit
        store.set_unit(user_key(kind, value), canonical, Origin.IMPORT)
        imported += 1
    return ImportResult(imported, unknown, errors)


class UserUnits:
    """The async side of "min enhet" for Teams and the web chat: commands and the default unit."""

    def __init__(self, store: UserStore, runner: ServiceRunner) -> None:
        """Wire the store to the runner that runs its (and the service's) blocking calls."""
        self.store = store
        self._runner = runner

    async def _units(self) -> list[str]:
        if not self._runner.ready:
            return []
        documents = await self._runner.run(self._runner.service.documents)
        return sorted({d.unit for d in documents if d.unit})

    async def handle(self, command: UnitCommand, keys: Sequence[str]) -> str:
        """Carry out a "min enhet" command for the user known by `keys` (first = where to store).

        Returns:
            Planbot's Swedish reply.
        """
        if command.action is UnitAction.CLEAR:
            removed = await self._runner.run(self.store.clear_unit, keys)
            return texts.UNIT_CLEARED if removed else texts.NO_UNIT
        if command.action is UnitAction.SHOW:
            stored = await self._runner.run(self.store.unit_of, keys)
            return texts.unit_shown(stored) if stored else texts.NO_UNIT
        units = await self._units()
        canonical = match_unit(command.unit, units)
        if canonical is None:
            return texts.unit_unknown(command.unit, units)
        await self._runner.run(self.store.set_unit, keys[0], canonical)
        return texts.unit_set(canonical)

    async def default_unit(self, keys: Sequence[str]) -> str | None:
        """The user's unit as an ingested unit name, or None (no unit, or none matches now)."""
        if not keys:
            return None
        stored = await self._runner.run(self.store.unit_of, keys)
        if not stored:
            return None
        return match_unit(stored, await self._units())
