"""The English rule registry: every rule named after its relation, trusted within (0, 1], documented."""

from __future__ import annotations

import pytest

from chipmap.extract.relations import ENGLISH
from chipmap.extract.rules import Found, RuleRegistry
from chipmap.vocab import RELATION_TYPES


def test_every_relation_type_has_rules() -> None:
    assert {rule.relation for rule in ENGLISH.rules.values()} == set(RELATION_TYPES)


@pytest.mark.parametrize("name", sorted(ENGLISH.rules))
def test_rule_is_named_trusted_and_documented(name: str) -> None:
    rule = ENGLISH.rules[name]
    assert name.startswith(f"{rule.relation}.")
    assert 0.0 < rule.confidence <= 1.0
    assert rule.doc, f"{name} has no docstring saying which sentence shape it reads"


def test_registry_refuses_misnamed_and_duplicate_rules() -> None:
    registry: RuleRegistry[object, str] = RuleRegistry(language="test")

    def find(ctx: object, sent: int) -> list[Found[str]]:
        return [Found("a", "b")]

    with pytest.raises(ValueError, match="named after its relation"):
        registry.rule("part_of.x", "located_in", 0.5)(find)
    registry.rule("located_in.x", "located_in", 0.5)(find)
    with pytest.raises(ValueError, match="twice"):
        registry.rule("located_in.x", "located_in", 0.5)(find)
    [link] = list(registry.apply(object(), [0]))
    assert (link.rule, link.confidence, link.head, link.tail) == ("located_in.x", 0.5, "a", "b")
