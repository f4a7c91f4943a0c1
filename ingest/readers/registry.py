"""Which files ingest reads, and reading one of them with the reader for its format."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from ingest.readers.base import RawDocument, ReadError
from ingest.readers.docx import read_docx
from ingest.readers.mojibake import repair_lines
from ingest.readers.pdf import read_pdf
from ingest.readers.text import read_text
from ingest.readers.unpacked import check_unpacked_docx

Reader = Callable[[Path, str, bytes], RawDocument]

_READERS: dict[str, Reader] = {".txt": read_text, ".md": read_text, ".pdf": read_pdf, ".docx": read_docx}
SUPPORTED = frozenset(_READERS)
_SIDECAR = ".meta.json"
_MB = 1024 * 1024


def _supported_list() -> str:
    return ", ".join(sorted(SUPPORTED))


def _megabytes(size: int) -> str:
    # Swedish decimal comma; one decimal is enough to see how far over the limit a file is.
    return f"{size / _MB:.1f}".replace(".", ",")


def _wanted(path: Path) -> bool:
    name = path.name
    return not name.startswith(".") and not name.endswith(_SIDECAR) and path.suffix.lower() in SUPPORTED


def find_documents(paths: Sequence[Path]) -> list[Path]:
    """The documents to ingest (see `scan_documents`; links leading outside are left out)."""
    return scan_documents(paths)[0]


def scan_documents(paths: Sequence[Path]) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """List the documents to ingest.

    Files given explicitly are kept as given (so an unsupported one is reported by
    `read_document` rather than silently skipped). Folders are searched recursively, in
    sorted order, skipping hidden files and folders, `*.meta.json` sidecars and files of
    unsupported formats. A file reached twice is listed once. A symbolic link (to a file
    or a folder) inside a folder that leads outside that folder is not followed: a corpus
    folder must not pull in whatever a link points at.

    Args:
        paths: Files and folders.

    Returns:
        The document paths, folders' contents sorted; and the links not followed, each
        with where it leads.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    outside: list[tuple[Path, Path]] = []

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        root = path.resolve()
        for candidate in sorted(path.rglob("*")):
            relative = candidate.relative_to(path)
            if any(part.startswith(".") for part in relative.parts[:-1]):
                continue  # inside a hidden folder (.git, .cache, ...)
            if candidate.is_symlink() and candidate.is_dir():
                # rglob does not descend into linked folders; say so when one leads outside.
                if not candidate.resolve().is_relative_to(root):
                    outside.append((candidate, candidate.resolve()))
                continue
            if candidate.is_file() and _wanted(candidate):
                target = candidate.resolve()
                if not target.is_relative_to(root):
                    outside.append((candidate, target))
                    continue
                add(candidate)
    return found, outside


def read_document(
    path: Path, max_bytes: int, source: str | None = None, max_text_chars: int | None = None
) -> RawDocument:
    """Read one document with the reader for its extension.

    Args:
        path: The file.
        max_bytes: The largest size accepted (PLANBOT_MAX_FILE_MB in bytes).
        source: The name the document is ingested as; the file name when None.
        max_text_chars: When set, a .docx whose XML would unpack far beyond this is refused.

    Returns:
        The document with `content_hash` set to the SHA-256 of its bytes.

    Raises:
        ReadError: With a Swedish message naming the file when it is missing, too large,
            empty, of an unsupported format or unreadable.
    """
    name = source or path.name
    if not path.exists():
        raise ReadError(name, "filen finns inte. Kontrollera sökvägen och försök igen.")
    if not path.is_file():
        raise ReadError(name, "sökvägen är ingen fil. Ange en fil eller en mapp med dokument.")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ReadError(
            name,
            f"filformatet {suffix or '(utan filändelse)'} stöds inte. "
            f"Spara dokumentet som något av {_supported_list()} och försök igen.",
        )
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(
            name,
            f"filen är för stor ({_megabytes(size)} MB, högst {_megabytes(max_bytes)} MB). "
            "Dela upp den eller höj PLANBOT_MAX_FILE_MB.",
        )
    if size == 0:
        raise ReadError(name, "filen är tom. Kontrollera att rätt fil exporterades och försök igen.")
    try:
        data = path.read_bytes()
    except OSError as error:
        message = f"filen kunde inte läsas ({error.strerror}). Kontrollera behörigheterna och försök igen."
        raise ReadError(name, message) from error
    if max_text_chars is not None and suffix == ".docx":
        check_unpacked_docx(data, name, max_text_chars)
    document = reader(path, name, data)
    # Whatever the format, UTF-8 read as Windows-1252 ("Ã¤" for "ä") is undone before parsing:
    # an OCR layer or an export with the wrong code page would otherwise hide every Swedish word.
    document.lines = repair_lines(document.lines).lines
    # Every reader should set it already; the registry guarantees it whatever the reader does.
    document.content_hash = hashlib.sha256(data).hexdigest()
    return document
