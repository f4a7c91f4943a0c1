"""The Answerer: reads a question, picks documents, answers from tables or passages, cites."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.answer import Answer, AnswerKind, ConversationContext, DeclineReason
from knowledge.answers.absent_name import absent_name
from knowledge.answers.activity import activity
from knowledge.answers.asked_detail import unstated_detail
from knowledge.answers.asked_rate import missing_rate
from knowledge.answers.base import Ask
from knowledge.answers.cite import Citations
from knowledge.answers.closest import answers_asked_type, closest_answer, corroborates
from knowledge.answers.composition import applies as asks_composition
from knowledge.answers.composition import composition_route
from knowledge.answers.count_parts import counts_other_noun, part_unstated
from knowledge.answers.count_support import counts_nothing
from knowledge.answers.enumerations import enumeration_route, whole_list
from knowledge.answers.followup import in_context, remember, starts_afresh
from knowledge.answers.followup_chain import chain_followup
from knowledge.answers.followup_choice import chosen_place, offered
from knowledge.answers.followup_document import document_fact
from knowledge.answers.followup_goal import goal_followed_up
from knowledge.answers.followup_item import carried_item
from knowledge.answers.followup_quoted import from_quoted
from knowledge.answers.followup_subset import from_listed
from knowledge.answers.followup_year import year_in_series
from knowledge.answers.generic_topic import generic_disagreement
from knowledge.answers.glossary import defined_term_answer, glossary_answer
from knowledge.answers.goal import answer_context, goal_answer
from knowledge.answers.identifiers import unstated_identifier
from knowledge.answers.indicator import indicator
from knowledge.answers.list_heads import asked_head, enumerates
from knowledge.answers.lists import route_rows
from knowledge.answers.other_subject import about_other_subject
from knowledge.answers.outcome import outcome_answer
from knowledge.answers.overview import applies as asks_overview
from knowledge.answers.overview import asks_overview_aspect, overview_answer
from knowledge.answers.passage import joint_quotes, render_passage
from knowledge.answers.past_years import applies as names_past_year
from knowledge.answers.past_years import past_year_answer
from knowledge.answers.phrasing import clarify_units, doc_label
from knowledge.answers.plan_diff import deadline_route, plan_diff_route
from knowledge.answers.procedure import applies as may_name_routine
from knowledge.answers.procedure import routine_answer
from knowledge.answers.prose_counts import uncounted
from knowledge.answers.role_lookup import applies as asks_role_for_route
from knowledge.answers.role_lookup import role_for_answer
from knowledge.answers.roles import applies as asks_role_route
from knowledge.answers.roles import asked_role, role_answer
from knowledge.answers.routine_asked import lacks_routine, no_routine
from knowledge.answers.row_qualifier import RowQualifier, row_qualifier
from knowledge.answers.several import answers_it, join_answers, stands
from knowledge.answers.subsection import subsection_answer
from knowledge.answers.support import documents_using, unsupported_reason
from knowledge.answers.uncovered import NAMED_KINDS, uncovered_name
from knowledge.answers.unit_answers import units_answering
from knowledge.answers.unit_disagreement import (
    MIN_OTHER_COVERAGE,
    clarify_disagreement,
    disagreement,
    unit_key,
)
from knowledge.answers.unit_disagreement import (
    applies as may_disagree,
)
from knowledge.answers.unstated_value import unstated_value
from knowledge.answers.vocabulary import applies as asks_vocabulary_route
from knowledge.answers.vocabulary import asks_vocabulary, vocabulary_answer
from knowledge.answers.who_prose import loses_who, needs_prose, who_prose
from knowledge.retrieval.compound_heads import reversed_vocabulary, with_compounds
from knowledge.retrieval.document_evidence import winner_first
from knowledge.retrieval.embedder import Embedder
from knowledge.retrieval.extract import (
    asks_quantity,
    group_coverage,
    states_quantity,
    states_type,
)
from knowledge.retrieval.hybrid import Hit, Retriever
from knowledge.retrieval.mention_usage import soft_names, usage_of
from knowledge.retrieval.question_heads import index_stems, with_heads
from knowledge.retrieval.ranker import RankerModel, Ranking, chunk_stems, pool, rank
from knowledge.retrieval.rule_sentences import states_rule
from knowledge.retrieval.selection import Selection, select_documents
from knowledge.retrieval.who_binding import matter_groups, with_doing
from knowledge.store.snapshot import Snapshot
from knowledge.store.vectors import VectorIndex
from knowledge.textnorm import expand_query, query_groups, stem_tokens
from knowledge.understand.answer_types import asked_types
from knowledge.understand.aside import aside_stems, aside_weights, weighing
from knowledge.understand.chat_words import standard_words
from knowledge.understand.derivation import using
from knowledge.understand.reading import Intent, QuestionReading, apply_context, read_question
from knowledge.understand.references import is_repair, pending_after, repaired, undislocate
from knowledge.understand.several import leans_on_before, names_nothing, shared_place, split_message
from knowledge.understand.spelling import correct_spelling
from knowledge.understand.who_topic import who_split

# A passage answers only when this share of the question's content words occurs in it
# (measured on the development set: unanswerable questions stay below, answerable above).
MIN_PASSAGE_COVERAGE = 0.6
# Added to the coverage of a passage whose rule sentence's condition names the question's
# situation (retrieval/rule_sentences.states_rule). Chosen on the tune split.
RULE_PASSAGE_BONUS = 0.2

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
        ranker: RankerModel | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.embedder = embedder
        self.retriever = Retriever(embedder, vectors)
        self.vectors = vectors
        self.today = today
        self.max_chars = max_chars
        # The fitted ranking model (knowledge/retrieval/ranker_model.json); None: the intent
        # routes alone answer, and a question they cannot answer is declined.
        self.ranker = ranker if ranker is not None else RankerModel.load()

    def answer(
        self,
        question: str,
        context: ConversationContext | None = None,
        default_unit: str | None = None,
        use_ranker: bool = True,
    ) -> Answer:
        """Answer one question.

        Args:
            question: The user's question, as typed.
            context: What carries over from earlier turns of the conversation.
            default_unit: The asking user's own unit (canonical name, "min enhet"): used
                when the question names no unit or district and the conversation has
                none, or when it says "vi/vår/hos oss" (`reading.own_unit`); the answer
                then starts by saying which unit it assumed.
            use_ranker: Let the ranked candidate pool answer what the intent routes decline
                (False only when fitting: the cut-offs are chosen where the pool decides).

        Returns:
            A Swedish answer with `[n]` markers and citations, or a clarify/not_found answer.
        """
        context = context or ConversationContext()
        text = " ".join((question or "").split())
        if not text:
            return Answer(
                answer="Skriv en fråga, till exempel ”Vad betyder FUT?”.",
                kind=AnswerKind.INVALID,
                context=context,
            )
        if len(text) > self.max_chars:
            return Answer(
                answer=f"Frågan är för lång ({len(text)} tecken). "
                f"Korta den till högst {self.max_chars} tecken.",
                kind=AnswerKind.INVALID,
                context=context,
            )
        parts = split_message(text)
        whole = self._answer_one(text, context, default_unit, use_ranker)
        if len(parts) < 2:
            return whole
        # "vad är målet och när följs det upp?": each question answered, a later one as a
        # follow-up of the one before (answers/several.py decides what the reply adds).
        answered: list[tuple[str, Answer]] = []
        turn = context
        message = self._read_message(text)
        answered_unit = whole.context.unit if answers_it(whole) else None
        for k, part in enumerate(parts):
            before = answered[-1][1] if answered else whole
            if k and not answers_it(before) and leans_on_before(part):
                continue  # "och var ligger det?" after a question not answered: "det" is unknown
            if k and not stands(before) and names_nothing(part):
                # "och med vem?" asks only about what the question before found: a guess (the
                # closest match) does not tell its subject well enough to ask a detail of it.
                continue
            # A unit the message names in one of its questions holds for the others.
            place = shared_place(message, turn, answered_unit)
            reply = self._answer_one(part, place, default_unit, use_ranker)
            answered.append((part, reply))
            turn = reply.context if answers_it(reply) else turn
        return join_answers(whole, answered)

    def _read_message(self, text: str) -> QuestionReading:
        """The whole message read as one question (the places it names, see `several.shared_place`)."""
        snap = self.snapshot()
        with using(snap.derivations):
            return self._read(snap, undislocate(text))

    def _answer_one(
        self, text: str, context: ConversationContext, default_unit: str | None, use_ranker: bool
    ) -> Answer:
        """Answer one question of a message (see `answer`), with the snapshot's word families."""
        snap = self.snapshot()
        with using(snap.derivations):
            return self._answer_in(snap, text, context, default_unit, use_ranker)

    def _answer_in(
        self,
        snap: Snapshot,
        text: str,
        context: ConversationContext,
        default_unit: str | None,
        use_ranker: bool,
    ) -> Answer:
        """Answer one question of a message from one snapshot."""
        if not snap.records:
            return Answer(
                answer="Inga dokument är inlästa ännu. Be en administratör läsa in planerna.",
                kind=AnswerKind.NOT_FOUND,
                decline=DeclineReason.NO_DOCUMENTS,
                context=context,
            )
        # "2" after "Vilken enhet menar du?": the unit listed second, read as if named.
        text = chosen_place(snap, text, context) or text
        reading = self._read(snap, undislocate(text))  # "IPS, vad menas med det?"
        repairs = bool(context.pending) and is_repair(reading)
        if repairs and context.pending:
            # "stöd och aktivitet" after "Vilken enhet menar du?": the unanswered question again.
            reading = repaired(self._read(snap, context.pending), reading)
        # Words said beside the question weigh less in every coverage (understand/aside.py).
        with weighing(aside_weights(aside_stems(reading.aside, reading.topic), snap.lexical.everyday)):
            return self._answer_read(snap, reading, repairs, context, default_unit, use_ranker)

    def _answer_read(
        self,
        snap: Snapshot,
        reading: QuestionReading,
        repairs: bool,
        context: ConversationContext,
        default_unit: str | None,
        use_ranker: bool,
    ) -> Answer:
        """Answer a question already read (see `_answer_in`)."""
        if reading.is_help:
            return Answer(
                answer=HELP_TEXT, kind=AnswerKind.HELP, suggestions=self._examples(snap), context=context
            )
        if not reading.looks_swedish:
            return Answer(
                answer="Jag förstår bara frågor på svenska. Skriv gärna frågan på svenska.",
                kind=AnswerKind.NOT_FOUND,
                decline=DeclineReason.NOT_SWEDISH,
                context=context,
            )
        asked, reading = reading, apply_context(reading, context)
        reading = carried_item(snap, asked, reading, context)  # "och medskapandeindexet då?"
        assumed = _own_unit(reading, default_unit, {m.unit for m in snap.metas if m.unit})
        if assumed:
            reading = reading.model_copy(
                update={"units": [assumed], "districts": [], "from_context": [*reading.from_context, "units"]}
            )
        # A follow-up about the passage just quoted is looked up in it first (answers/followup.py).
        # "var ligger det?" points into the text just shown: its sentence that says where answers.
        # "vilka av dem följs upp per tertial?" picks among the items just listed (followup_subset.py).
        answer = (
            from_listed(snap, asked, context, self.today())
            # "vilket mål hör den till?", "vilka aktiviteter hör till?": the item's neighbour in the
            # goal chain (answers/followup_chain.py).
            or chain_followup(snap, asked, context)
            or goal_followed_up(snap, asked, context)  # "hur följs det upp?": the goal just shown
            or document_fact(snap, reading, context)  # "vem är enhetschef där?": the document's own fact
            or from_quoted(snap, asked, reading, context)
            or year_in_series(snap, asked, reading, context)  # "och 2017?" after a year series
            or in_context(snap, reading, context)
            or self._route(snap, reading, context, use_ranker)
        )
        if not assumed and starts_afresh(answer, reading):  # a new topic of another unit: ask it alone
            answer = self._route(snap, reading := asked, ConversationContext(), use_ranker)
        # Asked back which unit: when only one of the units listed answers the question named,
        # that unit is the one meant (answers/unit_answers.py).
        named = units_answering(snap, reading, answer, lambda r: self._route(snap, r, context, use_ranker))
        if named is not None and len(named) == 1:
            answer = named[0]
        # "serverar Hägergruppen lunch?" answered by Tora's lunch sentence: the documents say
        # nothing about the part asked about (answers/other_subject.py).
        if about_other_subject(snap, asked.text, answer.kind, answer.citations, context):
            answer = not_found(
                snap, reading, [c.source for c in answer.citations], DeclineReason.OTHER_SUBJECT
            )
        answer = remember(answer, reading, context, snap)
        answer = pending_after(answer, reading.text, context.pending if repairs else None)
        answer = offered(snap, answer)
        if assumed:
            answer = answer.model_copy(
                update={"answer": f"Jag utgår från din enhet {assumed}.\n\n{answer.answer}"}
            )
        return answer

    def _read(self, snap: Snapshot, text: str) -> QuestionReading:
        """Read a question, misspelt content words ("aktivteter") as the corpus stems they stand for.

        Chat spellings ("vad e", "hur mkt", "target") are read as standard words first.
        """
        return read_question(
            correct_spelling(standard_words(text), snap.lexical), snap.metas, self.today(), usage_of(snap)
        )

    # -- routing -----------------------------------------------------------------

    def _route(
        self, snap: Snapshot, reading: QuestionReading, context: ConversationContext, use_ranker: bool
    ) -> Answer:
        """Rows first, then documents, then ROUTES in order, then passages, then the ranked pool."""
        # Lists, counts, comparisons, budget and administrative questions are answered from
        # stored rows before any other answer (issue 11); None lets the others try.
        # A prose enumeration found for an overview question ("vilka brukare jobbar vi med?") is
        # weaker than the unit's own introduction or role list: those routes answer first.
        # "vad är ett nämndmål?", "hur hänger målen ihop?" ask for the vocabulary, not for rows.
        from_rows = None if asks_vocabulary(snap, reading) else route_rows(self, snap, reading)
        overview = asks_overview_aspect(reading) or asked_role(reading) is not None
        if from_rows is not None and not (
            from_rows.kind in FALLBACK_KINDS and overview and not _enumerates(from_rows)
        ):
            # The budget's total rows for "hur mycket får vi lägga på julbordet?" (answers/asked_detail.py).
            rowed = _detail_stated(snap, reading, [c.source for c in from_rows.citations], from_rows)
            if use_ranker and self.ranker is not None and may_disagree(snap, reading, rowed):
                # A row answer of one unit to a question every unit could answer ("hur stor är
                # vår budget?", "hur många bitr chefer har vi?") is checked like any other.
                selected = select_documents(snap, reading)
                rowed = self._unit_disagreement(snap, reading, selected, rowed) or rowed
            return _name_held(snap, reading, rowed, [c.source for c in from_rows.citations])
        selection = select_documents(snap, reading)
        if selection.refusal is not None:
            selection.refusal.context = context
            return selection.refusal
        ask = Ask(
            snap,
            reading,
            selection.sources,
            self.today(),
            lambda kind: self.dense_scores(snap, reading, selection.sources, kind),
        )
        answer = next((a for route in ROUTES if route.applies(ask) and (a := route.build(ask))), None)
        if answer is None:
            answer = self.passages(
                snap, reading, selection.sources, INTENT_KIND.get(reading.intent, AnswerKind.PASSAGES)
            )
        elif needs_prose(reading.text, answer):
            # "vem håller koll på familjerna i jourlägenheterna?" answered by a goal or routine
            # whose quotes name no one: prose that names the role answers (answers/who_prose.py).
            answer = who_prose(
                reading.text, answer, self.passages(snap, reading, selection.sources, AnswerKind.PASSAGES)
            )
        # A list question answered with some bullets of a list gets the whole list.
        answer = whole_list(snap, reading, answer) or answer
        # "hur följer vi upp …", "vad ska vi uppnå med …": the asked sub-section of the goal the
        # question is about, quoted by its own bounds (answers/subsection.py); tried again after
        # the pool below, whose closest match may quote that goal.
        answer = self._subsection(snap, reading, selection, answer)
        if (
            answer.kind in NAMED_KINDS
            and use_ranker
            and self.ranker is not None
            and uncovered_name(snap, reading, answer.answer) is not None
            and self.ranked_pool(snap, reading, selection).confidence < self.ranker.decline_below
        ):
            # An item asked for by a name no document holds, and nothing else fits either:
            # the nearest row is another item (answers/uncovered.py).
            answer = not_found(snap, reading, selection.sources, DeclineReason.UNCOVERED_NAME)
        if answer.kind is AnswerKind.NOT_FOUND:
            # "vad är IB4 som nämns i …": a definition the intent reading did not see.
            answer = defined_term_answer(snap, reading, selection.sources) or answer
        if answer.kind in FALLBACK_KINDS and use_ranker and self.ranker is not None:
            # The routes found nothing they trust (a decline) or fell back to passages: the best
            # candidate of any kind answers if the fitted model is confident enough.
            ranking = self.ranked_pool(snap, reading, selection)
            sure = ranking.confidence >= self.ranker.sure_from and _cites_other(answer, ranking)
            if answer.kind is AnswerKind.NOT_FOUND or sure:
                pooled = closest_answer(snap, reading, ranking, self.ranker, self.today())
                if pooled is None and answer.kind is AnswerKind.NOT_FOUND:
                    # Below the decline cut-off, a best candidate the lexical passage ranking
                    # also puts at its top is answered as the closest match (closest.corroborates).
                    lexical = self._scored_passages(snap, reading, selection.sources)
                    agreed = corroborates(ranking, [h.chunk for cov, h in lexical if cov > 0])
                    if agreed and answers_asked_type(reading, agreed):
                        pooled = closest_answer(
                            snap, reading, ranking, self.ranker, self.today(), corroborated=True
                        )
                if (
                    pooled is not None
                    and not _borrows_place(pooled, reading, selection)
                    # "vem …?": a passage naming the role is not replaced by one naming no one.
                    and not loses_who(reading.text, answer, pooled)
                ):
                    # The pool quotes single sentences too: a list's lead or some of its bullets.
                    answer = whole_list(snap, reading, pooled) or pooled
                elif answer.kind is AnswerKind.NOT_FOUND and answer.decline in _ROUTE_DECLINES:
                    # The routes' decline stands because the pool could not answer either.
                    failed = DeclineReason.POOL_OTHER_PLACE if pooled else DeclineReason.POOL_BELOW_CUTOFF
                    answer = answer.model_copy(update={"decline": failed})
        answer = self._subsection(snap, reading, selection, answer, after_pool=True)
        if _count_without_number(reading, answer) or (
            answer.kind in (AnswerKind.PASSAGES, AnswerKind.ROUTINE)
            and (
                uncounted(reading.text, [c.quote for c in answer.citations])
                or counts_nothing(reading.text, [c.quote for c in answer.citations])
            )
        ):
            # No number at all, the counted noun named without one ("… skyddsombud och
            # medarbetare"), or numbers that only measure or date ("under 21 år"): the count
            # is not written (answers/prose_counts.py, answers/count_support.py).
            answer = not_found(snap, reading, selection.sources, DeclineReason.COUNT_WITHOUT_NUMBER)
        elif (why_count := _count_elsewhere(reading, answer)) is not None:
            # Numbers that count a neighbouring noun ("två arbetsinstruktörer" for "hur många
            # brukare"), or only the whole of the part asked ("2 140 orosanmälningar" for "hur
            # många av dem kom från polisen"): the asked count is not written (answers/count_parts.py).
            # A cited document that never uses a term of the question is the more telling
            # reason ("feriejobb" is another unit's word): the support check below says so.
            if unsupported_reason(snap, reading, answer) is None:
                answer = not_found(snap, reading, selection.sources, why_count)
        elif unstated_value(reading, answer):
            # A figure asked for that no quote about the topic states (answers/unstated_value.py).
            answer = not_found(snap, reading, selection.sources, DeclineReason.UNSTATED_VALUE)
        elif (missing := unstated_identifier(reading, answer)) is not None:
            # A date, number, address or name asked for that no quote holds (answers/identifiers.py).
            answer = not_found(
                snap, reading, selection.sources, DeclineReason.UNSTATED_IDENTIFIER, missing.none_of
            )
        if (why := unsupported_reason(snap, reading, answer)) is not None:
            # Whatever route answered: cited documents that never use a word of the question
            # another document uses, or no quote in the measure asked for (answers/support.py).
            # With no unit named, a term only other documents use says the route chose the wrong
            # document, not yet that nothing answers (`_answer_by_term`); so does a term another
            # document of the named units uses ("ek bistånd" names three units).
            instead = (
                self._answer_by_term(snap, reading, selection, answer, use_ranker)
                if why is DeclineReason.FOREIGN_TERM
                else None
            )
            answer = instead or not_found(snap, reading, selection.sources, why)
        if missing_rate(reading, answer) is not None:
            # "timmar i veckan", "besök per månad": no quote states a rate per the asked
            # period, so the figure quoted is per something else (answers/asked_rate.py).
            answer = not_found(snap, reading, selection.sources, DeclineReason.MISSING_RATE)
        # "vilka tider har caféet öppet?", "vad kostade tolkarna?": no quoted sentence about
        # the topic states a time of day, weekday or sum (answers/asked_detail.py).
        answer = _detail_stated(snap, reading, selection.sources, answer)
        if (qualifier := row_qualifier(snap, reading, answer)) is not None:
            # "andel unga vuxna med …" answered by the row for all adults: the plan states the
            # indicator, not for the asked group, age or period (answers/row_qualifier.py).
            answer = _qualifier_declined(snap, reading, selection.sources, answer, qualifier)
        if lacks_routine(snap, reading, answer):
            # "finns det en rutin för hittegods?" answered by prose that is no routine and names
            # none: no routine covers it (answers/routine_asked.py).
            answer = no_routine(not_found(snap, reading, selection.sources, DeclineReason.NO_ROUTINE))
        if use_ranker and self.ranker is not None and may_disagree(snap, reading, answer):
            # One unit's answer while the pool confidently answers from another unit: the
            # question does not say which unit is meant (answers/unit_disagreement.py).
            answer = self._unit_disagreement(snap, reading, selection, answer) or answer
        answer = _name_held(snap, reading, answer, selection.sources)
        if selection.note and answer.kind not in (
            AnswerKind.NOT_FOUND,
            AnswerKind.CLARIFY,
            AnswerKind.INVALID,
        ):
            # The named type does not exist for that unit: say which document answers instead.
            answer.answer = f"{selection.note}\n\n{answer.answer}"
        return answer

    def _subsection(
        self,
        snap: Snapshot,
        reading: QuestionReading,
        selection: Selection,
        answer: Answer,
        after_pool: bool = False,
    ) -> Answer:
        """The asked sub-section of the goal (answers/subsection.py), unless it loses who.

        "vem ska ge medarbetarna handledning …?": a passage naming the role is not replaced by
        a goal's sub-section that names no one (answers/who_prose.py).
        """
        sub = subsection_answer(snap, reading, selection.sources, answer, after_pool=after_pool)
        return sub if sub is not None and not loses_who(reading.text, answer, sub) else answer

    def _unit_disagreement(
        self, snap: Snapshot, reading: QuestionReading, selection: Selection, answer: Answer
    ) -> Answer | None:
        """A clarification when the ranked pool's confident winner is another unit's than the answer's."""
        if self.ranker is None:
            return None
        coverage: dict[str, float] = {}
        for cov, hit in self._scored_passages(snap, reading, selection.sources):
            unit = unit_key(snap, hit.chunk.source)
            coverage[unit] = max(coverage.get(unit, 0.0), cov)
        # The pool is ranked only when some other unit's passage covers the question enough to
        # count (the cheap half of the rule first): ranking costs ~20 ms, most answers stop here.
        own = unit_key(snap, answer.citations[0].source)
        if not any(cov >= MIN_OTHER_COVERAGE for unit, cov in coverage.items() if unit != own):
            return None
        ranking = self.ranked_pool(snap, reading, selection)
        # Else a question every unit's documents could answer word for word, answered as well
        # by another unit's passage the pool finds plausible (answers/generic_topic.py).
        found = disagreement(snap, reading, answer, ranking, self.ranker, coverage) or generic_disagreement(
            snap, reading, answer, ranking, coverage
        )
        return clarify_disagreement(snap, reading, answer, found, self.today()) if found else None

    def _answer_by_term(
        self,
        snap: Snapshot,
        reading: QuestionReading,
        selection: Selection,
        routed: Answer,
        use_ranker: bool,
    ) -> Answer | None:
        """An answer from the documents that use a term the routed answer's documents never use.

        A question that names no unit is about whichever unit's document holds its item. When
        the route cited documents that never use a term of the question which another document
        uses ("telefontjänsten", "förhandsbedömningen"), the route chose the wrong document;
        it is not yet evidence that nothing answers (on the tune splits of every set,
        2026-11-30, this decline was right for 4 of 11 questions, and 6 of the 7 wrong ones
        named no unit). The ranked pool answers if its best candidate clears the calibrated
        decline cut-off, otherwise the passages of the documents that use the term, each only
        when it is itself supported (answers/support.py); else the question stays declined.
        A question that names its unit keeps the decline when no document of the named units
        uses the term: it is another unit's item. When one does ("ek bistånd" names three
        units, and one of their plans has the "ärendekretsar" asked about), the route chose
        the wrong one of them, and only their documents are looked at.
        """
        named = bool(reading.units or reading.districts)
        within = set(selection.sources)
        using = [s for s in documents_using(snap, reading, routed) if not named or s in within]
        if named and not using:
            return None
        candidates: list[Answer] = []
        if use_ranker and self.ranker is not None and not named:
            ranking = self.ranked_pool(snap, reading, selection)
            pooled = closest_answer(snap, reading, ranking, self.ranker, self.today())
            if pooled is not None:
                candidates.append(whole_list(snap, reading, pooled) or pooled)
        if using:
            kind = INTENT_KIND.get(reading.intent, AnswerKind.PASSAGES)
            candidates.append(self.passages(snap, reading, using, kind))
        return next(
            (
                a
                for a in candidates
                if a.kind is not AnswerKind.NOT_FOUND and unsupported_reason(snap, reading, a) is None
            ),
            None,
        )

    def dense_scores(
        self, snap: Snapshot, reading: QuestionReading, sources: list[str], kind: str
    ) -> dict[str, float]:
        """Dense similarity of the topic to the chunks of one kind ({chunk id: cosine})."""
        if self.vectors is None or not reading.topic:
            return {}
        hashes = snap.content_hashes(sources)
        vector = self.embedder.embed_query(expand_query(reading.topic))
        return {h.chunk_id: h.score for h in self.vectors.search(vector, 30, hashes, kind=kind)}

    def _examples(self, snap: Snapshot) -> list[str]:
        units = sorted({m.unit for m in snap.metas if m.unit})
        first = units[0] if units else "enheten"
        return [f"Vilka mål har {first}?", "Vad betyder APT?", "Vad är årsmålet för sjukfrånvaro?"]

    def select_documents(self, snap: Snapshot, reading: QuestionReading) -> tuple[list[str], Answer | None]:
        """Documents the question is about, or a not_found answer (see retrieval.selection)."""
        selection = select_documents(snap, reading)
        return selection.sources, selection.refusal

    # -- the candidate pool ------------------------------------------------------

    def ranked_pool(self, snap: Snapshot, reading: QuestionReading, selection: Selection) -> Ranking:
        """Candidates of every kind from every document, ranked by the fitted model."""
        if self.ranker is None:
            return Ranking([], 0.0)
        query = expand_query(reading.topic or reading.text)
        vector = self.embedder.embed_query(query) if self.vectors is not None else None
        candidates = pool(snap, self.vectors, query, vector, {m.source for m in snap.metas})
        ranking = rank(self.ranker, snap, reading, candidates, selection.agreement, set(selection.sources))
        # The winner's document is the one with the most evidence in its few best candidates
        # (retrieval/document_evidence.py), not the one with the single most probable.
        return Ranking(winner_first(ranking.items), ranking.confidence)

    # -- passages ----------------------------------------------------------------

    def passages(
        self, snap: Snapshot, reading: QuestionReading, sources: list[str], kind: AnswerKind
    ) -> Answer:
        """Hybrid retrieval and an extractive answer of one to three quoted sentences."""
        query = expand_query(reading.topic or reading.text)
        ranked = self._ranked_passages(snap, query, sources, reading.text, soft_names(snap, reading, sources))
        if not ranked:
            return not_found(snap, reading, sources)
        cites = Citations(snap)
        names_unit = reading.names_one
        units = {snap.meta(h.chunk.source).unit for _, h in ranked}
        if (
            kind is AnswerKind.PASSAGES
            and reading.intent is Intent.ORGANISATION
            and not names_unit
            and len(units) > 1
        ) or (not names_unit and _units_alike(snap, ranked, query)):
            return self._clarify_passages(snap, reading, query, ranked, cites)
        lines: list[str] = []
        best = ranked[0][1]
        # The detail may sit in another of the document's best chunks: the sentence is chosen
        # across them (answers/passage.py joint_quotes).
        same = [(hit.chunk, cov) for cov, hit in ranked if hit.chunk.source == best.chunk.source]
        for chunk, quote in joint_quotes(same, reading, snap=snap):
            if not any(quote.text in line for line in lines):  # overlapping chunks
                lines.append(f"{quote.text} {cites.cite(chunk, quote.span)}")
        first = best.chunk.source
        context = answer_context(snap, first, reading)
        return Answer(
            answer=f"Enligt {doc_label(snap, first)}:\n\n" + "\n\n".join(lines),
            kind=kind,
            citations=cites.items,
            context=context,
        )

    def _ranked_passages(
        self,
        snap: Snapshot,
        query: str,
        sources: list[str],
        question: str = "",
        names: dict[str, str] | None = None,
        keep_all: bool = False,
    ) -> list[tuple[float, Hit]]:
        # "vem håller i APT?": the matter (APT) finds the passages; the verb is said by a role
        # named beside it (retrieval/who_binding.py), not by the word "håller".
        who = who_split(query, question) if question else None
        doing = who.doing if who else ()
        hits = self.retriever.search(snap, " ".join(who.matter) if who else query, set(sources), k=12)
        # "system" is covered partly by "ekonomisystemet" (retrieval/compound_heads.py).
        groups = with_compounds(query_groups(query), reversed_vocabulary(snap.lexical))
        # "fredagkvällen" is covered partly by "kvällar" (retrieval/question_heads.py).
        groups = with_heads(groups, index_stems(snap.lexical))
        quantity = asks_quantity(question or query)
        asked = asked_types(question or query)
        head = asked_head(question) if question else None
        matter = matter_groups(groups, doing) if doing else []
        scored = []
        for h in hits:
            text = h.chunk.breadcrumb + " " + with_doing(h.chunk.text, doing, matter)
            if names and h.chunk.source in names:
                text = names[h.chunk.source] + " " + text  # see retrieval/mention_usage.soft_names
            cov = group_coverage(groups, text, snap.lexical.idf)
            # "hur många / hur ofta / vem / var …" is answered by a passage that states a number,
            # a frequency, a role or a place about the topic (retrieval/fillers.py), "vilka
            # insatser …" by one that enumerates insatser (answers/list_heads.py).
            bonus = (
                0.1
                if (quantity or asked)
                and cov >= MIN_PASSAGE_COVERAGE
                and (
                    states_type(h.chunk.text, groups, asked)
                    if asked
                    else states_quantity(h.chunk.text, groups)
                )
                else 0.0
            )
            if head and cov >= MIN_PASSAGE_COVERAGE and enumerates(h.chunk.text, head):
                bonus += 0.1
            # "vi misstänker att en brukare blir slagen, vad gör vi?" is answered by one rule
            # sentence of a long passage ("Vid misstanke om … våld i nära relation …"): the
            # passage's other words dilute its coverage (retrieval/rule_sentences.py).
            if question and states_rule(h.chunk.text, query, question):
                bonus += RULE_PASSAGE_BONUS
            scored.append((cov + bonus, h))
        # At equal coverage the unit the question names by an everyday word comes first.
        scored.sort(key=lambda t: (-round(t[0], 1), t[1].chunk.source not in (names or {}), -t[1].score))
        if not keep_all:
            scored = [(c, h) for c, h in scored if c >= MIN_PASSAGE_COVERAGE]
        return scored

    def _scored_passages(
        self, snap: Snapshot, reading: QuestionReading, sources: list[str]
    ) -> list[tuple[float, Hit]]:
        """The passages as `passages` ranks them, those below the coverage cut-off included."""
        query = expand_query(reading.topic or reading.text)
        names = soft_names(snap, reading, sources)
        return self._ranked_passages(snap, query, sources, reading.text, names, keep_all=True)

    def _clarify_passages(
        self,
        snap: Snapshot,
        reading: QuestionReading,
        query: str,
        ranked: list[tuple[float, Hit]],
        cites: Citations,
    ) -> Answer:
        """One candidate answer per unit, each cited, and suggestions to pick one."""
        lines, seen = [], set()
        for _, hit in ranked:
            source = hit.chunk.source
            unit = snap.meta(source).unit
            if unit in seen:
                continue
            seen.add(unit)
            # Each unit's line is the quote that unit's answer would give were it named: its
            # sentence chosen across the document's best chunks (joint_quotes), not only the
            # first chunk's, so whichever unit the asker picks already shows its answer.
            same = [(h.chunk, cov) for cov, h in ranked if h.chunk.source == source]
            picked = joint_quotes(same, reading, limit=2, snap=snap)[:1]
            if picked:
                chunk, quote = picked[0]
                lines.append((source, f"{quote.text} {cites.cite(chunk, quote.span)}"))
            else:
                lines.append((source, render_passage(cites, reading, hit.chunk, limit=2)))
        return clarify_units(snap, reading, cites, lines)


