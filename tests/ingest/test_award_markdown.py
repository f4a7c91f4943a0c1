"""A quality-award application written in Markdown: pipe tables, owner-first title, year columns.

Made-up text in the shape of `tests/fixtures/unseen/ku2021_boendestodsenheten_bromma.md` (the
award template's questions as headings, results of the year before in prose and in a table
with one column per year).
"""

from __future__ import annotations

from pathlib import Path

from ingest.parser import parse
from ingest.readers.base import RawDocument
from ingest.readers.text import lines_from_text, pipe_cells
from knowledge.models import DocType, ParsedDocument

AWARD_MD = """# Stockholms stads kvalitetsutmärkelse 2022

**Ansökan från Skärholmens stadsdelsförvaltning**

## Administrativa uppgifter

| Uppgift | Svar |
|---|---|
| Verksamhetens namn | Hemtjänsten Sätra Skärholmen |
| Verksamhetens chef | Nora Lind, enhetschef |
| Besöksadress | Sätra torg 3, 127 47 Skärholmen |
| Antal anställda den 1 mars 2022 | 58 anställda |

## Kriterium 1. Resultat

### 1.1 Redovisa verksamhetens viktigaste resultat för det senaste året.

| Indikator | 2019 | 2020 | 2021 | Mål 2021 |
|:---|---:|---:|---:|---:|
| Nöjda brukare (%) | 81 | 83 | 88 | 85 |
| Kontinuitet, antal personal per 14 dagar | 15 | 14 | 12 | 12 |

Vi har mätt kontinuiteten sedan vi startade 2015. Andelen nöjda brukare blev 88 procent.

## Ekonomi

| Beloppen anges i tkr | 2022 |
|---|---|
| Intäkter | 12 300 |
"""


def _parse(text: str, name: str = "ku.md") -> ParsedDocument:
    raw = RawDocument(source=name, path=Path(name), content_hash="x", lines=lines_from_text(text), fmt="md")
    return parse(raw)


def test_pipe_rows_become_cells_and_the_rule_is_dropped() -> None:
    lines = lines_from_text("| a | **b** |\n|:--|--:|\n| c \\| d | 7,9 |\nprosa | med streck\n---")
    assert [line.cells for line in lines] == [("a", "b"), ("c | d", "7,9"), None, None]
    assert lines[1].text == "c | d\t7,9"
    assert pipe_cells("inte | en rad") is None


def test_owner_first_title_gives_type_year_unit_and_district() -> None:
    meta = _parse(AWARD_MD).meta
    assert meta.type is DocType.KVALITETSUTMARKELSE
    assert meta.year == 2022
    # The district after the name in the field is the owner, not part of the unit's name.
    assert meta.unit == "Hemtjänsten Sätra"
    assert meta.district == "Skärholmen"


def test_form_fields_in_table_rows_are_admin_facts() -> None:
    facts = {fact.key: fact.value for fact in _parse(AWARD_MD).facts}
    assert facts["enhetschef"] == "Nora Lind"
    assert facts["adress"] == "Sätra torg 3, 127 47 Skärholmen"
    assert facts["medarbetare"].startswith("58")


def test_year_columns_are_outcomes_of_their_year_with_the_years_target() -> None:
    outcomes = {(o.indicator, o.year): o for o in _parse(AWARD_MD).outcomes}
    assert outcomes[("Nöjda brukare (%)", 2019)].value == "81"
    latest = outcomes[("Nöjda brukare (%)", 2021)]
    assert (latest.value, latest.target, latest.measure) == ("88", "85", "%")
    assert "2021" in latest.quote and "Nöjda brukare (%)\t81\t83\t88\t85" in latest.quote
    assert outcomes[("Kontinuitet, antal personal per 14 dagar", 2020)].value == "14"
    # A budget table with one year column holds amounts, not outcomes.
    assert not any(o.indicator == "Intäkter" for o in outcomes.values())


def test_a_since_year_does_not_date_the_next_sentence() -> None:
    stated = [o for o in _parse(AWARD_MD).outcomes if o.value == "88 procent"]
    # "sedan vi startade 2015" is where the measuring began; the result is of the table's year.
    assert stated and all(o.year != 2015 for o in stated)


AWARD_TXT = """Kvalitetsutmärkelsen 2022
Ansökan från Skärholmens stadsdelsförvaltning

Verksamhetens namn
Hemtjänsten Sätra

Kriterium 2. Brukarfokus

2.1 Beskriv hur ni tar reda på brukarnas behov.

Vi frågar varje brukare vid första besöket och följer upp efter tre månader.

Lärdomar

4. Beskriv vad ni har lärt er under året.

Den viktigaste lärdomen är att korta möten fungerar bättre.
"""


def test_plain_text_criteria_and_numbered_questions_are_headings() -> None:
    parsed = _parse(AWARD_TXT, "ku.txt")
    assert parsed.meta.type is DocType.KVALITETSUTMARKELSE
    paths = {section.text.split(".")[0]: section.heading_path for section in parsed.sections}
    first = paths["Vi frågar varje brukare vid första besöket och följer upp efter tre månader"]
    assert first[-2:] == ["Kriterium 2. Brukarfokus", "2.1 Beskriv hur ni tar reda på brukarnas behov."]
    learned = paths["Den viktigaste lärdomen är att korta möten fungerar bättre"]
    assert learned[-2:] == ["Lärdomar", "4. Beskriv vad ni har lärt er under året."]
