"""The retrieval diagnostic's pieces: finding the evidence chunk, ranks and their summary."""

from __future__ import annotations

from bench.evaluation import EvalQuestion
from bench.retrieval_rank import Tally, evidence_in, first_rank, probes_from_questions
from knowledge.models import Chunk, ChunkKind


def _chunk(i: int, text: str, source: str = "a.txt") -> Chunk:
    return Chunk(id=f"{source}-{i}", source=source, kind=ChunkKind.SECTION, text=text, breadcrumb="VP")


def test_evidence_is_found_folded_without_whitespace_or_by_most_of_its_words() -> None:
    assert evidence_in("Sjukfrånvaro dag 1-14\t3,5 %", "Indikator: sjukfranvaro dag 1-14 3,5% (KF)")
    assert evidence_in(
        "Vi skriver ut dubbelsidigt för att spara papper",
        "vi skriver ut dubbelsidigt för att spara på papper",
    )
    assert not evidence_in("Vi skriver ut dubbelsidigt för att spara papper", "Budget i balans")
    assert not evidence_in("", "vad som helst")


def test_ranks_recall_and_mrr() -> None:
    chunks = [_chunk(0, "a"), _chunk(1, "b"), _chunk(2, "c")]
    assert first_rank(chunks, lambda c: c.text == "b") == 2
    assert first_rank(chunks, lambda c: c.text == "x") is None
    tally = Tally([1, 2, None, 10])
    assert (tally.recall(1), tally.recall(3), tally.recall(10)) == (0.25, 0.5, 0.75)
    assert tally.mrr() == (1 + 0.5 + 0.1) / 4


def test_probes_are_answerable_one_document_questions_with_evidence_found_in_their_source() -> None:
    chunks = {"a.txt": [_chunk(0, "Enheten har 40 medarbetare."), _chunk(1, "Budget i balans.")]}
    questions = [
        EvalQuestion(
            id="q1",
            category="org",
            question="hur många jobbar här?",
            source="a.txt",
            evidence="40 medarbetare",
        ),
        EvalQuestion(
            id="q2", category="org", question="x", source="a.txt", evidence="finns inte i texten alls"
        ),
        EvalQuestion(id="q3", category="unanswerable", question="y", source=None),
        EvalQuestion(
            id="q4",
            category="org",
            question="och budgeten?",
            source="a.txt",
            evidence="Budget",
            context=["a"],
        ),
    ]
    [probe] = probes_from_questions(questions, lambda s: chunks[s])
    assert (
        probe.id == "q1" and probe.is_target(chunks["a.txt"][0]) and not probe.is_target(chunks["a.txt"][1])
    )
