"""Rules as named, registered units: one small function per sentence shape.

Every relation the extractor emits is made by a rule registered here under a dotted name
(``located_in.based_adjective``) with the relation type it states and the confidence its
facts start with. The name travels with each fact (``Relation.rule`` in the extraction
output, the ``rule`` column of the evidence rows), so "which rule made this?" has an answer
and ``make eval`` can print precision and recall per rule (spacy-llm registers its tasks
under versioned names the same way).

A rule is a pure function of a reading context and a sentence index that yields what it
found; the registry, not the rule, attaches the name and the confidence. English rules read
``chipmap.extract.context.Context``; Chinese rules read the Chinese reader's context; each
language has its own registry, both of this one type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from chipmap.vocab import RelationType

C = TypeVar("C")  # the reading context a registry's rules take
E = TypeVar("E")  # what the context calls an entity


@dataclass(frozen=True, slots=True)
class Found(Generic[E]):
    """What a rule saw in one sentence: head, tail and, for positions, the title."""

    head: E
    tail: E
    title: str | None = None
    confidence: float | None = None  # None: the rule's registered confidence


@dataclass(frozen=True, slots=True)
class Rule(Generic[C, E]):
    """A sentence shape, the relation it states and how far it is trusted."""

    name: str
    relation: RelationType
    confidence: float
    find: Callable[[C, int], Iterable[Found[E]]]

    @property
    def doc(self) -> str:
        """The rule's docstring: the sentence shape it reads, in words."""
        return (self.find.__doc__ or "").strip()


@dataclass(frozen=True, slots=True)
class Link(Generic[E]):
    """A relation found in one sentence, with the name of the rule that found it."""

    type: RelationType
    head: E
    tail: E
    sent: int
    confidence: float
    rule: str
    title: str | None = None


@dataclass
class RuleRegistry(Generic[C, E]):
    """The rules of one language, in registration order."""

    language: str
    rules: dict[str, Rule[C, E]] = field(default_factory=dict)

    def rule(self, name: str, relation: RelationType, confidence: float
             ) -> Callable[[Callable[[C, int], Iterable[Found[E]]]], Callable[[C, int], Iterable[Found[E]]]]:
        """Decorator: register ``find`` as the rule ``name``."""
        if not name.startswith(f"{relation}."):
            raise ValueError(f"rule {name!r} should be named after its relation ({relation}.<shape>)")
        if not 0.0 < confidence <= 1.0:
            raise ValueError(f"rule {name!r}: confidence {confidence} is not in (0, 1]")

        def register(find: Callable[[C, int], Iterable[Found[E]]]) -> Callable[[C, int], Iterable[Found[E]]]:
            if name in self.rules:
                raise ValueError(f"rule {name!r} is registered twice")
            self.rules[name] = Rule(name=name, relation=relation, confidence=confidence, find=find)
            return find

        return register

    def of(self, relation: RelationType) -> list[Rule[C, E]]:
        """The rules that state ``relation``."""
        return [r for r in self.rules.values() if r.relation == relation]

    def apply(self, ctx: C, sentences: Iterable[int], *, only: Iterable[str] | None = None
              ) -> Iterator[Link[E]]:
        """Every link the rules find in these sentences, each tagged with its rule."""
        chosen = [self.rules[n] for n in only] if only is not None else list(self.rules.values())
        sents = list(sentences)
        for rule in chosen:
            for sent in sents:
                for found in rule.find(ctx, sent):
                    yield Link(type=rule.relation, head=found.head, tail=found.tail, sent=sent,
                               confidence=found.confidence if found.confidence is not None else rule.confidence,
                               rule=rule.name, title=found.title)
