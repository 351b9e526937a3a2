"""Exact and near duplicates: the same story reprinted is one story, a different story is not."""

from __future__ import annotations

import pytest

from chipmap.ingest.dedup import NearDuplicates, content_id, signature, similarity

STORY = (
    "Hua Hong Semiconductor held a production ceremony on December 10 for the second phase of its "
    "12-inch fab in the Wuxi high-tech zone. The line will make power devices and embedded memory for "
    "carmakers and industrial customers, and the company expects it to reach full capacity within two "
    "years. Local officials said more than two hundred chip design firms now work in the zone, which "
    "hopes the fab will draw packaging and testing suppliers as well. The first phase of the fab has run "
    "at full capacity since the end of last year, according to the company."
)
REPRINT = STORY.replace("December 10", "Dec. 10").replace("according to the company", "the company said")
OTHER = (
    "ChangXin Memory Technologies began volume production of LPDDR5 mobile DRAM at its Hefei fab, the "
    "first such chips designed and made in China. The company said its chips had been validated by "
    "several smartphone makers, and that it planned to raise output through next year as demand for "
    "memory in phones and data centres recovered. Analysts said the launch narrowed the gap with the "
    "market leaders, though volumes would remain small compared with theirs for some time."
)


@pytest.mark.parametrize(
    "variant",
    [STORY.upper(), "  " + STORY.replace(" ", "\n", 3) + "\n", STORY.replace(". ", ".  ")],
    ids=["case", "line breaks", "spacing"],
)
def test_content_id_ignores_case_and_spacing(variant: str) -> None:
    assert content_id(variant) == content_id(STORY)


def test_content_id_differs_for_different_text() -> None:
    assert content_id(REPRINT) != content_id(STORY)
    assert len(content_id(STORY)) == 16


def test_reprint_with_small_edits_is_a_near_duplicate() -> None:
    near = NearDuplicates()
    near.add("story", signature(STORY))
    near.add("other", signature(OTHER))
    assert near.find(signature(REPRINT)) == "story"
    assert similarity(signature(STORY), signature(REPRINT)) >= 0.7


def test_different_story_is_not_a_near_duplicate() -> None:
    near = NearDuplicates()
    near.add("story", signature(STORY))
    assert near.find(signature(OTHER)) is None
    assert near.find(signature(STORY[:200])) is None


def test_signatures_survive_a_round_trip_through_bytes() -> None:
    stored = bytes(bytearray(signature(STORY)))
    assert stored == signature(STORY)  # the same text always hashes the same: comparable across builds
    near = NearDuplicates()
    near.add_many([("b", stored), ("a", stored)])
    assert len(near) == 2 and "a" in near
    assert near.find(signature(REPRINT)) == "a"  # ties go to the smallest id


def test_discarded_articles_are_no_longer_found() -> None:
    near = NearDuplicates()
    near.add("story", signature(STORY))
    near.discard("story")
    near.discard("never-added")
    assert near.find(signature(REPRINT)) is None and len(near) == 0


def test_short_texts_still_sign() -> None:
    assert signature("SMIC") == signature("smic")
    assert signature("SMIC") != signature("CXMT")
