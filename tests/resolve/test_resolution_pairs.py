"""The hand-labelled pair set (fixtures/resolution_pairs.jsonl) is well formed, and resolution keeps its
precision and recall on it (``make eval`` prints the full table: bench/resolution.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.resolution import PAIRS, evaluate, load_pairs
from chipmap.atlas import Atlas, normalise_name

PAIR_SET = load_pairs(PAIRS)


def test_the_pair_set_is_large_labelled_and_free_of_duplicates() -> None:
    assert len(PAIR_SET) >= 300
    labels = Counter(p["label"] for p in PAIR_SET)
    assert set(labels) == {"same", "different"} and min(labels.values()) >= 100
    keys = [(p["type"], *sorted((p["a"], p["b"]))) for p in PAIR_SET]
    assert len(keys) == len(set(keys))
    for pair in PAIR_SET:
        assert pair["type"] in ("org", "place", "person")
        assert normalise_name(pair["a"]) != normalise_name(pair["b"]), pair  # a pair the plain key cannot settle


@pytest.fixture(scope="module")
def scores(atlas: Atlas) -> dict[str, float]:
    trials = evaluate(PAIR_SET, atlas)
    merged = [t for t in trials if t.merged]
    same = [t for t in trials if t.pair["label"] == "same"]
    right = sum(1 for t in merged if t.pair["label"] == "same")
    found = sum(1 for t in same if t.merged or t.proposed)
    return {"precision": right / len(merged), "recall": right / len(same), "with_review": found / len(same)}


def test_automatic_merging_stays_precise(scores: dict[str, float]) -> None:
    assert scores["precision"] >= 0.97


def test_recall_with_and_without_review(scores: dict[str, float]) -> None:
    assert scores["recall"] >= 0.62
    assert scores["with_review"] >= scores["recall"] + 0.05  # review proposes pairs the rules leave apart
