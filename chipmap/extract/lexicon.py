"""Word lists the extraction rules share: titles, name suffixes, noise, surnames.

They are general vocabulary of English-language news about Chinese industry,
not lists lifted from any one article.
"""

from __future__ import annotations

import re

#: Words that end an organisation's name, lower-cased.
ORG_HEADS = frozenset(
    ["co", "co.", "corp", "corp.", "corporation", "company", "companies", "ltd", "ltd.", "limited", "inc", "inc.", "incorporated", "group", "holdings", "holding", "llc", "plc", "gmbh", "ag", "sa", "technology", "technologies", "tech", "semiconductor", "semiconductors", "microelectronics", "electronics", "electronic", "microsystems", "systems", "industries", "materials", "equipment", "devices", "capital", "fund", "funds", "investment", "investments", "ventures", "partners", "bank", "securities", "university", "institute", "academy", "laboratory", "laboratories", "lab", "college", "school", "association", "society", "alliance", "federation", "council", "chamber", "consortium", "union", "committee", "commission", "bureau", "ministry", "department", "administration", "office", "agency", "government", "center", "centre", "foundation", "hospital", "press", "news", "times", "daily", "post", "journal", "media", "consulting", "auditors", "hotel", "motor", "motors"]
)

#: Last words of place names that are zones, districts and parks.
PLACE_HEADS = frozenset(
    ["area", "district", "county", "zone", "park", "harbor", "harbour", "city", "town", "province", "prefecture", "valley", "island", "port"]
)
#: Words that make a following "Park"/"City"/"Zone" into a place name, not an org.
ZONE_WORDS = frozenset(
    ["new", "special", "hi-tech", "high-tech", "development", "economic", "technological", "industrial", "free", "trade", "pilot", "bonded", "science", "knowledge", "innovation", "demonstration", "export", "processing"]
)

#: Kind of an organisation from a word in its name, checked last word first.
KIND_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ["government", "ministry", "bureau", "commission", "committee", "department", "administration", "council", "office", "cpc"],
        "government",
    ),
    **dict.fromkeys(
        ["university", "academy", "institute", "laboratory", "laboratories", "lab", "college", "school", "observatory"],
        "academic",
    ),
    **dict.fromkeys(["association", "society", "alliance", "federation", "chamber", "consortium", "union"],
                    "association"),
    **dict.fromkeys(["fund", "funds", "capital", "investment", "investments", "ventures", "vc"], "investor"),
    **dict.fromkeys(["times", "daily", "news", "post", "journal", "press", "media", "tv", "television", "xinhua"],
                    "media"),
    **dict.fromkeys(["hotel", "exchange", "market"], "other"),
}
#: "Research Center" and the like are academic even though "center" alone is not.
#: Bodies whose names end in words that usually mean something else.
GOVERNMENT_PHRASES = ("political consultative conference", "people's congress",
                      "people\u2019s congress", "state council", "party committee")
ACADEMIC_PHRASES = ("research center", "research centre", "research institute", "key laboratory",
                    "engineering center", "engineering centre", "innovation center",
                    "innovation centre")

#: Head words of job titles, lower-cased (multi-word heads are matched as phrases).
TITLE_HEADS = frozenset(
    ["secretary", "mayor", "governor", "minister", "director", "president", "chairman", "chairwoman", "chairperson", "chair", "ceo", "cfo", "cto", "coo", "founder", "co-founder", "cofounder", "head", "chief", "leader", "leaders", "manager", "dean", "professor", "academician", "fellow", "member", "deputy", "vice", "partner", "principal", "commissioner", "administrator", "officer", "spokesperson", "spokesman", "spokeswoman", "analyst", "researcher", "scientist", "engineer", "editor", "representative", "ambassador", "consul", "owner", "executive", "executives"]
)
#: Words that can precede a title head inside the title ("executive vice mayor").
TITLE_MODIFIERS = frozenset(
    ["executive", "vice", "deputy", "general", "chief", "senior", "former", "honorary", "acting", "standing", "first", "party", "city", "municipal", "provincial", "district", "county", "state", "national", "regional", "managing", "assistant", "associate", "founding", "co-", "joint", "permanent", "rotating", "board", "division", "department", "business", "global"]
)
#: Titles written as acronyms.
TITLE_ACRONYMS = frozenset({"CEO", "CFO", "CTO", "COO", "GM", "VP", "CPC"})
#: Titles that belong to a city government when no body is named.
CITY_TITLES = ("mayor", "city leader", "city party secretary", "vice mayor", "deputy mayor",
               "municipal party secretary")

