"""Web chat layout in a real Chromium at desktop and phone width: nothing hides the answer's end."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.bot.test_webchat_browser import ARGS, ARTIFACTS, CHROMIUM, base_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)"),
]

# Bounding boxes of the newest answer's last line, its vote buttons and the question box.
LAYOUT = """() => {
  const answers = document.querySelectorAll('.msg.bot:not(.intro)');
  const last = answers[answers.length - 1];
  const box = (el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
  const text = last.querySelector('.answer');
  return {
    answerEnd: box(text.lastElementChild || text),
    votes: box(last.querySelector('.votes')),
    ask: box(document.querySelector('.ask')),
    viewport: window.innerHeight,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        await chromium.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
async def test_answer_end_and_votes_stay_clear_of_the_question_box(
    browser: Any, client: TestClient, width: int, height: int
) -> None:
    phone = width < 600
    context = await browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="sv-SE"
    )
    page = await context.new_page()
    await page.goto(base_url(client) + "/")
    # Example questions on the start page, checked on the server.
    chips = page.locator(".intro .chip")
    await chips.first.wait_for()
    assert await chips.count() == 3
    for n, question in enumerate(
        ["Vilka mål har enheten?", "Hur går det med indikatorn?", "Vilka mål har enheten 2020?"]
    ):
        await page.get_by_label("Din fråga").fill(question)
        await page.keyboard.press("Enter")
        await page.locator(".msg.bot:not(.intro) .votes").nth(n).wait_for()
    await page.wait_for_timeout(300)
    layout = await page.evaluate(LAYOUT)
    ask_top = layout["ask"]["top"]
    assert layout["overflow"] <= 0, "no horizontal scrolling"
    assert layout["answerEnd"]["top"] >= 0 and layout["answerEnd"]["bottom"] <= ask_top, layout
    assert layout["votes"]["top"] >= 0 and layout["votes"]["bottom"] <= ask_top, layout
    assert layout["ask"]["bottom"] <= layout["viewport"] + 1, layout
    # The "Källor" list: one compact line per source, no goal chain, no cut words.
    sources = page.locator(".msg.bot:not(.intro)").last.locator(".sources li")
    for i in range(await sources.count()):
        text = await sources.nth(i).inner_text()
        assert "›" not in text, text
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"webchat-{width}.png"))
    await context.close()
