"""Admin uploads against folder files of the same name: the upload wins, and the reports say so."""

from __future__ import annotations

from pathlib import Path

from ingest.report import ReportRow, Status
from knowledge.store.catalog import DocumentRecord


def replaces_warning(
    path: Path, stored: DocumentRecord | None, row: ReportRow, uploads_dir: Path
) -> list[str]:
    """A warning when an upload replaced a document read from a folder (say what happens next)."""
    if row.status is not Status.UPDATED or stored is None or not stored.path:
        return []
    uploads = uploads_dir.resolve()
    if path.resolve().is_relative_to(uploads) and not Path(stored.path).is_relative_to(uploads):
        return [
            f"den uppladdade filen ersätter {stored.path}; mappens fil används inte så länge "
            "uppladdningen finns kvar."
        ]
    return []


def without_shadowed(files: list[Path], uploads_dir: Path) -> tuple[list[Path], list[ReportRow]]:
    """Leave out folder files that an admin upload of the same name replaces.

    An upload is a deliberate, later replacement of the document of that name: without
    this the next folder re-ingest silently put the folder's older file back. The
    folder's file is reported, and used again once the upload is removed.
    """
    uploads = uploads_dir.resolve()
    uploaded = {p.name for p in files if p.resolve().is_relative_to(uploads)}
    if uploads.is_dir():
        uploaded |= {p.name for p in uploads.iterdir() if p.is_file()}
    keep: list[Path] = []
    rows: list[ReportRow] = []
    for path in files:
        if path.name in uploaded and not path.resolve().is_relative_to(uploads):
            rows.append(
                ReportRow(
                    source=path.name,
                    status=Status.UNCHANGED,
                    warnings=[
                        f"filen {path} används inte: en uppladdad version med samma namn ersätter "
                        "den. Ta bort uppladdningen (DELETE /api/admin/documents/"
                        f"{path.name}) och läs in mappen igen för att använda mappens fil."
                    ],
                )
            )
            continue
        keep.append(path)
    return keep, rows
