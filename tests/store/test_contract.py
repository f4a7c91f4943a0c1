"""The store contract: the same behaviour on SQLite (embedded default) and PostgreSQL (replicas)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from bot.conversations import ConversationStore, DatabaseStorage
from bot.feedback import MIGRATIONS as FEEDBACK_MIGRATIONS
from bot.feedback import FeedbackStore
from core.db import Database, LockBusyError, Migration, connect, to_postgres
from indicators.models import Outcome
from indicators.store import ImportedRow, IndicatorStore
from knowledge.answer import Answer, ConversationContext
from knowledge.models import Chunk, ChunkKind
from knowledge.store.catalog import Catalog
from knowledge.store.embedding_cache import EmbeddingCache
from knowledge.store.snapshot import Snapshot
from tests.support.builders import parsed_plan


def _chunks(source: str, year: int, n: int = 2) -> list[Chunk]:
    return [
        Chunk(
            id=f"{source}-{year}-{i}",
            source=source,
            kind=ChunkKind.SECTION,
            text=f"Text {i}",
            breadcrumb="VP",
        )
        for i in range(n)
    ]


@pytest.fixture
def catalog(database: str | Path) -> Catalog:
    cat = Catalog(database)
    yield cat
    cat.close()


def test_a_document_round_trips_and_is_replaced_whole(catalog: Catalog) -> None:
    catalog.replace_document(parsed_plan("a.txt", 2023), _chunks("a.txt", 2023, 3), "/x/a.txt")
    first = catalog.generation()
    assert catalog.parsed("a.txt") == parsed_plan("a.txt", 2023)
    catalog.replace_document(parsed_plan("a.txt", 2024), _chunks("a.txt", 2024), None)
    assert catalog.generation() == first + 1
    [record] = catalog.documents()
    assert (record.meta.year, record.goals, record.indicators, record.activities, record.outcomes) == (
        2024, 1, 1, 1, 1,
    )  # fmt: skip
    assert (record.chunks, record.warnings) == (2, ["en varning"])
    assert [c.id for c in catalog.chunks()] == ["a.txt-2024-0", "a.txt-2024-1"]
    assert catalog.hashes() == {"a.txt": "ha.txt2024"}


def test_a_failed_write_leaves_the_previous_version(catalog: Catalog) -> None:
    catalog.replace_document(parsed_plan("a.txt", 2023), _chunks("a.txt", 2023), None)
    generation = catalog.generation()
    duplicate = _chunks("a.txt", 2024, 1) * 2  # the same chunk id twice violates the primary key
    with pytest.raises(Exception):  # noqa: B017 - sqlite3.IntegrityError or psycopg's UniqueViolation
        catalog.replace_document(parsed_plan("a.txt", 2024), duplicate, None)
    assert catalog.documents()[0].meta.year == 2023
    assert catalog.generation() == generation
    assert [c.id for c in catalog.chunks()] == ["a.txt-2023-0", "a.txt-2023-1"]


def test_remove_takes_everything_of_the_document(catalog: Catalog) -> None:
    catalog.replace_document(parsed_plan("a.txt", 2023), _chunks("a.txt", 2023), None)
    assert catalog.remove_document("a.txt")
    assert not catalog.remove_document("a.txt")
    assert catalog.documents() == [] and catalog.chunks() == []
    assert catalog.indicator_store.indicators() == [] and catalog.indicator_store.outcomes() == []


def test_documents_and_chunks_sort_by_byte_order_on_both_engines(catalog: Catalog) -> None:
    # PostgreSQL sorts by the database's locale unless told otherwise; answers must not differ.
    names = ["b.txt", "Z.txt", "å.txt", "a.txt", "B 2.txt"]
    for name in names:
        catalog.replace_document(parsed_plan(name, 2023), _chunks(name, 2023), None)
    assert [r.meta.source for r in catalog.documents()] == sorted(names)
    assert [c.source for c in catalog.chunks()][::2] == sorted(names)


def test_generation_is_seen_by_another_connection(database: str | Path) -> None:
    writer, reader = Catalog(database), connect(database)
    try:
        before = Catalog(reader).generation()
        writer.replace_document(parsed_plan("a.txt", 2023), _chunks("a.txt", 2023), None)
        assert Catalog(reader).generation() == before + 1
    finally:
        writer.close()
        reader.close()


def test_a_read_transaction_sees_one_committed_state(database: str | Path) -> None:
    writer, reader = Catalog(database), Catalog(database)
    try:
        writer.replace_document(parsed_plan("a.txt", 2023), _chunks("a.txt", 2023), None)
        with reader.conn.transaction(write=False):
            first = reader.documents()
            writer.replace_document(parsed_plan("b.txt", 2023), _chunks("b.txt", 2023), None)
            assert reader.documents() == first  # the other commit is not seen inside
        assert len(reader.documents()) == 2
        snap = Snapshot.load(reader)
        assert snap.generation == reader.generation() and len(snap.chunks) == 4
    finally:
        writer.close()
        reader.close()


def test_transaction_rolls_back_and_nests(database: str | Path) -> None:
    db = connect(database)
    try:
        db.migrate("t", ["CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)"])
        with pytest.raises(RuntimeError), db.transaction():
            db.execute("INSERT INTO t VALUES (?, ?)", ("a", 1))
            raise RuntimeError("boom")
        assert db.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 0
        with db.transaction(), db.transaction():  # the inner one joins the outer
            db.execute("INSERT INTO t VALUES (?, ?)", ("a", 1))
        row = db.execute("SELECT k, v FROM t WHERE k = ?", ("a",)).fetchone()
        assert (row["k"], row["v"], row[1]) == ("a", 1, 1)
    finally:
        db.close()


def test_sql_literals_with_percent_and_question_marks_survive(database: str | Path) -> None:
    db = connect(database)
    try:
        db.migrate("t", ["CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)"])
        db.execute("INSERT INTO t VALUES ('100 %?', ?)", ("5 % ?",))
        assert db.execute("SELECT v FROM t WHERE k LIKE '100 %'").fetchone()[0] == "5 % ?"
    finally:
        db.close()
    assert to_postgres("SELECT '?', ? FROM t WHERE a LIKE '5%' ORDER BY a COLLATE BINARY") == (
        """SELECT '?', %s FROM t WHERE a LIKE '5%%' ORDER BY a COLLATE "C\""""
    )


