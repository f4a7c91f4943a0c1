"""Budget tables as rows, administrative facts and abbreviations in every form, and their chunks."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.chunker import chunk_document
from ingest.parser import parse
from ingest.readers.base import RawDocument
from ingest.readers.text import lines_from_text
from knowledge.models import AdminKey, ChunkKind, FactKind, ParsedDocument


def _parse(text: str) -> ParsedDocument:
    raw = RawDocument(source="p.txt", path=Path("p.txt"), content_hash="h", lines=lines_from_text(text))
    return parse(raw)


PLAN = """Verksamhetsplan 2021 för Vuxenenheten

Farsta stadsdelsförvaltning

## Budget 2021

Budgetår:\t2021
Enhetschef:\tKarin Berg

Belopp i tkr\tBudget\tUtfall 2020
Intäkter
Bidrag\t1 200\t1 150
Summa intäkter\t1 200\t1 150
Kostnader
Personalkostnader\t14 300\t13 980
Lokalkostnader\t900\t880
Summa kostnader\t15 200\t14 860
Summa netto\t-14 000\t-13 710

## Resursanvändning per verksamhet

Verksamhet\tKostnader\tIntäkter\tNetto
Boendestöd\t6 000\t500\t5 500
Öppenvård\t4 100\t0\t4 100

## Om enheten

Enheten har totalt 34 medarbetare, varav 25 kvinnor och 9 män. Behandlingsteamet består av 8 medarbetare.
Enhetens målgrupp är vuxna 21-64 år med missbruk eller beroende.
Besöksadress: Storgatan 5, 123 45 Farsta
Telefon: 08-508 12 345
Frågor skickas till vuxenenheten.farsta@stockholm.se.
"""


def test_budget_rows_with_columns_groups_and_year() -> None:
    rows = [f for f in _parse(PLAN).facts if f.kind is FactKind.BUDGET]
    by_label = {(f.label, f.heading_path[-1]): f for f in rows}
    personal = by_label[("Personalkostnader", "Budget 2021")]
    assert personal.columns == {"Budget": "14 300", "Utfall 2020": "13 980"}
    assert (personal.group, personal.year, personal.measure, personal.value_num) == (
        "Kostnader",
        2021,
        "tkr",
        14300,
    )
    netto = by_label[("Summa netto", "Budget 2021")]
    assert (netto.group, netto.value_num) == ("Netto", -14000)
    assert by_label[("Bidrag", "Budget 2021")].group == "Intäkter"
    boende = by_label[("Boendestöd", "Resursanvändning per verksamhet")]
    assert boende.columns == {"Kostnader": "6 000", "Intäkter": "500", "Netto": "5 500"}
    assert len(rows) == 8
    assert "Personalkostnader\t14 300\t13 980" in personal.quote


KU_ECONOMY = """Ansökan till Stockholms stads kvalitetsutmärkelse 2024

Ungdomsenheten

## 7 Ekonomi

Enheten gjorde 2023 ett överskott på 1,4 miljoner kronor.

Mnkr\t2021\t2022\t2023
Budget\t47,2\t47,9\t48,6
Utfall\t49,8\t48,3\t47,2
"""


def test_budget_table_whose_columns_are_years_has_no_single_year() -> None:
    """A 2024 application's budget by year (2021-2023) is not the budget for 2024."""
    parsed = _parse(KU_ECONOMY)
    rows = [f for f in parsed.facts if f.kind is FactKind.BUDGET]
    assert [f.label for f in rows] == ["Budget", "Utfall"]
    assert rows[0].columns == {"2021": "47,2", "2022": "47,9", "2023": "48,6"}
    assert all(f.year is None for f in rows)
    crumbs = [c.breadcrumb for c in chunk_document(parsed) if c.kind is ChunkKind.FACT and "47,2" in c.text]
    assert crumbs and not any("2024" in crumb.rsplit("›", 1)[-1] for crumb in crumbs)
    assert not any("Budget 2024" in crumb for crumb in crumbs)


