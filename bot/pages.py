"""HTML pages: the web chat shell and the source view with the cited passage highlighted."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web
from rapidfuzz import fuzz

from bot import keys, texts

if TYPE_CHECKING:
    from knowledge.service import SourceView

STATIC_DIR = Path(__file__).resolve().parent / "static"
QUOTE_MAX = 600
# Below this partial-match score a section is not taken to hold the quote.
FUZZY_MIN = 80.0


async def index(request: web.Request) -> web.FileResponse:
    """The web chat (a static page; everything it needs is served from /static)."""
    return web.FileResponse(STATIC_DIR / "index.html")


async def examples(request: web.Request) -> web.Response:
    """The checked example questions for the web chat's start page (`{"examples": [...]}`)."""
    found = await request.app[keys.EXAMPLES].get(request.app[keys.RUNNER])
    return web.json_response({"examples": found})


def _clean_quote(quote: str) -> str:
    return quote.strip().strip("…").removesuffix("...").removeprefix("...").strip()


def quote_pattern(quote: str) -> re.Pattern[str] | None:
    """A regex finding `quote` in text whatever its whitespace and case."""
    words = _clean_quote(quote).split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def find_quote(texts_: list[str], quote: str) -> tuple[int, tuple[int, int] | None] | None:
    """Locate the quote among section texts.

    Args:
        texts_: Section texts in document order.
        quote: The cited passage.

    Returns:
        (section index, (start, end) of the exact passage or None), or None when no
        section holds it even approximately.
    """
    pattern = quote_pattern(quote)
    if pattern is None:
        return None
    for i, text in enumerate(texts_):
        match = pattern.search(text)
        if match:
            return i, match.span()
    cleaned = _clean_quote(quote).casefold()
    scores = [fuzz.partial_ratio(cleaned, t.casefold()) if t else 0.0 for t in texts_]
    if scores and max(scores) >= FUZZY_MIN:
        return scores.index(max(scores)), None
    return None


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{part}</p>" for part in re.split(r"\n\s*\n", text) if part.strip())


def _heading(breadcrumb: str, title: str) -> str:
    """The breadcrumb without the document title, which the page shows as its h1."""
    parts = [p.strip() for p in breadcrumb.split("›")]
    if len(parts) > 1 and parts[0] == title.strip():
        parts = parts[1:]
    return " › ".join(parts)


def _chunk_html(text: str, span: tuple[int, int] | None) -> str:
    if span is None:
        return _paragraphs(html.escape(text))
    start, end = span
    marked = f'<mark id="markering" tabindex="-1">{html.escape(text[start:end])}</mark>'
    return _paragraphs(html.escape(text[:start]) + marked + html.escape(text[end:]))


# Column headers of the plans' table rows, by the section they are under and their cell
# count (the Stockholm plan template: indicator, the unit's target, KF's target, period).
ROW_HEADERS: dict[tuple[str, int], list[str]] = {
    ("Indikatorer", 4): ["Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"],
    ("Indikatorer", 3): ["Indikator", "Årsmål", "Periodicitet"],
    ("Aktiviteter", 3): ["Aktivitet", "Startdatum", "Slutdatum"],
    ("Aktiviteter", 2): ["Aktivitet", "Slutdatum"],
}


def row_headers(breadcrumb: str, text: str) -> list[str] | None:
    """Column headers for a table row chunk (tab-separated cells), or None for prose."""
    if "\t" not in text:
        return None
    last = breadcrumb.split("›")[-1].strip()
    return ROW_HEADERS.get((last, len(text.split("\t"))))


def _row_html(text: str, width: int, span: tuple[int, int] | None) -> str:
    cells = text.split("\t")
    if len(cells) != width:
        return f'<td colspan="{width}">{html.escape(" ".join(text.split()))}</td>'
    out, offset = [], 0
    for cell in cells:
        start, end = offset, offset + len(cell)
        if span is not None and start <= span[0] <= end:
            a, b = span[0] - start, min(span[1], end) - start
            body = (
                html.escape(cell[:a])
                + f'<mark id="markering" tabindex="-1">{html.escape(cell[a:b])}</mark>'
                + html.escape(cell[b:])
            )
            span = None
        else:
            body = html.escape(cell)
        out.append(f"<td>{body}</td>")
        offset = end + 1
    return "".join(out)


