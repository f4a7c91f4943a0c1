"""Years across documents: what a document says about a year before its own (issue 10, item 2).

Hand-built snapshots in a real SQLite catalog: a 2019 kvalitetsutmärkelse that reports 2018
in prose, in a "Målvärde … (2018: 980)" row and in a budget table, and a 2020 plan that
mentions 2018 only as a baseline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from indicators.models import Outcome
from knowledge.answer import AnswerKind
from knowledge.answers.base import Ask
from knowledge.answers.past_years import applies, past_year_answer, render
from knowledge.models import Chunk, ChunkKind, DocType, DocumentMeta, ParsedDocument
from knowledge.retrieval import year_evidence
from knowledge.retrieval.selection import select_documents
from knowledge.store.snapshot import Snapshot
from knowledge.understand.reading import QuestionReading, read_question
from tests.indicators.plans import OTHER_UNIT, make_catalog

TODAY = dt.date(2026, 11, 30)
KU = "ku-2019.txt"
PLAN = "saa-2020.txt"
KU_UNIT = "Försörjningsstödsenheten"

RESULTS = (
    "Under 2018 uppnaddes verksamhetens mal och vid arets slut visade enheten ett 6verskott om\n"
    "ca fyra miljoner kronor. Utvecklingen over antal hushall med ekonomiskt bistand har varit "
    "positiv fram till 2018. 2018 vande trenden da antal hushall okade i stadsdelen. "
    "Stadsdelen sticker ut tillsammans med exempelvis Farsta vars bistandsmottagare har okat."
)
TARGETS = (
    "Under aret minskar antal kvinnor och man med ekonomiskt bistand.\n\n"
    "Malvarde antal vuxna: Max 975 (2018: 980) varav max 50 % kvinnor.\n\n"
    "Malvarde unga vuxna 18-24 ar: Max 91 (2018: 91)."
)
BUDGET = "Ar Budget (mnkr) Utfall (mnkr) Differens\n2016 115 111 +4\n\n2017 114 106 +8\n\n2018 129 133 +4"


def _chunk(source: str, n: int, kind: ChunkKind, text: str, ref: int | None = None) -> Chunk:
    return Chunk(
        id=f"{source}-{n}", source=source, kind=kind, text=text, breadcrumb=f"{source} › Resultat", ref=ref
    )


def _award() -> tuple[ParsedDocument, list[Chunk]]:
    meta = DocumentMeta(
        source=KU,
        title="Kvalitetsutmärkelse 2019",
        type=DocType.KVALITETSUTMARKELSE,
        unit=KU_UNIT,
        district="Hässelby-Vällingby",
        year=2019,
        content_hash="hash-ku",
    )
    outcomes = [
        Outcome(
            indicator="Antal vuxna",
            year=2018,
            period="2018",
            target="Max 975",
            value="980",
            quote="Malvarde antal vuxna: Max 975 (2018: 980) varav max 50 % kvinnor.",
        ),
        Outcome(
            indicator="Unga vuxna 18-24 år",
            year=2018,
            period="2018",
            target="Max 91",
            value="91",
            quote="Malvarde unga vuxna 18-24 ar: Max 91 (2018: 91).",
        ),
        Outcome(
            indicator="Ekonomiskt resultat vs budget",
            year=2016,
            period="2016",
            target="115",
            value="111",
            quote="Ar Budget (mnkr) Utfall (mnkr) Differens 2016 115 111 +4",
        ),
        Outcome(
            indicator="Ekonomiskt resultat vs budget",
            year=2018,
            period="2018",
            target="129",
            value="133",
            quote="Ar Budget (mnkr) Utfall (mnkr) Differens 2018 129 133 +4",
        ),
    ]
    chunks = [
        _chunk(KU, 0, ChunkKind.SECTION, RESULTS),
        _chunk(KU, 1, ChunkKind.SECTION, TARGETS),
        _chunk(KU, 2, ChunkKind.SECTION, BUDGET),
        *(_chunk(KU, 3 + i, ChunkKind.OUTCOME, o.quote, ref=i) for i, o in enumerate(outcomes)),
    ]
    return ParsedDocument(meta=meta, outcomes=outcomes), chunks


def _plan() -> tuple[ParsedDocument, list[Chunk]]:
    meta = DocumentMeta(
        source=PLAN,
        title="Verksamhetsplan 2020",
        type=DocType.VERKSAMHETSPLAN,
        unit=OTHER_UNIT,
        district="Hägersten-Liljeholmen",
        year=2020,
        content_hash="hash-saa",
    )
    text = "Relativ energieffektivisering i stadens verksamheter: 2 % energieffektivisering relativt 2018."
    return ParsedDocument(meta=meta), [_chunk(PLAN, 0, ChunkKind.SECTION, text)]


def snapshot(tmp_path: Path) -> Snapshot:
    catalog = make_catalog(tmp_path)
    for parsed, chunks in (_award(), _plan()):
        catalog.replace_document(parsed, chunks=chunks, path=None)
    return Snapshot.load(catalog)


def read(snap: Snapshot, question: str) -> QuestionReading:
    return read_question(question, snap.metas, TODAY)


def ask(snap: Snapshot, question: str) -> Ask:
    reading = read(snap, question)
    sources = select_documents(snap, reading).sources
    return Ask(snap, reading, sources, TODAY, lambda kind: {})


def test_only_written_out_years_are_explicit(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    assert year_evidence.explicit_years(read(snap, "hur gick det 2018?")) == [2018]
    assert year_evidence.explicit_years(read(snap, "hur gick det förra året?")) == []


def test_a_document_speaks_of_the_years_before_its_own() -> None:
    ku = DocumentMeta(source="k", type=DocType.KVALITETSUTMARKELSE, year=2019, content_hash="h")
    vp = DocumentMeta(source="v", type=DocType.VERKSAMHETSPLAN, year=2020, content_hash="h")
    assert year_evidence.speaks_of(ku, 2018) and not year_evidence.speaks_of(ku, 2020)
    # Its own year is its plan year too: reported only for a question about results.
    assert not year_evidence.speaks_of(ku, 2019) and year_evidence.speaks_of(ku, 2019, results=True)
    assert year_evidence.speaks_of(vp, 2019) and not year_evidence.speaks_of(vp, 2020)


def test_year_words_skip_dates_and_ranges() -> None:
    pattern = year_evidence.year_pattern(2018)
    assert pattern.search("(2018: 980)") and pattern.search("Under 2018 uppnaddes")
    assert not pattern.search("2018-01-01") and not pattern.search("2014-2018")


def test_a_figure_of_last_year_is_read_from_the_target_row(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    a = ask(snap, "hur många vuxna hade ek bistånd 2018?")
    assert applies(a)
    answer = past_year_answer(a)
    assert answer is not None and answer.kind is AnswerKind.OUTCOME
    # "Antal vuxna", not "Unga vuxna 18-24 år": the row whose name adds fewest words wins.
    assert "**980**" in answer.answer and "Antal vuxna" in answer.answer
    assert answer.citations[0].source == KU and "(2018: 980)" in answer.citations[0].quote


def test_a_result_in_prose_is_quoted_for_the_year(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    answer = past_year_answer(ask(snap, "hur gick det ekonomiskt 2018, blev det överskott?"))
    assert answer is not None and "fyra miljoner" in answer.answer


def test_a_neighbouring_sentence_about_the_same_year_is_quoted_too(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    answer = past_year_answer(ask(snap, "vad hände med antalet hushåll med ekonomiskt bistånd 2018?"))
    assert answer is not None and "vande trenden" in answer.answer and "positiv" in answer.answer


def test_a_table_row_of_an_earlier_year_answers(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    answer = past_year_answer(ask(snap, "utfall budget 2016 för försörjningsstödsenheten?"))
    assert answer is not None and "111" in answer.answer


def test_a_count_question_needs_a_number_besides_the_year(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    # The plan mentions 2018 only as a baseline: no number of households is stated for it.
    found = year_evidence.find(snap, read(snap, "hur många hushåll fick bistånd 2018?"), [PLAN])
    assert found is None


def test_an_unrelated_question_finds_nothing(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    assert past_year_answer(ask(snap, "vilka rutiner för lex sarah gällde 2018?")) is None


def test_selection_tries_the_year_a_document_speaks_for(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    # "förra året" is 2025 today; "alltså 2018" is the year meant, and the application reports it.
    selection = select_documents(snap, read(snap, "hur många vuxna hade bistånd förra året, alltså 2018?"))
    assert selection.refusal is None and selection.sources == [KU]


def test_selection_admits_a_plan_whose_text_speaks_of_the_year(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    # No plan is for 2018, but the 2020 plan says what its energy target is relative to.
    selection = select_documents(
        snap, read(snap, "energieffektivisering relativt 2018 på stöd- och aktivitetsenheten?")
    )
    assert selection.refusal is None and selection.sources == [PLAN]
    # A question the text does not answer for that year still declines, naming the years there are.
    selection = select_documents(snap, read(snap, "vad var budgeten 2018 för stöd- och aktivitetsenheten?"))
    assert selection.refusal is not None and "2018" in selection.refusal.answer


def test_a_relative_year_no_document_is_for_is_evidence_not_a_refusal(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    selection = select_documents(
        snap, read(snap, "vad blev resultatet förra året på stöd- och aktivitetsenheten?")
    )
    assert selection.refusal is None and selection.sources == [PLAN]
    assert (
        selection.note.startswith("Det finns inget dokument för 2025")
        and "verksamhetsplan 2020" in selection.note
    )


def test_a_follow_up_year_keeps_the_row_under_discussion(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    # "och 2018?" after "målvärde unga vuxna": the topic carried over names the whole row.
    reading = read(snap, "och 2018?").model_copy(update={"topic": "unga vuxna 18-24 år"})
    found = year_evidence.find(snap, reading, [KU])
    assert found is not None and found.name == "Unga vuxna 18-24 år"


def test_a_value_question_answered_in_prose_gets_the_row_beside(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    chunks = {c.id: c for c in snap.chunks_of(KU)}
    prose = year_evidence.YearEvidence(2018, chunks[f"{KU}-0"], (RESULTS.split(". ")[0] + ".",), 0.9)
    row = year_evidence.YearEvidence(2018, chunks[f"{KU}-6"], (chunks[f"{KU}-6"].text,), 0.6, 3, "Budget")
    a = ask(snap, "hur mycket överskott blev det 2018?")
    answer = render(snap, a, replace(prose, beside=row))
    assert "fyra miljoner" in answer.answer and "**133**" in answer.answer
    # One document: the row is not introduced with "Enligt …" a second time.
    assert answer.answer.count("Enligt") == 1 and len(answer.citations) == 2


def test_the_sentence_after_the_year_is_read_with_it(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    # "2018 vände trenden …" names the year; the next sentence names the other district.
    answer = past_year_answer(ask(snap, "i vilken stadsdel ökade biståndsmottagarna också 2018?"))
    assert answer is not None and "Farsta" in answer.answer and "vande trenden" in answer.answer


def test_a_target_question_naming_last_year_is_left_to_the_target_row(tmp_path: Path) -> None:
    snap = snapshot(tmp_path)
    # "Max 975 (2018: 980)": 2018 is the comparison, the question asks for the target.
    assert year_evidence.asks_target(read(snap, "vad är målvärdet för antal vuxna jämfört med 2018?"))
    assert not applies(ask(snap, "vad är målvärdet för antal vuxna jämfört med 2018?"))
    # A results question about goals is not a target question.
    assert not year_evidence.asks_target(read(snap, "hur gick det 2018 med verksamhetens mål?"))


KU_2021 = "ku-2021.md"
KU_2021_TEXT = (
    "Under 2020 kom det in 23 synpunkter och klagomål, jämfört med 31 året innan. "
    "Andelen utförd planerad tid blev 94 procent. Sedan hösten planeras besöken i ett schemaverktyg."
)


def _snapshot_2021(tmp_path: Path) -> Snapshot:
    meta = DocumentMeta(
        source=KU_2021,
        title="Kvalitetsutmärkelse 2021",
        type=DocType.KVALITETSUTMARKELSE,
        unit="Boendestödsenheten",
        district="Bromma",
        year=2021,
        content_hash="hash-ku-2021",
    )
    catalog = make_catalog(tmp_path)
    catalog.replace_document(
        ParsedDocument(meta=meta), chunks=[_chunk(KU_2021, 0, ChunkKind.SECTION, KU_2021_TEXT)], path=None
    )
    return Snapshot.load(catalog)


def test_an_award_reports_the_year_before_its_own() -> None:
    ku = DocumentMeta(source="k", type=DocType.KVALITETSUTMARKELSE, year=2021, content_hash="h")
    vp = DocumentMeta(source="v", type=DocType.VERKSAMHETSPLAN, year=2021, content_hash="h")
    assert year_evidence.reported_year(ku) == 2020 and year_evidence.reported_year(vp) is None


def test_a_figure_of_the_year_before_is_read_from_aret_innan(tmp_path: Path) -> None:
    assert year_evidence.relative_year("Under 2020 kom 23 in, jämfört med 31 året innan.", 2019)
    assert not year_evidence.relative_year("Under 2020 kom 23 in, jämfört med 31 året innan.", 2018)
    snap = _snapshot_2021(tmp_path)
    found = year_evidence.find(snap, read(snap, "hur många klagomål kom in 2019?"), [KU_2021])
    assert found is not None and found.year == 2019 and "31 året innan" in " ".join(found.quoted)


def test_an_undated_sentence_of_an_award_reports_its_results_year(tmp_path: Path) -> None:
    snap = _snapshot_2021(tmp_path)
    question = read(snap, "hur stor andel av den planerade tiden utfördes 2020?")
    found = year_evidence.find(snap, question, [KU_2021])
    assert found is not None and "Andelen utförd planerad tid blev 94 procent." in found.quoted
    # Weaker than a sentence that names the year, and never for another year.
    pattern = year_evidence.year_pattern(2020)
    undated = "Andelen utförd planerad tid blev 94 procent."
    assert year_evidence._weight(undated, 2020, pattern, True) == year_evidence.UNDATED_WEIGHT
    assert year_evidence._weight(undated, 2020, pattern, False) == 0.0
    assert year_evidence._weight("Under 2020 blev det 94 procent.", 2020, pattern, True) == 1.0
    assert year_evidence.find(snap, read(snap, "hur stor andel av tiden utfördes 2018?"), [KU_2021]) is None
