"""The Chinese reader on sentences written for these tests: one test per shape, plus negatives.

Every name here is invented unless it is an atlas entry (中芯国际, 长电科技) or a real place.
"""

from __future__ import annotations

from typing import Any

import pytest

from chipmap.atlas import Atlas
from chipmap.extract.chinese import ZH_RULES, ChineseReader, is_chinese
from chipmap.records import Article, ArticleExtraction


@pytest.fixture(scope="module")
def reader(atlas: Atlas) -> ChineseReader:
    return ChineseReader(atlas)


def _read(reader: ChineseReader, text: str) -> ArticleExtraction:
    return reader.read(Article(id="zh", text=text))


def _rels(result: ArticleExtraction, rtype: str) -> set[tuple[str, str]]:
    return {(r.head, r.tail) for r in result.relations if r.type == rtype}


def _names(result: ArticleExtraction, kind: str) -> dict[str, list[str]]:
    return {e.name: e.aliases for e in getattr(result, kind)}


def test_language_detection() -> None:
    assert is_chinese("中芯国际在上海临港建设新的晶圆厂，长电科技在绍兴扩大封装测试产能。")
    assert not is_chinese("SMIC opened a fab in Shanghai's Lingang area, said 中芯国际.")


# -- names by structure ---------------------------------------------------------------------------
def test_company_by_structure_with_defined_short_form(reader: ChineseReader) -> None:
    result = _read(reader, "苏州明澜微电子股份有限公司(简称“明澜微”)昨日发布新品。明澜微表示，订单充足。")
    orgs = _names(result, "organizations")
    assert "苏州明澜微电子股份有限公司" in orgs
    assert "明澜微" in orgs["苏州明澜微电子股份有限公司"]
    assert "苏州" not in _names(result, "places")  # a place inside a company's name is not a place


def test_short_form_without_legal_suffix_is_an_alias(reader: ChineseReader) -> None:
    result = _read(reader, "华东晶源半导体有限公司在南通经济技术开发区投资建设封装基地。华东晶源半导体表示，南通经开区的配套完善。")
    assert _names(result, "organizations")["华东晶源半导体有限公司"] == ["华东晶源半导体"]
    assert _names(result, "places")["南通经济技术开发区"] == ["南通经开区"]
    assert ("华东晶源半导体有限公司", "南通经济技术开发区") in _rels(result, "located_in")


def test_firms_in_a_list_without_suffixes(reader: ChineseReader) -> None:
    result = _read(reader, "今年以来，蓝岸科技、启明芯、岳川电子等多家企业陆续签约落户合肥高新区。")
    orgs = set(_names(result, "organizations"))
    assert {"蓝岸科技", "启明芯", "岳川电子"} <= orgs
    placed = _rels(result, "located_in")
    assert {("蓝岸科技", "合肥高新区"), ("启明芯", "合肥高新区"), ("岳川电子", "合肥高新区")} <= placed


def test_subject_before_at_place_invest_is_a_firm(reader: ChineseReader) -> None:
    result = _read(reader, "签约项目还包括：成都岭峰通讯在绵阳经开区投资的射频模组项目。")
    assert "成都岭峰通讯" in _names(result, "organizations")
    assert ("成都岭峰通讯", "绵阳经开区") in _rels(result, "located_in")


def test_firm_before_its_site(reader: ChineseReader) -> None:
    result = _read(reader, "目前，蓝溪先进武汉基地已经投产，主要生产功率器件。")
    assert "蓝溪先进" in _names(result, "organizations")
    assert ("蓝溪先进", "武汉") in _rels(result, "located_in")


def test_short_project_name_is_its_firm(reader: ChineseReader) -> None:
    result = _read(reader, "澄源稀材项目主体结构已封顶。光电器件项目也已开工。")
    orgs = set(_names(result, "organizations"))
    assert "澄源稀材" in orgs
    assert "光电器件" not in orgs  # everyday words name a kind of project, not a firm


def test_a_firm_name_may_hold_a_one_character_word(reader: ChineseReader) -> None:
    result = _read(reader, "江苏昌为微电子材料有限公司新厂开工。")
    assert "江苏昌为微电子材料有限公司" in _names(result, "organizations")


def test_kinds_of_bodies_are_not_names(reader: ChineseReader) -> None:
    result = _read(reader, "外商协会代表参观了化工园区，集成电路产业公司也派人参加。")
    names = {e.name for group in (result.organizations, result.places) for e in group}
    assert not names & {"外商协会", "化工园区", "集成电路产业公司"}