def _units_alike(snap: Snapshot, ranked: list[tuple[float, Hit]], query: str = "") -> bool:
    """Whether another unit's passage covers the question as well as the best one.

    "hur gör vi med utskrifter?" names no unit, and two units describe their printing: the
    answer would be one unit's text read as everyone's, so the question is clarified with
    each unit's passage. This holds for every kind of passage question (what a unit does,
    how it works, what it reached), not only routines: when the question names no unit and
    the passages of several units score alike, none of them is the answer alone. Alike
    includes the question's most specific word that the best passage holds: "vad är
    VINR-skolan?" is one unit's school even when another unit's passage covers the
    thesaurus expansion (våld i nära relationer) as well.
    """
    best_cov, best = ranked[0]
    unit = snap.meta(best.chunk.source).unit
    held = [s for s in stem_tokens(query) if s in chunk_stems(best.chunk)]
    rarest = max(held, key=snap.lexical.idf, default=None)
    return any(
        round(cov, 1) >= round(best_cov, 1)
        and snap.meta(hit.chunk.source).unit != unit
        and (rarest is None or rarest in chunk_stems(hit.chunk))
        for cov, hit in ranked[1:]
    )


def _detail_stated(snap: Snapshot, reading: QuestionReading, sources: list[str], answer: Answer) -> Answer:
    """The answer, or a decline when it states no time of day, weekday or sum the question asks for.

    The decline says what the cited document mentions and what it leaves out
    (answers/asked_detail.py).
    """
    unstated = unstated_detail(reading, answer)
    if unstated is None:
        return answer
    return _explained_decline(snap, reading, sources, answer, DeclineReason.UNSTATED_DETAIL, unstated.message)


