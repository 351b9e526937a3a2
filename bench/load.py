"""Load: requests/s, latency percentiles and errors of a real ``chipmap serve`` under ``ab -c 50``.

The server runs as a subprocess with its default settings (one worker process per core,
answer cache on) on loopback; ApacheBench (Debian's apache2-utils, installed by ``make
bench`` when missing) sends ``requests`` requests, 50 at a time, to each of the entity,
cluster and gaps endpoints, after warm-up requests (each worker builds its index on its
first answer). Repeated requests for one URL are answered from each worker's answer
cache after the first; a second run on the demo graph with the cache off
(``CHIPMAP_SERVE_CACHE_ENTRIES=0``) shows what computing each answer costs. Graphs: the demo graph
(``chipmap demo``'s database, the one the issue's before-figures were taken on) and a
generated one of 20,000 articles (bench/api.py ``synthetic_graph``). Also reported: the
resident memory of each server worker once it has answered (its graph index built); the
10k/50k/100k-article memory figures are bench/memory.py's.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ENDPOINTS = {"entity": "/api/v1/entities/SMIC", "cluster": "/api/v1/clusters/Shanghai",
             "gaps": "/api/v1/clusters/Hefei/gaps"}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``chipmap serve`` on a free loopback port, default settings."""

    def __init__(self, db: str, **settings: str) -> None:
        self.port = _port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CHIPMAP_")}
        env.update({f"CHIPMAP_{k.upper()}": v for k, v in settings.items()})
        self.process = subprocess.Popen([sys.executable, "-m", "chipmap", "serve", "--db", db, "--port",
                                         str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env=env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.base + "/api/v1/health", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("chipmap serve did not answer")

    def warm(self, paths: list[str]) -> None:
        for _ in range(2 * (os.cpu_count() or 1)):  # the first answer of each worker builds its index
            for path in paths:
                httpx.get(self.base + path, timeout=600)

    def worker_rss_mb(self) -> list[float]:
        import psutil

        children = psutil.Process(self.process.pid).children(recursive=True)
        return sorted(round(c.memory_info().rss / 2**20, 1) for c in children) or [
            round(psutil.Process(self.process.pid).memory_info().rss / 2**20, 1)]

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _ab(url: str, requests: int) -> dict[str, float]:
    out = subprocess.run(["ab", "-q", "-n", str(requests), "-c", "50", url], capture_output=True, text=True,
                         check=True, timeout=900).stdout

    def number(pattern: str) -> float:
        match = re.search(pattern, out, re.MULTILINE)
        return float(match.group(1)) if match else 0.0

    return {"rps": number(r"^Requests per second:\s+([\d.]+)"), "failed": number(r"^Failed requests:\s+(\d+)"),
            "non2xx": number(r"^Non-2xx responses:\s+(\d+)"), "p50": number(r"^\s+50%\s+(\d+)"),
            "p95": number(r"^\s+95%\s+(\d+)"), "p99": number(r"^\s+99%\s+(\d+)")}


def _demo_db() -> str:
    from chipmap.demo import build_demo

    return build_demo(None)


def _load_rows(label: str, db: str, requests: int, **settings: str) -> list[dict[str, Any]]:
    server = Server(db, **settings)
    rows: list[dict[str, Any]] = []
    try:
        server.warm(list(ENDPOINTS.values()))
        for name, path in ENDPOINTS.items():
            got = _ab(server.base + path, requests)
            errors = int(got["failed"] + got["non2xx"])
            rows.append({"name": f"load {label}: {name}", "value": got["rps"], "unit": "requests/s",
                         "note": f"{path}; ab -n {requests} -c 50; p50/p95/p99 {got['p50']:.0f}/{got['p95']:.0f}/"
                                 f"{got['p99']:.0f} ms; {errors} errors; target >= 500/s, p99 < 200 ms"})
        rss = server.worker_rss_mb()
        rows.append({"name": f"load {label}: worker memory", "value": max(rss), "unit": "MB",
                     "note": f"resident memory per worker after answering: {rss}"})
    finally:
        server.close()
    return rows


def run(quick: bool = False) -> list[dict[str, Any]]:
    if shutil.which("ab") is None:
        raise RuntimeError("ab not found: install Debian's apache2-utils (make bench does)")
    requests = 1_000 if quick else 5_000
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="chipmap-bench-load-") as tmp:
        demo = _demo_db()
        rows += _load_rows("demo graph", demo, requests)
        # The same without the answer cache: what each answer costs to compute (not a default setting).
        rows += [{**row, "name": row["name"].replace("demo graph", "demo graph, no answer cache")}
                 for row in _load_rows("demo graph", demo, max(200, requests // 10), serve_cache_entries="0")
                 if row["unit"] == "requests/s"]
        if not quick:
            from bench.api import synthetic_graph

            rows += _load_rows("20k generated", synthetic_graph(20_000, Path(tmp)), requests)
    return rows
