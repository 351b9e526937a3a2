"""Digest pieces that need no model: project changes between rounds, state round-trips, rendering."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chipmap.analyze.index import GraphIndex
from chipmap.demo.toy import toy_graph
from chipmap.report.projects import ProjectRow, format_amount, stage_of
from chipmap.watch import Digest, SourceReport, WatchState, to_html, to_markdown
from chipmap.watch.digest import ClusterDigest, Item, Link, project_changes
from chipmap.watch.state import BACKOFF_CAP


def _row(project_id: str, name: str, status: str, amount: float | None = None) -> ProjectRow:
    return ProjectRow(name=name, status=status, stage=stage_of(status), date=None,
                      amount_text=format_amount(amount, "CNY"), amount_value=amount, currency="CNY",
                      parties=("X",), place="Shaoxing", facility="fab", article_ids=(), relation_ids=(),
                      project_id=project_id)


def test_projects_new_or_changed_between_rounds_are_listed_once() -> None:
    graph = toy_graph()
    index = GraphIndex.build(graph.snapshot())
    before = [_row("project:1", "Fab 3", "signed"), _row("project:2", "Test centre", "construction")]
    after = [_row("project:1", "Fab 3", "construction"), _row("project:2", "Test centre", "construction"),
             _row("project:3", "Wafer base", "signed", 3e9)]
    items = project_changes(before, after, index, "place:shaoxing", graph)
    assert [(i.title, i.change) for i in items] == [("Fab 3 (signed → construction)", "changed"),
                                                    ("Wafer base (signed, 3 billion CNY)", "new")]


def test_state_round_trips_and_backs_off_exponentially_up_to_a_cap() -> None:
    state = WatchState(clusters=["place:wuxi"])
    source = state.source("https://example.org/feed")
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    for _ in range(3):
        source.failed("HTTP 503", now)
    assert source.next_try == (now + dt.timedelta(minutes=20)).isoformat() and not source.due(now)
    source.failed("HTTP 429", now, retry_after=dt.timedelta(hours=2))
    assert source.next_try == (now + dt.timedelta(hours=2)).isoformat()
    for _ in range(20):
        source.failed("down", now)
    assert dt.datetime.fromisoformat(source.next_try or "") - now == BACKOFF_CAP
    source.remember(["a", "b", "a"])
    again = WatchState.from_json(state.to_json())
    assert again.clusters == ["place:wuxi"] and again.sources["https://example.org/feed"].seen == ["a", "b"]
    again.sources["https://example.org/feed"].succeeded("changed")
    assert again.sources["https://example.org/feed"].due(now)


def test_digest_renders_each_item_with_its_source_and_escapes_names() -> None:
    link = Link("Plant opens", "https://example.org/a", dt.date(2024, 3, 1), "a1")
    item = Item("organisation", "org:x-evil", "<script>x</script> Semi", ("org:x-evil",), link)
    digest = Digest(round=3, at="2024-03-02T00:00:00+00:00", added=1, organizations=[item],
                    clusters=[ClusterDigest("place:wuxi", "Wuxi", organizations=[item]), ClusterDigest("place:xian", "Xi'an")],
                    sources=[SourceReport("https://example.org/feed", "unchanged", 304)])
    text = to_markdown(digest)
    assert "## Wuxi" in text and "## Xi'an\nNothing new." in text and "<https://example.org/a>" in text
    html = to_html(digest)
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html and 'href="https://example.org/a"' in html
    assert digest.to_dict()["added"] == 1 and digest.to_dict()["new_items"] == 1


def test_a_local_feed_file_is_compared_by_content(tmp_path: Path) -> None:
    from chipmap.watch.poll import poll_file
    from chipmap.watch.state import SourceState

    path = tmp_path / "feed.xml"
    path.write_bytes(b"<rss version='2.0'><channel><title>t</title></channel></rss>")
    state = SourceState()
    first = poll_file(path, state, max_bytes=10_000)
    assert first.status == "changed" and first.content_hash
    state.content_hash = first.content_hash
    assert poll_file(path, state, max_bytes=10_000).status == "unchanged"
    assert poll_file(path, state, max_bytes=10).status == "error"
    assert poll_file(tmp_path / "missing.xml", state, max_bytes=10_000).status == "error"