def test_generic_references_are_not_names(reader: ChineseReader) -> None:
    result = _read(reader, "该公司表示，全省首个传感器产业园将在我市建成，相关部门正在推进，城市面貌一新。")
    names = {e.name for group in (result.organizations, result.places) for e in group}
    assert not names & {"该公司", "我市", "全省首个传感器产业园", "城市"}


def test_city_leadership_is_not_an_organisation(reader: ChineseReader) -> None:
    result = _read(reader, "昨天上午，市委、市政府在江宁区召开全市制造业大会。")
    assert "市政府" not in _names(result, "organizations")


def test_places_inside_an_event_name_are_not_places(reader: ChineseReader) -> None:
    result = _read(reader, "第五届中国宁波国际半导体博览会开幕，嘉宾云集。")
    assert "宁波" not in _names(result, "places")


# -- places ------------------------------------------------------------------------------------------
def test_city_with_and_without_its_suffix_is_one_place(reader: ChineseReader) -> None:
    result = _read(reader, "绍兴市出台新政支持芯片企业。绍兴的集成电路产业规模持续扩大。")
    shaoxing = [p for p in result.places if p.name in {"绍兴", "绍兴市"}]
    assert len(shaoxing) == 1
    assert set(shaoxing[0].aliases) | {shaoxing[0].name} == {"绍兴", "绍兴市"}


def test_county_is_placed_by_the_division_codes(reader: ChineseReader) -> None:
    result = _read(reader, "淮安的涟水县近日引进一个电子材料项目。")
    assert ("涟水县", "淮安") in _rels(result, "part_of")


def test_district_written_with_its_city(reader: ChineseReader) -> None:
    result = _read(reader, "项目选址宁波市北仑区。宁波是浙江的港口城市，北仑区将提供配套服务。")
    places = _names(result, "places")
    assert "宁波市北仑区" in places and "北仑区" in places["宁波市北仑区"]
    assert any(head == "宁波市北仑区" and tail.startswith("宁波") for head, tail in _rels(result, "part_of"))
    # the city named only as the district's prefix is not a place of its own
    alone = _read(reader, "项目选址宁波市北仑区。北仑区将提供配套服务。")
    assert set(_names(alone, "places")) == {"宁波市北仑区"}


def test_province_and_city_written_together(reader: ChineseReader) -> None:
    result = _read(reader, "9月3日，安徽芜湖召开新能源汽车芯片推进会。")
    assert ("芜湖", "安徽") in _rels(result, "part_of")


# -- people and posts --------------------------------------------------------------------------------
def test_body_title_and_name_give_holds_position(reader: ChineseReader) -> None:
    result = _read(reader, "苏州华芯微电子有限公司董事长李明当选为会长。")
    assert [p.name for p in result.people] == ["李明"]
    rel = next(r for r in result.relations if r.type == "holds_position")
    assert (rel.head, rel.tail, rel.title) == ("李明", "苏州华芯微电子有限公司", "董事长")
    assert rel.rule == "holds_position.zh_title_before_name"


def test_post_chain_shares_the_body_written_first(reader: ChineseReader) -> None:
    result = _read(reader, "江门市委副书记、市长黄立群出席签约仪式。")
    rel = next(r for r in result.relations if r.type == "holds_position" and r.head == "黄立群")
    assert rel.tail.startswith("江门")
    assert set(rel.title.split("、")) == {"市委副书记", "市长"}  # type: ignore[union-attr]


def test_bare_city_post_goes_to_the_article_city(reader: ChineseReader) -> None:
    result = _read(reader, "昨日，副市长王建国会见了企业代表。盐城将继续支持芯片产业。")
    assert any(head == "王建国" and tail.startswith("盐城") for head, tail in _rels(result, "holds_position"))


def test_bare_provincial_post_gives_no_relation(reader: ChineseReader) -> None:
    result = _read(reader, "省委副书记、省长吴思远出席会议。")
    assert "吴思远" in _names(result, "people")
    assert not _rels(result, "holds_position")


def test_names_listed_after_one_title_share_it(reader: ChineseReader) -> None:
    result = _read(reader, "芜湖召开推进会，市领导陈一鸣、孙晓岚、郑启航等参加活动。")
    posts = _rels(result, "holds_position")
    assert {"陈一鸣", "孙晓岚", "郑启航"} <= {head for head, _ in posts}
    assert {tail for _, tail in posts} == {"芜湖"}