def test_admin_facts_from_statements() -> None:
    facts = {f.key: f for f in _parse(PLAN).facts if f.kind is FactKind.ADMIN}
    assert facts[AdminKey.MANAGER.value].value == "Karin Berg"
    assert facts[AdminKey.EMPLOYEES.value].value_num == 34
    assert facts[AdminKey.TARGET_GROUP.value].value == "vuxna 21-64 år med missbruk eller beroende"
    assert facts[AdminKey.ADDRESS.value].value == "Storgatan 5, 123 45 Farsta"
    assert facts[AdminKey.PHONE.value].value == "08-508 12 345"
    assert facts[AdminKey.EMAIL.value].value == "vuxenenheten.farsta@stockholm.se"


FORM = """Kvalitetsutmärkelsen 2020 Vuxenenheten

Administrativa uppgifter

Verksamhetens namn
Vuxenenheten

Verksamhetens chefs namn
Karin Berg

Direkttelefonnummer till verksamheten och chefen
08-508 12 345

E-postadress till verksamheten och till chefen
karin.berg@stockholm.se

Postadress och besdksadress
Storgatan 5, 2 tr
123 45 Farsta

Antal anstallda den 1 mars 2020
34 anstallda

Brukar-/kundgrupp

Enhetens malgrupp &r vuxna 21-64 ar med missbruk.

Förväntat resultat

Fler klienter blir drogfria. Enheten har 40 medarbetare om man räknar timanställda.
"""


def test_admin_facts_from_an_ocr_form() -> None:
    facts = {f.key: f for f in _parse(FORM).facts if f.kind is FactKind.ADMIN}
    assert facts[AdminKey.MANAGER.value].value == "Karin Berg"
    assert facts[AdminKey.PHONE.value].value == "08-508 12 345"
    assert facts[AdminKey.EMAIL.value].value == "karin.berg@stockholm.se"
    assert facts[AdminKey.ADDRESS.value].value == "Storgatan 5, 2 tr, 123 45 Farsta"
    assert facts[AdminKey.EMPLOYEES.value].value == "34 anstallda"  # the form wins over running text
    assert facts[AdminKey.TARGET_GROUP.value].value == "vuxna 21-64 ar med missbruk"


@pytest.mark.parametrize(
    ("sentence", "term", "expansion"),
    [
        (
            "Vi dokumenterar enligt DUR (Dokumentation Utredning Resultat) i alla ärenden.",
            "DUR",
            "Dokumentation Utredning Resultat",
        ),
        ("Arbetet mot FUT (felaktig utbetalning) fortsätter under året.", "FUT", "felaktig utbetalning"),
        (
            "Enheten har två FUT-handläggare som arbetar med felaktiga utbetalningar.",
            "FUT",
            "felaktiga utbetalningar",
        ),
        (
            "Vi samarbetar med Stiftelsen hotellhem i Stockholm (SHIS) om boenden.",
            "SHIS",
            "Stiftelsen hotellhem i Stockholm",
        ),
        (
            "HVT (Hemlöshets- och vräkningsförebyggande teamet) arbetar uppsökande.",
            "HVT",
            "Hemlöshets- och vräkningsförebyggande teamet",
        ),
        (
            "Förkortningen DUR betyder Dokumentation Utredning Resultat.",
            "DUR",
            "Dokumentation Utredning Resultat",
        ),
        (
            "SIP står för samordnad individuell plan.",
            "SIP",
            "samordnad individuell plan",
        ),
        (
            "RVT – Relationsvåldsteamet arbetar med våld i nära relationer.",
            "RVT",
            "Relationsvåldsteamet arbetar med våld",
        ),
    ],
)
def test_abbreviation_forms(sentence: str, term: str, expansion: str) -> None:
    parsed = _parse(f"Verksamhetsplan 2021 för Vuxenenheten\n\n## Inledning\n\n{sentence}\n")
    found = {g.term: g.expansion for g in parsed.glossary}
    assert found.get(term, "").startswith(expansion.split(" arbetar")[0])


def test_one_chunk_per_fact_with_the_documents_words() -> None:
    parsed = _parse(PLAN)
    chunks = [c for c in chunk_document(parsed) if c.kind is ChunkKind.FACT]
    assert len(chunks) == len(parsed.facts)
    personal = next(c for c in chunks if "Personalkostnader" in c.text)
    assert "Budget 2021" in personal.breadcrumb and "Kostnader" in personal.breadcrumb
    manager = next(c for c in chunks if c.breadcrumb.endswith("Enhetschef"))
    assert "Karin Berg" in manager.text
