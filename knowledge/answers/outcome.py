"""Answers about indicator outcomes: how we are doing, history, units side by side, gender
split, and which indicators do not reach their targets.

Every figure is copied from a stored cell and cited: targets to the plan's row, outcomes
to the plan's text or to the imported file's row. Statuses follow indicators.status.
"""

from __future__ import annotations

import datetime as dt

from indicators.history import IndicatorVerdict, across_units, history, unit_review, verdict
from indicators.names import same_name
from indicators.status import Status
from indicators.store import StoredIndicator
from indicators.targets import pick_target
from knowledge.answer import Answer, AnswerKind, ConversationContext, Fact
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.outcome_cites import (
    cite_outcome,
    cite_row,
    period_label,
    status_phrase,
    stored_indicators,
    stored_row,
    who,
)
from knowledge.answers.phrasing import match_indicators
from knowledge.answers.prose_outcome import prose_outcome
from knowledge.store.snapshot import Snapshot
from knowledge.understand.outcome_intent import OutcomeQuestion, classify

# Same bar as routing.MIN_INDICATOR_SCORE: below it the question does not name an indicator.
MIN_SCORE = 0.45
KIND = AnswerKind.OUTCOME


def _context(row: StoredIndicator | None, snap: Snapshot, source: str | None = None) -> ConversationContext:
    src = row.source if row else source
    if src is None or src not in snap.parsed:
        return ConversationContext(intent=KIND)
    m = snap.meta(src)
    return ConversationContext(
        unit=m.unit,
        district=m.district,
        year=m.year,
        source=src,
        intent=KIND,
        indicator=row.indicator.name if row else None,
    )


def _m(marker: str) -> str:
    """' [n]' to append after a cited value, '' when there is nothing to cite."""
    return f" {marker}" if marker else ""


def _target_text(snap: Snapshot, cites: Citations, row: StoredIndicator) -> str:
    target, which = pick_target(row.indicator)
    marker = _m(cite_row(snap, cites, row))
    if not target.text.strip() or target.text.strip() in ("-", "–"):
        return f"planen anger inget årsmål{marker}"
    return f"{which} är {target.text}{marker}"


def status_answer(snap: Snapshot, row: StoredIndicator, today: dt.date) -> Answer:
    """'Hur ligger vi till med …': latest outcome, its period, the target and the status."""
    cites = Citations(snap)
    v = verdict(stored_indicators(snap), snap.outcomes, row, today)
    name = row.indicator.name
    if not v.history:
        target = _target_text(snap, cites, v.indicator)
        text = (
            f"För **{name}** ({who(row)}) finns inget utfall inläst ännu; {target}. "
            "Utfall kan importeras med `planbot indicators import`."
        )
        return Answer(answer=text, kind=KIND, citations=cites.items, context=_context(row, snap))
    latest = v.history[-1]
    marker = cite_outcome(snap, cites, latest.stored)
    target = _target_text(snap, cites, v.indicator)
    facts = [
        Fact(title="Senaste utfall", value=f"{latest.stored.outcome.value} ({period_label(latest.stored)})")
    ]
    text = (
        f"**{name}** ({who(row)}): senaste utfallet är **{latest.stored.outcome.value}** "
        f"för {period_label(latest.stored)}{_m(marker)}; {target}."
    )
    current = next((s for s in v.statuses if s.period == latest.period), None)
    if current is not None:
        text += f" Status: {status_phrase(current)}."
        facts.append(Fact(title="Status", value=current.status.value))
    if v.indicator.year is not None and v.year is not None and v.indicator.year != v.year:
        text += f" Målet är hämtat ur planen för {v.indicator.year}."
    points = {p.period: p for p in v.history}
    others = []
    for s in v.statuses:
        if s.period == latest.period:
            continue
        point = points.get(s.period)
        if point is None:
            others.append(f"- {s.label.capitalize()}: {status_phrase(s)}")
        else:
            value = f"{point.stored.outcome.value}{_m(cite_outcome(snap, cites, point.stored))}"
            others.append(f"- {s.label.capitalize()}: {value} – {status_phrase(s)}")
    if others:
        text += "\n\n" + "\n".join(others)
    return Answer(answer=text, kind=KIND, citations=cites.items, facts=facts, context=_context(row, snap))


