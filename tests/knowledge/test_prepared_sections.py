"""Answer-time work done once: sections prepared at warm-up, and the sorted stem lookups.

`answers.prepared.prepare_sections` builds at warm-up what the list, count and composition
routes build on first need; the values must be the ones those routes build, and a snapshot
loaded after an ingest must build its own from the new text (never the old snapshot's). The
sorted lookups in `quote_features.same_family` and `scoring.text_score` must give exactly what
the scans they replace gave.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from knowledge.answers import composition, enumerations
from knowledge.answers.prepared import prepare_sections
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval import quote_features, scoring
from knowledge.retrieval.ranker import chunk_stems
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import UNIT, chunks_for, plan

_PARTS = "Enheten består av boendestöd, träfflokaler och sysselsättning."
_CHANGED = "Enheten består av tre team: mottagning, utredning och uppföljning."
_LIST = "Förväntade resultat:\n\n- Fler i arbete\n- Färre avhopp\n- Nöjdare deltagare"


def _store(catalog: Catalog, parts: str) -> None:
    parsed = plan("a.txt", UNIT, 2023, [])
    # Another text is another version (as ingest hashes it): the next snapshot reads it anew.
    meta = parsed.meta.model_copy(update={"content_hash": f"hash-{parts[:24]}"})
    parsed = parsed.model_copy(update={"meta": meta})
    extra = [
        Chunk(id=f"a.txt-e{n}", source="a.txt", kind=ChunkKind.SECTION, text=text, breadcrumb=crumb)
        for n, (crumb, text) in enumerate([("a.txt › Om enheten", parts), ("a.txt › Mål › Resultat", _LIST)])
    ]
    catalog.replace_document(parsed, chunks=chunks_for(parsed) + extra, path=None)


def _section(snap: Snapshot, text: str) -> Chunk:
    return next(c for c in snap.chunks_of("a.txt") if c.text == text)


def _builds(snap: Snapshot, build: Any) -> set[str]:
    """The chunk ids `build` has a value for in the snapshot's derived memo."""
    name = f"{build.__module__}.{build.__qualname__}"
    return {chunk_id for (key, chunk_id) in snap._derived if key == name}


def test_every_section_is_prepared_with_what_the_routes_build(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    _store(catalog, _PARTS)
    snap = Snapshot.load(catalog)
    catalog.close()
    sections = {c.id for c in snap.chunks if c.kind is ChunkKind.SECTION}
    assert prepare_sections(snap) == len(sections)
    assert _builds(snap, enumerations._scans) == sections
    assert _builds(snap, composition._statements) == sections
    chunk = _section(snap, _PARTS)
    # What the routes read afterwards is the prepared value, equal to a fresh build.
    assert composition.statements(snap, chunk) == composition._statements(chunk)
    assert enumerations.chunk_scans(snap, chunk) == enumerations._scans(chunk)
    (found,) = composition.statements(snap, chunk)
    assert found.rest == " boendestöd, träfflokaler och sysselsättning."


def test_a_snapshot_after_an_ingest_prepares_the_new_text(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    _store(catalog, _PARTS)
    old = Snapshot.load(catalog)
    prepare_sections(old)
    _store(catalog, _CHANGED)  # the document re-ingested with another composition sentence
    new = Snapshot.load(catalog, previous=old)
    catalog.close()
    assert not new._derived  # nothing carried over from the old snapshot's memo
    prepare_sections(new)
    (found,) = composition.statements(new, _section(new, _CHANGED))
    assert "mottagning" in found.rest
    # The old snapshot (still serving questions during the reload) keeps its own values.
    (kept,) = composition.statements(old, _section(old, _PARTS))
    assert "boendestöd" in kept.rest


def _linear_family(stem: str, present: frozenset[str]) -> bool:
    return len(stem) >= 5 and any(p.startswith(stem) for p in present)


def _linear_meets(a: str, n: frozenset[str]) -> bool:
    return any(
        len(a) >= 4
        and (b.startswith(a) or (len(b) >= 4 and a.startswith(b)) or (len(a) >= 5 and b.endswith(a)))
        for b in n
    )


def test_sorted_lookups_equal_the_scans_over_the_samples(knowledge_service: Any) -> None:
    snap = knowledge_service.snapshot()
    sets = [chunk_stems(c) for c in snap.chunks]
    vocabulary = sorted(set().union(*sets))
    rng = random.Random(7)
    # Question stems: the corpus's own, their starts and ends, and their extensions.
    probes = rng.sample(vocabulary, 300)
    starts = [w[: rng.randint(min(3, len(w)), len(w))] for w in probes]
    probes += starts + [w[rng.randint(0, 3) :] for w in probes]
    probes += [w + "en" for w in probes[:100]]
    checked = 0
    for present in rng.sample(sets, 60):
        for stem in probes:
            assert quote_features.same_family(stem, present) == _linear_family(stem, present), (stem, present)
            checked += _linear_family(stem, present)
    assert checked > 50  # the probes do meet families, not only misses
    names = [c.text for c in rng.sample(snap.chunks, 40)] + [c.breadcrumb for c in snap.chunks[:40]]
    met = 0
    for name in names:
        words = scoring._name_words(name)
        for a in probes:
            expected = len(a) >= 4 and _linear_meets(a, words.stems)
            assert (len(a) >= 4 and words.meets(a)) == expected, (a, name)
            met += expected
    assert met > 50
