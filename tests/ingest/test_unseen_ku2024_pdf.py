"""The second unseen award application exported from Word by LibreOffice, and the reader changes it asked for.

`tests/fixtures/unseen/ku2024_ungdomsenheten_sodermalm.pdf` (built by
`tests/support/unseen_ku2024_pdf.py`) has a summary page in two text columns, Word footnotes
(raised reference digits in the text and in a table cell, the notes at the foot of the page),
bullets that are Wingdings symbols, result tables with the years as columns and an
abbreviation table in two pairs of columns.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from ingest.parser import parse
from ingest.readers import read_document
from ingest.readers.base import Line, RawDocument
from ingest.readers.pdf_cells import clean, glue
from ingest.readers.text import lines_from_text
from knowledge.models import DocType, ParsedDocument
from tests.golden.regen import unseen_ku2024_pdf_golden_path, unseen_ku2024_pdf_json
from tests.support import unseen_ku2024_pdf


@cache
def _lines() -> tuple[Line, ...]:
    return tuple(read_document(unseen_ku2024_pdf.FIXTURE, 50 * 1024 * 1024).lines)


def _parsed() -> ParsedDocument:
    return parse(read_document(unseen_ku2024_pdf.FIXTURE, 50 * 1024 * 1024))


def _parse_text(text: str) -> ParsedDocument:
    raw = RawDocument(source="k.txt", path=Path("k.txt"), content_hash="h", lines=lines_from_text(text))
    return parse(raw)


def _text_lines() -> list[str]:
    return [line.text for line in _lines() if line.text]


def test_award_pdf_matches_golden() -> None:
    expected = json.loads(unseen_ku2024_pdf_golden_path().read_text(encoding="utf-8"))
    assert unseen_ku2024_pdf_json() == expected, "run tests/golden/regen.py and review the diff"


def test_award_pdf_metadata() -> None:
    meta = _parsed().meta
    assert meta.type is DocType.KVALITETSUTMARKELSE
    assert (meta.unit, meta.district, meta.year) == ("Ungdomsenheten", "Södermalm", 2024)


def test_two_column_page_is_read_column_by_column() -> None:
    lines = [line for line in _lines() if line.text]
    texts = [line.text for line in lines]
    summary, brief = texts.index("Sammanfattning"), texts.index("Enheten i korthet")
    assert lines[summary].heading and lines[brief].heading
    assert not any(line.cells for line in lines if line.page == 2)
    # Column 1 (the summary) whole before column 2, each paragraph joined across its lines.
    assert texts[summary + 1].startswith("Ungdomsenheten utreder och ger stöd till ungdomar mellan 13")
    assert texts[summary + 2].endswith("har ökat från 48 till 83 procent.")
    assert brief == summary + 3
    assert "Fältgruppen arbetar tisdag till lördag 14.00–23.00." in texts[brief + 2]
    assert "8.00–16.30" in texts[brief + 2]


def test_footnote_references_leave_words_and_cells() -> None:
    texts = _text_lines()
    assert any(text.endswith("en pågående insats från enheten.") for text in texts)
    assert any("inom den lagstadgade tiden. Ungdomar väntade" in text for text in texts)
    names = {outcome.indicator for outcome in _parsed().outcomes}
    assert "Aktivt medskapandeindex (AMI)" in names
    assert not any(name.endswith(("3", ")3")) for name in names)


def test_footnotes_are_gathered_after_the_last_page() -> None:
    lines = [line for line in _lines() if line.text]
    notes = next(i for i, line in enumerate(lines) if line.text == "Fotnoter")
    assert lines[notes].heading == 1
    assert [line.text[:2] for line in lines[notes + 1 :]] == ["1 ", "2 ", "3 ", "4 "]
    assert lines[notes + 1].page == 2 and lines[notes + 4].page == 4
    sections = {tuple(section.heading_path): section.text for section in _parsed().sections}
    follow_up = sections[("1 Ledning och styrning", "1.2 Hur följer ni upp och analyserar era resultat?")]
    assert "Ungdomar 13–20 år" not in follow_up
    assert "En gång per tertial" in follow_up


def test_symbol_bullets_become_list_bullets() -> None:
    texts = _text_lines()
    assert "• antal inkomna anmälningar och hur många som leder till utredning" in texts
    assert "• MI, motiverande samtal, för alla nyanställda" in texts
    assert not any(any("\uf000" <= ch <= "\uf0ff" for ch in text) for text in texts)
    assert clean("\uf0d8 Digitala möten") == "• Digitala möten"


def test_year_columns_give_one_outcome_per_year() -> None:
    outcomes = {(o.indicator, o.year): o.value for o in _parsed().outcomes}
    assert outcomes[("Inkomna anmälningar", 2021)] == "1 046"
    assert outcomes[("Genomsnittlig utredningstid, dagar", 2022)] == "104"
    assert outcomes[("Andel utredningar klara inom fyra månader", 2023)] == "83 %"
    assert outcomes[("Sjukfrånvaro, procent", 2021)] == "8,4"


def test_abbreviation_table_in_two_pairs_of_columns() -> None:
    glossary = {entry.term: entry.expansion for entry in _parsed().glossary}
    assert glossary["ORS"] == "Outcome Rating Scale"
    assert glossary["HVB"] == "Hem för vård eller boende"
    assert glossary["SSPF"] == "Skola, socialtjänst, polis och fritid"
    assert glossary["MI"] == "Motiverande samtal"
    text = (
        "Kvalitetsutmärkelsen 2024\n\n## Förkortningar\n\n"
        "Förkortning\tBetydelse\tFörkortning\tBetydelse\n"
        "APT\tArbetsplatsträff\tSiS\tStatens institutionsstyrelse\n"
    )
    pairs = {entry.term: (entry.expansion, entry.quote) for entry in _parse_text(text).glossary}
    assert pairs["SiS"] == ("Statens institutionsstyrelse", "SiS Statens institutionsstyrelse")
    assert pairs["APT"][0] == "Arbetsplatsträff"


def test_four_column_table_that_is_not_pairs_stays_one_row() -> None:
    # A plain four-column table whose third cell is no abbreviation gives no definition from it.
    text = (
        "Verksamhetsplan 2023\n\n## Förkortningar\n\n"
        "Förkortning\tBetydelse\tÅr\tKommentar\nAPT\tArbetsplatsträff\t2023\tny\n"
    )
    assert "ny" not in {entry.expansion for entry in _parse_text(text).glossary}


def test_a_range_of_figures_broken_after_its_dash_is_joined() -> None:
    assert glue("öppet vardagar 8.00–", "16.30. Fältgruppen") == "öppet vardagar 8.00–16.30. Fältgruppen"
    assert glue("Vård –", "och omsorg") == "Vård – och omsorg"


def test_change_ends_in_the_latest_year_the_sentence_names() -> None:
    parsed = _parse_text(
        "Kvalitetsutmärkelsen 2024\n\n## Sammanfattning\n\n"
        "Utredningstiden har gått från 128 dagar 2021 till 86 dagar 2023, och andelen utredningar som "
        "blir klara inom fyra månader har ökat från 48 till 83 procent.\n"
    )
    assert {o.year for o in parsed.outcomes if o.value == "83 procent"} == {2023}