def test_migrations_run_once_per_component_and_per_dialect(database: str | Path) -> None:
    steps: list[str | Migration] = [
        Migration(
            sqlite="CREATE TABLE m (id INTEGER PRIMARY KEY, v BLOB)",
            postgres="CREATE TABLE m (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v BYTEA)",
        ),
        "ALTER TABLE m ADD COLUMN note TEXT",
    ]
    results: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:  # processes starting together: each step still runs once
        db = connect(database)
        try:
            results.append(db.migrate("m", steps))
        except BaseException as exc:
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and results == [2, 2, 2]
    db = connect(database)
    try:
        db.execute("INSERT INTO m (v, note) VALUES (?, ?)", (b"\x00\x01", "x"))
        db.execute("INSERT INTO m (v, note) VALUES (?, ?)", (b"\x02", "y"))
        rows = db.execute("SELECT id, v FROM m ORDER BY id").fetchall()
        assert [bytes(r["v"]) for r in rows] == [b"\x00\x01", b"\x02"] and rows[0]["id"] < rows[1]["id"]
        assert db.migrate("m", steps) == 2
    finally:
        db.close()


def test_the_named_lock_excludes_a_second_holder_and_can_be_waited_for(database: str | Path) -> None:
    first, second = connect(database), connect(database)
    try:
        with first.lock("ingest"), pytest.raises(LockBusyError), second.lock("ingest"):
            pass
        holder = first.lock("ingest")
        holder.__enter__()
        release = threading.Timer(0.5, holder.__exit__, (None, None, None))
        release.start()
        with second.lock("ingest", wait=10):  # acquired once the first lets go
            pass
        release.join()
    finally:
        first.close()
        second.close()


def test_embedding_cache_keeps_one_vector_per_key_and_retains(database: str | Path) -> None:
    db = connect(database)
    try:
        cache = EmbeddingCache(db)
        cache.put([("a", np.ones(4)), ("b", np.arange(4))])
        cache.put([("a", np.zeros(4))])  # same key, same vector: the first one stays
        got = cache.get(["a", "b", "c", "a"])
        assert set(got) == {"a", "b"} and got["a"].tolist() == [1, 1, 1, 1] and got["a"].dtype == np.float32
        assert cache.retain(["b"]) == 1 and len(cache) == 1
        assert cache.retain(["b"]) == 0
    finally:
        db.close()


def test_imports_replace_earlier_imports_of_the_same_key_with_missing_parts(database: str | Path) -> None:
    db = connect(database)
    try:
        store = IndicatorStore(db)
        generation = int(db.get_meta("generation") or 0)

        def row(value: str, period: str | None) -> ImportedRow:
            outcome = Outcome(indicator="Sjukfrånvaro", year=2024, period=period, value=value)
            return ImportedRow(unit="Enheten X", district=None, outcome=outcome)

        assert store.replace_imported([row("5 %", None), row("6 %", "2024-T1")], "a.csv", "t1") == 0
        assert store.replace_imported([row("7 %", None)], "b.csv", "t2") == 1
        values = sorted((o.outcome.period or "", o.outcome.value) for o in store.outcomes())
        assert values == [("", "7 %"), ("2024-T1", "6 %")]
        assert store.imported_keys() == {(None, "Enheten X", "Sjukfrånvaro", None),
                                         (None, "Enheten X", "Sjukfrånvaro", "2024-T1")}  # fmt: skip
        assert int(db.get_meta("generation") or 0) == generation + 2
    finally:
        db.close()


