"""Mentions typed and grouped into entities, on hand-made docs (no trained model)."""

from __future__ import annotations

from chipmap.extract.coref import Entity
from tests.extract.handmade import hand_context


def _entities(text: str, ents: list[tuple[str, str]]) -> dict[str, Entity]:
    return {e.name: e for e in hand_context(text, ents=ents).entities}


def test_a_name_a_descriptor_introduces_is_an_organisation_not_a_person() -> None:
    found = _entities("Funds went to a memory chip firm , Haichuang Yuntu , this year .",
                      [("Haichuang Yuntu", "PERSON")])
    assert found["Haichuang Yuntu"].type == "org"


def test_a_person_name_opening_with_a_place_is_a_company() -> None:
    assert _entities("Xiamen Lumina raised funds .", [("Xiamen Lumina", "PERSON")])["Xiamen Lumina"].type == "org"


def test_a_pinyin_name_with_a_surname_stays_a_person() -> None:
    assert _entities("Gao Wenbo raised funds .", [("Gao Wenbo", "PERSON")])["Gao Wenbo"].type == "person"


def test_a_title_ner_took_into_a_name_is_cut() -> None:
    found = _entities("Mayor Gao Wenbo spoke .", [("Mayor Gao Wenbo", "PERSON")])
    assert list(found) == ["Gao Wenbo"]


def test_a_compass_word_before_a_country_names_the_country() -> None:
    found = _entities("Firms in East China grew .", [("East China", "GPE")])
    [china] = found.values()
    assert china.atlas_id == "place:china" and "China" in china.aliases


def test_a_place_carries_its_bare_name() -> None:
    found = _entities("Firms in Jiangsu province grew .", [("Jiangsu province", "GPE")])
    assert "Jiangsu" in found["Jiangsu province"].aliases


def test_product_codes_and_amounts_are_not_names() -> None:
    assert _entities("The SA8155P chip cost RMB116 .", [("SA8155P", "ORG"), ("RMB116", "ORG")]) == {}


def test_a_short_form_without_place_and_suffix_is_the_long_name() -> None:
    found = _entities("Xiamen Lumina Technology Co opened in Xiamen . Lumina Technology hired staff .",
                      [("Xiamen Lumina Technology Co", "ORG"), ("Lumina Technology", "ORG"), ("Xiamen", "GPE")])
    assert found["Xiamen Lumina Technology Co"].aliases == ["Lumina Technology"]


def test_a_group_and_its_microelectronics_company_stay_two() -> None:
    found = _entities("Qiming Group owns Qiming Microelectronics .",
                      [("Qiming Group", "ORG"), ("Qiming Microelectronics", "ORG")])
    assert set(found) == {"Qiming Group", "Qiming Microelectronics"}


def test_a_misspelt_name_joins_the_right_one() -> None:
    found = _entities("Lumina Microelectronics grew . Lumina Micorelectronics said so .",
                      [("Lumina Microelectronics", "ORG"), ("Lumina Micorelectronics", "ORG")])
    assert len(found) == 1


def test_a_former_name_is_the_same_organisation() -> None:
    found = _entities("Haina Tech ( formerly Haixi Optics ) grew .",
                      [("Haina Tech", "ORG"), ("Haixi Optics", "ORG")])
    assert list(found) == ["Haina Tech"] and found["Haina Tech"].aliases == ["Haixi Optics"]


def test_two_names_for_one_government_merge() -> None:
    found = _entities("The People 's Government of Fujian Province and the Fujian provincial government agreed .",
                      [("People 's Government of Fujian Province", "ORG"),
                       ("Fujian provincial government", "ORG")])
    assert len(found) == 1


def test_a_zone_under_different_zone_words_is_one_place() -> None:
    found = _entities("The Xiamen Haicang High Technology Park grew . Haicang park in Xiamen hired staff .",
                      [("Xiamen Haicang High Technology Park", "GPE"), ("Haicang park", "GPE"), ("Xiamen", "GPE")])
    assert found["Xiamen Haicang High Technology Park"].aliases == ["Haicang park"]


def test_a_parent_named_inside_its_unit_stays_apart() -> None:
    found = _entities("EXA Electronics Industry Sub - Council and EXA met .",
                      [("EXA Electronics Industry Sub - Council", "ORG"), ("EXA", "ORG")])
    assert set(found) == {"EXA Electronics Industry Sub-Council", "EXA"}


def test_members_of_a_list_of_investors_are_investors() -> None:
    found = _entities("Other investors include Riverbend Holding , Haixi Group and Donghai Capital .",
                      [("Riverbend Holding", "ORG"), ("Haixi Group", "ORG"), ("Donghai Capital", "ORG")])
    assert {e.kind for e in found.values()} == {"investor"}
