"""End to end with the real KnowledgeService over the ingested sample corpus."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from aiohttp.test_utils import TestClient

from bot.citations_entity import MAX_CITATIONS
from config.settings import Settings
from tests.bot.conftest import ClientFactory, make_settings
from tests.bot.fakes import FakeConnector
from tests.bot.test_http_messages import activity


async def _client(
    make_client: ClientFactory, sample_settings: Settings, knowledge_service: Any
) -> TestClient:
    settings = make_settings(sample_settings.data_dir, corpus_dirs=sample_settings.corpus_dirs)
    return await make_client(settings, knowledge_service)


async def test_ask_and_open_every_cited_source(
    make_client: ClientFactory, sample_settings: Settings, knowledge_service: Any
) -> None:
    client = await _client(make_client, sample_settings, knowledge_service)
    health = await (await client.get("/healthz")).json()
    assert health["status"] == "ok" and health["documents"] >= 4
    response = await client.post(
        "/api/ask",
        json={"question": "Vilka mål har Stöd- och aktivitetsenheten 2020?", "conversation_id": "e2e"},
    )
    assert response.status == 200
    body = await response.json()
    assert set(body) == {"answer", "kind", "citations", "suggestions"}
    if body["kind"] == "clarify":
        assert body["suggestions"]
        return
    assert body["citations"], body
    for cited in body["citations"]:
        assert f"[{cited['n']}]" in body["answer"]
        page = await client.get(
            f"/sources/{cited['source']}", params={"q": cited["quote"], "n": str(cited["n"])}
        )
        assert page.status == 200
        html = await page.text()
        assert f'id="c{cited["n"]}"' in html, f"citation {cited['n']} not located in its source"


async def test_teams_message_with_the_real_service(
    make_client: ClientFactory,
    sample_settings: Settings,
    knowledge_service: Any,
    connector: tuple[FakeConnector, str],
) -> None:
    client = await _client(make_client, sample_settings, knowledge_service)
    fake, url = connector
    await client.post(
        "/api/messages", json=activity(url, text="Vilka aktiviteter planerar Ekonomiskt bistånd 2020?")
    )
    (reply,) = fake.messages()
    entity = reply["entities"][0]
    assert entity["additionalType"] == ["AIGeneratedContent"]
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", reply["text"])}
    positions = {c["position"] for c in entity.get("citation", [])}
    # Teams takes at most MAX_CITATIONS citation entities; markers past that stay plain text.
    assert {m for m in markers if m <= MAX_CITATIONS} <= positions or not markers
    for claim in entity.get("citation", []):
        appearance = claim["appearance"]
        assert len(appearance["name"]) <= 80 and len(appearance["abstract"]) <= 160
        parts = urlsplit(appearance["url"])
        assert parts.path.startswith("/sources/") and parts.fragment == f"c{claim['position']}"
        local = await client.get(f"{parts.path}?{parts.query}")
        assert local.status == 200
    assert "|" not in reply["text"]


async def test_welcome_lists_the_ingested_units(
    make_client: ClientFactory,
    sample_settings: Settings,
    knowledge_service: Any,
    connector: tuple[FakeConnector, str],
) -> None:
    client = await _client(make_client, sample_settings, knowledge_service)
    fake, url = connector
    await client.post("/api/messages", json=activity(url, text="enheter"))
    (reply,) = fake.messages()
    assert "2020" in reply["text"] and "2023" in reply["text"]


async def test_every_start_page_example_is_answered_with_a_citation(
    make_client: ClientFactory, sample_settings: Settings, knowledge_service: Any
) -> None:
    client = await _client(make_client, sample_settings, knowledge_service)
    examples = (await (await client.get("/api/examples")).json())["examples"]
    assert len(examples) == 3, examples
    for question in examples:
        body = await (await client.post("/api/ask", json={"question": question})).json()
        assert body["kind"] not in ("clarify", "not_found") and body["citations"], (question, body)


async def test_min_enhet_answers_our_question_for_that_unit_in_a_new_chat(
    make_client: ClientFactory,
    sample_settings: Settings,
    knowledge_service: Any,
    connector: tuple[FakeConnector, str],
) -> None:
    client = await _client(make_client, sample_settings, knowledge_service)
    fake, url = connector
    first = activity(url, text="min enhet Stöd- och aktivitetsenheten")
    first["conversation"]["id"] = "a:chat-one"
    await client.post("/api/messages", json=first)
    assert "din enhet är **Stöd- och aktivitetsenheten**" in fake.messages()[-1]["text"]
    second = activity(url, text="Vad är vårt årsmål för sjukfrånvaro?")
    second["conversation"]["id"] = "a:chat-two"
    await client.post("/api/messages", json=second)
    reply = fake.messages()[-1]
    assert reply["text"].startswith("Jag utgår från din enhet Stöd- och aktivitetsenheten.")
    cited = reply["entities"][0]["citation"]
    assert cited and all("Stöd- och aktivitetsenheten" in c["appearance"]["name"] for c in cited), cited
