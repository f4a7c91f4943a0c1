"""Sample document metadata and helpers shared by the question-reading tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from knowledge.models import DocType, DocumentMeta
from knowledge.understand.reading import QuestionReading, read_question

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "corpus" / "samples"
DEV = ROOT / "tests" / "quality" / "dev_questions.jsonl"
TODAY = dt.date(2024, 5, 2)

EB_BER = "Enheten för ekonomiskt bistånd och beroende"
SOA = "Stöd- och aktivitetsenheten"
EB = "Ekonomiskt bistånd"
FSE = "Försörjningsstödsenheten"
BOU = "Enheten för barn och unga"  # made up: not in the samples
HA, HL, ST, HV = "Hägersten-Älvsjö", "Hägersten-Liljeholmen", "Spånga-Tensta", "Hässelby-Vällingby"

SAMPLE_DOCS = [
    DocumentMeta(
        source="000_91cd92b543baabdb.txt", type=DocType.VERKSAMHETSPLAN, unit=EB_BER, district=HA, year=2023
    ),
    DocumentMeta(
        source="001_baa0aabad314dbef.txt", type=DocType.VERKSAMHETSPLAN, unit=SOA, district=HL, year=2020
    ),
    DocumentMeta(
        source="002_ad0b1b28780be514.txt", type=DocType.VERKSAMHETSPLAN, unit=EB, district=ST, year=2020
    ),
    DocumentMeta(
        source="004_e63c51a228dee2e1.txt", type=DocType.KVALITETSUTMARKELSE, unit=FSE, district=HV, year=2019
    ),
]
DOCS = [*SAMPLE_DOCS, DocumentMeta(source="farsta.pdf", unit=BOU, district="Farsta", year=2024)]


def read(question: str, docs: list[DocumentMeta] | None = None) -> QuestionReading:
    return read_question(question, DOCS if docs is None else docs, TODAY)


def check(reading: QuestionReading, expected: dict[str, Any]) -> None:
    got = reading.model_dump()
    for key, value in expected.items():
        assert got[key] == value, f"{reading.text!r}: {key} = {got[key]!r}, expected {value!r}"
