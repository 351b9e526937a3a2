"""When two reports describe the same investment project: rules shared by the extractor (reports
within one article) and the store (reports across articles).

Two reports are one project when they share a party (or, without parties, the place) and
nothing they state disagrees: the places are the same or one contains the other, the
facilities are compatible, the phases are the same, the amounts are compatible, and the
stages do not go back in time (production reported in 2019, "planned" reported in 2021). Amounts
that differ are still one project when they are within ``AMOUNT_FACTOR`` of each other in
CNY — articles round, convert and report phases differently — and both are kept with their
sources; further apart they are taken to be different investments.
"""

from __future__ import annotations

from chipmap.currency import to_cny
from chipmap.records import Amount

#: How far apart (as a ratio, in CNY) two amounts of one project may be.
AMOUNT_FACTOR = 2.5
#: Facilities that never describe the same thing as each other.
_FAMILIES: dict[str, str] = {
    "fab": "plant", "packaging_plant": "plant", "production_base": "plant",
    "rd_center": "research", "headquarters": "office", "fund": "fund", "other": "",
}


def amounts_compatible(a: Amount | None, b: Amount | None) -> bool:
    """True unless both amounts are known and too far apart to be one investment."""
    if a is None or b is None:
        return True
    ca, cb = to_cny(a.value, a.currency), to_cny(b.value, b.currency)
    if ca is None or cb is None:
        return a.currency != b.currency or max(a.value, b.value) <= AMOUNT_FACTOR * max(min(a.value, b.value), 1)
    return max(ca, cb) <= AMOUNT_FACTOR * max(min(ca, cb), 1.0)


def facilities_compatible(a: str | None, b: str | None) -> bool:
    """True when two facility kinds may describe one project ("other" fits anything; a fab
    and a production base are both plants; a fund is never a plant)."""
    fa, fb = _FAMILIES.get(a or "other", ""), _FAMILIES.get(b or "other", "")
    return not fa or not fb or fa == fb


def phases_compatible(a: str | None, b: str | None) -> bool:
    """True unless both reports name a phase and the phases differ; an expansion is never the
    plant it expands (``"expansion"`` matches only another expansion)."""
    if "expansion" in (a, b):
        return a == b
    return a is None or b is None or a == b


def stages_consistent(steps: list[tuple[int, str]]) -> bool:
    """True when stages (rank, ISO day of the report) never go back in time: a project reported
    in production in 2019 and as merely planned in 2021 is two projects. ``cancelled`` may
    follow anything; reports of one day may disagree."""
    ordered = sorted(steps, key=lambda s: s[1])
    highest = -1
    for rank, _day in ordered:
        if rank < highest and rank != CANCELLED_RANK:
            return False
        highest = max(highest, rank)
    return True


#: The rank of ``cancelled`` among the statuses (chipmap.vocab.PROJECT_STATUSES order).
CANCELLED_RANK = 5
