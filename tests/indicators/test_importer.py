"""Importing outcome files (CSV both separators and encodings, XLSX) into a real catalog."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from cli.indicators_cmd import add_parser
from indicators.importer import ImportFileError, RowStatus, import_file
from indicators.store import IndicatorStore
from knowledge.store.catalog import Catalog
from tests.indicators.plans import DISTRICT, OTHER_UNIT, UNIT, standard_catalog

NOW = dt.datetime(2023, 5, 10, 9, 0, tzinfo=dt.UTC)

CSV_ROWS = [
    ["Enhet", "Indikator", "Period", "Utfall", "Kvinnor", "Män", "Kommentar"],
    [UNIT, "Sjukfrånvaro dag 1-14", "2023-T1", "3,2 %", "", "", ""],
    ["enheten for ekonomiskt bistand", "sjukfranvaro", "T1 2023", "6,1", "", "", ""],
    [UNIT, "Andel aktuella förändringsplaner", "Tertial 1 2023", "71 %", "73", "69", "Bra start"],
    [UNIT, "Antal vräkningar som berör barn", "2023 helår", "1 200", "", "", ""],
    ["Okänd enhet", "Sjukfrånvaro", "2023", "5", "", "", ""],
    [UNIT, "Antal hundar i väntrummet", "2023", "5", "", "", ""],
    [UNIT, "Sjukfrånvaro dag 1-14", "våren 2023", "3", "", "", ""],
    [UNIT, "Sjukfrånvaro dag 1-14", "2023-T2", "cirka tre", "", "", ""],
    [OTHER_UNIT, "Sjukfrånvaro", "2020-T1", "7", "", "", ""],
    [UNIT, "Sjukfrånvaro dag 1-14", "2023-T1", "3,3", "", "", ""],
    ["", "", "", "", "", "", ""],
]
EXPECTED = [
    (2, RowStatus.MATCHED),
    (3, RowStatus.MATCHED),
    (4, RowStatus.MATCHED),
    (5, RowStatus.MATCHED),
    (6, RowStatus.UNMATCHED),
    (7, RowStatus.UNMATCHED),
    (8, RowStatus.INVALID),
    (9, RowStatus.INVALID),
    (10, RowStatus.AMBIGUOUS),
    (11, RowStatus.INVALID),
]


def write_csv(path: Path, rows: list[list[str]], sep: str, encoding: str) -> Path:
    def cell(text: str) -> str:
        return f'"{text}"' if sep in text else text

    path.write_bytes("\r\n".join(sep.join(cell(c) for c in row) for row in rows).encode(encoding))
    return path


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return standard_catalog(tmp_path)


def imported(catalog: Catalog) -> list[tuple[str | None, str, str | None, str]]:
    return sorted(
        (s.unit, s.outcome.indicator, s.outcome.period, s.outcome.value)
        for s in IndicatorStore(catalog.conn).outcomes()
        if s.outcome.source_kind == "import"
    )


@pytest.mark.parametrize(
    ("sep", "encoding"), [(";", "utf-8"), (",", "cp1252"), (";", "cp1252"), (",", "utf-8-sig")]
)
def test_csv_import_reports_every_row(catalog: Catalog, tmp_path: Path, sep: str, encoding: str) -> None:
    path = write_csv(tmp_path / "utfall T1.csv", CSV_ROWS, sep, encoding)
    report = import_file(catalog.conn, path, now=NOW)
    assert [(r.line, r.status) for r in report.rows] == EXPECTED
    assert report.written == 4 and report.replaced == 0 and not report.complete
    assert imported(catalog) == [
        (UNIT, "Andel aktuella förändringsplaner", "2023-T1", "71 %"),
        (UNIT, "Antal vräkningar som berör barn", "2023", "1 200"),
        (UNIT, "Sjukfrånvaro", "2023-T1", "6,1"),
        (UNIT, "Sjukfrånvaro dag 1-14", "2023-T1", "3,2 %"),
    ]
    stored = {s.outcome.indicator: s for s in IndicatorStore(catalog.conn).outcomes()}
    gender = stored["Andel aktuella förändringsplaner"]
    assert gender.imported_from == "utfall T1.csv" and gender.district == DISTRICT
    assert (gender.outcome.value_num, gender.outcome.women, gender.outcome.men) == (71.0, "73", "69")
    assert "Kommentar: Bra start" in gender.outcome.quote and gender.outcome.source_kind == "import"
    assert stored["Antal vräkningar som berör barn"].outcome.value_num == 1200.0
    assert stored["Sjukfrånvaro dag 1-14"].outcome.value_num == 3.2
    text = report.as_text()
    assert "rad 6: Okänd enhet" in text and "enheten finns inte" in text
    assert "rad 8:" in text and "okänd period ”våren 2023”" in text
    assert "rad 9:" in text and "inte ett tal" in text
    assert "rad 10:" in text and "Ange stadsdel" in text
    assert "rad 11:" in text and "samma enhet, indikator och period som rad 2" in text


def test_district_resolves_a_unit_present_in_two_districts(catalog: Catalog, tmp_path: Path) -> None:
    rows = [
        ["Stadsdel", "Enhet", "Indikator", "Period", "Utfall"],
        ["Farsta", OTHER_UNIT, "Sjukfrånvaro", "2020-T1", "5,5"],
    ]
    report = import_file(catalog.conn, write_csv(tmp_path / "f.csv", rows, ";", "utf-8"), now=NOW)
    assert report.rows[0].status is RowStatus.MATCHED and report.rows[0].district == "Farsta"


def test_dry_run_writes_nothing(catalog: Catalog, tmp_path: Path) -> None:
    generation = catalog.generation()
    report = import_file(catalog.conn, write_csv(tmp_path / "u.csv", CSV_ROWS, ";", "utf-8"), dry_run=True)
    assert report.dry_run and report.written == 0 and report.count(RowStatus.MATCHED) == 4
    assert imported(catalog) == [] and catalog.generation() == generation
    assert report.as_text().startswith("Provkörning")


def test_reimport_replaces_instead_of_duplicating(catalog: Catalog, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "u.csv", CSV_ROWS, ";", "utf-8")
    import_file(catalog.conn, path, now=NOW)
    generation = catalog.generation()
    rows = [CSV_ROWS[0], [UNIT, "Sjukfrånvaro dag 1-14", "2023-T1", "2,9 %", "", "", ""]]
    again = import_file(catalog.conn, write_csv(tmp_path / "rättelse.csv", rows, ";", "utf-8"), now=NOW)
    assert again.rows[0].replaces and again.replaced == 1 and again.complete
    assert catalog.generation() > generation  # running servers reload
    assert len(imported(catalog)) == 4
    assert (UNIT, "Sjukfrånvaro dag 1-14", "2023-T1", "2,9 %") in imported(catalog)
    third = import_file(catalog.conn, path, now=NOW)
    assert third.replaced == 4 and len(imported(catalog)) == 4


def test_imports_survive_reingest_of_the_plan(catalog: Catalog, tmp_path: Path) -> None:
    import_file(catalog.conn, write_csv(tmp_path / "u.csv", CSV_ROWS, ";", "utf-8"), now=NOW)
    parsed = catalog.parsed("eb-2023.txt")
    assert parsed is not None
    catalog.replace_document(parsed, chunks=[], path=None)
    assert len(imported(catalog)) == 4


def test_xlsx_import_with_english_headers_and_percent_cells(catalog: Catalog, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Unit", "District", "Indicator", "Period", "Value", "Women", "Men", "Responsible"])
    ws.append([UNIT, DISTRICT, "Sjukfrånvaro dag 1-14", "2023-T1", 0.032, None, None, "Anna"])
    ws.append([UNIT, DISTRICT, "Antal vräkningar som berör barn", 2023, 2, None, None, None])
    ws.append([UNIT, DISTRICT, "Andel aktuella förändringsplaner", "T2 2023", "80,5 %", 82, 79.5, None])
    ws.append([UNIT, DISTRICT, None, "2023", 3, None, None, None])
    ws["E2"].number_format = "0.0%"
    path = tmp_path / "utfall.xlsx"
    wb.save(path)
    report = import_file(catalog.conn, path, now=NOW)
    assert [(r.line, r.status) for r in report.rows] == [
        (2, RowStatus.MATCHED),
        (3, RowStatus.MATCHED),
        (4, RowStatus.MATCHED),
        (5, RowStatus.INVALID),
    ]
    assert report.rows[3].reason == "indikator saknas"
    assert report.ignored_columns == ["Responsible"]
    values = {s.outcome.indicator: s.outcome for s in IndicatorStore(catalog.conn).outcomes()}
    assert (
        values["Sjukfrånvaro dag 1-14"].value == "3,2 %" and values["Sjukfrånvaro dag 1-14"].value_num == 3.2
    )
    assert values["Antal vräkningar som berör barn"].period == "2023"
    assert (
        values["Andel aktuella förändringsplaner"].women,
        values["Andel aktuella förändringsplaner"].men,
    ) == ("82", "79,5")


def test_missing_column_names_file_and_column_and_changes_nothing(catalog: Catalog, tmp_path: Path) -> None:
    rows = [["Enhet", "Indikator", "Utfall"], [UNIT, "Sjukfrånvaro", "5"]]
    with pytest.raises(ImportFileError) as err:
        import_file(catalog.conn, write_csv(tmp_path / "saknar.csv", rows, ";", "utf-8"))
    assert "saknar.csv" in str(err.value) and "”period”" in str(err.value)
    assert imported(catalog) == []


def test_broken_xlsx_is_refused(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(ImportFileError, match=r"trasig\.xlsx"):
        import_file(catalog.conn, path)


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="planbot")
    parser.add_argument("--data-dir")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_cli_import_dry_run_json_and_exit_codes(
    catalog: Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "u.csv", CSV_ROWS, ";", "utf-8")
    assert run_cli("--data-dir", str(tmp_path), "indicators", "import", str(path), "--dry-run") == 1
    out = capsys.readouterr().out
    assert "Provkörning av u.csv: 10 rader – 4 matchade, 1 tvetydiga, 2 ej matchade, 3 ogiltiga." in out
    assert imported(catalog) == []
    good = write_csv(tmp_path / "ok.csv", CSV_ROWS[:3], ";", "utf-8")
    assert run_cli("--data-dir", str(tmp_path), "indicators", "import", str(good), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["written"] == 2 and data["file"] == "ok.csv"
    assert json.loads((tmp_path / "admin_reports.json").read_text())["import"]["ok"] is True
    bad = write_csv(tmp_path / "bad.csv", [["Enhet", "Period", "Utfall"]], ";", "utf-8")
    assert run_cli("--data-dir", str(tmp_path), "indicators", "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and "indikator" in err and "Inget importerades" in err


def test_same_unit_name_in_two_districts_keeps_both_imports(catalog: Catalog, tmp_path: Path) -> None:
    rows = [
        ["Stadsdel", "Enhet", "Indikator", "Period", "Utfall"],
        ["Farsta", OTHER_UNIT, "Sjukfrånvaro", "2020-T1", "5,5"],
        [DISTRICT, OTHER_UNIT, "Sjukfrånvaro", "2020-T1", "7,1"],
    ]
    report = import_file(catalog.conn, write_csv(tmp_path / "d.csv", rows, ";", "utf-8"), now=NOW)
    assert report.complete and report.written == 2
    again = import_file(catalog.conn, write_csv(tmp_path / "d.csv", rows, ";", "utf-8"), now=NOW)
    assert again.replaced == 2
    stored = sorted((s.district, s.outcome.value) for s in IndicatorStore(catalog.conn).outcomes())
    assert stored == [("Farsta", "5,5"), (DISTRICT, "7,1")]
