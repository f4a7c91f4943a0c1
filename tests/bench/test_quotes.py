"""The sentence-choice diagnostic (bench/quotes.py) and the sentence model fitter (bench/sentence_fit.py)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from bench.evaluation import EvalQuestion
from bench.quotes import cases, check, evidence_chunk
from bench.sentence_fit import Example, fit, generated_question, holds_evidence, top1
from knowledge.models import Chunk, ChunkKind
from knowledge.retrieval.quote_features import FEATURES, asks_list
from knowledge.store.snapshot import Snapshot
from knowledge.textnorm import fold
from knowledge.understand.answer_types import AnswerType, asked_types
from tests.indicators.plans import UNIT, chunks_for, make_catalog, plan

SOURCE = "eb-2023.txt"
TEXT = (
    "Enheten har en mottagningsgrupp och tre team. Alla nyanställda får en mentor. "
    "Mentorn ger stöd under de första sex månaderna. Introduktionen följs upp av enhetschefen."
)


def _snapshot(tmp_path: Path) -> Snapshot:
    parsed = plan(SOURCE, UNIT, 2023, [])
    section = Chunk(id="s1", source=SOURCE, kind=ChunkKind.SECTION, text=TEXT, breadcrumb="Plan › Inledning")
    catalog = make_catalog(tmp_path)
    catalog.replace_document(parsed, chunks=[*chunks_for(parsed), section], path=None)
    try:
        return Snapshot.load(catalog)
    finally:
        catalog.close()


def _question(qid: str, question: str, evidence: str, facts: list[str]) -> EvalQuestion:
    return EvalQuestion(
        id=qid, category="colloquial", question=question, answer_facts=facts, source=SOURCE, evidence=evidence
    )


def test_the_diagnostic_scores_the_quote_of_the_evidence_chunk(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    assert evidence_chunk(snap, SOURCE, "Mentorn ger stöd under de första sex månaderna") is not None
    assert evidence_chunk(snap, SOURCE, "Ingen sådan mening") is None
    right = _question("q1", "hur länge får jag stöd av en mentor?", "under de första sex månaderna", ["sex"])
    wrong = _question("q2", "hur länge får jag stöd av en mentor?", "tre team", ["tre team"])
    found = cases(snap, [right, wrong, _question("q3", "x?", "finns inte", [])])
    assert [c.question.id for c in found] == ["q1", "q2"]
    good, bad = (check(snap, c, dt.date(2023, 6, 15)) for c in found)
    assert good.evidence and good.facts and good.both and "sex månaderna" in good.quote
    assert not bad.evidence and bad.missing == ("tre team",)


def test_generated_questions_ask_with_the_cue_the_sentence_answers() -> None:
    rng = random.Random(3)
    often = [
        # (no place named: a sentence naming one may get a "var ligger …" question instead)
        generated_question(rng, "Brukarrådet träffas fyra gånger per år i den stora lokalen.")
        for _ in range(20)
    ]
    lists = [
        generated_question(rng, "Vi arbetar enligt MI-andan, återhämtningsinriktat och lågaffektivt.")
        for _ in range(20)
    ]
    often_types = [asked_types(str(q)) for q in often]
    assert sum(AnswerType.FREQUENCY in t for t in often_types) >= 10  # most ask for the frequency …
    assert not any(
        AnswerType.COUNT in t or asks_list(str(q)) for q, t in zip(often, often_types, strict=True)
    )
    # … none for a count or a list
    # (some are written without å/ä/ö, as staff do)
    assert all(any(cue in fold(str(q)) for cue in ("vilka", "vad ingar", "lista")) for q in lists)
    assert generated_question(rng, "Kort rad.") is None


def test_generated_questions_ask_who_for_a_role_and_where_for_a_place() -> None:
    rng = random.Random(5)
    who = [
        fold(str(generated_question(rng, "Ansvar: Enhetschefen ansvarar för att rutinen följs av alla.")))
        for _ in range(20)
    ]
    where = [
        fold(str(generated_question(rng, "Träfflokalen Tora ligger i Örnberg nära tunneln.")))
        for _ in range(20)
    ]
    assert sum(AnswerType.PERSON in asked_types(q) for q in who) >= 5
    assert sum(AnswerType.PLACE in asked_types(q) for q in where) >= 5


def test_evidence_sentences_and_top1() -> None:
    assert holds_evidence("Mentorn ger stöd under de första sex månaderna.", "under de första sex månaderna")
    assert not holds_evidence("Enheten har tre team.", "under de första sex månaderna")
    width = len(FEATURES)
    topic = FEATURES.index("topic")

    def row(cov: float) -> list[float]:
        values = [0.0] * width
        values[topic] = cov
        return values

    examples = [Example([row(1.0), row(0.0)], [1, 0], 1.0), Example([row(0.0), row(1.0)], [0, 1], 1.0)] * 5
    model = fit(examples, {"test": True})
    assert top1(model, examples) == 1.0
    assert top1(None, examples) == 1.0  # the fallback scores topic coverage too
