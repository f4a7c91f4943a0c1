"""Terminal rendering of ingestion reports, document lists and progress bars (rich)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingest.pipeline import Progress as PipelineProgress
from ingest.report import STATUS_SV, IngestReport, Status
from knowledge.store.catalog import DocumentRecord

console = Console(stderr=True)
# Piped output (CI logs, `make run | tee`) would otherwise be cut to 80 columns.
out = Console(soft_wrap=True, width=None if Console().is_terminal else 160)


@contextmanager
def progress_bars() -> Iterator[PipelineProgress]:
    """Progress bars per document and per embedding batch, on stderr."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bars:
        docs = bars.add_task("Dokument", total=0)
        embed = bars.add_task("Inbäddning", total=0, visible=False)

        def start_embedding(source: str, total: int) -> None:
            bars.reset(embed, total=total, description=f"Inbäddning {source[:30]}", visible=True)

        yield PipelineProgress(
            start_documents=lambda total: bars.update(docs, total=total),
            document_done=lambda source: bars.advance(docs),
            start_embedding=start_embedding,
            embedded=lambda n: bars.advance(embed, n),
        )


def print_report(report: IngestReport, as_json: bool) -> None:
    """Print the ingestion report as a table (stdout) or JSON."""
    if as_json:
        out.print_json(
            json.dumps(
                {
                    "documents": [r.model_dump(mode="json") for r in report.rows],
                    "seconds": round(report.seconds, 2),
                },
                ensure_ascii=False,
            )
        )
        return
    table = Table(title="Inläsningsrapport", show_lines=False)
    for col in (
        "Fil",
        "Status",
        "Typ",
        "Enhet",
        "Stadsdel",
        "År",
        "Mål",
        "Indik.",
        "Akt.",
        "Utfall",
        "Delar",
    ):
        table.add_column(col, overflow="fold")
    for r in report.rows:
        style = {"failed": "red", "new": "green", "updated": "yellow"}.get(r.status.value, "")
        table.add_row(
            r.source,
            STATUS_SV[r.status],
            r.type or "",
            r.unit or "",
            r.district or "",
            str(r.year or ""),
            str(r.goals),
            str(r.indicators),
            str(r.activities),
            str(r.outcomes),
            str(r.chunks),
            style=style,
        )
    out.print(table)
    for r in report.rows:
        if r.status is Status.FAILED:
            out.print(f"[red]Fel[/red] {r.source}: {r.error}")
        for w in r.warnings:
            out.print(f"[yellow]Varning[/yellow] {r.source}: {w}")
    counts = {s: sum(1 for r in report.rows if r.status is s) for s in Status}
    summary = ", ".join(f"{n} {STATUS_SV[s]}" for s, n in counts.items() if n)
    out.print(f"{summary or 'Inga dokument'} på {report.seconds:.1f} s.")
    written = [r for r in report.rows if r.status in (Status.NEW, Status.UPDATED)]
    if written:
        chunks, embedded = sum(r.chunks for r in written), sum(r.embedded for r in written)
        out.print(
            f"{embedded} av {chunks} textdelar bäddades in; "
            f"{chunks - embedded} hade samma text som redan inbäddade delar och återanvändes."
        )


def document_dict(r: DocumentRecord) -> dict[str, object]:
    """The JSON shape of `planbot documents --json`."""
    m = r.meta
    return {
        "source": m.source,
        "title": m.title,
        "type": m.type.value,
        "unit": m.unit,
        "district": m.district,
        "year": m.year,
        "goals": r.goals,
        "indicators": r.indicators,
        "activities": r.activities,
        "outcomes": r.outcomes,
        "chunks": r.chunks,
    }


def print_documents(records: list[DocumentRecord], as_json: bool) -> None:
    """Print the list of ingested documents."""
    if as_json:
        out.print_json(json.dumps([document_dict(r) for r in records], ensure_ascii=False))
        return
    if not records:
        out.print("Inga dokument är inlästa. Kör 'planbot ingest MAPP'.")
        return
    table = Table(title="Inlästa dokument")
    for col in ("Fil", "Titel", "Typ", "Enhet", "Stadsdel", "År", "Mål", "Indik.", "Akt.", "Utfall", "Delar"):
        table.add_column(col, overflow="fold")
    for r in records:
        d = document_dict(r)
        table.add_row(*(str(d[k]) if d[k] is not None else "" for k in d))
    out.print(table)