def test_second_person_in_a_list_shares_the_body(reader: ChineseReader) -> None:
    result = _read(reader, "无锡新吴区科技局局长冯博文、副局长蒋一凡一行到访企业。")
    posts = _rels(result, "holds_position")
    assert ("冯博文", "无锡新吴区科技局") in posts and ("蒋一凡", "无锡新吴区科技局") in posts


def test_post_taken_after_the_name(reader: ChineseReader) -> None:
    result = _read(reader, "浙江集成电路行业协会换届。宁波启辰电子有限公司总经理邱海涛当选为会长。")
    posts = _rels(result, "holds_position")
    assert ("邱海涛", "宁波启辰电子有限公司") in posts
    assert ("邱海涛", "浙江集成电路行业协会") in posts


def test_honorific_after_the_name(reader: ChineseReader) -> None:
    result = _read(reader, "会上，韦承泽院士作主题报告。")
    assert "韦承泽" in _names(result, "people")


def test_surname_and_title_is_an_alias(reader: ChineseReader) -> None:
    result = _read(reader, "开发区管委会副主任龚文涛介绍了园区情况。龚副主任表示，将做好服务。")
    assert "龚副主任" in _names(result, "people")["龚文涛"]


# -- located_in ---------------------------------------------------------------------------------------
def test_settle_verb_places_a_firm(reader: ChineseReader) -> None:
    result = _read(reader, "深圳锐迈半导体有限公司总部位于南山区。")
    assert ("深圳锐迈半导体有限公司", "南山区") in _rels(result, "located_in")


def test_at_place_builds(reader: ChineseReader) -> None:
    result = _read(reader, "长电科技将在宿迁投资建设新的封测工厂。")
    assert ("长电科技", "宿迁") in _rels(result, "located_in")


def test_place_attracts_a_list_of_firms(reader: ChineseReader) -> None:
    result = _read(reader, "近年来，盐城先后吸引了苏禾微、泰源科技等一批企业入驻。")
    placed = _rels(result, "located_in")
    assert {("苏禾微", "盐城"), ("泰源科技", "盐城")} <= placed


def test_site_of_a_firm(reader: ChineseReader) -> None:
    result = _read(reader, "目前，鼎芯科技有限公司西安基地已经投产。西安是重要的产业城市。")
    assert ("鼎芯科技有限公司", "西安") in _rels(result, "located_in")


def test_zone_committee_is_in_its_zone(reader: ChineseReader) -> None:
    result = _read(reader, "昆山高新技术产业开发区管委会与企业签约。昆山高新区将提供服务。")
    assert ("昆山高新技术产业开发区管委会", "昆山高新区") in _rels(result, "located_in")


def test_project_invested_by_a_firm_and_built_in_a_place(reader: ChineseReader) -> None:
    result = _read(reader, "总投资8亿元的光伏芯片项目签约落户盐城高新区。光伏芯片项目由南岭芯材有限公司投资建设。")
    assert ("南岭芯材有限公司", "盐城高新区") in _rels(result, "located_in")


def test_bare_project_is_the_article_project(reader: ChineseReader) -> None:
    result = _read(reader, "传感器封装项目由北辰微电子有限公司投资建设。项目选址合肥高新区，占地80亩。")
    assert ("北辰微电子有限公司", "合肥高新区") in _rels(result, "located_in")


def test_project_named_after_its_firm(reader: ChineseReader) -> None:
    result = _read(reader, "长电科技车规级封装项目在宿迁高新区奠基。")
    assert ("长电科技", "宿迁高新区") in _rels(result, "located_in")


def test_a_zone_with_and_without_its_zone_word(reader: ChineseReader) -> None:
    result = _read(reader, "新工厂坐落于北京市亦庄新城。亦庄的配套日益完善。")
    (etown,) = [p for p in result.places if "亦庄" in p.name]
    assert "亦庄" in {etown.name, *etown.aliases}


def test_no_place_no_located_in(reader: ChineseReader) -> None:
    result = _read(reader, "青禾半导体有限公司表示，公司将加大研发投入。")
    assert not _rels(result, "located_in")


# -- subsidiary_of -------------------------------------------------------------------------------------
def test_branch_named_after_its_parent(reader: ChineseReader) -> None:
    result = _read(reader, "浙江省半导体行业协会材料分会成立。浙江省半导体行业协会发来贺信。")
    assert ("浙江省半导体行业协会材料分会", "浙江省半导体行业协会") in _rels(result, "subsidiary_of")


