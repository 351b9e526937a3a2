"""``chipmap review`` through Typer's runner on a small SQLite graph with two candidate pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipmap.cli import app
from tests.review_graph import build, entity_id

runner = CliRunner()


@pytest.fixture()
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'graph.db'}"
    build(url)
    return url


def run(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["review", *args, "--db", db])
    return result.exit_code, result.output


def test_list_accept_reject_and_verdicts(db: str) -> None:
    code, output = run(db, "list", "--json")
    assert code == 0, output
    page = json.loads(output)
    assert page["total"] == 2 and all(i["reason"] and i["score"] for i in page["items"])
    items = {i["entity"]["name"]: i["id"] for i in page["items"]}
    code, output = run(db, "list")
    assert code == 0 and "2 open pairs" in output and "Jinghong Optical" in output
    code, output = run(db, "accept", str(items["Jinghong Optical"]), "--note", "one lens maker")
    assert code == 0 and "merged" in output, output
    code, output = run(db, "reject", str(items["Ruixin Semiconductors Suzhou"]), "--json")
    assert code == 0 and json.loads(output)["verdict"]["verdict"] == "different"
    assert entity_id(db, "Jinghong Optical") == entity_id(db, "Jinghong Optics")
    code, output = run(db, "verdicts", "--json")
    assert [(v["verdict"], v["note"]) for v in json.loads(output)] == [("same", "one lens maker"), ("different", "")]
    assert run(db, "list", "--json")[1].count('"id"') == 0


def test_judging_two_named_entities(db: str) -> None:
    code, output = run(db, "accept", "Ruixin Semiconductor", "Hefei Municipal People's Government")
    assert code == 0, output
    assert entity_id(db, "Ruixin Semiconductor") == "org:hefei-gov"


def test_export_and_import_verdicts(db: str, tmp_path: Path) -> None:
    items = {i["entity"]["name"]: i["id"] for i in json.loads(run(db, "list", "--json")[1])["items"]}
    run(db, "accept", str(items["Jinghong Optical"]))
    file = tmp_path / "verdicts.jsonl"
    code, output = run(db, "export", str(file))
    assert code == 0 and len(file.read_text(encoding="utf-8").splitlines()) == 1
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    build(fresh)
    code, output = run(fresh, "import", str(file), "--json")
    assert code == 0 and json.loads(output) == {"added": 1, "updated": 0, "merged": 1}
    assert entity_id(fresh, "Jinghong Optical") == entity_id(fresh, "Jinghong Optics")


@pytest.mark.parametrize(("args", "code"), [(("accept", "999"), 1), (("accept", "soon"), 2),
                                             (("reject", "a", "b", "c"), 2),
                                             (("accept", "Hefei", "Wuxi"), 2), (("import", "missing.jsonl"), 2)])
def test_bad_review_commands_exit_cleanly(db: str, args: tuple[str, ...], code: int) -> None:
    result = runner.invoke(app, ["review", *args, "--db", db])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "error" in result.output.lower()
