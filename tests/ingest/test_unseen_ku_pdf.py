"""The unseen award application exported from Word by LibreOffice, and the parser changes it asked for.

`tests/fixtures/unseen/ku2023_relationsvaldsenheten_rinkeby_kista.pdf` (built by
`tests/support/unseen_ku_pdf.py`) reports 2022 results: a key-figure table with the years as
columns, a banded indicator table that a page break splits, a budget table in tkr whose amounts
group their thousands with a space, and an abbreviation list that explains names rather than
spelling out letters.
"""

from __future__ import annotations

import json
from pathlib import Path

from ingest.parser import parse
from ingest.readers import read_document
from ingest.readers.base import RawDocument
from ingest.readers.text import lines_from_text
from knowledge.models import DocType, ParsedDocument
from tests.golden.regen import unseen_ku_pdf_golden_path, unseen_ku_pdf_json
from tests.support import unseen_ku_pdf


def _parsed() -> ParsedDocument:
    return parse(read_document(unseen_ku_pdf.FIXTURE, 50 * 1024 * 1024))


def _parse_text(text: str) -> ParsedDocument:
    raw = RawDocument(source="k.txt", path=Path("k.txt"), content_hash="h", lines=lines_from_text(text))
    return parse(raw)


def test_award_pdf_matches_golden() -> None:
    expected = json.loads(unseen_ku_pdf_golden_path().read_text(encoding="utf-8"))
    assert unseen_ku_pdf_json() == expected, "run tests/golden/regen.py and review the diff"


def test_award_pdf_metadata() -> None:
    meta = _parsed().meta
    assert meta.type is DocType.KVALITETSUTMARKELSE
    assert (meta.unit, meta.district, meta.year) == ("Relationsvåldsenheten", "Rinkeby-Kista", 2023)


def test_banded_table_split_by_a_page_break_keeps_every_row() -> None:
    # The unshaded row at the foot of page 4 has no rule under it (LibreOffice draws the closing
    # rule under the table's last row, on page 5): it is still a row, and page 5's rows continue
    # the same table.
    lines = read_document(unseen_ku_pdf.FIXTURE, 50 * 1024 * 1024).lines
    start = next(i for i, line in enumerate(lines) if line.cells and line.cells[0] == "Indikator")
    rows = [line.cells for line in lines[start : start + 5]]
    assert [row[0] if row else None for row in rows] == [
        "Indikator",
        "Andel våldsutsatta som fått en riskbedömning med FREDA inom fem arbetsdagar",
        "Andel brukare som är nöjda med bemötandet",
        "Aktivt medskapandeindex (AMI)",
        "Sjukfrånvaro, procent",
    ]
    by_name = {item.name: item for item in _parsed().indicators}
    assert by_name["Andel brukare som är nöjda med bemötandet"].arsmal == "85 %"
    assert by_name["Sjukfrånvaro, procent"].arsmal == "5,0"


def test_year_columns_give_one_outcome_per_year() -> None:
    outcomes = {(o.indicator, o.year): o.value for o in _parsed().outcomes}
    assert outcomes[("Nya ärenden, vuxna", 2020)] == "318"
    assert outcomes[("Genomsnittlig utredningstid, dagar", 2022)] == "67"
    assert outcomes[("Sjukfrånvaro, procent", 2022)] == "6,8"


def test_budget_table_cells_keep_thousands_together() -> None:
    parsed = _parse_text(
        "Kvalitetsutmärkelsen 2023\n\n## Ekonomi\n\n"
        "År\tBudget (tkr)\tUtfall (tkr)\tAvvikelse (tkr)\n"
        "2021\t21 400\t22 150\t-750\n2022\t22 600\t22 180\t+420\n"
    )
    budget = {(o.year, o.target, o.value) for o in parsed.outcomes if o.measure == "tkr"}
    assert budget == {(2021, "21 400", "22 150"), (2022, "22 600", "22 180")}


def test_ocr_budget_rows_without_cells_still_read_as_before() -> None:
    # Without cells "115 111" is two amounts: budget 115, outcome 111.
    parsed = _parse_text(
        "Kvalitetsutmärkelsen 2019\n\nAr Budget (mnkr) Utfall (mnkr) Differens\n2016 115 111 +4\n"
    )
    assert {(o.year, o.target, o.value) for o in parsed.outcomes if o.measure == "mnkr"} == {
        (2016, "115", "111")
    }


def test_abbreviation_list_rows_need_not_spell_the_term() -> None:
    text = (
        "## Bilaga. Förkortningar\n\n"
        "Förkortning\tBetydelse\nFREDA\tSocialstyrelsens bedömningsmetoder för våld i nära relationer\n"
        "APT\tArbetsplatsträff\n"
    )
    glossary = {
        entry.term: entry.expansion for entry in _parse_text("Verksamhetsplan 2023\n\n" + text).glossary
    }
    assert glossary["FREDA"] == "Socialstyrelsens bedömningsmetoder för våld i nära relationer"
    assert glossary["APT"] == "Arbetsplatsträff"


def test_two_column_table_elsewhere_still_needs_the_spelling() -> None:
    # Outside an abbreviation list a short upper-case word beside a text is no definition.
    text = "Verksamhetsplan 2023\n\n## Ansvar\n\nRoll\tUppgift\nSSK\tMöter nya besökare i receptionen\n"
    assert "SSK" not in {entry.term for entry in _parse_text(text).glossary}


def test_change_since_a_year_is_not_dated_to_that_year() -> None:
    # "Sedan 2021 … ökat från 38 procent till 81 procent": 81 was reached later, not in 2021.
    parsed = _parse_text(
        "Kvalitetsutmärkelsen 2023\n\n## Sammanfattning\n\n"
        "Sedan 2021 erbjuds alla barn ett eget samtal, och andelen barn som fått ett eget samtal har ökat "
        "från 38 procent till 81 procent på två år.\n"
    )
    years = {o.year for o in parsed.outcomes if o.value == "81 procent"}
    assert years and 2021 not in years
