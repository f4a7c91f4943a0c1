"""The admin HTTP API: upload and ingest documents, remove one, import outcomes, read reports.

Every endpoint needs `Authorization: Bearer <settings.admin_token>` (401 otherwise) and
answers 404 when no token is configured, so the API is off by default. Uploads are
size-limited, their names sanitised and their types checked before anything is stored;
blocking work (ingest, import, removal) runs in a thread. One admin action at a time.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web

from bot.uploads import DOCUMENT_TYPES, IMPORT_TYPES, Placement, UploadError, place, receive, safe_name
from config.settings import Settings
from indicators.importer import ImportFileError, ImportReport
from ingest.pipeline import WriterBusyError
from ingest.report_log import import_report, ingest_report, load_reports, record_report

logger = logging.getLogger(__name__)

# (paths) -> IngestReport or its text; an empty list means "the configured corpus folders".
Reingest = Callable[[list[Path]], object]
# (file, dry_run) -> ImportReport; the file's name is what is stored as imported_from.
ImportOutcomes = Callable[[Path, bool], ImportReport]
RemoveDocument = Callable[[str], bool]
T = TypeVar("T")

OFF = "Administrations-API:t är avstängt (ingen administratörstoken är konfigurerad)."
UNAUTHORIZED = "Administratörstoken saknas eller är fel."
BUSY = "En annan administrativ åtgärd pågår. Försök igen när den är klar."
BAD_HEADER = "Authorization-huvudet innehåller tecken som inte är tillåtna. Skicka: Bearer <token>."
INGEST_FAILED = "Inläsningen misslyckades; inget ändrades. Se serverns logg."
NOT_INGESTED = "Dokumentet ”{source}” är inte inläst."
NO_FILE = "Skicka en .csv- eller .xlsx-fil i fältet file."
_TRUE = {"1", "true", "ja", "yes", "on"}


def _error(status: int, message: str) -> web.Response:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return web.json_response({"error": message}, status=status, headers=headers)


def _default_remove(settings: Settings) -> RemoveDocument:
    def remove(source: str) -> bool:
        from ingest.pipeline import Pipeline

        pipeline = Pipeline(settings)
        try:
            return pipeline.remove(source)
        finally:
            pipeline.close()

    return remove


class _Admin:
    """Handlers sharing the settings, the injected callables and the one-at-a-time lock."""

    def __init__(
        self,
        settings: Settings,
        reingest: Reingest | None,
        import_outcomes: ImportOutcomes | None,
        remove: RemoveDocument,
    ) -> None:
        self.settings = settings
        self.reingest = reingest
        self.import_outcomes = import_outcomes
        self.remove = remove
        self.lock = asyncio.Lock()
        self.uploads = settings.data_dir / "uploads"

    def check(self, request: web.Request) -> web.Response | None:
        """404 when the API is off, 401 without the right bearer token, None when allowed."""
        token = self.settings.admin_token
        if not token:
            return _error(404, OFF)
        header = request.headers.get("Authorization", "")
        scheme, _, given = header.partition(" ")
        try:
            # aiohttp keeps undecodable header bytes as lone surrogates, which encode() refuses.
            given_bytes = given.strip().encode()
        except UnicodeEncodeError:
            return _error(400, BAD_HEADER)
        if scheme.lower() != "bearer" or not hmac.compare_digest(given_bytes, token.encode()):
            return _error(401, UNAUTHORIZED)
        return None

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """Run blocking work in the default thread pool."""
        return await asyncio.get_running_loop().run_in_executor(None, partial(func, *args))

    async def ingest(self, request: web.Request) -> web.Response:
        """POST /api/admin/ingest: multipart documents to ingest, or no body to re-ingest the folders."""
        if (denied := self.check(request)) is not None:
            return denied
        if self.reingest is None:
            return _error(404, "Inläsning via API:t är inte aktiverad på den här servern.")
        if self.lock.locked():
            return _error(409, BUSY)
        async with self.lock:
            staged = None
            placement = Placement()
            try:
                if request.content_type == "multipart/form-data":
                    staged = await receive(request, self.uploads, DOCUMENT_TYPES, self.settings.max_upload_mb)
                    if not staged.files:
                        raise UploadError(400, "Skicka minst en fil (.txt, .md, .pdf eller .docx).")
                    placement = place(staged, self.uploads)
                elif request.content_length:
                    raise UploadError(415, "Filer ska skickas som multipart/form-data.")
                result = await self.run(self.reingest, list(placement.placed))
                failed = _failed_sources(result)
                # A document the pipeline refused is not kept in uploads (its old version comes back).
                placement.undo(only=failed)
            except UploadError as exc:
                return _error(exc.status, exc.message)
            except WriterBusyError as exc:  # `planbot ingest` in another process holds the lock
                placement.undo()
                return _error(409, str(exc))
            except Exception:
                logger.exception("Admin ingest failed")
                placement.undo()
                return _error(500, INGEST_FAILED)
            finally:
                if staged is not None:
                    staged.discard()  # after any undo: the backups live in the staging folder
            report = ingest_report(result)
            await self.run(record_report, self.settings.data_dir, report)
            all_failed = bool(placement.placed) and failed >= {p.name for p in placement.placed}
            return web.json_response(
                {"report": report.model_dump(mode="json")}, status=422 if all_failed else 200
            )

    async def delete_document(self, request: web.Request) -> web.Response:
        """DELETE /api/admin/documents/{source}: remove a document (and its upload, if any)."""
        if (denied := self.check(request)) is not None:
            return denied
        try:
            source = safe_name(request.match_info["source"])
        except UploadError as exc:
            return _error(exc.status, exc.message)
        if self.lock.locked():
            return _error(409, BUSY)
        async with self.lock:
            try:
                removed = await self.run(self.remove, source)
            except WriterBusyError as exc:
                return _error(409, str(exc))
            if not removed:
                return _error(404, NOT_INGESTED.format(source=source))
            (self.uploads / source).unlink(missing_ok=True)
        return web.json_response({"removed": source})

    async def import_indicators(self, request: web.Request) -> web.Response:
        """POST /api/admin/indicators/import: multipart .csv/.xlsx (field file; dry_run optional)."""
        if (denied := self.check(request)) is not None:
            return denied
        if self.import_outcomes is None:
            return _error(404, "Import via API:t är inte aktiverad på den här servern.")
        if self.lock.locked():
            return _error(409, BUSY)
        async with self.lock:
            try:
                staged = await receive(request, self.uploads, IMPORT_TYPES, self.settings.max_upload_mb)
            except UploadError as exc:
                return _error(exc.status, exc.message)
            try:
                if len(staged.files) != 1:
                    return _error(400, NO_FILE)
                dry_run = (staged.fields.get("dry_run") or request.query.get("dry_run", "")).lower() in _TRUE
                try:
                    report = await self.run(self.import_outcomes, staged.files[0], dry_run)
                except ImportFileError as exc:
                    return _error(400, f"{exc} Inget importerades.")
            finally:
                staged.discard()
            if not dry_run:
                await self.run(record_report, self.settings.data_dir, import_report(report))
            return web.json_response({"report": report.model_dump(mode="json"), "text": report.as_text()})

    async def report(self, request: web.Request) -> web.Response:
        """GET /api/admin/report: the last ingestion and import reports with their warnings."""
        if (denied := self.check(request)) is not None:
            return denied
        reports = await self.run(load_reports, self.settings.data_dir)
        return web.json_response(
            {
                kind: (r.model_dump(mode="json") if (r := reports.get(kind)) else None)
                for kind in ("ingest", "import")
            }
        )


def _failed_sources(result: object) -> set[str]:
    rows = getattr(result, "rows", None) or []
    return {str(getattr(r, "source", "")) for r in rows if str(getattr(r, "status", "")) == "failed"}


def add_admin_routes(
    app: web.Application,
    settings: Settings,
    service: object,
    reingest: Reingest | None,
    import_outcomes: ImportOutcomes | None,
    remove: RemoveDocument | None = None,
) -> None:
    """Register the admin API on an application.

    Args:
        app: The aiohttp application (before it starts).
        settings: Planbot's settings (admin_token, data_dir, max_upload_mb).
        service: The knowledge service (it reloads on its own after changes; kept for symmetry).
        reingest: Ingests the given paths, or the configured folders for an empty list.
        import_outcomes: Imports one outcome file (`indicators.importer.import_path` bound to the database).
        remove: Removes a stored document by name (default: the ingest pipeline's remove).
    """
    del service  # the service notices new catalog generations itself
    admin = _Admin(settings, reingest, import_outcomes, remove or _default_remove(settings))
    app.router.add_post("/api/admin/ingest", admin.ingest, name="admin_ingest")
    app.router.add_delete("/api/admin/documents/{source}", admin.delete_document, name="admin_delete")
    app.router.add_post("/api/admin/indicators/import", admin.import_indicators, name="admin_import")
    app.router.add_get("/api/admin/report", admin.report, name="admin_report")
