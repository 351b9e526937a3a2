"""What a server under many users relies on: answers cached per graph version (ETag, 304), a new
build seen without a restart, CORS off unless configured, writes token-guarded, and SIGTERM
draining the requests in flight of a real multi-process ``chipmap serve``."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from chipmap.atlas import default_atlas
from chipmap.config import Settings
from chipmap.pipeline.direct import write_extractions
from chipmap.server import create_app
from chipmap.store import open_database, open_graph, seed_atlas

from .conftest import TestClient


def _graph(path: Path, articles: int) -> str:
    from bench.api import synthetic_articles

    url = f"sqlite:///{path}"
    atlas = default_atlas()
    with open_database(url) as database:
        seed_atlas(database, atlas)
        write_extractions(database, synthetic_articles(articles), atlas=atlas, extractor_version="test",
                          batch_size=200)
    return url


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _graph(tmp_path_factory.mktemp("graph") / "g.db", 200)


def test_answers_carry_an_etag_and_a_matching_request_gets_304(small_graph: str) -> None:
    with TestClient(create_app(db=small_graph, settings=Settings(db=small_graph))) as client:
        first = client.get("/api/v1/clusters/Shanghai")
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        etag = first.headers["etag"]
        again = client.get("/api/v1/clusters/Shanghai")
        assert (again.content, again.headers["etag"]) == (first.content, etag)
        unchanged = client.get("/api/v1/clusters/Shanghai", headers={"If-None-Match": etag})
        assert unchanged.status_code == 304 and unchanged.content == b""
        other = client.get("/api/v1/clusters/Hefei/gaps")
        assert other.headers["etag"] != etag


def test_a_new_build_changes_the_version_and_the_answers(tmp_path: Path) -> None:
    url = _graph(tmp_path / "g.db", 50)
    settings = Settings(db=url, serve_version_seconds=0)
    with TestClient(create_app(db=url, settings=settings)) as client:
        before = client.get("/api/v1/health")
        etag = before.headers["etag"]
        with open_graph(url) as graph:
            some = graph.articles(limit=1)[0].id
            graph.remove(some)
        after = client.get("/api/v1/health", headers={"If-None-Match": etag})
        assert after.status_code == 200 and after.headers["etag"] != etag
        assert after.json()["articles"] == before.json()["articles"] - 1


def test_cors_is_off_by_default_and_on_for_listed_origins(small_graph: str) -> None:
    headers = {"Origin": "https://elsewhere.example"}
    with TestClient(create_app(db=small_graph, settings=Settings(db=small_graph))) as client:
        answer = client.get("/api/v1/health", headers=headers)
        assert answer.status_code == 200 and "access-control-allow-origin" not in answer.headers
        preflight = client.options("/api/v1/health", headers={**headers, "Access-Control-Request-Method": "GET"})
        assert "access-control-allow-origin" not in preflight.headers
    allowed = Settings(db=small_graph, cors_origins=["https://elsewhere.example"])
    with TestClient(create_app(db=small_graph, settings=allowed)) as client:
        answer = client.get("/api/v1/health", headers=headers)
        assert answer.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_every_write_endpoint_needs_the_token(small_graph: str) -> None:
    app = create_app(db=small_graph, settings=Settings(db=small_graph, api_token="t0ken"))
    writes = [(method.upper(), path) for path, operations in app.openapi()["paths"].items()
              for method in operations if method not in ("get", "head") and "{" not in path]
    assert writes, "no write endpoint found"
    with TestClient(app) as client:
        for method, path in writes:
            assert client.request(method, path).status_code == 401, path
            assert client.request(method, path, headers={"Authorization": "Bearer t0ken"}).status_code == 200


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def _wait_for_connections(port: int, count: int, seconds: float = 30.0) -> None:
    """Until ``count`` clients are connected to the server's port (a loaded machine may take a
    while to start the asking threads; a request not yet sent is not in flight)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        held = [c for c in psutil.net_connections(kind="tcp")
                if c.laddr and c.laddr.port == port and c.status == psutil.CONN_ESTABLISHED]
        if len(held) >= count:
            return
        time.sleep(0.05)


def test_sigterm_lets_the_requests_in_flight_finish(tmp_path: Path) -> None:
    url = _graph(tmp_path / "big.db", 4000)  # large enough that a cold first answer takes a while
    port = _port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIPMAP_")}
    server = subprocess.Popen([sys.executable, "-m", "chipmap", "serve", "--db", url, "--port", str(port),
                               "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        answers: list[Any] = []

        def ask(path: str) -> None:
            try:
                answers.append(httpx.get(f"{base}{path}", timeout=120))
            except httpx.HTTPError as exc:
                answers.append(exc)

        askers = [threading.Thread(target=ask, args=(f"/api/v1/clusters/{name}",))
                  for name in ("Shanghai", "Hefei", "Wuxi", "Beijing")]
        for asker in askers:
            asker.start()
        _wait_for_connections(port, len(askers))  # the requests are in (each worker is building its index)
        time.sleep(0.3)
        server.send_signal(signal.SIGTERM)
        for asker in askers:
            asker.join(timeout=180)
        assert server.wait(timeout=120) == 0
        assert server.stderr is not None
        log = server.stderr.read().decode(errors="replace")
        assert [getattr(a, "status_code", a) for a in answers] == [200] * 4, log
        assert all(json.loads(a.content)["profile"]["cluster"]["name"] for a in answers)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        if server.stderr is not None:
            server.stderr.close()
