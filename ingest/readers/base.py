"""The format-neutral form every reader produces and the parser consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ReadError(Exception):
    """A document could not be read. The message is Swedish, names the file and says what to do."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


@dataclass(frozen=True)
class Line:
    """One logical line of a document.

    Attributes:
        text: The line's text without layout markup (no `#`, `**`, `<b>`); table rows
            keep their cells joined by tabs.
        page: 1-based page number where the format has pages (PDF), else None.
        heading: Heading level when the format marks it (Markdown `#`, DOCX heading
            style), else None. The parser does not rely on it alone: many plans mark
            headings only by their words.
        cells: The cells when the line is a table row, else None.
        emphasis: True when the whole line was bold or italic (a hint of a heading).
    """

    text: str
    page: int | None = None
    heading: int | None = None
    cells: tuple[str, ...] | None = None
    emphasis: bool = False


@dataclass
class RawDocument:
    """A document as read: its lines in order, plus what the reader knows of the file."""

    source: str
    path: Path
    content_hash: str
    lines: list[Line] = field(default_factory=list)
    fmt: str = "txt"
