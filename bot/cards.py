"""Rendering an `Answer` as a Teams message: text, citation entity, card and suggestions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from botbuilder.schema import (
    ActionTypes,
    Activity,
    ActivityTypes,
    Attachment,
    CardAction,
    SuggestedActions,
    TextFormatTypes,
)

from bot.charts import chart_url
from bot.citations_entity import AIMessageEntity, shorten, source_url
from knowledge.answer import Answer

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
SUGGESTION_TITLE_MAX = 60
# Clarify buttons name only what differs (the unit, district or year): short enough to read.
DIFF_TITLE_MAX = 40
MAX_SUGGESTIONS = 5

_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def without_tables(text: str) -> str:
    """Turn Markdown table rows into bullet lines.

    Teams drops citation markers inside tables, so no table may reach it; answers
    should not contain any, and this makes sure.
    """
    lines = []
    for line in text.splitlines():
        if _TABLE_RULE.match(line) and "|" in line:
            continue
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 2:
            cells = [c.strip() for c in stripped.strip("|").split("|") if c.strip()]
            lines.append("- " + " · ".join(cells))
        else:
            lines.append(line)
    return "\n".join(lines)


def is_indicator_answer(answer: Answer) -> bool:
    """True when the answer gets a FactSet card."""
    return answer.kind == "indicator" or bool(answer.facts)


def has_outcomes(answer: Answer) -> bool:
    """True when the answer reports outcomes: only then is there a chart worth a link."""
    return answer.kind == "outcome" or any(f.title == "Senaste utfall" for f in answer.facts)


def indicator_card(answer: Answer, public_url: str) -> dict[str, Any]:
    """Adaptive Card with the indicator's facts (årsmål, periodicitet, utfall, status …).

    Args:
        answer: An indicator answer.
        public_url: Base URL for the source link.

    Returns:
        The card JSON (Adaptive Cards 1.5, which Teams renders).
    """
    title = answer.context.indicator or "Indikator"
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": title, "weight": "Bolder", "size": "Medium", "wrap": True},
    ]
    if answer.facts:
        body.append(
            {"type": "FactSet", "facts": [{"title": f.title, "value": f.value} for f in answer.facts]}
        )
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": body,
    }
    if answer.citations:
        first = min(answer.citations, key=lambda c: c.n)
        body.append(
            {
                "type": "TextBlock",
                "text": f"Källa: {shorten(first.title, 80)}" + (f", s. {first.page}" if first.page else ""),
                "isSubtle": True,
                "size": "Small",
                "wrap": True,
            }
        )
        card["actions"] = [
            {"type": "Action.OpenUrl", "title": "Visa källan", "url": source_url(public_url, first)}
        ]
    ctx = answer.context
    if ctx.source and ctx.indicator and has_outcomes(answer):
        # Teams cannot show inline SVG: the card links to the chart of outcomes against the target.
        card.setdefault("actions", []).append(
            {
                "type": "Action.OpenUrl",
                "title": "Visa diagram",
                "url": public_url.rstrip("/") + chart_url(ctx.source, name=ctx.indicator),
            }
        )
    return card


def button_titles(questions: Sequence[str]) -> list[str]:
    """Short button titles that lead with what tells the questions apart.

    Clarify suggestions repeat one question for several units, districts or years
    ("Vilka aktiviteter planerar … för Enheten för X?"); cutting them at the end hid the
    one part that differs. When the questions share words at the start or the end,
    each title is the differing middle; otherwise the question itself, shortened.

    Args:
        questions: The full questions (the buttons' values).

    Returns:
        One title per question, each at most `DIFF_TITLE_MAX` (differing part) or
        `SUGGESTION_TITLE_MAX` (whole question) characters.
    """
    words = [q.rstrip(" ?").split() for q in questions]
    if len(words) < 2 or any(not w for w in words):
        return [shorten(q, SUGGESTION_TITLE_MAX) for q in questions]
    head = 0
    while all(len(w) > head for w in words) and len({w[head].casefold() for w in words}) == 1:
        head += 1
    tail = 0
    while all(len(w) > head + tail for w in words) and len({w[-1 - tail].casefold() for w in words}) == 1:
        tail += 1
    middles = [" ".join(w[head : len(w) - tail]) for w in words]
    # Only a shared frame of a few words makes the middle a title; different questions
    # that merely start alike ("Vilka …") keep their own text.
    if head + tail < 2 or any(not m for m in middles) or len(set(middles)) < len(middles):
        return [shorten(q, SUGGESTION_TITLE_MAX) for q in questions]
    return [shorten(_strip_connective(m), DIFF_TITLE_MAX) for m in middles]


_CONNECTIVES = {"för", "i", "på", "hos", "inom", "under", "år"}


def _strip_connective(middle: str) -> str:
    first, _, rest = middle.partition(" ")
    title = rest if first.casefold() in _CONNECTIVES and rest else middle
    return title[:1].upper() + title[1:]


def button_values(suggestions: Sequence[str]) -> dict[str, str]:
    """Each suggestion button's title mapped to the full question it stands for."""
    questions = list(dict.fromkeys(s.strip() for s in suggestions if s.strip()))[:MAX_SUGGESTIONS]
    return {
        title: question
        for question, title in zip(questions, button_titles(questions), strict=True)
        if title != question
    }


def suggested_actions(suggestions: Sequence[str]) -> SuggestedActions | None:
    """imBack buttons that ask the suggested question (the full text) when tapped."""
    questions = list(dict.fromkeys(s.strip() for s in suggestions if s.strip()))[:MAX_SUGGESTIONS]
    actions = [
        CardAction(type=ActionTypes.im_back, title=title, value=question)
        for question, title in zip(questions, button_titles(questions), strict=True)
    ]
    return SuggestedActions(actions=actions) if actions else None


def answer_activity(answer: Answer, public_url: str) -> Activity:
    """The Teams reply for an answer.

    Args:
        answer: The knowledge service's answer.
        public_url: Base URL used in citation and card links.

    Returns:
        A message activity with `[n]` markers in the text, the AI label and citation
        entity, an indicator card when relevant, suggested actions and the feedback loop.
    """
    attachments = []
    if is_indicator_answer(answer):
        attachments.append(Attachment(content_type=ADAPTIVE_CARD, content=indicator_card(answer, public_url)))
    return Activity(
        type=ActivityTypes.message,
        text=without_tables(answer.answer),
        text_format=TextFormatTypes.markdown,
        # List answers (issue 11) cite every row for the web chat's table; Teams shows the first 12
        # rows, so only the citations its text refers to are sent.
        entities=[
            AIMessageEntity.from_citations(
                [c for c in answer.citations if f"[{c.n}]" in answer.answer] or answer.citations, public_url
            )
        ],
        attachments=attachments or None,
        suggested_actions=suggested_actions(answer.suggestions),
        channel_data={"feedbackLoopEnabled": True},
    )


def text_activity(text: str, suggestions: Sequence[str] = ()) -> Activity:
    """A plain Planbot message (welcome, help, errors) with optional suggestions."""
    return Activity(
        type=ActivityTypes.message,
        text=text,
        text_format=TextFormatTypes.markdown,
        suggested_actions=suggested_actions(suggestions),
    )
