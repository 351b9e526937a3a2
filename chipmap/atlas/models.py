"""Typed records of the atlas, the project's curated reference data.

Every entry carries a ``citation``: the kind of public document a reader can
check the entry against (overlays written with the older key ``source`` still load). Fields we are not sure of stay empty rather than
guessed.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

from chipmap.vocab import OrgKind, PlaceKind, Segment

ORG_ID = r"^org:[a-z0-9][a-z0-9-]*$"
PLACE_ID = r"^place:[a-z0-9][a-z0-9-]*$"
_HAN = re.compile(r"[\u3400-\u9fff]")
#: Exchanges a listing may name (mainland, Hong Kong, Taiwan, US, Europe, Japan, Korea).
EXCHANGES: tuple[str, ...] = ("SSE", "SZSE", "BSE", "HKEX", "TWSE", "TPEX", "NASDAQ", "NYSE",
                              "TSE", "KRX", "KOSDAQ", "XETRA", "EURONEXT", "LSE", "SIX", "SGX", "OTC")
LISTING = re.compile(rf"^({'|'.join(EXCHANGES)}):[0-9A-Z][0-9A-Z.-]*$")

SiteKind = Literal[
    "fab", "packaging_plant", "rd_centre", "production_base", "plant", "office", "headquarters"
]
ZoneKind = Literal[
    "new_area",
    "hi_tech_zone",
    "economic_development_zone",
    "free_trade_zone",
    "ic_park",
    "science_city",
]


class Site(BaseModel):
    """A place where an organisation runs something other than its headquarters."""

    model_config = ConfigDict(extra="forbid")

    place: str = Field(pattern=PLACE_ID, description="Id of the place the site is in.")
    what: SiteKind = Field(description="What the organisation runs there.")
    note: str = Field(default="", description="Free text, e.g. '12-inch fab'.")
    citation: str | None = Field(
        default=None,
        validation_alias=AliasChoices("citation", "source"),
        description="Where this site is documented (annual report, company page, park notice); "
        "unset means the organisation's own source covers it.",
    )


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="Canonical English name.")
    name_zh: str | None = Field(default=None, description="Chinese name, in Chinese characters.")
    aliases: list[str] = Field(default_factory=list, description="Other names, English or Chinese.")
    ambiguous: list[str] = Field(
        default_factory=list,
        description="Aliases knowingly shared with another entry (resolution needs context).",
    )
    citation: str = Field(
        min_length=3,
        validation_alias=AliasChoices("citation", "source"),
        description="The public document a reader can check the entry against ('source' is accepted "
        "as the older name of this field).",
    )

    @field_validator("name_zh")
    @classmethod
    def _chinese(cls, value: str | None) -> str | None:
        if value is not None and not _HAN.search(value):
            raise ValueError(f"name_zh {value!r} has no Chinese characters")
        return value

    def all_names(self) -> list[str]:
        """Every surface form of the entry, canonical name first, ambiguous ones last."""
        names = [self.name, *([self.name_zh] if self.name_zh else []), *self.aliases,
                 *self.ambiguous]
        return list(dict.fromkeys(names))

    def sure_names(self) -> list[str]:
        """The names that identify this entry alone (no context needed)."""
        shared = set(self.ambiguous)
        return [n for n in self.all_names() if n not in shared]


class Organization(_Entry):
    """A company, government body, academy, association, park operator or investor."""

    id: str = Field(pattern=ORG_ID)
    kind: OrgKind
    segments: list[Segment] = Field(default_factory=list)
    headquarters: str | None = Field(default=None, pattern=PLACE_ID)
    sites: list[Site] = Field(default_factory=list)
    parent: str | None = Field(default=None, pattern=ORG_ID)
    founded: int | None = Field(default=None, ge=1800, le=2100)
    listings: list[str] = Field(
        default_factory=list,
        description="Stock listings as EXCHANGE:CODE, e.g. SSE:688981, HKEX:0981, NASDAQ:AMKR.",
    )
    registration: str | None = Field(
        default=None,
        pattern=r"^[0-9A-Z]{18}$",
        description="China's unified social credit code (18 characters), where documented.",
    )

    @field_validator("listings")
    @classmethod
    def _listings(cls, value: list[str]) -> list[str]:
        for listing in value:
            if not LISTING.match(listing):
                raise ValueError(
                    f"listing {listing!r} is not EXCHANGE:CODE with a known exchange "
                    f"({', '.join(EXCHANGES)})"
                )
        return value


class Place(_Entry):
    """A country, province, city, district, zone, park or region."""

    id: str = Field(pattern=PLACE_ID)
    kind: PlaceKind
    part_of: str | None = Field(default=None, pattern=PLACE_ID)
    zone: ZoneKind | None = Field(
        default=None, description="For districts that are development zones or parks."
    )
    lat: float | None = Field(default=None, ge=-90, le=90, description="Latitude, WGS84 degrees.")
    lon: float | None = Field(default=None, ge=-180, le=180, description="Longitude, WGS84 degrees.")
