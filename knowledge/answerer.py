"""The Answerer: reads a question, picks documents, answers from tables or passages, cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from knowledge.answer import Answer, ConversationContext
from knowledge.answers.cite import Citations
from knowledge.answers.goal import answer_context
from knowledge.answers.phrasing import doc_label
from knowledge.models import DocType, DocumentMeta
from knowledge.retrieval.embedder import Embedder
from knowledge.retrieval.extract import (
    asks_quantity,
    best_sentences,
    group_coverage,
    states_quantity,
    verbatim_span,
)
from knowledge.retrieval.hybrid import Hit, Retriever
from knowledge.store.snapshot import Snapshot
from knowledge.store.vectors import VectorIndex
from knowledge.textnorm import expand_query, query_groups
from knowledge.understand.reading import Intent, QuestionReading, apply_context, read_question

# A passage answers only when this share of the question's content words occurs in it
# (measured on the development set: unanswerable questions stay below, answerable above).
MIN_PASSAGE_COVERAGE = 0.6

HELP_TEXT = (
    "Jag svarar på frågor om verksamhetsplaner, mål, indikatorer, aktiviteter och rutiner, "
    "alltid med källa. Prova till exempel:\n"
    "- Vad är årsmålet för sjukfrånvaro?\n- Vilka mål har enheten?\n- Vad betyder FUT?\n"
    "Skriv gärna vilken enhet, stadsdel eller vilket år du menar."
)


def _own_unit(reading: QuestionReading, default_unit: str | None, units: set[str]) -> str | None:
    """The user's own unit when it should answer the question, else None."""
    if not default_unit or default_unit not in units:
        return None
    named_unit = bool(reading.units) and "units" not in reading.from_context
    named_place = bool(reading.districts) and "districts" not in reading.from_context
    if named_unit or named_place or reading.other_districts or reading.other_units:
        return None
    if getattr(reading, "own_unit", False):  # "vår", "hos oss": the user's unit beats the context's
        return default_unit
    return None if reading.units else default_unit


