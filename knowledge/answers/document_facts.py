"""Questions about a document itself: who adopted it and when, how long it holds, who owns it.

'när ska rutinen ses över?', 'vem har fastställt rutinen?', 'dnr på rutinen?', 'vilken version
är den senaste?': answered from the document-control facts the parser reads from a routine's
(or a plan's) header (ingest/parser/document_control.py), one cited row per document.

Such a question names the document ('rutinen', 'VP:n', 'dokumentet'); without that word
'när revideras …' is about something the document describes, which the passages answer. When
several documents state the field, the documents of the named type come first (a routine for
'rutinen'), then the ones whose title the question names; several units left and none named:
each unit's value and a clarifying question, as for every administrative fact.
"""

from __future__ import annotations

import re

from knowledge.answer import Answer
from knowledge.answers.fact_answers import admin_rows_answer, without_names
from knowledge.answers.lists import Row
from knowledge.answers.phrasing import doc_label
from knowledge.models import AdminKey, ChunkKind, DocType, FactKind
from knowledge.retrieval.title_evidence import title_named
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading

# A word naming the document itself (folded): 'orosanmälningsrutinen', 'VP:n', 'dokumentet'.
_DOCUMENT = r"(?:\w*rutin\w*|dokument\w*|\w*planen?|vp\w*|ku\w*|ansokan\w*)"
_CUES: list[tuple[AdminKey, re.Pattern[str]]] = [
    (
        AdminKey.ADOPTED_BY,
        re.compile(
            r"\bvem\b.*\b(?:faststall\w*|beslut(?:at|ade)|godkan[dt]\w*|antog|skri\w* under|signer\w*)"
            r"|\b(?:faststall|beslutad|godkand|antagen)\w* av (?:vem|vilken)\b"
        ),
    ),
    (
        AdminKey.ADOPTED,
        re.compile(
            r"\bnar\b.*\b(?:faststall\w*|beslutad\w*|beslutades|godkand\w*|antogs|antagen)"
            r"|\b(?:faststallelse|besluts)datum\w*"
        ),
    ),
    (
        AdminKey.VALID_FROM,
        re.compile(
            r"\b(?:fran (?:vilket|vilken|nar)\b.*\bgaller|galler\b.*\bfran (?:nar|vilket)"
            r"|nar (?:borjar|borjade)\b.*\bgalla|i kraft)\b"
        ),
    ),
    (
        AdminKey.REVISION,
        re.compile(
            r"\b(?:revider\w*|revision\w*|ses (?:\w+ )?over|uppdateras|galler (?:den )?till"
            r"|giltig\w* till|hur lange galler)\b"
        ),
    ),
    (
        AdminKey.DOC_OWNER,
        re.compile(
            rf"\b(?:vem|vilken)\b.*\b(?:ansvarig|ansvarar|ager)(?: for)? (?:\w+ )?{_DOCUMENT}\b"
            r"|\b(?:rutin|dokument|process)(?:ansvarig|agare)\w*"
        ),
    ),
    (AdminKey.REGISTRATION, re.compile(r"\b(?:diarienummer\w*|diarienr|dnr)\b")),
    (AdminKey.VERSION, re.compile(r"\bversion(?:en|snummer)?\b")),
    (AdminKey.REPLACES, re.compile(r"\bersatter\b|\bersatt\b")),
]
_NAMES_DOCUMENT = re.compile(rf"\b{_DOCUMENT}\b")
# "rutinen för hot och våld": a routine named by its topic; another document's header does not answer.
_NAMED_ROUTINE = re.compile(r"\brutin\w* (?:for|om|vid|kring) (?!oss\b|er\b|dem\b)[a-z]")


def document_key(reading: QuestionReading) -> AdminKey | None:
    """The document-control field a question asks for, or None (also when it names no document)."""
    folded = without_names(reading)
    key = next((key for key, cue in _CUES if cue.search(folded)), None)
    if key is None or (key is not AdminKey.REGISTRATION and not _NAMES_DOCUMENT.search(folded)):
        return None
    return key


def _preferred(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> list[str]:
    """The documents the question points at among those holding the field: named type, then title."""
    typed = [s for s in sources if reading.doc_type is not None and snap.meta(s).type is reading.doc_type]
    if not typed and re.search(r"\w*rutin\w*", without_names(reading)):
        # 'orosanmälningsrutinen' names a routine without the reading's type word first.
        typed = [s for s in sources if snap.meta(s).type is DocType.RUTIN]
    chosen = typed or sources
    if _NAMED_ROUTINE.search(without_names(reading)):
        return [s for s in chosen if title_named(snap.meta(s), reading)]
    titled = [s for s in chosen if title_named(snap.meta(s), reading)]
    return titled or chosen


def document_fact_answer(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer | None:
    """The document-control fact the question asks for, per document among the chosen ones."""
    key = document_key(reading)
    if key is None:
        return None
    holding = [
        (source, i, fact)
        for source in sources
        for i, fact in enumerate(snap.parsed[source].facts)
        if fact.kind is FactKind.ADMIN and fact.key == key.value
    ]
    if not holding:
        return None
    preferred = set(_preferred(snap, reading, list(dict.fromkeys(s for s, _, _ in holding))))
    if not preferred:
        return None
    rows: list[Row] = []
    for source, i, fact in holding:
        if source not in preferred:
            continue
        who = doc_label(snap, source)
        line = fact.value + (f" ({who})" if len(preferred) > 1 else "")
        section = " › ".join([*fact.heading_path[-1:], fact.label])
        rows.append(
            Row(
                source, ChunkKind.FACT, i, [fact.label, fact.value, who], line, fact.quote, fact.page, section
            )
        )
    return admin_rows_answer(snap, reading, rows, lambda label, where: f"{where} – {label}")
