"""Events with dates resolved against the publication date, and their place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from chipmap.extract.events import resolve_date
from chipmap.records import ArticleExtraction

Read = Callable[..., ArticleExtraction]


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("June 17th", dt.date(2023, 6, 18), "2023-06-17"),
        ("March 17, 2015", None, "2015-03-17"),
        ("December 30", dt.date(2024, 1, 2), "2023-12-30"),  # not a date in the future
        ("June 17th", None, None),  # no year and no publication date: unknown, not guessed
        ("recently", dt.date(2023, 6, 18), None),
    ],
)
def test_resolve_date(phrase: str, published: dt.date | None, expected: str | None) -> None:
    assert resolve_date(phrase, published) == expected


def test_conference_gets_date_and_place(read: Read) -> None:
    result = read(
        "On June 17th, the Fifth Haixi (Xiamen) Chip Industry Conference took place in Xiamen.",
        dt.date(2023, 6, 18),
    )
    [event] = result.events
    assert event.name == "Fifth Haixi (Xiamen) Chip Industry Conference"
    assert event.date == "2023-06-17"
    assert event.place == "Xiamen"


def test_a_sentence_without_an_event_name_has_no_event(read: Read) -> None:
    assert read("Officials met in Hefei on Monday to discuss chips.").events == []


def test_expo_name_with_and_stays_one_event_and_a_bare_year_is_no_date(read: Read) -> None:
    result = read("The 2023 China Semiconductor Equipment and Core Components Expo opened in Wuxi.")
    assert [e.name for e in result.events] == ["2023 China Semiconductor Equipment and Core Components Expo"]
    assert result.events[0].date is None
    assert result.organizations == []
