"""Citation paths: a goal appears once in a section's breadcrumb, however its heading is numbered."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.chunker import chunk_document
from ingest.parser import parse
from ingest.readers.base import RawDocument
from ingest.readers.text import lines_from_text
from knowledge.models import ChunkKind

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "000_91cd92b543baabdb.txt"


def test_a_numbered_goal_heading_is_not_repeated_after_the_goal_path() -> None:
    # The plan heads each goal "1.3 Stockholms stad ska …"; the goal path already shows
    # "KF:s mål för verksamhetsområdet 1.3: Stockholms stad ska …", so the numbered heading
    # must not follow it again before "Förväntat resultat".
    text = SAMPLE.read_text(encoding="utf-8")
    raw = RawDocument(source=SAMPLE.name, path=SAMPLE, content_hash="h", lines=lines_from_text(text))
    parsed = parse(raw)
    numbered = {f"{g.number} {g.title}"[:40] for g in parsed.goals if g.number}
    crumbs = [c.breadcrumb for c in chunk_document(parsed) if c.kind is ChunkKind.SECTION]
    assert any("Förväntat resultat" in c for c in crumbs)
    repeated = [
        c for c in crumbs for part in c.split(" › ") if re.match(r"\d", part) and part[:40] in numbered
    ]
    assert repeated == []
