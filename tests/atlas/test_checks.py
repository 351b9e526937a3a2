"""The depth checks of issue 13: coordinates, listings and the coverage figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chipmap.atlas import Atlas, load_atlas
from chipmap.atlas.checks import coverage, distance_km, in_china, listing_problem, validate
from chipmap.cli import app
from chipmap.errors import AtlasError

runner = CliRunner()


def _problems_with(tmp_path: Path, rows: str) -> list[str]:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(rows, encoding="utf-8")
    return validate(load_atlas(overlay=overlay))


@pytest.mark.parametrize(
    "listing", ["SSE:688981", "SSE:600584", "SZSE:002371", "SZSE:300750", "BSE:835368", "BSE:430139",
                "HKEX:0981", "HKEX:9988", "TWSE:2330", "TPEX:6488", "NASDAQ:AMKR", "NYSE:TSM", "TSE:8035"],
)
def test_real_codes_are_well_formed(listing: str) -> None:
    assert listing_problem(listing) is None


@pytest.mark.parametrize(
    ("listing", "exchange"),
    [("SSE:002371", "SSE"), ("SZSE:688981", "SZSE"), ("HKEX:981", "HKEX"), ("TWSE:23300", "TWSE"),
     ("SSE:68898", "SSE"), ("NASDAQ:amkr1", "NASDAQ")],
)
def test_codes_of_the_wrong_shape_are_named(listing: str, exchange: str) -> None:
    problem = listing_problem(listing)
    assert problem is not None and exchange in problem


def test_a_listing_claimed_by_two_entries_is_a_problem(tmp_path: Path) -> None:
    problems = _problems_with(
        tmp_path,
        "- id: org:fake-smic\n  name: Fake Foundry Holdings\n  kind: company\n"
        "  listings: ['SSE:688981']\n  source: a test\n",
    )
    assert any("SSE:688981" in p and "org:fake-smic" in p and "org:smic" in p for p in problems)


def test_a_city_in_china_without_coordinates_is_a_problem(tmp_path: Path) -> None:
    problems = _problems_with(
        tmp_path,
        "- id: place:example-city\n  name: Examplecity\n  kind: city\n  part_of: place:jiangsu\n"
        "  source: a test\n",
    )
    assert "place:example-city: a city in China without lat/lon" in problems


def test_a_foreign_city_may_go_without_coordinates(tmp_path: Path) -> None:
    problems = _problems_with(
        tmp_path,
        "- id: place:example-town\n  name: Exampletown\n  kind: city\n  part_of: place:germany\n"
        "  source: a test\n",
    )
    assert problems == []


def test_swapped_latitude_and_longitude_are_rejected(tmp_path: Path) -> None:
    # Xinwu's seat is near 31.55 N, 120.35 E; the wrong way round, latitude leaves its range.
    overlay = tmp_path / "swapped.yaml"
    overlay.write_text(
        "- id: place:wuxi-example-park\n  name: Example Park\n  kind: district\n  part_of: place:wuxi\n"
        "  lat: 120.35\n  lon: 31.55\n  source: a test\n",
        encoding="utf-8",
    )
    with pytest.raises(AtlasError, match="lat"):
        load_atlas(overlay=overlay)


def test_coordinates_outside_china_are_a_problem_for_a_place_in_china(tmp_path: Path) -> None:
    problems = _problems_with(
        tmp_path,
        "- id: place:example-city\n  name: Examplecity\n  kind: city\n  part_of: place:jiangsu\n"
        "  lat: 51.05\n  lon: 13.74\n  source: a test\n",
    )
    assert "place:example-city: lat/lon 51.05, 13.74 lie outside China" in problems


def test_a_district_far_from_its_city_is_a_problem(tmp_path: Path) -> None:
    # One degree of latitude off: 111 km, inside China but nowhere near Wuxi.
    problems = _problems_with(
        tmp_path,
        "- id: place:wuxi-example-park\n  name: Example Park\n  kind: district\n  part_of: place:wuxi\n"
        "  lat: 33.55\n  lon: 120.35\n  source: a test\n",
    )
    assert any(p.startswith("place:wuxi-example-park: lies") and "place:wuxi" in p for p in problems)


def test_half_a_coordinate_is_a_problem(tmp_path: Path) -> None:
    problems = _problems_with(
        tmp_path,
        "- id: place:example-town\n  name: Exampletown\n  kind: city\n  part_of: place:germany\n"
        "  lat: 51.0\n  source: a test\n",
    )
    assert "place:example-town: has only one of lat and lon" in problems


def test_distance_between_beijing_and_shanghai() -> None:
    km = distance_km((39.904, 116.407), (31.230, 121.474))
    assert 1050 < km < 1090


def test_taiwan_hong_kong_and_macao_count_as_china(atlas: Atlas) -> None:
    assert in_china(atlas, "place:hsinchu")
    assert in_china(atlas, "place:hong-kong")
    assert in_china(atlas, "place:shanghai-zhangjiang")
    assert not in_china(atlas, "place:dresden")
    assert not in_china(atlas, None)


def test_every_china_city_and_district_has_coordinates(atlas: Atlas) -> None:
    figures = coverage(atlas)["places_with_coordinates"]
    assert figures["china_cities_and_districts"] >= 500
    assert figures["china_cities_and_districts_with_coordinates"] == figures["china_cities_and_districts"]


def test_zones_named_in_issue_13_are_in_the_atlas_with_their_hierarchy(atlas: Atlas) -> None:
    for place_id, city in [
        ("place:beijing-ic-design-park", "place:beijing"),
        ("place:guangzhou-zengcheng", "place:guangzhou"),
        ("place:xiamen-haicang", "place:xiamen"),
        ("place:chengdu-pidu", "place:chengdu"),
        ("place:nanjing-qixia", "place:nanjing"),
        ("place:wuxi-binhu", "place:wuxi"),
        ("place:suzhou-wujiang", "place:suzhou"),
        ("place:zhangjiagang", "place:suzhou"),
    ]:
        assert atlas.is_within(place_id, city), place_id
        assert atlas.is_within(place_id, "place:china"), place_id


@pytest.mark.parametrize(("name", "place_id"), [("南京市", "place:nanjing"), ("南京市浦口区", "place:nanjing-pukou"),
                                                 ("Zhongguancun IC Design Park", "place:beijing-ic-design-park")])
def test_full_chinese_forms_and_park_names_resolve(atlas: Atlas, name: str, place_id: str) -> None:
    assert atlas.lookup(name)[0] == place_id  # a park operator may share the park's name, marked ambiguous


def test_stats_report_the_issue_13_figures() -> None:
    result = runner.invoke(app, ["atlas", "stats", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    sites = data["sites"]
    assert sites["total"] >= sites["organizations_with_sites"] > 0
    assert sum(sites["by_kind"].values()) == sites["total"]
    chinese = data["china_companies"]
    assert chinese["with_name_zh"] <= chinese["total"]
    assert chinese["name_zh_share"] >= 0.95
    assert data["listed_companies"] >= 150
    assert data["listings"] >= data["listed_companies"]
    assert 0 < data["founding_years"]["share"] <= 1
    assert data["places_with_coordinates"]["share"] == 1.0
