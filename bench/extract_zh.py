"""Chinese extraction throughput: ``ChineseReader`` on articles of about 600 characters.

The articles are put together from sentences written for this benchmark (invented firms and
people, real places and atlas companies), so no outside text is needed. Throughput is counted
on the process's CPU time, so it reads as articles per second per core whatever else runs on
the machine; the reader's start-up (atlas gazetteer, jieba's dictionary) is reported apart.
"""

from __future__ import annotations

import random
import time
from typing import Any

from chipmap.records import Article

_FIRMS = ("苏州明澜微电子股份有限公司", "蓝岸科技", "启明芯", "岳川电子有限公司", "华东晶源半导体有限公司",
          "宁波启辰电子有限公司", "深圳锐迈半导体有限公司", "北辰微电子有限公司", "南岭芯材有限公司",
          "中芯国际", "长电科技", "江苏润泽光刻胶有限公司")
_PLACES = ("合肥高新区", "南通经济技术开发区", "宁波市北仑区", "盐城", "绍兴市", "淮安", "芜湖", "无锡",
           "成都", "西安", "南京市江宁区", "苏州工业园区")
_PEOPLE = ("黄立群", "陈一鸣", "孙晓岚", "邱海涛", "冯博文", "蒋一凡", "韦承泽", "郑启航")
_SENTENCES = (
    "{d}，{firm}在{place}投资建设的集成电路封装测试基地正式开工，项目总投资{n}亿元。",
    "{firm}董事长{person}表示，公司将继续加大研发投入，力争三年内实现量产。",
    "{place}市委副书记、市长{person}出席活动并致辞，希望企业在当地发展壮大。",
    "近年来，{place}先后吸引了{firm}、{firm2}等一批企业入驻，产业集聚效应不断显现。",
    "{firm}全资子公司{firm2}获得新一轮融资，资金将用于扩充产线。",
    "今年以来，{firm}、{firm2}等多家企业陆续签约落户{place}。",
    "据介绍，该项目位于{place}，规划用地{n}0亩，建成后可实现年产值{n}亿元。",
    "副市长{person}、{firm}总经理{person2}等参加签约仪式。",
    "{firm}(简称“{short}”)是国内领先的半导体设备企业，{short}的客户遍布全国。",
    "会上，{person}院士作主题报告，介绍了第三代半导体材料的发展趋势。",
)


def generate(count: int, *, seed: int = 11, chars: int = 600) -> list[str]:
    """``count`` article texts of about ``chars`` characters each."""
    rng = random.Random(seed)
    texts: list[str] = []
    for _ in range(count):
        parts: list[str] = []
        while sum(map(len, parts)) < chars:
            firm, firm2 = rng.sample(_FIRMS, 2)
            person, person2 = rng.sample(_PEOPLE, 2)
            parts.append(rng.choice(_SENTENCES).format(
                d=f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日", firm=firm, firm2=firm2,
                place=rng.choice(_PLACES), person=person, person2=person2, n=rng.randint(2, 90),
                short=firm[:2]))
        texts.append("".join(parts))
    return texts


def run(quick: bool = False) -> list[dict[str, Any]]:
    from chipmap.atlas import default_atlas
    from chipmap.extract.chinese import ChineseReader

    count = 100 if quick else 600
    texts = generate(count)
    articles = [Article(id=f"zh{i}", text=t, language="zh") for i, t in enumerate(texts)]
    started = time.perf_counter()
    reader = ChineseReader(default_atlas())
    load_s = time.perf_counter() - started
    for article in articles[:5]:
        reader.read(article)  # warm up caches
    best = float("inf")
    for _ in range(2):
        cpu = time.process_time()
        for article in articles:
            reader.read(article)
        best = min(best, time.process_time() - cpu)
    avg = sum(map(len, texts)) / len(texts)
    return [
        {"name": "Chinese reader", "value": round(count / best, 1), "unit": "articles/s per core",
         "note": f"{count} articles of {avg:.0f} characters, CPU time, best of 2 (target >= 100)"},
        {"name": "Chinese reader start-up", "value": round(load_s, 2), "unit": "s",
         "note": "atlas gazetteer and jieba's dictionary (from its cache)"},
    ]