def test_regional_company_of_a_firm(reader: ChineseReader) -> None:
    result = _read(reader, "汇川芯科技(成都)有限公司开业。汇川芯科技表示，成都团队将扩充。")
    assert ("汇川芯科技(成都)有限公司", "汇川芯科技") in _rels(result, "subsidiary_of")


def test_wholly_owned_subsidiary_cue(reader: ChineseReader) -> None:
    result = _read(reader, "北辰微电子有限公司全资子公司南岭芯材有限公司获得订单。")
    assert ("南岭芯材有限公司", "北辰微电子有限公司") in _rels(result, "subsidiary_of")


def test_two_unrelated_firms_are_not_parent_and_child(reader: ChineseReader) -> None:
    result = _read(reader, "北辰微电子有限公司与南岭芯材有限公司签署合作协议。")
    assert not _rels(result, "subsidiary_of")


# -- operates_in and rules -----------------------------------------------------------------------------
def test_atlas_company_segments(reader: ChineseReader) -> None:
    result = _read(reader, "中芯国际宣布扩产。")
    smic = next(o for o in result.organizations if o.atlas_id == "org:smic")
    assert "manufacturing" in smic.segments
    assert ("中芯国际", "manufacturing") in _rels(result, "operates_in")


def test_segment_word_in_a_company_name(reader: ChineseReader) -> None:
    result = _read(reader, "江苏润泽光刻胶有限公司新厂开工。")
    assert next(o for o in result.organizations if o.name == "江苏润泽光刻胶有限公司").segments == ["materials"]


def test_english_name_in_brackets_is_an_alias(reader: ChineseReader) -> None:
    result = _read(reader, "深圳云岫半导体有限公司(Yunxiu Semiconductor)发布新款芯片。")
    assert "Yunxiu Semiconductor" in _names(result, "organizations")["深圳云岫半导体有限公司"]


def test_every_relation_names_a_registered_rule(reader: ChineseReader) -> None:
    result = _read(reader, "苏州华芯微电子有限公司董事长李明表示，公司已落户苏州工业园区。中芯国际在北京投资建设新厂。")
    assert result.relations
    for relation in result.relations:
        assert relation.rule in ZH_RULES.rules
        assert relation.rule.startswith(f"{relation.type}.zh_")  # type: ignore[union-attr]


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


# -- located_in from the projects' sites ---------------------------------------------------------------
def test_project_parties_are_where_the_project_is_built(reader: ChineseReader) -> None:
    result = _read(reader, "沭阳县分会场的项目更为集中,如蓝岭微电子有限公司封装测试项目、天枢科技有限公司光刻胶项目等。")
    found = {(r.head, r.tail, r.rule) for r in result.relations if r.type == "located_in"}
    assert ("蓝岭微电子有限公司", "沭阳县", "located_in.zh_project_site") in found
    assert ("天枢科技有限公司", "沭阳县", "located_in.zh_project_site") in found


def test_a_project_set_only_by_the_article_places_no_party(reader: ChineseReader) -> None:
    result = _read(reader, "宿迁市召开产业大会。会上,蓝岭微电子有限公司封装测试项目签约。")
    assert not [r for r in result.relations if r.rule == "located_in.zh_project_site"]


def test_a_project_site_outranks_the_place_in_the_firm_name(reader: ChineseReader) -> None:
    result = _read(reader, "江苏今年新签一批半导体项目。沭阳县分会场的项目更为集中,如江苏蓝岭微电子有限公司封装测试项目、"
                           "天枢科技有限公司光刻胶项目等。")
    located = _rels(result, "located_in")
    assert ("江苏蓝岭微电子有限公司", "沭阳县") in located
    assert ("江苏蓝岭微电子有限公司", "江苏") not in located


def test_a_bureau_named_after_a_zone_type_is_in_the_zone_of_that_type(reader: ChineseReader) -> None:
    result = _read(reader, "5月8日,苏州工业园区产业促进局局长王明、高新区科技创新局副局长李华一行到访苏州高新区,"
                           "考察集成电路企业。苏州工业园区近年发展迅速。")
    assert ("高新区科技创新局", "苏州高新区") in _rels(result, "located_in")
    assert ("高新区科技创新局", "苏州工业园区") not in _rels(result, "located_in")


