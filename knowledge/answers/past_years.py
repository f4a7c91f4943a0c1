"""Answers about an earlier year than a document's own ("hur gick det 2018 …", "… 2018?").

The evidence (a sentence or an outcome row that names the year and the question's words) is
found by `knowledge.retrieval.year_evidence`; this module says it, cited. An outcome row of
that year gives its value ("Antal vuxna 2018: **980**"); a sentence is quoted.
"""

from __future__ import annotations

from knowledge.answer import Answer, AnswerKind, Fact
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.answers.phrasing import doc_label
from knowledge.retrieval import year_evidence
from knowledge.retrieval.year_evidence import YearEvidence
from knowledge.store.snapshot import Snapshot


def applies(ask: Ask) -> bool:
    """Whether the question writes out a year some chosen document may report as past (and
    does not ask for a target, see `year_evidence.asks_target`)."""
    if year_evidence.asks_target(ask.reading):
        return False
    years = year_evidence.explicit_years(ask.reading)
    results = year_evidence.asks_results(ask.reading)
    return any(year_evidence.speaks_of(ask.snap.meta(s), y, results) for y in years for s in ask.sources)


def past_year_answer(ask: Ask) -> Answer | None:
    """What the chosen documents say about the year the question names, or None."""
    found = year_evidence.find(ask.snap, ask.reading, ask.sources)
    if found is None:
        return None
    return render(ask.snap, ask, found)


def render(snap: Snapshot, ask: Ask, found: YearEvidence) -> Answer:
    """The evidence as a cited answer: an outcome row's value, or the quoted sentences (with
    the year's outcome row beside them when the question asks for a value)."""
    cites = Citations(snap)
    facts: list[Fact] = []
    parts = [_say(snap, cites, found, facts)]
    if found.beside is not None:
        parts.append(
            _say(snap, cites, found.beside, facts, named=found.beside.chunk.source != found.chunk.source)
        )
    return Answer(
        answer="\n\n".join(parts),
        kind=AnswerKind.OUTCOME,
        citations=cites.items,
        facts=facts,
        context=answer_context(snap, found.chunk.source, ask.reading),
    )


def _say(snap: Snapshot, cites: Citations, found: YearEvidence, facts: list[Fact], named: bool = True) -> str:
    """One piece of evidence as text; `named` starts it with the document it comes from."""
    chunk = found.chunk
    label = doc_label(snap, chunk.source)
    outcome = None
    if found.outcome_index is not None:
        outcome = snap.parsed[chunk.source].outcomes[found.outcome_index]
    if outcome is not None and outcome.year == found.year:
        quote = outcome.quote if outcome.quote and outcome.quote in chunk.text else None
        marker = cites.cite(chunk, quote)
        name = outcome.indicator
        lead = f"Enligt {label}: " if named else ""
        text = f"{lead}**{name}** {found.year}: **{outcome.value}** {marker}."
        if outcome.target:
            text += f" (Raden anger också {outcome.target}.)"
        facts.append(Fact(title=f"{name} {found.year}", value=outcome.value))
        return text
    span = " ".join(found.quoted) if len(found.quoted) == 1 else _span(chunk.text, found.quoted)
    marker = cites.cite(chunk, span)
    shown = " ".join(" ".join(s.split()) for s in found.quoted)
    return f"Enligt {label} om {found.year}:\n\n{shown} {marker}"


def _span(text: str, quoted: tuple[str, ...]) -> str:
    """The verbatim text from the first to the last quoted sentence."""
    start = text.find(quoted[0])
    end = text.find(quoted[-1], max(start, 0))
    if start < 0 or end < 0:
        return quoted[0]
    return text[start : end + len(quoted[-1])]
