"""Web chat (real headless Chromium): list answers as a table with one citation per row, OCR repairs shown."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from knowledge.answer import Answer, AnswerTable, ConversationContext, TableRow
from tests.bot.fakes import FakeService, citation
from tests.bot.test_webchat_browser import CHROMIUM, base_url, browser  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)"),
]

ROWS = [("Sjukfrånvaro dag 1-14", "3,5 %", "Tertial"), ("Andel aktuella planer", "75 %", "Tertial")]


class RowsService(FakeService):
    """Answers every question with a count answer over two cited rows, one from an OCR'd page."""

    def answer(self, question: str, context: ConversationContext | None = None) -> Answer:
        cites = [
            citation(n, f"{name}\t{target}\t{period}", "Indikatorer", 3)
            for n, (name, target, period) in enumerate(ROWS, start=1)
        ]
        cites[1] = cites[1].model_copy(
            update={
                "quote": "Andel aktuella fordndringsplaner",
                "repaired_quote": "Andel aktuella förändringsplaner",
            }
        )
        intro = "Enheten har 2 indikatorer som mäts per tertial:"
        lines = "\n".join(
            f"{n}. {name} (årsmål {target}) [{n}]" for n, (name, target, _) in enumerate(ROWS, 1)
        )
        return Answer(
            answer=f"{intro}\n\n{lines}",
            kind="count",
            citations=cites,
            table=AnswerTable(
                columns=["Indikator", "Årsmål", "Periodicitet"],
                rows=[TableRow(cells=list(row), cite=n) for n, row in enumerate(ROWS, start=1)],
                intro=intro,
            ),
        )


@pytest.fixture
def fake_service() -> FakeService:
    return RowsService()


async def test_list_answer_renders_as_a_cited_table_with_readable_ocr_quote(
    browser: Any,  # noqa: F811
    client: TestClient,
) -> None:
    context = await browser.new_context(viewport={"width": 1100, "height": 900}, locale="sv-SE")
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.goto(base_url(client) + "/")
    await page.get_by_label("Din fråga").fill("Hur många indikatorer mäts per tertial?")
    await page.keyboard.press("Enter")
    answer = page.locator(".msg.bot:not(.intro)").first
    await answer.wait_for()
    table = answer.locator("table.rows")
    assert await table.locator("tbody tr").count() == 2
    assert await table.locator("th").all_inner_texts() == ["Indikator", "Årsmål", "Periodicitet", "Källa"]
    assert await table.locator("tbody tr").nth(0).locator("a.cite").inner_text() == "[1]"
    assert "Enheten har 2 indikatorer" in await answer.locator(".answer").inner_text()
    repaired = answer.locator(".sources .repaired")
    assert await repaired.count() == 1
    assert "Andel aktuella förändringsplaner" in await repaired.inner_text()
    assert "OCR" in await repaired.inner_text()
    assert errors == []
    await context.close()
