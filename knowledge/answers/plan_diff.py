"""Answers for plan changes between years and activity deadlines (logic in knowledge.answers.versions)."""

from __future__ import annotations

import datetime as dt

from indicators.periods import tertial_bounds, tertial_of
from knowledge.answer import Answer, AnswerKind, ConversationContext, DeclineReason
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.phrasing import doc_label
from knowledge.answers.versions import (
    Change,
    ChangeKind,
    Deadline,
    diff_plans,
    ending,
    two_latest,
    unit_plans,
)
from knowledge.models import ParsedDocument
from knowledge.store.snapshot import Snapshot
from knowledge.understand.asks import deadline_question, is_diff_question

MAX_LINES = 15  # per section; the rest is counted
_SECTIONS = (("goal", "Mål"), ("indicator", "Indikatorer"), ("activity", "Aktiviteter"))
_CHUNK_KIND = {"goal": "goal", "indicator": "indicator", "activity": "activity"}
_VERB = {
    ("goal", ChangeKind.ADDED): "Nytt",
    ("goal", ChangeKind.REMOVED): "Borttaget",
    ("goal", ChangeKind.CHANGED): "Ändrat",
    ("indicator", ChangeKind.ADDED): "Ny",
    ("indicator", ChangeKind.REMOVED): "Borttagen",
    ("indicator", ChangeKind.CHANGED): "Ändrad",
    ("activity", ChangeKind.ADDED): "Ny",
    ("activity", ChangeKind.REMOVED): "Borttagen",
    ("activity", ChangeKind.CHANGED): "Ändrad",
}


def _cite(cites: Citations, source: str, item: str, idx: int | None) -> str:
    chunk = cites.find_chunk(source, _CHUNK_KIND[item], idx) if idx is not None else None
    return f" {cites.cite(chunk)}" if chunk else ""


def _line(cites: Citations, old: ParsedDocument, new: ParsedDocument, change: Change) -> str:
    verb = _VERB[(change.item, change.kind)]
    if change.kind is ChangeKind.ADDED:
        return f"- {verb}: {change.new_text}{_cite(cites, new.meta.source, change.item, change.new_idx)}"
    if change.kind is ChangeKind.REMOVED:
        return f"- {verb}: {change.old_text}{_cite(cites, old.meta.source, change.item, change.old_idx)}"
    before = _cite(cites, old.meta.source, change.item, change.old_idx)
    after = _cite(cites, new.meta.source, change.item, change.new_idx)
    details = f" ({'; '.join(change.details)})" if change.details else ""
    if change.old_text != change.new_text:
        return f"- {verb}: ”{change.old_text}”{before} → ”{change.new_text}”{after}{details}"
    return f"- {verb}: {change.new_text}{details}{before}{after}"


def plan_diff_answer(snap: Snapshot, source: str, year: int | None = None) -> Answer:
    """What changed between the unit's plan of `year` (default: latest) and the plan before it.

    Args:
        snap: The knowledge snapshot.
        source: Any document of the unit (its unit and district pick the plans).
        year: The newer plan's year (default: the unit's latest plan).
    """
    m = snap.meta(source)
    plans = unit_plans(list(snap.parsed.values()), m.unit, m.district)
    pair = two_latest(plans, year)
    who = m.unit or m.district or source
    if pair is None:
        years = ", ".join(str(p.meta.year) for p in plans) or "inga"
        return Answer(
            answer=f"Det finns bara en verksamhetsplan inläst för {who} (år: {years}), så det finns "
            "ingen tidigare plan att jämföra med.",
            kind=AnswerKind.NOT_FOUND,
            decline=DeclineReason.NO_EARLIER_PLAN,
            context=ConversationContext(unit=m.unit, district=m.district, source=source),
        )
    old, new = pair
    diff = diff_plans(old, new)
    cites = Citations(snap)
    parts = [f"Ändringar från {doc_label(snap, old.meta.source)} till {doc_label(snap, new.meta.source)}:"]
    for item, title in _SECTIONS:
        changes = [c for c in diff.changes if c.item == item]
        if not changes:
            parts.append(f"**{title}**: inga ändringar.")
            continue
        lines = [_line(cites, old, new, c) for c in changes[:MAX_LINES]]
        if len(changes) > MAX_LINES:
            lines.append(f"- … och {len(changes) - MAX_LINES} till.")
        parts.append(f"**{title}**\n\n" + "\n".join(lines))
    context = ConversationContext(
        unit=m.unit, district=m.district, year=new.meta.year, source=new.meta.source, intent="plan_diff"
    )
    return Answer(
        answer="\n\n".join(parts), kind=AnswerKind.PLAN_DIFF, citations=cites.items, context=context
    )


def deadline_answer(snap: Snapshot, sources: list[str], today: dt.date, which: Deadline) -> Answer:
    """Activities of the unit's latest plan ending this tertial, or past their end date."""
    cites = Citations(snap)
    metas = [snap.meta(s) for s in sources]
    units = {(m.unit, m.district) for m in metas}
    if len(units) > 1:
        names = sorted(f"{u or d}" for u, d in units)
        return Answer(
            answer="Vilken enhet menar du?\n\n" + "\n".join(f"- {n}" for n in names),
            kind=AnswerKind.CLARIFY,
            suggestions=[f"Vilka aktiviteter för {n}?" for n in names],
        )
    source = max(sources, key=lambda s: snap.meta(s).year or 0)
    acts = snap.parsed[source].activities
    hits = ending(acts, today, which)
    start, end = tertial_bounds(today)
    label = doc_label(snap, source)
    if which is Deadline.THIS_TERTIAL:
        lead = (
            f"Aktiviteter i {label} som slutar under tertial {tertial_of(today)} "
            f"({start.isoformat()} – {end.isoformat()}):"
        )
        empty = (
            f"Inga aktiviteter i {label} slutar under tertial {tertial_of(today)} ({start.isoformat()} – "
            f"{end.isoformat()})."
        )
    else:
        lead = f"Aktiviteter i {label} vars slutdatum har passerat (i dag är det {today.isoformat()}):"
        empty = f"Inga aktiviteter i {label} har passerat sitt slutdatum (i dag är det {today.isoformat()})."
    context = ConversationContext(
        unit=snap.meta(source).unit,
        district=snap.meta(source).district,
        year=snap.meta(source).year,
        source=source,
        intent="activity",
    )
    if not hits:
        return Answer(answer=empty, kind=AnswerKind.ACTIVITY, context=context)
    lines = []
    for i in hits:
        act = acts[i]
        chunk = cites.find_chunk(source, "activity", i)
        marker = f" {cites.cite(chunk)}" if chunk else ""
        passed = " (har passerat)" if which is Deadline.THIS_TERTIAL and act.end and act.end < today else ""
        lines.append(f"- *{act.text}*: slutdatum {act.end.isoformat() if act.end else '–'}{passed}{marker}")
    return Answer(
        answer=lead + "\n\n" + "\n".join(lines),
        kind=AnswerKind.ACTIVITY,
        citations=cites.items,
        context=context,
    )


def plan_diff_route(ask: Ask) -> Answer | None:
    """The plan-diff route: what changed since the unit's previous plan."""
    if not ask.sources or not is_diff_question(ask.reading.text):
        return None
    return plan_diff_answer(ask.snap, ask.sources[0], ask.reading.year)


def deadline_route(ask: Ask) -> Answer | None:
    """The deadline route: what ends this tertial/year, or what is overdue."""
    which = deadline_question(ask.reading.text)
    return deadline_answer(ask.snap, ask.sources, ask.today, which) if ask.sources and which else None
