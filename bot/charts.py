"""`GET /charts/indicator?source=…&idx=…` (or `&name=…`): an indicator's outcomes against its target as SVG.

Public like the source views (no admin token): the chart shows only what answers show.
The SVG has no scripts or external resources; the web chat embeds it with <img>.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from typing import Protocol
from urllib.parse import urlencode

from aiohttp import web

from bot.chart_svg import indicator_chart
from knowledge.store.snapshot import Snapshot

logger = logging.getLogger(__name__)

CHART_PATH = "/charts/indicator"


class HasSnapshot(Protocol):
    """What the chart route needs from the knowledge service."""

    def snapshot(self) -> Snapshot: ...


def chart_url(source: str, idx: int | None = None, name: str | None = None) -> str:
    """Relative URL of the chart of a plan's indicator row, by row number or name (for the web chat)."""
    params: dict[str, str | int] = {"source": source}
    if name is not None:
        params["name"] = name
    else:
        params["idx"] = idx if idx is not None else 0
    return f"{CHART_PATH}?{urlencode(params)}"


def add_chart_routes(
    app: web.Application, service: HasSnapshot, today: Callable[[], dt.date] = dt.date.today
) -> None:
    """Register the chart route.

    Args:
        app: The aiohttp application.
        service: The knowledge service (its snapshot is read in a thread).
        today: Clock for "period still running" (tests inject one).
    """

    async def chart(request: web.Request) -> web.Response:
        source = request.query.get("source", "")
        name = request.query.get("name", "")
        try:
            idx = int(request.query.get("idx", "")) if not name else -1
        except ValueError:
            return web.json_response({"error": "Parametern idx måste vara ett heltal."}, status=400)
        if not source:
            return web.json_response({"error": "Parametern source saknas."}, status=400)

        def render() -> str | None:
            snap = service.snapshot()
            row = idx
            if name and source in snap.parsed:
                # An answer's context carries the indicator's name, not its row number.
                names = [ind.name for ind in snap.parsed[source].indicators]
                row = names.index(name) if name in names else -1
            return indicator_chart(snap, source, row, today())

        try:
            svg = await asyncio.get_running_loop().run_in_executor(None, render)
        except Exception:
            logger.exception("Chart failed for %s", source)
            svg = None
        if svg is None:
            return web.json_response({"error": "Indikatorn finns inte."}, status=404)
        return web.Response(text=svg, content_type="image/svg+xml", headers={"Cache-Control": "no-cache"})

    app.router.add_get(CHART_PATH, chart, name="indicator_chart")
