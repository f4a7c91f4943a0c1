"""Per-conversation context for the JSON API and the web chat, and botbuilder storage for Teams.

In the embedded default both live in process memory. With a shared database (replicas
behind a load balancer) both live there, so a follow-up question answered by another
replica still knows what the conversation was about.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from botbuilder.core import Storage

from core.db import Database, connect
from knowledge.answer import ConversationContext

# Append-only, like every migration list.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE conversations (
        id TEXT PRIMARY KEY, context TEXT NOT NULL, updated_at DOUBLE PRECISION NOT NULL);
    CREATE INDEX conversations_updated ON conversations(updated_at);
    CREATE TABLE bot_state (key TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at DOUBLE PRECISION NOT NULL)
    """,
]

# A shared store deletes expired conversations on every this-many writes, not on each.
_PRUNE_EVERY = 200


class _Shared:
    """A lazily opened connection: replicas start before their database is reachable."""

    def __init__(self, target: str | Path) -> None:
        self.target = target
        self._db: Database | None = None
        self._lock = threading.Lock()

    def db(self) -> Database:
        with self._lock:
            if self._db is None:
                db = connect(self.target)
                db.migrate("conversations", MIGRATIONS)
                self._db = db
            return self._db


class ConversationStore:
    """A bounded, expiring map from conversation id to the context after its last turn.

    In memory: least recently used conversations are dropped once `max_items` is reached.
    Either way a conversation idle for `ttl_seconds` starts afresh, so storage stays
    bounded however many browser tabs come and go. Thread-safe (the bot calls it through
    the ServiceRunner's pool).
    """

    def __init__(
        self,
        max_items: int = 2000,
        ttl_seconds: float = 2 * 3600,
        clock: Callable[[], float] | None = None,
        database: str | Path | None = None,
    ) -> None:
        """Create an empty store.

        Args:
            max_items: Most conversations kept in memory.
            ttl_seconds: Idle time after which a conversation is forgotten.
            clock: Time source (injectable for tests); monotonic in memory, wall-clock time
                with a database (replicas on other machines compare the stamps).
            database: The shared database (PostgreSQL URL or SQLite path); None keeps
                conversations in this process.
        """
        self._items: OrderedDict[str, tuple[float, ConversationContext]] = OrderedDict()
        self._max_items = max_items
        self._ttl = ttl_seconds
        self._shared = _Shared(database) if database is not None else None
        self._clock = clock or (time.time if database is not None else time.monotonic)
        self._lock = threading.Lock()
        self._writes = 0

    def get(self, conversation_id: str) -> ConversationContext | None:
        """Return the stored context, or None when unknown or expired."""
        if self._shared is not None:
            row = (
                self._shared.db()
                .execute(
                    "SELECT context, updated_at FROM conversations WHERE id = ? AND updated_at >= ?",
                    (conversation_id, self._clock() - self._ttl),
                )
                .fetchone()
            )
            return None if row is None else ConversationContext.model_validate_json(row["context"])
        with self._lock:
            item = self._items.get(conversation_id)
            if item is None:
                return None
            stamp, context = item
            if self._clock() - stamp > self._ttl:
                del self._items[conversation_id]
                return None
            self._items.move_to_end(conversation_id)
            return context

    def put(self, conversation_id: str, context: ConversationContext) -> None:
        """Store the context after a turn, evicting the least recently used if full."""
        if self._shared is not None:
            db = self._shared.db()
            now = self._clock()
            db.execute(
                "INSERT INTO conversations(id, context, updated_at) VALUES (?, ?, ?) ON CONFLICT(id)"
                " DO UPDATE SET context = excluded.context, updated_at = excluded.updated_at",
                (conversation_id, context.model_dump_json(), now),
            )
            with self._lock:
                self._writes += 1
                prune = self._writes % _PRUNE_EVERY == 0
            if prune:
                db.execute("DELETE FROM conversations WHERE updated_at < ?", (now - self._ttl,))
            return
        with self._lock:
            self._items[conversation_id] = (self._clock(), context)
            self._items.move_to_end(conversation_id)
            while len(self._items) > self._max_items:
                self._items.popitem(last=False)

    def forget(self, conversation_id: str) -> None:
        """Drop a conversation's context (the `ny` command, 'Ny konversation')."""
        if self._shared is not None:
            self._shared.db().execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            return
        with self._lock:
            self._items.pop(conversation_id, None)

    def __len__(self) -> int:
        """Number of conversations held, expired ones included until touched (or pruned)."""
        if self._shared is not None:
            return int(self._shared.db().execute("SELECT COUNT(*) FROM conversations").fetchone()[0])
        return len(self._items)


class DatabaseStorage(Storage):
    """botbuilder `Storage` in the shared database: Teams conversation state seen by every replica.

    Values are the JSON dicts `ConversationState` saves; the last write wins (as with
    botbuilder's memory storage under `e_tag="*"`).
    """

    def __init__(self, database: str | Path) -> None:
        """Remember the database; it is opened on first use."""
        super().__init__()
        self._shared = _Shared(database)

    async def read(self, keys: list[str]) -> dict[str, Any]:
        """Stored values of the keys that have one."""
        if not keys:
            return {}
        return await asyncio.get_running_loop().run_in_executor(None, self._read, list(keys))

    def _read(self, keys: list[str]) -> dict[str, Any]:
        marks = ",".join("?" * len(keys))
        rows = self._shared.db().execute(f"SELECT key, data FROM bot_state WHERE key IN ({marks})", keys)
        return {r["key"]: json.loads(r["data"]) for r in rows.fetchall()}

    async def write(self, changes: dict[str, Any]) -> None:
        """Store each value (a dict, or a StoreItem's attributes)."""
        if changes is None:
            raise ValueError("Changes are required when writing")
        await asyncio.get_running_loop().run_in_executor(None, self._write, changes)

    def _write(self, changes: dict[str, Any]) -> None:
        db = self._shared.db()
        now = time.time()
        with db.transaction():
            for key, value in changes.items():
                data = value if isinstance(value, dict) else dict(vars(value))
                db.execute(
                    "INSERT INTO bot_state(key, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(key)"
                    " DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                    (key, json.dumps(data, ensure_ascii=False, default=str), now),
                )

    async def delete(self, keys: list[str]) -> None:
        """Delete the keys' values."""
        await asyncio.get_running_loop().run_in_executor(None, self._delete, list(keys))

    def _delete(self, keys: list[str]) -> None:
        db = self._shared.db()
        with db.transaction():
            for key in keys:
                db.execute("DELETE FROM bot_state WHERE key = ?", (key,))
