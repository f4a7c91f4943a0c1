"""The ingestion report: one row per document, printed as a table or as JSON."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


class Status(StrEnum):
    """What ingest did with a document."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REMOVED = "removed"
    FAILED = "failed"


STATUS_SV = {
    Status.NEW: "ny",
    Status.UPDATED: "uppdaterad",
    Status.UNCHANGED: "oförändrad",
    Status.REMOVED: "borttagen",
    Status.FAILED: "misslyckades",
}


class ReportRow(BaseModel):
    """One document's line in the report."""

    source: str
    status: Status
    type: str | None = None
    unit: str | None = None
    district: str | None = None
    year: int | None = None
    goals: int = 0
    indicators: int = 0
    activities: int = 0
    outcomes: int = 0
    chunks: int = 0
    embedded: int = 0  # chunks whose text was embedded now; the others came from the cache
    warnings: list[str] = []
    error: str | None = None


class IngestReport(BaseModel):
    """The whole run: rows in the order documents were handled, and the time it took."""

    rows: list[ReportRow] = []
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        """True when any document failed (the CLI then exits non-zero)."""
        return any(r.status is Status.FAILED for r in self.rows)

    @property
    def changed(self) -> bool:
        """True when anything was written or removed."""
        return any(r.status in (Status.NEW, Status.UPDATED, Status.REMOVED) for r in self.rows)

    def as_text(self) -> str:
        """A compact plain-text summary (for chat replies)."""
        lines = []
        for r in self.rows:
            what = f"{r.source}: {STATUS_SV[r.status]}"
            if r.status is Status.FAILED:
                what += f" – {r.error}"
            elif r.status is not Status.REMOVED:
                what += (
                    f" ({r.goals} mål, {r.indicators} indikatorer, {r.activities} aktiviteter,"
                    f" {r.outcomes} utfall, {r.chunks} textdelar)"
                )
            lines.append(what)
            lines.extend(f"  varning: {w}" for w in r.warnings)
        lines.append(f"Klart på {self.seconds:.1f} s.")
        return "\n".join(lines)
