"""Key/value facts in the meta table (the watcher's state) on SQLite and PostgreSQL."""

from __future__ import annotations

from chipmap.store import Database
from chipmap.store.meta import read_meta, write_meta
from chipmap.watch.state import WatchState, load_state, save_state


def test_meta_values_are_inserted_replaced_and_read_back(database: Database) -> None:
    assert read_meta(database, "watch") is None
    write_meta(database, "watch", '{"rounds": 1}')
    write_meta(database, "watch", '{"rounds": 2, "名": "绍兴"}')
    assert read_meta(database, "watch") == '{"rounds": 2, "名": "绍兴"}'


def test_watch_state_survives_in_the_database(database: Database) -> None:
    state = WatchState(clusters=["place:shaoxing"], rounds=3)
    state.source("https://example.org/feed").remember(["entry-1"])
    save_state(database, state)
    again = load_state(database)
    assert again.rounds == 3 and again.clusters == ["place:shaoxing"]
    assert again.sources["https://example.org/feed"].seen == ["entry-1"]
