"""A snapshot shares equal strings and field sets among its models, and its values stay the stored ones."""

from __future__ import annotations

from pathlib import Path

from knowledge.models import Chunk, ChunkKind
from knowledge.store.catalog import Catalog
from knowledge.store.compact import compact
from knowledge.store.snapshot import Snapshot
from tests.support.builders import parsed_plan


def _chunks(source: str) -> list[Chunk]:
    # Texts built at run time: literals would already be one object, and prove nothing.
    shared = " ".join(["Hembesök", "inom", "tre", "dagar"])
    return [
        Chunk(
            id=f"{source}-{i}",
            source=source,
            kind=ChunkKind.SECTION,
            text=shared if i else f"{source} egen text",
            breadcrumb="VP › " + "Mål",
            ref=i,
        )
        for i in range(3)
    ]


def test_snapshot_models_equal_the_stored_ones_and_share_equal_strings(database: str | Path) -> None:
    catalog = Catalog(database)
    try:
        for source in ("a.txt", "b.txt"):
            catalog.replace_document(parsed_plan(source, 2023), _chunks(source), None)
        snap = Snapshot.load(catalog)
        for source in ("a.txt", "b.txt"):
            assert snap.chunks_of(source) == catalog.chunks(source)
            assert snap.parsed[source] == catalog.parsed(source, sections=False)
            # Sections are the chunks' text: the snapshot does not hold them twice.
            assert snap.parsed[source].sections == [] and catalog.parsed(source).sections  # type: ignore[union-attr]
        a, b = snap.chunks_of("a.txt"), snap.chunks_of("b.txt")
        assert a[1].text is b[2].text and a[0].breadcrumb is b[0].breadcrumb and a[0].source is a[2].source
        assert a[0].__pydantic_fields_set__ is b[1].__pydantic_fields_set__
        goal_a, goal_b = snap.parsed["a.txt"].goals[0], snap.parsed["b.txt"].goals[0]
        assert goal_a.title is goal_b.title
    finally:
        catalog.close()


def test_compact_keeps_what_was_set_and_reaches_nested_models() -> None:
    plan, other = parsed_plan("c.txt", 2024), parsed_plan("d.txt", 2024)
    other.indicators[0].name = "".join(list(plan.indicators[0].name))  # equal, another object
    assert plan.indicators[0].name is not other.indicators[0].name
    before = plan.model_dump(exclude_unset=True)
    assert compact(plan) is plan and plan.model_dump(exclude_unset=True) == before
    compact(other)
    assert plan.indicators[0].name is other.indicators[0].name
    assert plan.goals[0].__pydantic_fields_set__ is other.goals[0].__pydantic_fields_set__
