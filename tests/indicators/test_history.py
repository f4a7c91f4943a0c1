"""History per period, the same indicator across units, and a unit's indicators below target."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from indicators.history import across_units, history, not_reaching_target, unit_review
from indicators.models import Outcome
from indicators.status import Status
from indicators.store import ImportedRow, IndicatorStore
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


def _imp(unit: str, name: str, period: str, value: str, num: float, district: str = DISTRICT) -> ImportedRow:
    outcome = Outcome(
        indicator=name,
        period=period,
        year=int(period[:4]),
        value=value,
        value_num=num,
        quote=f"{unit} | {name} | {period} | {value}",
        source_kind="import",
    )
    return ImportedRow(unit=unit, district=district, outcome=outcome)


def store_with_outcomes(tmp_path: Path) -> IndicatorStore:
    eb = plan("eb-2023.txt", UNIT, 2023, eb_indicators())
    # The plan's own prose reports last year's sjukfrånvaro and a (rounded) T1 figure.
    eb.outcomes = [
        Outcome(indicator="Sjukfrånvaro dag 1–14", period="2022", year=2022, value="3,9 %", value_num=3.9),
        Outcome(indicator="Sjukfrånvaro dag 1-14", period="2023-T1", year=2023, value="3 %", value_num=3.0),
    ]
    catalog = make_catalog(
        tmp_path,
        eb,
        plan("saa-2020.txt", OTHER_UNIT, 2020, [ind("Sjukfrånvaro dag 1-14", "2,5 %", measure="%")]),
    )
    store = IndicatorStore(catalog.conn)
    store.replace_imported(
        [
            _imp(UNIT, "Sjukfrånvaro dag 1-14", "2023-T1", "3,2 %", 3.2),
            _imp(UNIT, "Sjukfrånvaro dag 1-14", "2023-T2", "3,7 %", 3.7),
            _imp(UNIT, AVHYSNINGAR, "2023-T2", "40 %", 40.0),
            _imp(UNIT, "Antal vräkningar som berör barn", "2022", "0", 0.0),
            _imp(OTHER_UNIT, "Sjukfrånvaro dag 1-14", "2020", "2,4 %", 2.4),
        ],
        "utfall.csv",
        "2023-09-01T00:00:00+00:00",
    )
    return store


def test_history_is_per_period_in_order_and_imports_win(tmp_path: Path) -> None:
    store = store_with_outcomes(tmp_path)
    points = history(store.outcomes(), UNIT, "Sjukfrånvaro dag 1-14")
    assert [(p.period, p.stored.outcome.value) for p in points] == [
        ("2022", "3,9 %"),
        ("2023-T1", "3,2 %"),
        ("2023-T2", "3,7 %"),
    ]
    assert points[1].stored.imported_from == "utfall.csv"
    assert points[0].label == "helår 2022"


def test_same_indicator_across_units(tmp_path: Path) -> None:
    store = store_with_outcomes(tmp_path)
    verdicts = across_units(store.indicators(), store.outcomes(), "sjukfrånvaro dag 1-14", TODAY)
    assert [(v.indicator.unit, v.year, v.latest.status if v.latest else None) for v in verdicts] == [
        (UNIT, 2023, Status.DELVIS),  # 3,7 % against 3,5 %: within 10 %, lower is better
        (OTHER_UNIT, 2020, Status.UPPNATT),  # 2,4 % against 2,5 %
    ]
    assert verdicts[0].latest is not None and verdicts[0].latest.period == "2023-T2"


def test_unit_review_and_indicators_not_reaching_target(tmp_path: Path) -> None:
    store = store_with_outcomes(tmp_path)
    review = {
        v.indicator.indicator.name: v for v in unit_review(store.indicators(), store.outcomes(), UNIT, TODAY)
    }
    assert len(review) == len(eb_indicators())
    assert review["Sjukfrånvaro"].latest is None  # nothing measured
    assert [s.status for s in review["Sjukfrånvaro"].statuses] == [Status.EJ_MATT] * 3
    assert review["Antal vräkningar som berör barn"].year == 2022
    below = not_reaching_target(store.indicators(), store.outcomes(), UNIT, TODAY)
    assert sorted((v.indicator.indicator.name, v.latest.status if v.latest else None) for v in below) == [
        (AVHYSNINGAR, Status.EJ_UPPNATT),
        ("Sjukfrånvaro dag 1-14", Status.DELVIS),
    ]
