"""Citing indicator rows and outcomes, including imported outcomes that have no chunk.

An imported outcome is cited to the imported file: source = the file name, section =
"Import › <indikator> › <period>", quote = the row as it stood in the file.
"""

from __future__ import annotations

from indicators.periods import label
from indicators.status import PeriodStatus, Status
from indicators.store import StoredIndicator, StoredOutcome
from knowledge.answer import Citation
from knowledge.answers.cite import Citations, clip_quote
from knowledge.store.snapshot import Snapshot

SEP = " › "


def stored_row(snap: Snapshot, source: str, idx: int) -> StoredIndicator:
    """One plan row of the snapshot with its document's unit, district and year."""
    parsed = snap.parsed[source]
    m = parsed.meta
    return StoredIndicator(
        source=source,
        idx=idx,
        unit=m.unit,
        district=m.district,
        year=m.year,
        indicator=parsed.indicators[idx],
    )


def stored_indicators(snap: Snapshot) -> list[StoredIndicator]:
    """Every indicator row of the snapshot with its document's unit, district and year."""
    return snap.indicator_rows


def cite_row(snap: Snapshot, cites: Citations, row: StoredIndicator) -> str:
    """Marker citing an indicator's row in its plan ('' when the row has no chunk)."""
    chunk = cites.find_chunk(row.source, "indicator", row.idx)
    return cites.cite(chunk) if chunk else ""


def import_row_text(stored: StoredOutcome) -> str:
    """An imported outcome's row as quoted in citations and shown in the file's source view."""
    o = stored.outcome
    return o.quote or f"{o.indicator}: {o.value} ({o.period or o.year or ''})"


def import_title(source: str) -> str:
    """Citation and source-view title of an imported outcome file."""
    return f"Importerade utfall ({source})"


def cite_import(cites: Citations, stored: StoredOutcome) -> str:
    """Marker citing an imported outcome to the imported file's row."""
    o = stored.outcome
    source = stored.imported_from or "import"
    quote = clip_quote(import_row_text(stored))
    for c in cites.items:
        if c.source == source and c.quote == quote:
            return f"[{c.n}]"
    citation = Citation(
        n=len(cites.items) + 1,
        source=source,
        title=import_title(source),
        unit=stored.unit,
        district=stored.district,
        year=o.year,
        section=SEP.join(["Import", o.indicator, o.period or str(o.year or "")]),
        quote=quote,
    )
    cites.items.append(citation)
    return f"[{citation.n}]"


def cite_outcome(snap: Snapshot, cites: Citations, stored: StoredOutcome) -> str:
    """Marker citing an outcome: its chunk in the plan, or the imported file's row."""
    if stored.outcome.source_kind == "import" or not stored.source:
        return cite_import(cites, stored)
    parsed = snap.parsed.get(stored.source)
    if parsed is None:
        return ""
    idx = next((i for i, p in enumerate(parsed.outcomes) if p == stored.outcome), None)
    chunk = cites.find_chunk(stored.source, "outcome", idx) if idx is not None else None
    if chunk is None:
        return ""
    quote = stored.outcome.quote if stored.outcome.quote and stored.outcome.quote in chunk.text else None
    return cites.cite(chunk, quote)


def status_phrase(status: PeriodStatus) -> str:
    """'**delvis uppnått** (lägre är bättre; inom 10 % från målet)' — the verdict and why."""
    if status.status is Status.EJ_MATT:
        return f"{status.status.value} ({status.reason})"
    return f"**{status.status.value}** ({status.reason})" if status.reason else f"**{status.status.value}**"


def period_label(stored: StoredOutcome) -> str:
    """Swedish label of an outcome's period ('tertial 2 2023')."""
    o = stored.outcome
    return label(o.period or (str(o.year) if o.year else None))


def who(row: StoredIndicator) -> str:
    """'Enheten X, Stadsdel' — the unit an answer is about."""
    name = row.unit or row.district or row.source
    return f"{name}, {row.district}" if row.unit and row.district else name