def _qualifier_declined(
    snap: Snapshot, reading: QuestionReading, sources: list[str], answer: Answer, qualifier: RowQualifier
) -> Answer:
    """A decline naming the indicator found and the qualifier its plan does not state it for."""
    return _explained_decline(
        snap, reading, sources, answer, DeclineReason.UNSTATED_QUALIFIER, qualifier.message
    )


def _explained_decline(
    snap: Snapshot,
    reading: QuestionReading,
    sources: list[str],
    answer: Answer,
    reason: DeclineReason,
    message: Callable[[str], str],
) -> Answer:
    """A decline whose text explains what the answer's document states and what it leaves out.

    `message` gets the label of the answer's first cited document; the usual "Jag har sökt i: …"
    of `not_found` is kept after it, so staff still see where Planbot looked.
    """
    label = doc_label(snap, answer.citations[0].source)
    declined = not_found(snap, reading, list(dict.fromkeys(sources)), reason)
    searched = declined.answer.partition(" Jag har sökt i: ")[2]
    declined.answer = message(label) + (f" Jag har sökt i: {searched}" if searched else "")
    return declined


def _name_held(snap: Snapshot, reading: QuestionReading, answer: Answer, sources: list[str]) -> Answer:
    """The answer, or a decline when the question names a thing no document names.

    "vad går projektet Jobbsteget ut på?", "hur många DBT-coacher har vi?": every other word
    matches a real item, which would be shown as the named one (answers/absent_name.py).
    """
    if absent_name(snap, reading.text, answer) is None:
        return answer
    return not_found(snap, reading, sources, DeclineReason.ABSENT_NAME)


