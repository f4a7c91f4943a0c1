"""Character n-gram pieces and the per-document index of section chunks (knowledge/store/grams.py)."""

from __future__ import annotations

from pathlib import Path

from knowledge.models import Chunk, ChunkKind
from knowledge.store.grams import GramIndex, fold, pieces
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import UNIT, make_catalog, plan


def test_pieces_are_taken_inside_padded_words_on_folded_text() -> None:
    found = pieces("Sjukfrånvaron")
    assert " sj" in found and "ron " in found and "franv" in found
    assert not any("å" in p for p in found)
    assert fold("Örnberg är") == "ornberg ar"
    # Figures are left to the number features.
    assert pieces("2023") == frozenset()


def test_another_form_of_a_word_meets_the_text_that_holds_it() -> None:
    index = GramIndex(
        [
            "Kontinuerlig uppföljning görs månadsvis av enhetens samtliga placeringar.",
            "Enheten arbetar med motiverande samtal i alla klientmöten.",
            "Medarbetarna har handledning varannan vecka.",
        ]
    )
    # "placerade" is not "placeringar" to a stemmer, but shares most of its letters.
    values = index.overlaps("placerade")
    assert values[0] == max(values) and values[0] > values[2]
    # A compound joined in the plan and split in the question, written without å/ä/ö.
    index = GramIndex(
        [
            "En gång per kvartal säkerställa att samverkansöverenskommelse med Jobbtorg följs.",
            "Gemensam ärendedragning sker en gång i månaden med Arbetsförmedlingen.",
        ]
    )
    values = index.overlaps("kommit overens")
    assert values[0] > values[1]


def test_pieces_every_text_has_count_less() -> None:
    index = GramIndex(
        ["Enheten har en enhetschef.", "Enheten har en brukarrådsgrupp.", "Enheten har ett kontor."]
    )
    # "enheten" is in all three; "brukarråd" decides.
    values = index.overlaps("enheten brukarrad")
    assert values[1] > values[0] and values[1] > values[2]
    assert index.overlaps("") == [0.0, 0.0, 0.0]
    assert GramIndex([]).overlaps("brukare") == []


def _section(n: int, text: str) -> Chunk:
    return Chunk(id=f"s{n}", source="vp.txt", kind=ChunkKind.SECTION, breadcrumb=f"Plan › {n}", text=text)


def test_the_snapshot_indexes_each_documents_sections_when_loaded_and_keeps_them(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    try:
        chunks = [
            _section(0, "Brukarrådet träffas fyra gånger per år."),
            Chunk(id="r0", source="vp.txt", kind=ChunkKind.INDICATOR, breadcrumb="Plan", text="Andel 90 %"),
            _section(1, "Placeringarna följs upp varje månad."),
        ]
        catalog.replace_document(plan("vp.txt", UNIT, 2023, []), chunks=chunks, path=None)
        snap = Snapshot.load(catalog)
        # Built by the load (the service's warm-up), not by the first question: already there.
        assert "vp.txt" in snap.doc_grams
        sections, index = snap.section_grams("vp.txt")
        assert [c.id for c in sections] == ["s0", "s1"], "only prose sections are indexed"
        values = index.overlaps("placerade")
        assert values[1] > values[0]
        # The next snapshot of an unchanged document reuses the index instead of building it.
        again = Snapshot.load(catalog, previous=snap)
        assert again.section_grams("vp.txt")[1] is index
        assert snap.section_grams("other.txt")[0] == []
    finally:
        catalog.close()
