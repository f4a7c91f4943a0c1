"""`planbot bench` rendering and options on a hand-made report (nothing is measured here)."""

from __future__ import annotations

import argparse

import pytest

from bench.report import BenchReport, Figure, QualityRow, ScaleRow
from cli.bench import _scales, add_parser, print_bench


def test_figures_show_targets_met_and_missed(capsys: pytest.CaptureFixture[str]) -> None:
    report = BenchReport(
        machine="2 cores",
        load_before="0.1 0.1 0.1",
        figures=[
            Figure(name="cold ingest", value=42.0, unit="s", target=30.0),
            Figure(name="re-ingest", value=0.5, unit="s", target=2.0),
        ],
        quality=[QualityRow(metric="facts", planbot=0.9, baseline=0.3, unit="share")],
        scales=[
            ScaleRow(
                scale=100,
                documents=400,
                chunks=59000,
                ingest_s=1800.0,
                docs_per_s=0.22,
                chunks_per_s=33.0,
                ask_p50_ms=40.0,
                ask_p95_ms=320.0,
                source_first=0.7,
                target_p95_ms=300.0,
            )
        ],
        notes=["Scale 100× took long."],
    )
    print_bench(report)
    out = capsys.readouterr().out
    assert "cold ingest" in out and "42.0 s" in out and "≤ 30.0 s" in out and "MISSED" in out
    assert "met" in out and "3.00×" in out and "90.0 %" in out
    assert "100×" in out and "≤ 300 ms" in out and "Note: Scale 100× took long." in out
    assert report.figures[0].met is False and report.quality[0].ratio == pytest.approx(3.0)


def test_scales_option() -> None:
    assert _scales("1,10") == (1, 10)
    with pytest.raises(argparse.ArgumentTypeError):
        _scales("1,x")
    with pytest.raises(argparse.ArgumentTypeError):
        _scales("0")
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["bench", "--scales", "1,10", "--json"])
    assert args.scales == (1, 10) and args.json and args.users == 50 and args.per_user == 4