def history_answer(snap: Snapshot, row: StoredIndicator, today: dt.date) -> Answer:
    """Every period's outcome of an indicator for its unit, oldest first, with statuses."""
    cites = Citations(snap)
    indicators = stored_indicators(snap)
    points = history(snap.outcomes, row.unit or row.district, row.indicator.name, row.district)
    target = _target_text(snap, cites, row)
    if not points:
        return status_answer(snap, row, today)
    statuses = {}
    for year in sorted({p.stored.outcome.year for p in points if p.stored.outcome.year is not None}):
        yearly = verdict(indicators, snap.outcomes, row, today, year=year)
        statuses.update({s.period: s for s in yearly.statuses})
    lines = []
    for p in points:
        status = statuses.get(p.period)
        verdict_text = f" – {status_phrase(status)}" if status else ""
        lines.append(
            f"- {p.label.capitalize()}: **{p.stored.outcome.value}**"
            f"{_m(cite_outcome(snap, cites, p.stored))}{verdict_text}"
        )
    text = f"Utfall för **{row.indicator.name}** ({who(row)}); {target}:\n\n" + "\n".join(lines)
    return Answer(answer=text, kind=KIND, citations=cites.items, context=_context(row, snap))


def units_answer(snap: Snapshot, name: str, today: dt.date) -> Answer:
    """The same indicator in every unit that has it: latest outcome, target and status."""
    cites = Citations(snap)
    verdicts = across_units(stored_indicators(snap), snap.outcomes, name, today)
    lines = []
    for v in verdicts:
        target = _target_text(snap, cites, v.indicator)
        if not v.history:
            lines.append(f"- {who(v.indicator)}: inget utfall inläst; {target}")
            continue
        latest = v.history[-1]
        status = next((s for s in v.statuses if s.period == latest.period), None)
        verdict_text = f" – {status_phrase(status)}" if status else ""
        lines.append(
            f"- {who(v.indicator)}: **{latest.stored.outcome.value}** ({period_label(latest.stored)})"
            f"{_m(cite_outcome(snap, cites, latest.stored))}; {target}{verdict_text}"
        )
    text = f"**{name}** i olika enheter:\n\n" + "\n".join(lines)
    return Answer(
        answer=text,
        kind=KIND,
        citations=cites.items,
        context=ConversationContext(intent=KIND, indicator=name),
    )


def gender_answer(snap: Snapshot, row: StoredIndicator, today: dt.date) -> Answer:
    """The latest outcome split by gender, when the plan or an import has one."""
    cites = Citations(snap)
    points = history(snap.outcomes, row.unit or row.district, row.indicator.name, row.district)
    split = [p for p in points if p.stored.outcome.women or p.stored.outcome.men]
    name = row.indicator.name
    if not split:
        if row.indicator.gender_split:
            text = (
                f"Planen anger att **{name}** ({who(row)}) redovisas uppdelad på kön"
                f"{_m(cite_row(snap, cites, row))}, men inget könsuppdelat utfall finns inläst."
            )
        else:
            text = f"Det finns inget könsuppdelat utfall inläst för **{name}** ({who(row)})."
        return Answer(answer=text, kind=KIND, citations=cites.items, context=_context(row, snap))
    latest = split[-1]
    o = latest.stored.outcome
    marker = cite_outcome(snap, cites, latest.stored)
    text = (
        f"**{name}** ({who(row)}), {period_label(latest.stored)}: kvinnor **{o.women or '–'}**, "
        f"män **{o.men or '–'}**, totalt {o.value}{_m(marker)}."
    )
    facts = [Fact(title="Kvinnor", value=o.women or "–"), Fact(title="Män", value=o.men or "–")]
    return Answer(answer=text, kind=KIND, citations=cites.items, facts=facts, context=_context(row, snap))


def below_target_answer(snap: Snapshot, source: str, today: dt.date) -> Answer:
    """'Vilka indikatorer når inte målet?' for the unit of one plan (latest measured period)."""
    cites = Citations(snap)
    m = snap.meta(source)
    unit = m.unit or m.district or source
    review = unit_review(stored_indicators(snap), snap.outcomes, unit, today, m.district)
    below = [v for v in review if v.latest and v.latest.status in (Status.EJ_UPPNATT, Status.DELVIS)]
    unknown = [v for v in review if v.latest and v.latest.status is Status.EJ_BEDOMBART]
    unmeasured = [v for v in review if v.latest is None]
    lines = [_below_line(snap, cites, v) for v in below]
    if lines:
        text = f"Indikatorer för {unit} som inte når målet (senast mätta period):\n\n" + "\n".join(lines)
    elif any(v.latest for v in review):
        text = f"Alla indikatorer för {unit} som har ett utfall som kan bedömas når målet."
    else:
        text = f"Det finns inga utfall inlästa för {unit} ännu, så det går inte att säga vilka mål som nås."
    if unknown:
        text += (
            f"\n\n{len(unknown)} indikator(er) kan inte bedömas (målet är inget tal eller riktning okänd): "
            + ", ".join(v.indicator.indicator.name for v in unknown)
            + "."
        )
    if unmeasured and (lines or unknown):
        text += f"\n\n{len(unmeasured)} indikator(er) saknar utfall."
    return Answer(answer=text, kind=KIND, citations=cites.items, context=_context(None, snap, source))


