"""Display labels the templates share: an article is never an empty link, a count has one label.

Articles read from plain text or from feed entries without a title have an empty
title; a link to one shows its first words instead (looked up once per article
and remembered, so a page of untitled links costs a few queries the first time).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import jinja2

from chipmap.errors import NotFound
from chipmap.report.sources import first_words

_CACHE_SIZE = 4096
_cache: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()

#: Graph counts the home page shows, in order, with singular and plural labels. The store reports
#: events both as a table ("events") and as an entity type ("event"); only one is shown.
COUNT_LABELS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("articles",), "article", "articles"),
    (("org",), "organisation", "organisations"),
    (("person",), "person", "people"),
    (("place",), "place", "places"),
    (("events", "event"), "event", "events"),
    (("relations",), "relation", "relations"),
    (("evidence",), "evidence sentence", "evidence sentences"),
)


def count_labels(counts: Mapping[str, int]) -> list[tuple[int, str]]:
    """(number, label) pairs for the home page: one label per count, singular or plural."""
    shown = []
    for keys, one, many in COUNT_LABELS:
        value = next((counts[k] for k in keys if k in counts), None)
        if value is not None:
            shown.append((value, one if value == 1 else many))
    return shown


def _first_words_of(request: Any, article_id: str) -> str:
    with _lock:
        if article_id in _cache:
            _cache.move_to_end(article_id)
            return _cache[article_id]
    analyst = getattr(getattr(getattr(request, "app", None), "state", None), "analyst", None)
    label = ""
    if analyst is not None:
        try:
            label = first_words(analyst.graph.article(article_id).text)
        except NotFound:
            label = ""
    label = label or f"untitled article {article_id[:12]}"
    with _lock:
        _cache[article_id] = label
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return label


@jinja2.pass_context
def article_label(context: jinja2.runtime.Context, article_id: str | None, title: str | None) -> str:
    """An article's title, else its first words, else a label with its id: never empty."""
    if title and title.strip():
        return title
    if not article_id:
        return "untitled article"
    return _first_words_of(context.get("request"), article_id)
