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
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, InvokeResponse
from msrest.serialization import Model
from pydantic import ValidationError

from bot import texts
from bot.cards import answer_activity, button_values, text_activity
from bot.examples import ExampleQuestions
from bot.feedback import FeedbackStore, hash_user_id
from bot.runner import ServiceRunner
from bot.users import KeyKind, UserUnits, parse_unit_command, user_key
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
        examples: ExampleQuestions | None = None,
        users: UserUnits | None = None,
    ) -> None:
        """Wire the bot.

        Args:
            settings: Planbot's settings (public_url, admin_ids, max_question_chars).
            runner: Runs blocking calls off the event loop.
            feedback: Where votes and sent answers are stored.
            conversation_state: Holds each conversation's `ConversationContext`.
            reingest: Admin re-ingest; returns the ingestion report as text.
            examples: Checked example questions (shared with the web chat).
            users: Each user's own unit ("min enhet"); without it the command is unknown.
        """
        self._settings = settings
        self._runner = runner
        self._feedback = feedback
        self._state = conversation_state
        self._context = conversation_state.create_property("planbot_context")
        # Title -> full question of the last suggestion buttons: some clients (the Agents
        # Playground) send a button's title instead of its value.
        self._buttons = conversation_state.create_property("planbot_buttons")
        self._reingest = reingest
        self._reingest_lock = asyncio.Lock()
        self._examples = examples or ExampleQuestions()
        self._users = users

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
        elif self._users is not None and (unit_command := parse_unit_command(text)) is not None:
            keys = await self._user_keys(turn_context)
            if not keys:
                await turn_context.send_activity(text_activity(texts.UNIT_NEEDS_USER))
                return
            await turn_context.send_activity(text_activity(await self._users.handle(unit_command, keys)))
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
            buttons = await self._buttons.get(turn_context, dict) or {}
            await self._answer(turn_context, buttons.get(text, text))

    async def _answer(self, turn_context: TurnContext, question: str) -> None:
        stored = await self._context.get(turn_context, dict)
        try:
            context = ConversationContext.model_validate(stored or {})
        except ValidationError:
            context = ConversationContext()
        await turn_context.send_activity(Activity(type=ActivityTypes.typing))
        default_unit = None
        if self._users is not None:
            default_unit = await self._users.default_unit(await self._user_keys(turn_context))
        answer = await self._runner.run(
            self._runner.service.answer,
            question,
            context,
            **({"default_unit": default_unit} if default_unit else {}),
        )
        logger.info("Teams answer: kind=%s citations=%d", answer.kind, len(answer.citations))
        response = await turn_context.send_activity(answer_activity(answer, self._settings.public_url))
        await self._context.set(turn_context, answer.context.model_dump(mode="json"))
        await self._buttons.set(turn_context, button_values(answer.suggestions))
        conversation_id = turn_context.activity.conversation.id if turn_context.activity.conversation else ""
        # A connector that accepts the reply without an id (the Agents Playground answers 202
        # for a message with a card) still gets it recorded, under the question's id, so a
        # later vote without replyToId links to this answer and not to an older one.
        reply_id = (
            response.id if response is not None and response.id else f"svar-på-{turn_context.activity.id}"
        )
        await self._runner.run(
            self._feedback.record_sent,
            teams_message_key(conversation_id, reply_id),
            "teams",
            conversation_id,
            question,
            answer,
            user_id_of(turn_context.activity),
        )

    async def _user_keys(self, turn_context: TurnContext) -> list[str]:
        """The user's keys in lookup order: Entra object id, then e-mail when units were
        preloaded by e-mail (one roster call to Teams, only then)."""
        sender = turn_context.activity.from_property
        if sender is None or not sender.aad_object_id:
            return []
        keys = [user_key(KeyKind.AAD, sender.aad_object_id)]
        assert self._users is not None
        if await self._runner.run(self._users.store.has_mail_keys):
            try:
                member = await TeamsInfo.get_member(turn_context, sender.id)
                mail = member.email or member.user_principal_name
                if mail:
                    keys.append(user_key(KeyKind.MAIL, mail))
            except Exception:
                logger.info("Could not look up the user's e-mail in Teams", exc_info=True)
        return keys

    async def _send_welcome(self, turn_context: TurnContext) -> None:
        documents = await self._runner.run(self._runner.service.documents) if self._runner.ready else []
        examples = await self._examples.get(self._runner)
        text = texts.welcome_text(documents, examples, starting=not self._runner.ready)
        await turn_context.send_activity(text_activity(text, examples))

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
            bad = InvokeBody(error=texts.BAD_FEEDBACK)
            return InvokeResponse(status=int(HTTPStatus.BAD_REQUEST), body=bad)
        comment = feedback_text(action.get("feedback"))
        user_id = user_id_of(activity)
        conversation_id = activity.conversation.id if activity.conversation else ""
        if activity.reply_to_id:
            message_id = teams_message_key(conversation_id, activity.reply_to_id)
        else:
            # Some clients (the Agents Playground) send no replyToId: the vote is about the
            # user's latest answer here, never a shared "unknown answer" key that a later
            # vote would overwrite.
            latest = await self._runner.run(self._feedback.latest_sent, "teams", conversation_id, user_id)
            message_id = latest.id if latest else teams_message_key(conversation_id, f"okänt-{activity.id}")
        await self._runner.run(
            self._feedback.add_feedback,
            channel="teams",
            message_id=message_id,
            reaction=reaction,
            comment=comment,
            conversation_id=conversation_id or None,
            user_id=user_id,
        )
        logger.info("Stored Teams feedback: %s", reaction)
        # A body of `{}`, not none: botbuilder would send `null`, and Teams clients read
        # `.status` from the body ("Unable to reach app" although the vote was stored).
        return InvokeResponse(status=int(HTTPStatus.OK), body=InvokeBody())


class InvokeBody(Model):
    """An invoke response body: `{}`, or `{"error": …}`.

    botbuilder's CloudAdapter serialises the body with msrest, which takes models, not dicts.
    """

    _attribute_map = {"error": {"key": "error", "type": "str"}}  # noqa: RUF012 (msrest reads it)

    def __init__(self, error: str | None = None, **kwargs: Any) -> None:
        """Create the body; without `error` it serialises to `{}`."""
        super().__init__(**kwargs)
        self.error = error


def user_id_of(activity: Activity) -> str:
    """The pseudonymised sender of an activity (AAD object id, else the channel id)."""
    sender = activity.from_property
    return hash_user_id((sender.aad_object_id or sender.id) if sender else None)


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
