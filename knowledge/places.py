"""Stockholm's districts, shared by the parser (which district a document is from) and the question
reader (which district a question names, ingested or not)."""

from __future__ import annotations

# Stadsdelsområden, with the pre-2020 names still found in old plans (Älvsjö, Hägersten-Liljeholmen).
STOCKHOLM_DISTRICTS: tuple[str, ...] = (
    "Rinkeby-Kista",
    "Spånga-Tensta",
    "Hässelby-Vällingby",
    "Bromma",
    "Kungsholmen",
    "Norrmalm",
    "Östermalm",
    "Södermalm",
    "Enskede-Årsta-Vantör",
    "Skarpnäck",
    "Farsta",
    "Älvsjö",
    "Hägersten-Älvsjö",
    "Hägersten-Liljeholmen",
    "Skärholmen",
)
