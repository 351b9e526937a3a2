"""The development set score, measured the way `make eval` does (quality floor, not a timing)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from chipmap.records import Article
from tests.conftest import DEV_DIR, SHARED

SCORER = SHARED / "eval" / "score.py"


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside the repo")
def test_dev_set_meets_the_quality_floor(extractor: Any, tmp_path: Path) -> None:
    from chipmap.ingest import read_article

    predictions = tmp_path / "p.jsonl"
    with predictions.open("w", encoding="utf-8") as fh:
        for path in sorted(DEV_DIR.glob("*.json")):
            article: Article = read_article(path)
            fh.write(extractor.extract(article).model_dump_json() + "\n")
    result = _scorer().score(str(DEV_DIR), str(predictions))
    assert result["predicted_articles"] == result["articles"]
    assert result["entities"]["f1"] >= 0.80, json.dumps(result["entities"])
    assert result["relations"]["f1"] >= 0.60, json.dumps(result["relations"])


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside the repo")
def test_raw_spacy_baseline_is_clearly_worse(nlp: Any, tmp_path: Path) -> None:
    from chipmap.extract.baseline import raw_read_doc
    from chipmap.extract.nlp import load_base
    from chipmap.ingest import read_article

    base = load_base()
    predictions = tmp_path / "raw.jsonl"
    with predictions.open("w", encoding="utf-8") as fh:
        for path in sorted(DEV_DIR.glob("*.json")):
            article = read_article(path)
            fh.write(raw_read_doc(base(article.text), article).model_dump_json() + "\n")
    result = _scorer().score(str(DEV_DIR), str(predictions))
    assert result["relations"]["f1"] == 0.0
    assert result["entities"]["f1"] < 0.85
