"""SQLite store for 👍/👎 feedback and for the answers feedback refers to.

Synchronous by design: the bot calls it through `ServiceRunner.run`. Every text is
passed through `mask_personnummer` before it touches the disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel

from bot.privacy import mask_personnummer
from knowledge.answer import Answer

FEEDBACK_DB_NAME = "feedback.sqlite3"

# Append-only: a released migration is never edited, a change is a new entry.
MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE sent_messages (
            id TEXT PRIMARY KEY,
            channel TEXT NOT NULL,
            conversation_id TEXT,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            kind TEXT NOT NULL,
            citations TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            channel TEXT NOT NULL,
            conversation_id TEXT,
            message_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            reaction TEXT NOT NULL CHECK (reaction IN ('like', 'dislike')),
            comment TEXT NOT NULL DEFAULT '',
            question TEXT,
            answer TEXT,
            citations TEXT,
            UNIQUE (channel, message_id, user_id)
        );
        """,
    ),
    # Who was answered (pseudonymised): a vote without replyToId links to that user's latest answer.
    (2, "ALTER TABLE sent_messages ADD COLUMN user_id TEXT"),
]


class SentMessage(BaseModel):
    """An answer as it was sent, kept so later feedback can say what it was about."""

    id: str
    channel: str
    conversation_id: str | None
    question: str
    answer: str
    kind: str
    citations: str
    created_at: str = ""


class FeedbackRecord(BaseModel):
    """One stored vote."""

    created_at: str
    channel: str
    conversation_id: str | None
    message_id: str
    user_id: str
    reaction: str
    comment: str
    question: str | None
    answer: str | None
    citations: str | None


