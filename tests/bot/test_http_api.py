"""The JSON API, source views and pages over real HTTP on loopback."""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from config.settings import Settings
from tests.bot.conftest import ClientFactory, wait_ready
from tests.bot.fakes import QUOTE_1, SOURCE, FakeService


async def test_healthz_is_503_until_warm_up_finishes(make_client: ClientFactory, settings: Settings) -> None:
    gate = threading.Event()
    client = await make_client(settings, FakeService(gate=gate), ready=False)
    response = await client.get("/healthz")
    assert response.status == 503
    assert (await response.json()) == {"status": "starting"}
    ask = await client.post("/api/ask", json={"question": "Vilka mål?"})
    assert ask.status == 503
    assert "startar" in (await ask.json())["error"]
    gate.set()
    await wait_ready(client)
    response = await client.get("/healthz")
    assert (await response.json()) == {"status": "ok", "documents": 3}


async def test_ask_returns_the_api_shape(client: TestClient) -> None:
    response = await client.post("/api/ask", json={"question": "  Vilka mål har enheten?  "})
    assert response.status == 200
    body = await response.json()
    assert set(body) == {"answer", "kind", "citations", "suggestions"}
    assert body["kind"] == "passages"
    assert body["citations"][0]["n"] == 1 and body["citations"][0]["source"] == SOURCE
    assert body["suggestions"] == ["Vilka indikatorer har enheten?", "Vilka aktiviteter planeras?"]
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Planbot-Message-Id"])


async def test_context_follows_the_conversation_id(client: TestClient, fake_service: FakeService) -> None:
    await client.post("/api/ask", json={"question": "Hur går indikatorn?", "conversation_id": "tab-1"})
    await client.post("/api/ask", json={"question": "Och 2019?", "conversation_id": "tab-1"})
    await client.post("/api/ask", json={"question": "Och 2019?", "conversation_id": "tab-2"})
    await client.post("/api/ask", json={"question": "Och 2019?"})
    contexts = [context for _, context in fake_service.calls]
    assert contexts[0] is None
    assert contexts[1] is not None and contexts[1].indicator == "Andel nöjda brukare"
    assert contexts[2] is None and contexts[3] is None
    forget = await client.post("/api/forget", json={"conversation_id": "tab-1"})
    assert forget.status == 200
    await client.post("/api/ask", json={"question": "Och 2019?", "conversation_id": "tab-1"})
    assert fake_service.calls[-1][1] is None


async def test_bad_input_gets_swedish_400s_and_the_server_keeps_serving(client: TestClient) -> None:
    bad_requests: list[dict[str, Any]] = [
        {"json": {"question": ""}},
        {"json": {"question": "   "}},
        {"json": {"question": "x" * 20_000}},
        {"data": b"inte json", "headers": {"Content-Type": "application/json"}},
        {"data": b"\xff\xfe", "headers": {"Content-Type": "application/json"}},
        {"json": {"question": 42}},
        {"json": {"question": ["lista"]}},
        {"json": {"fraga": "fel fält"}},
        {"json": ["question"]},
        {"data": b"null", "headers": {"Content-Type": "application/json"}},
        {"json": {"question": "ok", "conversation_id": 7}},
        {"json": {"question": "ok", "conversation_id": "<script>"}},
    ]
    for kwargs in bad_requests:
        response = await client.post("/api/ask", **kwargs)
        assert response.status == 400, kwargs
        body = await response.json()
        assert set(body) == {"error"} and body["error"]
        assert "Traceback" not in body["error"]
    too_long = await client.post("/api/ask", json={"question": "x" * 20_000})
    assert "för lång" in (await too_long.json())["error"]
    ok = await client.post("/api/ask", json={"question": "Vilka mål har enheten?"})
    assert ok.status == 200


async def test_service_errors_never_show_a_stack_trace(client: TestClient) -> None:
    response = await client.post("/api/ask", json={"question": "Ge mig en krasch"})
    assert response.status == 500
    body = await response.json()
    assert body["error"].startswith("Något gick fel")
    assert "Traceback" not in await response.text()
    assert (await client.get("/healthz")).status == 200


async def test_unknown_routes_and_methods_answer_in_swedish(client: TestClient) -> None:
    missing = await client.get("/api/finns-inte")
    assert missing.status == 404 and (await missing.json())["error"] == "Sidan eller resursen finns inte."
    wrong_method = await client.get("/api/ask")
    assert wrong_method.status == 405 and "metoden" in (await wrong_method.json())["error"]
    page = await client.get("/finns-inte")
    assert page.status == 404 and 'lang="sv"' in await page.text()


