"""Name proposals and name keys without a trained model: pinyin, name keys, capitalised runs,
list completion, legal tails, and the repairs the span selector leaves to its neighbours."""

from __future__ import annotations

import pytest
from spacy.language import Language

from chipmap.atlas import normalise_name
from chipmap.atlas.index import core_name
from chipmap.extract.lexicon import is_pinyin
from chipmap.extract.names import SpanProposal, is_headline, pattern_candidates, zone_like
from chipmap.extract.repairs import complete_lists, extend_legal_tails, join_place_and_name
from tests.extract.handmade import hand_doc


@pytest.mark.parametrize("word", ["Wenbo", "Xiaoming", "Jianguo", "Xiao'an", "Haiyan", "Zhiqiang", "Yuntao"])
def test_pinyin_given_names(word: str) -> None:
    assert is_pinyin(word)


@pytest.mark.parametrize("word", ["Riverbend", "Semiconductor", "Intel", "Qualcomm", "Broadcom"])
def test_english_words_are_not_pinyin(word: str) -> None:
    assert not is_pinyin(word)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Haina Yuntu Semiconductor Technology Co., Ltd.", "haina yuntu semiconductor technology"),
        ("The Riverside New Area", "riverside new area"),
        ("Xiamen's", "xiamen"),
        ("Lumina Devices (Xiamen)", "lumina devices xiamen"),
        ("Investment & Promotion Office", "investment and promotion office"),
        ("Meridian Semiconductor GmbH", "meridian semiconductor"),  # one legal-suffix list
    ],
)
def test_normalise_name_folds_like_the_scorer(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_core_name_drops_generic_tails_only() -> None:
    assert core_name("Haina Yuntu Technology Co., Ltd.") == "haina yuntu"
    assert core_name("Semiconductor Technology") == ""


def _spans(blank: Language, text: str) -> set[tuple[str, str]]:
    blank.add_pipe("sentencizer")
    doc = blank(text)
    return {(doc[c.start : c.end].text, c.label) for c in pattern_candidates(doc)}


def test_capitalised_runs_ending_in_heads_are_candidates(blank: Language) -> None:
    found = _spans(blank, "Officials from the Xiamen Torch Hi-tech Industry Development Zone met the "
                          "Haixi Association for Science and Technology Exchange in town.")
    assert ("Xiamen Torch Hi-tech Industry Development Zone", "GPE") in found
    assert ("Haixi Association for Science and Technology Exchange", "ORG") in found


def test_coordinated_bureaus_split_but_idioms_stay_whole(blank: Language) -> None:
    found = _spans(blank, "It met the Commerce & Trade Bureau and Investment Promotion Bureau here.")
    assert ("Commerce & Trade Bureau", "ORG") in found
    assert ("Investment Promotion Bureau", "ORG") in found
    assert not any("and Investment" in text for text, _ in found)


def test_title_before_of_is_not_part_of_the_name(blank: Language) -> None:
    found = _spans(blank, "He is Executive Vice President of the Haixi Electronics and Information "
                          "Industry Development Institute now.")
    assert ("Haixi Electronics and Information Industry Development Institute", "ORG") in found


def test_based_adjective_breaks_a_name(blank: Language) -> None:
    found = _spans(blank, "Gao Wenbo runs Xiamen-based Lumina Technology now.")
    assert ("Lumina Technology", "ORG") in found
    assert not any(text.startswith("Xiamen") for text, _ in found)


def test_a_run_stops_where_an_abbreviation_ended_the_sentence(blank: Language) -> None:
    found = _spans(blank, "The zone hosts Haina Precision Equipment Co. The Haixi Centre for Packaging won a prize.")
    assert not any("Co. The" in text for text, _ in found)


def test_headline_lines_are_recognised(blank: Language) -> None:
    assert is_headline(blank("Chip Industry Tops Riverside Area Priority List")[:])
    assert not is_headline(blank("The Riverside Area Of Xiamen Will Focus On Chips.")[:])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Riverside New Area", True), ("Xiamen Integrated Circuit Design Industrial Park", True),
     ("Lumina Stage", False), ("Industrial Park", True)],
)
def test_zone_like(blank: Language, text: str, expected: bool) -> None:
    assert zone_like(blank(text)[:]) is expected


def test_a_list_with_two_companies_completes_itself() -> None:
    doc = hand_doc("vendors Haina , Lumina , Qiming and Xinhe Micro sell phones .")
    chosen = [SpanProposal(1, 2, "ORG", "ner"), SpanProposal(5, 6, "GPE", "ner"), SpanProposal(7, 9, "ORG", "ner")]
    repaired = {(doc[c.start : c.end].text, c.label) for c in complete_lists(doc, chosen)}
    assert {("Lumina", "ORG"), ("Qiming", "ORG"), ("Xinhe Micro", "ORG"), ("Haina", "ORG")} <= repaired


def test_a_list_of_people_is_left_alone() -> None:
    doc = hand_doc("Gao Wenbo , Li Na and Haina met .")
    chosen = [SpanProposal(0, 2, "PERSON", "ner"), SpanProposal(3, 5, "PERSON", "ner")]
    assert complete_lists(doc, chosen) == chosen


def test_a_legal_suffix_after_a_comma_joins_the_name() -> None:
    doc = hand_doc("Meridian Technologies , Inc. said so .")
    chosen = [SpanProposal(0, 2, "ORG", "ner"), SpanProposal(3, 4, "ORG", "ner")]
    assert [(c.start, c.end) for c in extend_legal_tails(doc, chosen)] == [(0, 4)]


def test_a_known_place_run_into_an_unknown_name_is_a_company() -> None:
    doc = hand_doc("Xiamen Lumina and Xiamen Haicang grew .")
    chosen = [SpanProposal(0, 1, "GPE", "atlas", "place:xiamen"), SpanProposal(1, 2, "GPE", "ner")]
    assert [(c.start, c.end, c.label) for c in join_place_and_name(doc, chosen)] == [(0, 2, "ORG")]
    assert join_place_and_name(doc, [chosen[0]]) == [chosen[0]]
