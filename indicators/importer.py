"""Import indicator outcomes from a .csv or .xlsx file into the outcomes table.

Each row is validated (period, numbers), matched to an ingested unit and to one of that
unit's indicators by name (indicators.names: fold + fuzzy, threshold measured on the
sample plans), and reported as matched, ambiguous, unmatched or invalid with its line
number — nothing is dropped silently. Matched rows are stored in one transaction;
importing the same (unit, indicator, period) again replaces the earlier value.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel

from core.db import Database, connect
from indicators.import_report import ImportReport, ImportRow, RowStatus
from indicators.models import Outcome
from indicators.names import AMBIGUITY_MARGIN, MATCH_THRESHOLD, norm, similarity
from indicators.periods import parse_period
from indicators.store import ImportedRow, IndicatorStore, StoredIndicator
from indicators.tabular import ImportFileError, RawRow, read_table
from indicators.targets import parse_value

__all__ = ["ImportFileError", "ImportReport", "ImportRow", "RowStatus", "import_file", "import_path"]


class _Unit(BaseModel):
    name: str
    district: str | None
    # Indicator names per document year (None when the plan has no year), as in the plan.
    names_by_year: dict[int | None, list[str]]


def _units(indicators: list[StoredIndicator]) -> list[_Unit]:
    by_key: dict[tuple[str, str | None], _Unit] = {}
    for s in indicators:
        name = s.unit or s.district
        if not name:
            continue
        unit = by_key.setdefault((name, s.district), _Unit(name=name, district=s.district, names_by_year={}))
        unit.names_by_year.setdefault(s.year, []).append(s.indicator.name)
    return list(by_key.values())


def _best(given: str, options: list[str]) -> tuple[list[str], float]:
    """Options scoring within the ambiguity margin of the best (distinct names), and the best score."""
    scored = sorted(((similarity(given, o), o) for o in options), key=lambda x: -x[0])
    if not scored:
        return [], 0.0
    top = scored[0][0]
    seen: dict[str, str] = {}
    for score, option in scored:
        if score >= top - AMBIGUITY_MARGIN:
            seen.setdefault(norm(option), option)
    return list(seen.values()), top


def _match_unit(row: ImportRow, district: str, units: list[_Unit]) -> _Unit | None:
    scored = sorted(((similarity(row.given_unit, u.name), u) for u in units), key=lambda x: -x[0])
    hits = [u for score, u in scored if score >= MATCH_THRESHOLD and score >= scored[0][0] - AMBIGUITY_MARGIN]
    if district and len(hits) > 1:
        hits = [u for u in hits if u.district and similarity(district, u.district) >= MATCH_THRESHOLD] or hits
    if not hits:
        near = f" (närmast: {scored[0][1].name})" if scored and scored[0][0] > 0.6 else ""
        row.status, row.reason = RowStatus.UNMATCHED, f"enheten finns inte bland de inlästa planerna{near}"
        return None
    if len({(u.name, u.district) for u in hits}) > 1:
        row.status = RowStatus.AMBIGUOUS
        row.candidates = [f"{u.name} ({u.district or 'okänd stadsdel'})" for u in hits]
        row.reason = "flera enheter passar: " + "; ".join(row.candidates) + ". Ange stadsdel."
        return None
    return hits[0]


def _match_indicator(row: ImportRow, unit: _Unit, year: int) -> str | None:
    # The plan of the outcome's year decides; a year without a plan falls back to all plans.
    names = unit.names_by_year.get(year) or [n for ns in unit.names_by_year.values() for n in ns]
    hits, score = _best(row.given_indicator, names)
    row.score = round(score, 3)
    if score < MATCH_THRESHOLD:
        # Follow-up systems often export a shortened name: accept it when it is the start of
        # exactly one of the unit's indicator names and long enough to say something.
        given = norm(row.given_indicator)
        starts = {norm(n): n for n in names if len(given.split()) >= 3 and norm(n).startswith(given + " ")}
        if len(starts) == 1:
            return next(iter(starts.values()))
        near = f" (närmast: ”{hits[0]}”, likhet {score:.2f})" if hits and score > 0.5 else ""
        row.status, row.reason = RowStatus.UNMATCHED, f"ingen indikator med det namnet för {unit.name}{near}"
        return None
    if len(hits) > 1:
        row.status, row.candidates = RowStatus.AMBIGUOUS, hits
        row.reason = "flera indikatorer passar: " + "; ".join(f"”{h}”" for h in hits)
        return None
    return hits[0]


def _number_or_none(text: str) -> tuple[bool, float | None]:
    if text.strip() in ("", "-", "–"):
        return True, None
    value, _ = parse_value(text)
    return value is not None, value


def _check(raw: RawRow) -> tuple[ImportRow, Outcome | None]:
    c = raw.cells
    row = ImportRow(
        line=raw.line,
        status=RowStatus.MATCHED,
        given_unit=c.get("unit", ""),
        given_indicator=c.get("indicator", ""),
        given_period=c.get("period", ""),
        value=c.get("value", ""),
    )
    for field, label in (
        ("indicator", "indikator"),
        ("unit", "enhet"),
        ("period", "period"),
        ("value", "utfall"),
    ):
        if not c.get(field, "").strip():
            row.status, row.reason = RowStatus.INVALID, f"{label} saknas"
            return row, None
    period = parse_period(row.given_period)
    if period is None:
        row.status = RowStatus.INVALID
        row.reason = f"okänd period ”{row.given_period}” (skriv t.ex. 2023-T1, T2 2023 eller 2023 helår)"
        return row, None
    value, measure = parse_value(row.value)
    if value is None:
        row.status, row.reason = RowStatus.INVALID, f"utfallet ”{row.value}” är inte ett tal"
        return row, None
    for field, label in (("women", "kvinnor"), ("men", "män")):
        ok, _ = _number_or_none(c.get(field, ""))
        if not ok:
            row.status, row.reason = RowStatus.INVALID, f"värdet för {label} ”{c[field]}” är inte ett tal"
            return row, None
    row.period = period.key
    outcome = Outcome(
        indicator=row.given_indicator,
        year=period.year,
        period=period.key,
        value=row.value,
        value_num=value,
        women=c.get("women") or None,
        men=c.get("men") or None,
        measure=measure,
        quote=raw.text[:400],
        source_kind="import",
    )
    return row, outcome


def import_file(
    conn: Database,
    path: Path,
    dry_run: bool = False,
    file_name: str | None = None,
    now: dt.datetime | None = None,
) -> ImportReport:
    """Import (or with `dry_run`, only check) an outcome file against the ingested plans.

    Args:
        conn: Connection to Planbot's database (the catalog's).
        path: The .csv or .xlsx file.
        dry_run: Report what would happen without writing.
        file_name: Name stored as `imported_from` and cited (default: the path's name).
        now: Time of the import (tests pass a fixed one).

    Returns:
        The report; every row of the file is in it with its status.

    Raises:
        ImportFileError: The file cannot be read or lacks a required column (nothing is written).
    """
    name = file_name or path.name
    table = read_table(path, name)
    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    store = IndicatorStore(conn)
    units = _units(store.indicators())
    existing = store.imported_keys()
    report = ImportReport(
        file=name, dry_run=dry_run, imported_at=stamp, ignored_columns=table.ignored_columns
    )
    to_store: list[ImportedRow] = []
    seen: dict[tuple[str | None, str, str, str], int] = {}
    for raw in table.rows:
        row, outcome = _check(raw)
        report.rows.append(row)
        if outcome is None:
            continue
        unit = _match_unit(row, raw.cells.get("district", ""), units)
        if unit is None:
            continue
        indicator = _match_indicator(row, unit, outcome.year or 0)
        if indicator is None:
            continue
        key = (unit.district, unit.name, indicator, outcome.period or "")
        if key in seen:
            row.status = RowStatus.INVALID
            row.reason = f"samma enhet, indikator och period som rad {seen[key]} (bara den första importeras)"
            continue
        seen[key] = row.line
        row.unit, row.district, row.indicator = unit.name, unit.district, indicator
        row.replaces = (unit.district, unit.name, indicator, outcome.period) in existing
        outcome.indicator = indicator
        to_store.append(ImportedRow(unit=unit.name, district=unit.district, outcome=outcome))
    if not dry_run and to_store:
        report.replaced = store.replace_imported(to_store, name, stamp)
        report.written = len(to_store)
    return report


def import_path(
    database: str | Path, path: Path, dry_run: bool = False, file_name: str | None = None
) -> ImportReport:
    """Open the database (URL or SQLite path), import one file, close (for the CLI and the admin API)."""
    conn = connect(database)
    try:
        return import_file(conn, path, dry_run=dry_run, file_name=file_name)
    finally:
        conn.close()
