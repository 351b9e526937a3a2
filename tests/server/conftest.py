"""An app over the toy graph (atlas plus five sample facts) and a TestClient for it."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x prefers httpx2 for its TestClient; httpx works the same here.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from chipmap.config import Settings
from chipmap.demo.toy import toy_graph
from chipmap.server import create_app
from chipmap.store import Graph

TOKEN = "s3cret-token"


@pytest.fixture(scope="session")
def graph() -> Graph:
    return toy_graph()


@pytest.fixture(scope="session")
def app(graph: Graph) -> FastAPI:
    return create_app(graph, settings=Settings(api_token=TOKEN))


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
