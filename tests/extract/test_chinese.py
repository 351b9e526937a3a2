"""The Chinese reader: atlas names, suffix-shaped names, titles, places of projects."""

from __future__ import annotations

from typing import Any

import pytest

from chipmap.atlas import Atlas
from chipmap.extract.chinese import ChineseReader, is_chinese
from chipmap.records import Article, ArticleExtraction


@pytest.fixture(scope="module")
def reader(atlas: Atlas) -> ChineseReader:
    return ChineseReader(atlas)


def _read(reader: ChineseReader, text: str) -> ArticleExtraction:
    return reader.read(Article(id="zh", text=text))


def test_language_detection() -> None:
    assert is_chinese("中芯国际在上海临港建设新的晶圆厂，长电科技在绍兴扩大封装测试产能。")
    assert not is_chinese("SMIC opened a fab in Shanghai's Lingang area, said 中芯国际.")


def test_atlas_names_and_hierarchy(reader: ChineseReader) -> None:
    result = _read(reader, "长电科技宣布扩大在江苏的封装产能，无锡市政府表示支持。江苏是集成电路大省。")
    jcet = next(o for o in result.organizations if o.name == "长电科技")
    assert jcet.atlas_id == "org:jcet"
    assert "packaging_testing" in jcet.segments
    assert {p.name for p in result.places} >= {"江苏"}


def test_body_title_and_name_give_holds_position(reader: ChineseReader) -> None:
    result = _read(reader, "苏州华芯微电子有限公司董事长李明当选为会长。")
    assert [p.name for p in result.people] == ["李明"]
    rel = next(r for r in result.relations if r.type == "holds_position")
    assert (rel.head, rel.tail, rel.title) == ("李明", "苏州华芯微电子有限公司", "董事长")


def test_city_post_goes_to_the_city(reader: ChineseReader) -> None:
    result = _read(reader, "昨日，徐州市长王建国会见了企业代表。徐州将继续支持集成电路产业。")
    rels = {(r.head, r.tail) for r in result.relations if r.type == "holds_position"}
    assert any(head == "王建国" and tail.startswith("徐州") for head, tail in rels)


def test_project_place_and_short_forms(reader: ChineseReader) -> None:
    result = _read(
        reader,
        "华东晶源半导体有限公司在徐州经济技术开发区投资建设封装基地。华东晶源半导体表示，徐州经开区的配套完善。",
    )
    orgs = {o.name: o.aliases for o in result.organizations}
    assert orgs["华东晶源半导体有限公司"] == ["华东晶源半导体"]
    places = {p.name: p.aliases for p in result.places}
    assert places["徐州经济技术开发区"] == ["徐州经开区"]
    assert ("华东晶源半导体有限公司", "徐州经济技术开发区") in {
        (r.head, r.tail) for r in result.relations if r.type == "located_in"
    }


def test_generic_references_are_not_names(reader: ChineseReader) -> None:
    result = _read(reader, "该公司表示，全省首个传感器产业园将在我市建成，相关部门正在推进，城市面貌一新。")
    names = {e.name for group in (result.organizations, result.places) for e in group}
    assert not names & {"该公司", "我市", "全省首个传感器产业园", "城市"}


def test_extractor_routes_chinese_articles_and_keeps_order(extractor: Any) -> None:
    articles = [
        Article(id="en", text="SMIC opened a fab in Beijing."),
        Article(id="zh", text="中芯国际在北京建设新的十二英寸晶圆厂，项目位于北京经济技术开发区。"),
        Article(id="en2", text="JCET expanded in Wuxi."),
    ]
    results = list(extractor.read_many(articles))
    assert [a.id for a, _ in results] == ["en", "zh", "en2"]
    zh = results[1][1]
    assert any(o.atlas_id == "org:smic" for o in zh.organizations)
