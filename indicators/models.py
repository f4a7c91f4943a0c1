"""Typed models for goals levels, indicator rows and outcomes.

These live in the lowest domain package because indicators, knowledge and ingest all
use them (imports point one way: config <- indicators <- knowledge <- ingest).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class GoalLevel(StrEnum):
    """The four levels of Stockholm's goal chain, top to bottom."""

    KF_INRIKTNINGSMAL = "kf_inriktningsmål"
    KF_MAL = "kf_mål"
    NAMNDMAL = "nämndmål"
    ENHETSMAL = "enhetsmål"


GOAL_LEVEL_LABELS: dict[GoalLevel, str] = {
    GoalLevel.KF_INRIKTNINGSMAL: "KF:s inriktningsmål",
    GoalLevel.KF_MAL: "KF:s mål för verksamhetsområdet",
    GoalLevel.NAMNDMAL: "Nämndmål",
    GoalLevel.ENHETSMAL: "Enhetsmål",
}


class Indicator(BaseModel):
    """One row of an indicator table (Indikator, Årsmål, KF:s årsmål, Periodicitet).

    Cell texts are kept verbatim ("Tas fram av nämnd", "öka", "" stay what they are);
    the `*_value` fields hold a number only when the cell really is one.
    """

    name: str
    arsmal: str = Field(default="", description="Årsmål cell, verbatim ('' when empty).")
    arsmal_value: float | None = None
    kf_arsmal: str = Field(default="", description="KF:s årsmål cell, verbatim.")
    kf_arsmal_value: float | None = None
    periodicitet: str = ""
    measure: str | None = Field(default=None, description="%, st, kr, GWh, index, dagar … or None.")
    gender_split: bool = Field(default=False, description="Row marked ♀ (reported per gender).")
    goal_key: str | None = Field(default=None, description="Key of the goal the table sits under.")
    goal_level: GoalLevel | None = None
    page: int | None = None
    row_text: str = Field(default="", description="The row as it stands in the document (for quotes).")


class Outcome(BaseModel):
    """An outcome value for an indicator, from a document's prose or an import."""

    indicator: str
    year: int | None = None
    period: str | None = Field(default=None, description="'2023', '2023-T1', '2023-T2' …")
    target: str | None = Field(default=None, description="Target as stated next to the outcome.")
    value: str = Field(description="Outcome as stated, verbatim ('22,64%').")
    value_num: float | None = None
    women: str | None = None
    men: str | None = None
    measure: str | None = None
    page: int | None = None
    quote: str = Field(default="", description="The exact supporting text.")
    source_kind: str = Field(default="document", description="'document' or 'import'.")
