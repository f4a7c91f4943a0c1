"""What each index sees of a chunk (shared by ingest, which writes, and the snapshot, which reads)."""

from __future__ import annotations

from knowledge.models import Chunk

SEP = " › "


def index_text(chunk: Chunk) -> str:
    """What the lexical index sees of a chunk: its breadcrumb (context words) and its text."""
    return f"{chunk.breadcrumb}\n{chunk.text}"


def embed_text(chunk: Chunk) -> str:
    """What the embedding model sees of a chunk: the last two breadcrumb parts and the text.

    The document label (unit, district, year) is left out on purpose: the question reader
    filters on those, they were over half the embedded tokens, and without them the same
    goal or routine text in another unit's plan embeds to the same cache key.
    """
    context = SEP.join(chunk.breadcrumb.split(SEP)[1:][-2:])
    return f"{context}\n{chunk.text}" if context else chunk.text
