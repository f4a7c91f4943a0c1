"""What the routes derive from every section of the chosen documents, built before the first question.

The list, count and composition routes read every section of the documents a question names
(`enumerations.chunk_scans`, `composition.statements`), and the ranker reads each candidate
section sentence by sentence (`ranker.sentence_stems`). All three are memoised, the first two
per snapshot (`Snapshot.derived`), but were built on first need: a fresh server's first
questions of those kinds paid for every section of their documents (cProfile over the staff-style
and dev questions: ~20 % of the domain code's time in one pass went to such first builds, the
slowest composition question ~0.4 s). `KnowledgeService.warm_up` builds them here instead, so no
question pays. The values are the ones the routes would build (same functions, same keys), so
no answer changes; a new snapshot (after an ingest) starts empty and builds them again on need.
"""

from __future__ import annotations

from knowledge.answers.composition import statements
from knowledge.answers.enumerations import chunk_scans
from knowledge.models import ChunkKind
from knowledge.retrieval.ranker import sentence_stems
from knowledge.store.snapshot import Snapshot


def prepare_sections(snap: Snapshot) -> int:
    """Build the per-section values the routes read, for every section of the snapshot.

    Args:
        snap: The snapshot the service answers from.

    Returns:
        The number of sections prepared.
    """
    count = 0
    for source in snap.parsed:
        for chunk in snap.chunks_of(source):
            if chunk.kind is not ChunkKind.SECTION:
                continue
            chunk_scans(snap, chunk)
            statements(snap, chunk)
            sentence_stems(chunk)
            count += 1
    return count
