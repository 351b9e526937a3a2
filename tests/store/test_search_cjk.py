"""Full-text search in Chinese, on SQLite and PostgreSQL: substrings of Chinese text are found.

The articles and extractions are written by hand for these tests (no model).
"""

from __future__ import annotations

import pytest

from chipmap.records import ArticleExtraction, Evidence, Organization, Place
from chipmap.store import Database, Graph
from chipmap.store.fts import is_cjk, substrings

from .conftest import Writer

ZH_1 = "云岫半导体在合肥高新区投资建设12英寸晶圆厂，预计明年投产。公司表示将扩大设计团队。"
ZH_2 = "岳川电子在芜湖扩建封装测试产线。新厂房已经封顶，年底前投入使用。"
EN_1 = "Yunxiu Semiconductor opened a design centre in Hefei on Monday."


def _ev(text: str) -> list[Evidence]:
    return [Evidence(sentence=text, start=0, end=len(text))]


@pytest.fixture()
def graph(database: Database) -> Graph:
    writer = Writer(database)
    writer.put(ZH_1, ArticleExtraction(id="zh1", organizations=[
        Organization(name="云岫半导体", aliases=["Yunxiu Semiconductor"], evidence=_ev(ZH_1))],
        places=[Place(name="合肥高新区", kind="district", evidence=_ev(ZH_1))]), title="云岫半导体扩产")
    writer.put(ZH_2, ArticleExtraction(id="zh2", organizations=[
        Organization(name="岳川电子", evidence=_ev(ZH_2))]))
    writer.put(EN_1, ArticleExtraction(id="en1", organizations=[
        Organization(name="Yunxiu Semiconductor", evidence=_ev(EN_1))]))
    return Graph(database)


def test_chinese_query_is_searched_as_substrings() -> None:
    assert is_cjk("12英寸") and is_cjk("长电") and not is_cjk("Hua Hong")
    assert substrings(" 合肥  “晶圆厂” ") == ["合肥", "晶圆厂"]


def test_substring_of_an_article_finds_it(graph: Graph) -> None:
    hits = graph.search("12英寸")
    articles = [h for h in hits if h.kind == "article"]
    assert len(articles) == 1 and "12英寸" in articles[0].snippet


def test_two_character_query_finds_articles_and_entities(graph: Graph) -> None:
    hits = graph.search("封顶")
    assert [h.kind for h in hits] == ["article"]
    names = {h.title for h in graph.search("云岫") if h.kind == "entity"}
    assert names == {"Yunxiu Semiconductor"} or names == {"云岫半导体"}


def test_entity_found_by_part_of_its_chinese_name(graph: Graph) -> None:
    (entity,) = [h for h in graph.search("岳川") if h.kind == "entity"]
    assert entity.title == "岳川电子"
    assert graph.search("合肥高新")[0].kind == "entity"


def test_every_part_of_a_query_must_occur(graph: Graph) -> None:
    assert [h.kind for h in graph.search("芜湖 封装测试")] == ["article"]
    assert graph.search("芜湖 晶圆厂") == []


def test_wildcards_and_quotes_in_a_chinese_query_are_plain_text(graph: Graph) -> None:
    assert graph.search("晶圆%厂") == []
    assert graph.search('"; DROP TABLE articles; -- 晶圆') == []
    assert graph.search("英寸") != []  # the table is still there


def test_english_search_is_unchanged(graph: Graph) -> None:
    assert any(h.kind == "article" for h in graph.search("design centre"))
