"""Turn a parsed document into citable chunks: sections, goals, and one chunk per table row."""

from __future__ import annotations

import re

from indicators.models import GOAL_LEVEL_LABELS
from ingest.bounds import Bounds, split_chunk, split_sentences
from ingest.parser.ocr import ReadableRepair
from knowledge.models import Chunk, ChunkKind, DocFact, FactKind, Goal, ParsedDocument
from knowledge.store.chunk_text import SEP, embed_text, index_text

__all__ = ["SEP", "breadcrumb", "chunk_document", "embed_text", "index_text"]

_CRUMB_PART = 70


def _short(text: str, limit: int = _CRUMB_PART) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


def _names_goal(heading: str, goals: list[Goal]) -> bool:
    """Whether a heading is one of the goals, with or without its number ("1.3 Stockholms stad …").

    The goal path already shows the goal ("KF:s mål för verksamhetsområdet 1.3: …"); a numbered
    heading of the same goal would show it twice in a citation.
    """
    bare = _NUMBER.sub("", heading).strip()
    return any(heading == g.title or bare == g.title.strip() for g in goals)


def document_label(parsed: ParsedDocument) -> str:
    """The first breadcrumb part: the document's title, or its file name."""
    return _short(parsed.meta.title or parsed.meta.source, 90)


def goal_label(goal: Goal) -> str:
    """'KF:s mål 1.3 …' / 'Nämndmål: …' as shown in breadcrumbs."""
    label = GOAL_LEVEL_LABELS[goal.level]
    number = f" {goal.number}" if goal.number else ""
    return f"{label}{number}: {_short(goal.title)}"


def goal_path(parsed: ParsedDocument, goal_key: str | None) -> list[str]:
    """Labels of a goal and its ancestors, top first."""
    by_key = {g.key: g for g in parsed.goals}
    path: list[str] = []
    seen: set[str] = set()
    while goal_key and goal_key in by_key and goal_key not in seen:
        seen.add(goal_key)
        goal = by_key[goal_key]
        path.append(goal_label(goal))
        goal_key = goal.parent_key
    return list(reversed(path))


def breadcrumb(parsed: ParsedDocument, goal_key: str | None, *tail: str) -> str:
    """document › goal path › section."""
    parts = [document_label(parsed), *goal_path(parsed, goal_key), *(_short(t) for t in tail if t)]
    return SEP.join(parts)


def fact_tail(fact: DocFact) -> list[str]:
    """Breadcrumb parts after the document for a fact: its section, then its group or label.

    The chunk text stays the document's own words (header and row, or prompt and value); the
    breadcrumb adds what the row is ('Budget 2020 › Kostnader', '… › Enhetschef') for retrieval.
    """
    section = fact.heading_path[-1:] if fact.heading_path else []
    if fact.kind is FactKind.BUDGET:
        year = f"Budget {fact.year}" if fact.year else "Budget"
        extra = [year] if not any(year in part for part in section) else []
        return section + extra + ([fact.group] if fact.group else [])
    return [*section, fact.label]


