"""A small, deterministic graph: the real store on an in-memory SQLite, the atlas seeded by
the one atlas seeder, and five short hand-written articles with hand-written extractions.

Tests of the analytics, the API, the CLI and the dashboard run on it, and so does
``chipmap serve --db toy`` for trying the dashboard without building a database. It is
the real thing in memory (sqlite-utils' ``fresh_db``), not a second implementation of the
graph: the extractions go through resolution and the store's writer exactly as a build's
would, only spaCy is skipped so that it stays fast and the facts stay fixed.
"""

from __future__ import annotations

import datetime as dt

from chipmap.atlas import Atlas, default_atlas
from chipmap.ingest.dedup import content_id
from chipmap.pipeline.direct import write_extractions
from chipmap.records import (
    Article,
    ArticleExtraction,
    Event,
    Evidence,
    Organization,
    Person,
    Place,
    Relation,
)
from chipmap.store import Graph, open_graph, seed_atlas

#: Stored as the extractor version of the toy's news evidence.
TOY_VERSION = "toy"


def _ev(text: str, sentence: str) -> list[Evidence]:
    start = text.index(sentence)
    return [Evidence(sentence=sentence, start=start, end=start + len(sentence))]


def _rel(text: str, kind: str, head: str, tail: str, sentence: str, title: str | None = None) -> Relation:
    return Relation(type=kind, head=head, tail=tail, title=title, evidence=_ev(text, sentence), confidence=0.8,
                    rule="toy.hand_written")


