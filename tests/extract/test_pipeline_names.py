"""End to end with the real English pipeline: names found, typed and grouped (sentences written for the tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chipmap.records import ArticleExtraction
from tests.extract.helpers import all_forms, names

Read = Callable[..., ArticleExtraction]

NOISE_CASES = [
    ("Mayor Gao Wenbo said IC and AI firms will grow in Xiamen.", {"IC", "AI"}),
    ("The company said it will add MEMS and IGBT lines at Fab 9 in Wuxi.", {"MEMS", "IGBT", "Fab 9"}),
    ("Chinese companies raised 15.8 billion US dollars for chip plants.", {"US", "Chinese"}),
    ("He said the government would support them, and they agreed.", {"He", "they", "the government"}),
]


@pytest.mark.parametrize(("text", "noise"), NOISE_CASES)
def test_generic_phrases_are_not_entities(read: Read, text: str, noise: set[str]) -> None:
    result = read(text)
    found = all_forms(result, "people") | all_forms(result, "organizations") | all_forms(result, "places")
    assert not (found & noise), found & noise


def test_acronym_in_brackets_joins_the_full_name(read: Read) -> None:
    result = read("Semiconductor Manufacturing International Corporation (SMIC) opened a fab. Later, SMIC said "
                  "output rose.")
    smic = [o for o in result.organizations if "SMIC" in [o.name, *o.aliases]]
    assert len(smic) == 1 and smic[0].atlas_id == "org:smic"


def test_short_form_of_an_unknown_company_joins_its_full_name(read: Read) -> None:
    result = read("Zhenhai Lumina Semiconductor Technology Co opened a plant in Ningbo. Lumina plans a second line.")
    orgs = [o for o in result.organizations if "Lumina" in [o.name, *o.aliases]]
    assert [o.name for o in orgs] == ["Zhenhai Lumina Semiconductor Technology Co"]


def test_surname_joins_the_full_person_name(read: Read) -> None:
    result = read("Gao Wenbo spoke first. Gao encouraged Xiamen to keep investing.")
    assert [(p.name, p.aliases) for p in result.people] == [("Gao Wenbo", ["Gao"])]


def test_two_people_with_one_surname_stay_apart(read: Read) -> None:
    result = read("Wang Haiyan met Wang Jianguo in Hefei. Wang said the talks went well.")
    assert names(result, "people") == {"Wang Haiyan", "Wang Jianguo"}


def test_parent_and_local_unit_stay_two_entities(read: Read) -> None:
    result = read("Lumina Devices (Xiamen) started mass production, Lumina Devices said on Monday.")
    assert {"Lumina Devices", "Lumina Devices (Xiamen)"} <= names(result, "organizations")


def test_companies_listed_with_known_ones_are_found(read: Read) -> None:
    result = read("Handset vendors Huawei, Lumora, Vivaxo and ZTE use its chips.")
    assert {"Lumora", "Vivaxo"} <= names(result, "organizations")


def test_atlas_aliases_in_two_languages_resolve_to_one_id(atlas: object) -> None:
    from chipmap.atlas import Atlas

    assert isinstance(atlas, Atlas)
    ids = {tuple(atlas.lookup(n)) for n in ("中芯国际", "SMIC", "Semiconductor Manufacturing International Corporation")}
    assert ids == {("org:smic",)}


def test_possessive_place_before_a_name_is_its_own_place(read: Read) -> None:
    result = read("China's Ministry of Industry and Information Technology (MIIT) issued rules.")
    assert "Ministry of Industry and Information Technology" in names(result, "organizations")
    assert "China" in names(result, "places")


def test_apostrophe_place_names_survive_the_noise_filter(read: Read) -> None:
    result = read("Samsung's memory plant in Xi'an produced its first wafers in 2014.")
    assert "Xi'an" in names(result, "places")


def test_measurements_are_cut_from_place_names_but_years_stay_in_event_names(read: Read) -> None:
    result = read("Lumina added a second Beijing 12-inch fab. SEMICON China 2019 opened in Shanghai.")
    assert "Beijing" in names(result, "places")
    assert not any("12" in p for p in names(result, "places"))
    assert "SEMICON China 2019" in {e.name for e in result.events}


def test_a_dateline_in_capitals_is_a_place(read: Read) -> None:
    result = read("HANGZHOU, May 3 - Lumina Devices said sales rose.")
    assert "Hangzhou" in {f.title() for f in all_forms(result, "places")}
