"""The embedder with the real MiniLM model: bad text, shared query batches, the lean one-query path."""

from __future__ import annotations

import json
import os
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from config import Settings
from knowledge.retrieval.embedder import Embedder
from knowledge.textnorm import clean_text


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    embedder = Embedder(settings.embedding_model)
    embedder.warm_up()
    return embedder


def test_clean_text_replaces_lone_surrogates_and_composes() -> None:
    assert clean_text("vad \ud800 gäller") == "vad \ufffd gäller"
    decomposed = unicodedata.normalize("NFD", "försörjningsstöd")
    assert clean_text(decomposed) == "försörjningsstöd"
    assert clean_text("😀 ok") == "😀 ok"


def test_a_lone_surrogate_is_embedded_not_an_error(embedder: Embedder) -> None:
    vectors = embedder.embed(["vad \ud800", "vad \udfff gäller"])
    assert vectors.shape == (2, 384)
    query = embedder.embed_query("mål för \udc80 enheten")
    assert query.shape == (384,) and np.isfinite(query).all()


def test_decomposed_letters_embed_like_composed_ones(embedder: Embedder) -> None:
    composed = embedder.embed(["Vilka mål har försörjningsstöd?"])[0]
    decomposed = embedder.embed([unicodedata.normalize("NFD", "Vilka mål har försörjningsstöd?")])[0]
    assert float(composed @ decomposed) > 0.9999


class _BreaksOn:
    """The real model, except that a pass containing `marker` raises like a tokenizer does."""

    def __init__(self, model: Any, marker: str) -> None:
        self.model, self.marker = model, marker

    def encode(self, texts: list[str], **kwargs: Any) -> Any:
        if any(self.marker in t for t in texts):
            raise TypeError("TextEncodeInput must be Union[TextInputSequence, ...]")
        return self.model.encode(texts, **kwargs)


def test_a_failing_query_does_not_fail_the_others_in_its_batch(embedder: Embedder) -> None:
    """Queries that wait for a core together share one pass; one bad text fails only itself."""
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    shared = Embedder(settings.embedding_model)
    shared._model = _BreaksOn(embedder._load(), "TRASIG")
    cores = os.cpu_count() or 1
    for _ in range(max(1, cores)):  # every core busy: arriving queries gather in one batch
        shared._cores.acquire()
    questions = [f"Vilka mål har enhet {i}?" for i in range(6)] + ["TRASIG fråga"]
    results: dict[str, Any] = {}

    def ask(text: str) -> None:
        try:
            results[text] = shared.embed_query(text)
        except Exception as exc:
            results[text] = exc

    threads = [threading.Thread(target=ask, args=(q,)) for q in questions]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while True:
        with shared._lock:
            pending = shared._pending
            gathered = len(pending.texts) if pending else 0
        if gathered == len(questions) or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert gathered == len(questions), "the queries never shared a batch"
    for _ in range(max(1, cores)):
        shared._cores.release()
    for t in threads:
        t.join(60)
    assert isinstance(results["TRASIG fråga"], TypeError)
    for q in questions[:-1]:
        vector = results[q]
        assert isinstance(vector, np.ndarray), (q, vector)
        alone = embedder.embed([q])[0]
        assert float(vector @ alone) > 0.999


REPO = Path(__file__).resolve().parents[2]


def _eval_questions(count: int) -> list[str]:
    """About `count` questions spread over every eval set (dev, staff style, more/*)."""
    files = sorted((REPO / "tests" / "quality").glob("*.jsonl"))
    files += sorted((REPO / "tests" / "quality" / "more").glob("*.jsonl"))
    questions: list[str] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                question = json.loads(line).get("question")
                if isinstance(question, str):
                    questions.append(question)
    unique = list(dict.fromkeys(questions))
    return unique[:: max(1, len(unique) // count)][:count]


def test_one_query_alone_is_bit_identical_to_encode(embedder: Embedder) -> None:
    """The lean single-query path returns exactly the bits `model.encode` returns for that text.

    Not allclose: retrieval scores, tie orders and so every answer depend on the vector, so the
    shortcut may only drop overhead, never change a bit.
    """
    texts = _eval_questions(200)
    assert len(texts) >= 190
    texts += [
        "",
        "APT",
        "mål för \udc80 enheten",
        unicodedata.normalize("NFD", "Vilka mål har försörjningsstöd?"),
        "😀 vad gäller för vår enhet??",
        " ".join(["sjukfrånvaro och arbetsmiljö"] * 80),  # past max_tokens: truncated
    ]
    model = embedder._load()
    fresh = Embedder(embedder.model_path, embedder.batch_size, embedder.max_tokens)
    fresh._model = model
    for text in texts:
        old = model.encode(
            [clean_text(text)],
            batch_size=embedder.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )[0]
        assert old.dtype == np.float32
        via_embed = embedder.embed([text])[0]
        lean = embedder._embed_one(text)
        query = fresh.embed_query(text)
        assert lean.dtype == np.float32 and lean.shape == old.shape
        assert np.array_equal(old, via_embed), text
        assert np.array_equal(old, lean), text
        assert np.array_equal(old, query), text
