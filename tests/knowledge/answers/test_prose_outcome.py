"""Results and conclusions told in prose (issue 10: outcome answers beyond indicator rows).

A hand-built snapshot in a real SQLite catalog: an application whose sections tell what came
of a new telephone service and of a gender analysis, and a plan with an indicator that shares
some words with those questions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from knowledge.answer import AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.outcome import outcome_answer
from knowledge.answers.prose_outcome import prose_outcome
from knowledge.models import Chunk, ChunkKind, DocType, DocumentMeta, ParsedDocument
from knowledge.retrieval.selection import select_documents
from knowledge.store.snapshot import Snapshot
from knowledge.understand.outcome_intent import ResultCue, result_cue
from knowledge.understand.reading import read_question
from tests.indicators.plans import UNIT, ind, make_catalog, plan

TODAY = dt.date(2026, 11, 30)
KU = "ku-2019.txt"

PHONE = (
    "Genom var nya telefontjanst kan vi mata och folja upp antal samtal, kotid och samtalens langd. "
    "Klienter ges aven mojlighet att bli uppringda i en callback funktion. "
    "Resultatet av forandringen har blivit battre bemotande, farre klagomal och battre matchning av resurser."
)
VISIT = (
    "Efter studiebesoket har vi fatt feedback att de blivit inspirerade av var telefontjanst som vi har "
    "i mottagningen. Vi tar garna emot fler besok."
)
GENDER = (
    "Ett konkret exempel pa jamstalldhetsanalys ar att vi kartlagt beslut om tillfalligt boende. "
    "Kartlaggningen visade att det var fler man an kvinnor som beviljades tillfalligt boende. "
    "Sa, jamstalldhetsanalysen visade att det var skillnader samtidigt som vi kom fram till att "
    "skillnaderna var motiverade."
)


def _section(n: int, text: str, crumb: str) -> Chunk:
    return Chunk(
        id=f"{KU}-{n}", source=KU, kind=ChunkKind.SECTION, text=text, breadcrumb=f"KU › {crumb}", ref=n
    )


def snapshot(tmp_path: Path) -> Snapshot:
    vp = plan("eb-2023.txt", UNIT, 2023, [ind("Mottagningens väntetid för nybesök", "14 dagar")])
    catalog = make_catalog(tmp_path, vp, with_chunks=True)
    meta = DocumentMeta(
        source=KU,
        title="Kvalitetsutmärkelse 2019",
        type=DocType.KVALITETSUTMARKELSE,
        unit="Försörjningsstödsenheten",
        district="Hässelby-Vällingby",
        year=2019,
        content_hash="hash-ku",
    )
    chunks = [
        _section(0, PHONE, "Klagomålshantering"),
        _section(1, VISIT, "Utveckling"),
        _section(2, GENDER, "Jämställdhet"),
    ]
    catalog.replace_document(ParsedDocument(meta=meta), chunks=chunks, path=None)
    return Snapshot.load(catalog)


def ask(snap: Snapshot, question: str) -> Ask:
    reading = read_question(question, snap.metas, TODAY)
    return Ask(snap, reading, select_documents(snap, reading).sources, TODAY, lambda kind: {})


def test_result_cues() -> None:
    assert result_cue("vad blev slutsatsen av analysen?") is ResultCue.CONCLUSION
    assert result_cue("vad kom ni fram till om boendet?") is ResultCue.CONCLUSION
    assert result_cue("vad blev resultatet av den nya telefontjänsten?") is ResultCue.RESULT
    assert result_cue("hur gick det med väntetiderna?") is ResultCue.RESULT
    assert result_cue("vilka mål har enheten?") is None


def test_the_result_sentence_after_the_change_is_quoted(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    answer = prose_outcome(ask(snap, "vad blev resultatet av den nya telefontjänsten i mottagningen?"))
    assert answer is not None and answer.kind is AnswerKind.OUTCOME
    # The sentence that says "Resultatet …" two sentences after the telephone service, not the
    # visit's praise of it.
    assert "farre klagomal" in answer.answer and "studiebesoket" not in answer.answer
    assert answer.citations[0].source == KU and "farre klagomal" in answer.citations[0].quote


def test_a_conclusion_question_quotes_the_conclusion(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    answer = prose_outcome(ask(snap, "vad blev slutsatsen av jämställdhetsanalysen om tillfälligt boende?"))
    assert answer is not None and "motiverade" in answer.answer


def test_the_outcome_route_falls_back_to_prose(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    answer = outcome_answer(ask(snap, "vad blev resultatet av den nya telefontjänsten?"))
    assert answer is not None and "farre klagomal" in answer.answer


def test_no_result_wording_or_no_covering_section_gives_none(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    assert prose_outcome(ask(snap, "vilka telefontider har mottagningen?")) is None
    assert prose_outcome(ask(snap, "vad blev resultatet av simskolan för barnen?")) is None
