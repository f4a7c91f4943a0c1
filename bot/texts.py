"""Everything Planbot says to users outside of answers, in Swedish, in one place."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol


class DocumentLike(Protocol):
    """The fields of `knowledge.service.DocumentSummary` the texts use."""

    @property
    def source(self) -> str: ...
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
    "- **min enhet** *namn* – berätta var du jobbar, så svarar jag för din enhet när du inte "
    "nämner någon (**min enhet** visar den, **min enhet ingen** tar bort den)\n"
    "- **ny** – börja om och glöm sammanhanget från tidigare frågor"
)
NO_UNIT = (
    "Du har ingen enhet sparad. Skriv till exempel **min enhet Stöd- och aktivitetsenheten**, "
    "så utgår jag från den när du inte nämner någon enhet."
)
UNIT_NEEDS_USER = "Jag kan inte se vem du är här, så jag kan inte spara någon enhet åt dig."
UNIT_CLEARED = "Okej, jag har glömt din enhet. Nämn gärna enheten i dina frågor."

MAX_LISTED = 25


def unit_set(unit: str) -> str:
    """Reply to "min enhet X"."""
    return (
        f"Okej, din enhet är **{unit}**. När du inte nämner någon enhet utgår jag från den, "
        "även i nya konversationer. Skriv **min enhet ingen** för att ta bort den."
    )


def unit_shown(unit: str) -> str:
    """Reply to "min enhet"."""
    return f"Din enhet är **{unit}**. Skriv **min enhet ingen** för att ta bort den."


def unit_unknown(written: str, units: Sequence[str]) -> str:
    """Reply to "min enhet X" when X names no ingested unit."""
    known = ", ".join(units[:MAX_LISTED]) if units else "inga ännu"
    return f"Jag hittar ingen enhet som heter ”{written}”. Enheterna jag har dokument för: {known}."


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


def short_unit(name: str) -> str:
    """A unit's name as it reads mid-sentence."""
    # "Enheten för X" reads badly mid-sentence with a capital E.
    return re.sub(r"^Enheten\b", "enheten", name)


def welcome_text(
    documents: Sequence[DocumentLike], examples: Sequence[str] = (), starting: bool = False
) -> str:
    """The welcome and `hjälp` message: what Planbot knows, examples and commands.

    Args:
        documents: What is ingested.
        examples: Example questions already checked to be answered (see `bot.examples`).
        starting: The service is still loading (say so, not "no documents").
    """
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
        parts.append(NOT_READY if starting else NO_DOCUMENTS)
    if examples:
        parts.append("**Prova till exempel:**\n" + "\n".join(f"- {q}" for q in examples))
    parts.append(COMMANDS_HELP)
    return "\n\n".join(parts)
