"""Analytics: pure functions over a graph Snapshot, and the Analyst that answers users' questions.

Nothing here imports typer, fastapi or the store: the CLI and the server call
``Analyst`` (service.py), which calls the pure functions in coverage, profile,
gaps, siting, compare, timeline and network with a ``GraphIndex`` of a snapshot.
Every score is documented with its formula in its module and in docs/analytics.md.
"""

from chipmap.analyze.compare import Comparison, compare
from chipmap.analyze.coverage import Coverage, coverage_from_counts
from chipmap.analyze.gaps import GapReport, find_gaps, gap_report
from chipmap.analyze.index import GraphIndex
from chipmap.analyze.network import central_actors, communities, connection, neighbourhood
from chipmap.analyze.ports import GraphPort
from chipmap.analyze.profile import ClusterProfile, cluster_profile
from chipmap.analyze.service import Analyst
from chipmap.analyze.siting import SiteReport, locate
from chipmap.analyze.timeline import Timeline, as_of, timeline

__all__ = [
    "Analyst",
    "ClusterProfile",
    "Comparison",
    "Coverage",
    "GapReport",
    "GraphIndex",
    "GraphPort",
    "SiteReport",
    "Timeline",
    "as_of",
    "central_actors",
    "cluster_profile",
    "communities",
    "compare",
    "connection",
    "coverage_from_counts",
    "find_gaps",
    "gap_report",
    "locate",
    "neighbourhood",
    "timeline",
]
