"""Status rules, table-tested: targets, direction, the 10 % band, periodicity."""

from __future__ import annotations

import datetime as dt

import pytest

from indicators.models import Indicator, Outcome
from indicators.status import Status, assess, period_statuses
from indicators.targets import Direction, TargetKind, direction, parse_target, parse_value
from tests.indicators.plans import AVHYSNINGAR, UPPLEVER_EB


@pytest.mark.parametrize(
    ("text", "number", "measure"),
    [
        ("12,5", 12.5, None),
        ("12,5 %", 12.5, "%"),
        ("12,5%", 12.5, "%"),
        ("1 200", 1200.0, None),
        ("1\u00a0200,5 kr", 1200.5, "kr"),
        ("19 st", 19.0, "st"),
        ("-3", -3.0, None),
        ("3.5", 3.5, None),
        ("Tas fram av nämnd", None, None),
        ("öka", None, None),
        ("", None, None),
        ("12,5 % ungefär", None, None),
    ],
)
def test_parse_value(text: str, number: float | None, measure: str | None) -> None:
    assert parse_value(text) == (number, measure)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("50 %", TargetKind.VALUE, 50.0),
        ("0", TargetKind.VALUE, 0.0),
        ("14", TargetKind.VALUE, 14.0),
        ("3,5 %", TargetKind.VALUE, 3.5),
        ("Max 975", TargetKind.MAX, 975.0),
        ("högst 10 dagar", TargetKind.MAX, 10.0),
        ("minst 80 %", TargetKind.MIN, 80.0),
        ("öka", TargetKind.INCREASE, None),
        ("Öka", TargetKind.INCREASE, None),
        ("minska", TargetKind.DECREASE, None),
        ("Tas fram av nämnd", TargetKind.NONE, None),
        ("-", TargetKind.NONE, None),
        ("", TargetKind.NONE, None),
    ],
)
def test_parse_target(text: str, kind: TargetKind, value: float | None) -> None:
    target = parse_target(text)
    assert (target.kind, target.value) == (kind, value)


@pytest.mark.parametrize(
    ("name", "target", "expected"),
    [
        ("Sjukfrånvaro dag 1-14", "3,5 %", Direction.LOWER),
        ("Mottagningens väntetid för nybesök är inte längre än 14 dagar.", "14", Direction.LOWER),
        ("Antal vräkningar som berör barn", "0", Direction.LOWER),
        (AVHYSNINGAR, "55 %", Direction.HIGHER),  # "avvärjas" turns avhysningar around
        (UPPLEVER_EB, "80", Direction.HIGHER),  # "upplever" beats "ekonomiskt bistånd"
        ("Andel barn som lever i familjer som har ekonomiskt bistånd", "2,7 %", Direction.LOWER),
        ("Aktivt Medskapandeindex", "83", Direction.HIGHER),
        ("Antal utförda hembesök", "Max 975", Direction.LOWER),
        ("Antal utförda hembesök", "öka", Direction.HIGHER),
        ("Antal personer i kö", "minska", Direction.LOWER),
        ("Andel personer med bostadskontrakt", "100 %", Direction.HIGHER),
        ("Antal barnfamiljer som remitteras till SHIS-kontrakt.", "10", Direction.UNKNOWN),
    ],
)
def test_direction(name: str, target: str, expected: Direction) -> None:
    assert direction(name, parse_target(target)) is expected


@pytest.mark.parametrize(
    ("value", "target", "way", "expected"),
    [
        (55.0, "50 %", Direction.HIGHER, Status.UPPNATT),
        (50.0, "50 %", Direction.HIGHER, Status.UPPNATT),
        (45.0, "50 %", Direction.HIGHER, Status.DELVIS),  # exactly 10 % below
        (44.9, "50 %", Direction.HIGHER, Status.EJ_UPPNATT),
        (3.5, "3,5 %", Direction.LOWER, Status.UPPNATT),
        (3.8, "3,5 %", Direction.LOWER, Status.DELVIS),
        (3.9, "3,5 %", Direction.LOWER, Status.EJ_UPPNATT),
        (0.0, "0", Direction.LOWER, Status.UPPNATT),
        (1.0, "0", Direction.LOWER, Status.EJ_UPPNATT),  # no partial band around 0
        (900.0, "Max 975", Direction.LOWER, Status.UPPNATT),
        (1000.0, "Max 975", Direction.LOWER, Status.DELVIS),
        (12.0, "10", Direction.UNKNOWN, Status.EJ_BEDOMBART),
        (10.0, "10", Direction.UNKNOWN, Status.UPPNATT),
        (12.0, "Tas fram av nämnd", Direction.HIGHER, Status.EJ_BEDOMBART),
        (None, "50 %", Direction.HIGHER, Status.EJ_BEDOMBART),
    ],
)
def test_assess(value: float | None, target: str, way: Direction, expected: Status) -> None:
    assert assess(value, parse_target(target), way)[0] is expected


