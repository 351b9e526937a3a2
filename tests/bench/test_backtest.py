"""The backtest harness (bench/backtest.py, bench/hiding.py): cases, metrics, and honest hiding.

Hiding is tested on a small real graph (a hand-made atlas and two articles through the
store's writer, on SQLite in a file) and checked against the real thing: removing the
articles and re-seeding an atlas without the hidden sites.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.backtest import (
    Ranked,
    Signing,
    city_of,
    dated_signings,
    held_out,
    random_scores,
    scores,
    site_cases,
)
from bench.hiding import DemoGraph
from chipmap.atlas import Atlas, Organization, Place, Site
from chipmap.pipeline.direct import write_extractions
from chipmap.records import Article, ArticleExtraction, Evidence, Relation
from chipmap.records import Organization as OrgMention
from chipmap.records import Place as PlaceMention
from chipmap.store import open_graph, seed_atlas

CITE = "hand-made test atlas"


def _place(pid: str, kind: str, part_of: str | None = None) -> Place:
    return Place(id=pid, name=pid.split(":")[1].title(), kind=kind, part_of=part_of, citation=CITE)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def small_atlas() -> Atlas:
    places = [_place("place:china", "country"), _place("place:jiangsu", "province", "place:china"),
              _place("place:wuxi", "city", "place:jiangsu"), _place("place:jiangyin", "city", "place:wuxi"),
              _place("place:xinwu", "district", "place:wuxi"), _place("place:shanghai", "city", "place:china")]
    orgs = [
        Organization(id="org:xco", name="Xco Semiconductor", kind="company", segments=["manufacturing"],
                     headquarters="place:shanghai", citation=CITE,
                     sites=[Site(place="place:xinwu", what="fab"), Site(place="place:jiangyin", what="plant")]),
        Organization(id="org:xco-wuxi", name="Xco Wuxi", kind="company", segments=["manufacturing"],
                     headquarters="place:wuxi", parent="org:xco", citation=CITE),
        Organization(id="org:yco", name="Yco Packaging", kind="company", segments=["packaging_testing"],
                     headquarters="place:wuxi", citation=CITE),
        Organization(id="org:zco", name="Zco Devices", kind="company", segments=["design"],
                     headquarters="place:jiangyin", sites=[Site(place="place:xinwu", what="rd_centre")], citation=CITE),
    ]
    return Atlas(orgs={o.id: o for o in orgs}, places={p.id: p for p in places})


def _article(number: int, text: str, day: dt.date, orgs: list[str], places: list[str],
             relations: list[tuple[str, str]]) -> tuple[Article, ArticleExtraction]:
    evidence = [Evidence(sentence=text, start=0, end=len(text))]
    return (Article(id=f"t{number}", text=text, title=text[:30], published=day),
            ArticleExtraction(id=f"t{number}",
                              organizations=[OrgMention(name=o, kind="company", evidence=evidence) for o in orgs],
                              places=[PlaceMention(name=p, kind="city", evidence=evidence) for p in places],
                              relations=[Relation(type="located_in", head=h, tail=t, evidence=evidence,
                                                  confidence=0.8, rule="test") for h, t in relations]))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, small_atlas: Atlas) -> Iterator[DemoGraph]:
    db = tmp_path_factory.mktemp("backtest") / "small.db"
    graph = open_graph(db, create=True)
    seed_atlas(graph.database, small_atlas)
    write_extractions(graph.database, [
        _article(1, "Xco Semiconductor expanded its fab in Wuxi next to Yco Packaging.", dt.date(2024, 3, 1),
                 ["Xco Semiconductor", "Yco Packaging"], ["Wuxi"], [("Xco Semiconductor", "Wuxi"),
                                                                    ("Yco Packaging", "Wuxi")]),
        _article(2, "Xco Semiconductor reported results in Shanghai.", dt.date(2024, 4, 1),
                 ["Xco Semiconductor"], ["Shanghai"], [("Xco Semiconductor", "Shanghai")]),
    ], atlas=small_atlas, extractor_version="test")
    graph.close()
    demo_graph = DemoGraph(db)
    yield demo_graph
    demo_graph.close()


def test_site_cases_are_prefecture_cities_other_than_home_and_never_around_the_headquarters(
        small_atlas: Atlas) -> None:
    assert city_of(small_atlas, "place:jiangyin") == "place:wuxi"
    assert city_of(small_atlas, "place:xinwu") == "place:wuxi"
    cases = site_cases(small_atlas)
    assert cases == [Signing("org:xco", "place:wuxi")]  # two Wuxi sites are one case; Zco is based inside Wuxi


def test_hiding_removes_the_group_there_and_the_articles_naming_it_and_keeps_the_rest(demo: DemoGraph) -> None:
    snapshot, hidden = demo.hide("org:xco", "place:wuxi")
    assert hidden.family == {"org:xco", "org:xco-wuxi"}
    assert len(hidden.articles) == 1  # the article naming Xco and Wuxi; the Shanghai one stays
    places = set(hidden.places)
    assert not [r for r in snapshot.relations if r.type == "located_in" and r.head_id in hidden.family
                and r.tail_id in places]
    assert "org:xco-wuxi" not in snapshot.headquarters and snapshot.headquarters["org:xco"] == "place:shanghai"
    assert any(r.head_id == "org:yco" and r.tail_id == "place:wuxi" for r in snapshot.relations)  # atlas fact
    assert any(r.head_id == "org:xco" and r.tail_id == "place:shanghai" and r.article_ids for r in snapshot.relations)
    assert all(hidden.articles[0] not in r.article_ids for r in snapshot.relations)


def test_hiding_agrees_with_removing_articles_and_re_seeding(demo: DemoGraph, small_atlas: Atlas) -> None:
    assert demo.verify(small_atlas, "org:xco", "place:wuxi") == []


def test_metrics_and_the_exact_random_baseline() -> None:
    case = Signing("org:a", "place:b")
    outcomes = [Ranked(case, 1, 4), Ranked(case, 4, 4), Ranked(case, None, 4)]
    measured = scores(outcomes, (1, 3))
    assert measured.hits == {1: pytest.approx(1 / 3), 3: pytest.approx(1 / 3)}
    assert measured.mrr == pytest.approx((1 + 0.25) / 3) and measured.ranked == pytest.approx(2 / 3)
    chance = random_scores(outcomes, (1, 3))
    harmonic = (1 + 1 / 2 + 1 / 3 + 1 / 4) / 4
    assert chance.mrr == pytest.approx(2 * harmonic / 3) and chance.hits[3] == pytest.approx(2 * 0.75 / 3)


def test_the_split_is_by_company_and_stable() -> None:
    ids = [f"org:company-{n}" for n in range(300)]
    share = sum(held_out(i) for i in ids) / len(ids)
    assert 0.25 < share < 0.42 and [held_out(i) for i in ids] == [held_out(i) for i in ids]


def test_dated_signings_fixture_parses(atlas: Atlas) -> None:
    signings = dated_signings()
    assert len(signings) >= 10 and all(s.day for s in signings)
    assert all(s.org_id in atlas.orgs and s.cluster_id in atlas.places for s in signings)
    assert all((Path("chipmap/demo/corpus") / s.source).exists() for s in signings)


def test_project_signings_date_each_company_party_by_the_first_stage_in_its_city() -> None:
    import dataclasses

    from bench.backtest import project_signings
    from chipmap.analyze import GraphIndex
    from chipmap.graph_records import ProjectPartyRecord, ProjectRecord, ProjectStepRecord
    from tests.analyze.land import Land

    land = Land()
    land.org("org:parent", "manufacturing", hq="place:gamma")
    land.org("org:site-co", "manufacturing")
    land.link("subsidiary_of", "org:site-co", "org:parent")
    land.org("org:city-hall", kind="government", hq="place:alpha")

    def step(status: str, date: str | None, day: str) -> ProjectStepRecord:
        return ProjectStepRecord(status, date, "a1", "", published=dt.date.fromisoformat(day))

    fab = ProjectRecord("project:1", "fab", "fab", "production", None, place_id="place:alpha-zone",
                        parties=(ProjectPartyRecord("Site Co", "org:site-co"),
                                 ProjectPartyRecord("City Hall", "org:city-hall"),
                                 ProjectPartyRecord("Unknown Partner")),
                        history=(step("production", "2021-06", "2021-07-01"), step("signed", None, "2019-03-02")))
    later = ProjectRecord("project:2", "line", "fab", "signed", "2023-01-01", place_id="place:alpha",
                          parties=(ProjectPartyRecord("Parent", "org:parent"),),
                          first_seen=dt.date(2023, 1, 2))
    abroad = ProjectRecord("project:3", "plant", "plant", "signed", None, place_id="place:far",
                           parties=(ProjectPartyRecord("Parent", "org:parent"),), first_seen=dt.date(2022, 1, 1))
    index = GraphIndex.build(dataclasses.replace(land.snapshot(), projects=[fab, later, abroad]))
    # The site company enters as its parent, in the city of the district, on the earliest stage;
    # the government, the unresolved party and the project abroad are no signings.
    assert project_signings(index) == [Signing("org:parent", "place:alpha", dt.date(2019, 3, 2), "project project:1")]
