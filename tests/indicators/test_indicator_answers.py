"""Outcome answers over a real snapshot: status, history, units, gender, below target; citations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indicators.models import Outcome
from indicators.store import ImportedRow, IndicatorStore, StoredIndicator
from knowledge.answers.outcome import (
    answer_outcome_question,
    below_target_answer,
    gender_answer,
    history_answer,
    status_answer,
    units_answer,
)
from knowledge.store.snapshot import Snapshot
from knowledge.understand.outcome_intent import OutcomeQuestion, classify
from tests.indicators.plans import (
    AVHYSNINGAR,
    DISTRICT,
    OTHER_UNIT,
    UNIT,
    eb_indicators,
    ind,
    make_catalog,
    plan,
)

TODAY = dt.date(2023, 9, 15)
FILE = "utfall T2.csv"


def _imp(
    unit: str,
    name: str,
    period: str,
    value: str,
    num: float,
    women: str | None = None,
    men: str | None = None,
) -> ImportedRow:
    quote = f"Enhet: {unit} | Indikator: {name} | Period: {period} | Utfall: {value}"
    outcome = Outcome(
        indicator=name,
        period=period,
        year=int(period[:4]),
        value=value,
        value_num=num,
        quote=quote,
        source_kind="import",
        women=women,
        men=men,
    )
    return ImportedRow(unit=unit, district=DISTRICT, outcome=outcome)


@pytest.fixture
def snap(tmp_path: Path) -> Snapshot:
    return build_snapshot(tmp_path)


def build_snapshot(tmp_path: Path) -> Snapshot:
    """Ekonomiskt bistånd 2023 with a prose outcome for 2022 and imported tertial outcomes."""
    eb = plan("eb-2023.txt", UNIT, 2023, eb_indicators())
    eb.outcomes = [
        Outcome(
            indicator="Sjukfrånvaro dag 1-14",
            period="2022",
            year=2022,
            value="3,9 %",
            value_num=3.9,
            quote="Sjukfrånvaron dag 1-14 var 3,9 % under 2022.",
        )
    ]
    catalog = make_catalog(
        tmp_path,
        eb,
        plan("saa-2020.txt", OTHER_UNIT, 2020, [ind("Sjukfrånvaro dag 1-14", "2,5 %")]),
        with_chunks=True,
    )
    IndicatorStore(catalog.conn).replace_imported(
        [
            _imp(UNIT, "Sjukfrånvaro dag 1-14", "2023-T1", "3,2 %", 3.2),
            _imp(UNIT, "Sjukfrånvaro dag 1-14", "2023-T2", "3,7 %", 3.7),
            _imp(UNIT, AVHYSNINGAR, "2023-T2", "40 %", 40.0),
            _imp(UNIT, "Andel aktuella förändringsplaner", "2023-T2", "71 %", 71.0, women="73", men="69"),
        ],
        FILE,
        "2023-09-01T00:00:00+00:00",
    )
    return Snapshot.load(catalog)


def row(snap: Snapshot, source: str, name: str) -> StoredIndicator:
    m = snap.meta(source)
    idx = next(i for i, x in enumerate(snap.parsed[source].indicators) if x.name == name)
    return StoredIndicator(
        source=source,
        idx=idx,
        unit=m.unit,
        district=m.district,
        year=m.year,
        indicator=snap.parsed[source].indicators[idx],
    )


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Hur ligger vi till med sjukfrånvaron?", OutcomeQuestion.STATUS),
        ("Vilket utfall har vi för avhysningar?", OutcomeQuestion.STATUS),
        ("Hur har sjukfrånvaron utvecklats över tid?", OutcomeQuestion.HISTORY),
        ("Visa sjukfrånvaro per tertial", OutcomeQuestion.HISTORY),
        ("Hur ligger andra enheter till med sjukfrånvaron?", OutcomeQuestion.UNITS),
        ("Hur är utfallet för kvinnor och män?", OutcomeQuestion.GENDER),
        ("Vilka indikatorer når inte målet?", OutcomeQuestion.BELOW_TARGET),
        ("Vilka mål når vi inte upp till?", None),
        ("Vad betyder FUT?", None),
    ],
)
def test_classify(question: str, kind: OutcomeQuestion | None) -> None:
    assert classify(question) is kind


def test_status_cites_plan_row_and_imported_row(snap: Snapshot) -> None:
    answer = status_answer(snap, row(snap, "eb-2023.txt", "Sjukfrånvaro dag 1-14"), TODAY)
    assert answer.kind == "outcome"
    assert "senaste utfallet är **3,7 %** för tertial 2 2023 [1]; årsmål är 3,5 % [2]." in answer.answer
    assert "**delvis uppnått**" in answer.answer and "lägre är bättre" in answer.answer
    assert "- Tertial 1 2023: 3,2 % [3] – **uppnått**" in answer.answer
    assert "- Helår 2023: ej mätt än (perioden pågår till 2023-12-31)" in answer.answer
    imported, plan_row, _ = answer.citations
    assert imported.source == FILE and imported.section == "Import › Sjukfrånvaro dag 1-14 › 2023-T2"
    assert imported.quote.endswith("Utfall: 3,7 %") and imported.unit == UNIT
    assert plan_row.source == "eb-2023.txt" and plan_row.quote.startswith("Sjukfrånvaro dag 1-14\t3,5 %")
    assert {f.title: f.value for f in answer.facts}["Status"] == "delvis uppnått"


def test_status_without_outcomes_says_so(snap: Snapshot) -> None:
    answer = status_answer(snap, row(snap, "eb-2023.txt", "Antal vräkningar som berör barn"), TODAY)
    assert "inget utfall inläst" in answer.answer and "årsmål är 0 [1]" in answer.answer


def test_history_mixes_document_and_import_outcomes(snap: Snapshot) -> None:
    answer = history_answer(snap, row(snap, "eb-2023.txt", "Sjukfrånvaro dag 1-14"), TODAY)
    lines = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert lines[0].startswith("- Helår 2022: **3,9 %** [")
    assert lines[1].startswith("- Tertial 1 2023: **3,2 %** [") and "**uppnått**" in lines[1]
    assert lines[2].startswith("- Tertial 2 2023: **3,7 %** [") and "**delvis uppnått**" in lines[2]
    sources = {c.source for c in answer.citations}
    assert sources == {"eb-2023.txt", FILE}
    prose = next(c for c in answer.citations if "2022" in c.quote)
    assert prose.section == "eb-2023.txt › Uppföljning"


def test_units_side_by_side(snap: Snapshot) -> None:
    answer = units_answer(snap, "Sjukfrånvaro dag 1-14", TODAY)
    assert f"- {UNIT}, {DISTRICT}: **3,7 %** (tertial 2 2023)" in answer.answer
    assert f"- {OTHER_UNIT}, {DISTRICT}: inget utfall inläst; årsmål är 2,5 %" in answer.answer


def test_gender_split(snap: Snapshot) -> None:
    answer = gender_answer(snap, row(snap, "eb-2023.txt", "Andel aktuella förändringsplaner"), TODAY)
    assert "kvinnor **73**, män **69**, totalt 71 % [1]" in answer.answer
    none = gender_answer(snap, row(snap, "eb-2023.txt", "Sjukfrånvaro"), TODAY)
    assert "inget könsuppdelat utfall" in none.answer


def test_below_target_lists_only_missed_targets(snap: Snapshot) -> None:
    answer = below_target_answer(snap, "eb-2023.txt", TODAY)
    lines = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert len(lines) == 3
    assert any(AVHYSNINGAR in line and "**ej uppnått**" in line for line in lines)
    assert any("Sjukfrånvaro dag 1-14" in line and "**delvis uppnått**" in line for line in lines)
    # 71 % against 75 % ("aktuella": higher is better) is within 10 %.
    assert any("förändringsplaner**: 71 %" in line and "**delvis uppnått**" in line for line in lines)
    assert "5 indikator(er) saknar utfall." in answer.answer
    assert all(c.n == i + 1 for i, c in enumerate(answer.citations))


def test_dispatch_picks_indicator_and_answer(snap: Snapshot) -> None:
    answer = answer_outcome_question(
        snap, "Hur ligger vi till med sjukfrånvaro dag 1-14?", "sjukfrånvaro dag 1-14", ["eb-2023.txt"], TODAY
    )
    assert answer is not None and "3,7 %" in answer.answer
    units = answer_outcome_question(
        snap,
        "Hur ligger andra enheter till med sjukfrånvaro dag 1-14?",
        "sjukfrånvaro dag 1-14",
        ["eb-2023.txt"],
        TODAY,
    )
    assert units is not None and OTHER_UNIT in units.answer
    assert (
        answer_outcome_question(snap, "Hur ligger vi till med hundarna?", "hundarna", ["eb-2023.txt"], TODAY)
        is None
    )
    clarify = answer_outcome_question(
        snap, "Vilka indikatorer når inte målet?", "", ["eb-2023.txt", "saa-2020.txt"], TODAY
    )
    assert clarify is not None and clarify.kind == "clarify"


def test_latest_outcome_text_for_routing(snap: Snapshot) -> None:
    from knowledge.answer import Fact
    from knowledge.answers.cite import Citations
    from knowledge.answers.outcome import latest_outcome_text

    cites = Citations(snap)
    facts: list[Fact] = []
    text = latest_outcome_text(snap, cites, "eb-2023.txt", "Sjukfrånvaro dag 1-14", facts, TODAY)
    assert text == " Senaste utfall tertial 2 2023: **3,7 %** [1] (delvis uppnått)."
    assert cites.items[0].source == FILE and facts[0].value == "3,7 % (tertial 2 2023)"
    assert latest_outcome_text(snap, cites, "eb-2023.txt", "Sjukfrånvaro", facts, TODAY) == ""
