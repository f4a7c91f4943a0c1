"""Budget rows, administrative facts and readable OCR repairs round-trip on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.models import AdminKey, Chunk, ChunkKind, DocFact, DocumentMeta, FactKind, ParsedDocument
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot


@pytest.fixture
def catalog(database: str | Path) -> Iterator[Catalog]:
    cat = Catalog(database)
    yield cat
    cat.close()


def _parsed() -> ParsedDocument:
    meta = DocumentMeta(
        source="vp.txt", title="Verksamhetsplan 2020", unit="Enheten X", year=2020, content_hash="h1"
    )
    facts = [
        DocFact(
            kind=FactKind.BUDGET,
            key="Personalkostnader",
            label="Personalkostnader",
            value="23 345",
            value_num=23345.0,
            columns={"Budget": "23 345", "Utfall 2019": "22 900"},
            group="Kostnader",
            year=2020,
            measure="tkr",
            page=26,
            quote="Beloppen anges i TKr\tBudget\nPersonalkostnader\t23 345",
            heading_path=["Budget 2020"],
        ),
        DocFact(
            kind=FactKind.ADMIN, key=AdminKey.MANAGER.value, label="Enhetschef", value="Karin Berg", page=1
        ),
    ]
    return ParsedDocument(meta=meta, facts=facts)


def test_facts_and_repaired_chunks_round_trip(catalog: Catalog) -> None:
    parsed = _parsed()
    chunk = Chunk(
        id="c1",
        source="vp.txt",
        kind=ChunkKind.FACT,
        text="ekonomiskt bistdnd",
        breadcrumb="VP › Budget 2020",
        ref=0,
        repaired="ekonomiskt bistånd",
    )
    catalog.replace_document(parsed, [chunk], path=None)
    stored = catalog.parsed("vp.txt")
    assert stored is not None and stored.facts == parsed.facts
    assert catalog.chunks()[0].repaired == "ekonomiskt bistånd"
    snap = Snapshot.load(catalog)
    assert snap.parsed["vp.txt"].facts[0].columns == {"Budget": "23 345", "Utfall 2019": "22 900"}
    assert catalog.remove_document("vp.txt")
    assert catalog.parsed("vp.txt") is None
    assert catalog.conn.execute("SELECT COUNT(*) AS n FROM facts").fetchone()["n"] == 0
