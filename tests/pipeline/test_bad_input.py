"""Bad input is listed at the end of a build (file, line, reason); everything else goes in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chipmap.cli import app

from .conftest import corpus_files

runner = CliRunner()
GBK_TEXT = "Nexchip (晶合集成) began 12-inch wafer production in Hefei (合肥) in 2017, the city government said."


def bad_inputs(folder: Path) -> dict[tuple[str, int | None], str]:
    """Write one file per kind of bad input; return (file name, line) -> words the reason must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.md").write_bytes(b"")
    (folder / "big.txt").write_bytes(b"chip " * 1_000_001)
    (folder / "broken.html").write_text("<html><body><div></span><p></div><script>x()</script>", encoding="utf-8")
    (folder / "undecodable.txt").write_bytes(b"Report: \xff\xfe\xfd\xfc\xfb\xfa chip \xff\xff\xff\x80\x81 fab")
    (folder / "lines.jsonl").write_text("\n".join([
        json.dumps({"text": "SK hynix expanded its DRAM plant in Wuxi, Jiangsu province, this year."}),
        '{"text": "cut off',
        json.dumps({"body": "wrong field"}),
    ]) + "\n", encoding="utf-8")
    return {
        ("binary.txt", None): "binary",
        ("empty.md", None): "empty",
        ("big.txt", None): "limit",
        ("broken.html", None): "no article text",
        ("undecodable.txt", None): "not recognised",
        ("lines.jsonl", 2): "invalid JSON",
        ("lines.jsonl", 3): "'text'",
    }


def _run(*args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["build", *args, "--json"])
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, result.output
    return result.exit_code, json.loads(lines[0])


def test_bad_inputs_are_listed_and_the_rest_ingested(tmp_path: Path, extractor: Any) -> None:
    folder = tmp_path / "in"
    expected = bad_inputs(folder)
    for path in corpus_files(2):
        shutil.copy(path, folder / path.name)
    (folder / "gbk.txt").write_bytes(GBK_TEXT.encode("gbk"))
    code, summary = _run(str(folder), "--db", str(tmp_path / "g.db"))
    assert code == 1
    assert summary["added"] == 4  # two sample articles, the GBK one, the good JSON line
    found = {(Path(e["source"]).name, e["line"]): e["reason"] for e in summary["errors"]}
    assert set(found) == set(expected)
    for key, words in expected.items():
        assert words in found[key], (key, found[key])


def test_human_summary_lists_the_failures(tmp_path: Path, extractor: Any) -> None:
    folder = tmp_path / "in"
    bad_inputs(folder)
    shutil.copy(corpus_files(1)[0], folder / "good.md")
    result = runner.invoke(app, ["build", str(folder), "--db", str(tmp_path / "g.db")])
    assert result.exit_code == 1
    assert "2 added" in result.stdout and "7 failed" in result.stdout  # good.md and the good JSON line
    assert "7 inputs not ingested" in result.output and "invalid JSON" in result.output


def test_nothing_ingested_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    bad_inputs(folder)
    (folder / "lines.jsonl").unlink()
    code, summary = _run(str(folder), "--db", str(tmp_path / "g.db"))
    assert (code, summary["added"], summary["failed"]) == (2, 0, 5)


@pytest.mark.parametrize("sources", [["{tmp}/nothing-here"], ["{tmp}/empty-folder"]])
def test_no_sources_exits_2(tmp_path: Path, sources: list[str]) -> None:
    (tmp_path / "empty-folder").mkdir()
    code, summary = _run(*[s.format(tmp=tmp_path) for s in sources], "--db", str(tmp_path / "g.db"))
    assert code == 2 and summary["errors"]


def test_unusable_database_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("not a database", encoding="utf-8")
    shutil.copy(corpus_files(1)[0], tmp_path / "a.md")
    result = runner.invoke(app, ["build", str(tmp_path / "a.md"), "--db", str(tmp_path / "notes.db")])
    assert result.exit_code == 2 and "not a database" in result.output
