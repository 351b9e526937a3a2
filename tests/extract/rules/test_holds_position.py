"""holds_position rules on hand-made docs: each title shape, and a sentence without it."""

from __future__ import annotations

import pytest

from tests.extract.rules.common import Case, links

GAO = ("Gao Wenbo", "PERSON")
LI = ("Li Na", "PERSON")
QIMING = ("Qiming Group", "ORG")
LUMINA = ("Lumina Devices", "ORG")
XIAMEN = ("Xiamen", "GPE")

CASES = [
    Case("holds_position.before_name", "Lumina Devices CEO Gao Wenbo said sales rose .", [LUMINA, GAO],
         {("Gao Wenbo", "Lumina Devices")}, {"Gao Wenbo": "CEO"}),
    Case("holds_position.before_name", "Vice President of Haibin University Gao Wenbo spoke .",
         [("Haibin University", "ORG"), GAO], {("Gao Wenbo", "Haibin University")}, {"Gao Wenbo": "Vice President"}),
    Case("holds_position.before_name", "Gao Wenbo heads the design team .", [GAO], set()),  # a verb, not a title
    Case("holds_position.possessive", "Qiming Group 's chairman Gao Wenbo said sales rose .", [QIMING, GAO],
         {("Gao Wenbo", "Qiming Group")}, {"Gao Wenbo": "chairman"}),
    Case("holds_position.possessive",
         "Lumina/compound:1 Devices/nsubj:2 raised/ROOT:2 funds/dobj:2 ./punct:2 The/det:6 company/poss:8 "
         "'s/case:6 chairman/nsubj:11 Gao/compound:10 Wenbo/appos:8 said/ROOT:11 sales/nsubj:13 rose/ccomp:11 "
         "./punct:11",
         [LUMINA, GAO], {("Gao Wenbo", "Lumina Devices")}, {"Gao Wenbo": "chairman"}),
    Case("holds_position.possessive", "Qiming Group 's chairman said sales rose .", [QIMING], set()),
    Case("holds_position.appositive", "Gao Wenbo , vice mayor of Xiamen , opened the fair .", [GAO, XIAMEN],
         {("Gao Wenbo", "Xiamen")}, {"Gao Wenbo": "vice mayor"}),
    Case("holds_position.appositive", "Gao Wenbo , secretary general of the Haibin Chip Association , spoke .",
         [GAO, ("Haibin Chip Association", "ORG")], {("Gao Wenbo", "Haibin Chip Association")},
         {"Gao Wenbo": "secretary general"}),
    Case("holds_position.appositive", "Gao Wenbo , who visited Xiamen , opened the fair .", [GAO, XIAMEN], set()),
    Case("holds_position.appointment_verb", "Gao Wenbo was appointed chief executive of Qiming Group .",
         [GAO, QIMING], {("Gao Wenbo", "Qiming Group")}, {"Gao Wenbo": "chief executive"}),
    Case("holds_position.appointment_verb", "Li Na is Qiming Group 's CTO .", [LI, QIMING],
         {("Li Na", "Qiming Group")}, {"Li Na": "CTO"}),
    Case("holds_position.appointment_verb", "Gao Wenbo was born in Xiamen .", [GAO, XIAMEN], set()),
    Case("holds_position.appointment_verb", "Gao Wenbo , 51 , was previously chief operating officer of Qiming Group .",
         [GAO, QIMING], {("Gao Wenbo", "Qiming Group")}, {"Gao Wenbo": "chief operating officer"}),
    Case("holds_position.possessive", "Qiming Group named Gao Wenbo its president on Monday .", [QIMING, GAO],
         {("Gao Wenbo", "Qiming Group")}, {"Gao Wenbo": "president"}),
    Case("holds_position.shared_body", "Qiming Law 's lead partner Gao Wenbo and partner Li Na joined .",
         [("Qiming Law", "ORG"), GAO, LI], {("Li Na", "Qiming Law")}, {"Li Na": "partner"}),
    Case("holds_position.shared_body", "Qiming Law 's lead partner Gao Wenbo and Li Na joined .",
         [("Qiming Law", "ORG"), GAO, LI], set()),
    Case("holds_position.city_post", "Mayor Gao Wenbo opened the forum in Xiamen .", [GAO, XIAMEN],
         {("Gao Wenbo", "Xiamen")}, {"Gao Wenbo": "Mayor"}),
    Case("holds_position.city_post", "Mayor Gao Wenbo opened the forum .", [GAO], set()),  # no city named
    Case("holds_position.city_post", "City leaders Gao Wenbo and Li Na attended the forum in Xiamen .",
         [GAO, LI, XIAMEN], {("Gao Wenbo", "Xiamen"), ("Li Na", "Xiamen")}),
    Case("holds_position.company_post", "Lumina Devices raised funds . CEO Gao Wenbo said sales rose .",
         [LUMINA, GAO], {("Gao Wenbo", "Lumina Devices")}, {"Gao Wenbo": "CEO"}),
    Case("holds_position.company_post", "Lumina Devices raised funds . Analyst Gao Wenbo said sales rose .",
         [LUMINA, GAO], set()),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{'yes' if c.expected else 'no'}" for c in CASES])
def test_holds_position_rule(case: Case) -> None:
    found = links(case)
    assert {(head, tail) for head, tail, _ in found} == case.expected
    for head, _tail, title in found:
        if head in case.titles:
            assert title == case.titles[head]
