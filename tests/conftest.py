"""Shared fixtures: the real English pipeline (loaded once), the atlas, the dev set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from chipmap.atlas import Atlas, default_atlas

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_DIR = SHARED / "eval" / "dev"


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    return default_atlas()


@pytest.fixture(scope="session")
def nlp() -> Language:
    """chipmap's full pipeline on the installed English model."""
    from chipmap.extract.nlp import get_pipeline

    return get_pipeline(None, default_atlas())


@pytest.fixture(scope="session")
def extractor(nlp: Language, atlas: Atlas) -> Any:
    from chipmap.extract import Extractor

    return Extractor(nlp=nlp, atlas=atlas)


@pytest.fixture()
def blank() -> Language:
    """A tokenizer-only pipeline for rule tests that need no trained model."""
    return spacy.blank("en")


def dev_articles() -> list[dict[str, Any]]:
    """The shared development set, or nothing when ../shared is not beside the repo."""
    if not DEV_DIR.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV_DIR.glob("*.json"))]
