from __future__ import annotations

from chipmap.analyze import GraphIndex, find_gaps, gap_report


def test_missing_segment_has_full_severity() -> None:
    gaps = find_gaps({"design": 5}, {"design": 10, "equipment": 10})
    assert [(g.segment, g.status, g.severity) for g in gaps] == [("equipment", "missing", 1.0)]


def test_thin_segment_is_reported_against_expected_count() -> None:
    gaps = find_gaps({"design": 10, "equipment": 1}, {"design": 1, "equipment": 1})
    thin = next(g for g in gaps if g.segment == "equipment")
    assert thin.status == "thin" and 0 < thin.severity < 1 and thin.expected == 5.5


def test_segment_absent_from_reference_is_no_gap() -> None:
    assert find_gaps({}, {"design": 3}) == [g for g in find_gaps({}, {"design": 3}) if g.segment == "design"]


def test_gap_report_ranks_candidates_elsewhere_with_explanations(tiny_index: GraphIndex) -> None:
    report = gap_report(tiny_index, "place:alpha")
    assert {"equipment", "eda_ip", "design"} <= {g.segment for g in report.gaps}
    ids = [c.org.id for c in report.candidates]
    assert "org:fab" not in ids and "org:uni" not in ids  # in the cluster / not a company
    tool = next(c for c in report.candidates if c.org.id == "org:tool")
    assert {c.name for c in tool.components} == {"fit", "scale", "links", "recency"}
    assert all(c.reason for c in tool.components)
    assert ids[0] == "org:tool"  # most evidence and most recent news


def test_gap_report_against_a_peer(tiny_index: GraphIndex) -> None:
    report = gap_report(tiny_index, "place:alpha", peer_id="place:beta")
    assert report.reference == "place:beta" and report.reference_name == "Beta City"
    assert "manufacturing" not in {g.segment for g in report.gaps}


def test_gap_report_paginates(toy_index: GraphIndex) -> None:
    first = gap_report(toy_index, "place:shaoxing", limit=5)
    second = gap_report(toy_index, "place:shaoxing", limit=5, offset=5)
    assert len(first.candidates) == 5 and first.candidate_total >= 10
    assert not {c.org.id for c in first.candidates} & {c.org.id for c in second.candidates}
    assert [c.score for c in first.candidates] == sorted((c.score for c in first.candidates), reverse=True)
