"""A small graph for review tests: two articles whose organisations resolution is unsure of.

"Jinghong Optics" / "Jinghong Optical" (one lens maker, names in the fuzzy band) and "Ruixin
Semiconductor" / "Ruixin Semiconductors Suzhou" (a firm and, say, its Suzhou unit) become two
candidate pairs. The articles go through the real resolution and writer
(``chipmap.pipeline.direct``, what a build runs after extraction) against a small atlas.
"""

from __future__ import annotations

import datetime as dt

from chipmap.atlas import Atlas
from chipmap.atlas.models import Organization as AtlasOrg
from chipmap.atlas.models import Place as AtlasPlace
from chipmap.pipeline.direct import write_extractions
from chipmap.records import Article, ArticleExtraction, Evidence, Organization, Place, Relation
from chipmap.store import Graph, open_database, seed_atlas

ATLAS = Atlas(
    orgs={"org:hefei-gov": AtlasOrg(id="org:hefei-gov", name="Hefei Municipal People's Government",
                                    kind="government", headquarters="place:hefei", citation="government portal")},
    places={"place:wuxi": AtlasPlace(id="place:wuxi", name="Wuxi", kind="city", citation="gazetteer"),
            "place:hefei": AtlasPlace(id="place:hefei", name="Hefei", kind="city", citation="gazetteer")},
)
TEXTS = [
    "Jinghong Optics opened a lens plant in Wuxi. Ruixin Semiconductor supplies it.",
    "Jinghong Optical designs camera modules in Wuxi. Ruixin Semiconductors Suzhou is a new supplier.",
]


def article(number: int) -> tuple[Article, ArticleExtraction]:
    text = TEXTS[number]
    first, second = text.split(". ")
    first += "."
    ev1 = [Evidence(sentence=first, start=0, end=len(first))]
    ev2 = [Evidence(sentence=second, start=len(first) + 1, end=len(text))]
    optics = ["Jinghong Optics", "Jinghong Optical"][number]
    ruixin = ["Ruixin Semiconductor", "Ruixin Semiconductors Suzhou"][number]
    relations = [Relation(type="located_in", head=optics, tail="Wuxi", evidence=ev1, confidence=0.6)]
    if number == 1:
        relations.append(Relation(type="operates_in", head=optics, tail="design", evidence=ev1, confidence=0.7))
    extraction = ArticleExtraction(
        id=f"a{number}",
        organizations=[Organization(name=optics, kind="company", evidence=ev1),
                       Organization(name=ruixin, kind="company", evidence=ev2)],
        places=[Place(name="Wuxi", kind="city", atlas_id="place:wuxi", evidence=ev1)],
        relations=relations,
    )
    return Article(id=f"a{number}", text=text, published=dt.date(2024, 3, 1 + number)), extraction


def build(db_url: str, order: tuple[int, ...] = (0, 1)) -> list[str]:
    """What a build does: seed the atlas, replay the verdicts, resolve and write each article."""
    with open_database(db_url) as db:
        seed_atlas(db, ATLAS)
        return write_extractions(db, [article(n) for n in order], atlas=ATLAS, extractor_version="test",
                                 ingested=dt.date(2024, 3, 10))


def entity_id(db_url: str, name: str) -> str:
    with Graph(open_database(db_url)) as graph:
        return graph.entity(name).id


