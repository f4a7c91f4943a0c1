"""The web chat gets a chart link for indicator answers with outcomes (real service, real HTTP)."""

from __future__ import annotations

from pathlib import Path

from indicators.importer import import_path
from ingest.pipeline import Pipeline
from knowledge.service import KnowledgeService
from tests.bot.conftest import ClientFactory, make_settings

PLAN = """Verksamhetsplan 2024 för Vuxenenheten

Till
Bromma stadsdelsnämnd

Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet
Sjukfrånvaro\t5 %\t\tTertial
Andel brukare som är nöjda med stödet\t90 %\t\tÅr
"""


async def test_outcome_answer_links_its_chart(make_client: ClientFactory, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bromma.txt").write_text(PLAN, encoding="utf-8")
    settings = make_settings(tmp_path / "data", corpus_dirs=[docs])
    pipeline = Pipeline(settings)
    try:
        assert not pipeline.ingest([docs]).failed
    finally:
        pipeline.close()
    csv = tmp_path / "utfall.csv"
    csv.write_text("Indikator,Enhet,Period,Utfall\nSjukfrånvaro,Vuxenenheten,2024-T1,6 %\n", encoding="utf-8")
    import_path(settings.db_path, csv)
    client = await make_client(settings, KnowledgeService(settings))

    with_outcome = await client.post("/api/ask", json={"question": "hur ligger vi till med sjukfrånvaron?"})
    chart = with_outcome.headers.get("X-Planbot-Chart")
    assert chart and chart.startswith("/charts/indicator?")
    svg = await client.get(chart)
    assert svg.status == 200 and svg.content_type == "image/svg+xml"
    assert "6 %" in await svg.text()

    without = await client.post("/api/ask", json={"question": "vad är årsmålet för nöjda brukare?"})
    assert (await without.json())["kind"] == "indicator"
    assert "X-Planbot-Chart" not in without.headers, "no outcomes, no chart"
    missing = await client.get("/charts/indicator", params={"source": "nope.txt", "name": "x"})
    assert missing.status == 404
