"""Paragraph buffers and what they become: sections, goal fields and prose blocks.

The walk collects text into buffers (one per heading path, or per goal field); at the end
each buffer's paragraphs become the goal's field text, `Section`s split near a size limit,
and `ProseBlock`s (paragraphs with context) for the prose extractors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.models import GoalLevel, Indicator
from knowledge.models import Activity, Goal, Section

SECTION_LIMIT = 1200  # characters: long sections are split at paragraph ends near this size


@dataclass
class Paragraph:
    """Consecutive lines without a blank line between them."""

    lines: list[str]
    page: int | None
    seq: int

    @property
    def text(self) -> str:
        """The paragraph verbatim, its lines joined by newlines."""
        return "\n".join(self.lines)


@dataclass
class Buffer:
    """Paragraphs under one heading path (a section, or one field of one goal)."""

    heading_path: list[str]
    goal_key: str | None
    goal_field: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    open: bool = False


@dataclass
class ProseBlock:
    """A paragraph with its context, for the prose extractors (outcomes, glossary, targets)."""

    text: str
    page: int | None
    heading_path: list[str]
    goal_key: str | None
    goal_level: GoalLevel | None
    is_heading: bool = False  # headings reach only the line-based extractors (table captions, labels)


@dataclass
class Structure:
    """What the walk produced."""

    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    prose: list[ProseBlock] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _groups(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Split a long section at paragraph ends so each part stays near SECTION_LIMIT characters."""
    groups: list[list[Paragraph]] = [[]]
    size = 0
    for paragraph in paragraphs:
        if groups[-1] and size + len(paragraph.text) > SECTION_LIMIT:
            groups.append([])
            size = 0
        groups[-1].append(paragraph)
        size += len(paragraph.text) + 2
    return groups


def ocr_noise(text: str) -> int:
    """How garbled a short text looks ('&r', 'é' inside words, digits inside words)."""
    return sum(text.count(mark) for mark in ("&", "é", "|", "[")) + sum(
        1 for word in text.split() if any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
    )


def build_output(
    goals: list[Goal], buffers: list[Buffer], headings: list[tuple[int, ProseBlock]]
) -> tuple[list[Section], list[ProseBlock]]:
    """Fill the goals' fields and turn buffers into sections and prose blocks, in document order.

    Args:
        goals: The goals (their text fields are filled in place).
        buffers: Every buffer of the walk.
        headings: Headings met outside goals, with their sequence numbers.

    Returns:
        The sections and the prose blocks (headings included, flagged), both in document order.
    """
    by_key = {goal.key: goal for goal in goals}
    sections: list[tuple[int, Section]] = []
    prose: list[tuple[int, ProseBlock]] = list(headings)
    for buffer in buffers:
        if not buffer.paragraphs:
            continue
        goal = by_key.get(buffer.goal_key or "")
        if goal is not None and buffer.goal_field:
            text = "\n\n".join(p.text for p in buffer.paragraphs)
            previous = getattr(goal, buffer.goal_field)
            setattr(goal, buffer.goal_field, f"{previous}\n\n{text}" if previous else text)
        for group in _groups(buffer.paragraphs):
            text = "\n\n".join(p.text for p in group)
            section = Section(
                heading_path=list(buffer.heading_path),
                text=text,
                page=group[0].page,
                goal_key=buffer.goal_key,
            )
            sections.append((group[0].seq, section))
        level = goal.level if goal is not None else None
        for paragraph in buffer.paragraphs:
            path = list(buffer.heading_path)
            block = ProseBlock(paragraph.text, paragraph.page, path, buffer.goal_key, level)
            prose.append((paragraph.seq, block))
    ordered_sections = [section for _, section in sorted(sections, key=lambda pair: pair[0])]
    return ordered_sections, [block for _, block in sorted(prose, key=lambda pair: pair[0])]
