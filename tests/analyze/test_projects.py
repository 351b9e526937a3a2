"""Projects over a snapshot: a cluster's projects and totals, ranges not averages, as-of views,
timelines, and who holds a post on a day."""

from __future__ import annotations

import datetime as dt

import pytest

from chipmap.analyze import GraphIndex, as_of, timeline
from chipmap.analyze.positions import holders, positions_as_of, post_key, tenures
from chipmap.analyze.profile import cluster_profile
from chipmap.analyze.projects import cluster_projects, format_amounts, project_summary
from chipmap.analyze.service import Analyst
from chipmap.currency import CNY_PER_UNIT, RATES_DATE, to_cny
from chipmap.graph_records import RelationRecord, Snapshot
from chipmap.store import Graph
from tests.project_graph import project_graph


@pytest.fixture(scope="module")
def graph() -> Graph:
    return project_graph()


@pytest.fixture(scope="module")
def snapshot(graph: Graph) -> Snapshot:
    return graph.snapshot()


@pytest.fixture(scope="module")
def index(snapshot: Snapshot) -> GraphIndex:
    return GraphIndex.build(snapshot)


def test_a_cluster_lists_the_projects_in_its_sub_places_with_history(index: GraphIndex) -> None:
    answer = cluster_projects(index, "place:shanghai")
    (fab,) = answer.projects
    assert fab.located_by == "place" and fab.place is not None and fab.place.id == "place:shanghai-lingang"
    assert [s.status for s in fab.history] == ["signed", "construction", "production"]
    assert [p.name for p in fab.parties] == ["Orion Foundry"] and fab.segments == ("manufacturing",)  # a fab
    assert fab.year == 2019 and len(fab.sources) == 3
    assert [c.count for c in answer.counts] == [12]
    assert cluster_projects(index, "place:hefei").projects[0].facility == "packaging_plant"


def test_different_amounts_show_as_a_range_never_an_average(index: GraphIndex) -> None:
    (fab,) = cluster_projects(index, "place:shanghai").projects
    (yuan,) = fab.amounts
    assert (yuan.currency, yuan.low, yuan.high, len(yuan.figures)) == ("CNY", 10e9, 12e9, 2)
    assert format_amounts(fab.amounts) == "CNY 10 bn – CNY 12 bn"


def test_totals_by_year_status_and_segment_per_currency_with_a_cny_equivalent(index: GraphIndex) -> None:
    summary = project_summary(index, "place:china")
    totals = summary.totals
    assert summary.total == 2 and summary.by_status == {"planned": 1, "production": 1}
    years = {t.key: t for t in totals.by_year}
    assert years["2019"].by_currency == {"CNY": (10e9, 12e9)} and years["2019"].cny_low == 10e9
    assert years["2021"].by_currency == {"USD": (500e6, 500e6)}
    assert years["2021"].cny_low == pytest.approx(500e6 * CNY_PER_UNIT["USD"])
    assert totals.overall.cny_high == pytest.approx(12e9 + 500e6 * CNY_PER_UNIT["USD"])
    assert {t.key for t in totals.by_segment} == {"manufacturing", "packaging_testing"}  # from the facilities
    assert totals.rates_date == RATES_DATE and to_cny(1, "XXX") is None


def test_filters_by_status_and_by_activity_since_a_day(index: GraphIndex) -> None:
    assert cluster_projects(index, "place:china", status="planned").total == 1
    assert cluster_projects(index, "place:china", status="cancelled").total == 0
    assert cluster_projects(index, "place:shanghai", since=dt.date(2021, 1, 1)).total == 1
    assert cluster_projects(index, "place:shanghai", since=dt.date(2022, 1, 1)).total == 0


def test_the_as_of_view_shows_the_stage_reached_then(snapshot: Snapshot) -> None:
    then = GraphIndex.build(as_of(snapshot, dt.date(2020, 6, 1)))
    (fab,) = cluster_projects(then, "place:shanghai").projects
    assert fab.status == "construction" and [s.status for s in fab.history] == ["signed", "construction"]
    assert cluster_projects(GraphIndex.build(as_of(snapshot, dt.date(2018, 1, 1))), "place:shanghai").total == 0


def test_the_profile_and_the_timeline_show_projects(index: GraphIndex) -> None:
    profile = cluster_profile(index, "place:shanghai")
    assert profile.projects is not None and profile.projects.total == 1 and profile.projects.reported_counts == 12
    items = [i for i in timeline(index, "place:shanghai").items if i.kind == "project"]
    assert [i.title.rsplit(": ", 1)[1] for i in items] == ["signed", "construction", "production"]
    assert items[0].date == dt.date(2019, 2, 28) and items[0].sources


def test_a_later_appointment_ends_the_earlier_tenure(snapshot: Snapshot) -> None:
    body = next(r.tail_id for r in snapshot.relations if r.type == "holds_position")
    assert [t.person_id for t in holders(snapshot.relations, body, title="chairman", day=dt.date(2020, 1, 1))] \
        == ["person:lin-mei"]
    assert [t.person_id for t in holders(snapshot.relations, body, title="chairman")] == ["person:zhao-kai"]
    ended = {r.head_id: r.former for r in positions_as_of(snapshot.relations, dt.date(2022, 1, 1))
             if r.type == "holds_position"}
    assert ended == {"person:lin-mei": True, "person:zhao-kai": False}
    assert not any(r.former for r in positions_as_of(snapshot.relations, dt.date(2020, 1, 1))
                   if r.type == "holds_position")


def test_shared_posts_and_past_reports_in_tenures() -> None:
    day = dt.date(2020, 1, 1)
    relations = [
        RelationRecord("a", "holds_position", "person:a", "org:x", title="vice president", first_seen=day),
        RelationRecord("b", "holds_position", "person:b", "org:x", title="Vice President",
                       first_seen=day.replace(year=2021)),
        RelationRecord("c", "holds_position", "person:c", "org:x", title="CEO", first_seen=day,
                       former_since=day.replace(year=2022)),
    ]
    found = tenures(relations)
    assert found["a"].end is None  # a second vice president does not replace the first
    assert (found["c"].end, found["c"].ended_by) == (day.replace(year=2022), "former")
    assert post_key("Former Acting CEO") == "ceo"


def test_the_analyst_answers_projects_and_holders(graph: Graph) -> None:
    analyst = Analyst(graph)
    assert analyst.projects("Lingang").total == 1
    assert [t.person_id for t in analyst.holders("Orion Foundry", title="chairman")] == ["person:zhao-kai"]
    with pytest.raises(Exception, match="status"):
        analyst.projects("Lingang", status="finished")
