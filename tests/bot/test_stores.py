"""The conversation context store and the SQLite feedback store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bot.conversations import ConversationStore
from bot.feedback import MIGRATIONS, FeedbackStore, hash_user_id
from core.db import Dialect
from knowledge.answer import ConversationContext
from tests.bot.fakes import FakeService


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_context_store_evicts_least_recently_used() -> None:
    store = ConversationStore(max_items=2)
    store.put("a", ConversationContext(unit="A"))
    store.put("b", ConversationContext(unit="B"))
    assert store.get("a") is not None  # touch a: b is now the oldest
    store.put("c", ConversationContext(unit="C"))
    assert store.get("b") is None
    assert store.get("a") == ConversationContext(unit="A")
    assert len(store) == 2


def test_context_store_expires_idle_conversations() -> None:
    clock = Clock()
    store = ConversationStore(ttl_seconds=60, clock=clock)
    store.put("a", ConversationContext(year=2023))
    clock.now = 59
    assert store.get("a") == ConversationContext(year=2023)
    clock.now = 59 + 61
    assert store.get("a") is None
    store.put("b", ConversationContext())
    store.forget("b")
    assert store.get("b") is None


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    feedback = FeedbackStore(tmp_path / "feedback.sqlite3")
    assert feedback.migrate() == 2
    return feedback


def test_migrations_are_recorded_and_idempotent(store: FeedbackStore) -> None:
    assert store.migrate() == 2
    with sqlite3.connect(store.path) as db:
        versions = db.execute("SELECT value FROM meta WHERE key = 'schema:feedback'").fetchall()
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert versions == [("2",)]
    assert {"meta", "feedback", "sent_messages"} <= tables


def test_a_feedback_file_of_the_old_migration_table_keeps_its_votes(tmp_path: Path) -> None:
    # Written as the store did before core.db: tables plus a schema_migrations row.
    path = tmp_path / "feedback.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        for statement in MIGRATIONS[0].script(Dialect.SQLITE).split(";"):
            db.execute(statement)
        db.execute("INSERT INTO schema_migrations VALUES (1, '2026-01-01')")
        db.execute(
            "INSERT INTO feedback (created_at, channel, message_id, user_id, reaction)"
            " VALUES ('2026-01-01', 'web', 'm1', 'u1', 'like')"
        )
    store = FeedbackStore(path)
    assert store.migrate() == 2
    assert [r.message_id for r in store.all_feedback()] == ["m1"]


def test_feedback_is_linked_to_the_sent_answer_and_masked(store: FeedbackStore) -> None:
    answer = FakeService().answer("Vilka mål har enheten?")
    store.record_sent("act-1", "teams", "conv-1", "Gäller det 850101-1234?", answer)
    record = store.add_feedback(
        channel="teams",
        message_id="act-1",
        reaction="dislike",
        comment="Fel för 19850101-1234",
        user_id=hash_user_id("aad-user"),
    )
    assert record.conversation_id == "conv-1"
    assert record.question == "Gäller det [personnummer]?"
    assert record.comment == "Fel för [personnummer]"
    assert record.answer == answer.answer
    assert [c["n"] for c in json.loads(record.citations or "[]")] == [1, 2]
    assert record.user_id == hash_user_id("aad-user") and "aad-user" not in record.user_id
    raw = store.path.read_bytes()
    assert b"850101-1234" not in raw


def test_a_second_vote_replaces_the_first(store: FeedbackStore) -> None:
    store.add_feedback(channel="web", message_id="m1", reaction="like", user_id="u")
    store.add_feedback(
        channel="web", message_id="m1", reaction="dislike", comment="Saknar källa", user_id="u"
    )
    store.add_feedback(channel="web", message_id="m1", reaction="dislike", user_id="u")
    (only,) = store.all_feedback()
    assert (only.reaction, only.comment) == ("dislike", "Saknar källa")
    assert only.question is None  # unknown message: kept, just unlinked


def test_unknown_reaction_is_refused(store: FeedbackStore) -> None:
    with pytest.raises(ValueError):
        store.add_feedback(channel="web", message_id="m1", reaction="meh")
    assert hash_user_id(None) == ""
