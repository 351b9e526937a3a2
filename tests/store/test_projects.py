"""Projects in the store: reports of one project merge across articles with a dated history,
different amounts are both kept, unrelated reports stay apart, removal is exact (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses

from chipmap.atlas import default_atlas
from chipmap.ingest.dedup import content_id
from chipmap.pipeline.direct import write_extractions
from chipmap.records import Amount
from chipmap.store import open_graph, seed_atlas
from tests.project_graph import ORION, articles


def _graph(db_url: str, items: list | None = None):  # type: ignore[no-untyped-def]
    graph = open_graph(db_url, create=True)
    seed_atlas(graph.database, default_atlas())
    write_extractions(graph.database, items if items is not None else articles(), atlas=default_atlas(),
                      extractor_version="test")
    return graph


def test_reports_of_one_project_merge_with_their_stages_and_amounts(db_url: str) -> None:
    with _graph(db_url) as graph:
        projects = {p.facility: p for p in graph.snapshot().projects}
    fab = projects["fab"]
    assert [(s.status, s.date) for s in fab.history] == [
        ("signed", "2019-02-28"), ("construction", "2020-04-30"), ("production", "2021-08")]
    assert (fab.status, fab.date, fab.place_id) == ("production", "2021-08", "place:shanghai-lingang")
    assert sorted(a.value for a in fab.amounts) == [10e9, 12e9]  # both figures, each with its article
    assert len({a.article_id for a in fab.amounts}) == 2 and len(fab.article_ids) == 3
    assert [p.name for p in fab.parties] == [ORION] and fab.parties[0].entity_id
    assert {e.field for e in fab.evidence} >= {"parties", "status", "amount"}
    plant = projects["packaging_plant"]  # the same party elsewhere is another project
    assert (plant.place_id, plant.status, len(plant.article_ids)) == ("place:hefei", "planned", 1)


def test_the_merge_does_not_depend_on_the_order_articles_arrive_in(db_url: str) -> None:
    with _graph(db_url, list(reversed(articles()))) as graph:
        fab = next(p for p in graph.snapshot().projects if p.facility == "fab")
    assert fab.status == "production" and len(fab.article_ids) == 3


def test_far_apart_amounts_and_stages_going_back_are_different_projects(db_url: str) -> None:
    base = articles()[:3]
    article, extraction = base[0]
    bigger = dataclasses.replace(article, id="p-010", text=article.text + " Eighty billion.",
                                 published=article.published)
    project = extraction.projects[0].model_copy(update={"amount": Amount(value=80e9, currency="CNY", text="80 bn")})
    later, later_extraction = base[2]
    replan = dataclasses.replace(later, id="p-011", text="Orion Foundry plans a 12-inch fab in Lingang.")
    planned = later_extraction.projects[0].model_copy(update={"status": "planned", "date": None, "history": []})
    items = [*base, (bigger, extraction.model_copy(update={"projects": [project]})),
             (dataclasses.replace(replan, published=replan.published.replace(year=2023)),
              later_extraction.model_copy(update={"projects": [planned], "relations": [], "people": []}))]
    with _graph(db_url, items) as graph:
        fabs = [p for p in graph.snapshot().projects if p.facility == "fab"]
    assert len(fabs) == 3


def test_removing_an_article_takes_its_report_out_and_recomputes_the_project(db_url: str) -> None:
    items = articles()
    with _graph(db_url, items) as graph:
        graph.remove(content_id(items[2][0].text))
        fab = next(p for p in graph.snapshot().projects if p.facility == "fab")
        assert (fab.status, len(fab.history)) == ("construction", 2)
        for article, _ in items[:2]:
            graph.remove(content_id(article.text))
        assert [p.facility for p in graph.snapshot().projects] == ["packaging_plant"]
        graph.remove(content_id(items[3][0].text))
        snapshot = graph.snapshot()
        assert snapshot.projects == [] and snapshot.project_counts == []
        assert graph.counts()["project_reports"] == 0


def test_bare_counts_are_kept_on_their_place_not_as_projects(db_url: str) -> None:
    with _graph(db_url) as graph:
        (count,) = graph.snapshot().project_counts
        assert (count.count, count.status, count.place_id) == (12, "signed", "place:shanghai-lingang")
        assert len(graph.snapshot().projects) == 2


def test_a_position_reported_as_past_keeps_the_day_it_was_first_said(db_url: str) -> None:
    items = articles()
    article, extraction = items[2]
    relation = extraction.relations[0].model_copy(update={"former": True})
    items[2] = (article, extraction.model_copy(update={"relations": [relation]}))
    with _graph(db_url, items) as graph:
        (zhao,) = [r for r in graph.snapshot().relations if r.head_id.endswith("zhao-kai")]
    assert zhao.former and str(zhao.former_since) == "2021-09-01"
