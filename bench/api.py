"""API latency: p50/p95 of the cluster, gaps and entity endpoints on a large generated graph.

Running 50,000 articles through full extraction takes hours on two cores, so
the graph rows are generated directly: the atlas (as the store seeds it) plus
``articles`` synthetic articles, each stating three facts (a located_in, a
holds_position and an operates_in) about a mix of atlas and generated
organisations and people, with evidence sentences. The requests go through
the real FastAPI app in-process (routing, validation, analytics,
serialisation) on the in-memory MemoryGraph; what that does not measure is
the network socket and the database. A second set of rows ("store: ...")
measures the same endpoints on the real store: generated articles (recombined
sample paragraphs, bench/corpus.py) built into SQLite by the full pipeline,
2,000 of them (extraction is what limits the size). The row notes say which is which.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chipmap.analyze import MemoryGraph
from chipmap.atlas import default_atlas
from chipmap.demo.toy import GraphBuilder, seed_atlas
from chipmap.graph_records import ArticleRecord, EntityRecord, EvidenceRecord
from chipmap.server import create_app
from chipmap.vocab import SEGMENTS

CLUSTERS = ("Shaoxing", "Shanghai", "Hefei", "Wuxi", "Shenzhen", "Lingang", "Zhangjiang", "Beijing")
TITLES = ("chairman", "general manager", "chief engineer", "director", "vice president")


def synthetic_graph(articles: int, *, seed: int = 7) -> MemoryGraph:
    """The atlas plus ``articles`` generated articles with three evidenced facts each."""
    rng = random.Random(seed)
    atlas = default_atlas()
    builder = GraphBuilder()
    seed_atlas(builder, atlas)
    within_china = [p.id for p in atlas.places.values() if "place:china" in atlas.ancestors(p.id)]
    atlas_orgs = [o.id for o in atlas.orgs.values() if o.kind == "company"]
    new_orgs = [f"org:x-bench-{i}" for i in range(max(50, articles // 10))]
    for org_id in new_orgs:
        segment = rng.choice(SEGMENTS)
        builder.entities[org_id] = EntityRecord(org_id, "org", f"Bench {org_id[12:]} {segment.title()} Co",
                                                kind="company", segments=(segment,))
    people = [f"person:bench-{i}" for i in range(max(30, articles // 15))]
    for person_id in people:
        builder.entities[person_id] = EntityRecord(person_id, "person", f"Person {person_id[13:]}")
    start = dt.date(2015, 1, 1)
    for number in range(articles):
        article_id = f"bench-{number:06d}"
        published = start + dt.timedelta(days=rng.randrange(3650))
        org = rng.choice(new_orgs) if rng.random() < 0.7 else rng.choice(atlas_orgs)
        place = rng.choice(within_china)
        person = rng.choice(people)
        title = rng.choice(TITLES)
        facts = (("located_in", org, place, None, f"{builder.entities[org].name} opened a site in "
                  f"{builder.entities[place].name}."),
                 ("holds_position", person, org, title, f"{builder.entities[person].name}, {title} of "
                  f"{builder.entities[org].name}, spoke."),
                 ("operates_in", org, "segment:" + rng.choice(SEGMENTS), None,
                  f"{builder.entities[org].name} makes chips."))
        text = " ".join(f[4] for f in facts)
        builder.articles[article_id] = ArticleRecord(article_id, f"Bench article {number}", published)
        builder.texts[article_id] = text
        for kind, head, tail, role, sentence in facts:
            at = text.find(sentence)
            builder.relate(kind, head, tail, EvidenceRecord(article_id, sentence, at, at + len(sentence),
                                                            f"Bench article {number}", None, published,
                                                            "bench"), title=role)
    return builder.graph()


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def _client() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's TestClient prefers httpx2
        from fastapi.testclient import TestClient
    return TestClient


def _latencies(client: Any, url: Callable[[int], str], requests: int) -> tuple[float, float]:
    samples = []
    for i in range(requests):
        began = time.perf_counter()
        response = client.get(url(i))
        samples.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url(i)} answered {response.status_code}: {response.text[:200]}")
    return _percentiles(samples)


def store_rows(quick: bool) -> list[dict[str, Any]]:
    """The same endpoints on the real store: generated articles built into SQLite by the full pipeline."""
    from bench.corpus import generate, write
    from chipmap.pipeline import build

    count, requests = (100, 30) if quick else (2_000, 200)
    with tempfile.TemporaryDirectory(prefix="chipmap-bench-api-") as tmp:
        folder = Path(tmp)
        paths = write(folder / "articles", generate(count))
        url = f"sqlite:///{folder / 'bench.db'}"
        started = time.perf_counter()
        build(paths, db=url)
        built = time.perf_counter() - started
        note = f"SQLite built from {count:,} generated articles through the full pipeline; in-process ASGI"
        rows: list[dict[str, Any]] = [{"name": "store: build", "value": round(built, 1), "unit": "s",
                                       "note": note}]
        with _client()(create_app(db=url)) as client:
            names = [h["id"] for h in client.get("/api/v1/entities", params={"type": "org", "limit": 200}).json()]
            client.get("/api/v1/clusters/Shaoxing")  # snapshot and index
            endpoints: dict[str, Callable[[int], str]] = {
                "cluster": lambda i: f"/api/v1/clusters/{CLUSTERS[i % len(CLUSTERS)]}",
                "gaps": lambda i: f"/api/v1/clusters/{CLUSTERS[i % len(CLUSTERS)]}/gaps",
                "entity": lambda i: f"/api/v1/entities/{names[(i * 37) % len(names)]}",
            }
            for name, url_of in endpoints.items():
                p50, p95 = _latencies(client, url_of, requests)
                rows.append({"name": f"store: {name} p50", "value": round(p50, 1), "unit": "ms", "note": note})
                rows.append({"name": f"store: {name} p95", "value": round(p95, 1), "unit": "ms",
                             "note": "entity reads the database (entity, evidence of 20 relations)"
                             if name == "entity" else "target < 100 ms"})
    return rows


def run(quick: bool) -> list[dict[str, Any]]:
    """Rows of (name, value, unit, note) for ``python -m bench``."""
    TestClient = _client()

    articles = 5_000 if quick else 50_000
    requests = 30 if quick else 200
    started = time.perf_counter()
    graph = synthetic_graph(articles)
    generated = time.perf_counter() - started
    snapshot = graph.snapshot()
    rng = random.Random(11)
    people = [e.name for e in snapshot.entities.values() if e.type == "person"]
    orgs = [e.name for e in snapshot.entities.values() if e.type == "org" and e.atlas_id]
    note = (f"in-memory graph: atlas + {articles:,} generated articles, {len(snapshot.relations):,} relations; "
            "in-process ASGI, no socket, no database")
    rows: list[dict[str, Any]] = [
        {"name": "generate graph", "value": round(generated, 1), "unit": "s", "note": note}]
    with TestClient(create_app(graph)) as client:
        started = time.perf_counter()
        client.get("/api/v1/health")
        client.get("/api/v1/clusters/Shaoxing")  # builds the snapshot index once
        rows.append({"name": "index build (first request)", "value": round(time.perf_counter() - started, 2),
                     "unit": "s", "note": "GraphIndex.build over the whole snapshot"})
        cities = sorted({e.id for e in snapshot.entities.values() if e.type == "place" and e.kind == "city"
                         and "place:china" in (snapshot.place_parent.get(e.id), snapshot.place_parent.get(
                             snapshot.place_parent.get(e.id, ""), ""))})
        endpoints = {
            "cluster": lambda i: f"/api/v1/clusters/{CLUSTERS[i % len(CLUSTERS)]}",
            "gaps": lambda i: f"/api/v1/clusters/{CLUSTERS[i % len(CLUSTERS)]}/gaps",
            "cluster (any city)": lambda i: f"/api/v1/clusters/{cities[i % len(cities)]}",
            "entity": lambda i: f"/api/v1/entities/{rng.choice(people if i % 2 else orgs)}",
        }
        names = {"cluster": f"the {len(CLUSTERS)} largest clusters (Shanghai: ~2.5k firms, 30k positions)",
                 "gaps": f"the {len(CLUSTERS)} largest clusters", "cluster (any city)": "Chinese cities in turn",
                 "entity": "random atlas organisations and generated people"}
        for name, url in endpoints.items():
            p50, p95 = _latencies(client, url, requests)
            rows.append({"name": f"{name} p50", "value": round(p50, 1), "unit": "ms",
                         "note": f"{requests} requests over {names[name]}"})
            rows.append({"name": f"{name} p95", "value": round(p95, 1), "unit": "ms", "note": "target < 100 ms"})
    return rows + store_rows(quick)
