from __future__ import annotations

import pytest

from chipmap.analyze.coverage import DEPTH_CAP, coverage_from_counts
from chipmap.vocab import SEGMENTS


def test_coverage_vector_is_in_chain_order_with_shares() -> None:
    coverage = coverage_from_counts({"design": 3, "manufacturing": 1})
    assert [s.segment for s in coverage.segments] == list(SEGMENTS)
    assert coverage.total == 4
    assert coverage.counts()["design"] == 3
    assert sum(s.share for s in coverage.segments) == pytest.approx(1.0)
    assert coverage.breadth == pytest.approx(2 / 7, abs=1e-4)


def test_coverage_score_caps_depth_per_segment() -> None:
    one_giant = coverage_from_counts({"design": 50})
    assert one_giant.score == pytest.approx(DEPTH_CAP / (7 * DEPTH_CAP), abs=1e-4)
    full = coverage_from_counts(dict.fromkeys(SEGMENTS, DEPTH_CAP))
    assert full.score == 1.0 and full.breadth == 1.0


def test_empty_cluster_scores_zero() -> None:
    empty = coverage_from_counts({})
    assert empty.total == 0 and empty.score == 0.0 and all(s.share == 0 for s in empty.segments)
