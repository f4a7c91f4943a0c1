""" "Min enhet": parsing, the store, and the default unit in Teams and the web chat."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.users import (
    KeyKind,
    UnitAction,
    UnitCommand,
    UserStore,
    import_csv,
    match_unit,
    parse_unit_command,
    user_key,
)
from tests.bot.fakes import UNIT, FakeConnector, FakeService
from tests.bot.test_http_messages import activity

UNITS = [UNIT, "Ekonomiskt bistånd", "Enheten för ekonomiskt bistånd och beroende"]


def test_unit_commands_are_parsed() -> None:
    assert parse_unit_command("min enhet") == UnitCommand(UnitAction.SHOW)
    assert parse_unit_command("Min enhet ingen.") == UnitCommand(UnitAction.CLEAR)
    assert parse_unit_command("min enhet är Stöd- och aktivitetsenheten") == UnitCommand(
        UnitAction.SET, "Stöd- och aktivitetsenheten"
    )
    assert parse_unit_command("Jag jobbar på Ekonomiskt bistånd!") == UnitCommand(
        UnitAction.SET, "Ekonomiskt bistånd"
    )
    assert parse_unit_command("Vad gör min enhet?") is None
    assert parse_unit_command("Vilka mål har enheten?") is None


def test_written_units_match_ingested_ones() -> None:
    assert match_unit("stöd- och aktivitetsenheten", UNITS) == UNIT
    assert match_unit("Stöd och aktivitetsenheten", UNITS) == UNIT
    assert match_unit("beroende", UNITS) == "Enheten för ekonomiskt bistånd och beroende"
    assert match_unit("Ekonomiskt bistånd", UNITS) == "Ekonomiskt bistånd"
    assert match_unit("Barn och unga", UNITS) is None


def test_store_keeps_pseudonyms_only(tmp_path: Path) -> None:
    store = UserStore(tmp_path / "users.sqlite3")
    key = user_key(KeyKind.AAD, "aad-123")
    store.set_unit(key, UNIT)
    store.set_unit(key, "Ekonomiskt bistånd")
    assert store.unit_of(["web:none", key]) == "Ekonomiskt bistånd"
    assert store.clear_unit([key]) and store.unit_of([key]) is None
    store.close()
    with sqlite3.connect(tmp_path / "users.sqlite3") as db:
        dump = "\n".join(db.iterdump())
    assert "aad-123" not in dump


def test_csv_import_by_object_id_or_email(tmp_path: Path) -> None:
    path = tmp_path / "enheter.csv"
    path.write_text(
        "aadObjectId;email;unit\n"
        "aad-1;;stöd- och aktivitetsenheten\n"
        ";Anna.Andersson@Stockholm.se;Ekonomiskt bistånd\n"
        "aad-3;;Barn och unga\n"
        ";;Ekonomiskt bistånd\n",
        encoding="utf-8",
    )
    store = UserStore(tmp_path / "users.sqlite3")
    result = import_csv(store, path, UNITS)
    assert result.imported == 3
    assert result.unknown_units == [(4, "Barn och unga")]
    assert len(result.errors) == 1 and "rad 5" in result.errors[0]
    assert store.unit_of([user_key(KeyKind.AAD, "aad-1")]) == UNIT
    assert store.unit_of([user_key(KeyKind.MAIL, "anna.andersson@stockholm.se")]) == "Ekonomiskt bistånd"
    bad = tmp_path / "fel.csv"
    bad.write_text("namn,enhet\nAnna,X\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"fel\.csv: kolumnerna saknas"):
        import_csv(store, bad, UNITS)


async def test_teams_min_enhet_is_kept_across_conversations(
    client: TestClient, connector: tuple[FakeConnector, str], fake_service: FakeService
) -> None:
    fake, url = connector

    async def say(text: str, conversation: str) -> str:
        before = len(fake.messages())
        body = activity(url, text=text)
        body["conversation"]["id"] = conversation
        await client.post("/api/messages", json=body)
        return str(fake.messages()[before]["text"])

    assert "ingen enhet sparad" in await say("min enhet", "a:chat-1")
    assert "Ekonomiskt bistånd" in await say("min enhet ekonomiskt bistånd", "a:chat-1")
    reply = await say("Vad är vårt årsmål för sjukfrånvaro?", "a:chat-2")  # a new chat
    assert reply.startswith("Jag utgår från din enhet Ekonomiskt bistånd.")
    assert fake_service.default_units[-1] == "Ekonomiskt bistånd"
    assert "Din enhet är **Ekonomiskt bistånd**" in await say("min enhet", "a:chat-3")
    assert "glömt din enhet" in await say("min enhet ingen", "a:chat-3")
    await say("Vilka mål har enheten?", "a:chat-4")
    assert fake_service.default_units[-1] is None
    assert "hittar ingen enhet" in await say("min enhet Barn och unga", "a:chat-4")


async def test_web_chat_min_enhet_follows_the_browser(client: TestClient, fake_service: FakeService) -> None:
    async def ask(question: str, browser: str, conversation: str = "tab-1") -> dict[str, Any]:
        response = await client.post(
            "/api/ask",
            json={"question": question, "conversation_id": conversation},
            headers={"X-Planbot-Browser": browser},
        )
        assert response.status == 200
        return dict(await response.json())

    set_reply = await ask("jag jobbar på Stöd- och aktivitetsenheten", "browser-a")
    assert set_reply["kind"] == "command" and UNIT in set_reply["answer"]
    answer = await ask("Vilka mål har vi?", "browser-a", conversation="tab-2")
    assert answer["answer"].startswith(f"Jag utgår från din enhet {UNIT}.")
    await ask("Vilka mål har vi?", "browser-b")
    assert fake_service.default_units[-1] is None  # another browser has no unit
