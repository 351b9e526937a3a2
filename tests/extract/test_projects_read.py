"""Projects read from invented English articles (real pipeline) and Chinese ones (Chinese reader)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from chipmap.atlas import Atlas
from chipmap.extract.chinese import ChineseReader
from chipmap.extract.projects import mark_former
from chipmap.records import Article, ArticleExtraction, Evidence, Relation

Read = Callable[..., ArticleExtraction]
DAY = dt.date(2024, 6, 1)


def test_a_signed_fab_with_its_parties_place_amount_and_date(read: Read) -> None:
    result = read("Xinghe Semiconductor Co. signed an agreement with the Hefei municipal government on March 3 "
                  "to build a 12-inch wafer fab in Hefei with a total investment of 12 billion yuan "
                  "(US$1.7 billion). The fab will start production in 2026.", DAY)
    (project,) = result.projects
    assert "Xinghe Semiconductor Co." in project.parties
    assert (project.place, project.facility, project.status, project.date) == ("Hefei", "fab", "signed", "2024-03-03")
    assert project.amount is not None and (project.amount.value, project.amount.currency) == (12e9, "CNY")
    assert {"parties", "amount", "status"} <= set(project.field_evidence)
    assert [s.status for s in project.history] == ["signed", "planned"]


def test_a_denied_plan_is_no_project_and_a_definite_sentence_continues_the_last(read: Read) -> None:
    result = read("Lanling Microelectronics broke ground on its packaging and testing base in Wuxi in May. "
                  "The base is expected to cost 3 billion yuan.\n\n"
                  "Lanling Microelectronics has no plans to build a fab in Wuxi.", DAY)
    (project,) = result.projects
    assert (project.facility, project.status, project.date) == ("packaging_plant", "construction", "2024-05")
    assert project.amount is not None and project.amount.value == 3e9


def test_a_list_of_projects_is_one_project_per_party_and_a_count_is_no_project(read: Read) -> None:
    result = read("The Xinzhou government introduced projects such as Orion Photonics, Vega Sensors and "
                  "Altair Devices. Twenty projects were signed at the ceremony.", DAY)
    parties = sorted(p.parties[0] for p in result.projects)
    assert len(parties) == len(set(parties)) >= 2 and "Orion Photonics" in parties
    assert all(p.status == "signed" for p in result.projects)
    assert [c.count for c in result.project_counts] == [20]


def test_an_equity_stake_is_not_a_project(read: Read) -> None:
    assert read("Orion Capital invested 2 billion yuan in Vega Sensors last year.", DAY).projects == []


def test_phases_with_different_stages_stay_apart(read: Read) -> None:
    result = read("Xinghe Semiconductor Co. started first-phase production at its Hefei fab in 2021, and the "
                  "second-phase expansion began construction in 2023.", DAY)
    stages = sorted((p.phase, p.status) for p in result.projects)
    assert stages == [("1", "production"), ("2", "construction")]


def test_chinese_projects_with_grammar_parties_places_and_amounts(atlas: Atlas) -> None:
    text = ("3月5日,星河半导体在云溪经济开发区投资的功率模块项目签约,总投资12亿元。"
            "蓝岭微电子有限公司封装测试项目由蓝岭微电子有限公司投资建设,已于去年开工。"
            "会上共有18个项目集中签约。")
    result = ChineseReader(atlas).read(Article(id="z", text=text, published=DAY, language="zh"))
    by_party = {p.parties[0]: p for p in result.projects if p.parties}
    first = by_party["星河半导体"]
    assert (first.place, first.status, first.date) == ("云溪经济开发区", "signed", "2024-03-05")
    assert first.amount is not None and (first.amount.value, first.amount.currency) == (12e8, "CNY")
    second = by_party["蓝岭微电子有限公司"]
    assert (second.facility, second.status) == ("packaging_plant", "construction")
    assert [c.count for c in result.project_counts] == [18]


def test_chinese_plans_are_planned_and_lists_give_one_project_each(atlas: Atlas) -> None:
    text = ("江州市今年签约的项目包括启明光电的传感器项目、天枢科技的封装测试项目等。"
            "其中启明光电计划2026年投产。")
    result = ChineseReader(atlas).read(Article(id="z", text=text, published=DAY, language="zh"))
    parties = sorted(p.parties[0] for p in result.projects if p.parties)
    assert parties == ["启明光电", "天枢科技"]


@pytest.mark.parametrize(("title", "sentence", "former"), [
    ("former CEO", "Li Wen, former CEO of Acme, spoke.", True),
    ("CEO", "Li Wen, who stepped down as CEO of Acme in May, spoke.", True),
    ("原董事长", "原董事长王海因身体原因辞任。", True),
    ("CEO", "Li Wen, CEO of Acme, was named chairman.", False),
    ("founder", "Li Wen, founder and former CEO of Acme, spoke.", False),
])
def test_past_positions_are_marked_former(title: str, sentence: str, former: bool) -> None:
    relation = Relation(type="holds_position", head="Li Wen" if "Li" in sentence else "王海", tail="Acme",
                        title=title, evidence=[Evidence(sentence=sentence, start=0, end=len(sentence))])
    (marked,) = mark_former([relation])
    assert marked.former is former


def test_a_bare_count_is_kept_with_its_event_status_and_total(read: Read) -> None:
    result = read("At the Xinzhou Semiconductor Investment Conference, twelve projects were signed, with a total "
                  "investment of 30 billion yuan.", DAY)
    assert result.projects == []
    (count,) = result.project_counts
    assert (count.count, count.status) == (12, "signed")
    assert count.amount is not None and count.amount.value == 30e9


def test_a_failure_costs_the_article_its_projects_only(read: Read, monkeypatch: pytest.MonkeyPatch) -> None:
    from chipmap.extract.projects import english

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(english, "english_projects", broken)
    result = read("Xinghe Semiconductor Co. broke ground on a fab in Hefei.", DAY)
    assert result.projects == [] and result.organizations
