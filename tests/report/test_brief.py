"""A brief's content: members, gaps, candidates, leaders, timeline, projects, and sources every fact cites."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

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
    assert all(c.components and len(c.components) == 4 for c in brief.candidates)
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


class ProjectAnalyst(Analyst):
    """An Analyst that knows projects, in the shape the projects branch writes them (SCHEMA.md)."""

    def projects(self, cluster_id: str) -> list[dict[str, Any]]:
        assert cluster_id == "place:shaoxing"
        return [
            {"name": "MEMS line expansion", "parties": ["United Nova Technology"], "place": "Shaoxing",
             "facility": "fab", "status": "production", "date": "2023-06-17",
             "amount": {"value": 5.8e9, "currency": "CNY", "text": "5.8 billion yuan"},
             "article_ids": ["c535e5b1dac38997"]},
            {"name": "Packaging base", "parties": [], "status": "signed", "date": None,
             "amount": 1.2e8, "currency": "USD"},
            {"name": "Old plan", "status": "construction", "date": "2010-01-01"},
        ]


def test_projects_render_by_stage_with_amounts_when_the_analyst_offers_them(graph: Graph) -> None:
    brief = build_brief(ProjectAnalyst(graph), "Shaoxing", since=dt.date(2015, 1, 1))
    assert brief.projects is not None
    stages = {s.stage: s for s in brief.projects}
    assert [p.row.name for p in stages["production"].projects] == ["MEMS line expansion"]
    assert stages["production"].projects[0].cites  # its article is in the source list
    assert [p.row.amount_text for p in stages["signed"].projects] == ["120 million USD"]
    assert stages["started"].projects == ()  # before the period
    html = render_html(brief)
    assert "5.8 billion yuan" in html and "No project data" not in html


def test_without_projects_the_brief_says_so(analyst: Analyst) -> None:
    assert "No project data" in render_html(build_brief(analyst, "Shaoxing"))


@pytest.mark.parametrize(("status", "stage"), [("planned", "signed"), ("signed", "signed"),
                                                ("construction", "started"), ("completed", "started"),
                                                ("production", "production"), ("rumoured", "other")])
def test_project_status_maps_to_a_stage(status: str, stage: str) -> None:
    assert stage_of(status) == stage


def test_project_rows_read_objects_as_well_as_dicts() -> None:
    class Party:
        name = "Example Silicon"

    class Record:
        name = "Wafer plant"
        status = "signed"
        parties = (Party(),)
        amount = None
        date = dt.date(2024, 1, 2)

    row = project_row(Record())
    assert row.parties == ("Example Silicon",) and row.amount_text == "" and row.date == dt.date(2024, 1, 2)
    assert format_amount(2.5e9, "CNY") == "2.5 billion CNY"


def test_chart_escapes_names_and_marks_missing_segments() -> None:
    svg = coverage_chart([Bar("Design", 0), Bar("Manufacturing", 3)], cluster="<b>X</b>")
    assert "<b>X</b>" not in svg and "&lt;b&gt;X&lt;/b&gt;" in svg
    assert re.search(r'fill="#b3261e">Design', svg)


def test_untitled_articles_are_named_by_their_first_words() -> None:
    assert first_words("One two three four", words=3) == "One two three …"
    assert first_words("   ") == ""
