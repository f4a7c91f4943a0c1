"""An in-memory view of the committed knowledge base, reloaded when the catalog changes.

A reload reads again only the documents whose version changed: every other document's
parsed structure, chunks and lexical segment are taken over from the previous snapshot
(they are never mutated), so one re-ingested plan costs one document's read, not the
corpus's.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, TypeVar

import numpy as np

from indicators.store import StoredIndicator, StoredOutcome
from knowledge.models import Chunk, ChunkKind, DocumentMeta, ParsedDocument
from knowledge.store.catalog import Catalog, DocumentRecord
from knowledge.store.compact import compact
from knowledge.store.grams import GramIndex
from knowledge.store.lexical import LexicalIndex, Segment, Tokenizer, Vocabulary, WordCounts
from knowledge.store.phrases import PhraseEvidence
from knowledge.store.routines import Routine, document_routines
from knowledge.textnorm import fold, words
from knowledge.understand.derivation import Derivations

_T = TypeVar("_T")


def _tokenize(
    chunks: list[Chunk],
    tokenizer: Tokenizer,
    memo: dict[str, list[str]] | None = None,
    split: Callable[[str], list[str]] = words,
) -> list[list[str]]:
    """Terms of each chunk's `index_text`, breadcrumb and text tokenised apart.

    Breadcrumbs repeat within a document and texts across documents (KF goals, shared
    routines), so each distinct string is tokenised once (`memo` is shared by the documents
    of one load): at 100x this is most of a full load. `split` gives a text's folded words
    (a load memoises it too: the word counts were taken from the same split).
    """
    memo = {} if memo is None else memo

    def stems(text: str) -> list[str]:
        if text not in memo:
            memo[text] = tokenizer.terms(split(text))
        return memo[text]

    # index_text joins the two with a newline, which no token spans: same stems, same order
    # (tests/knowledge/test_indexes.py checks this on the samples).
    return [stems(c.breadcrumb) + stems(c.text) for c in chunks]


def _texts(chunks: list[Chunk]) -> list[str]:
    """What a document's lexicon words are counted in: its chunk texts and each distinct breadcrumb once."""
    return [c.text for c in chunks] + list(dict.fromkeys(c.breadcrumb for c in chunks))


