"""A Chinese article takes the same path as an English one: read, extracted by the Chinese
reader inside the one extraction loop, resolved and stored."""

from __future__ import annotations

from pathlib import Path

import chipmap

#: Written for this test: a Wuxi news item about a design house and a foundry.
CHINESE = (
    "无锡高新区昨日举行集成电路项目签约仪式。\n\n"
    "华虹半导体在无锡高新区投资建设的十二英寸生产线进展顺利，"
    "长电科技也在江阴扩建封装测试基地。无锡市副市长出席签约仪式并致辞。\n"
)
ENGLISH = "JCET expanded its packaging plant in Jiangyin, a county-level city under Wuxi.\n"


def test_build_stores_entities_of_a_chinese_article(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "wuxi-zh.txt").write_text(CHINESE, encoding="utf-8")
    (news / "wuxi-en.txt").write_text(ENGLISH, encoding="utf-8")
    db = tmp_path / "g.db"
    summary = chipmap.build([news], db=db, atlas=False)
    assert summary.added == 2 and not summary.errors
    with chipmap.open(db) as graph:
        counts = graph.counts()
        assert counts["entities"] > 0 and counts["mentions"] > 0
        jcet = graph.entity("长电科技")
        assert jcet.atlas_id == "org:jcet"
        # the English article's JCET is the same entity
        assert graph.entity("JCET").id == jcet.id
        chinese = [a for a in graph.articles(entity=jcet.id) if "长电科技" in graph.article(a.id).text]
        assert chinese, "the Chinese article is among JCET's articles"
