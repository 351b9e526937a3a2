"""A small, deterministic graph: the atlas as relations plus a handful of hand-written news facts.

Tests of the analytics, the API and the dashboard run on it, and so does
``chipmap serve --toy`` for trying the dashboard without building a database.
The atlas part mirrors how the store seeds the atlas (headquarters and sites
as ``located_in``, segments as ``operates_in``, the place tree as ``part_of``,
parents as ``subsidiary_of``, all with evidence source "atlas").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from chipmap.analyze.memory import MemoryGraph
from chipmap.atlas import Atlas, default_atlas
from chipmap.graph_records import (
    ArticleRecord,
    EntityRecord,
    EvidenceRecord,
    RelationRecord,
    Snapshot,
)


@dataclass
class GraphBuilder:
    """Collects entities, relations (merged by type, ends and title) and evidence into a MemoryGraph."""

    entities: dict[str, EntityRecord] = field(default_factory=dict)
    relations: dict[str, RelationRecord] = field(default_factory=dict)
    evidence: dict[str, list[EvidenceRecord]] = field(default_factory=dict)
    articles: dict[str, ArticleRecord] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)

    def relate(self, kind: str, head: str, tail: str, evidence: EvidenceRecord, *,
               title: str | None = None) -> str:
        key = f"{kind}|{head}|{tail}|{title or ''}"
        rid = "rel:" + hashlib.sha1(key.encode()).hexdigest()[:12]
        old = self.relations.get(rid)
        atlas = evidence.source == "atlas"
        articles = tuple(dict.fromkeys([*(old.article_ids if old else ()),
                                        *([evidence.article_id] if evidence.article_id else [])]))
        dates = [d for d in (evidence.published, old.first_seen if old else None) if d]
        last = [d for d in (evidence.published, old.last_seen if old else None) if d]
        self.relations[rid] = RelationRecord(
            id=rid, type=kind, head_id=head, tail_id=tail,
            head_name=self.entities[head].name if head in self.entities else head,
            tail_name=self.entities[tail].name if tail in self.entities else tail,
            title=title, confidence=1.0 if atlas else 0.8,
            evidence_count=(old.evidence_count if old else 0) + 1, article_ids=articles,
            first_seen=min(dates) if dates else None, last_seen=max(last) if last else None,
            from_atlas=atlas or bool(old and old.from_atlas),
        )
        self.evidence.setdefault(rid, []).append(evidence)
        return rid

    def graph(self) -> MemoryGraph:
        """The collected records as an in-memory graph."""
        snapshot = Snapshot(self.entities, list(self.relations.values()), self.articles, self.parent)
        return MemoryGraph(snapshot, evidence=self.evidence, texts=self.texts)


def _atlas_evidence(sentence: str) -> EvidenceRecord:
    return EvidenceRecord(None, sentence, 0, len(sentence), source="atlas", extractor_version="atlas")


def seed_atlas(builder: GraphBuilder, atlas: Atlas) -> None:
    """Atlas places and organisations as entities, their facts as relations with atlas evidence."""
    for place in atlas.places.values():
        builder.entities[place.id] = EntityRecord(place.id, "place", place.name, kind=place.kind,
                                                  aliases=tuple(place.aliases), atlas_id=place.id,
                                                  name_zh=place.name_zh)
    for org in atlas.orgs.values():
        builder.entities[org.id] = EntityRecord(org.id, "org", org.name, kind=org.kind,
                                                segments=tuple(org.segments), aliases=tuple(org.aliases),
                                                atlas_id=org.id, name_zh=org.name_zh)
    for place in atlas.places.values():
        if place.part_of and place.part_of in atlas.places:
            builder.parent[place.id] = place.part_of
            builder.relate("part_of", place.id, place.part_of,
                           _atlas_evidence(f"{place.name} is part of {atlas.places[place.part_of].name}."))
    for org in atlas.orgs.values():
        if org.headquarters in atlas.places:
            builder.relate("located_in", org.id, org.headquarters, _atlas_evidence(
                f"{org.name} has its headquarters in {atlas.places[org.headquarters].name} ({org.source})."),
                title="headquarters")
        for site in org.sites:
            if site.place in atlas.places:
                builder.relate("located_in", org.id, site.place, _atlas_evidence(
                    f"{org.name} runs a {site.what.replace('_', ' ')} in {atlas.places[site.place].name}"
                    f"{': ' + site.note if site.note else ''}."), title=site.what)
        for segment in org.segments:
            builder.relate("operates_in", org.id, f"segment:{segment}",
                           _atlas_evidence(f"{org.name} works in {segment.replace('_', ' ')} ({org.source})."))
        if org.parent in atlas.orgs:
            builder.relate("subsidiary_of", org.id, org.parent, _atlas_evidence(
                f"{org.name} is a subsidiary of {atlas.orgs[org.parent].name}."))


#: (id, title, date, text, facts): each fact is (type, head, tail, title, sentence)
NEWS: tuple[tuple[str, str, str, str, tuple[tuple[str, str, str, str | None, str], ...]], ...] = (
    ("toy-001", "SMIC and Shaoxing sign chip joint venture", "2018-03-01",
     "SMIC and the Shaoxing government signed a joint venture for MEMS and power devices in Shaoxing. "
     "Zhou Zixue, chairman of SMIC, attended the signing ceremony. <script>alert(1)</script>",
     (("located_in", "org:united-nova", "place:shaoxing", None,
       "SMIC and the Shaoxing government signed a joint venture for MEMS and power devices in Shaoxing."),
      ("holds_position", "person:zhou-zixue", "org:smic", "chairman",
       "Zhou Zixue, chairman of SMIC, attended the signing ceremony."),
      ("at_event", "org:smic", "event:shaoxing-jv-signing", None,
       "SMIC and the Shaoxing government signed a joint venture for MEMS and power devices in Shaoxing."))),
    ("toy-002", "Binhai New Area counts its IC enterprises", "2023-06-18",
     "Shaoxing Binhai New Area now hosts more than 70 IC enterprises, including JCET Shaoxing. "
     "Wen Nuan, Party Secretary of Shaoxing, spoke at the Shaoxing IC Industry Conference.",
     (("located_in", "org:jcet-shaoxing", "place:shaoxing-binhai", None,
       "Shaoxing Binhai New Area now hosts more than 70 IC enterprises, including JCET Shaoxing."),
      ("holds_position", "person:wen-nuan", "place:shaoxing", "Party Secretary",
       "Wen Nuan, Party Secretary of Shaoxing, spoke at the Shaoxing IC Industry Conference."),
      ("at_event", "person:wen-nuan", "event:shaoxing-ic-conference", None,
       "Wen Nuan, Party Secretary of Shaoxing, spoke at the Shaoxing IC Industry Conference."))),
    ("toy-003", "AMEC opens production base in Lingang", "2021-07-01",
     "AMEC opened a production base in Lingang. Gerald Yin, founder of AMEC, cut the ribbon.",
     (("located_in", "org:amec", "place:shanghai-lingang", "production base",
       "AMEC opened a production base in Lingang."),
      ("holds_position", "person:gerald-yin", "org:amec", "founder",
       "Gerald Yin, founder of AMEC, cut the ribbon."))),
    ("toy-004", "CXMT starts DRAM production in Hefei", "2019-09-20",
     "ChangXin Memory Technologies started DRAM production in Hefei. Zhu Yiming, chairman of CXMT, "
     "said the fab would ramp up. Zhu Yiming also chairs GigaDevice.",
     (("located_in", "org:cxmt", "place:hefei", None,
       "ChangXin Memory Technologies started DRAM production in Hefei."),
      ("holds_position", "person:zhu-yiming", "org:cxmt", "chairman",
       "Zhu Yiming, chairman of CXMT, said the fab would ramp up."),
      ("holds_position", "person:zhu-yiming", "org:gigadevice", "chairman",
       "Zhu Yiming also chairs GigaDevice."))),
    ("toy-005", "Empyrean expands EDA work", "2024-05-10",
     "Empyrean Technology, the EDA vendor, expanded its design tools team in Beijing.",
     (("operates_in", "org:empyrean", "segment:eda_ip", None,
       "Empyrean Technology, the EDA vendor, expanded its design tools team in Beijing."),)),
)

PEOPLE = {"person:zhou-zixue": "Zhou Zixue", "person:wen-nuan": "Wen Nuan",
          "person:gerald-yin": "Gerald Yin", "person:zhu-yiming": "Zhu Yiming"}
EVENTS = {"event:shaoxing-jv-signing": ("SMIC Shaoxing joint venture signing", "2018-03-01"),
          "event:shaoxing-ic-conference": ("Shaoxing IC Industry Conference", "2023-06-17")}


def _seed_news(builder: GraphBuilder) -> None:
    for person_id, name in PEOPLE.items():
        builder.entities[person_id] = EntityRecord(person_id, "person", name)
    for event_id, (name, day) in EVENTS.items():
        builder.entities[event_id] = EntityRecord(event_id, "event", name, date=dt.date.fromisoformat(day))
    counts: dict[str, set[str]] = {}
    for article_id, title, day, text, facts in NEWS:
        published = dt.date.fromisoformat(day)
        url = f"https://example.org/news/{article_id}"
        builder.articles[article_id] = ArticleRecord(article_id, title, published, (url,), ("toy",))
        builder.texts[article_id] = text
        for kind, head, tail, role, sentence in facts:
            start = text.find(sentence)
            builder.relate(kind, head, tail, EvidenceRecord(
                article_id, sentence, max(start, 0), max(start, 0) + len(sentence), title, url, published,
                "toy"), title=role)
            for end in (head, tail):
                counts.setdefault(end, set()).add(article_id)
    for entity_id, ids in counts.items():
        entity = builder.entities.get(entity_id)
        if entity is not None:
            dates = sorted(builder.articles[a].published or dt.date.min for a in ids)
            builder.entities[entity_id] = dataclasses.replace(
                entity, article_count=len(ids), mention_count=len(ids), first_seen=dates[0], last_seen=dates[-1])


def toy_graph(atlas: Atlas | None = None) -> MemoryGraph:
    """The atlas plus five short articles, as an in-memory graph."""
    builder = GraphBuilder()
    seed_atlas(builder, atlas or default_atlas())
    _seed_news(builder)
    return builder.graph()