async def test_web_feedback_is_stored_with_the_answer(client: TestClient, settings: Settings) -> None:
    asked = await client.post(
        "/api/ask", json={"question": "Vilka mål har enheten?", "conversation_id": "t1"}
    )
    message_id = asked.headers["X-Planbot-Message-Id"]
    vote = await client.post("/api/feedback", json={"message_id": message_id, "reaction": "dislike"})
    assert vote.status == 200 and (await vote.json())["message"] == "Tack för din återkoppling!"
    comment = {"message_id": message_id, "reaction": "dislike", "comment": "Fel år, se 850101-1234"}
    assert (await client.post("/api/feedback", json=comment)).status == 200
    with sqlite3.connect(settings.data_dir / "feedback.sqlite3") as db:
        rows = db.execute(
            "SELECT channel, reaction, comment, question, conversation_id FROM feedback"
        ).fetchall()
    assert rows == [("web", "dislike", "Fel år, se [personnummer]", "Vilka mål har enheten?", "t1")]
    unknown = await client.post("/api/feedback", json={"message_id": "nope", "reaction": "like"})
    assert unknown.status == 404
    for bad in (
        {"message_id": message_id, "reaction": "meh"},
        {"reaction": "like"},
        {"message_id": message_id},
    ):
        assert (await client.post("/api/feedback", json=bad)).status == 400


async def test_source_view_highlights_the_quote(client: TestClient) -> None:
    response = await client.get(f"/sources/{SOURCE}", params={"q": QUOTE_1, "n": "1"})
    assert response.status == 200
    page = await response.text()
    assert '<div id="c1" class="chunk hit">' in page
    mark = re.search(r'<mark id="markering" tabindex="-1">(.*?)</mark>', page, re.S)
    assert mark is not None
    assert re.sub(r"\s+", " ", mark.group(1)) == QUOTE_1  # found across the line break
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")


async def test_source_view_without_exact_match_and_unknown_source(client: TestClient) -> None:
    fuzzy = await client.get(
        f"/sources/{SOURCE}", params={"q": "Brukarundersökningen genomförs varje år under våren"}
    )
    page = await fuzzy.text()
    assert 'class="chunk hit"' in page and "<mark" not in page
    nothing = await client.get(f"/sources/{SOURCE}", params={"q": "helt orelaterad mening om fotboll"})
    assert "kunde inte hittas" in await nothing.text()
    missing = await client.get("/sources/finns-inte.pdf")
    assert missing.status == 404 and "finns inte" in await missing.text()


async def test_web_chat_page_and_assets_are_served_locally(client: TestClient) -> None:
    page = await client.get("/")
    html = await page.text()
    assert page.status == 200 and 'lang="sv"' in html
    assert "http://" not in html and "https://" not in html, "no external assets"
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert (await client.get(asset)).status == 200, asset
    script = await (await client.get("/static/app.js")).text()
    assert "https://" not in script and "http://" not in script


async def test_log_lines_never_hold_a_personnummer(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await client.post("/api/ask", json={"question": "Ge mig en krasch för 850101-1234"})
    await client.get(f"/sources/{SOURCE}", params={"q": "gäller 19850101-1234"})
    assert "Answering failed" in caplog.text, "the service error is logged"
    assert "RuntimeError" in caplog.text
    assert "850101-1234" not in caplog.text
    assert "[personnummer]" in caplog.text


def test_indicator_rows_get_column_headers() -> None:
    from bot.pages import render_source
    from tests.bot.fakes import FakeSection, FakeView

    crumb = "Plan › KF:s mål 3.2 › Indikatorer"
    view = FakeView(
        source="p.txt",
        title="Plan",
        unit="U",
        district=None,
        year=2020,
        type="verksamhetsplan",
        sections=[
            FakeSection(heading_path=["Indikatorer"], breadcrumb=crumb, text=text, page=4)
            for text in (
                "Sjukfrånvaro\t7,5 %\tTas fram av nämnd\tTertial",
                "Sjukfrånvaro dag 1-14\t2,5 %\t\tTertial",
            )
        ],
    )
    page = render_source(view, "Sjukfrånvaro dag 1-14", 2)  # type: ignore[arg-type]
    headers = re.findall(r'<th scope="col">(.*?)</th>', page)
    assert headers == ["Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"]
    assert page.count("<thead>") == 1  # one header for the section's rows
    row = re.search(r'<tr id="c2" class="chunk hit">(.*?)</tr>', page)
    assert row and '<mark id="markering" tabindex="-1">Sjukfrånvaro dag 1-14</mark>' in row.group(1)
    assert "<td>2,5 %</td>" in row.group(1)
