"""Plan version diff on two years of one unit, and activity deadlines against an injected today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indicators.models import GoalLevel
from knowledge.answers.plan_diff import deadline_answer, plan_diff_answer
from knowledge.answers.versions import ChangeKind, diff_plans, ending
from knowledge.models import ParsedDocument
from knowledge.store.snapshot import Snapshot
from knowledge.understand.asks import Deadline, deadline_question, is_diff_question
from tests.indicators.plans import OTHER_UNIT, activity, goal, ind, make_catalog, plan

KEEP = "Enheten utvecklar och stärker samverkan inom förvaltningen samt med externa partners"


def plans_2022_2023() -> tuple[ParsedDocument, ParsedDocument]:
    old = plan(
        "saa-2022.txt",
        OTHER_UNIT,
        2022,
        [
            ind("Sjukfrånvaro", "7,5 %", "Tas fram av nämnd/styrelse"),
            ind("Sjukfrånvaro", "", "Tas fram av nämnd/styrelse"),  # the KF row of the same indicator
            ind("Antal aspiranter som fått Stockholmsjobb", "19 st", "800 st"),
            ind("Totalt köpt energi i stadens verksamheter", "3,3 GWh", "1945 GWh", "År"),
        ],
        goals=[
            goal("g1", "Invånarna är självförsörjande", GoalLevel.NAMNDMAL),
            goal("g2", "Alla deltagare får en individuell planering inom två veckor"),
            goal("g3", "Enheten minskar sin energianvändning"),
        ],
        activities=[
            activity(KEEP, "2022-01-01", "2022-12-31"),
            activity("Enheten ser över verksamhetens flöden och rutiner", "2022-01-10", "2022-06-30"),
            activity("Workshop om spelberoende för alla medarbetare", "2022-02-01", "2022-03-31"),
        ],
    )
    new = plan(
        "saa-2023.txt",
        OTHER_UNIT,
        2023,
        [
            ind("Sjukfrånvaro", "7 %", "Tas fram av nämnd/styrelse"),
            ind("Antal aspiranter som fått Stockholmsjobb", "19 st", "800 st"),
            ind("Antal ungdomar som fått feriejobb i stadens regi", "320 st", "9 000 st"),
        ],
        goals=[
            goal("g1", "Invånarna är självförsörjande", GoalLevel.NAMNDMAL),
            goal("g2", "Alla deltagare får en individuell planering inom tre veckor"),
            goal("g4", "Fler unga får sommarjobb"),
        ],
        activities=[
            activity(KEEP, "2023-01-01", "2023-12-31"),
            activity("Enheten ser över verksamhetens flöden och rutiner", "2023-01-10", "2023-12-31"),
            activity("Intervjuer görs med individer som övertagit hyreskontrakt", "2023-01-10", "2023-04-20"),
        ],
    )
    return old, new


def test_diff_finds_added_removed_and_changed_items() -> None:
    old, new = plans_2022_2023()
    changes = {(c.item, c.kind, c.old_text or c.new_text): c for c in diff_plans(old, new).changes}
    assert set(changes) == {
        (
            "goal",
            ChangeKind.CHANGED,
            "Enhetsmål: Alla deltagare får en individuell planering inom två veckor",
        ),
        ("goal", ChangeKind.REMOVED, "Enhetsmål: Enheten minskar sin energianvändning"),
        ("goal", ChangeKind.ADDED, "Enhetsmål: Fler unga får sommarjobb"),
        ("indicator", ChangeKind.CHANGED, "Sjukfrånvaro"),
        ("indicator", ChangeKind.REMOVED, "Totalt köpt energi i stadens verksamheter"),
        ("indicator", ChangeKind.ADDED, "Antal ungdomar som fått feriejobb i stadens regi"),
        ("activity", ChangeKind.CHANGED, "Enheten ser över verksamhetens flöden och rutiner"),
        ("activity", ChangeKind.REMOVED, "Workshop om spelberoende för alla medarbetare"),
        ("activity", ChangeKind.ADDED, "Intervjuer görs med individer som övertagit hyreskontrakt"),
    }
    assert changes[("indicator", ChangeKind.CHANGED, "Sjukfrånvaro")].details == ["årsmål 7,5 % → 7 %"]
    flows = changes[("activity", ChangeKind.CHANGED, "Enheten ser över verksamhetens flöden och rutiner")]
    assert flows.details == ["slutdatum 2022-06-30 → 2023-12-31"]  # the start moved by exactly a year


def test_diff_answer_cites_both_plans(tmp_path: Path) -> None:
    old, new = plans_2022_2023()
    other = plan("eb-2023.txt", "Enheten för ekonomiskt bistånd", 2023, [ind("Sjukfrånvaro", "5 %")])
    snap = Snapshot.load(make_catalog(tmp_path, old, new, other, with_chunks=True))
    answer = plan_diff_answer(snap, "saa-2023.txt")
    assert answer.kind == "plan_diff"
    text = answer.answer
    assert text.startswith(
        f"Ändringar från {OTHER_UNIT}, verksamhetsplan 2022 till {OTHER_UNIT}, verksamhetsplan 2023"
    )
    assert "- Ändrad: Sjukfrånvaro (årsmål 7,5 % → 7 %) [" in text
    assert "- Borttagen: Totalt köpt energi i stadens verksamheter [" in text
    assert "- Nytt: Enhetsmål: Fler unga får sommarjobb [" in text
    assert "”Enhetsmål: Alla deltagare får en individuell planering inom två veckor” [" in text
    assert {c.source for c in answer.citations} == {"saa-2022.txt", "saa-2023.txt"}
    for c in answer.citations:
        assert f"[{c.n}]" in text
    single = plan_diff_answer(snap, "eb-2023.txt")
    assert single.kind == "not_found" and "bara en verksamhetsplan" in single.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Vad har ändrats sedan förra årets plan?", True),
        ("Vad är nytt jämfört med fjolårets verksamhetsplan?", True),
        ("Vilka skillnader finns mellan planerna?", True),
        ("Vad är årsmålet för sjukfrånvaro?", False),
    ],
)
def test_is_diff_question(question: str, expected: bool) -> None:
    assert is_diff_question(question) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Vilka aktiviteter slutar denna tertial?", Deadline.THIS_TERTIAL),
        ("Vilka aktiviteter ska vara klara innevarande tertial?", Deadline.THIS_TERTIAL),
        ("Vilka aktiviteter har passerat sitt slutdatum?", Deadline.PASSED),
        ("Vilka aktiviteter är försenade?", Deadline.PASSED),
        ("Vilka aktiviteter finns?", None),
    ],
)
def test_deadline_question(question: str, expected: Deadline | None) -> None:
    assert deadline_question(question) is expected


def test_ending_uses_the_injected_today() -> None:
    _, new = plans_2022_2023()
    acts = new.activities
    assert ending(acts, dt.date(2023, 3, 1), Deadline.THIS_TERTIAL) == [2]  # ends 2023-04-20, in T1
    assert ending(acts, dt.date(2023, 5, 2), Deadline.PASSED) == [2]
    assert ending(acts, dt.date(2023, 10, 1), Deadline.THIS_TERTIAL) == [0, 1]
    assert ending(acts, dt.date(2023, 1, 2), Deadline.PASSED) == []


def test_deadline_answers(tmp_path: Path) -> None:
    old, new = plans_2022_2023()
    snap = Snapshot.load(make_catalog(tmp_path, old, new, with_chunks=True))
    sources = ["saa-2022.txt", "saa-2023.txt"]
    tertial = deadline_answer(snap, sources, dt.date(2023, 4, 25), Deadline.THIS_TERTIAL)
    assert "slutar under tertial 1 (2023-01-01 – 2023-04-30)" in tertial.answer
    assert (
        "*Intervjuer görs med individer som övertagit hyreskontrakt*: slutdatum 2023-04-20 (har passerat) [1]"
        in tertial.answer
    )
    assert tertial.citations[0].source == "saa-2023.txt"
    passed = deadline_answer(snap, sources, dt.date(2023, 1, 5), Deadline.PASSED)
    assert passed.answer.startswith("Inga aktiviteter i") and "2023-01-05" in passed.answer