def test_a_bare_bureau_listed_after_a_national_body_is_not_local(reader: ChineseReader) -> None:
    result = _read(reader, "昨日,中科院前沿科学局、科技合作局相关负责人到访宿迁市,宿迁市科技局局长王明陪同。")
    located = _rels(result, "located_in")
    assert ("宿迁市科技局", "宿迁市") in located
    assert not [head for head, _ in located if head == "科技合作局"]


def test_a_zone_named_after_another_city_is_not_in_the_article_city(reader: ChineseReader) -> None:
    result = _read(reader, "5月8日,无锡高新区举行推介会,上海星河半导体有限公司总经理王明出席。上海是星河半导体总部所在地。")
    assert ("无锡高新区", "上海") not in _rels(result, "part_of")


def test_a_list_item_project_gives_the_segments_of_its_head_words(reader: ChineseReader) -> None:
    result = _read(reader, "宿迁市今年引进了星河科技有限公司高分辨率封装光刻设备、蓝岭电子有限公司多线切割机和蓝宝石、"
                           "天枢微电子有限公司新型设备配套材料等项目。")
    segments = {(r.head, r.tail) for r in result.relations if r.rule == "operates_in.zh_project_cue"}
    assert segments == {("星河科技有限公司", "equipment"), ("蓝岭电子有限公司", "equipment"),
                        ("蓝岭电子有限公司", "materials"), ("天枢微电子有限公司", "materials")}


def test_a_segment_word_outside_a_project_gives_no_segment(reader: ChineseReader) -> None:
    result = _read(reader, "星河科技有限公司总经理王明、蓝岭电子有限公司董事长李华出席了封装测试论坛。")
    assert _rels(result, "operates_in") == set()


def test_zones_written_without_their_city_nest_by_kind(reader: ChineseReader) -> None:
    result = _read(reader, "昨日,星光电子器件项目签约落户云港经济区。项目选址蓝湾生态新城,由星光电子有限公司投资建设。"
                           "星湖新区党工委书记王明出席签约仪式。王明表示,星湖新区将为企业做好服务。烟台市副市长李华出席。")
    part_of = _rels(result, "part_of")
    assert {("蓝湾生态新城", "云港经济区"), ("云港经济区", "星湖新区"), ("星湖新区", "烟台市")} <= part_of


def test_a_zone_named_with_its_city_takes_no_new_town(reader: ChineseReader) -> None:
    result = _read(reader, "昨日,星光电子器件项目签约落户成都高新区。项目选址蓝湾生态新城。成都市副市长李华出席。")
    part_of = _rels(result, "part_of")
    assert ("蓝湾生态新城", "成都市") in part_of and ("蓝湾生态新城", "成都高新区") not in part_of


def test_a_park_written_after_its_zone_is_a_place_of_its_own(reader: ChineseReader) -> None:
    result = _read(reader, "星河半导体有限公司拟选址宁西开发区赛岭新兴产业园内,建设功率器件生产线。")
    assert set(_names(result, "places")) == {"宁西开发区", "赛岭新兴产业园"}
    assert ("赛岭新兴产业园", "宁西开发区") in _rels(result, "part_of")
    assert ("星河半导体有限公司", "赛岭新兴产业园") in _rels(result, "located_in")


def test_a_zone_word_after_zuowei_is_a_description_not_a_place(reader: ChineseReader) -> None:
    result = _read(reader, "作为宿迁新城,洋河新区交通便利、产业基础良好。")
    assert "宿迁新城" not in _names(result, "places") and "洋河新区" in _names(result, "places")


def test_the_firm_at_the_head_of_a_listed_project_is_an_organisation(reader: ChineseReader) -> None:
    result = _read(reader, "宿迁市重大项目集中开工,其中半导体项目包括泗洪县的澜沧半导体模块项目、沭阳稳达芯片封装项目、"
                           "蓝岭大尺寸晶圆项目等。")
    assert {"澜沧半导体", "沭阳稳达", "蓝岭"} <= set(_names(result, "organizations"))
    assert ("澜沧半导体", "泗洪县") in _rels(result, "located_in")
    assert ("沭阳稳达", "packaging_testing") in _rels(result, "operates_in")


def test_a_sentence_subject_before_project_words_is_no_firm(reader: ChineseReader) -> None:
    result = _read(reader, "今年全市新建芯片封装项目和集成电路设计项目共10个。会上,全市新签芯片封装项目、集成电路设计项目等。")
    assert _names(result, "organizations") == {}