#: Spans NER labels as names that are not entities in this domain.
NOISE = frozenset(
    ["ic", "ics", "ai", "it", "iot", "aiot", "5g", "6g", "chip", "chips", "semiconductor", "semiconductors", "r&d", "dram", "nand", "cpu", "gpu", "npu", "soc", "mcu", "ev", "evs", "nev", "eda", "ip", "gdp", "ceo", "cto", "cfo", "vp", "gm", "phd", "covid-19", "covid", "mems", "vcsel", "ipo", "m&a", "sic", "gan", "cmos", "led", "oled", "lcd", "asic", "fpga", "igbt", "rf", "hpc", "adas", "esg", "lidar", "ssd", "hbm", "euv", "duv", "cis", "mosfet", "pcb", "oem", "odm", "saas", "api", "3d", "2d", "nor", "ufs", "qlc", "tlc", "mlc", "slc", "lpddr", "ddr", "gddr", "holding", "holdings"]
)
NOISE_PHRASES = frozenset(
    {
        "city party",
        "the chip era",
        "chip era",
        "integrated circuit",
        "integrated circuits",
        "industry chain",
        "the central government",
        "central government",
        "the government",
        "local government",
        "venture capital",
        "big data",
        "artificial intelligence",
        "internet of things",
        "new energy",
        "belt and road",
        "made in china",
        "the people's republic",
        "party",
        "the communist party",
    }
)

#: Nationality and regional adjectives: they name a place but are not place mentions.
DEMONYMS: dict[str, str] = {
    "chinese": "China",
    "american": "United States",
    "japanese": "Japan",
    "korean": "South Korea",
    "south korean": "South Korea",
    "taiwanese": "Taiwan",
    "dutch": "Netherlands",
    "german": "Germany",
    "french": "France",
    "british": "United Kingdom",
    "european": "Europe",
    "singaporean": "Singapore",
    "israeli": "Israel",
    "swiss": "Switzerland",
    "indian": "India",
}

#: Common Chinese surnames in pinyin (first syllable of a name in Western order).
SURNAMES = frozenset(
    ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "yuan", "pan", "yu", "jiang", "cai", "jia", "ding", "wei", "xue", "ye", "yan", "lu", "du", "dai", "xia", "zhong", "fu", "shen", "qiu", "ren", "shi", "cui", "tan", "jin", "kong", "meng", "qin", "lei", "bai", "mao", "hao", "gong", "shao", "wan", "qian", "yin", "yao", "fang", "shu", "gu", "lai", "long", "duan", "hou", "wen", "mo", "niu", "xiong", "hong", "kang", "chang", "chai", "ni", "ou", "geng", "liao", "tao", "fan", "zou", "zuo", "bao", "bi", "bian", "cen", "cheng", "chu", "diao", "dou", "fei", "ge", "guan", "hua", "ji", "jian", "jiao", "ke", "kuang", "lan", "lang", "lian", "ling", "miao", "ning", "pang", "pei", "qi", "qu", "rao", "ruan", "sang", "shang", "tong", "wu", "xiang", "xin", "yi", "yue", "zang", "zhan", "zhuang", "ming", "ai", "an", "you"]
)
_INITIALS = ["b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh", "r", "z", "c", "s", "y", "w"]
_FINALS = ["iang", "iong", "uang", "uai", "ian", "iao", "ang", "eng", "ing", "ong", "uan", "uen", "ueng", "van", "ai", "ei", "ao", "ou", "an", "en", "er", "ia", "ie", "iu", "ua", "uo", "ui", "un", "ue", "in", "a", "o", "e", "i", "u", "v"]
_SYLLABLE = "(?:" + "|".join(sorted(_INITIALS, key=len, reverse=True)) + ")?(?:" + "|".join(
    sorted(_FINALS, key=len, reverse=True)
) + ")n?g?"
#: One to three pinyin syllables, optionally split by an apostrophe ("Jing'an").
PINYIN_WORD = re.compile(rf"^(?:{_SYLLABLE})(?:['\u2019-]?(?:{_SYLLABLE})){{0,2}}$", re.IGNORECASE)


def is_pinyin(word: str) -> bool:
    """True when ``word`` reads as one to three pinyin syllables."""
    return bool(PINYIN_WORD.match(word))
