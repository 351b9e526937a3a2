"""Rule functions on hand-built docs: no trained model needed (spacy.blank)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from chipmap.atlas import normalise_name
from chipmap.atlas.index import core_name
from chipmap.extract.lexicon import is_pinyin
from chipmap.extract.names import is_headline, pattern_candidates, zone_like


@pytest.mark.parametrize("word", ["Nuan", "Aici", "Changgen", "Zixue", "Jing'an", "Zhongfeng", "Xiaogang"])
def test_pinyin_given_names(word: str) -> None:
    assert is_pinyin(word)


@pytest.mark.parametrize("word", ["Starblaze", "Deloitte", "Semiconductor", "Intel", "Qualcomm"])
def test_english_words_are_not_pinyin(word: str) -> None:
    assert not is_pinyin(word)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Shanghai Xinsheng Semiconductor Technology Co., Ltd.", "shanghai xinsheng semiconductor technology"),
        ("The Binhai New Area", "binhai new area"),
        ("Shaoxing's", "shaoxing"),
        ("JCET (Shaoxing)", "jcet shaoxing"),
        ("Investment & Promotion Bureau", "investment and promotion bureau"),
    ],
)
def test_normalise_name_folds_like_the_scorer(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_core_name_drops_generic_tails_only() -> None:
    assert core_name("Tianshui Huatian Technology Co., Ltd.") == "tianshui huatian"
    assert core_name("Semiconductor Technology") == ""


def _spans(blank: Language, text: str) -> set[tuple[str, str]]:
    blank.add_pipe("sentencizer")
    doc = blank(text)
    return {(doc[c.start : c.end].text, c.label) for c in pattern_candidates(doc)}


def test_capitalised_runs_ending_in_heads_are_candidates(blank: Language) -> None:
    found = _spans(blank, "Officials from the Hefei State Hi-tech Industry Development Zone met the "
                          "China Association for Science and Technology Reform in town.")
    assert ("Hefei State Hi-tech Industry Development Zone", "GPE") in found
    assert ("China Association for Science and Technology Reform", "ORG") in found


def test_coordinated_bureaus_split_but_idioms_stay_whole(blank: Language) -> None:
    found = _spans(blank, "It met the Economic & Trade Bureau and Investment Promotion Bureau here.")
    assert ("Economic & Trade Bureau", "ORG") in found
    assert ("Investment Promotion Bureau", "ORG") in found
    assert not any("and Investment" in text for text, _ in found)


def test_title_before_of_is_not_part_of_the_name(blank: Language) -> None:
    found = _spans(blank, "He is Executive Vice President of the China Electronics and Information "
                          "Industry Development Institute now.")
    assert ("China Electronics and Information Industry Development Institute", "ORG") in found


def test_based_adjective_breaks_a_name(blank: Language) -> None:
    found = _spans(blank, "Shen Fei runs Beijing-based Starblaze Technology now.")
    assert ("Starblaze Technology", "ORG") in found
    assert not any(text.startswith("Beijing") for text, _ in found)


def test_headline_lines_are_recognised(blank: Language) -> None:
    doc = blank("IC Industry Tops Lingang Area Priority List")
    assert is_headline(doc[:])
    doc = blank("The Lingang Area Of Shanghai Will Focus On Chips.")
    assert not is_headline(doc[:])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Binhai New Area", True), ("Shaoxing Integrated Circuit Design Industrial Park", True),
     ("Elite Stage", False), ("Industrial Park", True)],
)
def test_zone_like(blank: Language, text: str, expected: bool) -> None:
    assert zone_like(blank(text)[:]) is expected
