"""``chipmap gaps`` filters and ``--as-of`` through Typer's runner on the toy graph (``--db toy``)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from chipmap.cli import app

runner = CliRunner()


def gaps(*args: str) -> tuple[int, Any]:
    result = runner.invoke(app, ["gaps", "Shaoxing", "--json", "--limit", "50", *args, "--db", "toy"])
    return result.exit_code, json.loads(result.output) if result.exit_code == 0 else result.output


def test_each_filter_narrows_the_candidates() -> None:
    code, everyone = gaps()
    assert code == 0
    for args, check in ((("--segment", "design"), lambda c: "design" in c["segments"]),
                        (("--origin", "foreign"), lambda c: c["origin"] == "foreign"),
                        (("--size", "large"), lambda c: c["size"] == "large"),
                        (("--province", "Jiangsu"), lambda c: (c["home_province"] or {}).get("id") == "place:jiangsu")):
        code, narrowed = gaps(*args)
        assert code == 0, narrowed
        assert narrowed["candidates"] and all(check(c) for c in narrowed["candidates"]), args
        assert narrowed["candidate_total"] < everyone["candidate_total"]
        assert narrowed["filters"]


def test_filters_combine() -> None:
    code, data = gaps("--origin", "domestic", "--segment", "equipment")
    assert code == 0 and data["filters"] == {"segment": "equipment", "origin": "domestic"}
    assert all(c["origin"] == "domestic" and "equipment" in c["segments"] for c in data["candidates"])


def test_as_of_sees_the_graph_of_that_day() -> None:
    code, data = gaps("--as-of", "2017-01-01")
    assert code == 0 and data["candidates"]
    recency = [p["value"] for c in data["candidates"] for p in c["components"] if p["name"] == "recency"]
    assert all(v == 0.0 for v in recency)  # no news yet


@pytest.mark.parametrize("args", [("--segment", "chips"), ("--size", "huge"), ("--origin", "martian"),
                                  ("--province", "Atlantis"), ("--as-of", "yesterday")])
def test_bad_filters_exit_with_a_message(args: tuple[str, str]) -> None:
    code, output = gaps(*args)
    assert code != 0 and args[1] in output


def test_the_table_names_the_filters_and_profiles() -> None:
    result = runner.invoke(app, ["gaps", "Shaoxing", "--origin", "foreign", "--db", "toy"])
    assert result.exit_code == 0 and "origin foreign" in result.output and "foreign," in result.output
