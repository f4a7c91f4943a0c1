"""Reading an outcome file (.csv or .xlsx) into rows of text keyed by canonical column.

Column names are matched case- and accent-insensitively in Swedish or English. A file
that cannot be read, or lacks a required column, raises `ImportFileError` with a Swedish
message naming the file and the column, before anything is matched or written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from pydantic import BaseModel

from indicators.names import norm

REQUIRED = ("indicator", "unit", "period", "value")
FIELD_SV = {
    "indicator": "indikator",
    "unit": "enhet",
    "period": "period",
    "value": "utfall",
    "district": "stadsdel",
    "women": "kvinnor",
    "men": "män",
    "comment": "kommentar",
}
# Normalised header names (names.norm) per field; a header may also start with one of
# them followed by more words ("Utfall %", "Indikator namn").
_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator": ("indikator", "indicator", "indikatornamn", "indikatorer", "indicator name"),
    "unit": ("enhet", "unit", "enhetsnamn", "verksamhet"),
    "period": ("period", "tidsperiod", "matperiod"),
    "value": ("utfall", "value", "varde", "resultat", "outcome"),
    "district": ("stadsdel", "district", "forvaltning", "stadsdelsforvaltning", "stadsdelsnamnd"),
    "women": ("kvinnor", "women", "kvinna", "female"),
    "men": ("man", "men", "male"),
    "comment": ("kommentar", "comment", "kommentarer", "anmarkning"),
}
_DELIMITERS = (";", ",", "\t")


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (unreadable, wrong type, missing column)."""


class RawRow(BaseModel):
    """One data row: its line (CSV line or Excel row), cells by field, and the row as text."""

    line: int
    cells: dict[str, str]
    text: str


class RawTable(BaseModel):
    """A read file: its rows and the columns that were not recognised (ignored)."""

    file: str
    rows: list[RawRow]
    ignored_columns: list[str] = []


def _field_of(header: str) -> str | None:
    h = norm(header)
    tokens = h.split()
    # "Utfall kvinnor" / "Utfall män" are the gender columns, not a second value column.
    for field in ("women", "men"):
        if any(t in _ALIASES[field] for t in tokens):
            return field
    for field, aliases in _ALIASES.items():
        if any(h == a or h.startswith(a + " ") for a in aliases):
            return field
    return None


def _map_headers(file: str, headers: list[str]) -> tuple[dict[int, str], list[str]]:
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    for i, header in enumerate(headers):
        field = _field_of(header) if header.strip() else None
        if field is None:
            if header.strip():
                ignored.append(header.strip())
            continue
        if field in mapping.values():
            raise ImportFileError(f"{file}: kolumnen ”{FIELD_SV[field]}” finns två gånger.")
        mapping[i] = field
    missing = [FIELD_SV[f] for f in REQUIRED if f not in mapping.values()]
    if missing:
        found = ", ".join(h.strip() for h in headers if h.strip()) or "inga"
        raise ImportFileError(
            f"{file}: kolumnen ”{missing[0]}” saknas"
            + (f" (även: {', '.join(missing[1:])})" if missing[1:] else "")
            + f". Filen måste ha kolumnerna indikator, enhet, period och utfall. Hittade kolumner: {found}."
        )
    return mapping, ignored


def _build_rows(file: str, headers: list[str], data: list[tuple[int, list[str]]]) -> RawTable:
    mapping, ignored = _map_headers(file, headers)
    rows = []
    for line, values in data:
        if not any(v.strip() for v in values):
            continue  # blank lines are layout, not data
        cells = {field: (values[i].strip() if i < len(values) else "") for i, field in mapping.items()}
        text = " | ".join(
            f"{headers[i].strip()}: {values[i].strip()}"
            for i in range(min(len(headers), len(values)))
            if headers[i].strip() and values[i].strip()
        )
        rows.append(RawRow(line=line, cells=cells, text=text))
    return RawTable(file=file, rows=rows, ignored_columns=ignored)


def _decode(file: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Swedish Windows saves "CSV (semikolonavgränsad)" in cp1252.
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        message = f"{file}: filen kan inte läsas som text (varken UTF-8 eller Windows-1252)."
        raise ImportFileError(message) from exc


def _sniff_delimiter(text: str) -> str:
    """The separator that splits the header line into the most columns.

    The header decides because data rows may hold decimal commas ("12,5") while column
    names do not; csv.Sniffer only decides when the header has one column whatever the separator.
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    if counts[best] > 1:
        return best
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        return ";"


def read_csv(path: Path, file: str) -> RawTable:
    """Read a CSV file (comma, semicolon or tab separated; UTF-8 or cp1252)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{file}: filen kan inte läsas ({exc.strerror}).") from exc
    text = _decode(file, raw)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    try:
        headers: list[str] | None = None
        data: list[tuple[int, list[str]]] = []
        for values in reader:
            if headers is None:
                if any(v.strip() for v in values):
                    headers = values
                continue
            data.append((reader.line_num, values))
    except csv.Error as exc:
        raise ImportFileError(f"{file}: rad {reader.line_num} kan inte tolkas som CSV ({exc}).") from exc
    if headers is None:
        raise ImportFileError(f"{file}: filen är tom.")
    return _build_rows(file, headers, data)


def _cell_text(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, int | float):
        number = float(value)
        percent = "%" in number_format
        if percent:
            number *= 100  # Excel stores 12,5 % as 0.125
        text = str(int(number)) if number == int(number) else f"{round(number, 6)}".replace(".", ",")
        return text + " %" if percent else text
    return str(value)


def read_xlsx(path: Path, file: str) -> RawTable:
    """Read the first sheet of an .xlsx workbook that has the required columns (else the first sheet)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException … for broken files
        raise ImportFileError(f"{file}: filen kan inte läsas som Excel-fil (.xlsx).") from exc
    tables: list[RawTable] = []
    first_error: ImportFileError | None = None
    for sheet in workbook.worksheets:
        headers: list[str] | None = None
        data: list[tuple[int, list[str]]] = []
        for row in sheet.iter_rows():
            values = [_cell_text(c.value, c.number_format or "") for c in row]
            if headers is None:
                if any(v.strip() for v in values):
                    headers = values
                continue
            data.append((row[0].row or 0, values))
        if headers is None:
            continue
        try:
            tables.append(_build_rows(file, headers, data))
            break
        except ImportFileError as exc:
            first_error = first_error or exc
    workbook.close()
    if tables:
        return tables[0]
    raise first_error or ImportFileError(f"{file}: arbetsboken är tom.")


def read_table(path: Path, file: str | None = None) -> RawTable:
    """Read an outcome file by its extension.

    Args:
        path: The file on disk.
        file: The name to report (default: the path's name).

    Raises:
        ImportFileError: Unreadable file, unknown type or missing required column.
    """
    name = file or path.name
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path, name)
    if suffix == ".xlsx":
        return read_xlsx(path, name)
    raise ImportFileError(f"{name}: bara .csv- och .xlsx-filer kan importeras.")
