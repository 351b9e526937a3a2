"""Watching: re-read feeds and pages on a schedule, add only what is new, and say what changed."""

from chipmap.watch.digest import ClusterDigest, Digest, Item, SourceReport
from chipmap.watch.render import render_digest, to_html, to_json, to_markdown
from chipmap.watch.runner import forget_clusters, parse_duration, save_clusters, watch, watch_round
from chipmap.watch.state import SourceState, WatchState

__all__ = [
    "ClusterDigest",
    "Digest",
    "Item",
    "SourceReport",
    "SourceState",
    "WatchState",
    "forget_clusters",
    "parse_duration",
    "render_digest",
    "save_clusters",
    "to_html",
    "to_json",
    "to_markdown",
    "watch",
    "watch_round",
]
