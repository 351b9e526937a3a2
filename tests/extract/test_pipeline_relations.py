"""End to end with the real English pipeline: sentences written for the tests, each shape once.

The rule tests (tests/extract/rules) pin each rule on hand-made docs; these check that the
statistical model, the name components and the rules work together on plain text.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chipmap.records import ArticleExtraction
from tests.extract.helpers import relations, titled

Read = Callable[..., ArticleExtraction]

LOCATED = [
    ("Haina Optics, a Xiamen-based maker of image sensors, raised funds.", ("Haina Optics", "Xiamen")),
    ("Qiming Silicon was founded in Hangzhou in 2016.", ("Qiming Silicon", "Hangzhou")),
    ("Haina Optics will build a packaging plant in Xiamen.", ("Haina Optics", "Xiamen")),
    ("Chipmakers in Hefei include Lumina Devices and Qiming Silicon.", ("Qiming Silicon", "Hefei")),
    ("Xiamen chip company Lumina Devices raised funds.", ("Lumina Devices", "Xiamen")),
    ("Meridian Semiconductor, a contract chipmaker based in Singapore, hired staff.",
     ("Meridian Semiconductor", "Singapore")),
]


@pytest.mark.parametrize(("text", "pair"), LOCATED)
def test_located_in_shapes(read: Read, text: str, pair: tuple[str, str]) -> None:
    assert pair in relations(read(text), "located_in")


def test_a_visit_places_nobody(read: Read) -> None:
    result = read("Haina Optics visited a plant in Xiamen and reported record sales in Hangzhou.")
    assert relations(result, "located_in") == set()


def test_part_of_from_the_atlas_and_the_text(read: Read) -> None:
    result = read("A line opened in the Haicang District of Xiamen. Officials from Wuxi and Jiangsu came.")
    pairs = relations(result, "part_of")
    assert ("Haicang District", "Xiamen") in pairs
    assert any(h == "Wuxi" and t.startswith("Jiangsu") for h, t in pairs)


def test_part_of_never_joins_peer_places(read: Read) -> None:
    result = read("Firms from Xiamen and Hangzhou joined the association in Ningbo.")
    assert relations(result, "part_of") & {("Xiamen", "Hangzhou"), ("Hangzhou", "Ningbo")} == set()


def test_subsidiary_shapes(read: Read) -> None:
    result = read("Lumina Devices, a subsidiary of Qiming Group, hired staff. Haina Group's chip-making arm "
                  "Haina Micro doubled output.")
    pairs = relations(result, "subsidiary_of")
    assert ("Lumina Devices", "Qiming Group") in pairs
    assert ("Haina Micro", "Haina Group") in pairs


def test_two_unrelated_companies_are_not_parent_and_child(read: Read) -> None:
    assert relations(read("Lumina Devices and Qiming Group both raised output in 2023."), "subsidiary_of") == set()


TITLES = [
    ("Lumina Devices CEO Gao Wenbo said sales rose.", "Gao Wenbo", "Lumina Devices", "CEO"),
    ("Li Na, vice mayor of Xiamen, opened the fair.", "Li Na", "Xiamen", "vice mayor"),
    ("Gao Wenbo was appointed chief executive of Qiming Group in 2021.", "Gao Wenbo", "Qiming Group",
     "chief executive"),
    ("Zhou Haiyan, founder and CEO of Hangzhou-based Lumina Devices, spoke.", "Zhou Haiyan", "Lumina Devices",
     "founder and CEO"),
]


@pytest.mark.parametrize(("text", "person", "body", "role"), TITLES)
def test_title_shapes(read: Read, text: str, person: str, body: str, role: str) -> None:
    result = read(text)
    assert titled(result)[person] == (body, role)
    assert next(p for p in result.people if p.name == person).titles


def test_no_title_where_none_is_written(read: Read) -> None:
    result = read("Gao Wenbo heads the design team. Li Na said the plant in Xiamen would open next year.")
    assert [r for r in result.relations if r.type == "holds_position"] == []


def test_operates_in_from_the_atlas_and_from_text(read: Read) -> None:
    result = read("SMIC raised output. Separately, Qiming Silicon Materials Co opened a production base for "
                  "silicon wafers in Hefei.")
    segments = relations(result, "operates_in")
    assert ("SMIC", "manufacturing") in segments
    assert ("Qiming Silicon Materials Co", "materials") in segments
