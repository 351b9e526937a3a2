"""One comparison key for the many ways news names a local government.

English news calls one body "Hefei city government", "Hefei Municipal
Government", "Hefei Municipal People's Government", "People's Government of
Hefei" or just "the Hefei government"; Chinese text writes 合肥市人民政府 or
合肥市政府. Resolution compares names by key, so each form must give the same
key or the graph holds one government several times.

The rule is grammar, not a list of places: a name is a government name when it
is ``<place> [<level>] [people's] government`` or ``[people's] government of
<place> [<level>] [<parent>]`` (Chinese ``<place>[<level>][人民]政府``). The key
keeps the place and the level, because Anhui province and a city called Anhui
would be two bodies, and folds "city", "municipal" and no level together: news
omits the city level more often than any other. A parent qualifier after the
level ("People's Government of Pukou District, Nanjing") is dropped; a district
is named by its own name. Names without a place ("the local government",
"municipal government") are left alone.

Keys: ``hefei government``, ``anhui province government``, ``pukou district
government``; Chinese ``合肥政府``, ``安徽省政府``, ``浦口区政府``.
"""

from __future__ import annotations

import re

#: Level words (normalised English) and the level they name; "" is a city (the default level).
_LEVELS = {
    "city": "", "municipal": "", "municipality": "", "province": "province", "provincial": "province",
    "district": "district", "county": "county", "new area": "new area", "new district": "new area",
    "prefecture": "prefecture", "autonomous region": "region",
}
_LEVEL = "|".join(sorted((re.escape(w) for w in _LEVELS), key=len, reverse=True))
#: "<place> [level] [people] government"; normalise_name has already turned "People's" into "people".
_TRAILING = re.compile(rf"^(?P<place>.+?)(?: (?P<level>{_LEVEL}))?(?: people)? government$")
#: "[people] government of <place> [level] [parent]".
_LEADING = re.compile(rf"^(?:(?:{_LEVEL}) )?(?:people )?government of (?P<place>.+?)(?: (?P<level>{_LEVEL})(?: (?P<parent>.+))?)?$")
#: Words that stand where a place would but name none.
_NOT_PLACES = frozenset({
    "local", "central", "national", "state", "federal", "the", "city", "municipal", "provincial", "district",
    "county", "people", "regional", "town", "township", "village", "our", "their", "its", "new", "this",
    "that", "each", "every", "all", "other", "foreign", "host",
})
_ZH_LEVELS = {"市": "", "省": "省", "区": "区", "新区": "新区", "县": "县", "自治区": "自治区", "州": "州"}
_ZH = re.compile(r"^(?:.+?[省市](?=.+?(?:新区|区|县)(?:人民)?政府$))?(?P<place>.+?)"
                 r"(?P<level>自治区|新区|省|市|区|县|州)?(?:人民)?政府$")


def _english(key: str) -> str | None:
    match = _TRAILING.match(key) or _LEADING.match(key)
    if match is None:
        return None
    place = re.sub(r"^the ", "", match.group("place").strip())
    if not place or place in _NOT_PLACES or place.split()[-1] in ("the", "of", "and", "or"):
        return None
    level = _LEVELS.get(match.group("level") or "", "")
    return " ".join(part for part in (place, level, "government") if part)


def _chinese(key: str) -> str | None:
    match = _ZH.match(key)
    if match is None:
        return None
    place = match.group("place")
    if len(place) < 2 or place in ("地方", "中央", "当地", "各级", "本级", "该"):
        return None
    return place + _ZH_LEVELS.get(match.group("level") or "", "") + "政府"


def government_key(key: str) -> str:
    """The shared key of a government's names, given a name already normalised; other names unchanged.

    >>> government_key("hefei municipal people government")
    'hefei government'
    >>> government_key("people government of anhui province")
    'anhui province government'
    """
    if "government" in key:
        return _english(key) or key
    if key.endswith("政府"):
        return _chinese(key) or key
    return key
