"""API latency: p50/p95 of the cluster, gaps and entity endpoints on a large generated graph.

Running tens of thousands of articles through full extraction takes hours on two
cores, so the extractions are generated directly: the atlas (as the store seeds it) plus
``articles`` synthetic articles, each stating three facts (a located_in, a
holds_position and an operates_in) about a mix of atlas and generated
organisations and people, with evidence sentences. The requests go through
the real FastAPI app in-process (routing, validation, analytics,
serialisation) on an SQLite graph whose rows the store's own writer made from
generated extractions (no spaCy); what that does not measure is the network socket. A second set of rows ("store: ...")
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from chipmap.atlas import default_atlas
from chipmap.pipeline.direct import write_extractions
from chipmap.records import Article, ArticleExtraction, Evidence, Organization, Person, Place, Relation
from chipmap.server import create_app
from chipmap.store import open_database, seed_atlas
from chipmap.vocab import SEGMENTS

CLUSTERS = ("Shaoxing", "Shanghai", "Hefei", "Wuxi", "Shenzhen", "Lingang", "Zhangjiang", "Beijing")
TITLES = ("chairman", "general manager", "chief engineer", "director", "vice president")


def synthetic_articles(articles: int, *, seed: int = 7) -> Iterator[tuple[Article, ArticleExtraction]]:
    """``articles`` generated articles, each stating three evidenced facts (a located_in, a
    holds_position and an operates_in) about atlas and generated organisations and people."""
    rng = random.Random(seed)
    atlas = default_atlas()
    within_china = [p for p in atlas.places.values() if "place:china" in atlas.ancestors(p.id)]
    atlas_orgs = [o for o in atlas.orgs.values() if o.kind == "company"]
    new_orgs = [(f"Bench {i} {segment.title()} Co", segment)
                for i, segment in ((i, rng.choice(SEGMENTS)) for i in range(max(50, articles // 10)))]
    people = [f"Person Bench{i}" for i in range(max(30, articles // 15))]
    start = dt.date(2015, 1, 1)
    for number in range(articles):
        published = start + dt.timedelta(days=rng.randrange(3650))
        if rng.random() < 0.7:
            org_name, segment = rng.choice(new_orgs)
            org = Organization(name=org_name, segments=[segment])  # type: ignore[list-item]
        else:
            entry = rng.choice(atlas_orgs)
            org = Organization(name=entry.name, atlas_id=entry.id, segments=list(entry.segments))
            segment = rng.choice(SEGMENTS)
        place_entry = rng.choice(within_china)
        place = Place(name=place_entry.name, kind=place_entry.kind, atlas_id=place_entry.id)
        person, title = rng.choice(people), rng.choice(TITLES)
        sentences = [f"{org.name} opened a site in {place.name}.", f"{person}, {title} of {org.name}, spoke.",
                     f"{org.name} makes chips for number {number}."]
        text = " ".join(sentences)
        starts = [text.index(sentence) for sentence in sentences]

        def ev(k: int, starts: list[int] = starts, sentences: list[str] = sentences) -> list[Evidence]:
            return [Evidence(sentence=sentences[k], start=starts[k], end=starts[k] + len(sentences[k]))]

        extraction = ArticleExtraction(
            id=f"bench-{number:06d}",
            people=[Person(name=person, titles=[f"{title} of {org.name}"], evidence=ev(1))],
            organizations=[org.model_copy(update={"evidence": ev(0)})],
            places=[place.model_copy(update={"evidence": ev(0)})],
            relations=[Relation(type="located_in", head=org.name, tail=place.name, evidence=ev(0)),
                       Relation(type="holds_position", head=person, tail=org.name, title=title, evidence=ev(1)),
                       Relation(type="operates_in", head=org.name, tail=segment, evidence=ev(2))])
        yield Article(id=f"bench-{number:06d}", text=text, title=f"Bench article {number}",
                      published=published), extraction


def synthetic_graph(articles: int, folder: Path) -> str:
    """An SQLite graph of the atlas plus ``articles`` generated articles, written by the
    store's own writer (no spaCy); its URL."""
    url = f"sqlite:///{folder / f'synthetic-{articles}.db'}"
    atlas = default_atlas()
    with open_database(url) as database:
        seed_atlas(database, atlas)
        write_extractions(database, synthetic_articles(articles), atlas=atlas, extractor_version="bench",
                          batch_size=200)
    return url


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

    articles = 2_000 if quick else 20_000
    requests = 30 if quick else 200
    rng = random.Random(11)
    with tempfile.TemporaryDirectory(prefix="chipmap-bench-synthetic-") as tmp:
        started = time.perf_counter()
        url = synthetic_graph(articles, Path(tmp))
        generated = time.perf_counter() - started
        note = (f"SQLite: atlas + {articles:,} generated articles written by the store's writer; "
                "in-process ASGI, no socket")
        rows: list[dict[str, Any]] = [
            {"name": "generate graph", "value": round(generated, 1), "unit": "s", "note": note}]
        with TestClient(create_app(db=url)) as client:
            started = time.perf_counter()
            client.get("/api/v1/health")
            client.get("/api/v1/clusters/Shaoxing")  # builds the snapshot index once
            rows.append({"name": "index build (first request)",
                         "value": round(time.perf_counter() - started, 2),
                         "unit": "s", "note": "GraphIndex.build over the whole snapshot"})
            people = [h["name"] for h in client.get("/api/v1/entities", params={"type": "person", "limit": 200}).json()]
            orgs = [h["name"] for h in client.get("/api/v1/entities", params={"type": "org", "limit": 200}).json()]
            endpoints = {
                "cluster": lambda i: f"/api/v1/clusters/{CLUSTERS[i % len(CLUSTERS)]}",
                "gaps": lambda i: f"/api/v1/clusters/{CLUSTERS[i % len(CLUSTERS)]}/gaps",
                "entity": lambda i: f"/api/v1/entities/{rng.choice(people if i % 2 else orgs)}",
            }
            names = {"cluster": f"the {len(CLUSTERS)} largest clusters", "gaps": f"the {len(CLUSTERS)} largest clusters",
                     "entity": "organisations and generated people"}
            for name, url_of in endpoints.items():
                p50, p95 = _latencies(client, url_of, requests)
                rows.append({"name": f"{name} p50", "value": round(p50, 1), "unit": "ms",
                             "note": f"{requests} requests over {names[name]}"})
                rows.append({"name": f"{name} p95", "value": round(p95, 1), "unit": "ms", "note": "target < 100 ms"})
    return rows + store_rows(quick)
