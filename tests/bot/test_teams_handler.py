"""PlanbotBot driven through botbuilder's TestAdapter (no HTTP)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import pytest
from botbuilder.core import ConversationState, MemoryStorage
from botbuilder.core.adapters import TestAdapter
from botbuilder.core.serializer_helper import serializer_helper
from botbuilder.schema import Activity

from bot.examples import ExampleQuestions
from bot.feedback import FeedbackStore, hash_user_id
from bot.runner import ServiceRunner
from bot.teams import PlanbotBot, feedback_text, on_turn_error
from config.settings import Settings
from tests.bot.conftest import ADMIN_ID, PUBLIC_URL
from tests.bot.fakes import FakeService

if TYPE_CHECKING:
    from knowledge.service import KnowledgeService


@dataclass
class Harness:
    adapter: TestAdapter
    service: FakeService
    feedback: FeedbackStore
    reingest_calls: list[str]

    async def say(self, text: str, **extra: Any) -> list[Activity]:
        """Send a Teams-shaped message and return the bot's replies of type message."""
        body = {
            "type": "message",
            "text": text,
            "from": {"id": "29:user", "name": "Anna", "aadObjectId": extra.pop("aad", "aad-user")},
            **extra,
        }
        return await self.send(body)

    async def send(self, body: dict[str, Any]) -> list[Activity]:
        self.adapter.activity_buffer.clear()
        await self.adapter.receive_activity(Activity().deserialize(body))
        return [a for a in self.adapter.activity_buffer if a.type == "message"]


@pytest.fixture
async def make_harness(settings: Settings) -> AsyncIterator[Callable[..., Any]]:
    runners: list[ServiceRunner] = []

    async def factory(reingest: Callable[[], str] | str | None = "default") -> Harness:
        service = FakeService()
        runner = ServiceRunner(cast("KnowledgeService", service))
        runners.append(runner)
        await runner.warm_up()
        feedback = FeedbackStore(settings.data_dir / "feedback.sqlite3")
        feedback.migrate()
        calls: list[str] = []

        def fake_reingest() -> str:
            calls.append(threading.current_thread().name)
            return "Inläst: 4 dokument, 0 fel."

        chosen = fake_reingest if reingest == "default" else reingest
        examples = ExampleQuestions()
        await examples.get(runner)  # checked once, as at server start
        service.calls.clear()
        bot = PlanbotBot(
            settings,
            runner,
            feedback,
            ConversationState(MemoryStorage()),
            chosen,  # type: ignore[arg-type]
            examples=examples,
        )
        return Harness(TestAdapter(bot.on_turn), service, feedback, calls)

    yield factory
    for runner in runners:
        runner.shutdown()


