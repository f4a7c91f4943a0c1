"""POST /api/messages over real HTTP, with a local fake Bot Connector receiving the replies."""

from __future__ import annotations

import sqlite3
from typing import Any

from aiohttp.test_utils import TestClient

from config.settings import Settings
from tests.bot.conftest import PUBLIC_URL, ClientFactory
from tests.bot.fakes import SOURCE, FakeConnector, FakeService

BOT_ID = "28:planbot"


def activity(service_url: str, **fields: Any) -> dict[str, Any]:
    """An incoming Teams activity as the Bot Framework would post it."""
    body: dict[str, Any] = {
        "type": "message",
        "id": "incoming-1",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "timestamp": "2024-05-02T08:00:00.000Z",
        "from": {"id": "29:user-1", "name": "Anna", "aadObjectId": "aad-user-1"},
        "recipient": {"id": BOT_ID, "name": "Planbot"},
        "conversation": {"id": "a:personal-conv", "conversationType": "personal", "tenantId": "t1"},
        "locale": "sv-SE",
    }
    body.update(fields)
    return body


async def test_message_reply_is_posted_to_the_connector(
    client: TestClient, connector: tuple[FakeConnector, str], fake_service: FakeService
) -> None:
    fake, url = connector
    mention = {"type": "mention", "text": "<at>Planbot</at>", "mentioned": {"id": BOT_ID, "name": "Planbot"}}
    body = activity(url, text="<at>Planbot</at> Vilka mål har enheten?", entities=[mention])
    response = await client.post("/api/messages", json=body)
    assert response.status in (200, 201)
    assert fake_service.calls[0][0] == "Vilka mål har enheten?"
    assert [a["type"] for a in fake.received] == ["typing", "message"]
    assert fake.paths[-1] == "/v3/conversations/a:personal-conv/activities/incoming-1"
    reply = fake.messages()[0]
    assert reply["replyToId"] == "incoming-1"
    assert reply["channelData"] == {"feedbackLoopEnabled": True}
    (entity,) = reply["entities"]
    assert entity == {
        "type": "https://schema.org/Message",
        "@type": "Message",
        "@context": "https://schema.org",
        "@id": "",
        "additionalType": ["AIGeneratedContent"],
        "citation": entity["citation"],
    }
    first = entity["citation"][0]
    assert first["@type"] == "Claim" and first["position"] == 1
    assert first["appearance"]["@type"] == "DigitalDocument"
    assert first["appearance"]["url"].startswith(f"{PUBLIC_URL}/sources/{SOURCE}?q=")
    assert first["appearance"]["url"].endswith("#c1")
    assert [a["type"] for a in reply["suggestedActions"]["actions"]] == ["imBack", "imBack"]


async def test_indicator_reply_carries_the_card(
    client: TestClient, connector: tuple[FakeConnector, str]
) -> None:
    fake, url = connector
    await client.post("/api/messages", json=activity(url, text="Hur går det med indikatorn?"))
    (reply,) = fake.messages()
    (attachment,) = reply["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    facts = {f["title"]: f["value"] for f in attachment["content"]["body"][1]["facts"]}
    assert facts["Årsmål"] == "85 %" and facts["Status"] == "Delvis uppfyllt"


async def test_feedback_invoke_is_answered_and_stored(
    client: TestClient, connector: tuple[FakeConnector, str], settings: Settings
) -> None:
    fake, url = connector
    await client.post("/api/messages", json=activity(url, text="Vilka mål har enheten?"))
    reply_id = f"reply-{len(fake.received)}"  # the id the connector gave the answer
    invoke = activity(
        url,
        type="invoke",
        id="invoke-1",
        name="message/submitAction",
        replyToId=reply_id,
        value={
            "actionName": "feedback",
            "actionValue": {"reaction": "dislike", "feedback": '{"feedbackText":"Fel enhet, 19850101-1234"}'},
        },
    )
    response = await client.post("/api/messages", json=invoke)
    assert response.status == 200
    assert await response.json() == {}  # not `null`: Teams clients read `.status` from it
    with sqlite3.connect(settings.data_dir / "feedback.sqlite3") as db:
        rows = db.execute(
            "SELECT channel, reaction, comment, question, conversation_id, message_id, citations "
            "FROM feedback"
        ).fetchall()
    ((channel, reaction, comment, question, conversation, message_id, citations),) = rows
    assert (channel, reaction, question) == ("teams", "dislike", "Vilka mål har enheten?")
    assert comment == "Fel enhet, [personnummer]"
    assert (conversation, message_id) == ("a:personal-conv", f"a:personal-conv#{reply_id}")
    assert SOURCE in citations


async def test_welcome_on_conversation_update(
    client: TestClient, connector: tuple[FakeConnector, str]
) -> None:
    fake, url = connector
    update = activity(url, type="conversationUpdate", membersAdded=[{"id": "29:user-1"}, {"id": BOT_ID}])
    update.pop("from")
    await client.post("/api/messages", json=update)
    (welcome,) = fake.messages()
    assert "Stöd- och aktivitetsenheten (2020)" in welcome["text"]
    assert len(welcome["suggestedActions"]["actions"]) == 3


async def test_malformed_bodies_are_400(client: TestClient) -> None:
    not_json = await client.post("/api/messages", data=b"{", headers={"Content-Type": "application/json"})
    assert not_json.status == 400
    no_type = await client.post("/api/messages", json={"text": "hej"})
    assert no_type.status == 400
    wrong_media = await client.post("/api/messages", data=b"hej", headers={"Content-Type": "text/plain"})
    assert wrong_media.status == 415
    assert "JSON" in (await wrong_media.json())["error"]


async def test_auth_on_rejects_missing_and_bad_tokens(
    make_client: ClientFactory, settings: Settings, connector: tuple[FakeConnector, str]
) -> None:
    fake, url = connector
    secured = settings.model_copy(
        update={"app_id": "00000000-1111-2222-3333-444444444444", "app_password": "pw"}
    )
    client = await make_client(secured, FakeService())
    body = activity(url, text="Vilka mål har enheten?")
    missing = await client.post("/api/messages", json=body)
    assert missing.status == 401
    assert (await missing.json())["error"] == "Förfrågan saknar giltig behörighet."
    garbage = await client.post("/api/messages", json=body, headers={"Authorization": "Bearer inte.en.token"})
    assert garbage.status == 401
    wrong_scheme = await client.post(
        "/api/messages", json=body, headers={"Authorization": "Basic dXNlcjpwdw=="}
    )
    assert wrong_scheme.status == 401
    assert fake.received == []
    assert (await client.get("/healthz")).status == 200


async def test_auth_off_accepts_unauthenticated_activities(
    client: TestClient, connector: tuple[FakeConnector, str]
) -> None:
    fake, url = connector
    response = await client.post("/api/messages", json=activity(url, text="hjälp"))
    assert response.status in (200, 201)
    assert len(fake.messages()) == 1