def not_found(
    snap: Snapshot,
    reading: QuestionReading,
    sources: list[str],
    reason: DeclineReason = DeclineReason.ROUTE_FOUND_NOTHING,
    missing: str | None = None,
) -> Answer:
    """A Swedish 'I cannot find it' that says what is available, with why it declined.

    `missing` names what the documents do not state ("inget datum"): the decline then says so.
    """
    found = f"Jag hittar {missing} för det" if missing else "Jag hittar inget svar på det"
    labels = sorted({doc_label(snap, s) for s in sources}) or sorted(
        {doc_label(snap, m.source) for m in snap.metas}
    )
    return Answer(
        answer=f"{found} i de inlästa dokumenten. Jag har sökt i: " + "; ".join(labels) + ".",
        kind=AnswerKind.NOT_FOUND,
        suggestions=["Vilka mål har vi?", "Vilka indikatorer har vi?"],
        decline=reason,
    )


@dataclass(frozen=True)
class Route:
    """One answer route: when it applies, and the builder (None lets the next route try)."""

    name: str
    applies: Callable[[Ask], bool]
    build: Callable[[Ask], Answer | None]


def _intent(*intents: Intent) -> Callable[[Ask], bool]:
    return lambda ask: ask.reading.intent in intents


def _always(ask: Ask) -> bool:
    return True


