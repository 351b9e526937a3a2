"""Time for positions: who held a post at a body on a given day.

A ``holds_position`` relation starts on its first report. It ends on the first of:

- the day the news first reported it as past (``former_since``: "former CEO", "stepped down");
- the first report of someone else in the same post at the same body (an appointment reported
  later ends the earlier holder's tenure), the post compared without "former"/"acting" and case.

Posts several people hold at once ("vice president", "deputy director", "academician",
"member") are not succession posts: a new holder does not end the others' tenures. The as-of
view of the graph (``chipmap.analyze.timeline.as_of``) marks ended positions former.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from chipmap.graph_records import RelationRecord

_QUALIFIERS = re.compile(r"^(?:former|ex-|acting|interim|then-|new|incoming|outgoing|current)\s*|^(?:原|前任|前|代理|新任)",
                         re.IGNORECASE)
#: Posts held by several people at once: a new holder does not replace the others.
_SHARED = re.compile(r"\b(?:vice|deputy|assistant|associate|member|academician|fellow|director-general|professor|"
                     r"researcher|partner|representative|delegate|secretary-general|board)\b|副|委员|院士|成员|理事$",
                     re.IGNORECASE)


def post_key(title: str | None) -> str:
    """A post for succession: lower case, spaces collapsed, "former"/"acting" dropped."""
    text = " ".join((title or "").split()).lower()
    previous = None
    while previous != text:
        previous, text = text, _QUALIFIERS.sub("", text).strip()
    return text


@dataclass(frozen=True, slots=True)
class Tenure:
    """One holding of a post: from its first report until it ended (None: still held)."""

    relation_id: str
    person_id: str
    body_id: str
    title: str | None
    start: dt.date | None
    end: dt.date | None
    ended_by: str | None  # the relation whose holder took the post, or "former"


def tenures(relations: Iterable[RelationRecord]) -> dict[str, Tenure]:
    """The tenure of every ``holds_position`` relation, by relation id."""
    posts: dict[tuple[str, str], list[RelationRecord]] = defaultdict(list)
    out: dict[str, Tenure] = {}
    for relation in relations:
        if relation.type != "holds_position":
            continue
        key = post_key(relation.title)
        end, by = (relation.former_since, "former") if relation.former_since else (None, None)
        out[relation.id] = Tenure(relation.id, relation.head_id, relation.tail_id, relation.title,
                                  relation.first_seen, end, by)
        if key and not _SHARED.search(key):
            posts[(relation.tail_id, key)].append(relation)
    for holders in posts.values():
        holders.sort(key=lambda r: (r.first_seen or dt.date.min, r.id))
        for earlier in holders:
            if earlier.first_seen is None:
                continue
            successor = next((r for r in holders if r.head_id != earlier.head_id and r.first_seen
                              and r.first_seen > earlier.first_seen), None)
            if successor is None or successor.first_seen is None:
                continue
            tenure = out[earlier.id]
            if tenure.end is None or successor.first_seen < tenure.end:
                out[earlier.id] = dataclasses.replace(tenure, end=successor.first_seen, ended_by=successor.id)
    return out


def positions_as_of(relations: list[RelationRecord], day: dt.date) -> list[RelationRecord]:
    """The relations with every position that had ended by ``day`` marked former (from its end)."""
    ended = {rid: t.end for rid, t in tenures(relations).items() if t.end is not None and t.end <= day}
    return [dataclasses.replace(r, former_since=ended[r.id]) if r.id in ended else
            (dataclasses.replace(r, former_since=None) if r.former_since and r.former_since > day else r)
            for r in relations]


def holders(relations: Iterable[RelationRecord], body_id: str, *, title: str | None = None,
            day: dt.date | None = None) -> list[Tenure]:
    """Who held posts at a body on ``day`` (default: now), the post filtered by ``title``."""
    wanted = post_key(title) if title else None
    found = []
    for tenure in tenures(relations).values():
        if tenure.body_id != body_id or (wanted and wanted not in post_key(tenure.title)):
            continue
        if day is not None and tenure.start is not None and tenure.start > day:
            continue
        if tenure.end is not None and (day is None or tenure.end <= day):
            continue
        found.append(tenure)
    return sorted(found, key=lambda t: (t.start or dt.date.min, t.relation_id), reverse=True)