def _below_line(snap: Snapshot, cites: Citations, v: IndicatorVerdict) -> str:
    assert v.latest is not None
    latest = next(p for p in v.history if p.period == v.latest.period)
    return (
        f"- **{v.indicator.indicator.name}**: {latest.stored.outcome.value} ({v.latest.label})"
        f"{_m(cite_outcome(snap, cites, latest.stored))}; {_target_text(snap, cites, v.indicator)} – "
        f"{status_phrase(v.latest)}"
    )


def _has_outcomes(snap: Snapshot, source: str, idx: int) -> bool:
    meta = snap.meta(source)
    name = snap.parsed[source].indicators[idx].name
    return any(o.unit == meta.unit and same_name(o.outcome.indicator, name) for o in snap.outcomes)


def answer_outcome_question(
    snap: Snapshot, question: str, topic: str, sources: list[str], today: dt.date
) -> Answer | None:
    """Route an outcome question to the right answer; None when it is not one this module answers.

    Args:
        snap: The knowledge snapshot.
        question: The question as asked (its wording picks the kind of answer).
        topic: The question's topic words (they pick the indicator).
        sources: The documents the question is about (already narrowed by unit/year).
        today: Today's date (periods still running are "ej mätt än").
    """
    kind = classify(question)
    if kind is None or not sources:
        return None
    if kind is OutcomeQuestion.BELOW_TARGET:
        units = {(snap.meta(s).unit, snap.meta(s).district) for s in sources}
        if len(units) > 1:
            names = sorted(f"{u or d}" for u, d in units)
            return Answer(
                answer="Vilken enhet menar du?\n\n" + "\n".join(f"- {n}" for n in names),
                kind=AnswerKind.CLARIFY,
                suggestions=[f"{question.rstrip('?')} för {n}?" for n in names],
                context=ConversationContext(intent=KIND),
            )
        latest = max(sources, key=lambda s: snap.meta(s).year or 0)
        return below_target_answer(snap, latest, today)
    scope = [m.source for m in snap.metas] if kind is OutcomeQuestion.UNITS else sources
    matches = match_indicators(snap, topic or question, scope, {})
    if not matches or matches[0].score < MIN_SCORE:
        return None
    # Of near-equal names ("Sjukfrånvaro", "Sjukfrånvaro dag 1-14") the one with outcomes answers
    # "hur ligger vi till"; without any outcomes the best name stays.
    close = [m for m in matches if m.score >= matches[0].score - 0.25]
    best = next((m for m in close if _has_outcomes(snap, m.source, m.idx)), matches[0])
    ind = snap.parsed[best.source].indicators[best.idx]
    if kind is OutcomeQuestion.UNITS:
        return units_answer(snap, ind.name, today)
    row = stored_row(snap, best.source, best.idx)
    if kind is OutcomeQuestion.HISTORY:
        return history_answer(snap, row, today)
    if kind is OutcomeQuestion.GENDER:
        return gender_answer(snap, row, today)
    return status_answer(snap, row, today)


def latest_outcome_text(
    snap: Snapshot, cites: Citations, source: str, name: str, facts: list[Fact], today: dt.date
) -> str:
    """' Senaste utfall tertial 2 2023: **3,7 %** [n] (delvis uppnått).' for a target answer.

    A drop-in for routing's `_outcomes`: the latest period (not the latest stored row),
    imported outcomes cited to their file, and the status. '' when there is no outcome.
    """
    parsed = snap.parsed.get(source)
    idx = next((i for i, x in enumerate(parsed.indicators) if x.name == name), None) if parsed else None
    if parsed is None or idx is None:
        return ""
    row = stored_row(snap, source, idx)
    v = verdict(stored_indicators(snap), snap.outcomes, row, today)
    if not v.history:
        return ""
    latest = v.history[-1]
    marker = _m(cite_outcome(snap, cites, latest.stored))
    status = next((s for s in v.statuses if s.period == latest.period), None)
    verdict_text = f" ({status.status.value})" if status else ""
    facts.append(
        Fact(title="Senaste utfall", value=f"{latest.stored.outcome.value} ({period_label(latest.stored)})")
    )
    value = latest.stored.outcome.value
    return f" Senaste utfall {period_label(latest.stored)}: **{value}**{marker}{verdict_text}."


def outcome_answer(ask: Ask) -> Answer | None:
    """The outcome route: status, history, units or gender of an indicator's outcomes, else
    a result or conclusion stated in prose."""
    reading = ask.reading
    answer = answer_outcome_question(ask.snap, reading.text, reading.topic or "", ask.sources, ask.today)
    # No indicator's outcome answers: what came of it may be told in prose (answers/prose_outcome.py).
    return answer if answer is not None else prose_outcome(ask)
