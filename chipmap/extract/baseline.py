"""The yardstick: spaCy's statistical NER alone, mapped to the schema.

It is what chipmap's own components are measured against (``make eval`` scores
both), so it deliberately adds nothing: no atlas, no rules, no relations.
"""

from __future__ import annotations

from spacy.tokens import Doc

from chipmap.records import Article, ArticleExtraction, Event, Organization, Person, Place

_KEEP = {"PERSON": "people", "ORG": "organizations", "GPE": "places", "LOC": "places",
         "FAC": "places", "EVENT": "events"}


def raw_read_doc(doc: Doc, article: Article) -> ArticleExtraction:
    """One entity per distinct entity text and label; nothing else."""
    result = ArticleExtraction(id=article.id)
    seen: set[tuple[str, str]] = set()
    for ent in doc.ents:
        target = _KEEP.get(ent.label_)
        if target is None or (target, ent.text) in seen:
            continue
        seen.add((target, ent.text))
        if target == "people":
            result.people.append(Person(name=ent.text))
        elif target == "organizations":
            result.organizations.append(Organization(name=ent.text))
        elif target == "places":
            result.places.append(Place(name=ent.text))
        else:
            result.events.append(Event(name=ent.text))
    return result
