"""The query commands through Typer's runner on the built-in toy graph (``--db toy``)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipmap.analyze.gaps import WEIGHTS as GAP_WEIGHTS
from chipmap.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--db", "toy"])
    return result.exit_code, result.output


def test_cluster_json_lists_orgs_in_three_segments_with_evidence() -> None:
    code, output = run("cluster", "Shaoxing", "--json")
    assert code == 0, output
    data = json.loads(output)
    groups = [g for g in data["profile"]["by_segment"] if g["org_ids"]]
    assert len(groups) >= 3
    for org in data["profile"]["organizations"]:
        assert any(data["evidence"].get(r["id"]) for r in org["located"]), org["name"]


def test_cluster_table_on_a_terminal() -> None:
    code, output = run("cluster", "Shaoxing")
    assert code == 0 and "Packaging & testing" in output and "JCET Shaoxing" in output


def test_cluster_json_lists_every_member_with_chinese_name_and_aliases() -> None:
    code, output = run("cluster", "Shanghai", "--json")
    assert code == 0, output
    data = json.loads(output)
    members = data["members"]
    assert members["total"] == data["profile"]["organization_total"] > 100
    assert len(members["members"]) == members["total"] > len(data["profile"]["organizations"])
    smic = next(m for m in members["members"] if m["id"] == "org:smic")
    assert smic["name_zh"].startswith("中芯国际") and "SMIC" in smic["aliases"]
    assert all(m["places"] for m in members["members"])


def test_cluster_terminal_pages_the_member_list() -> None:
    code, output = run("cluster", "Shanghai", "--limit", "5", "--offset", "5")
    assert code == 0, output
    assert "members 6–10 of " in output and "next page: --offset 10 --limit 5" in output
    code, output = run("cluster", "Shanghai", "--limit", "5", "--offset", "5", "--json")
    page = json.loads(output)["members"]
    assert (page["offset"], page["limit"], len(page["members"])) == (5, 5, 5)


def test_cluster_lists_the_members_of_one_segment() -> None:
    code, output = run("cluster", "Shanghai", "--segment", "design", "--json")
    assert code == 0, output
    data = json.loads(output)
    page = data["members"]
    assert page["segment"] == "design" and 0 < page["total"] < data["profile"]["organization_total"]
    assert all("design" in m["segments"] for m in page["members"])
    code, output = run("cluster", "Shanghai", "--segment", "desgn")
    assert code == 1 and "design" in output


def test_gaps_names_missing_segments_and_candidates_with_reasons() -> None:
    code, output = run("gaps", "Shaoxing", "--json")
    data = json.loads(output)
    assert code == 0 and any(g["status"] == "missing" for g in data["gaps"])
    assert len(data["candidates"]) >= 5
    assert all(len(c["components"]) == len(GAP_WEIGHTS) and all(p["reason"] for p in c["components"])
               for c in data["candidates"])
    code, output = run("gaps", "Shaoxing", "--vs", "Wuxi")
    assert code == 0 and "against Wuxi" in output


def test_locate_by_segments_ranks_clusters_with_reasons() -> None:
    code, output = run("locate", "--segments", "design", "--json")
    data = json.loads(output)
    assert code == 0 and len(data["options"]) >= 3
    assert all(c["reason"] for o in data["options"] for c in o["components"])
    assert data["options"][0]["score"] >= data["options"][-1]["score"]


def test_locate_an_organisation() -> None:
    code, output = run("locate", "Empyrean Technology", "--limit", "3")
    assert code == 0 and "EDA / IP" in output


@pytest.mark.parametrize("args", [("cluster", "Shaoxin"), ("entity", "Nobody Atall"), ("gaps", "Shaoxing", "--vs", "Atlantis"),
                                  ("path", "Zhu Yiming", "Nobody Atall"), ("compare", "Wuxi", "Atlantis"),
                                  ("locate", "--segments", "chips")])
def test_unknown_names_exit_1_with_suggestions(args: tuple[str, ...]) -> None:
    code, output = run(*args)
    assert code == 1, output
    assert "No " in output


def test_suggestions_are_printed() -> None:
    _, output = run("cluster", "Shaoxin")
    assert "Did you mean" in output and "Shaoxing" in output


def test_usage_errors_exit_2() -> None:
    assert run("locate")[0] == 2
    assert run("compare", "Wuxi")[0] == 2
    assert run("timeline", "Hefei", "--since", "last year")[0] == 2
    assert run("export", "--format", "xlsx")[0] == 2
    assert run("export", "--format", "csv")[0] == 2  # needs --out


def test_compare_timeline_entity_path_search() -> None:
    code, output = run("compare", "Lingang", "Zhangjiang", "Wuxi", "--json")
    assert code == 0 and len(json.loads(output)["clusters"]) == 3
    code, output = run("timeline", "Shaoxing", "--since", "2020-01-01", "--json")
    assert code == 0 and all(i["date"] >= "2020-01-01" for i in json.loads(output)["items"])
    code, output = run("entity", "Zhu Yiming", "--json")
    assert code == 0 and json.loads(output)["relation_total"] == 2
    code, output = run("path", "Zhu Yiming", "GigaDevice")
    assert code == 0 and "[holds_position]" in output and "Zhu Yiming also chairs GigaDevice." in output
    code, output = run("search", "Shaoxing", "--json")
    assert code == 0 and json.loads(output)[0]["id"] == "place:shaoxing"


@pytest.mark.parametrize(("fmt", "files"), [("csv", {"entities.csv", "relations.csv"}),
                                             ("neo4j", {"nodes.csv", "relationships.csv"}),
                                             ("graphml", {"graph.graphml"}), ("json", {"graph.json"})])
def test_export_writes_files(tmp_path: Path, fmt: str, files: set[str]) -> None:
    code, output = run("export", "--format", fmt, "--out", str(tmp_path), "--json")
    assert code == 0, output
    assert {p.name for p in tmp_path.iterdir()} == files


def test_export_json_to_stdout() -> None:
    code, output = run("export", "--format", "json")
    assert code == 0 and json.loads(output)["entities"]


# -- on the demo database (the bundled corpus and the atlas through the real pipeline and store) ----------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from chipmap.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.db")


def run_db(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--db", db])
    return result.exit_code, result.output


@pytest.mark.model
@pytest.mark.slow
def test_demo_cluster_shaoxing_has_orgs_in_three_segments_each_with_evidence(demo_db: str) -> None:
    code, output = run_db(demo_db, "cluster", "Shaoxing", "--json")
    assert code == 0, output
    data = json.loads(output)
    groups = [g for g in data["profile"]["by_segment"] if g["org_ids"]]
    assert len(groups) >= 3
    segmented = {o for g in groups for o in g["org_ids"]}
    for org in data["profile"]["organizations"]:
        if org["id"] in segmented:
            assert any(data["evidence"].get(r["id"]) for r in org["located"]), org["name"]


@pytest.mark.model
@pytest.mark.slow
def test_demo_gaps_shaoxing_names_missing_segments_and_five_candidates(demo_db: str) -> None:
    code, output = run_db(demo_db, "gaps", "Shaoxing", "--json")
    data = json.loads(output)
    assert code == 0 and [g for g in data["gaps"] if g["status"] == "missing"]
    assert len(data["candidates"]) >= 5
    assert all(c["reason"] for cand in data["candidates"] for c in cand["components"])
    code, output = run_db(demo_db, "gaps", "Shaoxing")
    assert code == 0 and "missing" in output


@pytest.mark.model
@pytest.mark.slow
def test_demo_locate_design_ranks_clusters_with_reasons(demo_db: str) -> None:
    code, output = run_db(demo_db, "locate", "--segments", "design", "--json")
    data = json.loads(output)
    assert code == 0 and len(data["options"]) >= 5
    scores = [o["score"] for o in data["options"]]
    assert scores == sorted(scores, reverse=True)
    assert all(c["reason"] for o in data["options"] for c in o["components"])


@pytest.mark.model
@pytest.mark.slow
def test_demo_timeline_entity_and_path(demo_db: str) -> None:
    code, output = run_db(demo_db, "timeline", "Hefei", "--since", "2019-01-01", "--json")
    assert code == 0 and json.loads(output)["items"]
    code, output = run_db(demo_db, "entity", "SMIC", "--json")
    assert code == 0 and json.loads(output)["relations"]
    code, output = run_db(demo_db, "cluster", "Shaoxin")
    assert code == 1 and "Shaoxing" in output


@pytest.mark.model
@pytest.mark.slow
def test_demo_command_reuses_its_database_and_prints_it(demo_db: str) -> None:
    path = demo_db.removeprefix("sqlite:///")
    result = runner.invoke(app, ["demo", "--db", path, "--no-serve", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"db": demo_db, "url": None}


@pytest.mark.model
@pytest.mark.slow
def test_a_demo_graph_read_by_an_older_extractor_is_built_again(demo_db: str) -> None:
    from chipmap.atlas import default_atlas
    from chipmap.demo import build_demo
    from chipmap.pipeline.builder import build_version

    path = Path(demo_db.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as conn:
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        conn.execute("UPDATE articles SET extractor_version = 'an-old-version'")
    assert build_demo(path) == demo_db
    with closing(sqlite3.connect(path)) as conn:
        versions = conn.execute("SELECT extractor_version, count(*) FROM articles GROUP BY 1").fetchall()
    assert versions == [(build_version(None, default_atlas()), count)]


def test_serve_prints_the_address_and_serves_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    import chipmap.cli.serve as serve_module

    served: list[tuple[object, str, int]] = []
    monkeypatch.setattr(serve_module, "_run", lambda app_, host, port: served.append((app_, host, port)))
    result = runner.invoke(app, ["serve", "--db", "toy", "--port", "8765", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["url"] == "http://127.0.0.1:8765/"
    assert served and served[0][1:] == ("127.0.0.1", 8765)


def test_serve_with_an_unusable_database_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 2