def hash_user_id(raw: str | None) -> str:
    """Pseudonymise a user id (AAD object id) so feedback never holds it in clear."""
    if not raw:
        return ""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _now_precise() -> str:
    # Sent answers are ordered by time to find a conversation's latest one; two answers
    # within a second must not tie (ISO strings with microseconds still sort as text).
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class FeedbackStore:
    """Feedback and sent answers in `<data_dir>/feedback.sqlite3`.

    One connection in WAL mode, shared by the pool threads under a lock: every answer is
    recorded, and a connection plus a journal fsync per answer serialised the server under
    load (the 50-user bench: most pool time waited here).
    """

    def __init__(self, path: Path) -> None:
        """Remember where the database lives; `migrate` creates it.

        Args:
            path: The SQLite file.
        """
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """The shared connection inside one transaction, for one thread at a time."""
        with self._lock:
            if self._db is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
                db.row_factory = sqlite3.Row
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; WAL keeps it consistent
                self._db = db
            with self._db:
                yield self._db

    def close(self) -> None:
        """Close the connection (a later call opens it again)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def migrate(self) -> int:
        """Create or upgrade the schema.

        Returns:
            The schema version after migrating.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            applied = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
            for version, sql in MIGRATIONS:
                if version in applied:
                    continue
                for statement in sql.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, _now()))
            row = db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def record_sent(
        self,
        message_id: str,
        channel: str,
        conversation_id: str | None,
        question: str,
        answer: Answer,
        user_id: str = "",
    ) -> None:
        """Remember an answer that was sent, keyed by its message (activity) id.

        Args:
            message_id: The Teams activity id of the reply, or the web chat's message id.
            channel: "teams" or "web".
            conversation_id: The conversation it belongs to.
            question: The question as asked.
            answer: The answer sent.
            user_id: Already pseudonymised id of the user answered (see `hash_user_id`).
        """
        citations = json.dumps([c.model_dump(mode="json") for c in answer.citations], ensure_ascii=False)
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO sent_messages (id, channel, conversation_id, question, answer, "
                "kind, citations, created_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    message_id,
                    channel,
                    conversation_id,
                    mask_personnummer(question),
                    mask_personnummer(answer.answer),
                    answer.kind,
                    mask_personnummer(citations),
                    _now_precise(),
                    user_id or None,
                ),
            )

    def sent_message(self, message_id: str) -> SentMessage | None:
        """Return a sent answer by id, or None when unknown."""
        with self._connect() as db:
            row = db.execute("SELECT * FROM sent_messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            return None
        return SentMessage.model_validate(
            {
                k: row[k]
                for k in ("id", "channel", "conversation_id", "question", "answer", "kind", "citations")
            }
        )

    def latest_sent(self, channel: str, conversation_id: str, user_id: str = "") -> SentMessage | None:
        """The newest answer sent in a conversation (a vote that names no answer is about it).

        Args:
            channel: "teams" or "web".
            conversation_id: The conversation.
            user_id: Pseudonymised user; when given, only answers to that user count.

        Returns:
            The latest sent answer, or None when the conversation has none.
        """
        sql = "SELECT * FROM sent_messages WHERE channel = ? AND conversation_id = ?"
        params: tuple[str, ...] = (channel, conversation_id)
        if user_id:
            sql += " AND user_id = ?"
            params += (user_id,)
        with self._connect() as db:
            row = db.execute(sql + " ORDER BY created_at DESC, id DESC LIMIT 1", params).fetchone()
        if row is None:
            return None
        return SentMessage.model_validate({k: row[k] for k in SentMessage.model_fields})

    def add_feedback(
        self,
        *,
        channel: str,
        message_id: str,
        reaction: str,
        comment: str = "",
        conversation_id: str | None = None,
        user_id: str = "",
    ) -> FeedbackRecord:
        """Store a vote; a second vote by the same user on the same answer replaces the first.

        Args:
            channel: "teams" or "web".
            message_id: The answer voted on (links to `sent_messages`).
            reaction: "like" or "dislike".
            comment: Free text from the user.
            conversation_id: The conversation.
            user_id: Already pseudonymised user id (see `hash_user_id`).

        Returns:
            The stored record, with the answer it refers to when known.

        Raises:
            ValueError: For a reaction other than like/dislike.
        """
        if reaction not in ("like", "dislike"):
            raise ValueError(f"unknown reaction {reaction!r}")
        sent = self.sent_message(message_id)
        record = FeedbackRecord(
            created_at=_now(),
            channel=channel,
            conversation_id=conversation_id or (sent.conversation_id if sent else None),
            message_id=message_id,
            user_id=user_id,
            reaction=reaction,
            comment=mask_personnummer(comment),
            question=sent.question if sent else None,
            answer=sent.answer if sent else None,
            citations=sent.citations if sent else None,
        )
        with self._connect() as db:
            db.execute(
                """
                INSERT INTO feedback (created_at, channel, conversation_id, message_id, user_id,
                                      reaction, comment, question, answer, citations)
                VALUES (:created_at, :channel, :conversation_id, :message_id, :user_id,
                        :reaction, :comment, :question, :answer, :citations)
                ON CONFLICT (channel, message_id, user_id) DO UPDATE SET
                    created_at = excluded.created_at,
                    reaction = excluded.reaction,
                    comment = CASE WHEN excluded.comment != '' THEN excluded.comment ELSE comment END
                """,
                record.model_dump(),
            )
        return record

    def sent_of_kinds(self, kinds: Sequence[str], since: str = "") -> list[SentMessage]:
        """Sent answers of the given kinds (e.g. not_found, clarify), oldest first.

        Args:
            kinds: Answer kinds to include.
            since: ISO date or time; only answers sent then or later ("" for all).
        """
        if not kinds:
            return []
        marks = ", ".join("?" for _ in kinds)
        with self._connect() as db:
            rows = db.execute(
                f"SELECT * FROM sent_messages WHERE kind IN ({marks}) AND created_at >= ? "
                "ORDER BY created_at, id",
                (*kinds, since),
            ).fetchall()
        return [SentMessage.model_validate({k: row[k] for k in SentMessage.model_fields}) for row in rows]

    def dislikes(self, since: str = "") -> list[FeedbackRecord]:
        """👎 votes since `since` (ISO date or time; "" for all), oldest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM feedback WHERE reaction = 'dislike' AND created_at >= ? "
                "ORDER BY created_at, id",
                (since,),
            ).fetchall()
        return [
            FeedbackRecord.model_validate({k: row[k] for k in FeedbackRecord.model_fields}) for row in rows
        ]

    def all_feedback(self) -> list[FeedbackRecord]:
        """Every stored vote, oldest first (for reports and tests)."""
        with self._connect() as db:
            rows = db.execute("SELECT * FROM feedback ORDER BY id").fetchall()
        return [
            FeedbackRecord.model_validate({k: row[k] for k in FeedbackRecord.model_fields}) for row in rows
        ]
