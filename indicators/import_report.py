"""The report of an outcome import: one row per line of the file, with its status in Swedish."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


class RowStatus(StrEnum):
    """What happened to one row of the file."""

    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    UNMATCHED = "unmatched"
    INVALID = "invalid"


STATUS_SV = {
    RowStatus.MATCHED: "matchad",
    RowStatus.AMBIGUOUS: "tvetydig",
    RowStatus.UNMATCHED: "ej matchad",
    RowStatus.INVALID: "ogiltig",
}


SECTION_SV = {
    RowStatus.MATCHED: "Matchade",
    RowStatus.AMBIGUOUS: "Tvetydiga (importerades inte)",
    RowStatus.UNMATCHED: "Ej matchade (importerades inte)",
    RowStatus.INVALID: "Ogiltiga (importerades inte)",
}


class ImportRow(BaseModel):
    """One row's outcome: what the file said, what it was matched to, and why not if not."""

    line: int
    status: RowStatus
    reason: str = ""
    given_unit: str = ""
    given_indicator: str = ""
    given_period: str = ""
    value: str = ""
    unit: str | None = None
    district: str | None = None
    indicator: str | None = None
    period: str | None = None
    score: float | None = None
    candidates: list[str] = []
    replaces: bool = False


class ImportReport(BaseModel):
    """The result of one import (or dry run)."""

    file: str
    dry_run: bool
    imported_at: str
    rows: list[ImportRow] = []
    ignored_columns: list[str] = []
    written: int = 0
    replaced: int = 0

    def count(self, status: RowStatus) -> int:
        """Number of rows with a status."""
        return sum(1 for r in self.rows if r.status is status)

    @property
    def complete(self) -> bool:
        """True when every row was matched (the CLI exits 0 only then)."""
        return all(r.status is RowStatus.MATCHED for r in self.rows)

    def as_text(self) -> str:
        """The Swedish report printed by `planbot indicators import`."""
        head = "Provkörning" if self.dry_run else "Import"
        lines = [
            f"{head} av {self.file}: {len(self.rows)} rader – {self.count(RowStatus.MATCHED)} matchade, "
            f"{self.count(RowStatus.AMBIGUOUS)} tvetydiga, {self.count(RowStatus.UNMATCHED)} ej matchade, "
            f"{self.count(RowStatus.INVALID)} ogiltiga."
        ]
        if self.dry_run:
            lines.append("Inget sparades (--dry-run).")
        else:
            lines.append(f"Sparade {self.written} utfall, varav {self.replaced} ersatte tidigare import.")
        if self.ignored_columns:
            lines.append("Okända kolumner (lästes inte): " + ", ".join(self.ignored_columns))
        for status in RowStatus:
            rows = [r for r in self.rows if r.status is status]
            if not rows:
                continue
            lines.append("")
            lines.append(f"{SECTION_SV[status]}:")
            for r in rows:
                if status is RowStatus.MATCHED:
                    again = " (ersätter tidigare import)" if r.replaces else ""
                    lines.append(f"  rad {r.line}: {r.unit} – {r.indicator} – {r.period}: {r.value}{again}")
                else:
                    what = " – ".join(x for x in (r.given_unit, r.given_indicator, r.given_period) if x)
                    lines.append(f"  rad {r.line}: {what or '(tom)'}: {r.reason}")
        return "\n".join(lines)
