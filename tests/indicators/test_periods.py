"""Period parsing and tertial arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from indicators.periods import expected_periods, label, parse_period, sort_key, tertial_bounds


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2023", "2023"),
        ("2023-T1", "2023-T1"),
        ("2023-t2", "2023-T2"),
        ("2023 T2", "2023-T2"),
        ("T1 2023", "2023-T1"),
        ("T2-2023", "2023-T2"),
        ("Tertial 1 2023", "2023-T1"),
        ("2023 tertial 2", "2023-T2"),
        ("2023 helår", "2023"),
        ("Helår 2023", "2023"),
        ("2023 HELAR", "2023"),
        ("T3 2023", "2023"),
        ("2023 VB", "2023"),
        (" 2024-T1 ", "2024-T1"),
    ],
)
def test_periods_normalise(text: str, key: str) -> None:
    period = parse_period(text)
    assert period is not None
    assert period.key == key


@pytest.mark.parametrize("text", ["", "förra året", "T4 2023", "2023-13", "Q1 2023", "23"])
def test_non_periods(text: str) -> None:
    assert parse_period(text) is None


def test_order_and_labels() -> None:
    keys = ["2024-T1", "2023", "2023-T2", "2023-T1"]
    assert sorted(keys, key=sort_key) == ["2023-T1", "2023-T2", "2023", "2024-T1"]
    assert label("2023-T1") == "tertial 1 2023"
    assert label("2023") == "helår 2023"


def test_expected_periods_follow_periodicity() -> None:
    assert [p.key for p in expected_periods("Tertial", 2023)] == ["2023-T1", "2023-T2", "2023"]
    assert [p.key for p in expected_periods("År", 2023)] == ["2023"]


def test_tertial_bounds() -> None:
    assert tertial_bounds(dt.date(2023, 3, 15)) == (dt.date(2023, 1, 1), dt.date(2023, 4, 30))
    assert tertial_bounds(dt.date(2023, 5, 1)) == (dt.date(2023, 5, 1), dt.date(2023, 8, 31))
    assert tertial_bounds(dt.date(2023, 12, 31)) == (dt.date(2023, 9, 1), dt.date(2023, 12, 31))
