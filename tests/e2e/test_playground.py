"""Planbot in the Microsoft 365 Agents Playground (the Teams emulator), driven by Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from bot import keys
from tests.e2e.conftest import ARTIFACTS, RunningPlanbot, needs_chromium, needs_node, wait_until

pytestmark = [pytest.mark.browser, needs_node, needs_chromium]


async def _send(page: Any, text: str) -> None:
    box = page.locator('[data-lexical-editor="true"]')
    await box.click()
    await page.keyboard.type(text)
    await page.keyboard.press("Enter")


async def test_planbot_in_the_agents_playground(
    browser: Any, playground: str, planbot: RunningPlanbot
) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 1000}, locale="sv-SE")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.goto(playground + "/")

    # Welcome with the checked examples, offered as buttons too.
    welcome = page.get_by_text("Prova till exempel").first
    await welcome.wait_for(timeout=60_000)
    examples = await planbot.app[keys.EXAMPLES].get(planbot.app[keys.RUNNER])
    assert len(examples) == 3
    for example in examples:
        assert await page.get_by_text(example, exact=False).count() >= 1, example

    # A clarify button that leads to an answer (not the same question back). In lower case
    # "ekonomiskt bistånd" is the service several units give, not one unit's name.
    await _send(page, "Vilka aktiviteter planerar ekonomiskt bistånd?")
    await page.get_by_text("Vilken enhet menar du?").first.wait_for(timeout=60_000)
    button = page.get_by_role("button", name="Stöd- och aktivitetsenheten", exact=True)
    await button.first.click()
    answer = page.get_by_text("Aktiviteter i Stöd- och aktivitetsenheten").first
    await answer.wait_for(timeout=60_000)

    # An answer with a citation pill and the AI label, and an Adaptive Card with the facts.
    await _send(page, "ny")
    await page.get_by_text("vi börjar om").last.wait_for(timeout=30_000)
    await _send(page, "Vad är årsmålet för sjukfrånvaro för Stöd- och aktivitetsenheten?")
    card = page.locator(".ac-adaptiveCard").last
    await card.wait_for(timeout=60_000)
    assert "Årsmål" in await card.inner_text() and "7,5 %" in await card.inner_text()
    pill = page.locator("a.fai-Citation").last
    await pill.wait_for(timeout=10_000)
    assert await pill.inner_text() == "1"
    assert await page.get_by_text("AI generated").count() >= 2
    await pill.click()  # the pill opens the citation's title and quote
    await page.get_by_text("Verksamhetsplan 2020 för Stöd- och aktivitetsenheten").last.wait_for(
        timeout=10_000
    )
    await page.keyboard.press("Escape")

    # A thumbs-up ends without an error and is stored.
    store = planbot.app[keys.FEEDBACK]
    before = len(store.all_feedback())
    await page.get_by_role("button", name="Like", exact=True).last.click()
    submit = page.get_by_role("button", name="Submit")
    if await submit.count():  # the Playground may ask for an optional comment first
        await submit.first.click()

    async def stored() -> bool:
        return len(store.all_feedback()) > before

    await wait_until(stored)
    await page.get_by_text("Thank you!").wait_for(timeout=10_000)
    new = store.all_feedback()[before:]
    assert [(r.reaction, r.question) for r in new] == [
        ("like", "Vad är årsmålet för sjukfrånvaro för Stöd- och aktivitetsenheten?")
    ]
    await page.wait_for_timeout(1000)
    assert await page.get_by_text("Unable to reach app").count() == 0
    assert await page.get_by_text("Cannot read properties").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "playground.png"), full_page=True)
    assert errors == []
    await page.close()
