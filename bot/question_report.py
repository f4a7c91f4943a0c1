"""What admins learn from misses: declined questions, clarifications and 👎 with comments.

Read from the feedback store, grouped by similar wording (rapidfuzz) and by the cited
document, with counts. Nothing personal leaves this module: questions and comments were
masked when stored, and conversation ids are shown only as short pseudonyms.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel
from rapidfuzz import fuzz

from bot.feedback import FeedbackStore

# Questions at least this similar (token_sort_ratio, 0-100: word order may differ, a missing
# or extra word may not, so "Vilka mål har enheten?" stays apart from "… vilken enhet?")
# are one group.
SIMILAR_MIN = 85.0
NO_DOCUMENT = "(inget dokument citerat)"


class MissKind(enum.StrEnum):
    """Why a question is in the report."""

    DECLINED = "declined"  # Planbot found nothing (kind not_found)
    CLARIFY = "clarify"  # Planbot asked back
    DISLIKE = "dislike"  # a user voted 👎


KIND_LABELS = {
    MissKind.DECLINED: "Inget svar",
    MissKind.CLARIFY: "Motfråga",
    MissKind.DISLIKE: "👎",
}
_SENT_KINDS = {"not_found": MissKind.DECLINED, "clarify": MissKind.CLARIFY}


class Miss(BaseModel):
    """One question that did not go well."""

    kind: MissKind
    question: str
    created_at: str
    channel: str
    conversation: str  # pseudonym
    documents: list[str] = []
    comment: str = ""
    answer: str = ""


class QuestionGroup(BaseModel):
    """Questions worded alike, with how often each kind of miss happened."""

    question: str  # the most frequent wording
    count: int
    kinds: dict[str, int]
    wordings: list[str]
    documents: list[str]
    comments: list[str]


class DocumentCount(BaseModel):
    """Misses per cited document."""

    document: str
    count: int
    kinds: dict[str, int]


class QuestionReport(BaseModel):
    """The report: totals, groups by wording, counts by document, and every miss."""

    since: str
    totals: dict[str, int]
    groups: list[QuestionGroup]
    documents: list[DocumentCount]
    misses: list[Miss]


def pseudonym(raw: str | None) -> str:
    """A short stable stand-in for a conversation id (never the id itself)."""
    if not raw:
        return ""
    return "k-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:8]


def _sources(citations: str | None) -> list[str]:
    try:
        items = json.loads(citations or "[]")
    except ValueError:
        return []
    return list(
        dict.fromkeys(str(c.get("source", "")) for c in items if isinstance(c, dict) and c.get("source"))
    )


def collect_misses(store: FeedbackStore, since: str = "") -> list[Miss]:
    """Declined and clarified answers and 👎 votes since `since` (ISO date), oldest first."""
    misses = [
        Miss(
            kind=_SENT_KINDS[sent.kind],
            question=sent.question,
            created_at=sent.created_at,
            channel=sent.channel,
            conversation=pseudonym(sent.conversation_id),
            documents=_sources(sent.citations),
            answer=sent.answer,
        )
        for sent in store.sent_of_kinds(sorted(_SENT_KINDS), since)
    ]
    misses += [
        Miss(
            kind=MissKind.DISLIKE,
            question=vote.question or "(okänd fråga)",
            created_at=vote.created_at,
            channel=vote.channel,
            conversation=pseudonym(vote.conversation_id),
            documents=_sources(vote.citations),
            comment=vote.comment,
            answer=vote.answer or "",
        )
        for vote in store.dislikes(since)
    ]
    return sorted(misses, key=lambda m: m.created_at)


def _normal(question: str) -> str:
    return " ".join(question.casefold().strip(" ?!.").split())


def group_by_wording(misses: Sequence[Miss], similar_min: float = SIMILAR_MIN) -> list[QuestionGroup]:
    """Greedy single-pass grouping: a miss joins the first group whose wording is similar enough.

    Returns:
        Groups, largest first.
    """
    buckets: list[tuple[str, list[Miss]]] = []
    for miss in misses:
        key = _normal(miss.question)
        for anchor, members in buckets:
            if fuzz.token_sort_ratio(key, anchor) >= similar_min:
                members.append(miss)
                break
        else:
            buckets.append((key, [miss]))
    groups = []
    for _, members in buckets:
        wordings = Counter(m.question for m in members)
        groups.append(
            QuestionGroup(
                question=wordings.most_common(1)[0][0],
                count=len(members),
                kinds=dict(Counter(m.kind.value for m in members)),
                wordings=list(wordings),
                documents=sorted({d for m in members for d in m.documents}),
                comments=[m.comment for m in members if m.comment],
            )
        )
    return sorted(groups, key=lambda g: (-g.count, g.question.casefold()))


def count_by_document(misses: Sequence[Miss]) -> list[DocumentCount]:
    """How many misses cite each document (misses citing none are counted together)."""
    per: dict[str, Counter[str]] = {}
    for miss in misses:
        for document in miss.documents or [NO_DOCUMENT]:
            per.setdefault(document, Counter())[miss.kind.value] += 1
    rows = [DocumentCount(document=d, count=sum(c.values()), kinds=dict(c)) for d, c in per.items()]
    return sorted(rows, key=lambda r: (-r.count, r.document))


def build_report(store: FeedbackStore, since: str = "") -> QuestionReport:
    """Everything the admin page and `planbot report questions` show."""
    misses = collect_misses(store, since)
    return QuestionReport(
        since=since,
        totals={k.value: sum(1 for m in misses if m.kind is k) for k in MissKind},
        groups=group_by_wording(misses),
        documents=count_by_document(misses),
        misses=misses,
    )


def report_text(report: QuestionReport) -> str:
    """The report as plain Swedish text (the CLI's output)."""
    since = f" sedan {report.since}" if report.since else ""
    totals = ", ".join(f"{KIND_LABELS[MissKind(k)]}: {n}" for k, n in report.totals.items())
    lines = [f"Frågor som inte gick bra{since} ({totals})", ""]
    if not report.misses:
        lines.append("Inga missar registrerade.")
        return "\n".join(lines)
    lines.append("Grupperade efter formulering:")
    for group in report.groups:
        kinds = ", ".join(f"{KIND_LABELS[MissKind(k)]} {n}" for k, n in sorted(group.kinds.items()))
        lines.append(f"  {group.count:>3}  {group.question}  [{kinds}]")
        for wording in group.wordings[1:4]:
            lines.append(f"         även: {wording}")
        for comment in group.comments[:3]:
            lines.append(f"         kommentar: {comment}")
    lines += ["", "Per dokument:"]
    for row in report.documents:
        kinds = ", ".join(f"{KIND_LABELS[MissKind(k)]} {n}" for k, n in sorted(row.kinds.items()))
        lines.append(f"  {row.count:>3}  {row.document}  [{kinds}]")
    return "\n".join(lines)


def candidate_lines(report: QuestionReport) -> list[dict[str, object]]:
    """One candidate evaluation question per group (dev-set format, to be curated by hand)."""
    return [
        {
            "id": f"miss-{n}",
            "category": "feedback",
            "question": group.question,
            "answer_facts": [],
            "source": group.documents[0] if len(group.documents) == 1 else None,
            "evidence": None,
            "context": [],
            "why": group.kinds,
            "comment": " | ".join(group.comments),
            "wordings": group.wordings,
        }
        for n, group in enumerate(report.groups, start=1)
    ]
