"""What admins learn from misses: grouping, masking, the admin page's JSON and export."""

from __future__ import annotations

import json
from pathlib import Path

from aiohttp.test_utils import TestClient

from bot import keys
from bot.feedback import FeedbackStore
from bot.question_report import NO_DOCUMENT, build_report, candidate_lines, report_text
from config.settings import Settings
from knowledge.answer import Answer
from tests.bot.conftest import ClientFactory, make_settings
from tests.bot.fakes import SOURCE, FakeService

TOKEN = "admin-hemlighet-123"


def _declined(store: FeedbackStore, n: int, question: str, conversation: str) -> None:
    answer = Answer(answer="Jag hittar inget om det.", kind="not_found")
    store.record_sent(f"m-{n}", "web", conversation, question, answer)


async def test_a_sessions_misses_are_grouped_and_masked(make_client: ClientFactory, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, admin_token=TOKEN)
    client = await make_client(settings, FakeService())
    # A test session over HTTP: two clarifications, an answer voted down with a comment.
    for conversation in ("tab-personal-1", "tab-personal-2"):
        await client.post(
            "/api/ask", json={"question": "Vilka mål har vilken enhet?", "conversation_id": conversation}
        )
    asked = await client.post(
        "/api/ask", json={"question": "Vilka mål har enheten?", "conversation_id": "tab-3"}
    )
    vote = {"message_id": asked.headers["X-Planbot-Message-Id"], "reaction": "dislike", "comment": "Fel år"}
    assert (await client.post("/api/feedback", json=vote)).status == 200
    store = client.app[keys.FEEDBACK]
    _declined(store, 1, "Hur många hembesök gör ni per månad?", "tab-personal-1")
    _declined(store, 2, "hur många hembesök görs per månad", "tab-personal-2")
    _declined(store, 3, "Vad kostar en plats på HVB?", "tab-personal-2")

    report = build_report(store)
    assert report.totals == {"declined": 3, "clarify": 2, "dislike": 1}
    first = report.groups[0]
    assert first.count == 2 and first.kinds in ({"declined": 2}, {"clarify": 2})
    by_question = {g.question: g for g in report.groups}
    assert by_question["Hur många hembesök gör ni per månad?"].count == 2
    assert by_question["Vilka mål har enheten?"].comments == ["Fel år"]
    assert by_question["Vilka mål har enheten?"].documents == [SOURCE]
    documents = {d.document: d.count for d in report.documents}
    assert documents[NO_DOCUMENT] == 5 and documents[SOURCE] == 1
    dump = report.model_dump_json()
    assert "tab-personal" not in dump  # conversation ids only as pseudonyms
    assert "Hur många hembesök" in report_text(report)

    # The admin page's JSON: token required, then the same report.
    assert (await client.get("/api/admin/questions")).status == 401
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = await client.get("/api/admin/questions", headers=headers)
    assert response.status == 200
    body = await response.json()
    assert body["totals"] == report.totals and len(body["groups"]) == len(report.groups)
    assert (await client.get("/api/admin/questions?since=2999-01-01", headers=headers)).status == 200
    later = await (await client.get("/api/admin/questions?since=2999-01-01", headers=headers)).json()
    assert later["misses"] == []
    assert (await client.get("/api/admin/questions?since=igår", headers=headers)).status == 400
    export = await client.get("/api/admin/questions?format=jsonl", headers=headers)
    lines = [json.loads(line) for line in (await export.text()).splitlines()]
    assert {line["question"] for line in lines} == {g.question for g in report.groups}
    assert all(line["category"] == "feedback" and line["answer_facts"] == [] for line in lines)
    page = await client.get("/admin/fragor")
    assert page.status == 200 and "Frågor som inte gick bra" in await page.text()


async def test_admin_questions_are_off_without_a_token(client: TestClient, settings: Settings) -> None:
    assert not settings.admin_token
    assert (await client.get("/api/admin/questions")).status == 404


def test_candidates_name_the_document_when_there_is_one(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.migrate()
    _declined(store, 1, "Vad kostar en plats på HVB?", "c1")
    (line,) = candidate_lines(build_report(store))
    assert line["source"] is None and line["why"] == {"declined": 1}
