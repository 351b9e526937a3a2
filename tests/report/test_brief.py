"""A brief's content: members, gaps, candidates, leaders, timeline, projects, and sources every fact cites."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from chipmap.analyze.gaps import WEIGHTS
from chipmap.analyze.service import Analyst
from chipmap.errors import NotFound
from chipmap.report import build_brief, render_html
from chipmap.report.projects import format_amount, project_row, stage_of
from chipmap.report.sources import first_words
from chipmap.report.svg import Bar, coverage_chart
from chipmap.store import Graph


def test_brief_of_a_cluster_has_every_section_and_numbered_sources(analyst: Analyst) -> None:
    brief = build_brief(analyst, "Shaoxing", today=dt.date(2024, 6, 1))
    assert brief.cluster_id == "place:shaoxing" and brief.name_zh == "绍兴"
    assert brief.segments[0].label == "Materials" and len(brief.segments) == 7
    members = [o for s in brief.segments for o in s.orgs]
    assert any(o.name == "United Nova Technology Co., Ltd." for o in members)
    assert brief.gaps and brief.candidates and brief.leaders
    weighted = {name for name, weight in WEIGHTS.items() if weight > 0}
    assert all({x.name for x in c.components} == weighted for c in brief.candidates)  # every reason that counts
    assert all([x.points for x in c.components] == sorted((x.points for x in c.components), reverse=True)
               for c in brief.candidates)
    assert [p.name for p in brief.people_rows] == ["Wen Nuan"]
    assert {t.kind for t in brief.timeline} >= {"appointment", "site"}
    assert brief.projects is None  # the toy graph's Analyst offers no projects
    numbers = [s.number for s in brief.sources]
    assert numbers == list(range(1, len(numbers) + 1))
    assert any(s.kind == "article" and s.url == "https://example.org/news/toy-001" for s in brief.sources)
    assert any(s.kind == "atlas" and s.note.startswith("chipmap atlas") for s in brief.sources)


def test_every_fact_cites_a_source_and_every_source_is_cited(analyst: Analyst) -> None:
    brief = build_brief(analyst, "Shaoxing")
    facts = [*(o for s in brief.segments for o in s.orgs), *brief.candidates, *brief.leaders, *brief.people_rows,
             *brief.timeline]
    assert facts and all(f.cites for f in facts), [f for f in facts if not f.cites]
    cited = {n for f in facts for n in f.cites}
    assert cited == {s.number for s in brief.sources}
    html = render_html(brief)
    for source in brief.sources:
        assert f'id="src-{source.number}"' in html and f'href="#src-{source.number}"' in html


def test_peer_and_period_change_the_reference_and_the_timeline(analyst: Analyst) -> None:
    whole = build_brief(analyst, "Shaoxing")
    brief = build_brief(analyst, "Shaoxing", vs="Wuxi", since=dt.date(2023, 1, 1))
    assert brief.peer == "Wuxi" and brief.reference == "Wuxi"
    assert all(t.date >= dt.date(2023, 1, 1) for t in brief.timeline)
    assert len(brief.timeline) < len(whole.timeline)
    assert "Wuxi" in brief.chart and brief.chart.count('class="bar"') == 14


def test_unknown_cluster_raises_not_found_with_suggestions(analyst: Analyst) -> None:
    with pytest.raises(NotFound):
        build_brief(analyst, "Atlantis Chip Valley")


#: Written for this test: a signing reported with its amount.
SIGNING = ("Qiantang Quantum Devices signed an agreement on Monday to build a 5.8 billion yuan "
           "packaging plant in Shaoxing.")


@pytest.fixture()
def project_graph() -> Graph:
    """The toy graph plus one article that reports a signed project with an amount."""
    from chipmap.atlas import default_atlas
    from chipmap.demo.toy import toy_graph
    from chipmap.pipeline.direct import write_extractions
    from chipmap.records import (
        Amount,
        Article,
        ArticleExtraction,
        Evidence,
        Organization,
        Place,
        Project,
        StatusStep,
    )

    graph = toy_graph()
    ev = [Evidence(sentence=SIGNING, start=0, end=len(SIGNING))]
    extraction = ArticleExtraction(
        id="signing",
        organizations=[Organization(name="Qiantang Quantum Devices", evidence=ev)],
        places=[Place(name="Shaoxing", atlas_id="place:shaoxing", evidence=ev)],
        projects=[Project(name="packaging plant", parties=["Qiantang Quantum Devices"], place="Shaoxing",
                          facility="packaging_plant", status="signed", date="2023-06-12",
                          amount=Amount(value=5.8e9, currency="CNY", text="5.8 billion yuan"),
                          history=[StatusStep(status="signed", date="2023-06-12", evidence=ev)], evidence=ev)])
    article = Article(id="signing", text=SIGNING, title="A packaging plant for Shaoxing",
                      published=dt.date(2023, 6, 13))
    write_extractions(graph.database, [(article, extraction)], atlas=default_atlas(), extractor_version="test")
    return graph


def test_projects_render_by_stage_with_amounts(project_graph: Graph) -> None:
    brief = build_brief(Analyst(project_graph), "Shaoxing", since=dt.date(2015, 1, 1))
    assert brief.projects is not None
    stages = {s.stage: s for s in brief.projects}
    (signed,) = [p for p in stages["signed"].projects if p.row.name == "packaging plant"]
    assert signed.row.amount_text == "5.8 billion CNY" and signed.cites  # its article is in the sources
    assert signed.row.parties == ("Qiantang Quantum Devices",)
    html = render_html(brief)
    assert "5.8 billion CNY" in html and "No project data" not in html


def test_without_projects_the_brief_says_so(analyst: Analyst) -> None:
    assert "No project data" in render_html(build_brief(analyst, "Shaoxing"))


@pytest.mark.parametrize(("status", "stage"), [("planned", "signed"), ("signed", "signed"),
                                                ("construction", "started"), ("completed", "started"),
                                                ("production", "production"), ("rumoured", "other")])
def test_project_status_maps_to_a_stage(status: str, stage: str) -> None:
    assert stage_of(status) == stage


def test_a_project_reported_with_two_amounts_shows_the_range() -> None:
    from chipmap.analyze.projects import AmountRange, ProjectItem, ProjectParty

    item = ProjectItem(id="project:x", name="Wafer plant", facility="production_base", status="signed",
                       date="2024-01-02", place=None, place_name="Hefei", located_by="place", phase=None,
                       parties=(ProjectParty("Example Silicon", None),), segments=("materials",),
                       amounts=(AmountRange("CNY", 2.5e9, 3.0e9, 2.5e9, 3.0e9, ()),), history=(),
                       sources=(), year=2024, evidence={})
    row = project_row(item)
    assert row.parties == ("Example Silicon",) and row.place == "Hefei" and row.date == dt.date(2024, 1, 2)
    assert row.amount_text == "2.5 billion CNY – 3 billion CNY" and row.stage == "signed"
    assert format_amount(2.5e9, "CNY") == "2.5 billion CNY"


def test_chart_escapes_names_and_marks_missing_segments() -> None:
    svg = coverage_chart([Bar("Design", 0), Bar("Manufacturing", 3)], cluster="<b>X</b>")
    assert "<b>X</b>" not in svg and "&lt;b&gt;X&lt;/b&gt;" in svg
    assert re.search(r'fill="#b3261e">Design', svg)


def test_untitled_articles_are_named_by_their_first_words() -> None:
    assert first_words("One two three four", words=3) == "One two three …"
    assert first_words("   ") == ""
