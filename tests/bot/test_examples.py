"""Example questions are built from the corpus and shown only when answered."""

from __future__ import annotations

from bot.examples import candidate_questions, checked_examples
from knowledge.answer import Answer, Citation
from tests.bot.fakes import UNIT, FakeService


def test_candidates_name_real_units_and_years() -> None:
    candidates = candidate_questions(FakeService().documents())
    assert candidates[0] == "Vilka mål har Ekonomiskt bistånd för 2020?"
    assert f"Vilka indikatorer följer {UNIT} upp 2020?" in candidates
    assert "Vilka aktiviteter planerar enheten för ekonomiskt bistånd och beroende 2023?" in candidates


def test_only_answered_examples_are_kept() -> None:
    cited = Citation(n=1, source="s.txt", title="T", section="T", quote="q")
    asked: list[str] = []

    def ask(question: str) -> Answer:
        asked.append(question)
        if "aktiviteter" in question:
            return Answer(answer="Vilken enhet menar du?", kind="clarify", suggestions=["a", "b"])
        if "indikatorer" in question:
            return Answer(answer="Inget [1]", kind="not_found")
        return Answer(answer="Svar [1]", kind="goal", citations=[cited])

    examples = checked_examples(FakeService().documents(), ask, limit=3)
    assert len(examples) == 3
    assert all(q.startswith("Vilka mål har") or "FUT" in q or "sjukfrånvaro" in q for q in examples)
    assert any("aktiviteter" in q for q in asked)  # tried, then left out