class Answerer:
    """Answers questions over one knowledge snapshot (thread-safe: holds no per-call state)."""

    def __init__(
        self,
        snapshot: Callable[[], Snapshot],
        embedder: Embedder,
        vectors: VectorIndex | None,
        today: Callable[[], dt.date] = dt.date.today,
        max_chars: int = 2000,
    ) -> None:
        self.snapshot = snapshot
        self.embedder = embedder
        self.retriever = Retriever(embedder, vectors)
        self.vectors = vectors
        self.today = today
        self.max_chars = max_chars

    def answer(
        self, question: str, context: ConversationContext | None = None, default_unit: str | None = None
    ) -> Answer:
        """Answer one question.

        Args:
            question: The user's question, as typed.
            context: What carries over from earlier turns of the conversation.
            default_unit: The asking user's own unit (canonical name, "min enhet"): used
                when the question names no unit or district and the conversation has
                none, or when it says "vi/vår/hos oss" (`reading.own_unit`); the answer
                then starts by saying which unit it assumed.

        Returns:
            A Swedish answer with `[n]` markers and citations, or a clarify/not_found answer.
        """
        context = context or ConversationContext()
        text = " ".join((question or "").split())
        if not text:
            return Answer(
                answer="Skriv en fråga, till exempel ”Vad betyder FUT?”.", kind="invalid", context=context
            )
        if len(text) > self.max_chars:
            return Answer(
                answer=f"Frågan är för lång ({len(text)} tecken). "
                f"Korta den till högst {self.max_chars} tecken.",
                kind="invalid",
                context=context,
            )
        snap = self.snapshot()
        if not snap.records:
            return Answer(
                answer="Inga dokument är inlästa ännu. Be en administratör läsa in planerna.",
                kind="not_found",
                context=context,
            )
        reading = read_question(text, snap.metas, self.today())
        if reading.is_help:
            return Answer(answer=HELP_TEXT, kind="help", suggestions=self._examples(snap), context=context)
        if not reading.looks_swedish:
            return Answer(
                answer="Jag förstår bara frågor på svenska. Skriv gärna frågan på svenska.",
                kind="not_found",
                context=context,
            )
        reading = apply_context(reading, context)
        assumed = _own_unit(reading, default_unit, {m.unit for m in snap.metas if m.unit})
        if assumed:
            reading = reading.model_copy(
                update={"units": [assumed], "districts": [], "from_context": [*reading.from_context, "units"]}
            )
        from knowledge.answers.routing import route  # local: routing imports this module's constants

        answer = route(self, snap, reading, context)
        if assumed:
            answer = answer.model_copy(
                update={"answer": f"Jag utgår från din enhet {assumed}.\n\n{answer.answer}"}
            )
        return answer

    def _examples(self, snap: Snapshot) -> list[str]:
        units = sorted({m.unit for m in snap.metas if m.unit})
        first = units[0] if units else "enheten"
        return [f"Vilka mål har {first}?", "Vad betyder APT?", "Vad är årsmålet för sjukfrånvaro?"]

    # -- document selection ------------------------------------------------------

    def select_documents(self, snap: Snapshot, reading: QuestionReading) -> tuple[list[str], Answer | None]:
        """Documents the question is about, or a not_found answer naming what exists."""
        metas = snap.metas
        unknown = reading.other_districts[0] if reading.other_districts and not reading.districts else None
        if unknown:
            known = ", ".join(sorted({m.district for m in metas if m.district})) or "inga"
            return [], Answer(
                answer=f"Jag hittar inga dokument för {unknown}. Det finns dokument för: {known}.",
                kind="not_found",
            )
        chosen = [m for m in metas if not reading.units or m.unit in reading.units]
        chosen = [m for m in chosen if not reading.districts or m.district in reading.districts]
        if reading.doc_type is not None:
            typed = [m for m in chosen if m.type is reading.doc_type]
            if not typed and reading.doc_type is not DocType.RUTIN:
                return [], self._missing_type(reading, chosen)
            chosen = typed or chosen
        if reading.year is not None:
            of_year = [m for m in chosen if m.year == reading.year]
            if not of_year and "year" in reading.from_context:
                # A follow-up that only inherited the year ("och i Spånga?"): that unit's latest plan.
                of_year = _latest_per_unit(chosen)
            elif not of_year and reading.intent not in (Intent.INDICATOR, Intent.GOAL, Intent.ACTIVITY):
                # Reports describe earlier years' results ("betyget 2018" in the 2019 application).
                of_year = [
                    m
                    for m in _latest_per_unit(chosen)
                    if m.type is DocType.KVALITETSUTMARKELSE and m.year and reading.year < m.year
                ]
            if not of_year:
                return [], self._missing_year(reading, chosen)
            chosen = of_year
        else:
            chosen = _latest_per_unit(chosen)
        return [m.source for m in chosen], None

    def _missing_year(self, reading: QuestionReading, chosen: list[DocumentMeta]) -> Answer:
        kind = reading.doc_type.value if reading.doc_type else "verksamhetsplan"
        who = (
            f" för {chosen[0].unit}"
            if chosen and chosen[0].unit and len({m.unit for m in chosen}) == 1
            else ""
        )
        years = sorted({m.year for m in chosen if m.year})
        have = f"; det finns {', '.join(str(y) for y in years)}" if years else ""
        return Answer(
            answer=f"Jag hittar ingen {kind} för {reading.year}{who}{have}.",
            kind="not_found",
            suggestions=[f"{reading.text.rstrip('?')} {y}?" for y in years[-2:]],
        )

    def _missing_type(self, reading: QuestionReading, chosen: list[DocumentMeta]) -> Answer:
        kind = reading.doc_type.value if reading.doc_type else "dokument"
        types = sorted({m.type.value for m in chosen})
        return Answer(
            answer=f"Jag hittar ingen {kind} här; det finns: {', '.join(types) or 'inga dokument'}.",
            kind="not_found",
        )

    # -- passages ----------------------------------------------------------------

    def passages(self, snap: Snapshot, reading: QuestionReading, sources: list[str], kind: str) -> Answer:
        """Hybrid retrieval and an extractive answer of one to three quoted sentences."""
        query = expand_query(reading.topic or reading.text)
        ranked = self._ranked_passages(snap, query, sources, reading.text)
        if not ranked:
            return not_found(snap, reading, sources)
        cites = Citations(snap)
        names_unit = bool(reading.units or reading.districts)
        units = {snap.meta(h.chunk.source).unit for _, h in ranked}
        if kind == "passages" and reading.intent is Intent.ORGANISATION and not names_unit and len(units) > 1:
            return self._clarify_passages(snap, reading, query, ranked, cites)
        lines: list[str] = []
        best_cov, best = ranked[0]
        for cov, hit in ranked[:2]:
            if lines and (cov < best_cov - 0.05 or hit.chunk.source != best.chunk.source):
                break
            picked = best_sentences(hit.chunk.text, query, procedure=reading.intent is Intent.ROUTINE)
            if picked:
                marker = cites.cite(hit.chunk, verbatim_span(hit.chunk.text, picked))
                lines.append(f"{' '.join(' '.join(picked).split())} {marker}")
        first = best.chunk.source
        context = answer_context(snap, first, reading)
        return Answer(
            answer=f"Enligt {doc_label(snap, first)}:\n\n" + "\n\n".join(lines),
            kind=kind,
            citations=cites.items,
            context=context,
        )

    def _ranked_passages(
        self, snap: Snapshot, query: str, sources: list[str], question: str = ""
    ) -> list[tuple[float, Hit]]:
        hits = self.retriever.search(snap, query, set(sources), k=12)
        groups = query_groups(query)
        quantity = asks_quantity(question or query)
        scored = []
        for h in hits:
            text = h.chunk.breadcrumb + " " + h.chunk.text
            cov = group_coverage(groups, text, snap.lexical.idf)
            # "hur många …" is answered by a passage that states a number about the topic.
            bonus = (
                0.1
                if quantity and cov >= MIN_PASSAGE_COVERAGE and states_quantity(h.chunk.text, groups)
                else 0.0
            )
            scored.append((cov + bonus, h))
        good = [(c, h) for c, h in scored if c >= MIN_PASSAGE_COVERAGE]
        good.sort(key=lambda t: (-round(t[0], 1), -t[1].score))
        return good

    def _clarify_passages(
        self,
        snap: Snapshot,
        reading: QuestionReading,
        query: str,
        ranked: list[tuple[float, Hit]],
        cites: Citations,
    ) -> Answer:
        """One candidate answer per unit, each cited, and suggestions to pick one."""
        lines, suggestions, seen = [], [], set()
        for _, hit in ranked:
            meta = snap.meta(hit.chunk.source)
            if meta.unit in seen:
                continue
            seen.add(meta.unit)
            picked = best_sentences(hit.chunk.text, query, limit=2)
            marker = cites.cite(hit.chunk, verbatim_span(hit.chunk.text, picked))
            lines.append(
                f"- **{doc_label(snap, hit.chunk.source)}**: {' '.join(' '.join(picked).split())} {marker}"
            )
            suggestions.append(f"{reading.text.rstrip('?')} på {meta.unit or meta.district}?")
        return Answer(
            answer="Det skiljer sig mellan enheterna. Vilken enhet menar du?\n\n" + "\n".join(lines),
            kind="clarify",
            citations=cites.items,
            suggestions=suggestions,
            context=ConversationContext(topic=reading.topic, intent=reading.intent.value),
        )


def not_found(snap: Snapshot, reading: QuestionReading, sources: list[str]) -> Answer:
    """A Swedish 'I cannot find it' that says what is available."""
    labels = sorted({doc_label(snap, s) for s in sources}) or sorted(
        {doc_label(snap, m.source) for m in snap.metas}
    )
    return Answer(
        answer="Jag hittar inget svar på det i de inlästa dokumenten. Jag har sökt i: "
        + "; ".join(labels)
        + ".",
        kind="not_found",
        suggestions=["Vilka mål har vi?", "Vilka indikatorer har vi?"],
    )


def _latest_per_unit(metas: list[DocumentMeta]) -> list[DocumentMeta]:
    """With no year asked, each unit's latest document of each type."""
    best: dict[tuple[str | None, str | None, str], DocumentMeta] = {}
    for m in metas:
        key = (m.unit, m.district, m.type.value)
        if key not in best or (m.year or 0) > (best[key].year or 0):
            best[key] = m
    return list(best.values())


INTENT_KIND = {
    Intent.ROUTINE: "routine",
    Intent.ORGANISATION: "passages",
    Intent.GENERAL: "passages",
    Intent.OUTCOME: "outcome",
}
