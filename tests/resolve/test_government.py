"""Government names: every common English and Chinese form of one body gives one key."""

from __future__ import annotations

import pytest

from chipmap.resolve import EntityIndex, IndexView, KnownEntity, Mention, name_key, resolve_mention
from chipmap.resolve.government import government_key


@pytest.mark.parametrize(
    "forms",
    [
        ("Hefei city government", "Hefei Municipal Government", "Hefei municipal government",
         "Hefei Municipal People's Government", "People's Government of Hefei", "the Hefei government",
         "Municipal People's Government of Hefei", "Hefei People's Government", "Hefei City People's Government"),
        ("People's Government of Anhui Province", "Anhui Provincial Government",
         "Anhui Provincial People's Government", "Government of Anhui Province"),
        ("People's Government of Pukou District, Nanjing", "Pukou District Government",
         "Pukou district people's government"),
        ("People's Government of Pudong New Area, Shanghai", "Pudong New Area Government"),
        ("合肥市人民政府", "合肥市政府"),
        ("南京市浦口区人民政府", "浦口区人民政府", "浦口区政府"),
        ("安徽省人民政府", "安徽省政府"),
    ],
    ids=["city", "province", "district with parent", "new area", "zh city", "zh district", "zh province"],
)
def test_government_forms_share_one_key(forms: tuple[str, ...]) -> None:
    assert len({name_key(form) for form in forms}) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Anhui Provincial Government", "Anhui city government"),  # province is not a city
        ("Hefei city government", "Wuxi city government"),
        ("Pukou District Government", "Pukou County Government"),
        ("安徽省人民政府", "安徽市人民政府"),
    ],
)
def test_different_levels_and_places_keep_different_keys(first: str, second: str) -> None:
    assert name_key(first) != name_key(second)


@pytest.mark.parametrize(
    "name",
    ["the local government", "municipal government", "central government", "Chinese government",
     "Jiangsu Government Investment Fund", "Hefei Municipal Party Committee and Government", "中央政府", "市政府",
     "Government Work Report"],
)
def test_names_without_a_place_are_left_alone(name: str) -> None:
    from chipmap.atlas import normalise_name

    assert government_key(normalise_name(name)) == normalise_name(name)


def test_city_government_forms_resolve_to_the_atlas_body() -> None:
    index = EntityIndex()
    index.add(KnownEntity("org:hefei-gov", "org", "government", "Hefei Municipal People's Government",
                          "org:hefei-gov"), ["合肥市人民政府"])
    view = IndexView(index)
    for form in ("Hefei city government", "People's Government of Hefei", "合肥市政府"):
        decision = resolve_mention(Mention("org", form, kind="government"), view)
        assert decision.entity_id == "org:hefei-gov", form
