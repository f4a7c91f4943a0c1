"""Numbered citations: every quote is exact text from a chunk, at most 400 characters."""

from __future__ import annotations

from knowledge.answer import Citation
from knowledge.models import Chunk
from knowledge.store.snapshot import Snapshot

MAX_QUOTE = 400


def clip_quote(text: str) -> str:
    """Shorten a quote to the limit at a word boundary; the kept part stays verbatim."""
    text = text.strip()
    if len(text) <= MAX_QUOTE:
        return text
    cut = text[: MAX_QUOTE - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_QUOTE // 2 else cut).rstrip() + "…"


def repaired_quote(chunk: Chunk, quote: str) -> str | None:
    """The readable reading of a quote from an OCR'd chunk (same span of `chunk.repaired`), or None."""
    if not chunk.repaired:
        return None
    exact = quote.removesuffix("…")
    start = chunk.text.find(exact)
    if start < 0:
        return None
    reading = chunk.repaired[start : start + len(exact)] + quote[len(exact) :]
    return reading if reading != quote else None


class Citations:
    """Collects citations for one answer and hands out their `[n]` markers."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.items: list[Citation] = []

    def cite(self, chunk: Chunk, quote: str | None = None) -> str:
        """Add (or reuse) a citation of `chunk` and return its marker, e.g. '[2]'.

        Args:
            chunk: The chunk the fact comes from.
            quote: The exact supporting text inside the chunk (default: the chunk text).
        """
        quote = clip_quote(quote or chunk.text)
        for c in self.items:
            if c.source == chunk.source and c.quote == quote:
                return f"[{c.n}]"
        meta = self.snap.meta(chunk.source)
        citation = Citation(
            n=len(self.items) + 1,
            source=chunk.source,
            title=meta.title or meta.source,
            unit=meta.unit,
            district=meta.district,
            year=meta.year,
            section=chunk.breadcrumb,
            page=chunk.page,
            quote=quote,
            repaired_quote=repaired_quote(chunk, quote),  # issue 11 (structure helper): OCR readable quote
        )
        self.items.append(citation)
        return f"[{citation.n}]"

    def find_chunk(self, source: str, kind: str, ref: int) -> Chunk | None:
        """The chunk of a structured item (indicator row, activity, goal …)."""
        return self.snap.structured.get((source, kind, ref))
