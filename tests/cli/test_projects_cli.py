"""``chipmap projects`` and ``chipmap holders`` through Typer's runner on a graph file of invented projects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipmap.cli import app
from tests.project_graph import project_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("projects") / "graph.db"
    project_graph(path).close()
    return str(path)


def run(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--db", db])
    return result.exit_code, result.output


def test_projects_json_lists_history_amount_range_and_totals(db: str) -> None:
    code, output = run(db, "projects", "Shanghai", "--json")
    assert code == 0, output
    data = json.loads(output)
    (fab,) = data["projects"]
    assert [s["status"] for s in fab["history"]] == ["signed", "construction", "production"]
    assert all(s["sentence"] and s["article_id"] for s in fab["history"])
    assert (fab["amounts"][0]["low"], fab["amounts"][0]["high"]) == (10e9, 12e9)
    assert data["totals"]["by_year"][0]["key"] == "2019" and data["totals"]["rates_date"]


def test_projects_filters_and_table(db: str) -> None:
    code, output = run(db, "projects", "China", "--status", "planned", "--json")
    assert code == 0 and [p["facility"] for p in json.loads(output)["projects"]] == ["packaging_plant"]
    code, output = run(db, "projects", "Shanghai", "--since", "2030-01-01", "--json")
    assert code == 0 and json.loads(output)["total"] == 0
    code, output = run(db, "projects", "Lingang")
    assert code == 0 and "1 projects" in output and "2019" in output and "CNY 10 bn" in output


def test_projects_as_of_a_day(db: str) -> None:
    code, output = run(db, "projects", "Shanghai", "--as-of", "2020-06-01", "--json")
    assert code == 0 and json.loads(output)["projects"][0]["status"] == "construction"


@pytest.mark.parametrize("args", [("projects", "Shanghia"), ("projects", "Shanghai", "--status", "finished")])
def test_unknown_names_and_statuses_exit_1_with_suggestions(db: str, args: tuple[str, ...]) -> None:
    code, output = run(db, *args)
    assert code == 1 and "did you mean" in output.lower()


def test_bad_dates_are_usage_errors(db: str) -> None:
    code, output = run(db, "projects", "Shanghai", "--since", "last year")
    assert code == 2 and "--since" in output


def test_holders_answers_who_held_a_post_on_a_day(db: str) -> None:
    code, output = run(db, "holders", "Orion Foundry", "--title", "chairman", "--as-of", "2020-01-01", "--json")
    assert code == 0 and [t["person_name"] for t in json.loads(output)] == ["Lin Mei"]
    code, output = run(db, "holders", "Orion Foundry", "--title", "chairman")
    assert code == 0 and "Zhao Kai" in output and "Lin Mei" not in output


def test_projects_in_the_help(tmp_path: Path) -> None:
    result = runner.invoke(app, ["projects", "--help"])
    assert result.exit_code == 0 and "Latest status" in result.output and "every stage" in result.output
