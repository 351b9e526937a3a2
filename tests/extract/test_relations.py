"""located_in, part_of and subsidiary_of patterns, each with a negative case."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chipmap.records import ArticleExtraction
from tests.extract.helpers import relations

Read = Callable[..., ArticleExtraction]

LOCATED = [
    ("Shen Fei leads Beijing-based Starblaze Technology.", ("Starblaze Technology", "Beijing")),
    ("Founded in 2014 in the Lingang area, Shanghai Xinsheng Semiconductor Technology Co "
     "makes silicon wafers.", ("Shanghai Xinsheng Semiconductor Technology Co", "Lingang area")),
    ("Pukou has attracted projects such as Cadence, Tianshui Huatian and HRmicro.",
     ("HRmicro", "Pukou")),
    ("Guangzhou semiconductor company CanSemi started its second phase.", ("CanSemi", "Guangzhou")),
    ("Engineers visited JCET's Shaoxing plant last week.", ("JCET", "Shaoxing")),
    ("Tongfu Microelectronics and Huatian Technology in Nanjing expanded output.",
     ("Tongfu Microelectronics", "Nanjing")),
]


@pytest.mark.parametrize(("text", "pair"), LOCATED)
def test_located_in_patterns(read: Read, text: str, pair: tuple[str, str]) -> None:
    found = relations(read(text), "located_in")
    head, tail = pair
    assert any(h == head and (t == tail or tail.startswith(t) or t.startswith(tail)) for h, t in found), found


def test_place_inside_org_name_counts_only_when_named_on_its_own(read: Read) -> None:
    only_in_name = read("The Shanghai Development and Reform Commission approved the plan.")
    assert relations(only_in_name, "located_in") == set()
    named = read("Shanghai set up the Shanghai Integrated Circuit Investment Fund this year.")
    assert ("Shanghai Integrated Circuit Investment Fund", "Shanghai") in relations(named, "located_in")


def test_country_in_a_national_body_name_is_not_a_location(read: Read) -> None:
    result = read("The China Semiconductor Industry Association said chip sales in China rose.")
    assert not any(t == "China" for _, t in relations(result, "located_in"))


PART_OF = [
    ("The Lingang area of Shanghai will focus on chips.", ("Lingang area", "Shanghai")),
    ("The fab is in Wuxi, Jiangsu province.", ("Wuxi", "Jiangsu province")),
    ("Officials from Shaoxing and China's chip association met.", ("Shaoxing", "China")),
    ("A new line opened in the Binhai New Area of Shaoxing.", ("Binhai New Area", "Shaoxing")),
]


@pytest.mark.parametrize(("text", "pair"), PART_OF)
def test_part_of_from_text_and_atlas(read: Read, text: str, pair: tuple[str, str]) -> None:
    assert pair in relations(read(text), "part_of")


def test_part_of_never_joins_peer_places(read: Read) -> None:
    result = read("Firms from Shenzhen and Foshan joined the association in Guangzhou.")
    pairs = relations(result, "part_of")
    assert ("Shenzhen", "Foshan") not in pairs
    assert ("Foshan", "Guangzhou") not in pairs


def test_ambiguous_zone_name_resolves_by_its_city(read: Read) -> None:
    result = read("Shaoxing promoted its Binhai New Area integrated circuit industry.")
    binhai = next(p for p in result.places if p.name == "Binhai New Area")
    assert binhai.atlas_id == "place:shaoxing-binhai"


SUBSIDIARY = [
    ("New technologies came from JCET (Shaoxing) this year.", ("JCET (Shaoxing)", "JCET")),
    ("SiEn Qingdao, a wholly-owned subsidiary of SiEn Integrated Circuits, hired staff.",
     ("SiEn Qingdao", "SiEn Integrated Circuits")),
    ("The School of Microelectronics of Nanjing University opened a lab.",
     ("School of Microelectronics of Nanjing University", "Nanjing University")),
]


@pytest.mark.parametrize(("text", "pair"), SUBSIDIARY)
def test_subsidiary_of_patterns(read: Read, text: str, pair: tuple[str, str]) -> None:
    assert pair in relations(read(text), "subsidiary_of")


def test_two_unrelated_companies_are_not_parent_and_child(read: Read) -> None:
    result = read("SMIC and Hua Hong Semiconductor both raised output in 2023.")
    assert relations(result, "subsidiary_of") == set()


def test_operates_in_from_atlas_and_from_text(read: Read) -> None:
    result = read(
        "SMIC raised output. Separately, Qiming Silicon Materials Co opened a production base "
        "for silicon wafers in Hefei."
    )
    segs = relations(result, "operates_in")
    assert ("SMIC", "manufacturing") in segs
    assert ("Qiming Silicon Materials Co", "materials") in segs


def test_segment_cue_about_another_company_is_not_borrowed(read: Read) -> None:
    result = read("Riverbend Capital Partners Co invested in a foundry run by SMIC in Beijing.")
    segs = relations(result, "operates_in")
    assert not any(h.startswith("Riverbend") for h, _ in segs)


SITE_CASES = [
    ("Hefei-based Nexchip will build a second fab in Xinzhan.", ("Nexchip", "Xinzhan")),
    ("SMIC will invest 7.5 billion dollars in a 12-inch fab in Tianjin.", ("SMIC", "Tianjin")),
    ("Piotech, a Shenyang-based equipment maker, listed its shares.", ("Piotech", "Shenyang")),
    ("Wingtech said its plant in Shanghai's Lingang area started production.", ("Wingtech", "Lingang area")),
]


@pytest.mark.parametrize(("text", "pair"), SITE_CASES)
def test_sites_and_based_appositives_give_located_in(read: Read, text: str, pair: tuple[str, str]) -> None:
    assert pair in relations(read(text), "located_in")


def test_site_of_a_company_named_in_another_clause_is_not_moved(read: Read) -> None:
    result = read("SMIC reported profits in Shanghai, while Beijing opened a new plant in Yizhuang.")
    assert ("SMIC", "Yizhuang") not in relations(result, "located_in")
