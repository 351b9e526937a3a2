"""Stage words in English and Chinese, with plans, forecasts, conditions and denials; dates."""

from __future__ import annotations

import datetime as dt

import pytest

from chipmap.extract.projects.dates import chinese_date, english_date
from chipmap.extract.projects.facility import chinese_facility, english_facilities, most_specific
from chipmap.extract.projects.status import clause_status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Acme signed an agreement with the city to build a fab.", "signed"),
        ("The two sides inked a deal for the plant.", "signed"),
        ("Acme broke ground on its new plant.", "construction"),
        ("The factory is under construction.", "construction"),
        ("The main building was topped out in May.", "construction"),
        ("Construction of the campus was completed last year.", "completed"),
        ("The fab moved in its first tools.", "completed"),
        ("The line started trial production in June.", "completed"),
        ("The plant was put into production in January.", "production"),
        ("The fab began mass production of 28nm chips.", "production"),
        ("The second line went into operation.", "production"),
        ("The fund raised 30 billion yuan.", "production"),
        ("The project was cancelled after two years.", "cancelled"),
        ("Acme suspended the plant.", "cancelled"),
        ("Acme plans to build a plant in Xinzhou.", "planned"),
        ("Acme plans to start production next year.", "planned"),
        ("The fab is set to begin production in 2027.", "planned"),
        ("The plant will be put into production in 2026.", "planned"),
        ("After construction is completed in 2025, capacity will double.", "planned"),
        ("The plant is due to come online next spring.", "planned"),
    ],
)
def test_english_stage_words(text: str, status: str) -> None:
    assert clause_status(text, "en") == status


def test_after_is_a_condition_only_when_what_follows_has_not_happened() -> None:
    assert clause_status("It went into production two years after construction began.", "en") == "production"
    assert clause_status("The park will add jobs after it goes into operation.", "en") == "planned"


@pytest.mark.parametrize("text", ["Acme has no plans to build a fab in Xinzhou.",
                                  "The fab has not yet begun production.",
                                  "Acme never signed a deal for the plant."])
def test_english_denials_report_nothing(text: str) -> None:
    assert clause_status(text, "en") is None


def test_the_most_advanced_asserted_stage_wins() -> None:
    text = "Acme started installing tools in March and began production in May with plans to expand."
    assert clause_status(text, "en") == "production"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("星河芯片项目在云溪区签约", "signed"),
        ("项目签约落户江州高新区", "signed"),
        ("蓝岭半导体项目正式开工", "construction"),
        ("主体结构已全面封顶", "construction"),
        ("厂房顺利结顶", "construction"),
        ("项目竣工", "completed"),
        ("生产线实现通线", "completed"),
        ("一期已于去年投产", "production"),
        ("产线实现量产", "production"),
        ("项目因故终止", "cancelled"),
        ("计划2028年投产", "planned"),
        ("预计明年底建成", "planned"),
        ("拟建设一条封装测试线", "planned"),
    ],
)
def test_chinese_stage_words(text: str, status: str) -> None:
    assert clause_status(text, "zh") == status


@pytest.mark.parametrize("text", ["该项目尚未投产", "项目建成后将带动上下游", "已达到投产条件"])
def test_chinese_denials_and_conditions_report_nothing(text: str) -> None:
    assert clause_status(text, "zh") is None


def test_dates_are_resolved_against_the_published_day() -> None:
    published = dt.date(2022, 3, 15)
    assert english_date("broke ground on July 7, 2020", published) == "2020-07-07"
    assert english_date("began production in December 2019", published) == "2019-12"
    assert english_date("was launched in 2014", None) == "2014"
    assert english_date("in January this year", published) == "2022-01"
    assert english_date("on Tuesday", published) == "2022-03-15"
    assert english_date("in March last year", published) == "2021-03"
    assert english_date("at the end of May", published) == "2021-05"  # a month not yet reached: last year
    assert english_date("on June 17th", None) is None
    assert chinese_date("2022年8月26日,双方签署", None) == "2022-08-26"
    assert chinese_date("10月16日,签约", published) == "2021-10-16"
    assert chinese_date("于2020年7月投产", None) == "2020-07"
    assert chinese_date("昨日,项目开工", published) == "2022-03-14"
    assert chinese_date("10月16日,签约", None) is None


def test_facility_cues() -> None:
    kinds = {c.facility for c in english_facilities("a 12-inch wafer fab and a packaging and testing base")}
    assert {"fab", "packaging_plant"} <= kinds
    assert most_specific(english_facilities("a new R&D center")) == "rd_center"
    assert most_specific(english_facilities("an industrial investment fund")) == "fund"
    assert most_specific(english_facilities("the plant")) == "production_base"
    assert chinese_facility("星河半导体封装测试线项目") == "packaging_plant"
    assert chinese_facility("江州光子研究院") == "rd_center"
    assert chinese_facility("蓝岭集成电路产业基金") == "fund"
    assert chinese_facility("云溪项目") == "other"
