"""What the dashboard's project section needs beyond the answer: figures for people, chart data."""

from __future__ import annotations

from typing import Any

from chipmap.analyze.projects import ClusterProjects
from chipmap.analyze.projects import format_amounts as project_amount
from chipmap.analyze.projects import format_money as money

__all__ = ["investment_chart", "money", "project_amount"]


def investment_chart(projects: ClusterProjects) -> dict[str, Any]:
    """Investment by year for the chart: CNY-equivalent low and high totals (billions) and counts."""
    years = [t for t in projects.totals.by_year if t.key != "unknown"]
    return {
        "years": [t.key for t in years],
        "low": [round(t.cny_low / 1e9, 3) for t in years],
        "high": [round(t.cny_high / 1e9, 3) for t in years],
        "projects": [t.projects for t in years],
        "rates": f"{projects.totals.rates_source} ({projects.totals.rates_date})",
    }
