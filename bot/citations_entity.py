"""The schema.org Message entity Teams reads for the AI label and citations.

botbuilder-schema's `Entity` serialises only `type` and silently drops every other
field, so this subclass declares the JSON-LD keys in its msrest `_attribute_map`.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar
from urllib.parse import quote

from botbuilder.schema import Entity

from knowledge.answer import Citation

NAME_MAX = 80
ABSTRACT_MAX = 160
# Enough of the quote to find the passage again; keeps the link well under URL limits.
URL_QUOTE_MAX = 200
# Teams' message entity schema allows at most 10 citations; an 11th makes the Bot
# Connector (and the Agents Playground) reject the whole reply ("Array must contain at
# most 10 element(s)"). Markers beyond stay as plain text.
MAX_CITATIONS = 10


def shorten(text: str, limit: int) -> str:
    """Collapse whitespace and cut `text` to at most `limit` characters, ending with '…'.

    The cut falls between words when one ends in the last third of the room, so a
    title never ends mid-word ("Enheten för e…").
    """
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1]
    space = head.rfind(" ")
    if space >= (limit * 2) // 3:
        head = head[:space]
    return head.rstrip(" ,;:–-") + "…"


def source_url(public_url: str, citation: Citation) -> str:
    """Link to the source view with the quoted passage highlighted and anchored.

    Args:
        public_url: Planbot's public base URL.
        citation: The citation to link.

    Returns:
        `{public_url}/sources/{source}?q=<quote>&n=<n>#c{n}`.
    """
    base = public_url.rstrip("/")
    query = quote(shorten(citation.quote, URL_QUOTE_MAX), safe="")
    return f"{base}/sources/{quote(citation.source, safe='')}?q={query}&n={citation.n}#c{citation.n}"


def citation_name(citation: Citation) -> str:
    """The citation's title in Teams: document title and the innermost section."""
    section = citation.section.split("›")[-1].strip() if citation.section else ""
    name = citation.title or citation.source
    if section and section.casefold() not in name.casefold():
        name = f"{name} – {section}"
    return shorten(name, NAME_MAX)


def claim(citation: Citation, public_url: str) -> dict[str, Any]:
    """One schema.org Claim for the entity's `citation` list."""
    return {
        "@type": "Claim",
        "position": citation.n,
        "appearance": {
            "@type": "DigitalDocument",
            "name": citation_name(citation),
            # OCR'd quotes (issue 11): the readable repair beside the verbatim quote, marked as such.
            "abstract": (
                f"{shorten(citation.quote, (ABSTRACT_MAX - 30) // 2)} | Läsbart (OCR-rättat): "
                f"{shorten(citation.repaired_quote, (ABSTRACT_MAX - 30) // 2)}"
                if citation.repaired_quote
                else shorten(citation.quote, ABSTRACT_MAX)
            ),
            "url": source_url(public_url, citation),
        },
    }


class AIMessageEntity(Entity):
    """Root message entity: AI-generated label plus the citations behind the `[n]` markers."""

    _attribute_map: ClassVar[dict[str, dict[str, str]]] = {
        "type": {"key": "type", "type": "str"},
        "at_type": {"key": "@type", "type": "str"},
        "at_context": {"key": "@context", "type": "str"},
        "at_id": {"key": "@id", "type": "str"},
        "additional_type": {"key": "additionalType", "type": "[str]"},
        "citation": {"key": "citation", "type": "[object]"},
    }

    def __init__(self, citation: list[dict[str, Any]] | None = None, **kwargs: Any) -> None:
        """Create the entity.

        Args:
            citation: Claims as built by `claim`; empty or None omits the key.
            **kwargs: Passed to msrest's Model.
        """
        super().__init__(type="https://schema.org/Message", **kwargs)
        self.at_type = "Message"
        self.at_context = "https://schema.org"
        self.at_id = ""
        self.additional_type = ["AIGeneratedContent"]
        self.citation = citation or None

    @classmethod
    def from_citations(cls, citations: list[Citation], public_url: str) -> AIMessageEntity:
        """Build the entity for an answer's citations (the first `MAX_CITATIONS`, in order)."""
        ordered = sorted(citations, key=lambda c: c.n)[:MAX_CITATIONS]
        return cls(citation=[claim(c, public_url) for c in ordered])
