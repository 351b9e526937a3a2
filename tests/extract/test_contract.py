"""The extraction contract: `chipmap extract` output has the gold schema's shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipmap.cli import app
from chipmap.records import ArticleExtraction, extraction_json_schema
from chipmap.vocab import ORG_KINDS, PLACE_KINDS, RELATION_TYPES, SEGMENTS
from tests.conftest import SHARED

SEED = SHARED / "seeds" / "000_617f01cfee9f5e64.txt"
runner = CliRunner()


def _check_vocabularies(obj: dict[str, object]) -> None:
    result = ArticleExtraction.model_validate(obj)
    assert {o.kind for o in result.organizations} <= set(ORG_KINDS)
    assert {p.kind for p in result.places} <= set(PLACE_KINDS)
    assert {s for o in result.organizations for s in o.segments} <= set(SEGMENTS)
    assert {r.type for r in result.relations} <= set(RELATION_TYPES)
    entity_names = {e.name for group in (result.people, result.organizations, result.places) for e in group}
    for rel in result.relations:
        assert rel.head in entity_names
        assert rel.tail in entity_names or (rel.type == "operates_in" and rel.tail in SEGMENTS)
        assert rel.evidence and 0.0 <= rel.confidence <= 1.0


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside the repo")
def test_extract_seed_prints_one_valid_object() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "chipmap", "extract", str(SEED)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert obj["id"] == SEED.stem
    assert set(obj) >= {"id", "people", "organizations", "places", "events", "relations"}
    _check_vocabularies(obj)
    assert obj["people"] and obj["organizations"] and obj["relations"]
    schema = extraction_json_schema()
    assert schema["title"] == "ArticleExtraction"
    assert set(schema["required"]) == {"id"}


def test_bad_files_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("SMIC opened a fab in Beijing.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["extract", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert [o["id"] for o in out] == ["good"]
    for name, reason in [("empty.txt", "empty"), ("broken.json", "invalid JSON"), ("binary.txt", "binary")]:
        assert name in result.stderr and reason in result.stderr


def test_all_good_files_exit_zero_and_published_date_applies(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("On June 17th, the Fifth Wuxi Chip Forum opened in Wuxi.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--published", "2023-06-18", str(path)])
    assert result.exit_code == 0, result.stderr
    obj = json.loads(result.stdout)
    _check_vocabularies(obj)
    assert obj["events"][0]["date"] == "2023-06-17"


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Text.", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--published", "yesterday", str(path)])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
