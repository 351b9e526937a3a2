"""Which database a command reads: never a new empty one, and the demo graph after ``make demo``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipmap.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", [["cluster", "Shaoxing"], ["entity", "SMIC"], ["search", "wafer"],
                                     ["timeline", "Hefei"], ["export", "--format", "json"]])
def test_reading_a_missing_database_exits_2_and_creates_nothing(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    result = runner.invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == 2, result.output
    assert "no chipmap graph" in result.output and "chipmap build" in result.output
    assert not missing.exists()


def test_queries_find_the_demo_graph_when_there_is_no_local_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("CHIPMAP_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    from chipmap.config import get_settings

    get_settings.cache_clear()
    try:
        before = runner.invoke(app, ["entity", "SMIC"])
        assert before.exit_code == 2 and "chipmap demo" in before.output
        # what `chipmap demo` leaves behind: a graph at the demo location (here: the atlas only)
        from chipmap.demo import default_demo_db
        from chipmap.pipeline import build

        demo = default_demo_db()
        demo.parent.mkdir(parents=True)
        build([], db=demo)
        after = runner.invoke(app, ["entity", "SMIC", "--json"])
        assert after.exit_code == 0, after.output
        assert not (tmp_path / "chipmap.db").exists()
    finally:
        get_settings.cache_clear()
