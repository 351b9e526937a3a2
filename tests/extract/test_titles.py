"""Every title shape news uses, each with a case that must not produce a title."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chipmap.records import ArticleExtraction
from tests.extract.helpers import titled

Read = Callable[..., ArticleExtraction]

TITLE_CASES = [
    # title before the name, city body implied by the article's city
    ("Delegates gathered in Wuxi. City Party Secretary Du Xiaogang opened the forum in Wuxi.",
     "Du Xiaogang", "Wuxi", "City Party Secretary"),
    # academy before the role word
    ("Chinese Academy of Sciences academician Wang Yangyuan spoke at the opening.",
     "Wang Yangyuan", "Chinese Academy of Sciences", "academician"),
    # role, "of", body, then the name
    ("Vice President of Nanjing University Zhang Lei chaired the session.",
     "Zhang Lei", "Nanjing University", "Vice President"),
    # appositive with a based-in adjective before the body
    ("Shen Fei, founder and CEO of Beijing-based Starblaze Technology, said the move was natural.",
     "Shen Fei", "Starblaze Technology", "founder and CEO"),
    # appositive naming a place as the body
    ("Chen Yin, executive vice mayor of Shanghai, said Lingang will grow.",
     "Chen Yin", "Shanghai", "executive vice mayor"),
    # appointment verb
    ("Zhao Haijun was appointed chief executive of SMIC in 2017.",
     "Zhao Haijun", "SMIC", "chief executive"),
    # possessive company before the role
    ("SMIC's chairman Zhou Zixue addressed shareholders in Shanghai.",
     "Zhou Zixue", "SMIC", "chairman"),
    # "its" pointing back at the organisation named earlier
    ("Hua Hong Semiconductor was represented by its president Tang Junjun at the signing.",
     "Tang Junjun", "Hua Hong Semiconductor", "president"),
]


@pytest.mark.parametrize(("text", "person", "body", "role"), TITLE_CASES)
def test_title_forms_yield_holds_position(read: Read, text: str, person: str, body: str, role: str) -> None:
    result = read(text)
    positions = titled(result)
    assert person in positions, positions
    tail, title = positions[person]
    assert tail == body or body in tail
    assert title is not None and title.lower() == role.lower()
    person_entry = next(p for p in result.people if p.name == person)
    assert person_entry.titles, "the title as written is kept on the person"


def test_plural_title_is_shared_by_coordinated_names(read: Read) -> None:
    result = read("The forum was held in Shaoxing. City leaders Tan Zhigui and Wei Wei also attended.")
    positions = titled(result)
    assert positions["Tan Zhigui"] == ("Shaoxing", "City leader")
    assert positions["Wei Wei"] == ("Shaoxing", "City leader")


def test_singular_title_is_not_shared_with_the_next_name(read: Read) -> None:
    result = read("Mayor Du Xiaogang and Zhang Suxin, chairman of Huahong Group, spoke in Wuxi.")
    positions = titled(result)
    assert positions["Zhang Suxin"][0] == "Huahong Group"
    assert positions["Zhang Suxin"][1] == "chairman"


def test_several_titles_before_one_name(read: Read) -> None:
    result = read(
        "At the meeting, IEEE Fellow, Deputy Dean of the School of Microelectronics of Nanjing "
        "University, and Chairman of Windo Rise Tech Wang Zhongfeng gave a report."
    )
    tails = {r.tail for r in result.relations if r.type == "holds_position" and r.head == "Wang Zhongfeng"}
    assert tails == {"IEEE", "School of Microelectronics of Nanjing University", "Windo Rise Tech"}


def test_appositive_of_the_previous_name_is_not_stolen(read: Read) -> None:
    # "Chinese Academy of Engineering academician" belongs to Qiu Aici, not to Wen Nuan.
    result = read(
        "Party Secretary Wen Nuan, Chinese Academy of Engineering academician Qiu Aici and others "
        "spoke in Shaoxing."
    )
    tails = {(r.head, r.tail) for r in result.relations if r.type == "holds_position"}
    assert ("Qiu Aici", "Chinese Academy of Engineering") in tails
    assert ("Wen Nuan", "Chinese Academy of Engineering") not in tails


@pytest.mark.parametrize(
    "text",
    [
        "Du Lijun heads the lithography product line at the company.",  # verb, not a title
        "Zhang Wei said the plant in Wuxi would open next year.",  # no title at all
    ],
)
def test_no_title_where_none_is_written(read: Read, text: str) -> None:
    result = read(text)
    assert not [r for r in result.relations if r.type == "holds_position"]


def test_appositive_of_one_person_is_not_the_next_persons_title(read: Read) -> None:
    result = read(
        "Zhao Jianjun, vice mayor of Wuxi, and Wang Yangyuan, an academician of the Chinese Academy "
        "of Sciences, attended the opening."
    )
    positions = {(r.head, r.tail) for r in result.relations if r.type == "holds_position"}
    assert ("Zhao Jianjun", "Wuxi") in positions
    assert ("Wang Yangyuan", "Chinese Academy of Sciences") in positions
    assert ("Wang Yangyuan", "Wuxi") not in positions


def test_body_title_and_name_run_together_by_ner_are_separated(read: Read) -> None:
    result = read("Ministry of Commerce Spokesperson Shu Jueting said the rules take effect.")
    assert titled(result)["Shu Jueting"] == ("Ministry of Commerce", "Spokesperson")
