"""Resolution's review side: "possibly same as" candidates instead of silent splits, and verdicts replayed.

Hand-built index, no database: each test pins one rule of chipmap.resolve.candidates or
chipmap.resolve.verdicts.
"""

from __future__ import annotations

import pytest

from chipmap.records import ArticleExtraction, Organization
from chipmap.resolve import (
    EntityIndex,
    IndexView,
    KnownEntity,
    Mention,
    Side,
    Verdict,
    Verdicts,
    resolve_article,
    resolve_mention,
)


@pytest.fixture()
def index() -> EntityIndex:
    index = EntityIndex()
    for entity_id, name, kind, atlas in [
        ("org:x-jinghong-optics", "Jinghong Optics", "company", None),
        ("org:x-ruixin-semiconductor", "Ruixin Semiconductor", "company", None),
        ("org:x-yangtze-memory", "Yangtze Memory", "company", None),
        ("org:x-hefei-fab-7", "Hefei Fab 7", "company", None),
        ("org:x-big-fund-phase-one", "Big Fund Phase One", "investor", None),
        ("org:x-chartered-semiconductor", "Chartered Semiconductor", "company", None),
        ("org:x-zhuoyue-capital", "Zhuoyue Capital", "investor", None),
        ("org:tianmu-lab", "Tianmu Lake Laboratory", "academic", "org:tianmu-lab"),
    ]:
        index.add(KnownEntity(entity_id, "org", kind, name, atlas))
    return index


@pytest.mark.parametrize(
    ("mention", "other", "reason"),
    [
        (Mention("org", "Jinghong Optical", kind="company"), "org:x-jinghong-optics", "fuzzy"),
        (Mention("org", "Ruixin Semiconductors Suzhou", kind="company"), "org:x-ruixin-semiconductor", "fuzzy"),
        (Mention("org", "Zhuoyue Capital Management", kind="investor"), "org:x-zhuoyue-capital", "contained"),
        (Mention("org", "Tianmu Lake Lab", kind="academic"), "org:tianmu-lab", "atlas"),
        (Mention("org", "Zhuoyue Capitals", kind="company"), "org:x-zhuoyue-capital", "other-kind"),
    ],
    ids=["band below the merge threshold", "band, added word", "contained", "atlas name", "other kind"],
)
def test_an_uncertain_match_becomes_a_candidate_not_a_merge(index: EntityIndex, mention: Mention, other: str,
                                                            reason: str) -> None:
    decision = resolve_mention(mention, IndexView(index))
    assert decision.reason == "new"
    assert [(c.entity_id, c.reason) for c in decision.candidates][:1] == [(other, reason)]
    candidate = decision.candidates[0]
    assert 0 < candidate.score <= 1 and mention.name in candidate.detail


@pytest.mark.parametrize(
    "mention",
    [Mention("org", "Hefei Fab 8", kind="company"),  # digits differ
     Mention("org", "Big Fund Phase Two", kind="investor"),  # ordinals differ
     Mention("org", "Huada Semiconductor", kind="company"),  # alike only in generic words
     Mention("person", "Jinghong Optical")],  # people are never proposed
)
def test_names_known_to_differ_are_not_proposed(index: EntityIndex, mention: Mention) -> None:
    decision = resolve_mention(mention, IndexView(index))
    assert decision.reason == "new" and decision.candidates == ()


@pytest.mark.parametrize(
    ("mention", "entity_id", "reason"),
    [
        (Mention("org", "Yangtze Memory Technologies", kind="company"), "org:x-yangtze-memory", "core"),
        (Mention("org", "Jinghong", kind="company"), "org:x-jinghong-optics", "new"),  # optics is no generic tail
        (Mention("org", "Chartered", kind="company"), "org:x-chartered-semiconductor", "core"),
        (Mention("org", "Ruixin", kind="company"), "org:x-ruixin-semiconductor", "core"),
        (Mention("org", "Tianmu Lake Laboratory Technology", kind="academic"), "org:tianmu-lab", "core"),
    ],
)
def test_names_that_differ_by_generic_tails_are_one_organisation(index: EntityIndex, mention: Mention,
                                                                 entity_id: str, reason: str) -> None:
    decision = resolve_mention(mention, IndexView(index))
    assert decision.reason == reason
    assert (decision.entity_id == entity_id) == (reason != "new")


def test_a_core_name_shared_by_two_organisations_is_a_candidate_not_a_merge(index: EntityIndex) -> None:
    index.add(KnownEntity("org:x-ruixin-technology", "org", "company", "Ruixin Technology"))
    decision = resolve_mention(Mention("org", "Ruixin", kind="company"), IndexView(index))
    assert decision.reason == "new"
    assert {c.entity_id for c in decision.candidates if c.reason == "core"} == {
        "org:x-ruixin-semiconductor", "org:x-ruixin-technology"}


def test_a_core_that_is_a_place_identifies_nobody(index: EntityIndex) -> None:
    index.add(KnownEntity("place:wuxi", "place", "city", "Wuxi", "place:wuxi"))
    index.add(KnownEntity("org:x-wuxi-technology", "org", "company", "Wuxi Technology"))
    assert resolve_mention(Mention("org", "Wuxi", kind="company"), IndexView(index)).reason == "new"


