"""JSON endpoints: health, questions, web-chat feedback and the Bot Framework messages endpoint."""

from __future__ import annotations

import json
import logging
import re
import uuid
from typing import Any

from aiohttp import web
from botbuilder.schema import Activity

from bot import keys, texts
from bot.charts import chart_url
from bot.feedback import hash_user_id
from bot.users import KeyKind, parse_unit_command, user_key
from knowledge.answer import Answer, AnswerKind
from knowledge.health import Health, HealthStatus, StoreUnreadableError
from knowledge.textnorm import clean_text, has_lone_surrogate

logger = logging.getLogger(__name__)

MESSAGE_ID_HEADER = "X-Planbot-Message-Id"
CHART_HEADER = "X-Planbot-Chart"
BROWSER_HEADER = "X-Planbot-Browser"
_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")
COMMENT_MAX = 2000


def web_user_keys(request: web.Request) -> list[str]:
    """The web chat user's key: the browser id the page keeps in localStorage (header)."""
    browser = request.headers.get(BROWSER_HEADER, "")
    return [user_key(KeyKind.WEB, browser)] if _ID_PATTERN.match(browser) else []


def error(status: int, message: str) -> web.Response:
    """A JSON error body `{"error": <Swedish message>}`."""
    return web.json_response({"error": message}, status=status)


class BadText(ValueError):
    """A JSON string holds a lone surrogate: not text anything can store or tokenize."""


async def _json_body(request: web.Request) -> Any:
    """Parse the body as JSON.

    Raises:
        ValueError: When it is not JSON, or nested so deeply the parser runs out of stack.
    """
    raw = await request.read()
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError as exc:  # "[[[[…" 100 000 deep: bad input, not a server error
        raise ValueError("JSON nested too deeply") from exc


def _is_json(request: web.Request) -> bool:
    # text/plain and form posts are what a cross-site <form> can send without a preflight.
    return request.content_type == "application/json"


def _text(value: str) -> str:
    """A text field as valid, NFC-composed Unicode; BadText for lone surrogates."""
    if has_lone_surrogate(value):
        raise BadText(value)
    return clean_text(value)


async def healthz(request: web.Request) -> web.Response:
    """The service's state: `ok`/`degraded` (200) once warmed up, `starting`/`failed` (503).

    `degraded` (vectors missing: answers from the lexical index only) and `failed` (a
    store cannot be read) carry a `reason` for the operator.
    """
    runner = request.app[keys.RUNNER]
    if runner.failed:
        return web.json_response({"status": "failed", "reason": runner.failure}, status=503)
    if not runner.ready:
        return web.json_response({"status": runner.state.value}, status=503)
    check = getattr(runner.service, "health", None)
    health = await runner.run(check) if check is not None else Health(HealthStatus.OK)
    if health.status is HealthStatus.FAILED:
        return web.json_response({"status": "failed", "reason": health.reason}, status=503)
    documents = await runner.run(runner.service.documents)
    body: dict[str, Any] = {"status": health.status.value, "documents": len(documents)}
    if health.reason:
        body["reason"] = health.reason
    return web.json_response(body)


async def ask(request: web.Request) -> web.Response:
    """Answer `{"question", "conversation_id"?}` with `Answer.api_dict()`.

    The id of the stored answer is returned in the `X-Planbot-Message-Id` header so the
    web chat can vote on it without changing the JSON contract.
    """
    settings = request.app[keys.SETTINGS]
    runner = request.app[keys.RUNNER]
    if not _is_json(request):
        return error(415, texts.UNSUPPORTED_MEDIA)
    try:
        body = await _json_body(request)
    except ValueError:
        return error(400, texts.BAD_JSON)
    if not isinstance(body, dict):
        return error(400, texts.BAD_JSON)
    question = body.get("question")
    conversation_id = body.get("conversation_id")
    if not isinstance(question, str) or (
        conversation_id is not None
        and (not isinstance(conversation_id, str) or not _ID_PATTERN.match(conversation_id))
    ):
        return error(400, texts.BAD_FIELDS)
    try:
        question = _text(question).strip()
    except BadText:
        return error(400, texts.BAD_CHARACTERS)
    if not question:
        return error(400, texts.EMPTY_QUESTION)
    if len(question) > settings.max_question_chars:
        return error(400, texts.too_long(settings.max_question_chars))
    if not runner.ready:
        return error(503, texts.not_ready(runner.failed))

    users = request.app[keys.USERS]
    user_keys = web_user_keys(request)
    unit_command = parse_unit_command(question)
    if unit_command is not None:  # "min enhet …" (bot/users.py)
        reply = await users.handle(unit_command, user_keys) if user_keys else texts.UNIT_NEEDS_USER
        return web.json_response(Answer(answer=reply, kind=AnswerKind.COMMAND).api_dict())
    default_unit = await users.default_unit(user_keys)

    # Through the runner: with replicas the conversations live in the shared database.
    conversations = request.app[keys.CONVERSATIONS]
    try:
        context = await runner.run(conversations.get, conversation_id) if conversation_id else None
        # Only when the user has a unit: services without the parameter keep working.
        own = {"default_unit": default_unit} if default_unit else {}
        answer = await runner.run(runner.service.answer, question, context, **own)
        if conversation_id:
            await runner.run(conversations.put, conversation_id, answer.context)
    except StoreUnreadableError as exc:
        logger.error("Answering failed: %s", exc)
        return error(503, texts.UNAVAILABLE)
    except Exception:
        logger.exception("Answering failed")
        return error(500, texts.GENERIC_ERROR)
    message_id = uuid.uuid4().hex
    try:
        await runner.run(
            request.app[keys.FEEDBACK].record_sent, message_id, "web", conversation_id, question, answer
        )
    except Exception:
        # Losing the feedback link must not cost the user the answer.
        logger.exception("Could not store the sent answer")
    logger.info("Web answer: kind=%s citations=%d", answer.kind, len(answer.citations))
    headers = {MESSAGE_ID_HEADER: message_id}
    ctx = answer.context
    has_outcomes = answer.kind == "outcome" or any(f.title == "Senaste utfall" for f in answer.facts)
    charts = hasattr(runner.service, "snapshot")  # a service without snapshots has no charts
    if has_outcomes and charts and ctx.source and ctx.indicator:
        # Outside the JSON contract: the web chat draws the indicator's outcomes against its target.
        headers[CHART_HEADER] = chart_url(ctx.source, name=ctx.indicator)
    return web.json_response(answer.api_dict(), headers=headers)


