"""Typed keys for what `create_app` stores on the aiohttp application."""

from __future__ import annotations

import asyncio

from aiohttp import web
from botbuilder.core import Bot
from botbuilder.integration.aiohttp import CloudAdapter

from bot.conversations import ConversationStore
from bot.examples import ExampleQuestions
from bot.feedback import FeedbackStore
from bot.runner import ServiceRunner
from bot.users import UserUnits
from config.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
RUNNER = web.AppKey("runner", ServiceRunner)
CONVERSATIONS = web.AppKey("conversations", ConversationStore)
FEEDBACK = web.AppKey("feedback", FeedbackStore)
ADAPTER = web.AppKey("adapter", CloudAdapter)
BOT = web.AppKey("bot", Bot)
WARM_UP_TASK = web.AppKey("warm_up_task", asyncio.Task[None])
EXAMPLES = web.AppKey("examples", ExampleQuestions)
USERS = web.AppKey("users", UserUnits)
RETENTION_TASK = web.AppKey("retention_task", asyncio.Task[None])
