"""Place and amount of Chinese projects: how directly the text ties each to the project
(invented articles read by the real Chinese reader)."""

from __future__ import annotations

import datetime as dt

import pytest

from chipmap.atlas import Atlas
from chipmap.extract.chinese import ChineseReader
from chipmap.records import Article, ArticleExtraction, Project

DAY = dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def reader(atlas: Atlas) -> ChineseReader:
    return ChineseReader(atlas)


def _read(reader: ChineseReader, text: str) -> ArticleExtraction:
    return reader.read(Article(id="z", text=text, published=DAY, language="zh"))


def _by_name(result: ArticleExtraction, word: str) -> Project:
    return next(p for p in result.projects if word in p.name)


def test_the_place_before_de_and_the_sentence_subject_place_go_to_list_items(reader: ChineseReader) -> None:
    result = _read(reader, "3月2日,宿迁市一批重大产业项目集中开工。其中半导体项目包括宿迁经开区的氮化镓项目、"
                           "泗洪县的星河功率模块项目等。\n\n沭阳县分会场的项目更为集中,如蓝岭微电子有限公司封装测试项目、"
                           "天枢科技有限公司光刻胶项目等。")
    assert _by_name(result, "氮化镓").place == "宿迁经开区"
    assert _by_name(result, "星河").place == "泗洪县"
    assert _by_name(result, "蓝岭").place == "沭阳县"
    assert _by_name(result, "天枢").place == "沭阳县"


def test_a_site_verb_outranks_the_place_a_project_settles_in(reader: ChineseReader) -> None:
    result = _read(reader, "昨日,总投资8亿元的光子器件项目签约落户宿迁经济技术开发区。光子器件项目由宿迁启明光电有限公司投资建设。"
                           "项目选址洋河新区,占地5万平方米。")
    project = _by_name(result, "光子器件")
    assert project.place == "洋河新区"
    assert project.amount is not None and project.amount.value == 8e8


def test_an_investment_in_a_later_clause_belongs_to_the_project_named_alone(reader: ChineseReader) -> None:
    result = _read(reader, "8月1日,江州光子研究院揭牌。江州光子研究院由宿迁市政府与江州大学共建,总投入6亿元,"
                           "江州大学教授李明担任院长。")
    project = _by_name(result, "江州光子研究院")
    assert project.amount is not None and (project.amount.value, project.amount.currency) == (6e8, "CNY")


def test_a_total_over_a_list_is_no_project_amount(reader: ChineseReader) -> None:
    result = _read(reader, "活动中,星河传感器项目、蓝岭封装测试项目两个项目现场签约,总投资9亿元。")
    assert result.projects and all(p.amount is None for p in result.projects)


def test_the_company_as_subject_gives_its_project_amount_and_place(reader: ChineseReader) -> None:
    result = _read(reader, "昨日,星河存储科技有限公司功率芯片工厂竣工仪式在宿迁市举行。\n\n"
                           "星河存储科技有限公司总投资50亿元,于2021年5月落户国家级宿迁高新技术产业开发区,"
                           "用时一年实现厂房封顶。")
    project = _by_name(result, "功率芯片工厂")
    assert project.amount is not None and project.amount.value == 5e9
    assert project.place is not None and project.place.endswith("宿迁高新技术产业开发区")
    assert "星河存储科技有限公司" in project.parties


def test_park_refers_to_the_park_named_before(reader: ChineseReader) -> None:
    result = _read(reader, "坐落于洋河镇的宿迁星河半导体产业园,是宿城区重点打造的专业园区。"
                           "另外,园区星澜光电创新中心目前已建成投用。")
    assert _by_name(result, "星澜光电创新中心").place == "宿迁星河半导体产业园"


def test_the_places_projects_in_general_are_no_project(reader: ChineseReader) -> None:
    result = _read(reader, "3月2日,江苏省宿迁市2024年重大产业项目集中开工。其中,星河半导体功率模块项目总投资6亿元。")
    assert [p.name for p in result.projects] == ["星河半导体功率模块项目"]


def test_a_first_of_its_kind_park_is_a_description_not_a_project(reader: ChineseReader) -> None:
    assert _read(reader, "宿迁市计划打造全国首家光电芯片产业园。").projects == []


def test_a_plant_is_no_party_the_firm_at_its_head_is(reader: ChineseReader) -> None:
    result = _read(reader, "本次推介会进行了星河光电总部及显示产业基地、蓝岭微电子研发中心等项目签约。")
    parties = {p.name: p.parties for p in result.projects}
    assert parties["星河光电总部及显示产业基地"] == ["星河光电"]
    assert parties["蓝岭微电子研发中心"] == ["蓝岭微电子研发中心"]  # a research centre is a body


def test_a_place_counts_for_the_article_only_where_written_on_its_own() -> None:
    from chipmap.extract.projects.chinese import _standalone

    text = "洋河镇的宿城星河产业园开园。宿城星河产业园位于洋河镇,宿城区支持洋河镇。"
    assert _standalone(text, "宿城", ["宿城星河产业园", "宿城区"]) == 0
    assert _standalone(text, "洋河镇", ["宿城星河产业园", "宿城区"]) == 3


def test_a_phase_written_after_the_name_and_the_firms_short_form_are_one_project(reader: ChineseReader) -> None:
    result = _read(reader, "星河半导体有限公司(以下简称“星河半导体”)发布公告。公告称,星河半导体建设的 8 英寸芯片生产线项目(一期)"
                           "已于 2023 年 5 月实现量产。据悉,星河半导体项目是宿迁第一条8英寸芯片生产线。该项目于2021年3月动工。")
    (project,) = result.projects
    assert (project.name, project.phase, project.status, project.date) == (
        "8 英寸芯片生产线项目(一期)", "1", "production", "2023-05")
    assert project.parties == ["星河半导体有限公司"]


def test_a_second_phase_stays_apart_from_the_first(reader: ChineseReader) -> None:
    result = _read(reader, "星河半导体有限公司一期项目于2022年投产。今年6月,星河半导体有限公司二期项目正式开工。"
                           "据悉,星河半导体项目是宿迁最大的半导体项目。")
    assert sorted((p.phase, p.status) for p in result.projects) == [("1", "production"), ("2", "construction")]


def test_a_company_unveiled_and_a_production_line_report_no_project_stage(reader: ChineseReader) -> None:
    result = _read(reader, "5日,星河光电研发中心项目落户洋河新区。宿迁市副市长王明出席项目奠基暨星河新公司揭牌仪式。"
                           "\n\n其中,星河功率器件项目由蓝岭微电子有限公司投资,建设一条12英寸量产线。")
    stages = {p.name: p.status for p in result.projects}
    assert stages["星河光电研发中心项目"] == "construction"
    assert stages["星河功率器件项目"] != "production"
