"""`create_app`: Planbot's aiohttp application (JSON API, web chat, source views, Teams)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web
from botbuilder.core import ConversationState, MemoryStorage, Storage

from bot import api, keys, pages, texts
from bot.auth import create_adapter
from bot.conversations import ConversationStore, DatabaseStorage
from bot.examples import ExampleQuestions
from bot.feedback import FeedbackStore
from bot.logs import install_log_masking
from bot.runner import ServiceRunner
from bot.teams import PlanbotBot, on_turn_error
from bot.users import UserStore, UserUnits, users_database
from config.settings import Settings

if TYPE_CHECKING:
    from knowledge.service import KnowledgeService

logger = logging.getLogger(__name__)

# Everything is served by Planbot itself; 'self' is the whole allow-list.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # Source-view URLs carry quotes; keep them out of Referer headers.
    "Referrer-Policy": "no-referrer",
}

_STATUS_TEXTS = {
    401: texts.UNAUTHORIZED,
    404: texts.NOT_FOUND,
    405: texts.METHOD_NOT_ALLOWED,
    413: texts.TOO_LARGE,
    415: texts.UNSUPPORTED_MEDIA,
}


def _swedish_error(request: web.Request, status: int) -> web.Response:
    message = _STATUS_TEXTS.get(status, texts.GENERIC_ERROR)
    if request.path.startswith("/api/") or request.path == "/healthz":
        return api.error(status, message)
    return web.Response(text=pages.error_page(message), status=status, content_type="text/html")


@web.middleware
async def error_middleware(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Answer every failure in Swedish; a stack trace never reaches a user."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return _swedish_error(request, exc.status)
    except asyncio.CancelledError:
        raise
    except Exception:
        logger.exception("Unhandled error for %s %s", request.method, request.path)
        return _swedish_error(request, 500)


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)


RETENTION_INTERVAL_S = 24 * 3600


async def apply_retention(app: web.Application) -> None:
    """Delete sent answers and feedback older than PLANBOT_RETENTION_DAYS; never raises."""
    days = app[keys.SETTINGS].retention_days
    try:
        sent, votes = await app[keys.RUNNER].run(app[keys.FEEDBACK].purge, days)
    except Exception:  # a locked or broken feedback database must not stop the server
        logger.exception("Applying the retention period failed")
        return
    if sent or votes:
        logger.info("Retention: deleted %d sent answers and %d votes older than %d days", sent, votes, days)


async def retention_loop(app: web.Application, interval: float = RETENTION_INTERVAL_S) -> None:
    """Apply the retention period every `interval` seconds (daily), after a first wait."""
    while True:
        await asyncio.sleep(interval)
        await apply_retention(app)


async def _service_ctx(app: web.Application) -> AsyncIterator[None]:
    """Migrate the feedback database, apply retention, warm the service up in the background."""
    runner = app[keys.RUNNER]
    feedback = app[keys.FEEDBACK]
    days = app[keys.SETTINGS].retention_days

    def prepare() -> None:
        # Retried with the warm-up: a replica may start before its database is reachable.
        feedback.migrate()
        sent, votes = feedback.purge(days)  # before the first answer: nothing past its date is served
        if sent or votes:
            logger.info(
                "Retention: deleted %d sent answers and %d votes older than %d days", sent, votes, days
            )

    app[keys.RETENTION_TASK] = asyncio.create_task(
        retention_loop(app, RETENTION_INTERVAL_S), name="planbot-retention"
    )
    # In the background so /healthz can answer 503 while the model loads or while the
    # database and Chroma are not reachable yet (retried with back-off).
    app[keys.WARM_UP_TASK] = asyncio.create_task(_warm_up(app, prepare))
    poller = asyncio.create_task(_poll_generation(runner, app[keys.SETTINGS].reload_poll_seconds))
    yield
    for task in (app[keys.WARM_UP_TASK], app[keys.RETENTION_TASK], poller):
        if not task.done():
            task.cancel()
    runner.shutdown()
    app[keys.FEEDBACK].close()
    app[keys.USERS].store.close()


async def _warm_up(app: web.Application, prepare: Callable[[], None]) -> None:
    """Load the service, then check the example questions once so the first welcome is quick."""
    runner = app[keys.RUNNER]
    settings = app[keys.SETTINGS]
    # Only a server-mode replica has something to wait for (its PostgreSQL or Chroma server
    # may start after it); an embedded store that fails to open is broken, not late, so
    # that start fails at once instead of showing "starting" for minutes.
    remote = bool(settings.database_url or settings.chroma_host)
    await runner.warm_up(before=prepare, delays=None if remote else ())
    try:
        await app[keys.EXAMPLES].get(runner)
    except Exception:
        logger.exception("Could not check the example questions")


async def _poll_generation(runner: ServiceRunner, interval: float) -> None:
    """Reload the snapshot soon after an ingest commits, not on the next question.

    Every replica polls the catalog generation (one indexed read), so a document committed
    by the ingest job is answered by all of them within seconds, and the reload does not
    fall on a user's question.
    """
    refresh = getattr(runner.service, "snapshot", None)  # the test fakes have no snapshots
    if refresh is None or interval <= 0:
        return
    while True:
        await asyncio.sleep(interval)
        if not runner.ready:
            continue
        try:
            await runner.run(refresh)
        except Exception:  # the database may be restarting: try again at the next tick
            logger.warning("Checking for committed changes failed", exc_info=True)


def _default_storage(settings: Settings) -> Storage:
    """Teams conversation state: in the shared database with replicas, else in memory."""
    return DatabaseStorage(settings.database_url) if settings.database_url else MemoryStorage()


def create_app(
    settings: Settings,
    service: KnowledgeService,
    reingest: Callable[[], str] | None = None,
    storage: Storage | None = None,
    ingest_paths: Callable[[list[Path]], object] | None = None,
) -> web.Application:
    """Build Planbot's web application.

    Nothing heavy happens here: the model loads in a cleanup context once the server runs.

    Args:
        settings: Planbot's settings.
        service: The knowledge service answering questions.
        reingest: Admin re-ingest for the Teams `uppdatera` command; returns the report.
        storage: botbuilder storage for Teams conversation state (default: in memory).

    Returns:
        The application, ready for `web.run_app` or a test server.
    """
    install_log_masking()
    app = web.Application(middlewares=[error_middleware])
    runner = ServiceRunner(service)
    feedback = FeedbackStore(settings.feedback_database)
    app[keys.SETTINGS] = settings
    app[keys.RUNNER] = runner
    # Replicas share conversations through the database; the embedded default keeps them in memory.
    app[keys.CONVERSATIONS] = ConversationStore(database=settings.database_url)
    app[keys.FEEDBACK] = feedback
    adapter = create_adapter(settings)
    adapter.on_turn_error = on_turn_error
    app[keys.ADAPTER] = adapter
    app[keys.EXAMPLES] = ExampleQuestions()
    app[keys.USERS] = UserUnits(UserStore(users_database(settings)), runner)
    app[keys.BOT] = PlanbotBot(
        settings,
        runner,
        feedback,
        ConversationState(storage or _default_storage(settings)),
        reingest,
        examples=app[keys.EXAMPLES],
        users=app[keys.USERS],
    )
    app.cleanup_ctx.append(_service_ctx)
    app.on_response_prepare.append(_security_headers)

    app.router.add_get("/", pages.index, name="index")
    app.router.add_get("/healthz", api.healthz, name="healthz")
    app.router.add_post("/api/ask", api.ask, name="ask")
    app.router.add_post("/api/feedback", api.feedback, name="feedback")
    app.router.add_post("/api/forget", api.forget, name="forget")
    app.router.add_get("/api/examples", pages.examples, name="examples")
    app.router.add_post("/api/messages", api.messages, name="messages")
    app.router.add_get("/sources/{source}", pages.source, name="source")
    app.router.add_static("/static", pages.STATIC_DIR, name="static")
    # Admin API (off without PLANBOT_ADMIN_TOKEN) and the indicator charts.
    from bot.admin import add_admin_routes
    from bot.charts import add_chart_routes
    from indicators.importer import import_path

    add_admin_routes(
        app,
        settings,
        service,
        ingest_paths,
        lambda path, dry_run: import_path(settings.database, path, dry_run=dry_run),
    )
    add_chart_routes(app, service)
    from bot.admin_questions import add_routes as add_admin_question_routes

    add_admin_question_routes(app)
    return app