async def forget(request: web.Request) -> web.Response:
    """Forget a web conversation's context ('Ny konversation')."""
    if not _is_json(request):
        return error(415, texts.UNSUPPORTED_MEDIA)
    try:
        body = await _json_body(request)
    except ValueError:
        return error(400, texts.BAD_JSON)
    conversation_id = body.get("conversation_id") if isinstance(body, dict) else None
    if not isinstance(conversation_id, str) or not _ID_PATTERN.match(conversation_id):
        return error(400, texts.BAD_FIELDS)
    await request.app[keys.RUNNER].run(request.app[keys.CONVERSATIONS].forget, conversation_id)
    return web.json_response({"status": "ok", "message": texts.FORGOT_CONTEXT})


async def feedback(request: web.Request) -> web.Response:
    """Store a web-chat vote: `{"message_id", "reaction": like|dislike, "comment"?}`."""
    if not _is_json(request):
        return error(415, texts.UNSUPPORTED_MEDIA)
    try:
        body = await _json_body(request)
    except ValueError:
        return error(400, texts.BAD_JSON)
    if not isinstance(body, dict):
        return error(400, texts.BAD_FEEDBACK)
    message_id = body.get("message_id")
    reaction = body.get("reaction")
    comment = body.get("comment", "")
    conversation_id = body.get("conversation_id")
    if (
        not isinstance(message_id, str)
        or not _ID_PATTERN.match(message_id)
        or reaction not in ("like", "dislike")
        or not isinstance(comment, str)
        or len(comment) > COMMENT_MAX
        or (conversation_id is not None and not isinstance(conversation_id, str))
    ):
        return error(400, texts.BAD_FEEDBACK)
    try:
        comment = _text(comment)
    except BadText:
        return error(400, texts.BAD_CHARACTERS)
    runner = request.app[keys.RUNNER]
    store = request.app[keys.FEEDBACK]
    sent = await runner.run(store.sent_message, message_id)
    if sent is None or sent.channel != "web":
        return error(404, texts.UNKNOWN_MESSAGE)
    await runner.run(
        store.add_feedback,
        channel="web",
        message_id=message_id,
        reaction=reaction,
        comment=comment.strip(),
        conversation_id=sent.conversation_id,
        # The web chat is anonymous: one vote per answer and browser conversation.
        user_id=hash_user_id(f"web:{sent.conversation_id or message_id}"),
    )
    return web.json_response({"status": "ok", "message": texts.FEEDBACK_THANKS})


async def messages(request: web.Request) -> web.StreamResponse:
    """Bot Framework endpoint: validate the token, run the bot, return any invoke response.

    Malformed bodies get 400 before botbuilder sees them. Anything botbuilder raises
    after that is an authentication failure (turn errors go to `on_turn_error`), and
    botbuilder lets token-parsing errors escape as generic exceptions, so those are
    answered 401 here instead of becoming a 500.
    """
    if "application/json" not in request.headers.get("Content-Type", ""):
        return error(415, texts.UNSUPPORTED_MEDIA)
    try:
        body = await _json_body(request)
        activity = Activity().deserialize(body)
        valid = isinstance(body, dict) and bool(activity.type)
    except Exception:
        valid = False
    if not valid:
        return error(400, texts.BAD_JSON)
    try:
        response = await request.app[keys.ADAPTER].process(request, request.app[keys.BOT])
    except web.HTTPUnauthorized:
        logger.warning("Rejected a Bot Framework request: unauthorized")
        return error(401, texts.UNAUTHORIZED)
    except web.HTTPException:
        raise
    except Exception as exc:
        logger.warning("Rejected a Bot Framework request: %s", type(exc).__name__)
        return error(401, texts.UNAUTHORIZED)
    return response if response is not None else web.Response(status=201)