# The answer routes in the order they are tried; each builder takes the Ask and returns None
# to let the next route try. Passages, then the ranked candidate pool, come after (see
# Answerer._route).
ROUTES: tuple[Route, ...] = (
    Route("plan_diff", _always, plan_diff_route),
    Route("deadline", _always, deadline_route),
    # "hur gick det 2018 …": what a document says about a year before its own (issue 10, item 2).
    Route("past_year", names_past_year, past_year_answer),
    Route("outcome", _intent(Intent.OUTCOME, Intent.INDICATOR), outcome_answer),
    # "vad är ett nämndmål?", "vad betyder KF?", "hur hänger målen ihop?": the plans' vocabulary,
    # unless a document defines the term itself (then the glossary route answers).
    Route("vocabulary", asks_vocabulary_route, vocabulary_answer),
    Route("glossary", _intent(Intent.ABBREVIATION), glossary_answer),
    # "vad gör en FUT-handläggare?": the unit's own description of the role.
    Route("role", asks_role_route, role_answer),
    # "vem ska jag vända mig till om skulder?": the role whose line in the unit's role list names it.
    Route("role_for", asks_role_for_route, role_for_answer),
    # "vilka verksamheter ingår i enheten?", "hur många team är vi uppdelade i?": the sentence
    # that says what the unit (or the thing named) consists of, before the introduction's summary.
    Route("composition", asks_composition, composition_route),
    # "jag är ny, vad gör vi?", "vilka målgrupper har vi?": the unit's own introduction.
    Route("overview", asks_overview, overview_answer),
    # Reports state targets as "Målvärde" rows, which the parser keeps as indicators: an
    # outcome question that names one clearly is answered from the table.
    Route("indicator", _intent(Intent.INDICATOR, Intent.OUTCOME), indicator),
    Route("goal", _intent(Intent.GOAL), goal_answer),
    Route("activity", _intent(Intent.ACTIVITY), activity),
    # "orosanmälan på ett barn, hur gör vi?": the section headed "Rutin för orosanmälan …".
    Route("routine", may_name_routine, routine_answer),
    # Lists in bullets or sentences ("vilka …", "hur många …"), after the routes that answer
    # from goals and tables and before single passages, which cut a list short.
    Route("enumeration", _always, enumeration_route),
)