async def test_question_is_answered_teams_natively(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    mention = {"type": "mention", "text": "<at>Planbot</at>", "mentioned": {"id": "bot", "name": "Planbot"}}
    (reply,) = await harness.say("<at>Planbot</at> Vilka mål har enheten?", entities=[mention])
    assert harness.service.calls[0][0] == "Vilka mål har enheten?"
    assert "[1]" in reply.text
    assert reply.channel_data == {"feedbackLoopEnabled": True}
    wire = reply.serialize()
    assert wire["entities"][0]["additionalType"] == ["AIGeneratedContent"]
    assert wire["entities"][0]["citation"][1]["appearance"]["url"].startswith(f"{PUBLIC_URL}/sources/")
    assert [a.value for a in reply.suggested_actions.actions] == [
        "Vilka indikatorer har enheten?",
        "Vilka aktiviteter planeras?",
    ]
    # A typing indicator goes out while the answer is computed.
    assert [a.type for a in harness.adapter.activity_buffer] == ["typing", "message"]


async def test_context_carries_over_and_ny_forgets_it(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    await harness.say("Hur går det med indikatorn?")
    await harness.say("Och förra året?")
    follow_up_context = harness.service.calls[1][1]
    assert follow_up_context is not None and follow_up_context.indicator == "Andel nöjda brukare"
    (reply,) = await harness.say("ny")
    assert "börjar om" in reply.text
    await harness.say("Vilka mål finns?")
    assert harness.service.calls[2][1] is not None and harness.service.calls[2][1].indicator is None


async def test_help_and_units_commands(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    (help_reply,) = await harness.say("Hjälp!")
    assert "Stöd- och aktivitetsenheten (2020)" in help_reply.text
    assert "**enheter**" in help_reply.text and "**ny**" in help_reply.text
    assert len(help_reply.suggested_actions.actions) == 3
    (units,) = await harness.say("enheter")
    assert "**Enheten för ekonomiskt bistånd och beroende** (Hägersten-Älvsjö): 2023" in units.text
    assert harness.service.calls == []


async def test_welcome_for_new_members_but_not_for_the_bot_in_a_team(
    make_harness: Callable[..., Any],
) -> None:
    harness: Harness = await make_harness()
    base = {"type": "conversationUpdate", "conversation": {"id": "c1", "conversationType": "channel"}}
    replies = await harness.send({**base, "membersAdded": [{"id": "bot"}]})
    assert replies == []
    replies = await harness.send({**base, "membersAdded": [{"id": "29:new-1"}, {"id": "29:new-2"}]})
    (welcome,) = replies
    assert welcome.text.startswith("Hej! Jag är **Planbot**")
    assert "Prova till exempel" in welcome.text


async def test_personal_install_is_welcomed(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    body = {
        "type": "conversationUpdate",
        "conversation": {"id": "c2", "conversationType": "personal"},
        "membersAdded": [{"id": "bot"}],
    }
    (welcome,) = await harness.send(body)
    assert "Kommandon" in welcome.text


async def test_admin_can_reingest_in_the_thread_pool(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    started, done = await harness.say("uppdatera", aad=ADMIN_ID)
    assert "läser in dokumenten" in started.text
    assert "Inläst: 4 dokument" in done.text
    assert harness.reingest_calls and harness.reingest_calls[0].startswith("planbot")


async def test_non_admin_is_refused_politely(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    (reply,) = await harness.say("Uppdatera", aad="someone-else")
    assert reply.text.startswith("Tyvärr")
    assert harness.reingest_calls == []


async def test_reingest_not_configured(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness(reingest=None)
    (reply,) = await harness.say("uppdatera", aad=ADMIN_ID)
    assert "inte aktiverad" in reply.text


async def test_too_long_question_gets_a_swedish_answer(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    (reply,) = await harness.say("x" * 20_000)
    assert "för lång" in reply.text and "2000" in reply.text
    assert harness.service.calls == []


async def test_service_failure_apologises_without_details(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    harness.adapter.on_turn_error = on_turn_error
    (reply,) = await harness.say("Får jag en krasch?")
    assert reply.text.startswith("Något gick fel")
    assert "Traceback" not in reply.text


async def test_feedback_invoke_is_stored_and_linked(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    await harness.say("Vilka mål har enheten?")
    with sqlite3.connect(harness.feedback.path) as db:
        (sent_key,) = db.execute("SELECT id FROM sent_messages").fetchone()
    conversation_id, reply_id = sent_key.split("#")
    assert conversation_id == "Convo1"  # TestAdapter's conversation
    harness.adapter.activity_buffer.clear()
    await harness.adapter.receive_activity(
        Activity().deserialize(
            {
                "type": "invoke",
                "name": "message/submitAction",
                "replyToId": reply_id,
                "from": {"id": "29:user", "aadObjectId": "aad-user"},
                "value": {
                    "actionName": "feedback",
                    "actionValue": {"reaction": "like", "feedback": '{"feedbackText": "Bra, tack!"}'},
                },
            }
        )
    )
    (response,) = harness.adapter.activity_buffer
    assert response.type == "invokeResponse" and response.value.status == 200
    (record,) = harness.feedback.all_feedback()
    assert (record.reaction, record.comment, record.channel) == ("like", "Bra, tack!", "teams")
    assert record.question == "Vilka mål har enheten?"
    assert record.user_id == hash_user_id("aad-user")


async def test_malformed_feedback_invoke_is_rejected(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    await harness.adapter.receive_activity(
        Activity().deserialize(
            {"type": "invoke", "name": "message/submitAction", "value": {"actionName": "x"}}
        )
    )
    (response,) = harness.adapter.activity_buffer
    assert response.value.status == 400
    assert harness.feedback.all_feedback() == []


def test_feedback_text_shapes() -> None:
    assert feedback_text('{"feedbackText": " Saknar källa "}') == "Saknar källa"
    assert feedback_text({"feedbackText": "Objekt"}) == "Objekt"
    assert feedback_text("vanlig text") == "vanlig text"
    assert feedback_text(None) == ""


async def test_attachments_without_text_are_explained(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    attachment = {"contentType": "application/vnd.microsoft.teams.file.download.info", "name": "plan.pdf"}
    (reply,) = await harness.say("", attachments=[attachment])
    assert "bifogade filer" in reply.text
    assert harness.service.calls == []


def _vote(reaction: str, reply_to: str | None = None, aad: str = "aad-user") -> Activity:
    body: dict[str, Any] = {
        "type": "invoke",
        "name": "message/submitAction",
        "id": f"vote-{reaction}-{reply_to}",
        "from": {"id": "29:user", "aadObjectId": aad},
        "value": {"actionName": "feedback", "actionValue": {"reaction": reaction}},
    }
    if reply_to:
        body["replyToId"] = reply_to
    return Activity().deserialize(body)


async def test_feedback_invoke_answers_with_an_object_body(make_harness: Callable[..., Any]) -> None:
    harness: Harness = await make_harness()
    await harness.say("Vilka mål har enheten?")
    harness.adapter.activity_buffer.clear()
    await harness.adapter.receive_activity(_vote("like"))
    (response,) = harness.adapter.activity_buffer
    # Teams reads `.status` from the body: `null` made the Playground show "Unable to reach app".
    assert response.value.status == 200
    assert serializer_helper(response.value.body) == {}


async def test_vote_without_reply_to_links_to_the_users_latest_answer(
    make_harness: Callable[..., Any],
) -> None:
    harness: Harness = await make_harness()
    await harness.say("Vilka mål har enheten?")
    await harness.adapter.receive_activity(_vote("dislike"))
    await harness.say("Hur går det med indikatorn?")
    await harness.say("Vilka mål har enheten?", aad="aad-other")  # another user's answer is newer
    await harness.adapter.receive_activity(_vote("like"))
    records = harness.feedback.all_feedback()
    assert [(r.reaction, r.question) for r in records] == [
        ("dislike", "Vilka mål har enheten?"),
        ("like", "Hur går det med indikatorn?"),
    ]
    assert records[0].message_id != records[1].message_id


async def test_a_clarify_button_title_sent_back_asks_the_full_question(
    make_harness: Callable[..., Any],
) -> None:
    harness: Harness = await make_harness()
    (clarify,) = await harness.say("Vilka mål har vilken enhet?")
    titles = [a.title for a in clarify.suggested_actions.actions]
    assert titles == ["Stöd- och aktivitetsenheten", "Ekonomiskt bistånd"]
    # The Agents Playground sends the button's title, not its value.
    await harness.say("Ekonomiskt bistånd")
    assert harness.service.calls[-1][0] == "Vilka mål har Ekonomiskt bistånd?"
