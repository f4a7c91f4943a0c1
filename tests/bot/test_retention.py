"""Retention of sent answers and feedback (PLANBOT_RETENTION_DAYS), at start and daily."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

import bot.app
from bot.feedback import FEEDBACK_DB_NAME, FeedbackStore
from knowledge.answer import Answer
from tests.bot.conftest import ClientFactory, make_settings
from tests.bot.fakes import FakeService


def _store(data_dir: Path) -> FeedbackStore:
    store = FeedbackStore(data_dir / FEEDBACK_DB_NAME)
    store.migrate()
    return store


def _record(store: FeedbackStore, message_id: str, days_old: int) -> None:
    store.record_sent(message_id, "web", "c1", f"fråga {message_id}", Answer(answer="svar", kind="passages"))
    store.add_feedback(channel="web", message_id=message_id, reaction="like", comment="bra", user_id="u")
    stamp = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_old)).isoformat(timespec="seconds")
    with store._connect() as db:
        db.execute("UPDATE sent_messages SET created_at = ? WHERE id = ?", (stamp, message_id))
        db.execute("UPDATE feedback SET created_at = ? WHERE message_id = ?", (stamp, message_id))


def _ids(data_dir: Path) -> tuple[list[str], list[str]]:
    with sqlite3.connect(data_dir / FEEDBACK_DB_NAME) as db:
        sent = [r[0] for r in db.execute("SELECT id FROM sent_messages ORDER BY id")]
        votes = [r[0] for r in db.execute("SELECT message_id FROM feedback ORDER BY message_id")]
    return sent, votes


def test_purge_deletes_only_what_is_older_than_the_period(tmp_path: Path) -> None:
    store = _store(tmp_path)
    _record(store, "gammal", 91)
    _record(store, "ny", 89)
    assert store.purge(0) == (0, 0)  # 0 keeps everything
    assert store.purge(90) == (1, 1)
    store.close()
    assert _ids(tmp_path) == (["ny"], ["ny"])


async def test_the_server_applies_retention_at_start_and_then_daily(
    make_client: ClientFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path)
    _record(store, "gammal", 120)
    _record(store, "ny", 3)
    store.close()
    # "Daily" shortened so the test sees the second pass; nothing is asserted on timing.
    monkeypatch.setattr(bot.app, "RETENTION_INTERVAL_S", 0.05)
    client = await make_client(make_settings(tmp_path, retention_days=30), FakeService())
    assert _ids(tmp_path) == (["ny"], ["ny"])
    feedback = client.server.app[bot.app.keys.FEEDBACK]
    await client.server.app[bot.app.keys.RUNNER].run(_record, feedback, "senare", 45)
    for _ in range(600):
        if _ids(tmp_path) == (["ny"], ["ny"]):
            break
        await asyncio.sleep(0.05)
    assert _ids(tmp_path) == (["ny"], ["ny"])
    assert (await client.get("/healthz")).status == 200
