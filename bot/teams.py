"""The Teams bot: questions, commands, welcome, admin re-ingest and the feedback invoke."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from botbuilder.core import ActivityHandler, ConversationState, TurnContext
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, InvokeResponse
from pydantic import ValidationError

from bot import texts
from bot.cards import answer_activity, text_activity
from bot.feedback import FeedbackStore, hash_user_id
from bot.runner import ServiceRunner
from config.settings import Settings
from knowledge.answer import ConversationContext

logger = logging.getLogger(__name__)

HELP_WORDS = {"hjälp", "hjalp", "help", "?"}
UNITS_WORDS = {"enheter", "enhet"}
RESET_WORDS = {"ny", "nytt", "ny fråga", "börja om", "borja om", "rensa"}
REINGEST_WORDS = {"uppdatera"}
# A Teams message holds about 28 kB; leave room for the surrounding text.
REPORT_MAX = 20_000


def command_of(text: str) -> str:
    """Normalise a message for command matching: lower case, no trailing punctuation."""
    return re.sub(r"[\s.!?]+$", "", text.strip().casefold()) or text.strip()


class PlanbotBot(ActivityHandler):
    """Answers questions in Teams with cited sources.

    Uses the plain `ActivityHandler`: `TeamsActivityHandler` looks up every added member
    over the network before a welcome, which Planbot does not need.
    """

    def __init__(
        self,
        settings: Settings,
        runner: ServiceRunner,
        feedback: FeedbackStore,
        conversation_state: ConversationState,
        reingest: Callable[[], str] | None = None,
    ) -> None:
        """Wire the bot.

        Args:
            settings: Planbot's settings (public_url, admin_ids, max_question_chars).
            runner: Runs blocking calls off the event loop.
            feedback: Where votes and sent answers are stored.
            conversation_state: Holds each conversation's `ConversationContext`.
            reingest: Admin re-ingest; returns the ingestion report as text.
        """
        self._settings = settings
        self._runner = runner
        self._feedback = feedback
        self._state = conversation_state
        self._context = conversation_state.create_property("planbot_context")
        self._reingest = reingest
        self._reingest_lock = asyncio.Lock()

    async def on_turn(self, turn_context: TurnContext) -> None:
        """Handle the turn, then persist the conversation state."""
        await super().on_turn(turn_context)
        await self._state.save_changes(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        """Answer a question or run a command."""
        text = (TurnContext.remove_recipient_mention(turn_context.activity) or "").strip()
        command = command_of(text)
        if not text and turn_context.activity.attachments:
            await turn_context.send_activity(text_activity(texts.FILES_NOT_SUPPORTED))
        elif not text or command in HELP_WORDS:
            await self._send_welcome(turn_context)
        elif command in UNITS_WORDS:
            if not self._runner.ready:
                await turn_context.send_activity(text_activity(texts.not_ready(self._runner.failed)))
                return
            documents = await self._runner.run(self._runner.service.documents)
            await turn_context.send_activity(text_activity(texts.units_text(documents)))
        elif command in RESET_WORDS:
            await self._context.set(turn_context, {})
            await turn_context.send_activity(text_activity(texts.FORGOT_CONTEXT))
        elif command in REINGEST_WORDS:
            await self._admin_reingest(turn_context)
        elif not self._runner.ready:
            await turn_context.send_activity(text_activity(texts.not_ready(self._runner.failed)))
        elif len(text) > self._settings.max_question_chars:
            await turn_context.send_activity(text_activity(texts.too_long(self._settings.max_question_chars)))
        else:
            await self._answer(turn_context, text)

    async def _answer(self, turn_context: TurnContext, question: str) -> None:
        stored = await self._context.get(turn_context, dict)
        try:
            context = ConversationContext.model_validate(stored or {})
        except ValidationError:
            context = ConversationContext()
        await turn_context.send_activity(Activity(type=ActivityTypes.typing))
        answer = await self._runner.run(self._runner.service.answer, question, context)
        logger.info("Teams answer: kind=%s citations=%d", answer.kind, len(answer.citations))
        response = await turn_context.send_activity(answer_activity(answer, self._settings.public_url))
        await self._context.set(turn_context, answer.context.model_dump(mode="json"))
        if response is not None and response.id:
            conversation_id = (
                turn_context.activity.conversation.id if turn_context.activity.conversation else ""
            )
            await self._runner.run(
                self._feedback.record_sent,
                teams_message_key(conversation_id, response.id),
                "teams",
                conversation_id,
                question,
                answer,
            )

    async def _send_welcome(self, turn_context: TurnContext) -> None:
        documents = await self._runner.run(self._runner.service.documents) if self._runner.ready else []
        await turn_context.send_activity(
            text_activity(texts.welcome_text(documents), texts.example_questions(documents))
        )

    async def on_members_added_activity(
        self, members_added: list[ChannelAccount], turn_context: TurnContext
    ) -> None:
        """Welcome people joining; once per event, however many joined.

        Teams announces a personal-chat install by adding the bot itself, so that case
        is welcomed too; in team and group chats the bot's own arrival is not.
        """
        bot_id = turn_context.activity.recipient.id if turn_context.activity.recipient else None
        conversation = turn_context.activity.conversation
        personal = conversation is not None and conversation.conversation_type == "personal"
        if any(m.id != bot_id for m in members_added) or personal:
            await self._send_welcome(turn_context)

    async def _admin_reingest(self, turn_context: TurnContext) -> None:
        sender = turn_context.activity.from_property
        aad_id = sender.aad_object_id if sender else None
        if not aad_id or aad_id not in self._settings.admin_ids:
            logger.info("Refused admin command from a non-admin")
            await turn_context.send_activity(text_activity(texts.ADMIN_ONLY))
            return
        if self._reingest is None:
            await turn_context.send_activity(text_activity(texts.REINGEST_DISABLED))
            return
        if self._reingest_lock.locked():
            await turn_context.send_activity(text_activity(texts.REINGEST_BUSY))
            return
        async with self._reingest_lock:
            await turn_context.send_activity(text_activity(texts.REINGEST_STARTED))
            try:
                report = await self._runner.run(self._reingest)
            except Exception:
                logger.exception("Re-ingest failed")
                await turn_context.send_activity(text_activity(texts.REINGEST_FAILED))
                return
        if len(report) > REPORT_MAX:
            report = report[:REPORT_MAX] + "\n…"
        await turn_context.send_activity(text_activity(f"{texts.REINGEST_DONE}\n\n{report}"))

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse | None:
        """Handle the feedback loop's `message/submitAction`; defer everything else."""
        if turn_context.activity.name == "message/submitAction":
            return await self._on_feedback(turn_context)
        return await super().on_invoke_activity(turn_context)

    async def _on_feedback(self, turn_context: TurnContext) -> InvokeResponse:
        activity = turn_context.activity
        value: dict[str, Any] = activity.value if isinstance(activity.value, dict) else {}
        action: dict[str, Any] = value["actionValue"] if isinstance(value.get("actionValue"), dict) else {}
        reaction = action.get("reaction")
        if value.get("actionName") != "feedback" or reaction not in ("like", "dislike"):
            return InvokeResponse(status=int(HTTPStatus.BAD_REQUEST))
        comment = feedback_text(action.get("feedback"))
        sender = activity.from_property
        conversation_id = activity.conversation.id if activity.conversation else ""
        await self._runner.run(
            self._feedback.add_feedback,
            channel="teams",
            message_id=teams_message_key(conversation_id, activity.reply_to_id or ""),
            reaction=reaction,
            comment=comment,
            conversation_id=conversation_id or None,
            user_id=hash_user_id((sender.aad_object_id or sender.id) if sender else None),
        )
        logger.info("Stored Teams feedback: %s", reaction)
        return InvokeResponse(status=int(HTTPStatus.OK))


def teams_message_key(conversation_id: str, activity_id: str) -> str:
    """Key of a sent Teams message: activity ids are only unique within a conversation."""
    return f"{conversation_id}#{activity_id}"


def feedback_text(raw: object) -> str:
    """Extract the comment from the feedback form's payload.

    Teams sends `feedback` as a JSON string such as '{"feedbackText": "…"}'; custom
    forms may send an object or plain text instead.
    """
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return str(raw).strip()
    if isinstance(raw, dict):
        text = raw.get("feedbackText", "")
        return text.strip() if isinstance(text, str) else ""
    return ""


async def on_turn_error(turn_context: TurnContext, error: Exception) -> None:
    """Log a failed turn and apologise in Swedish; never leak details to the user."""
    logger.error("Unhandled error in bot turn: %s", type(error).__name__, exc_info=error)
    if turn_context.activity and turn_context.activity.type == ActivityTypes.message:
        try:
            await turn_context.send_activity(text_activity(texts.GENERIC_ERROR))
        except Exception:
            logger.warning("Could not send the error message to the user")
