"""An answer citing imported outcomes links to a source view that exists (issue 12 row 12)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from config import Settings
from indicators.importer import import_path
from knowledge.service import KnowledgeService
from tests.bot.conftest import ClientFactory

CSV = "Enhet;Indikator;Period;Utfall\nEkonomiskt bistånd;Sjukfrånvaro dag 1-14;2020-T1;3,2 %\n"


@pytest.fixture
def imported(sample_settings: Settings, tmp_path: Path) -> Settings:
    target = tmp_path / "data"
    shutil.copytree(sample_settings.data_dir, target, ignore=shutil.ignore_patterns("ingest.lock"))
    settings = sample_settings.model_copy(update={"data_dir": target})
    csv = tmp_path / "utfall.csv"
    csv.write_text(CSV, encoding="utf-8")
    report = import_path(settings.db_path, csv)
    assert "1 matchade" in report.as_text()
    return settings


async def test_the_imported_file_cited_by_an_outcome_answer_has_a_source_view(
    make_client: ClientFactory, imported: Settings
) -> None:
    service = KnowledgeService(imported, today=lambda: dt.date(2023, 6, 15))
    client = await make_client(imported, service)
    asked = await client.post(
        "/api/ask",
        json={"question": "Vad blev utfallet för sjukfrånvaro dag 1-14 för Ekonomiskt bistånd 2020?"},
    )
    assert asked.status == 200
    citations = (await asked.json())["citations"]
    cited = [c for c in citations if c["source"] == "utfall.csv"]
    assert cited, citations
    c = cited[0]
    page = await client.get(f"/sources/{quote(c['source'])}", params={"q": c["quote"], "n": str(c["n"])})
    assert page.status == 200
    text = await page.text()
    assert "Importerade utfall (utfall.csv)" in text
    assert "<mark" in text and "3,2 %" in text
    assert (await client.get("/sources/finns-inte.csv")).status == 404