# Answers the routes give when nothing specific matched: the ranked pool may replace them.
# Declines of the routes themselves, which the ranked pool's verdict replaces as the reason.
_ROUTE_DECLINES = frozenset({None, DeclineReason.ROUTE_FOUND_NOTHING})
FALLBACK_KINDS = (AnswerKind.NOT_FOUND, AnswerKind.PASSAGES, AnswerKind.ROUTINE)


_LIST_LINE = re.compile(r"^\s*(?:[-•*]|\d+\.)\s", re.MULTILINE)


def _enumerates(answer: Answer) -> bool:
    """Whether an answer quotes a list ("- Mottagningsgrupp", "- Team 1 …"): for "vilka team finns?"
    the document's own enumeration answers better than the introduction's summary sentence."""
    return len(_LIST_LINE.findall(answer.answer)) >= 2


def _borrows_place(answer: Answer, reading: QuestionReading, selection: Selection) -> bool:
    """Whether an answer cites a unit or district other than the one the question names.

    Metadata is evidence for ranking, but a figure from another unit is a wrong answer to
    a question that names its unit ("… på Försörjningsstödsenheten i Hässelby?"): staff
    would take it as their unit's. Such a question is declined instead.
    """
    if not (reading.units or reading.districts):
        return False
    return any(selection.agreement.get(c.source, 0.0) < 0 for c in answer.citations)