def render_source(view: SourceView, quote: str, n: int | None) -> str:
    """Render a `SourceView` as a standalone Swedish HTML page.

    Consecutive sections under the same heading are shown as one block with the heading
    once: structured rows (activities, indicators) arrive as many small sections.

    Args:
        view: The knowledge service's `SourceView`.
        quote: Passage to highlight (may be empty).
        n: Citation number; the highlighted part gets the anchor `c{n}`.

    Returns:
        The page's HTML; every document text is escaped.
    """
    sections = view.sections
    hit = find_quote([s.text for s in sections], quote) if quote else None
    anchor = f"c{n}" if n is not None else "citat"
    meta = [v for v in (view.unit, view.district, str(view.year) if view.year else None) if v]
    parts: list[str] = []
    previous_breadcrumb: str | None = None
    previous_page: int | None = None
    table: list[str] | None = None  # the open table's headers
    for i, section in enumerate(sections):
        headers = row_headers(section.breadcrumb, section.text)
        if section.breadcrumb != previous_breadcrumb or (table is None) != (headers is None):
            if table is not None:
                parts.append("</tbody></table>")
                table = None
            if section.breadcrumb != previous_breadcrumb:
                if parts:
                    parts.append("</section>")
                page = f' <span class="page">s. {section.page}</span>' if section.page else ""
                heading = html.escape(_heading(section.breadcrumb, view.title))
                parts.append(
                    f'<section class="section" aria-labelledby="h{i}"><h2 id="h{i}">{heading}{page}</h2>'
                )
                previous_breadcrumb, previous_page = section.breadcrumb, section.page
            if headers is not None:
                table = headers
                cols = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
                parts.append(f'<table class="rowtable"><thead><tr>{cols}</tr></thead><tbody>')
        is_hit = hit is not None and hit[0] == i
        chunk_id = anchor if is_hit else f"s{i}"
        classes = "chunk hit" if is_hit else "chunk"
        span = hit[1] if hit is not None and is_hit else None
        if table is not None:
            parts.append(
                f'<tr id="{chunk_id}" class="{classes}">{_row_html(section.text, len(table), span)}</tr>'
            )
            continue
        page_note = ""
        if section.page and section.page != previous_page:
            page_note = f'<p class="page">s. {section.page}</p>'
            previous_page = section.page
        parts.append(
            f'<div id="{chunk_id}" class="{classes}">{page_note}{_chunk_html(section.text, span)}</div>'
        )
    if table is not None:
        parts.append("</tbody></table>")
    if parts:
        parts.append("</section>")
    status = ""
    if quote and hit is None:
        status = (
            '<p class="notice" role="status">Det citerade stycket kunde inte hittas exakt i dokumentet.</p>'
        )
    title = html.escape(view.title or view.source)
    return f"""<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Planbot</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/source.js" defer></script>
</head>
<body class="source-view">
<a class="skip" href="#{anchor if hit else "innehall"}">Hoppa till det citerade stycket</a>
<header class="topbar"><a href="/" class="brand">Planbot</a></header>
<main id="innehall" class="document">
<h1>{title}</h1>
<p class="meta">{html.escape(" · ".join(meta))} <span class="file">{html.escape(view.source)}</span></p>
{status}
{"".join(parts)}
</main>
</body>
</html>"""


async def source(request: web.Request) -> web.Response:
    """`GET /sources/{source}?q=<quote>&n=<n>`: the document with the passage highlighted."""
    runner = request.app[keys.RUNNER]
    name = request.match_info["source"]
    if not runner.ready:
        return _html_error(503, texts.not_ready(runner.failed))
    view = await runner.run(runner.service.source_view, name)
    if view is None:
        return _html_error(404, texts.SOURCE_NOT_FOUND)
    quote = request.query.get("q", "")[:QUOTE_MAX]
    raw_n = request.query.get("n", "")
    n = int(raw_n) if raw_n.isdigit() and len(raw_n) < 5 else None
    return web.Response(text=render_source(view, quote, n), content_type="text/html")


def _html_error(status: int, message: str) -> web.Response:
    return web.Response(text=error_page(message), status=status, content_type="text/html")


def error_page(message: str) -> str:
    """A minimal Swedish error page."""
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>Planbot</title><link rel="stylesheet" href="/static/app.css"></head>'
        f'<body class="source-view"><main class="document"><h1>Planbot</h1><p>{html.escape(message)}</p>'
        '<p><a href="/">Till chatten</a></p></main></body></html>'
    )
