"""Charts of a brief as inline SVG: drawn here, so the HTML needs no script and the PDF no browser.

Text in the SVG is escaped (names come from the news) and set in the brief's
font stack, so Chinese labels render with the same CJK font as the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

#: The brief's font stack: a CJK font that also has Latin glyphs first, by name (no download).
FONT_STACK = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
CLUSTER_COLOUR = "#1f5fa8"
PEER_COLOUR = "#e08a1e"
MISSING_COLOUR = "#b3261e"


@dataclass(frozen=True, slots=True)
class Bar:
    """One segment of the coverage chart: its label, the cluster's count and the peer's."""

    label: str
    count: int
    peer: int | None = None


def coverage_chart(bars: Sequence[Bar], *, cluster: str, peer: str | None = None,
                   width: int = 640) -> Markup:
    """Horizontal bars of firms per segment (and the peer's, when given), missing segments in red."""
    label_w, row_h, top = 150, 30 if peer else 24, 28 if peer else 8
    plot_w = width - label_w - 50
    top_value = max([1, *(b.count for b in bars), *(b.peer or 0 for b in bars)])
    height = top + row_h * len(bars) + 24
    title = f"Organisations per chain segment: {cluster}" + (f" and {peer}" if peer else "")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="coverage-chart" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT_STACK}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    if peer:
        parts.append(f'<rect x="{label_w}" y="6" width="12" height="12" fill="{CLUSTER_COLOUR}"/>'
                     f'<text x="{label_w + 16}" y="16">{escape(cluster)}</text>'
                     f'<rect x="{label_w + 180}" y="6" width="12" height="12" fill="{PEER_COLOUR}"/>'
                     f'<text x="{label_w + 196}" y="16">{escape(peer)}</text>')
    for i, bar in enumerate(bars):
        y = top + i * row_h
        colour = "#222" if bar.count else MISSING_COLOUR
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" fill="{colour}">'
                     f"{escape(bar.label)}</text>")
        series = [(bar.count, CLUSTER_COLOUR)] + ([(bar.peer or 0, PEER_COLOUR)] if peer else [])
        thickness = (row_h - 6) // len(series)
        for j, (value, fill) in enumerate(series):
            w = round(plot_w * value / top_value, 1)
            by = y + 2 + j * thickness
            parts.append(f'<rect class="bar" x="{label_w}" y="{by}" width="{max(w, 0.5)}" '
                         f'height="{thickness - 1}" fill="{fill}"/>'
                         f'<text x="{label_w + w + 4}" y="{by + thickness - 3}" font-size="11">{value}</text>')
    axis_y = top + row_h * len(bars) + 2
    parts.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{axis_y}" stroke="#888"/>')
    parts.append(f'<text x="{label_w}" y="{axis_y + 16}" font-size="10" fill="#555">'
                 f"firms per segment (a firm in two segments counts in both)</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
