"""operates_in rules on hand-made docs: a company placed in the chain, and one that is not."""

from __future__ import annotations

import pytest

from tests.extract.rules.common import Case, found

FOUNDRY = ("Example Foundry", "ORG", "org:example-foundry")

CASES = [
    Case("operates_in.atlas_segments", "Example Foundry raised output .", [FOUNDRY],
         {("Example Foundry", "manufacturing")}),
    Case("operates_in.atlas_segments", "Lumina Devices raised output .", [("Lumina Devices", "ORG")], set()),
    Case("operates_in.parent_segments", "Example Foundry ( Xiamen ) grew , Example Foundry said .",
         [("Example Foundry ( Xiamen )", "ORG"), FOUNDRY], {("Example Foundry (Xiamen)", "manufacturing")}),
    Case("operates_in.parent_segments", "Lumina Devices ( Xiamen ) grew , Lumina Devices said .",
         [("Lumina Devices ( Xiamen )", "ORG"), ("Lumina Devices", "ORG")], set()),
    Case("operates_in.cue_phrase", "Lumina Devices , which makes silicon wafers , raised output .",
         [("Lumina Devices", "ORG")], {("Lumina Devices", "materials")}),
    Case("operates_in.cue_phrase", "Riverbend Capital Co invested in a foundry run by Lumina Devices .",
         [("Riverbend Capital Co", "ORG"), ("Lumina Devices", "ORG")], {("Lumina Devices", "manufacturing")}),
    Case("operates_in.cue_phrase", "Lumina Devices raised output in Xiamen .", [("Lumina Devices", "ORG")], set()),
    Case("operates_in.name_word", "Haixi Packaging hired staff .", [("Haixi Packaging", "ORG")],
         {("Haixi Packaging", "packaging_testing")}),
    Case("operates_in.name_word", "Haixi Optics hired staff .", [("Haixi Optics", "ORG")], set()),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{'yes' if c.expected else 'no'}" for c in CASES])
def test_operates_in_rule(case: Case) -> None:
    assert found(case) == case.expected
