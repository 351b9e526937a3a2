"""`chipmap build` of an English and a Chinese article: one graph for both languages.

The articles are written for this test. Atlas companies named in both (SMIC / 中芯国际, JCET /
长电科技) are single entities carrying both surface forms; a firm the atlas does not know is one
entity too when the English article gives its Chinese name in brackets, named in English; a firm
known only from the Chinese article keeps its Chinese name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import chipmap
from chipmap.cli import app

ENGLISH = (
    "SMIC said on Monday that it will add a 12-inch production line in Beijing.\n\n"
    "JCET, the packaging and testing company, expanded its plant in Jiangyin.\n\n"
    "Yunxiu Semiconductor (云岫半导体) opened a chip design centre in Hefei, its chief executive said.\n"
)
CHINESE = (
    "中芯国际宣布在北京扩建十二英寸生产线，预计明年投产。\n\n"
    "长电科技在江阴扩大封装测试产能，新厂房已经封顶。\n\n"
    "云岫半导体在合肥设立芯片设计中心。启明芯、岳川电子等多家企业陆续签约落户合肥高新区。\n"
)
runner = CliRunner()


@pytest.mark.parametrize("order", [("en", "zh"), ("zh", "en")], ids=["english-first", "chinese-first"])
def test_build_of_both_languages_gives_one_graph(tmp_path: Path, order: tuple[str, str]) -> None:
    news = tmp_path / "news"
    news.mkdir()
    texts = {"en": ENGLISH, "zh": CHINESE}
    for number, language in enumerate(order):
        (news / f"{number}-{language}.txt").write_text(texts[language], encoding="utf-8")
    db = str(tmp_path / "graph.db")
    built = runner.invoke(app, ["build", str(news), "--db", db, "--json"])
    assert built.exit_code == 0, built.output
    with chipmap.open(db) as graph:
        for english, chinese in (("SMIC", "中芯国际"), ("JCET", "长电科技")):
            entity = graph.entity(chinese)
            assert graph.entity(english).id == entity.id
            forms = graph.surface_forms(entity.id)
            assert forms[english] and forms[chinese], "both surface forms come from the news"
            assert entity.name_zh
        yunxiu = graph.entity("云岫半导体")
        assert graph.entity("Yunxiu Semiconductor").id == yunxiu.id
        assert (yunxiu.name, yunxiu.name_zh) == ("Yunxiu Semiconductor", "云岫半导体")
        assert graph.entity("启明芯").name == "启明芯"
    shown = runner.invoke(app, ["entity", "长电科技", "--db", db])
    assert shown.exit_code == 0 and "长电科技" in shown.output and "JCET" in shown.output
    answer = json.loads(runner.invoke(app, ["entity", "JCET", "--db", db, "--json"]).output)
    assert answer["entity"]["name_zh"]
