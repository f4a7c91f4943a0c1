"""An indicator's outcomes per period against its target, as a self-contained inline SVG.

No JavaScript and no external resources, so it passes the web chat's Content-Security-Policy
and can be embedded as an <img> or inline. Bars are coloured by status; the target is a
dashed line. Every text is escaped.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

from pydantic import BaseModel

from indicators.history import verdict
from indicators.status import Status
from indicators.targets import TargetKind, pick_target
from knowledge.answers.outcome_cites import stored_indicators, stored_row, who
from knowledge.store.snapshot import Snapshot

# A narrow canvas with large type: on a phone the chart is drawn about 330 px wide, and a
# 600-unit canvas shrank 12-unit labels to ~6 px there (now ~12 px).
WIDTH, HEIGHT = 400, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 78, 46, 40
FONT, TITLE_FONT = 14, 16
COLOURS = {
    Status.UPPNATT: "#2e7d32",
    Status.DELVIS: "#f9a825",
    Status.EJ_UPPNATT: "#c62828",
}
NEUTRAL = "#607d8b"
# A white outline keeps value labels readable where they cross the target line.
HALO = 'stroke="#fff" stroke-width="3" paint-order="stroke"'


class ChartBar(BaseModel):
    """One period's outcome."""

    label: str
    value: float
    text: str
    status: Status | None = None


class ChartData(BaseModel):
    """What the chart shows: a title, bars in period order, and the target if it is a number."""

    title: str
    subtitle: str = ""
    bars: list[ChartBar]
    target: float | None = None
    target_text: str = ""  # "3,5 %"
    target_label: str = ""  # "årsmål" or "KF:s årsmål"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _short(label: str) -> str:
    """'tertial 1 2023' → 'T1 2023', 'helår 2023' → '2023'."""
    parts = label.split()
    if parts[:1] == ["tertial"] and len(parts) == 3:
        return f"T{parts[1]} {parts[2]}"
    return parts[-1] if parts[:1] == ["helår"] else label


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    return (head.rsplit(" ", 1)[0] if " " in head[limit // 2 :] else head) + "…"


def _ticks(low: float, high: float) -> list[float]:
    span = high - low or 1.0
    raw = span / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    return [
        first + i * step for i in range(int((high - first) / step) + 2) if first + i * step <= high + 1e-9
    ]


def render_chart(data: ChartData) -> str:
    """The chart as an SVG document string."""
    values = [b.value for b in data.bars] + ([data.target] if data.target is not None else [])
    low = min([0.0, *values])
    high = max([*values, 0.0]) * 1.15 or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(v: float) -> float:
        return TOP + plot_h - (v - low) / (high - low) * plot_h

    label = f"{data.title}: " + "; ".join(f"{_short(b.label)} {b.text}" for b in data.bars)
    if data.target_text:
        label += f"; {data.target_label or 'mål'} {data.target_text}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(label)}" font-family="sans-serif" '
        f'font-size="{FONT}">',
        f"<title>{escape(label)}</title>",
        f'<text x="8" y="18" font-size="{TITLE_FONT}" font-weight="bold">'
        f"{escape(_cut(data.title, 44))}</text>",
        f'<text x="8" y="36" fill="#555">{escape(_cut(data.subtitle, 52))}</text>',
    ]
    for tick in _ticks(low, high):
        ty = y(tick)
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#555">{_num(tick)}</text>')
    slot = plot_w / max(len(data.bars), 1)
    bar_w = min(48.0, slot * 0.7)
    # Many periods: label every other bar so labels do not run into each other.
    every = 1 if slot >= 40 else 2 if slot >= 20 else 3
    for i, bar in enumerate(data.bars):
        x = LEFT + i * slot + (slot - bar_w) / 2
        top, base = y(max(bar.value, 0.0)), y(min(bar.value, 0.0))
        colour = COLOURS.get(bar.status, NEUTRAL) if bar.status else NEUTRAL
        status = f" – {bar.status.value}" if bar.status else ""
        out.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{bar_w:.1f}" height="{max(base - top, 1):.1f}" '
            f'fill="{colour}"><title>{escape(bar.label)}: {escape(bar.text)}{escape(status)}</title></rect>'
        )
        if i % every and i != len(data.bars) - 1:
            continue
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{top - 4:.1f}" text-anchor="middle" {HALO}>'
            f"{escape(bar.text)}</text>"
        )
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" fill="#333">'
            f"{escape(_short(bar.label))}</text>"
        )
    if data.target is not None:
        ty = y(data.target)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#1565c0" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        # In the right margin, so it never covers a bar's value.
        x = WIDTH - RIGHT + 6
        out.append(
            f'<text x="{x}" y="{ty - 2:.1f}" fill="#1565c0" font-size="12">'
            f'<tspan x="{x}">Mål {escape(data.target_text)}</tspan>'
            f'<tspan x="{x}" dy="16">{escape(data.target_label)}</tspan></text>'
        )
    if not data.bars:
        out.append(
            f'<text x="{WIDTH / 2}" y="{TOP + plot_h / 2}" text-anchor="middle" fill="#555">'
            "Inget utfall inläst ännu</text>"
        )
    out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#333"/>')
    out.append("</svg>")
    return "\n".join(out)


def chart_data(snap: Snapshot, source: str, idx: int, today: dt.date | None = None) -> ChartData | None:
    """The chart of one plan row's indicator: its unit's outcomes per period and the row's target.

    Returns:
        None when the document or row does not exist.
    """
    parsed = snap.parsed.get(source)
    if parsed is None or not 0 <= idx < len(parsed.indicators):
        return None
    row = stored_row(snap, source, idx)
    indicators = stored_indicators(snap)
    base = verdict(indicators, snap.outcomes, row, today)
    statuses = {}
    for year in sorted({p.stored.outcome.year for p in base.history if p.stored.outcome.year is not None}):
        statuses.update(
            {s.period: s for s in verdict(indicators, snap.outcomes, row, today, year=year).statuses}
        )
    bars = []
    for point in base.history:
        value = (
            statuses[point.period].value_num if point.period in statuses else point.stored.outcome.value_num
        )
        if value is None:
            continue
        status = statuses.get(point.period)
        bars.append(
            ChartBar(
                label=point.label,
                value=value,
                text=point.stored.outcome.value,
                status=status.status if status and status.status in COLOURS else None,
            )
        )
    target, which = pick_target(row.indicator)
    number = target.value if target.kind in (TargetKind.VALUE, TargetKind.MAX, TargetKind.MIN) else None
    return ChartData(
        title=row.indicator.name,
        subtitle=who(row),
        bars=bars,
        target=number,
        target_text=target.text if number is not None else "",
        target_label=which if number is not None else "",
    )


def indicator_chart(snap: Snapshot, source: str, idx: int, today: dt.date | None = None) -> str | None:
    """SVG of one plan row's indicator (None when the row does not exist)."""
    data = chart_data(snap, source, idx, today)
    return render_chart(data) if data else None
