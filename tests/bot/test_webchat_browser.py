"""The web chat driven in a real headless Chromium (Debian's /usr/bin/chromium)."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from config.settings import Settings
from tests.bot.conftest import ClientFactory, make_settings
from tests.bot.fakes import QUOTE_1

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)"),
]


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        await chromium.close()


def base_url(client: TestClient) -> str:
    return str(client.make_url("")).rstrip("/")


async def test_ask_click_citation_vote_and_follow_a_suggestion(
    browser: Any, client: TestClient, settings: Settings
) -> None:
    context = await browser.new_context(viewport={"width": 1100, "height": 900}, locale="sv-SE")
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    await page.goto(base_url(client) + "/")
    assert await page.evaluate("document.activeElement.id") == "fraga"

    await page.get_by_label("Din fråga").fill("Vilka mål har enheten?")
    await page.keyboard.press("Enter")
    answer = page.locator(".msg.bot:not(.intro)").first
    await answer.wait_for()
    assert await answer.locator("strong").first.inner_text() == "Stöd- och aktivitetsenheten"
    assert await answer.locator("ul li").count() >= 3
    assert "|" not in await answer.locator(".answer").inner_text(), "tables become bullet lines"
    assert "Pågår" in await answer.locator(".answer").inner_text()
    assert await answer.locator("em").first.inner_text() == "Gott bemötande"
    assert await answer.locator(".answer script").count() == 0
    assert await page.locator(".msg.user").inner_text() == "Vilka mål har enheten?"
    assert await page.evaluate("document.activeElement.id") == "fraga"

    cite = answer.locator("a.cite", has_text="[1]").first
    assert (await cite.get_attribute("aria-label") or "").startswith("Källa 1:")
    async with context.expect_page() as new_page_info:
        await cite.click()
    source = await new_page_info.value
    await source.wait_for_load_state()
    assert source.url.endswith("#c1")
    mark = source.locator("mark#markering")
    assert " ".join((await mark.inner_text()).split()) == QUOTE_1
    assert await mark.is_visible()
    assert await source.evaluate(
        "(() => { const r = document.getElementById('markering').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; })()"
    ), "the quoted passage is scrolled into view"
    ARTIFACTS.mkdir(exist_ok=True)
    await source.screenshot(path=str(ARTIFACTS / "source-view.png"))
    await source.close()

    await answer.get_by_role("button", name="Dåligt svar").click()
    await answer.get_by_text("Tack för din återkoppling!").wait_for()
    assert await answer.get_by_role("button", name="Dåligt svar").get_attribute("aria-pressed") == "true"
    await answer.get_by_label("Vill du berätta mer? (valfritt)").fill("Saknar årtal")
    await answer.get_by_role("button", name="Skicka kommentar").click()
    await answer.get_by_text("Din kommentar är sparad").wait_for()
    with sqlite3.connect(settings.data_dir / "feedback.sqlite3") as db:
        rows = db.execute("SELECT channel, reaction, comment, question FROM feedback").fetchall()
    assert rows == [("web", "dislike", "Saknar årtal", "Vilka mål har enheten?")]

    await answer.get_by_role("button", name="Vilka indikatorer har enheten?").click()
    second = page.locator(".msg.bot:not(.intro)").nth(1)
    await second.wait_for()
    assert "Andel nöjda brukare" in await second.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "webchat.png"), full_page=True)
    assert errors == []
    await context.close()


async def test_phone_layout_and_errors_in_swedish(browser: Any, client: TestClient) -> None:
    context = await browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = await context.new_page()
    await page.goto(base_url(client) + "/")
    await page.get_by_role("button", name="Skicka").click()
    assert await page.locator("#status").inner_text() == "Skriv en fråga först."
    await page.get_by_label("Din fråga").fill("Ge mig en krasch")
    await page.get_by_role("button", name="Skicka").click()
    error = page.locator(".msg.error")
    await error.wait_for()
    assert (await error.inner_text()).startswith("Något gick fel")
    await page.get_by_label("Din fråga").fill("Vilka mål har enheten?")
    await page.get_by_role("button", name="Skicka").click()
    await page.locator(".msg.bot:not(.intro):not(.error)").first.wait_for()
    overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, "no horizontal scrolling on a phone"
    box = await page.get_by_role("button", name="Skicka").bounding_box()
    assert box is not None and box["height"] >= 44, "touch target"

    conversation = await page.evaluate("sessionStorage.getItem('planbot.conversation')")
    await page.get_by_role("button", name="Ny konversation").click()
    assert await page.locator(".msg:not(.intro)").count() == 0
    assert await page.evaluate("sessionStorage.getItem('planbot.conversation')") != conversation
    assert await page.evaluate("document.activeElement.id") == "fraga"
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "webchat-phone.png"), full_page=True)
    await context.close()


async def test_real_answers_link_to_highlighted_sources(
    browser: Any, make_client: ClientFactory, sample_settings: Settings, knowledge_service: Any
) -> None:
    settings = make_settings(sample_settings.data_dir, corpus_dirs=sample_settings.corpus_dirs)
    client = await make_client(settings, knowledge_service)
    context = await browser.new_context(viewport={"width": 1000, "height": 900}, locale="sv-SE")
    page = await context.new_page()
    await page.goto(base_url(client) + "/")
    await page.get_by_label("Din fråga").fill("Vilka aktiviteter planerar Ekonomiskt bistånd 2020?")
    await page.keyboard.press("Enter")
    answer = page.locator(".msg.bot:not(.intro)").first
    await answer.wait_for(timeout=60_000)
    cites = answer.locator(".answer a.cite")
    assert await cites.count() >= 1
    assert "*" not in await answer.locator(".answer").inner_text()
    async with context.expect_page() as new_page_info:
        await cites.first.click()
    source = await new_page_info.value
    await source.wait_for_load_state()
    assert await source.locator("mark#markering").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "webchat-real.png"))
    await source.screenshot(path=str(ARTIFACTS / "source-view-real.png"))
    await context.close()
