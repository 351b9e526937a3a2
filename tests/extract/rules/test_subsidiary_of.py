"""subsidiary_of rules on hand-made docs: one sentence that states the shape, one that does not."""

from __future__ import annotations

import pytest

from tests.extract.rules.common import Case, found

LUMINA = ("Lumina Devices", "ORG")
QIMING = ("Qiming Group", "ORG")

CASES = [
    Case("subsidiary_of.atlas_parent", "Example Foundry Wuxi and Example Foundry raised output .",
         [("Example Foundry Wuxi", "ORG", "org:example-foundry-wuxi"), ("Example Foundry", "ORG", "org:example-foundry")],
         {("Example Foundry Wuxi", "Example Foundry")}),
    Case("subsidiary_of.atlas_parent", "Example Foundry and Lumina Devices raised output .",
         [("Example Foundry", "ORG", "org:example-foundry"), LUMINA], set()),
    Case("subsidiary_of.local_unit_name", "Lumina Devices ( Xiamen ) hired staff , Lumina Devices said .",
         [("Lumina Devices ( Xiamen )", "ORG"), LUMINA], {("Lumina Devices (Xiamen)", "Lumina Devices")}),
    Case("subsidiary_of.local_unit_name", "Lumina Devices hired staff in Xiamen .",
         [LUMINA, ("Xiamen", "GPE")], set()),
    Case("subsidiary_of.of_parent_name", "The School of Physics of Haibin University met Haibin University staff .",
         [("School of Physics of Haibin University", "ORG"), ("Haibin University", "ORG")],
         {("School of Physics of Haibin University", "Haibin University")}),
    Case("subsidiary_of.of_parent_name", "The Institute of Physics and Haibin University signed a deal .",
         [("Institute of Physics", "ORG"), ("Haibin University", "ORG")], set()),
    Case("subsidiary_of.parent_name_first", "EXA Electronics Industry Sub - Council and EXA met .",
         [("EXA Electronics Industry Sub - Council", "ORG"), ("EXA", "ORG")],
         {("EXA Electronics Industry Sub-Council", "EXA")}),
    Case("subsidiary_of.parent_name_first", "EXA Electronics and EXA signed a deal .",
         [("EXA Electronics", "ORG"), ("EXA", "ORG")], set()),
    Case("subsidiary_of.cue_between", "Lumina Devices , a subsidiary of Qiming Group , hired staff .",
         [LUMINA, QIMING], {("Lumina Devices", "Qiming Group")}),
    Case("subsidiary_of.cue_between", "Lumina Devices and a subsidiary of Qiming Group hired staff .",
         [LUMINA, QIMING], set()),
    Case("subsidiary_of.possessive_unit",
         "Qiming/compound:1 Group/poss:4 's/case:1 chip/compound:4 arm/nsubj:7 Lumina/compound:6 "
         "Devices/appos:4 hired/ROOT:7 staff/dobj:7 ./punct:7",
         [QIMING, LUMINA], {("Lumina Devices", "Qiming Group")}),
    Case("subsidiary_of.possessive_unit",  # a customer is no unit
         "Qiming/compound:1 Group/poss:5 's/case:1 customer/compound:5 Lumina/compound:5 Devices/nsubj:6 "
         "hired/ROOT:6 staff/dobj:6 ./punct:6",
         [QIMING, LUMINA], set()),
    Case("subsidiary_of.possessive_name", "Qiming Group 's Lumina Devices hired staff .",
         [QIMING, LUMINA], {("Lumina Devices", "Qiming Group")}),
    Case("subsidiary_of.possessive_name", "Qiming Group 's partner Lumina Devices hired staff .",
         [QIMING, LUMINA], set()),
    Case("subsidiary_of.parent_noun",
         "Lumina/compound:1 Devices/nsubj:9 and/cc:1 its/poss:4 parent/conj:1 ,/punct:4 Qiming/compound:7 "
         "Group/appos:4 ,/punct:4 agreed/ROOT:9 ./punct:9",
         [LUMINA, QIMING], {("Lumina Devices", "Qiming Group")}),
    Case("subsidiary_of.parent_noun",
         "Lumina/compound:1 Devices/nsubj:9 and/cc:1 its/poss:4 partner/conj:1 ,/punct:4 Qiming/compound:7 "
         "Group/appos:4 ,/punct:4 agreed/ROOT:9 ./punct:9",
         [LUMINA, QIMING], set()),
    Case("subsidiary_of.unit_at_parent", "Wang Lei works in the Department of Physics at Haibin University .",
         [("Wang Lei", "PERSON"), ("Department of Physics", "ORG"), ("Haibin University", "ORG")],
         {("Department of Physics", "Haibin University")}),
    Case("subsidiary_of.unit_at_parent", "Lumina Devices at Haibin University showed a chip .",
         [LUMINA, ("Haibin University", "ORG")], set()),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{'yes' if c.expected else 'no'}" for c in CASES])
def test_subsidiary_of_rule(case: Case) -> None:
    assert found(case) == case.expected
