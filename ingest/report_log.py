"""The last ingestion and import reports, kept as JSON in the data directory.

`GET /api/admin/report` serves them; the admin API and `planbot indicators import`
record them. Written atomically (temporary file + rename) so a reader never sees half.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from indicators.importer import ImportReport, RowStatus

REPORT_FILE = "admin_reports.json"
_LOCK = threading.Lock()


class StoredReport(BaseModel):
    """One kept report: when, whether everything went well, a summary and the warnings."""

    kind: str
    at: str
    ok: bool
    summary: str
    warnings: list[str] = []
    data: dict[str, Any] = {}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def load_reports(data_dir: Path) -> dict[str, StoredReport]:
    """The kept reports by kind ('ingest', 'import'); empty when none or unreadable."""
    path = data_dir / REPORT_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {k: StoredReport.model_validate(v) for k, v in raw.items()}
    except (OSError, ValueError, ValidationError, AttributeError):
        return {}


def record_report(data_dir: Path, report: StoredReport) -> None:
    """Keep a report as the last one of its kind."""
    with _LOCK:
        reports = load_reports(data_dir)
        reports[report.kind] = report
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = data_dir / f".{REPORT_FILE}.{os.getpid()}.tmp"
        payload = {k: v.model_dump(mode="json") for k, v in reports.items()}
        tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, data_dir / REPORT_FILE)


def import_report(report: ImportReport) -> StoredReport:
    """A kept report of an outcome import (warnings: every row that was not imported)."""
    warnings = [f"rad {r.line}: {r.reason}" for r in report.rows if r.status is not RowStatus.MATCHED]
    summary = report.as_text().splitlines()[0]
    return StoredReport(
        kind="import",
        at=report.imported_at,
        ok=report.complete,
        summary=summary,
        warnings=warnings,
        data=report.model_dump(mode="json"),
    )


def ingest_report(result: object) -> StoredReport:
    """A kept report of an ingestion: an `IngestReport`-like model or its text form."""
    if isinstance(result, BaseModel):
        data = result.model_dump(mode="json")
        rows = data.get("rows") or []
        warnings = [f"{r.get('source')}: {w}" for r in rows for w in r.get("warnings") or []]
        warnings += [f"{r.get('source')}: {r.get('error')}" for r in rows if r.get("error")]
        failed = bool(getattr(result, "failed", False))
        text = result.as_text() if hasattr(result, "as_text") else f"{len(rows)} dokument"
        return StoredReport(
            kind="ingest", at=_now(), ok=not failed, summary=str(text), warnings=warnings, data=data
        )
    text = str(result)
    warnings = [line.strip() for line in text.splitlines() if "varning" in line.lower() or "misslyck" in line]
    return StoredReport(
        kind="ingest", at=_now(), ok="misslyckades" not in text, summary=text, warnings=warnings
    )
