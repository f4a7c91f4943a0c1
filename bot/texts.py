"""Everything Planbot says to users outside of answers, in Swedish, in one place."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol


class DocumentLike(Protocol):
    """The fields of `knowledge.service.DocumentSummary` the texts use."""

    @property
    def title(self) -> str: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def district(self) -> str | None: ...
    @property
    def year(self) -> int | None: ...


NOT_READY = "Planbot startar fortfarande och läser in dokumenten. Försök igen om en liten stund."
UNAVAILABLE = (
    "Planbot kan inte svara just nu eftersom kunskapsbasen inte går att läsa. "
    "Kontakta den som förvaltar Planbot."
)
GENERIC_ERROR = "Något gick fel när jag skulle svara. Försök igen, eller formulera frågan på ett annat sätt."
EMPTY_QUESTION = "Skriv en fråga, till exempel: Vilka mål har enheten för 2023?"
BAD_JSON = 'Förfrågan måste vara JSON, till exempel {"question": "Vilka mål har enheten?"}.'
BAD_FIELDS = "Fältet question måste vara text och conversation_id (valfritt) en kort text."
UNKNOWN_MESSAGE = "Svaret som återkopplingen gäller hittades inte. Ladda om sidan och försök igen."
BAD_FEEDBACK = 'Återkopplingen måste ange message_id och reaction ("like" eller "dislike").'
FEEDBACK_THANKS = "Tack för din återkoppling!"
UNAUTHORIZED = "Förfrågan saknar giltig behörighet."
NOT_FOUND = "Sidan eller resursen finns inte."
METHOD_NOT_ALLOWED = "Den metoden stöds inte här."
TOO_LARGE = "Förfrågan är för stor."
UNSUPPORTED_MEDIA = "Förfrågan måste skickas som JSON (Content-Type: application/json)."
BAD_CHARACTERS = (
    "Texten innehåller tecken som inte går att läsa (ogiltig Unicode). Skriv om texten och försök igen."
)
SOURCE_NOT_FOUND = "Dokumentet finns inte (längre) i Planbots kunskapsbas."
FORGOT_CONTEXT = "Okej, vi börjar om från början. Vad vill du veta?"
ADMIN_ONLY = (
    "Tyvärr, det kommandot får bara Planbots administratörer använda. "
    "Kontakta den som förvaltar Planbot om dokumenten behöver uppdateras."
)
REINGEST_DISABLED = "Uppdatering av dokumenten är inte aktiverad på den här servern."
REINGEST_STARTED = "Jag läser in dokumenten på nytt. Det kan ta några minuter …"
REINGEST_BUSY = "En uppdatering pågår redan. Vänta tills den är klar."
REINGEST_FAILED = "Uppdateringen misslyckades. Se serverns logg för detaljer."
REINGEST_DONE = "Uppdateringen är klar."
NO_DOCUMENTS = "Jag har inga dokument inlästa ännu."
FILES_NOT_SUPPORTED = "Jag kan inte läsa bifogade filer. Skriv din fråga som text i stället."

COMMANDS_HELP = (
    "**Kommandon:**\n"
    "- **hjälp** – visa den här hjälpen\n"
    "- **enheter** – visa vilka enheter och år jag har dokument för\n"
    "- **ny** – börja om och glöm sammanhanget från tidigare frågor"
)

MAX_LISTED = 25


def not_ready(failed: bool) -> str:
    """What a user is told before the service answers: starting, or broken (see ServiceState)."""
    return UNAVAILABLE if failed else NOT_READY


def too_long(max_chars: int) -> str:
    """Error for a question longer than `max_chars`."""
    return f"Frågan är för lång. Korta ner den till högst {max_chars} tecken och försök igen."


def _unit_name(doc: DocumentLike) -> str:
    return doc.unit or doc.title or "Okänd enhet"


def units_by_name(documents: Sequence[DocumentLike]) -> dict[str, tuple[str | None, list[int]]]:
    """Group documents by unit: unit → (district, sorted years)."""
    years: dict[str, set[int]] = defaultdict(set)
    districts: dict[str, str | None] = {}
    for doc in documents:
        name = _unit_name(doc)
        districts.setdefault(name, doc.district)
        if doc.year is not None:
            years[name].add(doc.year)
        else:
            years.setdefault(name, set())
    return {name: (districts[name], sorted(years[name])) for name in sorted(years, key=str.casefold)}


def units_text(documents: Sequence[DocumentLike]) -> str:
    """Markdown list of units with their years (the `enheter` command)."""
    grouped = units_by_name(documents)
    if not grouped:
        return NO_DOCUMENTS
    lines = []
    for name, (district, years) in list(grouped.items())[:MAX_LISTED]:
        line = f"- **{name}**"
        if district:
            line += f" ({district})"
        if years:
            line += ": " + ", ".join(str(y) for y in years)
        lines.append(line)
    if len(grouped) > MAX_LISTED:
        lines.append(f"- … och {len(grouped) - MAX_LISTED} till")
    return f"Jag har dokument för {len(grouped)} enheter:\n\n" + "\n".join(lines)


def _short_unit(name: str) -> str:
    # "Enheten för X" reads badly mid-sentence with a capital E.
    return re.sub(r"^Enheten\b", "enheten", name)


def example_questions(documents: Sequence[DocumentLike]) -> list[str]:
    """Three example questions, using real units and years when there are documents."""
    grouped = [(name, years) for name, (_, years) in units_by_name(documents).items()]
    examples: list[str] = []
    if grouped:
        name, years = grouped[0]
        examples.append(
            f"Vilka mål har {_short_unit(name)} för {years[-1]}?"
            if years
            else f"Vilka mål har {_short_unit(name)}?"
        )
        other, other_years = grouped[1] if len(grouped) > 1 else grouped[0]
        examples.append(
            f"Vilka indikatorer följer {_short_unit(other)} upp {other_years[-1]}?"
            if other_years
            else f"Vilka indikatorer följer {_short_unit(other)} upp?"
        )
        examples.append(f"Vilka aktiviteter planerar {_short_unit(name)}?")
    else:
        examples = [
            "Vilka mål har enheten för 2023?",
            "Vilka indikatorer följs upp?",
            "Vilka aktiviteter är planerade?",
        ]
    return examples


def welcome_text(documents: Sequence[DocumentLike]) -> str:
    """The welcome and `hjälp` message: what Planbot knows, examples and commands."""
    grouped = units_by_name(documents)
    parts = [
        "Hej! Jag är **Planbot**. Jag svarar på frågor om enheternas verksamhetsplaner, "
        "rutiner och indikatorer – och visar alltid var svaret kommer ifrån med källhänvisningar [n].",
    ]
    if grouped:
        units = []
        for name, (_, years) in list(grouped.items())[:MAX_LISTED]:
            units.append(f"- {name}" + (f" ({', '.join(str(y) for y in years)})" if years else ""))
        if len(grouped) > MAX_LISTED:
            units.append(f"- … och {len(grouped) - MAX_LISTED} till (skriv **enheter**)")
        parts.append("**Jag känner till dokument från:**\n" + "\n".join(units))
    else:
        parts.append(NO_DOCUMENTS)
    parts.append("**Prova till exempel:**\n" + "\n".join(f"- {q}" for q in example_questions(documents)))
    parts.append(COMMANDS_HELP)
    return "\n\n".join(parts)
