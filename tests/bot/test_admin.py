"""The admin HTTP API over real HTTP: token, uploads, ingest, removal, import, reports; and charts."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.admin import add_admin_routes
from bot.charts import add_chart_routes, chart_url
from bot.uploads import UploadError, safe_name
from config.settings import Settings
from indicators.importer import import_path
from indicators.store import IndicatorStore
from ingest.report import IngestReport, ReportRow, Status
from knowledge.store.catalog import Catalog
from knowledge.store.snapshot import Snapshot
from tests.indicators.plans import UNIT, standard_catalog

TOKEN = "hemligt-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CSV = f"Enhet;Indikator;Period;Utfall\n{UNIT};Sjukfrånvaro dag 1-14;2023-T1;3,2 %\n"


class FakeIngest:
    """Records calls; reports each path as new, or as failed when its name says so."""

    def __init__(self) -> None:
        self.calls: list[list[Path]] = []
        self.explode = False

    def __call__(self, paths: list[Path]) -> IngestReport:
        self.calls.append(list(paths))
        if self.explode:
            raise RuntimeError("disk full")
        for p in paths:
            assert p.exists()  # the file is in place while ingest runs
        rows = [
            ReportRow(source=p.name, status=Status.FAILED, error="kan inte läsas")
            if "trasig" in p.name
            else ReportRow(source=p.name, status=Status.NEW, warnings=["ingen enhet hittades"])
            for p in paths
        ]
        return IngestReport(rows=rows, seconds=0.1)


class Service:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def snapshot(self) -> Snapshot:
        return Snapshot.load(self.catalog)


def settings_for(tmp_path: Path, token: str = TOKEN, max_mb: int = 1) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, admin_token=token, max_upload_mb=max_mb)  # type: ignore[call-arg]


@pytest.fixture
def ingest() -> FakeIngest:
    return FakeIngest()


@pytest.fixture
def removed() -> list[str]:
    return []


Factory = Callable[..., Any]


@pytest.fixture
async def make_client(tmp_path: Path, ingest: FakeIngest, removed: list[str]) -> AsyncIterator[Factory]:
    clients: list[TestClient] = []

    async def factory(token: str = TOKEN, max_mb: int = 1) -> TestClient:
        settings = settings_for(tmp_path, token, max_mb)
        catalog = standard_catalog(tmp_path, with_chunks=True)

        def remove(source: str) -> bool:
            removed.append(source)
            return source == "eb-2023.txt"

        app = web.Application()
        add_admin_routes(
            app, settings, None, ingest, lambda p, d: import_path(settings.db_path, p, d), remove
        )
        add_chart_routes(app, Service(catalog), today=lambda: dt.date(2023, 6, 1))
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        clients.append(client)
        return client

    yield factory
    for c in clients:
        await c.close()


def form(name: str, content: bytes, **fields: str) -> aiohttp.FormData:
    data = aiohttp.FormData()
    for key, value in fields.items():
        data.add_field(key, value)
    data.add_field("file", content, filename=name, content_type="application/octet-stream")
    return data


async def test_off_without_token(make_client: Factory) -> None:
    client = await make_client(token="")
    for method, path in [
        ("POST", "/api/admin/ingest"),
        ("DELETE", "/api/admin/documents/x.txt"),
        ("POST", "/api/admin/indicators/import"),
        ("GET", "/api/admin/report"),
    ]:
        response = await client.request(method, path, headers=AUTH)
        assert response.status == 404, path
        assert "avstängt" in (await response.json())["error"]


async def test_missing_or_wrong_token_is_401(make_client: Factory, ingest: FakeIngest) -> None:
    client = await make_client()
    for headers in ({}, {"Authorization": "Bearer fel"}, {"Authorization": TOKEN}):
        response = await client.post("/api/admin/ingest", headers=headers)
        assert response.status == 401
        assert response.headers["WWW-Authenticate"] == "Bearer"
    assert ingest.calls == []


async def test_upload_is_saved_ingested_and_reported(
    make_client: Factory, ingest: FakeIngest, tmp_path: Path
) -> None:
    client = await make_client()
    response = await client.post(
        "/api/admin/ingest", data=form("Plan 2024 – Enhet.txt", b"Verksamhetsplan"), headers=AUTH
    )
    assert response.status == 200
    saved = tmp_path / "uploads" / "Plan 2024 – Enhet.txt"
    assert ingest.calls == [[saved]] and saved.read_bytes() == b"Verksamhetsplan"
    assert [p.name for p in (tmp_path / "uploads").iterdir()] == [saved.name]  # no staging left
    report = await (await client.get("/api/admin/report", headers=AUTH)).json()
    assert report["import"] is None
    assert report["ingest"]["ok"] is True
    assert report["ingest"]["warnings"] == ["Plan 2024 – Enhet.txt: ingen enhet hittades"]


async def test_reingest_of_folders_without_files(make_client: Factory, ingest: FakeIngest) -> None:
    client = await make_client()
    assert (await client.post("/api/admin/ingest", headers=AUTH)).status == 200
    assert ingest.calls == [[]]


@pytest.mark.parametrize(
    ("name", "content", "status"),
    [
        ("virus.exe", b"MZ", 415),
        ("../../etc/passwd.txt", b"x", 400),
        (".hidden.txt", b"x", 400),
        ("stor.txt", b"x" * (1024 * 1024 + 1), 413),
    ],
)
async def test_rejected_uploads_change_nothing(
    make_client: Factory, ingest: FakeIngest, tmp_path: Path, name: str, content: bytes, status: int
) -> None:
    client = await make_client()
    response = await client.post("/api/admin/ingest", data=form(name, content), headers=AUTH)
    assert response.status == status
    assert (await response.json())["error"]
    assert ingest.calls == []
    assert list((tmp_path / "uploads").iterdir()) == []
    assert not (tmp_path / "etc").exists()


async def test_failed_ingest_restores_the_previous_upload(
    make_client: Factory, ingest: FakeIngest, tmp_path: Path
) -> None:
    client = await make_client()
    assert (await client.post("/api/admin/ingest", data=form("plan.txt", b"v1"), headers=AUTH)).status == 200
    ingest.explode = True
    response = await client.post("/api/admin/ingest", data=form("plan.txt", b"v2"), headers=AUTH)
    assert response.status == 500 and "inget ändrades" in (await response.json())["error"]
    assert (tmp_path / "uploads" / "plan.txt").read_bytes() == b"v1"
    ingest.explode = False
    response = await client.post("/api/admin/ingest", data=form("trasig.txt", b"??"), headers=AUTH)
    assert response.status == 422
    assert not (tmp_path / "uploads" / "trasig.txt").exists()
    assert [p.name for p in (tmp_path / "uploads").iterdir()] == ["plan.txt"]


async def test_delete_document(make_client: Factory, removed: list[str], tmp_path: Path) -> None:
    client = await make_client()
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "eb-2023.txt").write_text("x")
    response = await client.delete("/api/admin/documents/eb-2023.txt", headers=AUTH)
    assert response.status == 200 and (await response.json()) == {"removed": "eb-2023.txt"}
    assert not (tmp_path / "uploads" / "eb-2023.txt").exists()
    response = await client.delete("/api/admin/documents/finns-inte.txt", headers=AUTH)
    assert response.status == 404 and "finns-inte.txt" in (await response.json())["error"]
    assert (await client.delete("/api/admin/documents/..%2Fx.txt", headers=AUTH)).status in (400, 404)
    assert removed == ["eb-2023.txt", "finns-inte.txt"]


async def test_import_dry_run_then_real(make_client: Factory, tmp_path: Path) -> None:
    client = await make_client()
    response = await client.post(
        "/api/admin/indicators/import", data=form("utfall.csv", CSV.encode(), dry_run="1"), headers=AUTH
    )
    assert response.status == 200
    body = await response.json()
    assert body["report"]["dry_run"] is True and body["text"].startswith("Provkörning av utfall.csv")
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    assert [o for o in IndicatorStore(catalog.conn).outcomes() if o.imported_from] == []
    response = await client.post(
        "/api/admin/indicators/import", data=form("utfall.csv", CSV.encode()), headers=AUTH
    )
    assert (await response.json())["report"]["written"] == 1
    stored = [o for o in IndicatorStore(catalog.conn).outcomes() if o.imported_from]
    assert [(o.imported_from, o.outcome.value) for o in stored] == [("utfall.csv", "3,2 %")]
    report = await (await client.get("/api/admin/report", headers=AUTH)).json()
    assert report["import"]["ok"] is True and report["import"]["data"]["file"] == "utfall.csv"
    assert list((tmp_path / "uploads").iterdir()) == []  # the staged file is gone


async def test_import_refuses_broken_and_wrong_files(make_client: Factory, tmp_path: Path) -> None:
    client = await make_client()
    bad = b"Enhet;Indikator;Utfall\nx;y;1\n"
    response = await client.post("/api/admin/indicators/import", data=form("saknar.csv", bad), headers=AUTH)
    assert response.status == 400
    message = (await response.json())["error"]
    assert "saknar.csv" in message and "”period”" in message and "Inget importerades" in message
    response = await client.post("/api/admin/indicators/import", data=form("plan.pdf", b"%PDF"), headers=AUTH)
    assert response.status == 415
    response = await client.post("/api/admin/indicators/import", data=b"{}", headers=AUTH)
    assert response.status == 415
    catalog = Catalog(tmp_path / "planbot.sqlite3")
    assert [o for o in IndicatorStore(catalog.conn).outcomes() if o.imported_from] == []


async def test_indicator_chart(make_client: Factory) -> None:
    client = await make_client()
    await client.post("/api/admin/indicators/import", data=form("utfall.csv", CSV.encode()), headers=AUTH)
    response = await client.get(chart_url("eb-2023.txt", 2))
    assert response.status == 200 and response.content_type == "image/svg+xml"
    svg = await response.text()
    assert svg.startswith("<svg") and "Sjukfrånvaro dag 1-14" in svg and "3,2 %" in svg
    assert "Mål 3,5 %" in svg and ">årsmål<" in svg and "<script" not in svg
    by_name = await client.get(chart_url("eb-2023.txt", name="Sjukfrånvaro dag 1-14"))
    assert by_name.status == 200 and (await by_name.text()) == svg
    assert (await client.get(chart_url("eb-2023.txt", name="Finns inte"))).status == 404
    assert (await client.get("/charts/indicator?source=eb-2023.txt&idx=x")).status == 400
    assert (await client.get("/charts/indicator?source=eb-2023.txt&idx=99")).status == 404
    assert (await client.get("/charts/indicator?source=finns-inte.txt&idx=0")).status == 404


@pytest.mark.parametrize(
    "name", ["../x.txt", "a/b.txt", "a\\b.txt", ".env", "x\x00.txt", "", "  ", "..", "con<1>.txt"]
)
def test_safe_name_refuses_paths_and_odd_names(name: str) -> None:
    with pytest.raises(UploadError) as err:
        safe_name(name)
    assert err.value.status == 400


def test_safe_name_keeps_ordinary_swedish_names() -> None:
    assert safe_name("Verksamhetsplan 2023 för Stöd- och aktivitetsenheten (rev 2).docx") == (
        "Verksamhetsplan 2023 för Stöd- och aktivitetsenheten (rev 2).docx"
    )
