"""`planbot bench`: performance and quality against targets and a naive RAG baseline, on this machine.

A developer tool: figures are English-labelled, progress goes to stderr, the report to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the bench package is imported only when `planbot bench` runs
    from bench.report import BenchReport


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "share":
        return f"{100 * value:.1f} %"
    if unit == "ms" or unit == "MB":
        return f"{value:.0f} {unit}"
    if unit == "s":
        return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"
    return f"{value:g}{(' ' + unit) if unit else ''}"


def _met(met: bool | None) -> str:
    return "" if met is None else ("[green]met[/green]" if met else "[red]MISSED[/red]")


def print_bench(report: BenchReport) -> None:
    """Print the report as readable tables (figures with targets, quality vs baseline, scale)."""
    from rich.console import Console
    from rich.table import Table

    out = Console(soft_wrap=True)
    if not out.is_terminal:  # files and pipes get the full table, not rich's 80 columns
        out = Console(soft_wrap=True, width=160)
    out.print(
        f"[bold]Planbot bench[/bold] — {report.machine}; load average before {report.load_before}, "
        f"after {report.load_after}; took {report.elapsed_s / 60:.1f} min"
    )

    table = Table(title="Figures and targets")
    for col in ("figure", "value", "target", "", "note"):
        table.add_column(col, overflow="fold")
    for f in report.figures:
        target = f"≤ {_fmt(f.target, f.unit)}" if f.target is not None else ""
        table.add_row(f.name, _fmt(f.value, f.unit), target, _met(f.met), f.note)
    out.print(table)

    if report.quality:
        table = Table(title="Quality on the dev set: Planbot vs naive RAG (1000-char windows, top 3)")
        for col in ("metric", "Planbot", "baseline", "Planbot / baseline"):
            table.add_column(col, justify="left" if col == "metric" else "right")
        for q in report.quality:
            ratio = "–" if q.ratio is None else f"{q.ratio:.2f}×"
            table.add_row(q.metric, _fmt(q.planbot, q.unit), _fmt(q.baseline, q.unit), ratio)
        out.print(table)

    if report.scales:
        table = Table(title="Scale (synthetic corpus; in-process ingest with the model loaded, dev-set asks)")
        for col in (
            "scale",
            "docs",
            "chunks",
            "embedded",
            "ingest",
            "docs/s",
            "chunks/s",
            "ask p50",
            "ask p95",
            "target",
            "",
            "src 1st",
        ):
            table.add_column(col, justify="right")
        for s in report.scales:
            met = None if s.target_p95_ms is None else s.ask_p95_ms <= s.target_p95_ms
            table.add_row(
                f"{s.scale}×",
                str(s.documents),
                str(s.chunks),
                str(s.embedded),
                _fmt(s.ingest_s, "s"),
                f"{s.docs_per_s:.2f}",
                f"{s.chunks_per_s:.1f}",
                _fmt(s.ask_p50_ms, "ms"),
                _fmt(s.ask_p95_ms, "ms"),
                f"≤ {s.target_p95_ms:.0f} ms" if s.target_p95_ms else "",
                _met(met),
                _fmt(s.source_first, "share"),
            )
        out.print(table)
    if report.replicas:
        print_replicas(out, report)
    for note in report.notes:
        out.print(f"Note: {note}", markup=False)


def print_replicas(out: Any, report: BenchReport) -> None:
    """The replica table: ready time, RSS and reload after one changed plan, per mode and scale."""
    from rich.table import Table

    from bench import report as t

    table = Table(title="Replicas: ready, RSS, reload after one changed plan (ingest job commits it)")
    for col in (
        "mode",
        "scale",
        "docs",
        "ready",
        "RSS",
        "",
        "ask p50",
        "ask p95",
        "reload",
        "",
        "read",
        "visible",
        "largest memory",
    ):
        table.add_column(col, justify="left" if col in ("mode", "largest memory") else "right")
    for r in report.replicas:
        at_100 = r.scale == 100
        rss_met = None if not at_100 or r.rss_mb is None else r.rss_mb <= t.TARGET_REPLICA_RSS_100X_MB
        reload_met = None if not at_100 or r.reload_s is None else r.reload_s <= t.TARGET_RELOAD_100X_S
        stages = {k: v for k, v in r.memory.items() if k not in ("total RSS", "chunks", "documents")}
        largest = ", ".join(f"{k} {v:.0f} MB" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])[:2])
        table.add_row(
            r.mode,
            f"{r.scale}×",
            str(r.documents),
            _fmt(r.ready_s, "s"),
            _fmt(r.rss_mb, "MB"),
            _met(rss_met),
            _fmt(r.ask_p50_ms, "ms"),
            _fmt(r.ask_p95_ms, "ms"),
            _fmt(r.reload_s, "s"),
            _met(reload_met),
            "" if r.reload_read is None else str(r.reload_read),
            _fmt(r.visible_s, "s"),
            largest or r.note,
        )
    out.print(table)


def _scales(text: str) -> tuple[int, ...]:
    try:
        scales = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError("skalor anges som heltal, t.ex. 1,10,100") from exc
    if not scales or any(s < 1 for s in scales):
        raise argparse.ArgumentTypeError("skalor anges som heltal ≥ 1, t.ex. 1,10,100")
    return scales


def cmd_bench(args: argparse.Namespace) -> int:
    """Run the benchmark and print (or write as JSON) its report."""
    from bench.suite import BenchOptions, run_bench

    options = BenchOptions(
        scales=args.scales,
        users=args.users,
        per_user=args.per_user,
        load_cap_s=args.load_cap,
        seed=args.seed,
        budget_s=args.budget_minutes * 60,
        keep=args.keep,
    )
    if args.corpus:
        options.corpus = Path(args.corpus)
    if args.questions:
        options.questions = Path(args.questions)
    report = run_bench(options, lambda line: print(line, file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print_bench(report)
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `bench` to planbot's subcommands (`sub` from `add_subparsers`)."""
    p = sub.add_parser("bench", help="mät prestanda och kvalitet mot mål och en enkel RAG (utvecklare)")
    p.add_argument("--json", action="store_true", help="rapporten som JSON")
    p.add_argument(
        "--scales", type=_scales, default=(1, 10, 100), help="korpusstorlekar (standard: 1,10,100)"
    )
    p.add_argument("--users", type=int, default=50, help="samtidiga användare i lasttestet (standard: 50)")
    p.add_argument("--per-user", type=int, default=4, help="frågor per användare (standard: 4)")
    p.add_argument(
        "--load-cap", type=float, default=60.0, help="tidstak för lasttestet i sekunder (standard: 60)"
    )
    p.add_argument("--seed", type=int, default=2024, help="frö för den syntetiska korpusen")
    p.add_argument(
        "--budget-minutes",
        type=float,
        default=25.0,
        help="hoppa över skalor som inte hinns inom denna tid (standard: 25)",
    )
    p.add_argument("--corpus", help="exempeldokument (standard: corpus/samples)")
    p.add_argument("--questions", help="frågefil (standard: tests/quality/dev_questions.jsonl)")
    p.add_argument("--keep", type=Path, help="spara arbetsmappen (datamappar, serverlogg) här")
    p.set_defaults(func=cmd_bench)
