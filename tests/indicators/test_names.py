"""The name-matching threshold, measured on the indicator names of corpus/samples."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from indicators.names import MATCH_THRESHOLD, norm, same_name, similarity

BARN = "Andel barn som lever i familjer som har ekonomiskt bistånd"
SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"


def sample_indicator_names() -> list[str]:
    """Every distinct indicator name of the sample plans' indicator tables."""
    names: set[str] = set()
    for path in SAMPLES.glob("*.txt"):
        in_table = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("Indikator\t"):
                in_table = True
                continue
            if not line.strip():
                in_table = False
                continue
            if in_table:
                names.add(re.sub(r"^[\s♀]+", "", line.split("\t")[0]).strip())
    return sorted(names)


def test_different_sample_indicators_never_match() -> None:
    names = sample_indicator_names()
    assert len(names) >= 30
    worst = max(similarity(a, b) for a, b in itertools.combinations(names, 2) if norm(a) != norm(b))
    assert worst < MATCH_THRESHOLD


@pytest.mark.parametrize(
    ("written", "plan"),
    [
        ("sjukfranvaro dag 1–14", "Sjukfrånvaro dag 1-14"),
        ("Sjukfrånvaro, dag 1 - 14", "Sjukfrånvaro dag 1-14"),
        (
            "Andel barn som lever i familjer med ekonomiskt bistånd",
            BARN,
        ),
        (
            "andel barn i familjer som har ekonomiskt bistand",
            BARN,
        ),
        ("Antalet vräkningar som berör barn", "Antal vräkningar som berör barn"),
        ("Aktivt medskapande index", "Aktivt Medskapandeindex"),
        ("ANDEL AKTUELLA FORANDRINGSPLANER (%)", "Andel aktuella förändringsplaner"),
    ],
)
def test_near_exact_names_match(written: str, plan: str) -> None:
    assert same_name(written, plan)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sjukfrånvaro", "Sjukfrånvaro dag 1-14"),
        ("Sjukfrånvaro dag 1-14", "Sjukfrånvaro dag 15-90"),
        ("Andel brukare (vuxna missbruk)", "Andel brukare (ekonomiskt bistånd)"),
        ("Antal vräkningar som berör barn", "Antal barnfamiljer som remitteras till SHIS-kontrakt."),
    ],
)
def test_different_indicators_do_not_match(a: str, b: str) -> None:
    assert not same_name(a, b)
