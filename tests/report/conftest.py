"""The toy graph behind an Analyst, and poppler's command-line tools for reading rendered PDFs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from chipmap.analyze.service import Analyst
from chipmap.demo.toy import toy_graph
from chipmap.store import Graph

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def graph() -> Graph:
    return toy_graph()


@pytest.fixture(scope="session")
def analyst(graph: Graph) -> Analyst:
    return Analyst(graph)


@pytest.fixture(scope="session")
def poppler() -> None:
    """pdftoppm, pdfinfo, pdffonts and pdftotext from Debian's poppler-utils (``make test`` installs it)."""
    missing = [tool for tool in ("pdftoppm", "pdfinfo", "pdffonts", "pdftotext") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing)} missing: `make test` installs Debian's poppler-utils")
        pytest.skip(f"{', '.join(missing)} missing (apt-get install poppler-utils)")
