"""part_of rules on hand-made docs: one sentence that states the shape, one that does not."""

from __future__ import annotations

import pytest

from tests.extract.rules.common import Case, found

CASES = [
    Case("part_of.atlas_hierarchy", "Officials from Wuxi and Jiangsu met .",
         [("Wuxi", "GPE"), ("Jiangsu", "GPE")], {("Wuxi", "Jiangsu")}),
    Case("part_of.atlas_hierarchy", "Officials from Wuxi and Xiamen met .",  # peers
         [("Wuxi", "GPE"), ("Xiamen", "GPE")], set()),
    Case("part_of.nested_in_text", "A plant opened in the Haicang District of Xiamen .",
         [("Haicang District", "GPE"), ("Xiamen", "GPE")], {("Haicang District", "Xiamen")}),
    Case("part_of.nested_in_text", "Firms from Xiamen , Wuxi and Haicang District met .",
         [("Xiamen", "GPE"), ("Wuxi", "GPE"), ("Haicang District", "GPE")], set()),
    Case("part_of.possessive", "Xiamen 's Haicang District grew .",
         [("Xiamen", "GPE"), ("Haicang District", "GPE")], {("Haicang District", "Xiamen")}),
    Case("part_of.possessive", "Wuxi 's Xiamen office grew .",  # a city's office in another city
         [("Wuxi", "GPE"), ("Xiamen", "GPE")], set()),
    Case("part_of.zone_named_after_city", "Xiamen opened the Xiamen Chip Design Industrial Park .",
         [("Xiamen", "GPE"), ("Xiamen Chip Design Industrial Park", "GPE")],
         {("Xiamen Chip Design Industrial Park", "Xiamen")}),
    Case("part_of.zone_named_after_city", "Wuxi opened the Haicang Chip Design Industrial Park .",
         [("Wuxi", "GPE"), ("Haicang Chip Design Industrial Park", "GPE")], set()),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{'yes' if c.expected else 'no'}" for c in CASES])
def test_part_of_rule(case: Case) -> None:
    assert found(case) == case.expected
