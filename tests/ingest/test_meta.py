"""Document metadata from what plans and applications really carry (made-up documents in real shapes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.parser import parse
from ingest.readers.base import Line, RawDocument
from ingest.readers.text import lines_from_text
from knowledge.models import DocType, DocumentMeta

AWARD_TITLE = """Kvalitetsutmärkelsen 2020 Vuxenenheten

Skarpnäcks stadsdelsförvaltning

Beskriv hur ni arbetar med brukarnas delaktighet.

Vi har brukarråd varje månad.
"""

ADMIN_TABLE = [
    Line(text="Ansökan till Stockholms stads kvalitetsutmärkelse 2021", heading=1),
    Line(text=""),
    Line(text="Administrativa uppgifter", heading=2),
    Line(
        text="Verksamhetens namn\tBarn- och ungdomsenheten",
        cells=("Verksamhetens namn", "Barn- och ungdomsenheten"),
    ),
    Line(
        text="Förvaltning\tEnskede-Årsta-Vantörs stadsdelsförvaltning",
        cells=("Förvaltning", "Enskede-Årsta-Vantörs stadsdelsförvaltning"),
    ),
    Line(text="Verksamhetens chef\tAnna Berg", cells=("Verksamhetens chef", "Anna Berg")),
    Line(text=""),
    Line(text="Beskriv hur ni leder verksamheten."),
]

ADMIN_INLINE = """Kvalitetsutmärkelse

Verksamhetens namn: Fältgruppen City
Förvaltning: Norrmalms stadsdelsförvaltning
Datum: 2022-03-01

Beskriv hur ni arbetar med uppsökande verksamhet.
"""

RECIPIENT = """Tjänsteutlåtande
Dnr SDN 2021/114

Till: Mottagningsenheten vuxna
Från: Avdelningen för individ- och familjeomsorg, Bromma stadsdelsförvaltning

Rutin för akuta placeringar 2021

Rutinen gäller när en vuxen behöver placeras samma dag.
"""

RECIPIENT_BOARD = """Handläggare
Eva Ek

Till
Farsta stadsdelsnämnd
2024-02-20

Verksamhetsplan 2024

Hemtjänsten Hökarängen

Inledning

Hemtjänsten ger stöd till äldre i hemmet.
"""

FIRST_HEADING = """# Hemtjänsten Solberga

Verksamhetsplan 2022

Hägersten-Liljeholmens stadsdelsförvaltning

Inledning

Vi ger stöd i hemmet.
"""

TITLE_WITH_OWNER = """Kvalitetsutmärkelsen 2021 Vuxenenheten Farsta stadsdelsförvaltning

Beskriv hur ni arbetar med brukarnas delaktighet.
"""

PLAN_FOR_UNIT_IN = """Verksamhetsplan 2023 för Enheten för vuxna i Skarpnäck

Inledning

Enheten ger stöd till vuxna.
"""

NOTHING = """Anteckningar

Mötet började klockan nio. Alla var där.
"""


def _meta(lines: list[Line]) -> tuple[DocumentMeta, list[str]]:
    parsed = parse(RawDocument(source="dok.txt", path=Path("dok.txt"), content_hash="h", lines=lines))
    return parsed.meta, parsed.warnings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (AWARD_TITLE, (DocType.KVALITETSUTMARKELSE, "Vuxenenheten", "Skarpnäck", 2020)),
        (ADMIN_INLINE, (DocType.KVALITETSUTMARKELSE, "Fältgruppen City", "Norrmalm", 2022)),
        (RECIPIENT, (DocType.RUTIN, "Mottagningsenheten vuxna", "Bromma", 2021)),
        (RECIPIENT_BOARD, (DocType.VERKSAMHETSPLAN, "Hemtjänsten Hökarängen", "Farsta", 2024)),
        (FIRST_HEADING, (DocType.VERKSAMHETSPLAN, "Hemtjänsten Solberga", "Hägersten-Liljeholmen", 2022)),
        (TITLE_WITH_OWNER, (DocType.KVALITETSUTMARKELSE, "Vuxenenheten", "Farsta", 2021)),
        (PLAN_FOR_UNIT_IN, (DocType.VERKSAMHETSPLAN, "Enheten för vuxna", "Skarpnäck", 2023)),
    ],
    ids=[
        "award-title",
        "admin-inline",
        "recipient",
        "board-recipient",
        "first-heading",
        "title-owner",
        "plan-in",
    ],
)
def test_unit_district_year_and_type_from_the_text(text: str, expected: tuple[object, ...]) -> None:
    meta, warnings = _meta(lines_from_text(text))
    assert (meta.type, meta.unit, meta.district, meta.year) == expected
    assert not any("Hittade ingen enhet" in warning for warning in warnings), warnings


def test_unit_from_an_administrative_table() -> None:
    meta, warnings = _meta(ADMIN_TABLE)
    assert (meta.type, meta.unit, meta.district, meta.year) == (
        DocType.KVALITETSUTMARKELSE,
        "Barn- och ungdomsenheten",
        "Enskede-Årsta-Vantör",
        2021,
    )
    assert not warnings


def test_warning_only_when_the_document_names_no_unit() -> None:
    meta, warnings = _meta(lines_from_text(NOTHING))
    assert meta.unit is None
    assert any("Hittade ingen enhet" in warning and "dok.txt.meta.json" in warning for warning in warnings)