@dataclass
class Snapshot:
    """Everything the answerer reads, consistent with one catalog generation.

    `parsed` holds each document's structure without its sections (their text is the
    chunks'); the models are shared with later snapshots and must not be mutated.
    """

    generation: int
    records: list[DocumentRecord]
    parsed: dict[str, ParsedDocument]
    chunks: list[Chunk]
    lexical: LexicalIndex
    outcomes: list[StoredOutcome]
    position: dict[str, int] = field(default_factory=dict)
    # Chunks are stored ordered by source, so each document is one slice [start, end).
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    kinds: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    structured: dict[tuple[str, str, int], Chunk] = field(default_factory=dict)

    segments: dict[str, Segment] = field(default_factory=dict)
    # Per-document word counts: the compound lexicon is built from them (see lexical.Tokenizer).
    words: dict[str, WordCounts] = field(default_factory=dict)
    # Per document, reused by the next snapshot while the document is unchanged: built
    # from every chunk, they cost a reload at 100x ~0.3 s when rebuilt for all documents.
    doc_kinds: dict[str, list[str]] = field(default_factory=dict)
    doc_structured: dict[str, dict[tuple[str, str, int], Chunk]] = field(default_factory=dict)
    # Per document, its section chunks and the character n-gram index of their heading path and
    # text (store/grams.py): built here, at warm-up or by the rebuild after an ingest, so no
    # question pays for it (~0.1 s a document), and reused while the document is unchanged.
    doc_grams: dict[str, tuple[list[Chunk], GramIndex]] = field(default_factory=dict)
    # Per document, its routines (named sections and numbered step blocks, store/routines.py):
    # found here so no question pays for it, and reused while the document is unchanged.
    doc_routines: dict[str, tuple[Routine, ...]] = field(default_factory=dict)
    # The corpus's word families by derivation and compounding ("klagar" ~ klagomål), built
    # here from the index's terms so no question pays for it (understand/derivation.py).
    derivations: Derivations = field(default_factory=Derivations)
    # Section texts folded on first need: the list and count routes scan every section of
    # the chosen documents for a word, and at 100x folding them per question dominated.
    # Keyed by the text, not the chunk: sections repeated word for word in other documents
    # (a district's shared goals, a revised plan) are folded and held once.
    _folded: dict[str, str] = field(default_factory=dict, repr=False)

    def folded(self, chunk: Chunk) -> str:
        """The chunk's text folded (`textnorm.fold`), kept for this snapshot's life."""
        text = self._folded.get(chunk.text)
        if text is None:
            text = self._folded[chunk.text] = fold(chunk.text)
        return text

    # What answer modules derive from one chunk's text (its enumerations, their stems), built on
    # first need: the list and count routes read every section of the chosen documents per
    # question, and at 100x re-reading them each time cost ~2 ms a question. Keyed by the
    # deriving function's name, so the store needs to know nothing of what is derived.
    _derived: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)
    # The values `derived` shares between chunks of the same content, with the chunk each was
    # built from: at scale most sections repeat in other documents (the synthetic 100x corpus:
    # ~4 k distinct texts in ~60 k chunks), and a question naming no unit reads them all.
    _shared: dict[tuple[str, Hashable], tuple[Chunk, Any]] = field(default_factory=dict, repr=False)

    def derived(
        self,
        chunk: Chunk,
        build: Callable[[Chunk], _T],
        content: Callable[[Chunk], Hashable] | None = None,
        rebind: Callable[[_T, Chunk], _T] | None = None,
    ) -> _T:
        """`build(chunk)`, computed once per chunk and function for this snapshot's life.

        Args:
            chunk: A chunk of this snapshot (chunks are never mutated).
            build: A pure, module-level function of the chunk (not a lambda: its module and
                qualified name key the cache).
            content: Everything of the chunk `build` reads (its text, kind, headings); chunks
                of equal content share one build. None: every chunk is built apart.
            rebind: Makes a value built from another chunk of the same content this chunk's
                (values that hold their chunk, for its citation). None: the value holds no
                chunk and is shared as it is.
        """
        name = f"{getattr(build, '__module__', '')}.{getattr(build, '__qualname__', repr(build))}"
        key = (name, chunk.id)
        try:
            value: _T = self._derived[key]
        except KeyError:
            if content is None:
                value = build(chunk)
            else:
                same = (name, content(chunk))
                built = self._shared.get(same)
                if built is None:
                    built = self._shared[same] = (chunk, build(chunk))
                origin, value = built
                if rebind is not None and origin is not chunk:
                    value = rebind(value, chunk)
            self._derived[key] = value
        return value

    @classmethod
    def load(cls, catalog: Catalog, previous: Snapshot | None = None) -> Snapshot:
        """Read the committed state in one read transaction (a consistent view).

        Args:
            catalog: The catalog to read.
            previous: The snapshot this one replaces; documents whose version is unchanged
                are taken from it instead of being read and indexed again.
        """
        parsed: dict[str, ParsedDocument] = {}
        doc_chunks: dict[str, list[Chunk]] = {}
        with catalog.conn.transaction(write=False):
            generation = catalog.generation()
            records = catalog.documents()
            for r in records:
                source = r.meta.source
                if previous is not None and previous.version(source) == r.meta.content_hash:
                    parsed[source] = previous.parsed[source]
                    doc_chunks[source] = previous.chunks_of(source)
                elif (p := catalog.parsed(source, sections=False)) is not None:
                    # Shared strings and field sets: most of a snapshot's memory otherwise.
                    parsed[source] = compact(p)
                    doc_chunks[source] = [compact(c) for c in catalog.chunks(source)]
            outcomes = catalog.indicator_store.outcomes()
        memo: dict[str, list[str]] = {}
        segments: dict[str, Segment] = {}
        doc_kinds: dict[str, list[str]] = {}
        doc_structured: dict[str, dict[tuple[str, str, int], Chunk]] = {}
        doc_grams: dict[str, tuple[list[Chunk], GramIndex]] = {}
        doc_routines: dict[str, tuple[Routine, ...]] = {}
        # One vocabulary for every snapshot of a service: the reused segments' term ids stay valid.
        vocab = previous.lexical.vocab if previous is not None else Vocabulary()
        # One tokenizer for every segment and the queries. With compound parts on (lexical.
        # COMPOUND_PARTS) its lexicon comes from the corpus's word counts, so a document whose
        # words now split otherwise is tokenised again; off, nothing is counted.
        before = previous.lexical.tokenizer if previous is not None else Tokenizer()
        folded: dict[str, list[str]] = {}

        def split(text: str) -> list[str]:
            if text not in folded:
                folded[text] = words(text)
            return folded[text]

        counts: dict[str, WordCounts] = {}
        kept: set[str] = set()
        for source, own in doc_chunks.items():
            old = previous.words.get(source) if previous is not None else None
            if old is not None and previous is not None and previous.parsed.get(source) is parsed[source]:
                counts[source] = old
                kept.add(source)
            elif before.compounds:
                counts[source] = WordCounts.of(map(split, _texts(own)), before.word_ids)
            else:
                counts[source] = WordCounts.none()
        tokenizer = before.for_corpus(counts.values())
        resplit = (
            tokenizer.resplit(before, {int(i) for s in kept for i in counts[s].ids})
            if tokenizer is not before and kept
            else frozenset()
        )
        for source, own in doc_chunks.items():
            if (
                previous is not None
                and source in previous.doc_kinds
                and previous.parsed.get(source) is parsed[source]
            ):
                doc_kinds[source] = previous.doc_kinds[source]
                doc_structured[source] = previous.doc_structured[source]
                doc_grams[source] = previous.doc_grams.get(source) or _section_grams(own)
                old_routines = previous.doc_routines.get(source)
                doc_routines[source] = old_routines if old_routines is not None else document_routines(own)
            else:
                doc_grams[source] = _section_grams(own)
                doc_routines[source] = document_routines(own)
                kinds_of = doc_kinds[source] = [c.kind.value for c in own]
                doc_structured[source] = {
                    (c.source, kind, c.ref): c
                    for c, kind in zip(own, kinds_of, strict=True)
                    if c.ref is not None
                }
            old_segment = previous.segments.get(source) if previous is not None else None
            reused = (
                source in kept and old_segment is not None and resplit.isdisjoint(counts[source].ids.tolist())
            )
            segments[source] = (
                old_segment
                if reused and old_segment is not None
                else Segment.build(_tokenize(own, tokenizer, memo, split), vocab)
            )
        # Records come sorted by source, like the chunks a full read returns.
        chunks = [c for r in records for c in doc_chunks.get(r.meta.source, [])]
        snap = cls(
            generation=generation,
            records=records,
            parsed=parsed,
            chunks=chunks,
            lexical=LexicalIndex(
                segments=[segments[r.meta.source] for r in records if r.meta.source in segments],
                vocab=vocab,
                tokenizer=tokenizer,
            ),
            outcomes=outcomes,
            segments=segments,
            words=counts,
            doc_kinds=doc_kinds,
            doc_structured=doc_structured,
            doc_grams=doc_grams,
            doc_routines=doc_routines,
        )
        snap.position = {c.id: i for i, c in enumerate(chunks)}
        stems = frozenset(snap.lexical.doc_freq)
        derivations = (
            previous.derivations
            if previous is not None and previous.derivations.stems == stems
            else Derivations.from_stems(stems)
        )
        # Phrases are read from this snapshot's chunks (a reused family table keeps its stems only).
        snap.derivations = replace(
            derivations, attested=PhraseEvidence(snap.lexical, snap.chunks), _related={}
        )
        kinds: list[str] = []
        for r in records:
            snap.structured.update(doc_structured.get(r.meta.source, {}))
            kinds.extend(doc_kinds.get(r.meta.source, []))
        start = 0
        for r in records:
            n = len(doc_chunks.get(r.meta.source, []))
            if n:
                snap.spans[r.meta.source] = (start, start + n)
            start += n
        snap.kinds = np.array(kinds, dtype=object)
        return snap

    def version(self, source: str) -> str | None:
        """The stored version (content hash) of a document in this snapshot, or None."""
        parsed = self.parsed.get(source)
        return parsed.meta.content_hash or None if parsed is not None else None

    @property
    def metas(self) -> list[DocumentMeta]:
        """Metadata of every stored document."""
        return [r.meta for r in self.records]

    def meta(self, source: str) -> DocumentMeta:
        """Metadata of one stored document."""
        return self.parsed[source].meta

    def content_hashes(self, sources: Iterable[str]) -> list[str]:
        """The stored versions of the given documents, in snapshot order (by document name).

        A set of sources iterates in an order set by the process's string hash seed; the
        vector search reads its blocks in the order given, so it is fixed here.
        """
        return [self.meta(s).content_hash for s in sorted(set(sources)) if s in self.parsed]

    def mask(self, sources: set[str]) -> np.ndarray:
        """Boolean mask over chunks that belong to the given sources."""
        mask = np.zeros(len(self.chunks), dtype=bool)
        for source in sources:
            if source in self.spans:
                start, end = self.spans[source]
                mask[start:end] = True
        return mask

    def kind_mask(self, kinds: set[str]) -> np.ndarray:
        """Boolean mask over chunks of the given kinds."""
        return np.isin(self.kinds, list(kinds))

    def chunks_of(self, source: str) -> list[Chunk]:
        """One document's chunks in document order."""
        start, end = self.spans.get(source, (0, 0))
        return self.chunks[start:end]

    def routines_of(self, source: str) -> tuple[Routine, ...]:
        """The document's routines (store/routines.py), in document order."""
        return self.doc_routines.get(source, ())

    def section_grams(self, source: str) -> tuple[list[Chunk], GramIndex]:
        """One document's section chunks and the n-gram index of their heading path and text."""
        found = self.doc_grams.get(source)
        return found if found is not None else ([], GramIndex([]))

    @cached_property
    def indicator_rows(self) -> list[StoredIndicator]:
        """Every plan indicator row with its document's unit, district and year (built once)."""
        return [
            StoredIndicator(
                source=source,
                idx=i,
                unit=parsed.meta.unit,
                district=parsed.meta.district,
                year=parsed.meta.year,
                indicator=indicator,
            )
            for source, parsed in self.parsed.items()
            for i, indicator in enumerate(parsed.indicators)
        ]


def _section_grams(chunks: list[Chunk]) -> tuple[list[Chunk], GramIndex]:
    sections = [c for c in chunks if c.kind is ChunkKind.SECTION]
    return sections, GramIndex([c.breadcrumb + " " + c.text for c in sections])