@pytest.mark.parametrize(
    ("value", "baseline", "target", "expected"),
    [
        (95.0, 94.0, "öka", Status.UPPNATT),
        (94.0, 94.0, "öka", Status.EJ_UPPNATT),
        (93.0, 94.0, "öka", Status.EJ_UPPNATT),
        (93.0, 94.0, "minska", Status.UPPNATT),
        (93.0, None, "öka", Status.EJ_BEDOMBART),
    ],
)
def test_increase_and_decrease_compare_with_earlier(
    value: float, baseline: float | None, target: str, expected: Status
) -> None:
    parsed = parse_target(target)
    way = direction("Andel brukare som inte upplever diskriminering", parsed)
    assert assess(value, parsed, way, baseline=baseline)[0] is expected


def _outcome(period: str, value: str, num: float) -> Outcome:
    return Outcome(indicator="x", period=period, year=int(period[:4]), value=value, value_num=num)


def test_tertial_indicator_has_three_periods_and_unmeasured_ones_say_why() -> None:
    row = Indicator(name="Sjukfrånvaro dag 1-14", arsmal="3,5 %", periodicitet="Tertial")
    statuses = period_statuses(row, [_outcome("2023-T1", "3,2 %", 3.2)], 2023, today=dt.date(2023, 6, 1))
    assert [(s.period, s.status) for s in statuses] == [
        ("2023-T1", Status.UPPNATT),
        ("2023-T2", Status.EJ_MATT),
        ("2023", Status.EJ_MATT),
    ]
    assert "pågår" in statuses[1].reason
    late = period_statuses(row, [], 2023, today=dt.date(2024, 3, 1))
    assert all(s.status is Status.EJ_MATT and s.reason == "inget utfall är inläst" for s in late)


def test_yearly_indicator_has_only_helar() -> None:
    row = Indicator(name="Antal vräkningar som berör barn", arsmal="0", periodicitet="År")
    statuses = period_statuses(row, [_outcome("2023", "2", 2.0)], 2023)
    assert [(s.period, s.status) for s in statuses] == [("2023", Status.EJ_UPPNATT)]


def test_counts_per_tertial_are_compared_with_the_share_of_the_year() -> None:
    row = Indicator(
        name="Antal utförda samordnad individuell plan (SIP)", arsmal="140", periodicitet="Tertial"
    )
    statuses = period_statuses(row, [_outcome("2023-T1", "50", 50.0), _outcome("2023", "130", 130.0)], 2023)
    t1, t2, year = statuses
    assert t1.status is Status.UPPNATT and t1.compared_with == pytest.approx(140 * 4 / 12)
    assert t2.status is Status.EJ_MATT
    assert year.status is Status.DELVIS and year.compared_with == 140


def test_kf_target_is_used_when_the_unit_has_none() -> None:
    row = Indicator(
        name="Andel barn som lever i familjer som har ekonomiskt bistånd",
        arsmal="",
        kf_arsmal="2,7 %",
        periodicitet="Tertial",
    )
    statuses = period_statuses(row, [_outcome("2023-T1", "3,1 %", 3.1)], 2023)
    assert statuses[0].status is Status.EJ_UPPNATT
    assert statuses[0].target == "2,7 % (KF:s årsmål)"


def test_unknown_direction_is_said_not_guessed() -> None:
    row = Indicator(
        name="Antal barnfamiljer som remitteras till SHIS-kontrakt.", arsmal="10", periodicitet="År"
    )
    (status,) = period_statuses(row, [_outcome("2023", "7", 7.0)], 2023)
    assert status.status is Status.EJ_BEDOMBART
    assert "riktning okänd" in status.reason
