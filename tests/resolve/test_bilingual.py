"""One entity across languages: names an article gives in both scripts, canonical names."""

from __future__ import annotations

from chipmap.records import ArticleExtraction, Evidence, Organization
from chipmap.resolve import EntityIndex, KnownEntity, resolve_article
from chipmap.resolve.bilingual import bracket_names, canonical


def _org(name: str, sentence: str, aliases: tuple[str, ...] = ()) -> Organization:
    return Organization(name=name, aliases=list(aliases),
                        evidence=[Evidence(sentence=sentence, start=0, end=len(sentence))])


def test_chinese_name_in_brackets_after_an_english_one() -> None:
    assert bracket_names("Yunxiu Semiconductor", ["Yunxiu Semiconductor (云岫半导体) opened a centre."]) == ["云岫半导体"]


def test_english_name_in_brackets_after_a_chinese_one() -> None:
    assert bracket_names("云岫半导体", ["云岫半导体（Yunxiu Semiconductor）发布新品。"]) == ["Yunxiu Semiconductor"]


def test_the_name_in_brackets_learns_the_name_before_it() -> None:
    sentence = "Shares of 云岫半导体 (Yunxiu Semiconductor) rose."
    assert bracket_names("Yunxiu Semiconductor", [sentence]) == ["云岫半导体"]


def test_stock_codes_and_same_script_brackets_are_not_names() -> None:
    assert bracket_names("中芯国际", ["中芯国际(688981.SH)发布公告。"]) == []
    assert bracket_names("Yunxiu Semiconductor", ["Yunxiu Semiconductor (Hefei) opened."]) == []


def test_canonical_name_is_english_once_known() -> None:
    assert canonical(["云岫半导体", "Yunxiu Semiconductor"]) == ("Yunxiu Semiconductor", "云岫半导体")
    assert canonical(["启明芯"]) == ("启明芯", "启明芯")
    assert canonical(["Yunxiu Semiconductor"]) == ("Yunxiu Semiconductor", None)


def test_english_and_chinese_articles_resolve_to_one_entity() -> None:
    index = EntityIndex()
    english = ArticleExtraction(id="en", organizations=[
        _org("Yunxiu Semiconductor", "Yunxiu Semiconductor (云岫半导体) opened a design centre in Hefei.")])
    first = resolve_article(english, index)
    (entity,) = first.new_entities
    assert (entity.name, entity.name_zh) == ("Yunxiu Semiconductor", "云岫半导体")
    index.add(entity, ["Yunxiu Semiconductor", "云岫半导体"])
    chinese = ArticleExtraction(id="zh", organizations=[_org("云岫半导体", "云岫半导体在合肥设立设计中心。")])
    second = resolve_article(chinese, index)
    assert not second.new_entities
    assert second.decisions[0][1].entity_id == entity.id


def test_chinese_only_firm_keeps_its_name_until_an_english_one_is_known() -> None:
    index = EntityIndex()
    chinese = ArticleExtraction(id="zh", organizations=[_org("岳川电子", "岳川电子在芜湖投资建厂。")])
    (entity,) = resolve_article(chinese, index).new_entities
    assert entity.name == "岳川电子" and entity.name_zh is None
    index.add(entity, ["岳川电子"])
    english = ArticleExtraction(id="en", organizations=[
        _org("Yuechuan Electronics", "Yuechuan Electronics (岳川电子) plans a second plant in Wuhu.")])
    later = resolve_article(english, index)
    assert later.decisions[0][1].entity_id == entity.id
    (renamed,) = later.renamed
    assert (renamed.id, renamed.name, renamed.name_zh) == (entity.id, "Yuechuan Electronics", "岳川电子")


def test_atlas_entities_are_never_renamed() -> None:
    index = EntityIndex()
    index.add(KnownEntity("org:smic", "org", "company", "Semiconductor Manufacturing International Corporation",
                          "org:smic", "中芯国际"), ["SMIC"])
    english = ArticleExtraction(id="en", organizations=[_org("SMIC", "SMIC (中芯国际) added a line.")])
    result = resolve_article(english, index)
    assert result.decisions[0][1].entity_id == "org:smic" and not result.renamed