def _articles() -> list[tuple[Article, ArticleExtraction]]:
    out: list[tuple[Article, ArticleExtraction]] = []

    text = ("SMIC and the Shaoxing government signed a joint venture for MEMS and power devices in Shaoxing. "
            "Zhou Zixue, chairman of SMIC, attended the signing ceremony. <script>alert(1)</script>")
    s1, s2 = ("SMIC and the Shaoxing government signed a joint venture for MEMS and power devices in Shaoxing.",
              "Zhou Zixue, chairman of SMIC, attended the signing ceremony.")
    out.append((Article(id="toy-001", text=text, title="SMIC and Shaoxing sign chip joint venture",
                        published=dt.date(2018, 3, 1), url="https://example.org/news/toy-001"),
                ArticleExtraction(
                    id="toy-001",
                    people=[Person(name="Zhou Zixue", titles=["chairman of SMIC"], evidence=_ev(text, s2))],
                    organizations=[Organization(name="SMIC", kind="company", segments=["manufacturing"],
                                                atlas_id="org:smic", evidence=_ev(text, s1)),
                                   Organization(name="SMEC", aliases=["United Nova Technology"],
                                                kind="company", atlas_id="org:united-nova",
                                                evidence=_ev(text, s1))],
                    places=[Place(name="Shaoxing", kind="city", atlas_id="place:shaoxing", evidence=_ev(text, s1))],
                    events=[Event(name="SMIC Shaoxing joint venture signing", date="2018-03-01", place="Shaoxing",
                                  evidence=_ev(text, s1))],
                    relations=[_rel(text, "located_in", "SMEC", "Shaoxing", s1),
                               _rel(text, "holds_position", "Zhou Zixue", "SMIC", s2, "chairman")])))

    text = ("Shaoxing Binhai New Area now hosts more than 70 IC enterprises, including JCET Shaoxing. "
            "Wen Nuan, Party Secretary of Shaoxing, spoke at the Shaoxing IC Industry Conference.")
    s1, s2 = ("Shaoxing Binhai New Area now hosts more than 70 IC enterprises, including JCET Shaoxing.",
              "Wen Nuan, Party Secretary of Shaoxing, spoke at the Shaoxing IC Industry Conference.")
    out.append((Article(id="toy-002", text=text, title="Binhai New Area counts its IC enterprises",
                        published=dt.date(2023, 6, 18), url="https://example.org/news/toy-002"),
                ArticleExtraction(
                    id="toy-002",
                    people=[Person(name="Wen Nuan", titles=["Party Secretary of Shaoxing"], evidence=_ev(text, s2))],
                    organizations=[Organization(name="JCET Shaoxing", kind="company", segments=["packaging_testing"],
                                                atlas_id="org:jcet-shaoxing", evidence=_ev(text, s1))],
                    places=[Place(name="Shaoxing Binhai New Area", kind="district", atlas_id="place:shaoxing-binhai",
                                  evidence=_ev(text, s1)),
                            Place(name="Shaoxing", kind="city", atlas_id="place:shaoxing", evidence=_ev(text, s2))],
                    events=[Event(name="Shaoxing IC Industry Conference", date="2023-06-17", place="Shaoxing",
                                  evidence=_ev(text, s2))],
                    relations=[_rel(text, "located_in", "JCET Shaoxing", "Shaoxing Binhai New Area", s1),
                               _rel(text, "holds_position", "Wen Nuan", "Shaoxing", s2, "Party Secretary")])))

    text = "AMEC opened a production base in Lingang. Gerald Yin, founder of AMEC, cut the ribbon."
    s1, s2 = "AMEC opened a production base in Lingang.", "Gerald Yin, founder of AMEC, cut the ribbon."
    out.append((Article(id="toy-003", text=text, title="AMEC opens production base in Lingang",
                        published=dt.date(2021, 7, 1), url="https://example.org/news/toy-003"),
                ArticleExtraction(
                    id="toy-003",
                    people=[Person(name="Gerald Yin", titles=["founder of AMEC"], evidence=_ev(text, s2))],
                    organizations=[Organization(name="AMEC", kind="company", segments=["equipment"],
                                                atlas_id="org:amec", evidence=_ev(text, s1))],
                    places=[Place(name="Lingang", kind="district", atlas_id="place:shanghai-lingang",
                                  evidence=_ev(text, s1))],
                    relations=[_rel(text, "located_in", "AMEC", "Lingang", s1, "production base"),
                               _rel(text, "holds_position", "Gerald Yin", "AMEC", s2, "founder")])))

    text = ("ChangXin Memory Technologies started DRAM production in Hefei. Zhu Yiming, chairman of CXMT, "
            "said the fab would ramp up. Zhu Yiming also chairs GigaDevice.")
    s1, s2, s3 = ("ChangXin Memory Technologies started DRAM production in Hefei.",
                  "Zhu Yiming, chairman of CXMT, said the fab would ramp up.",
                  "Zhu Yiming also chairs GigaDevice.")
    out.append((Article(id="toy-004", text=text, title="CXMT starts DRAM production in Hefei",
                        published=dt.date(2019, 9, 20), url="https://example.org/news/toy-004"),
                ArticleExtraction(
                    id="toy-004",
                    people=[Person(name="Zhu Yiming", titles=["chairman of CXMT"], evidence=_ev(text, s2))],
                    organizations=[Organization(name="ChangXin Memory Technologies", aliases=["CXMT"],
                                                kind="company", atlas_id="org:cxmt", evidence=_ev(text, s1)),
                                   Organization(name="GigaDevice", kind="company", atlas_id="org:gigadevice",
                                                evidence=_ev(text, s3))],
                    places=[Place(name="Hefei", kind="city", atlas_id="place:hefei", evidence=_ev(text, s1))],
                    relations=[_rel(text, "located_in", "ChangXin Memory Technologies", "Hefei", s1),
                               _rel(text, "holds_position", "Zhu Yiming", "ChangXin Memory Technologies", s2,
                                    "chairman"),
                               _rel(text, "holds_position", "Zhu Yiming", "GigaDevice", s3, "chairman")])))

    text = "Empyrean Technology, the EDA vendor, expanded its design tools team in Beijing."
    out.append((Article(id="toy-005", text=text, title="Empyrean expands EDA work",
                        published=dt.date(2024, 5, 10), url="https://example.org/news/toy-005"),
                ArticleExtraction(
                    id="toy-005",
                    organizations=[Organization(name="Empyrean Technology", kind="company", segments=["eda_ip"],
                                                atlas_id="org:empyrean", evidence=_ev(text, text))],
                    places=[Place(name="Beijing", kind="city", atlas_id="place:beijing", evidence=_ev(text, text))],
                    relations=[_rel(text, "operates_in", "Empyrean Technology", "eda_ip", text)])))
    return out


def toy_article_id(original_id: str) -> str:
    """The graph id (content id, as a build gives it) of the toy article ``toy-00N``."""
    for article, _extraction in _articles():
        if article.id == original_id:
            return content_id(article.text)
    raise KeyError(original_id)


def toy_graph(atlas: Atlas | None = None) -> Graph:
    """The atlas plus five short articles, in the real store on an in-memory SQLite."""
    atlas = atlas if atlas is not None else default_atlas()
    graph = open_graph("sqlite://", create=True)
    seed_atlas(graph.database, atlas)
    write_extractions(graph.database, _articles(), atlas=atlas, extractor_version=TOY_VERSION,
                      ingested=dt.date(2024, 1, 1))
    return graph
