"""The bound on how far a .docx may unpack, checked from the zip's index before unpacking."""

from __future__ import annotations

import zipfile
from io import BytesIO

from ingest.readers.base import ReadError

_MB = 1024 * 1024
# Word's XML is several times the text it holds; this allowance keeps real plans (a few MB
# of XML) well inside the bound while a zip bomb is refused before it is unpacked.
XML_PER_TEXT = 5


def _mb(n: float) -> str:
    return f"{n / _MB:.1f}".replace(".", ",")


def check_unpacked_docx(data: bytes, source: str, max_text_chars: int) -> None:
    """Refuse a .docx whose XML would unpack far beyond the text bound (read from the zip index).

    Raises:
        ReadError: With the sizes and what to do.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            unpacked = sum(i.file_size for i in archive.infolist() if i.filename.endswith(".xml"))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader reports a damaged file in its own words
    limit = max_text_chars * XML_PER_TEXT
    if unpacked > limit:
        raise ReadError(
            source,
            f"dokumentet packas upp till {_mb(unpacked)} MB XML (högst {_mb(limit)} MB). "
            "Det är troligen skadat eller konstruerat för att ta slut på minnet. Dela upp det "
            "eller höj PLANBOT_MAX_TEXT_MB.",
        )