_ASKS_COUNT = re.compile(r"\bhur (många|manga|mycket)\b", re.IGNORECASE)


def _count_elsewhere(reading: QuestionReading, answer: Answer) -> DeclineReason | None:
    """Why a count answer's numbers do not count what was asked, or None when they may."""
    if answer.kind not in (AnswerKind.PASSAGES, AnswerKind.ROUTINE, AnswerKind.OUTCOME):
        return None
    quotes = [c.quote for c in answer.citations]
    places = [name for c in answer.citations for name in (c.unit, c.district, c.title) if name]
    if part_unstated(reading.text, quotes, places):
        return DeclineReason.COUNT_WHOLE_ONLY
    if answer.kind is not AnswerKind.OUTCOME and counts_other_noun(reading.text, quotes):
        return DeclineReason.COUNT_OTHER_NOUN
    return None


def _count_without_number(reading: QuestionReading, answer: Answer) -> bool:
    """Whether a "hur många …" question got a quoted passage that states no number at all.

    Such a passage is about the topic but does not hold the count asked for ("hur många
    träningslägenheter har …" answered with a sentence that only mentions them): staff
    would read it as the answer's absence anyway, so it is declined.
    """
    if answer.kind not in (AnswerKind.PASSAGES, AnswerKind.ROUTINE) or not _ASKS_COUNT.search(reading.text):
        return False
    return not any(_COUNTABLE.search(c.quote) for c in answer.citations)


_COUNTABLE = re.compile(
    r"\d|\b(en|ett|två|tva|tre|fyra|fem|sex|sju|åtta|atta|nio|tio|elva|tolv|tjugo|hundra|tusen"
    r"|båda|bada|hälften|halva|flera|många|manga|få|alla|ingen|inga)\b",
    re.IGNORECASE,
)


def _cites_other(answer: Answer, ranking: Ranking) -> bool:
    """Whether the pool's winner is a passage the fallback answer did not quote."""
    best = ranking.items[0].candidate.chunk if ranking.items else None
    if best is None:
        return False
    return (best.source, best.breadcrumb) not in {(c.source, c.section) for c in answer.citations}


INTENT_KIND = {
    Intent.ROUTINE: AnswerKind.ROUTINE,
    Intent.ORGANISATION: AnswerKind.PASSAGES,
    Intent.GENERAL: AnswerKind.PASSAGES,
    Intent.OUTCOME: AnswerKind.OUTCOME,
}
