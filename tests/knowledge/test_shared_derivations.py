"""Work per chunk shared between chunks of the same content (the 100x corpus repeats its sections).

`Snapshot.derived` with a content key builds once for every chunk of equal content and points
the value at each chunk; the list route's scans, the glossary's phrase search and the corpus
lexicon's word count must give what the unshared, word-by-word versions give.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from knowledge.answers import enumerations as module
from knowledge.answers.term_description import _at, _find
from knowledge.models import Chunk, ChunkKind
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import words
from knowledge.understand.compounds import Lexicon
from knowledge.understand.reading import read_question
from tests.indicators.plans import OTHER_UNIT, UNIT, chunks_for, plan

TODAY = dt.date(2023, 6, 15)
_SORTING = "Enheten sorterar plast, metall, glas, pappersförpackningar och matavfall."
_RESULTS = "Förväntade resultat:\n\n- Fler i arbete\n- Färre avhopp\n- Nöjdare deltagare"


def _snapshot(tmp_path: Path) -> Snapshot:
    """Two plans of two units whose sections are word for word the same."""
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    for source, unit in (("a.txt", UNIT), ("b.txt", OTHER_UNIT)):
        parsed = plan(source, unit, 2023, [])
        extra = [
            Chunk(id=f"{source}-e{n}", source=source, kind=ChunkKind.SECTION, text=text, breadcrumb=crumb)
            for n, (crumb, text) in enumerate(
                [(f"{source} › Mål › Resultat", _RESULTS), (f"{source} › Miljö › Arbetssätt", _SORTING)]
            )
        ]
        catalog.replace_document(parsed, chunks=chunks_for(parsed) + extra, path=None)
    snap = Snapshot.load(catalog)
    catalog.close()
    return snap


def _section(snap: Snapshot, source: str, text: str) -> Chunk:
    return next(c for c in snap.chunks_of(source) if c.text == text)


def test_equal_content_is_built_once_and_cited_from_each_chunk(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    a, b = _section(snap, "a.txt", _RESULTS), _section(snap, "b.txt", _RESULTS)
    built: list[str] = []
    real = module._scans

    def counted(chunk: Chunk) -> tuple[object, ...]:
        built.append(chunk.id)
        return real(chunk)

    counted.__module__, counted.__qualname__ = real.__module__, real.__qualname__
    scans_a = snap.derived(a, counted, module._section_content, module._rebound_scans)
    scans_b = snap.derived(b, counted, module._section_content, module._rebound_scans)
    assert built == [a.id]  # the second plan's copy was not read again
    assert [s.enum.chunk.id for s in scans_b] == [b.id]  # ...but cites its own chunk
    # What a build of b itself gives, field by field.
    assert scans_b == real(b) and scans_a == real(a)


def test_other_headings_are_other_content(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    results = _section(snap, "a.txt", _RESULTS)
    moved = results.model_copy(update={"id": "a.txt-moved", "breadcrumb": "a.txt › Annat"})
    assert module._section_content(results) != module._section_content(moved)
    # The scans' heads hold the headings, so a shared build would be wrong: each is built.
    assert module.chunk_scans(snap, moved)[0].head != module.chunk_scans(snap, results)[0].head
    # The document's title (first part) is not read: the two plans' copies share.
    other = _section(snap, "b.txt", _RESULTS)
    assert module._section_content(results) == module._section_content(other)


def test_shared_lists_answer_as_before_for_each_unit(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    reading = read_question("hur många sorters avfall sorterar vi?", snap.metas, TODAY)
    for source in ("a.txt", "b.txt"):
        answer = module.enumeration_answer(snap, reading, [source])
        assert answer is not None and "**5**" in answer.answer
        assert [c.source for c in answer.citations] == [source]
    lists = module.line_lists(snap, _section(snap, "b.txt", _RESULTS))
    assert [e.chunk.source for e in lists] == ["b.txt"] and len(lists[0].items) == 3


def _find_word_by_word(found: tuple[str, ...], phrase: tuple[str, ...], until: int) -> int | None:
    return next((i for i in range(min(until, len(found))) if _at(found, i, phrase)), None)


def test_the_phrase_search_finds_what_a_word_by_word_search_finds() -> None:
    text = tuple(
        [
            "cm",
            "ar",
            "en",
            "metod",
            "cm",
            "som",
            "gar",
            "ut",
            "pa",
            "att",
            "case",
            "management",
            "metoden",
            "cm",
        ]
    )
    phrases = [("cm",), ("case", "management"), ("metoden", "cm"), ("som", "gar"), ("saknas",), ()]
    for phrase in phrases:
        for until in (0, 1, 4, 5, 11, 13, 99):
            assert _find(text, phrase, until) == _find_word_by_word(text, phrase, until), (phrase, until)


def test_the_lexicon_counts_repeated_texts_as_a_text_by_text_count_does() -> None:
    texts = ["Sjukfrånvaron minskar.", "Arbetsmiljön och sjukfrånvaron.", "Sjukfrånvaron minskar."] * 2
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(words(text))
    expected = [w for w, n in counts.items() if n >= 2 and len(w) > 3]
    got = Lexicon.from_texts(texts, min_count=2)
    plain = Lexicon.from_texts(["x"], min_count=2)
    assert got.words - plain.words == set(expected) - plain.words
    assert "arbetsmiljon" in got.words and "minskar" in got.words
