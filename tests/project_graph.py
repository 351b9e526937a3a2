"""A small graph of invented projects written through the real resolver and store.

Orion Foundry's Lingang fab is reported signed (2019), under construction (2020, with a
different amount) and in production (2021); Orion also plans a packaging plant in Hefei; a
bare count is reported in Lingang; Orion's chairman changes in 2021. The names are invented
(the places are atlas places, so clusters and their areas work as in a real graph).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chipmap.atlas import Atlas, default_atlas
from chipmap.pipeline.direct import write_extractions
from chipmap.records import (
    Amount,
    Article,
    ArticleExtraction,
    Evidence,
    Organization,
    Person,
    Place,
    Project,
    ProjectCount,
    Relation,
    StatusStep,
)
from chipmap.store import Graph, open_graph, seed_atlas

ORION = "Orion Foundry"


def _ev(text: str, sentence: str | None = None) -> list[Evidence]:
    sentence = sentence or text
    start = text.index(sentence)
    return [Evidence(sentence=sentence, start=start, end=start + len(sentence))]


def _article(key: str, day: str, text: str, *, projects: list[Project], places: list[Place],
             people: list[Person] | None = None, relations: list[Relation] | None = None,
             counts: list[ProjectCount] | None = None, orgs: tuple[str, ...] = (ORION,),
             ) -> tuple[Article, ArticleExtraction]:
    article = Article(id=key, text=text, title=text.split(".")[0], published=dt.date.fromisoformat(day),
                      url=f"https://example.org/{key}")
    extraction = ArticleExtraction(
        id=key, organizations=[Organization(name=o, kind="company", segments=["manufacturing"], evidence=_ev(text))
                               for o in orgs],
        places=places, people=people or [], relations=relations or [], projects=projects,
        project_counts=counts or [])
    return article, extraction


def _project(text: str, status: str, date: str | None, *, place: str = "Lingang", facility: str = "fab",
             amount: Amount | None = None, name: str = "Orion Foundry's 12-inch fab",
             parties: tuple[str, ...] = (ORION,)) -> Project:
    ev = _ev(text)
    return Project(name=name, parties=list(parties), place=place, facility=facility, amount=amount, status=status,
                   date=date, history=[StatusStep(status=status, date=date, evidence=ev)],
                   field_evidence={"parties": ev, "status": ev, **({"amount": ev} if amount else {})},
                   evidence=ev, confidence=0.6)


LINGANG = Place(name="Lingang", kind="district", atlas_id="place:shanghai-lingang")
HEFEI = Place(name="Hefei", kind="city", atlas_id="place:hefei")


def articles() -> list[tuple[Article, ArticleExtraction]]:
    """The invented reports, oldest first."""
    signed = "Orion Foundry signed an agreement to build a 12-inch fab in Lingang for 10 billion yuan."
    started = "Orion Foundry broke ground on its 12-inch fab in Lingang, now budgeted at 12 billion yuan."
    running = "Orion Foundry's 12-inch fab in Lingang started production in August."
    hefei = "Orion Foundry plans a packaging plant in Hefei. Twelve projects were signed in Lingang this year."
    chair_1 = "Lin Mei, chairman of Orion Foundry, attended the signing."
    chair_2 = "Zhao Kai, chairman of Orion Foundry, opened the fab."
    return [
        _article("p-001", "2019-03-01", signed + " " + chair_1,
                 projects=[_project(signed, "signed", "2019-02-28",
                                    amount=Amount(value=10e9, currency="CNY", text="10 billion yuan"))],
                 places=[LINGANG.model_copy(update={"evidence": _ev(signed)})],
                 people=[Person(name="Lin Mei", titles=["chairman of Orion Foundry"], evidence=_ev(chair_1))],
                 relations=[Relation(type="holds_position", head="Lin Mei", tail=ORION, title="chairman",
                                     evidence=_ev(signed + " " + chair_1, chair_1), rule="test")]),
        _article("p-002", "2020-05-01", started,
                 projects=[_project(started, "construction", "2020-04-30",
                                    amount=Amount(value=12e9, currency="CNY", text="12 billion yuan"))],
                 places=[LINGANG.model_copy(update={"evidence": _ev(started)})]),
        _article("p-003", "2021-09-01", running + " " + chair_2,
                 projects=[_project(running, "production", "2021-08")],
                 places=[LINGANG.model_copy(update={"evidence": _ev(running)})],
                 people=[Person(name="Zhao Kai", titles=["chairman of Orion Foundry"], evidence=_ev(chair_2))],
                 relations=[Relation(type="holds_position", head="Zhao Kai", tail=ORION, title="chairman",
                                     evidence=_ev(running + " " + chair_2, chair_2), rule="test")]),
        _article("p-004", "2021-10-01", hefei,
                 projects=[_project(hefei.split(". ")[0] + ".", "planned", None, place="Hefei",
                                    facility="packaging_plant", name="Orion Foundry's packaging plant",
                                    amount=Amount(value=500e6, currency="USD", text="US$500 million"))],
                 places=[HEFEI.model_copy(update={"evidence": _ev(hefei)}),
                         LINGANG.model_copy(update={"evidence": _ev(hefei)})],
                 counts=[ProjectCount(count=12, status="signed", place="Lingang", evidence=_ev(hefei))]),
    ]


def project_graph(path: Path | None = None, *, atlas: Atlas | None = None,
                  items: list[tuple[Article, ArticleExtraction]] | None = None) -> Graph:
    """The invented reports in the real store (in memory, or in the SQLite file ``path``)."""
    atlas = atlas or default_atlas()
    graph = open_graph(f"sqlite:///{path}" if path else "sqlite://", create=True)
    seed_atlas(graph.database, atlas)
    write_extractions(graph.database, items if items is not None else articles(), atlas=atlas,
                      extractor_version="test")
    return graph
