"""located_in rules on hand-made docs: one sentence that states the shape, one that does not."""

from __future__ import annotations

import pytest

from tests.extract.rules.common import Case, found

LUMINA = ("Lumina Devices", "ORG")
QIMING = ("Qiming Silicon", "ORG")
XIAMEN = ("Xiamen", "GPE")
WUXI = ("Wuxi", "GPE")

CASES = [
    Case("located_in.placed_participle",
         "Lumina/compound:1 Devices/nsubj:10 ,/punct:1 a/det:5 sensor/compound:5 maker/appos:1 based/acl:5 "
         "in/prep:6 Xiamen/pobj:7 ,/punct:1 raised/ROOT:10 funds/dobj:10 ./punct:10",
         [LUMINA, XIAMEN], {("Lumina Devices", "Xiamen")}),
    Case("located_in.placed_participle",  # investors are no organisation
         "Lumina/compound:1 Devices/nsubj:2 said/ROOT:2 investors/nsubj:7 based/acl:3 in/prep:4 Xiamen/pobj:5 "
         "joined/ccomp:2 ./punct:2",
         [LUMINA, XIAMEN], set()),
    Case("located_in.placing_verb",
         "Qiming/compound:1 Silicon/nsubjpass:3 was/auxpass:3 founded/ROOT:3 in/prep:3 Wuxi/pobj:4 in/prep:3 "
         "2016/pobj:6 ./punct:3",
         [QIMING, WUXI], {("Qiming Silicon", "Wuxi")}),
    Case("located_in.placing_verb",  # reporting sales somewhere places nothing
         "Qiming/compound:1 Silicon/nsubj:2 reported/ROOT:2 record/compound:4 sales/dobj:2 in/prep:4 "
         "Wuxi/pobj:5 ./punct:2",
         [QIMING, WUXI], set()),
    Case("located_in.site_in_place",
         "Haina/compound:1 Optics/nsubj:3 will/aux:3 build/ROOT:3 a/det:6 packaging/compound:6 plant/dobj:3 "
         "in/prep:6 Xiamen/pobj:7 ./punct:3",
         [("Haina Optics", "ORG"), XIAMEN], {("Haina Optics", "Xiamen")}),
    Case("located_in.site_in_place",  # a visit to someone else's plant
         "Haina/compound:1 Optics/nsubj:2 visited/ROOT:2 a/det:4 plant/dobj:2 in/prep:4 Xiamen/pobj:5 ./punct:2",
         [("Haina Optics", "ORG"), XIAMEN], set()),
    Case("located_in.site_in_place",  # the place noun after the name is the object: "in Xiamen district"
         "Haina/compound:1 Optics/nsubj:2 built/ROOT:2 a/det:4 plant/dobj:2 in/prep:4 Xiamen/compound:7 "
         "district/pobj:5 ./punct:2",
         [("Haina Optics", "ORG"), XIAMEN], {("Haina Optics", "Xiamen")}),
    Case("located_in.site_in_place",  # a place noun with no place in front of it places nobody
         "Haina/compound:1 Optics/nsubj:2 built/ROOT:2 a/det:4 plant/dobj:2 in/prep:4 the/det:7 "
         "district/pobj:5 ./punct:2",
         [("Haina Optics", "ORG")], set()),
    Case("located_in.org_in_place",
         "Lumina/compound:1 Devices/nsubj:7 and/cc:1 Qiming/compound:4 Silicon/conj:1 in/prep:1 Xiamen/pobj:5 "
         "expanded/ROOT:7 output/dobj:7 ./punct:7",
         [LUMINA, QIMING, XIAMEN], {("Lumina Devices", "Xiamen"), ("Qiming Silicon", "Xiamen")}),
    Case("located_in.org_in_place",  # investing in a place is not being there
         "Lumina/compound:1 Devices/nsubj:2 invested/ROOT:2 heavily/advmod:2 in/prep:2 Xiamen/pobj:4 ./punct:2",
         [LUMINA, XIAMEN], set()),
    Case("located_in.members_in_place",
         "Chipmakers/nsubj:3/NOUN in/prep:0 Xiamen/pobj:1 include/ROOT:3 Lumina/compound:5 Devices/dobj:3 "
         "and/cc:5 Qiming/compound:8 Silicon/conj:5 ./punct:3",
         [XIAMEN, LUMINA, QIMING], {("Lumina Devices", "Xiamen"), ("Qiming Silicon", "Xiamen")}),
    Case("located_in.members_in_place",  # no place phrase on the group
         "Chipmakers/nsubj:5/NOUN such/amod:2 as/prep:0 Lumina/compound:4 Devices/pobj:2 praised/ROOT:5 "
         "Xiamen/dobj:5 ./punct:5",
         [LUMINA, XIAMEN], set()),
    Case("located_in.where_clause",
         "Lumina/compound:1 Devices/nsubj:2 chose/ROOT:2 Xiamen/dobj:2 ,/punct:3 where/advmod:7 it/nsubj:7 "
         "opened/relcl:3 a/det:9 plant/dobj:7 ./punct:2",
         [LUMINA, XIAMEN], {("Lumina Devices", "Xiamen")}),
    Case("located_in.where_clause",  # the clause is about officials
         "Lumina/compound:1 Devices/nsubj:2 praised/ROOT:2 Xiamen/dobj:2 ,/punct:3 where/advmod:7 "
         "officials/nsubj:7 cut/relcl:3 taxes/dobj:7 ./punct:2",
         [LUMINA, XIAMEN], set()),
    Case("located_in.based_adjective",
         "Xiamen/npadvmod:2 -/punct:2 based/amod:4 Lumina/compound:4 Devices/nsubj:5 raised/ROOT:5 "
         "funds/dobj:5 ./punct:5",
         [XIAMEN, LUMINA], {("Lumina Devices", "Xiamen")}),
    Case("located_in.based_adjective",  # the adjective qualifies customers
         "Lumina/compound:1 Devices/nsubj:2 sold/ROOT:2 chips/dobj:2 to/dative:2 Xiamen/npadvmod:7 -/punct:7 "
         "based/amod:8 customers/pobj:4 ./punct:2",
         [LUMINA, XIAMEN], set()),
    Case("located_in.possessive_place", "Xiamen 's Lumina Devices raised funds .",
         [XIAMEN, LUMINA], {("Lumina Devices", "Xiamen")}),
    Case("located_in.possessive_place", "Xiamen 's largest chipmaker Lumina Devices raised funds .",  # a ranking
         [XIAMEN, LUMINA], set()),
    Case("located_in.place_descriptor", "Xiamen chip company Lumina Devices raised funds .",
         [XIAMEN, LUMINA], {("Lumina Devices", "Xiamen")}),
    Case("located_in.place_descriptor", "Xiamen officials met Lumina Devices .", [XIAMEN, LUMINA], set()),
    Case("located_in.appositive_descriptor", "Lumina Devices , the largest Xiamen chipmaker , raised funds .",
         [LUMINA, XIAMEN], {("Lumina Devices", "Xiamen")}),
    Case("located_in.appositive_descriptor", "Lumina Devices , the largest supplier , visited Xiamen .",
         [LUMINA, XIAMEN], set()),
    Case("located_in.parenthetical_place", "Lumina Devices ( Xiamen , China ) raised funds .",
         [LUMINA, XIAMEN, ("China", "GPE")], {("Lumina Devices", "Xiamen")}),
    Case("located_in.parenthetical_place", "Lumina Devices and Xiamen ( a city ) agreed .",
         [LUMINA, XIAMEN], set()),
    Case("located_in.host_verb", "Xiamen has attracted Lumina Devices and Qiming Silicon .",
         [XIAMEN, LUMINA, QIMING], {("Lumina Devices", "Xiamen"), ("Qiming Silicon", "Xiamen")}),
    Case("located_in.host_verb", "Xiamen officials praised Lumina Devices and Qiming Silicon .",
         [XIAMEN, LUMINA, QIMING], set()),
    Case("located_in.possessive_site", "Qiming 's Xiamen fab started output .",
         [("Qiming", "ORG"), XIAMEN], {("Qiming", "Xiamen")}),
    Case("located_in.possessive_site", "Qiming 's Xiamen partners started output .",
         [("Qiming", "ORG"), XIAMEN], set()),
    Case("located_in.place_in_name", "The Xiamen Lumina Fund invested in Xiamen .",
         [("Xiamen Lumina Fund", "ORG"), XIAMEN], {("Xiamen Lumina Fund", "Xiamen")}),
    Case("located_in.place_in_name", "The Xiamen Lumina Fund invested in Wuxi .",  # Xiamen only inside the name
         [("Xiamen Lumina Fund", "ORG"), WUXI], set()),
    Case("located_in.place_in_name", "Lumina set up Lumina China to sell in China .",
         [("Lumina", "ORG"), ("Lumina China", "ORG"), ("China", "GPE")], {("Lumina China", "China")}),
    Case("located_in.place_in_name", "Bank of China opened a branch in China .",  # a national body's name
         [("Bank of China", "ORG"), ("China", "GPE")], set()),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{'yes' if c.expected else 'no'}" for c in CASES])
def test_located_in_rule(case: Case) -> None:
    assert found(case) == case.expected
