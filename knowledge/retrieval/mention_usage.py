"""How the stored documents use the words of unit names: distinctive name or everyday word.

"Boendestödsenheten" is one unit's name, but "boendestödet" is also what a socialpsykiatri
plan calls its own service, and "mottagningen" is a group of many units. Whether a word of a
unit's name singles that unit out is a fact about the corpus, not about Swedish: a word that
the documents of other units use in their own text is weak evidence of the unit
(`understand.mentions.weak_evidence`); a word only that unit's documents use is strong.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable

import numpy as np

from knowledge.store.informative import EVERYDAY
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading


class SnapshotUsage:
    """`MentionUsage` over one snapshot's chunk texts (folded), answers cached per alias."""

    def __init__(self, snap: Snapshot) -> None:
        """Remember the snapshot; documents' texts are read on the first question that needs them."""
        self._snap = snap
        self._texts: dict[str, str] | None = None
        self._answers: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}
        self._using: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._units: tuple[list[str], np.ndarray] | None = None

    def _unit_texts(self) -> dict[str, str]:
        """Each unit's folded text (its documents' chunks), built once."""
        if self._texts is None:
            snap = self._snap
            unit_of = {m.source: m.unit for m in snap.metas}
            parts: dict[str, list[str]] = {}
            for chunk in snap.chunks:
                unit = unit_of.get(chunk.source)
                if unit:
                    parts.setdefault(unit, []).append(snap.folded(chunk))
            self._texts = {u: "\n".join(t) for u, t in parts.items()}
        return self._texts

    def everyday(self, stems: tuple[str, ...], units: tuple[str, ...]) -> bool:
        """Whether a document of a unit other than `units` uses the words `stems`.

        Each stem may start a longer word (inflection and compounds: "boendestöd" is in
        "boendestödet" and "boendestödsinsatser"); words of a multi-word alias follow each other.
        """
        key = (stems, units)
        found = self._answers.get(key)
        if found is None:
            pattern = _pattern(stems)
            found = pattern is not None and any(
                pattern.search(text) for unit, text in self._unit_texts().items() if unit not in units
            )
            self._answers[key] = found
        return found

    def everyday_word(self, stem: str) -> bool:
        """Whether a stem is an everyday Swedish word rather than one of these documents
        (store/informative.py: it keeps less than `informative.EVERYDAY` of its weight)."""
        return self._snap.lexical.everyday(stem) < EVERYDAY

    def units_using(self, stems: tuple[str, ...]) -> tuple[str, ...]:
        """Units (sorted) whose documents' chunks hold every one of the stems.

        Read from the lexical index's columns (the chunks that hold a term), not from the
        texts: a lookup per stem, as cheap at 100 times the documents as at one.
        """
        found = self._using.get(stems)
        if found is None:
            names, of_chunk = self._chunk_units()
            held: set[int] | None = None
            for stem in stems:
                ids = set(np.unique(of_chunk[self._snap.lexical.rows(stem)]).tolist()) - {-1}
                held = ids if held is None else held & ids
            found = tuple(sorted(names[k] for k in held or ()))
            self._using[stems] = found
        return found

    def _chunk_units(self) -> tuple[list[str], np.ndarray]:
        """Unit names and, per chunk position, the index of its unit (-1 for none), built once."""
        if self._units is None:
            snap = self._snap
            unit_of = {m.source: m.unit for m in snap.metas}
            names = sorted({u for u in unit_of.values() if u})
            index = {u: k for k, u in enumerate(names)}
            of_chunk = np.array(
                [index.get(unit_of.get(c.source) or "", -1) for c in snap.chunks], dtype=np.int32
            )
            self._units = (names, of_chunk)
        return self._units


def _pattern(stems: Iterable[str]) -> re.Pattern[str] | None:
    words = [re.escape(s) + r"\w*" for s in stems if s]
    return re.compile(r"(?<!\w)" + r"\W+".join(words)) if words else None


# The snapshot last asked about and its usage: a service answers from one snapshot until the
# next ingest (snapshots compare by value, so they cannot key a dictionary).
_LAST: list[tuple[weakref.ref[Snapshot], SnapshotUsage]] = []


def usage_of(snap: Snapshot) -> SnapshotUsage:
    """The (cached) usage of one snapshot's documents."""
    if _LAST and _LAST[0][0]() is snap:
        return _LAST[0][1]
    found = SnapshotUsage(snap)
    _LAST[:] = [(weakref.ref(snap), found)]
    return found


def soft_names(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> dict[str, str]:
    """Unit names of the chosen documents whose unit the question named by an everyday word.

    "hur många sitter i brukarrådet hos boendestödet?": in Boendestödsenheten's own document
    every passage is about boendestödet, though few repeat the word; another unit's passage
    that happens to say "boendestödet" must not win on that word alone. A passage's coverage
    of the question therefore counts its document's unit name ({source: unit}).
    """
    soft = set(reading.soft_units)
    if not soft:
        return {}
    return {s: unit for s in sources if (unit := snap.meta(s).unit) in soft}
