"""The admin page of missed questions: `/admin/fragor` and its JSON at `/api/admin/questions`.

The page itself is static; its script asks for the admin token and sends it as a bearer
token, like every admin endpoint (404 when no token is configured, 401 for a wrong one).
"""

from __future__ import annotations

import datetime as dt
import hmac
import json

from aiohttp import web

from bot import keys, pages
from bot.question_report import build_report, candidate_lines

OFF = "Administrationen är avstängd (ingen administratörstoken är konfigurerad)."
UNAUTHORIZED = "Administratörstoken saknas eller är fel."
BAD_SINCE = "since måste vara ett datum, ÅÅÅÅ-MM-DD."


def _denied(request: web.Request) -> web.Response | None:
    token = request.app[keys.SETTINGS].admin_token
    if not token:
        return web.json_response({"error": OFF}, status=404)
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        return web.json_response({"error": UNAUTHORIZED}, status=401, headers={"WWW-Authenticate": "Bearer"})
    return None


async def page(request: web.Request) -> web.FileResponse:
    """The admin page (static HTML; the data comes from `questions`)."""
    return web.FileResponse(pages.STATIC_DIR / "admin.html")


async def questions(request: web.Request) -> web.Response:
    """GET /api/admin/questions?since=ÅÅÅÅ-MM-DD[&format=jsonl]: the grouped report, or candidates."""
    if (denied := _denied(request)) is not None:
        return denied
    since = request.query.get("since", "")
    if since:
        try:
            since = dt.date.fromisoformat(since).isoformat()
        except ValueError:
            return web.json_response({"error": BAD_SINCE}, status=400)
    runner = request.app[keys.RUNNER]
    report = await runner.run(build_report, request.app[keys.FEEDBACK], since)
    if request.query.get("format") == "jsonl":
        text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in candidate_lines(report))
        return web.Response(
            text=text,
            content_type="application/x-ndjson",
            headers={"Content-Disposition": 'attachment; filename="kandidatfragor.jsonl"'},
        )
    return web.json_response(report.model_dump(mode="json"))


def add_routes(app: web.Application) -> None:
    """Register the page and its JSON."""
    app.router.add_get("/admin/fragor", page, name="admin_questions_page")
    app.router.add_get("/api/admin/questions", questions, name="admin_questions")
