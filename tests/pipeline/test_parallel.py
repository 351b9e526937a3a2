"""Extraction in several processes (dask workers, spaCy n_process) ends in the same graph as one process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chipmap.config import Settings
from chipmap.pipeline import build
from tests.store.dumps import dump

from .conftest import corpus_files


@pytest.mark.slow
def test_dask_workers_build_the_same_graph(corpus: Path, tmp_path: Path, extractor: Any) -> None:
    serial = tmp_path / "serial.db"
    build([corpus], db=serial, extractor=extractor)
    parallel = tmp_path / "parallel.db"
    summary = build([corpus], db=parallel, workers=2)
    assert (summary.added, summary.exit_code) == (6, 0)
    assert dump(str(parallel)) == dump(str(serial))


def test_spacy_n_process_from_settings_builds_the_same_graph(tmp_path: Path, extractor: Any) -> None:
    folder = tmp_path / "three"
    folder.mkdir()
    for path in corpus_files(3, start=40):
        (folder / path.name).write_bytes(path.read_bytes())
    serial = tmp_path / "serial.db"
    build([folder], db=serial, extractor=extractor)
    forked = tmp_path / "forked.db"
    summary = build([folder], db=forked, extractor=extractor, settings=Settings(n_process=2, batch_size=1))
    assert (summary.added, summary.exit_code) == (3, 0)
    assert dump(str(forked)) == dump(str(serial))
