"""Extraction in dask worker processes ends in the same graph as the single-process build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chipmap.pipeline import build
from tests.store.dumps import dump


@pytest.mark.slow
def test_dask_workers_build_the_same_graph(corpus: Path, tmp_path: Path, extractor: Any) -> None:
    serial = tmp_path / "serial.db"
    build([corpus], db=serial, extractor=extractor)
    parallel = tmp_path / "parallel.db"
    summary = build([corpus], db=parallel, workers=2)
    assert (summary.added, summary.exit_code) == (6, 0)
    assert dump(str(parallel)) == dump(str(serial))