def chunk_document(parsed: ParsedDocument, bounds: Bounds | None = None) -> list[Chunk]:
    """Build the chunks of a document; ids are stable for a given document version.

    Args:
        parsed: The parser's output (its meta.content_hash names the version).
        bounds: Longest sentence and chunk; a longer section becomes several chunks, a
            longer row is cut, and each cut adds a warning to `parsed.warnings`.

    Returns:
        Chunks in document order: goals, sections, then one per indicator, activity,
        outcome, budget row or administrative fact, and glossary line, so each can be cited exactly.
    """
    prefix = (parsed.meta.content_hash or "nohash")[:16]
    chunks: list[Chunk] = []
    broken = split = cut = 0

    def add(
        kind: ChunkKind, text: str, crumb: str, page: int | None, ref: int | None, goal_key: str | None
    ) -> None:
        nonlocal broken, split, cut
        text = text.strip()
        if not text:
            return
        parts = [text]
        if bounds is not None:
            text, breaks = split_sentences(text, bounds.max_sentence_chars)
            broken += breaks
            parts = [text]
            if len(text) > bounds.max_chunk_chars:
                if kind is ChunkKind.SECTION:  # prose: every part stays searchable
                    parts = split_chunk(text, bounds.max_chunk_chars)
                    split += 1
                else:  # a row or a goal: one citable item, so it is cut
                    parts = [split_chunk(text, bounds.max_chunk_chars)[0]]
                    cut += 1
        for part in parts:
            chunks.append(
                Chunk(
                    id=f"{prefix}-{len(chunks):05d}",
                    source=parsed.meta.source,
                    kind=kind,
                    text=part,
                    breadcrumb=crumb,
                    page=page,
                    ref=ref,
                    goal_key=goal_key,
                )
            )

    for i, goal in enumerate(parsed.goals):
        title = f"{GOAL_LEVEL_LABELS[goal.level]}{' ' + goal.number if goal.number else ''}: {goal.title}"
        add(ChunkKind.GOAL, title, breadcrumb(parsed, goal.key), goal.page, i, goal.key)
    for i, section in enumerate(parsed.sections):
        tail = [p for p in section.heading_path if not _names_goal(p, parsed.goals)]
        crumb = breadcrumb(parsed, section.goal_key, *tail[-2:])
        add(ChunkKind.SECTION, section.text, crumb, section.page, i, section.goal_key)
    for i, ind in enumerate(parsed.indicators):
        add(
            ChunkKind.INDICATOR,
            ind.row_text or ind.name,
            breadcrumb(parsed, ind.goal_key, "Indikatorer"),
            ind.page,
            i,
            ind.goal_key,
        )
    for i, act in enumerate(parsed.activities):
        add(
            ChunkKind.ACTIVITY,
            act.row_text or act.text,
            breadcrumb(parsed, act.goal_key, "Aktiviteter"),
            act.page,
            i,
            act.goal_key,
        )
    for i, outcome in enumerate(parsed.outcomes):
        add(
            ChunkKind.OUTCOME,
            outcome.quote or outcome.value,
            breadcrumb(parsed, None, "Resultat"),
            outcome.page,
            i,
            None,
        )
    for i, fact in enumerate(parsed.facts):
        add(
            ChunkKind.FACT,
            fact.quote or f"{fact.label}: {fact.value}",
            breadcrumb(parsed, None, *fact_tail(fact)),
            fact.page,
            i,
            None,
        )
    for i, entry in enumerate(parsed.glossary):
        add(
            ChunkKind.GLOSSARY,
            entry.quote,
            breadcrumb(parsed, None, *entry.heading_path[-1:]),
            entry.page,
            i,
            None,
        )
    if bounds is not None:
        parsed.warnings.extend(_bound_warnings(bounds, broken, split, cut))
    if parsed.looks_ocr_damaged:
        readable = ReadableRepair([section.text for section in parsed.sections])
        for chunk in chunks:
            repaired = readable(chunk.text)
            chunk.repaired = repaired if repaired != chunk.text else None
    return chunks


def _bound_warnings(bounds: Bounds, broken: int, split: int, cut: int) -> list[str]:
    warnings = []
    if broken:
        warnings.append(
            f"text utan meningsslut delades på {broken} ställen: en mening får vara högst "
            f"{bounds.max_sentence_chars} tecken (PLANBOT_MAX_SENTENCE_CHARS)."
        )
    if split:
        warnings.append(
            f"{split} avsnitt var längre än {bounds.max_chunk_chars} tecken och delades i flera "
            "textdelar (PLANBOT_MAX_CHUNK_CHARS)."
        )
    if cut:
        warnings.append(
            f"{cut} rader eller mål var längre än {bounds.max_chunk_chars} tecken; resten "
            "lästes inte in (PLANBOT_MAX_CHUNK_CHARS)."
        )
    return warnings
