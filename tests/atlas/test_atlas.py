"""The atlas: it validates, it has the coverage promised, and resolution uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipmap.atlas import Atlas, load_atlas
from chipmap.atlas.checks import stats, validate
from chipmap.atlas.search import search
from chipmap.cli import app
from chipmap.errors import AtlasError

runner = CliRunner()


def test_bundled_atlas_validates(atlas: Atlas) -> None:
    assert validate(atlas) == []


def test_validate_command_passes() -> None:
    result = runner.invoke(app, ["atlas", "validate"])
    assert result.exit_code == 0, result.output
    assert "atlas ok" in result.stdout


def test_stats_show_the_promised_coverage() -> None:
    result = runner.invoke(app, ["atlas", "stats", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["organizations"] >= 400
    assert data["places"] >= 120
    chinese = data["chinese_companies_by_segment"]
    for segment in ("materials", "equipment", "design", "manufacturing", "packaging_testing"):
        assert chinese[segment] >= 40, segment
    assert chinese["eda_ip"] >= 15
    for kind in ("government", "association", "investor", "academic"):
        assert data["organizations_by_kind"][kind] > 0
    assert data["organizations_by_province"]


def test_every_entry_has_a_source_and_known_references(atlas: Atlas) -> None:
    for entry in atlas.entries():
        assert entry.citation.strip()
    for org in atlas.orgs.values():
        assert org.headquarters is None or org.headquarters in atlas.places


@pytest.mark.parametrize("name", ["中芯国际", "SMIC", "Semiconductor Manufacturing International Corporation"])
def test_smic_resolves_from_every_name(atlas: Atlas, name: str) -> None:
    assert atlas.lookup(name) == ["org:smic"]


def test_lingang_area_resolves_with_its_hierarchy_up_to_china(atlas: Atlas) -> None:
    [lingang] = atlas.lookup("Lingang area")
    assert lingang == "place:shanghai-lingang"
    chain = atlas.ancestors(lingang)
    assert "place:shanghai" in chain
    assert chain[-1] == "place:china"


def test_search_finds_by_chinese_alias_and_fuzzily(atlas: Atlas) -> None:
    assert search(atlas, "长电科技")[0].entry.id == "org:jcet"
    assert search(atlas, "Semiconducter Manufacturing International")[0].entry.id == "org:smic"


def test_search_and_show_commands() -> None:
    found = runner.invoke(app, ["atlas", "search", "--json", "Lingang"])
    assert found.exit_code == 0
    assert json.loads(found.stdout)[0]["id"] == "place:shanghai-lingang"
    shown = runner.invoke(app, ["atlas", "show", "--json", "place:shanghai-lingang"])
    assert shown.exit_code == 0
    assert "China" in json.loads(shown.stdout)["within"]
    missing = runner.invoke(app, ["atlas", "show", "org:no-such-firm"])
    assert missing.exit_code == 1
    assert "no atlas entry" in missing.stderr


def test_overlay_adds_and_overrides_entries(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "- id: org:example-new-fab\n"
        "  name: Example New Fab Co\n"
        "  kind: company\n"
        "  segments: [manufacturing]\n"
        "  headquarters: place:wuxi\n"
        "  source: our own site visit notes (2026)\n",
        encoding="utf-8",
    )
    atlas = load_atlas(overlay=overlay)
    assert atlas.lookup("Example New Fab") == ["org:example-new-fab"]
    assert validate(atlas) == []


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("- id: org:x\n  name: X\n  kind: spaceship\n  source: nowhere at all\n", "kind"),
        ("- id: org:x\n  name: X\n  kind: company\n  name_zh: Xin\n  source: a report\n", "Chinese"),
        ("- id: org:x\n  name: X\n  kind: company\n", "citation"),
        ("- id: thing:x\n  name: X\n  source: a report\n", "ids start with"),
    ],
)
def test_bad_overlay_entries_are_rejected(tmp_path: Path, row: str, problem: str) -> None:
    overlay = tmp_path / "bad.yaml"
    overlay.write_text(row, encoding="utf-8")
    with pytest.raises(AtlasError, match=problem):
        load_atlas(overlay=overlay)


def test_validation_catches_dangling_references(tmp_path: Path) -> None:
    overlay = tmp_path / "dangling.yaml"
    overlay.write_text(
        "- id: org:orphan\n  name: Orphan Chips\n  kind: company\n  headquarters: place:atlantis\n"
        "  parent: org:nobody\n  source: a report\n",
        encoding="utf-8",
    )
    problems = validate(load_atlas(overlay=overlay))
    assert any("place:atlantis" in p for p in problems)
    assert any("org:nobody" in p for p in problems)


def test_stats_counts_are_consistent(atlas: Atlas) -> None:
    data = stats(atlas)
    assert sum(data["organizations_by_kind"].values()) == data["organizations"]
    assert sum(data["places_by_kind"].values()) == data["places"]


def test_bundled_files_are_sorted_and_canonical() -> None:
    result = runner.invoke(app, ["atlas", "format", "--check"])
    assert result.exit_code == 0, result.output


def test_writer_round_trips_every_entry(atlas: Atlas, tmp_path: Path) -> None:
    from chipmap.atlas.writer import write_bundled

    write_bundled(atlas.orgs.values(), atlas.places.values(), tmp_path)
    again = load_atlas(data_dir=tmp_path)
    assert {e.id: e for e in again.entries()} == {e.id: e for e in atlas.entries()}
