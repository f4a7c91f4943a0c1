"""The SVG chart: self-contained, escaped, coloured by status."""

from __future__ import annotations

from bot.chart_svg import COLOURS, ChartBar, ChartData, render_chart
from indicators.status import Status


def test_chart_escapes_text_and_has_no_scripts() -> None:
    data = ChartData(
        title="Andel <script>alert(1)</script> & co",
        subtitle='Enhet "A"',
        bars=[
            ChartBar(label="tertial 1 2023", value=45.0, text="45 %", status=Status.DELVIS),
            ChartBar(label="helår 2023", value=52.0, text="52 %", status=Status.UPPNATT),
        ],
        target=50.0,
        target_text="50 %",
        target_label="årsmål",
    )
    svg = render_chart(data)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script" not in svg and "&lt;script&gt;" in svg and "&amp; co" in svg
    assert COLOURS[Status.DELVIS] in svg and COLOURS[Status.UPPNATT] in svg
    assert ">T1 2023<" in svg and ">2023<" in svg and "stroke-dasharray" in svg
    assert 'aria-label="Andel' in svg and "årsmål 50 %" in svg


def test_chart_without_outcomes_says_so() -> None:
    svg = render_chart(ChartData(title="Sjukfrånvaro", bars=[], target=None))
    assert "Inget utfall inläst ännu" in svg and "stroke-dasharray" not in svg