def test_feedback_and_sent_answers(database: str | Path) -> None:
    store = FeedbackStore(database)
    try:
        assert store.migrate() == len(FEEDBACK_MIGRATIONS) and store.migrate() == len(FEEDBACK_MIGRATIONS)
        answer = Answer(answer="Målet är 80 %.", kind="indicator")
        store.record_sent("m1", "web", "c1", "Vad är målet?", answer)
        store.record_sent("m1", "web", "c1", "Vad är målet för 850101-1234?", answer)  # same id: replaced
        sent = store.sent_message("m1")
        assert sent is not None and "850101-1234" not in sent.question and sent.kind == "indicator"
        store.add_feedback(channel="web", message_id="m1", reaction="dislike", comment="Fel år", user_id="u")
        store.add_feedback(channel="web", message_id="m1", reaction="like", user_id="u")  # keeps the comment
        store.add_feedback(channel="web", message_id="m1", reaction="like", user_id="v")
        votes = store.all_feedback()
        assert [(v.user_id, v.reaction, v.comment) for v in votes] == [
            ("u", "like", "Fel år"),
            ("v", "like", ""),
        ]
        assert votes[0].question == sent.question
        with pytest.raises(ValueError):
            store.add_feedback(channel="web", message_id="m1", reaction="meh")
    finally:
        store.close()


def test_a_shared_database_object_is_usable_by_every_store(database: str | Path) -> None:
    db: Database = connect(database)
    try:
        catalog = Catalog(db)
        EmbeddingCache(db)
        feedback = FeedbackStore(db)
        feedback.migrate()
        catalog.replace_document(parsed_plan("a.txt", 2023), _chunks("a.txt", 2023), None)
        assert [r.meta.source for r in catalog.documents()] == ["a.txt"]
    finally:
        db.close()


def test_conversations_are_shared_between_stores_and_expire(database: str | Path) -> None:
    now = [1000.0]
    first = ConversationStore(database=database, ttl_seconds=60, clock=lambda: now[0])
    second = ConversationStore(database=database, ttl_seconds=60, clock=lambda: now[0])
    first.put("c1", ConversationContext(unit="Enheten X", year=2024))
    got = second.get("c1")  # another replica sees the context
    assert got is not None and (got.unit, got.year) == ("Enheten X", 2024)
    second.put("c1", ConversationContext(unit="Enheten Y"))
    assert (first.get("c1") or ConversationContext()).unit == "Enheten Y"
    now[0] += 61
    assert first.get("c1") is None
    second.put("c2", ConversationContext(topic="hembesök"))
    first.forget("c2")
    assert second.get("c2") is None


def test_a_follow_up_context_round_trips_whole(database: str | Path) -> None:
    # Everything a follow-up is resolved against (issue 10, item 6) survives the shared store,
    # including the quoted section's breadcrumb with its '›' and '…'.
    context = ConversationContext(
        unit="Stöd- och aktivitetsenheten",
        district="Hägersten-Liljeholmen",
        year=2020,
        source="001_baa0aabad314dbef.txt",
        indicator="Antal utförda samordnad individuell plan (SIP)",
        goal_key="g7",
        topic="Droppen Bruket",
        intent="general",
        question="vad gör Droppen/Bruket?",
        section="Verksamhetsplan 2020 › Inledning › Verksamhetsbeskrivning för sysselsättning…",
    )
    ConversationStore(database=database).put("c1", context)
    assert ConversationStore(database=database).get("c1") == context
    # A context stored before these fields existed still reads.
    old = ConversationContext.model_validate_json('{"unit": "Enheten X", "topic": "FUT"}')
    assert (old.unit, old.question, old.section) == ("Enheten X", None, None)


async def test_teams_state_storage_round_trips(database: str | Path) -> None:
    storage = DatabaseStorage(database)
    await storage.write({"conv/1": {"planbot_context": {"unit": "Enheten X"}, "e_tag": "*"}})
    other = DatabaseStorage(database)
    assert await other.read(["conv/1", "conv/2"]) == {
        "conv/1": {"planbot_context": {"unit": "Enheten X"}, "e_tag": "*"}
    }
    await other.write({"conv/1": {"planbot_context": {}}})
    assert (await storage.read(["conv/1"]))["conv/1"] == {"planbot_context": {}}
    await storage.delete(["conv/1"])
    assert await other.read(["conv/1"]) == {}