@pytest.mark.parametrize(
    ("known", "mention", "kind"),
    [
        ("Hua Hong Semiconductor", "Huahong Semiconductor", "org"),
        ("Lingang", "Lin-gang", "place"),
        ("Huangpu District", "Huangpu", "place"),
        ("Gaobu", "Gaobu Town", "place"),
        ("南谯区", "南谯", "place"),
        ("北京市亦庄", "亦庄", "place"),
        ("Zhao Haijun", "Dr. Haijun Zhao", "person"),
        ("Chen Run'er", "Chen Runer", "person"),
    ],
)
def test_spelling_order_and_level_variants_are_one_entity(known: str, mention: str, kind: str) -> None:
    index = EntityIndex()
    index.add(KnownEntity("x:known", kind, "district" if kind == "place" else "", known))
    decision = resolve_mention(Mention(kind, mention, kind="district" if kind == "place" else ""), IndexView(index))
    assert (decision.entity_id, decision.reason) == ("x:known", "variant")


@pytest.mark.parametrize(
    ("known", "mention", "kind", "mention_kind"),
    [("Wuxi", "Wuxi National Hi-tech District", "place", "district"),  # a zone is not its city
     ("Suzhou", "Suzhou District", "place", "district"),  # kinds disagree
     ("Zhao", "Dr. Zhao", "person", "")],  # one word names nobody
)
def test_variants_do_not_join_what_differs(known: str, mention: str, kind: str, mention_kind: str) -> None:
    index = EntityIndex()
    index.add(KnownEntity("x:known", kind, "city" if kind == "place" else "", known))
    decision = resolve_mention(Mention(kind, mention, kind=mention_kind), IndexView(index))
    assert decision.entity_id != "x:known"


def test_a_sure_merge_carries_no_candidates(index: EntityIndex) -> None:
    decision = resolve_mention(Mention("org", "Jinghong Optics Co., Ltd.", kind="company"), IndexView(index))
    assert (decision.entity_id, decision.reason, decision.candidates) == ("org:x-jinghong-optics", "name", ())


def _side(entity_id: str, name: str, *names: str) -> Side:
    return Side(entity_id, name, names)


def test_a_same_verdict_routes_a_new_name_to_the_judged_entity(index: EntityIndex) -> None:
    verdicts = Verdicts.of([Verdict("org", "same", _side("org:x-jinghong-optics", "Jinghong Optics"),
                                    _side("org:x-jinghong-optical", "Jinghong Optical", "JH Optical"))])
    for name in ("Jinghong Optical", "JH Optical"):
        decision = resolve_mention(Mention("org", name, kind="company"), IndexView(index), verdicts=verdicts)
        assert (decision.entity_id, decision.reason) == ("org:x-jinghong-optics", "review"), name


def test_same_verdicts_chain(index: EntityIndex) -> None:
    verdicts = Verdicts.of([
        Verdict("org", "same", _side("org:x-a", "Alpha Chips"), _side("org:x-b", "Alpha Semiconductor Works")),
        Verdict("org", "same", _side("org:x-b", "Alpha Semiconductor Works"), _side("org:x-c", "ASW")),
    ])
    index.add(KnownEntity("org:x-alpha-chips", "org", "company", "Alpha Chips"))
    decision = resolve_mention(Mention("org", "ASW"), IndexView(index), verdicts=verdicts)
    assert (decision.entity_id, decision.reason) == ("org:x-alpha-chips", "review")


def test_a_different_verdict_vetoes_fuzzy_merges_and_candidates(index: EntityIndex) -> None:
    mention = Mention("org", "Jinghong Opticss", kind="company")
    assert resolve_mention(mention, IndexView(index)).reason == "fuzzy"
    verdicts = Verdicts.of([Verdict("org", "different", _side("org:x-jinghong-optics", "Jinghong Optics"),
                                    _side("org:x-other", "Jinghong Opticss"))])
    decision = resolve_mention(mention, IndexView(index), verdicts=verdicts)
    assert decision.reason == "new" and decision.candidates == ()


def test_a_verdict_needs_a_known_kind_of_judgement() -> None:
    with pytest.raises(ValueError, match="verdict"):
        Verdict("org", "maybe", _side("org:a", "A"), _side("org:b", "B"))


def test_candidates_within_one_article_and_replay_over_a_whole_article(index: EntityIndex) -> None:
    extraction = ArticleExtraction(id="a", organizations=[
        Organization(name="Qiyuan Photonics Devices", kind="company"),
        Organization(name="Qiyuan Photonic Devices Wuxi", kind="company"),
    ])
    first = resolve_article(extraction, index)
    (_, one), (_, two) = first.decisions
    assert two.reason == "new" and [c.entity_id for c in two.candidates] == [one.entity_id]
    verdicts = Verdicts.of([Verdict("org", "same", _side(one.entity_id, "Qiyuan Photonics Devices"),
                                    _side(two.entity_id, "Qiyuan Photonic Devices Wuxi"))])
    again = resolve_article(extraction, index, verdicts=verdicts)
    assert {d.entity_id for _, d in again.decisions} == {one.entity_id}
    assert [d.reason for _, d in again.decisions] == ["new", "review"]
