"""Receiving admin uploads safely: sanitised names, allowed types, a size limit, staging.

Files are streamed into a private staging folder first; only when the whole request has
been read and checked are they moved into place, so a rejected request changes nothing.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError

DOCUMENT_TYPES = frozenset({".txt", ".md", ".pdf", ".docx"})
IMPORT_TYPES = frozenset({".csv", ".xlsx"})
_CHUNK = 64 * 1024
_MAX_FIELD = 1024
_SAFE = re.compile(r"^\w[\w .,()+&'–-]{0,199}$")


class UploadError(Exception):
    """A request that cannot be accepted; `status` and a Swedish `message` for the reply."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


MALFORMED = (
    "Förfrågan är inte giltig multipart/form-data. Skicka filen i fältet file med ett vanligt formulär."
)


def safe_name(raw: str) -> str:
    """A file name safe to store: no folders, no traversal, no control or odd characters.

    Args:
        raw: The name the client sent.

    Raises:
        UploadError: 400 when the name is empty or not acceptable.
    """
    name = unicodedata.normalize("NFC", raw or "").strip()
    if not name or "/" in name or "\\" in name or "\x00" in name or name.startswith(".") or ".." in name:
        raise UploadError(400, f"Ogiltigt filnamn: ”{raw[:80]}”. Använd ett vanligt filnamn utan mappar.")
    if not _SAFE.match(name):
        raise UploadError(
            400, f"Ogiltigt filnamn: ”{raw[:80]}”. Tillåtet är bokstäver, siffror, mellanslag och - _ . ( )."
        )
    return name


@dataclass
class Staged:
    """What a multipart request carried: files in a staging folder, and plain fields."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)

    def discard(self) -> None:
        """Delete the staging folder and everything in it."""
        shutil.rmtree(self.folder, ignore_errors=True)


async def receive(request: web.Request, staging_root: Path, allowed: frozenset[str], max_mb: int) -> Staged:
    """Stream a multipart/form-data request's files into a new staging folder.

    Args:
        request: The request (must be multipart/form-data).
        staging_root: Folder under which the staging folder is made.
        allowed: Accepted file extensions (lower case, with dot).
        max_mb: Limit for all files together, in MB.

    Returns:
        The staged files and fields; the caller moves or discards them.

    Raises:
        UploadError: 415 for other content or file types, 413 over the limit, 400 for bad names.
    """
    if request.content_type != "multipart/form-data":
        raise UploadError(415, "Filer ska skickas som multipart/form-data.")
    limit = max_mb * 1024 * 1024
    staged = Staged(folder=staging_root / f".staging-{uuid.uuid4().hex}")
    staged.folder.mkdir(parents=True)
    total = 0
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                raise UploadError(400, "Kapslade multipart-delar stöds inte.")
            if part.filename is None:
                value = await part.read(decode=True)
                if len(value) > _MAX_FIELD:
                    raise UploadError(413, "Ett formulärfält är för stort.")
                staged.fields[part.name or ""] = value.decode("utf-8", errors="replace")
                continue
            # aiohttp's client percent-encodes names ("Plan%202024.txt"); browsers send them raw.
            name = safe_name(unquote(part.filename))
            if Path(name).suffix.lower() not in allowed:
                kinds = ", ".join(sorted(allowed))
                raise UploadError(415, f"Filtypen för ”{name}” stöds inte. Tillåtna filtyper: {kinds}.")
            target = staged.folder / name
            if target.exists():
                raise UploadError(400, f"Filen ”{name}” skickades två gånger.")
            with target.open("wb") as handle:
                while chunk := await part.read_chunk(_CHUNK):
                    total += len(chunk)
                    if total > limit:
                        raise UploadError(413, f"Uppladdningen är större än {max_mb} MB.")
                    handle.write(chunk)
            staged.files.append(target)
    except UploadError:
        staged.discard()
        raise
    except (ValueError, AssertionError, HttpProcessingError) as exc:
        # aiohttp's multipart reader on a malformed body: a non-ASCII boundary, broken parts.
        staged.discard()
        raise UploadError(400, MALFORMED) from exc
    except BaseException:
        staged.discard()
        raise
    return staged


@dataclass
class Placement:
    """Files moved into place, with backups of what they replaced, so the move can be undone."""

    placed: list[Path] = field(default_factory=list)
    backups: dict[Path, Path] = field(default_factory=dict)

    def undo(self, only: set[str] | None = None) -> None:
        """Remove placed files (all, or those named in `only`) and put replaced ones back."""
        for path in self.placed:
            if only is not None and path.name not in only:
                continue
            path.unlink(missing_ok=True)
            if path in self.backups:
                self.backups[path].replace(path)


def place(staged: Staged, folder: Path) -> Placement:
    """Move staged files into `folder`, keeping replaced files in the staging folder as backups."""
    folder.mkdir(parents=True, exist_ok=True)
    result = Placement()
    backup_dir = staged.folder / ".backup"
    for path in staged.files:
        target = folder / path.name
        if target.exists():
            backup_dir.mkdir(exist_ok=True)
            result.backups[target] = target.replace(backup_dir / path.name)
        path.replace(target)
        result.placed.append(target)
    return result
