"""Any text, however odd, yields a well-formed result and never an exception."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chipmap.records import Article
from chipmap.vocab import SEGMENTS

WORDS = ["SMIC", "Wuxi", "of", "the", "(", ")", ",", "and", "Mayor", "Li", "Wei", "Co", "Park", "New", "Area",
         "Zone", "'s", "-", "based", "Conference", "in", "President", "Hefei", "Institute", "University",
         "Bureau", "Lumina", "Xiamen", "Zhang", "founded", "plant", ".", "\n\n", "its", "chairman",
         "Technology", "(SMIC)", "中芯国际", "Xi'an", "US$", "Fab", "9", "City", "leaders", "Haicang", "based", "-", "its", "parent"]


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60))
def test_random_word_salad_gives_a_consistent_result(extractor: Any, words: list[str]) -> None:
    result = extractor.extract(Article(id="fuzz", text=" ".join(words)))
    names = {e.name for group in (result.people, result.organizations, result.places) for e in group}
    for rel in result.relations:
        assert rel.head in names
        assert rel.tail in names or rel.tail in SEGMENTS
        assert rel.head != rel.tail
    for group in (result.people, result.organizations, result.places):
        for entity in group:
            assert entity.name.strip() == entity.name and entity.name
            assert entity.name not in entity.aliases
            for ev in entity.evidence:
                assert 0 <= ev.start <= ev.end
