""""As of" a day, atlas facts keep only the support of articles published by then."""

from __future__ import annotations

import dataclasses
import datetime as dt

from chipmap.analyze import GraphIndex, as_of
from tests.analyze.land import Land


def test_an_atlas_fact_loses_the_support_of_later_articles_and_entities_their_later_dates() -> None:
    land = Land()
    land.org("org:firm", "design", hq="place:beta")
    early = land.news_site("org:firm", "place:gamma", "2019-05-01")
    late = land.news_site("org:firm", "place:metro", "2023-05-01")
    snapshot = land.snapshot()
    merged = dataclasses.replace(late, from_atlas=True)  # the atlas lists the site the news reported later
    snapshot.relations[snapshot.relations.index(late)] = merged
    snapshot.entities["org:firm"] = dataclasses.replace(snapshot.entities["org:firm"], first_seen=dt.date(2019, 5, 1),
                                                        last_seen=dt.date(2023, 5, 1))
    then = as_of(snapshot, dt.date(2020, 1, 1))
    kept = {r.id: r for r in then.relations}
    assert kept[merged.id].article_ids == () and kept[merged.id].first_seen is None  # the atlas fact stays, alone
    assert kept[early.id].article_ids == early.article_ids
    assert then.entities["org:firm"].last_seen == dt.date(2019, 5, 1)
    assert then.headquarters == snapshot.headquarters
    assert GraphIndex.build(then).last_seen("org:firm") == dt.date(2019, 5, 1)
