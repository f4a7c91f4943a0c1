"""Typed structure of an ingested document: metadata, goals, activities, sections, chunks."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, Field

from indicators.models import GoalLevel, Indicator, Outcome


class DocType(StrEnum):
    """Kinds of documents Planbot knows."""

    VERKSAMHETSPLAN = "verksamhetsplan"
    KVALITETSUTMARKELSE = "kvalitetsutmärkelse"
    RUTIN = "rutin"
    OVRIGT = "övrigt"


class DocumentMeta(BaseModel):
    """What a document is: inferred from its own text, overridable by sidecar or CLI."""

    source: str = Field(description="The file's name as ingested.")
    title: str = ""
    type: DocType = DocType.OVRIGT
    unit: str | None = None
    district: str | None = None
    year: int | None = None
    content_hash: str = ""


class Goal(BaseModel):
    """One goal of the chain with its standard sub-sections."""

    key: str = Field(description="Stable key within the document, e.g. 'g7'.")
    level: GoalLevel
    number: str | None = Field(default=None, description="'1', '1.3' for KF goals; None otherwise.")
    title: str
    parent_key: str | None = None
    beskrivning: str = ""
    forvantat_resultat: str = ""
    arbetssatt: str = ""
    resursanvandning: str = ""
    uppfoljning: str = ""
    utveckling: str = ""
    page: int | None = None


class Activity(BaseModel):
    """One row of an activity table (Aktivitet, Startdatum, Slutdatum)."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    goal_key: str | None = None
    page: int | None = None
    row_text: str = ""


class GlossaryEntry(BaseModel):
    """An abbreviation defined in the document itself ('APT: arbetsplatsträff')."""

    term: str
    expansion: str
    quote: str
    page: int | None = None
    heading_path: list[str] = []


class Section(BaseModel):
    """A run of prose under one heading path (routines, organisation, goal texts …)."""

    heading_path: list[str]
    text: str
    page: int | None = None
    goal_key: str | None = None


class FactKind(StrEnum):
    """What a stored fact row is."""

    BUDGET = "budget"
    ADMIN = "admin"


class AdminKey(StrEnum):
    """Administrative facts a plan or application states about its unit."""

    ADDRESS = "adress"
    MANAGER = "enhetschef"
    PHONE = "telefon"
    EMAIL = "e-post"
    EMPLOYEES = "medarbetare"
    TARGET_GROUP = "målgrupp"
    # Document control: what a routine's (or a plan's) header table states about the document itself.
    ADOPTED_BY = "fastställd av"
    ADOPTED = "fastställd"
    VALID_FROM = "gäller från"
    REVISION = "revideras"
    DOC_OWNER = "dokumentansvarig"
    REGISTRATION = "diarienummer"
    VERSION = "version"
    REPLACES = "ersätter"


ADMIN_LABELS: dict[AdminKey, str] = {
    AdminKey.ADDRESS: "Adress",
    AdminKey.MANAGER: "Enhetschef",
    AdminKey.PHONE: "Telefon",
    AdminKey.EMAIL: "E-post",
    AdminKey.EMPLOYEES: "Antal medarbetare",
    AdminKey.TARGET_GROUP: "Målgrupp",
    AdminKey.ADOPTED_BY: "Fastställd av",
    AdminKey.ADOPTED: "Fastställd",
    AdminKey.VALID_FROM: "Gäller från",
    AdminKey.REVISION: "Revideras senast",
    AdminKey.DOC_OWNER: "Ansvarig för dokumentet",
    AdminKey.REGISTRATION: "Diarienummer",
    AdminKey.VERSION: "Version",
    AdminKey.REPLACES: "Ersätter",
}
# The document-control keys (AdminKey.ADOPTED_BY …): facts about the document, not about its unit.
DOCUMENT_KEYS: frozenset[AdminKey] = frozenset(
    {
        AdminKey.ADOPTED_BY,
        AdminKey.ADOPTED,
        AdminKey.VALID_FROM,
        AdminKey.REVISION,
        AdminKey.DOC_OWNER,
        AdminKey.REGISTRATION,
        AdminKey.VERSION,
        AdminKey.REPLACES,
    }
)


class DocFact(BaseModel):
    """One budget row or administrative fact, kept as a row so questions are answered from it.

    Budget rows: `key` is the row label ('Personalkostnader'), `columns` the cells by column
    ('Budget' -> '23 345'), `group` the block it stands in ('Intäkter', 'Kostnader', 'Netto').
    Administrative facts: `key` is an `AdminKey` value and `value` the stated text.
    """

    kind: FactKind
    key: str
    label: str
    value: str
    value_num: float | None = None
    columns: dict[str, str] = {}
    group: str | None = None
    year: int | None = None
    measure: str | None = Field(default=None, description="'tkr', 'mnkr', 'kr' for budgets.")
    page: int | None = None
    quote: str = Field(default="", description="The exact supporting text.")
    heading_path: list[str] = []


class ParsedDocument(BaseModel):
    """Everything the parser understood of one document."""

    meta: DocumentMeta
    goals: list[Goal] = []
    indicators: list[Indicator] = []
    activities: list[Activity] = []
    outcomes: list[Outcome] = []
    glossary: list[GlossaryEntry] = []
    sections: list[Section] = []
    facts: list[DocFact] = []
    warnings: list[str] = []
    ocr_damaged: bool | None = None

    @property
    def looks_ocr_damaged(self) -> bool:
        """Whether the parser found the text OCR-damaged (å/ä/ö lost or garbled).

        Documents stored before the flag existed (None) are judged by their warning.
        """
        if self.ocr_damaged is not None:
            return self.ocr_damaged
        return any("OCR" in warning for warning in self.warnings)


class ChunkKind(StrEnum):
    """What a chunk holds; structured rows get their own small chunks."""

    SECTION = "section"
    GOAL = "goal"
    INDICATOR = "indicator"
    ACTIVITY = "activity"
    OUTCOME = "outcome"
    GLOSSARY = "glossary"
    FACT = "fact"


class Chunk(BaseModel):
    """A retrievable, citable piece of a document."""

    id: str
    source: str
    kind: ChunkKind
    text: str = Field(description="Text shown and quoted (verbatim from the document).")
    breadcrumb: str = Field(description="document › goal path › section")
    page: int | None = None
    ref: int | None = Field(default=None, description="Index into the parsed list of its kind.")
    goal_key: str | None = None
    repaired: str | None = Field(
        default=None,
        description="OCR'd documents: `text` with å/ä/ö restored where certain, same length as `text`.",
    )
