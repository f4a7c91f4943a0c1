"""KnowledgeService: the read side the CLI and the bot hold; picks up new ingests without restart."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from pydantic import BaseModel

from config import Settings
from core.db import DATABASE_ERRORS, connect
from knowledge.answer import Answer, ConversationContext
from knowledge.answerer import Answerer
from knowledge.answers.outcome_cites import import_row_text, import_title
from knowledge.answers.prepared import prepare_sections
from knowledge.answers.support import document_words
from knowledge.health import Health, HealthStatus, StoreUnreadableError
from knowledge.retrieval.embedder import Embedder
from knowledge.retrieval.ranker import RankerModel, fit_model
from knowledge.retrieval.training import TrainingExample
from knowledge.store.catalog import Catalog, generation_of
from knowledge.store.memory import limit_arenas, trim_memory
from knowledge.store.snapshot import Snapshot
from knowledge.store.vectors import VectorIndex, VectorStoreError

logger = logging.getLogger(__name__)

# A store that cannot be read: the catalog (either database engine) or Chroma.
_UNREADABLE: tuple[type[Exception], ...] = (*DATABASE_ERRORS, VectorStoreError)

SEP = " › "


class DocumentSummary(BaseModel):
    """An ingested document with its counts (welcome messages, `enheter`)."""

    source: str
    title: str
    type: str
    unit: str | None
    district: str | None
    year: int | None
    goals: int
    indicators: int
    activities: int
    outcomes: int
    chunks: int


class SourceSection(BaseModel):
    """One section of a document as shown in the source view."""

    heading_path: list[str]
    breadcrumb: str
    text: str
    page: int | None


class SourceView(BaseModel):
    """A whole document, section by section, for the source view page."""

    source: str
    title: str
    unit: str | None
    district: str | None
    year: int | None
    type: str
    sections: list[SourceSection]


class ReloadStats(BaseModel):
    """How the last snapshot was built (logged; `planbot bench` reports the reload time)."""

    generation: int
    seconds: float
    documents: int
    documents_read: int


ANSWER_CUT = "\n\n… (Svaret kortades. Öppna källorna för hela texten.)"


def _clip(text: str, limit: int, tail: str) -> str:
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(tail))]
    space = max(cut.rfind("\n"), cut.rfind(" "))
    return (cut[:space] if space > len(cut) // 2 else cut).rstrip() + tail


def bound_answer(answer: Answer, max_answer_chars: int, max_quote_chars: int) -> Answer:
    """Cut an answer's text and quotes to the bounds (PLANBOT_MAX_ANSWER_CHARS / _QUOTE_CHARS).

    Chunks are bounded at ingest, so this only bites on answers that list many long items;
    the cut says so, and the citations keep pointing at the full text.
    """
    if len(answer.answer) > max_answer_chars:
        answer = answer.model_copy(update={"answer": _clip(answer.answer, max_answer_chars, ANSWER_CUT)})
    if any(len(c.quote) > max_quote_chars for c in answer.citations):
        citations = [
            c.model_copy(update={"quote": _clip(c.quote, max_quote_chars, "…")}) for c in answer.citations
        ]
        answer = answer.model_copy(update={"citations": citations})
    return answer


def _import_view(snap: Snapshot, source: str) -> SourceView | None:
    """The rows of an imported outcome file, per indicator: what its citations link to.

    Imported outcomes are cited to their file ("utfall.csv"); without this view the
    link of such a citation was a 404.
    """
    rows = [o for o in snap.outcomes if o.imported_from == source and o.outcome.source_kind == "import"]
    if not rows:
        return None
    title = import_title(source)
    by_indicator: dict[str, list[str]] = {}
    for stored in rows:
        by_indicator.setdefault(stored.outcome.indicator, []).append(import_row_text(stored))
    units = {o.unit for o in rows}
    districts = {o.district for o in rows}
    return SourceView(
        source=source,
        title=title,
        unit=units.pop() if len(units) == 1 else None,
        district=districts.pop() if len(districts) == 1 else None,
        year=None,
        type="import",
        sections=[
            SourceSection(
                heading_path=["Import", name],
                breadcrumb=SEP.join([title, "Import", name]),
                text="\n".join(lines),
                page=None,
            )
            for name, lines in by_indicator.items()
        ],
    )


class KnowledgeService:
    """Thread-safe facade over the data directory's committed state.

    Each call checks the catalog's generation (one indexed SQLite read) and reloads the
    snapshot when an ingest has committed since, so a running server serves new plans
    without a restart and never a half-written document.
    """

    def __init__(self, settings: Settings, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.settings = settings
        self.embedder = Embedder(
            settings.embedding_model, settings.embedding_batch_size, settings.embedding_max_tokens
        )
        self._vectors: VectorIndex | None = None
        self._snap: Snapshot | None = None
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._local = threading.local()  # per-thread connection for the generation check
        self.last_reload: ReloadStats | None = None
        self.answerer = Answerer(
            self.snapshot, self.embedder, None, today=today, max_chars=settings.max_question_chars
        )

    def _open(self) -> None:
        if self._vectors is None:
            s = self.settings
            # A reader: search scores the loaded blocks, so the embedded client is closed after
            # each read instead of keeping Chroma's own index of every vector in memory.
            vectors = VectorIndex(
                path=s.chroma_path,
                host=s.chroma_host,
                port=s.chroma_port,
                collection=s.chroma_collection,
                release_after_read=True,
            )
            self.answerer.vectors = vectors
            self.answerer.retriever.vectors = vectors
            self._vectors = vectors  # last: other threads take a set index as "all opened"

    def snapshot(self) -> Snapshot:
        """The current snapshot, reloaded if the catalog changed since it was built.

        The check is one indexed read on the calling thread's own connection, without a
        lock: every question makes it, and a shared lock queued the server's threads.
        One caller rebuilds; callers arriving meanwhile get the previous snapshot (also a
        committed state) instead of waiting: at 100x the samples a rebuild takes ~10 s.
        """
        if self._vectors is None:
            with self._lock:
                self._open()
        current = self._snap
        generation = self._generation()
        if current is not None and (current.generation == generation or self._build_lock.locked()):
            return current
        with self._build_lock:
            snap = self._snap
            if snap is not None and snap.generation == self._generation():
                return snap  # another caller built it while this one waited
            snap = self._build(reopen=current is not None)
            self._snap = snap
            return snap

    def _generation(self) -> int:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = connect(self.settings.database)
        try:
            return generation_of(conn)
        except Exception:
            # A PostgreSQL restart breaks every open connection: reconnect once, not forever fail.
            self._local.conn = None
            with contextlib.suppress(Exception):
                conn.close()
            conn = self._local.conn = connect(self.settings.database)
            return generation_of(conn)

    def _build(self, reopen: bool) -> Snapshot:
        started = time.perf_counter()
        previous = self._snap
        # A connection of its own for one consistent read (threads check the generation on theirs).
        catalog = Catalog(self.settings.database)
        prefetch: threading.Thread | None = None
        try:
            if reopen and self._vectors is not None:
                # The change may come from another process: see its vectors too.
                self._vectors.reopen()
                prefetch = self._prefetch(catalog, previous)
            snap = Snapshot.load(catalog, previous=previous)
        finally:
            if prefetch is not None:
                prefetch.join()
            catalog.close()
        trim_memory()  # the rows, JSON and stemming memo the load freed
        if self._vectors is not None:
            active = [m.content_hash for m in snap.metas if m.content_hash]
            self._vectors.retain(set(active))
            if reopen:  # new versions' vectors now, not on the first question (warm_up: all)
                self._preload(active)
        if reopen:
            # What warm_up prepares, prepared for the new snapshot here, while callers still get
            # the previous one: otherwise the first questions after an ingest pay for it.
            self._prepare(snap)
        read = sum(1 for s in snap.parsed if previous is None or previous.parsed.get(s) is not snap.parsed[s])
        self.last_reload = ReloadStats(
            generation=snap.generation,
            seconds=time.perf_counter() - started,
            documents=len(snap.parsed),
            documents_read=read,
        )
        logger.info(
            "Loaded generation %d in %.2f s (%d of %d documents read)",
            snap.generation,
            self.last_reload.seconds,
            read,
            len(snap.parsed),
        )
        return snap

    def _prefetch(self, catalog: Catalog, previous: Snapshot | None) -> threading.Thread | None:
        """Read the new versions' vectors on a thread while the snapshot loads.

        An embedded Chroma opened afresh (to see another process's writes) spends ~1 s at
        100x on its first read, mostly in its Rust core without the GIL, so it overlaps the
        snapshot's Python work. Versions committed after this look are read after the load.
        """
        known = {m.content_hash for m in previous.metas} if previous is not None else set()
        new = [h for h in catalog.hashes().values() if h and h not in known]
        if not new:
            return None
        thread = threading.Thread(target=self._preload, args=(new,), name="vector-prefetch", daemon=True)
        thread.start()
        return thread

    def _preload(self, versions: list[str]) -> None:
        if self._vectors is None:
            return
        try:
            self._vectors.blocks(versions)
        except Exception:  # answers fall back to the lexical index; search logs the cause
            logger.warning("Could not preload vectors", exc_info=True)

    @staticmethod
    def _prepare(snap: Snapshot) -> None:
        """Build what questions read of every document and section, before any question does."""
        document_words(snap)  # the support check's per-document words (answers/support.py)
        prepare_sections(snap)  # what the list, count and composition routes read of each section

    def warm_up(self) -> None:
        """Load the indexes and the embedding model (servers call this before reporting ready)."""
        limit_arenas()  # before the server's threads allocate: fewer, fuller heaps
        snap = self.snapshot()
        self._preload([m.content_hash for m in snap.metas if m.content_hash])
        self._prepare(snap)
        self.embedder.warm_up()
        trim_memory()  # what loading the model and the vectors freed

    def fit_ranker(
        self,
        exclude_sources: set[str] | frozenset[str] = frozenset(),
        tune_path: Path | None = None,
        examples_extra: Sequence[TrainingExample] = (),
    ) -> RankerModel:
        """Fit the candidate ranker on questions generated from the stored documents.

        Args:
            exclude_sources: Documents left out (leave-one-document-out evaluation).
            tune_path: Dev question file; only its rows with "split": "tune" are used.
            examples_extra: More training questions (the LODO hook's tune questions).

        Returns:
            The model (not yet used or saved: see `use_ranker` and `RankerModel.save`).
        """
        from knowledge.answers.closest import shown_indices

        self.warm_up()

        kinds: dict[str, str] = {}  # each question is answered by the routes once

        def route_kind(question: str) -> str:
            if question not in kinds:
                kinds[question] = self.answerer.answer(question, use_ranker=False).kind.value
            return kinds[question]

        def routes_decline(question: str) -> bool:
            return route_kind(question) == "not_found"

        def routes_fall_back(question: str) -> bool:
            return route_kind(question) in ("passages", "routine")

        return fit_model(
            self.snapshot(),
            self._vectors,
            self.embedder.embed,
            exclude_sources=exclude_sources,
            tune_path=tune_path,
            today=self.answerer.today(),
            routes_decline=routes_decline,
            examples_extra=examples_extra,
            routes_fall_back=routes_fall_back,
            shown=partial(shown_indices, snap=self.snapshot()),
        )

    def answer_with(self, model: RankerModel) -> Callable[[str, ConversationContext | None], Answer]:
        """An answer function like `answer` that ranks with `model` (the shared one is untouched)."""
        answerer = Answerer(
            self.snapshot,
            self.embedder,
            self._vectors,
            today=self.answerer.today,
            max_chars=self.settings.max_question_chars,
            ranker=model,
        )

        def answer(question: str, context: ConversationContext | None = None) -> Answer:
            return answerer.answer(question, context)

        return answer

    def use_ranker(self, model: RankerModel | None) -> None:
        """Answer with this ranker from now on (None: the intent routes alone)."""
        self.answerer.ranker = model

    def answer(
        self, question: str, context: ConversationContext | None = None, default_unit: str | None = None
    ) -> Answer:
        """Answer a question (see `Answerer.answer`; `default_unit` is the user's own unit).

        Raises:
            StoreUnreadableError: The catalog cannot be read (a corrupt planbot.sqlite3).
        """
        try:
            answer = self.answerer.answer(question, context, default_unit)
        except DATABASE_ERRORS as exc:
            raise StoreUnreadableError(f"Katalogen kan inte läsas ({exc}).") from exc
        return bound_answer(answer, self.settings.max_answer_chars, self.settings.max_quote_chars)

    def health(self) -> Health:
        """Compare what the catalog holds with the vectors the service can read.

        Every document version's vectors are held in memory after warm-up, so this is a
        count per version, not a scan of Chroma (versions without vectors are asked again).
        """
        try:
            snap = self.snapshot()
        except _UNREADABLE as exc:
            logger.error("Knowledge stores unreadable: %s", exc)
            return Health(HealthStatus.FAILED, f"Kunskapsbasen kan inte läsas ({exc}). Kör 'planbot check'.")
        if self._vectors is None:
            return Health(HealthStatus.FAILED, "Vektorindexet är inte öppnat.")
        expected = {
            m.content_hash: snap.spans.get(m.source, (0, 0))[1] - snap.spans.get(m.source, (0, 0))[0]
            for m in snap.metas
            if m.content_hash
        }
        try:
            loaded = self._vectors.loaded_counts(list(expected))
        except VectorStoreError as exc:
            return Health(HealthStatus.FAILED, f"Vektorindexet (Chroma) kan inte läsas ({exc}).")
        short = [h for h, n in expected.items() if n and loaded.get(h, 0) < n]
        if short:
            return Health(
                HealthStatus.DEGRADED,
                f"Vektorer saknas för {len(short)} av {len(expected)} dokument; de besvaras bara med "
                "ordsökning. Kör 'planbot check --repair'.",
            )
        return Health(HealthStatus.OK)

    def documents(self) -> list[DocumentSummary]:
        """What is ingested, with counts."""
        return [
            DocumentSummary(
                source=r.meta.source,
                title=r.meta.title,
                type=r.meta.type.value,
                unit=r.meta.unit,
                district=r.meta.district,
                year=r.meta.year,
                goals=r.goals,
                indicators=r.indicators,
                activities=r.activities,
                outcomes=r.outcomes,
                chunks=r.chunks,
            )
            for r in self.snapshot().records
        ]

    def source_view(self, source: str) -> SourceView | None:
        """A document's chunks in order, for the source view (None when not ingested)."""
        snap = self.snapshot()
        parsed = snap.parsed.get(source)
        if parsed is None:
            return _import_view(snap, source)
        m = parsed.meta
        sections = [
            SourceSection(
                heading_path=c.breadcrumb.split(SEP)[1:], breadcrumb=c.breadcrumb, text=c.text, page=c.page
            )
            for c in snap.chunks_of(source)
        ]
        return SourceView(
            source=source,
            title=m.title or source,
            unit=m.unit,
            district=m.district,
            year=m.year,
            type=m.type.value,
            sections=sections,
        )
