"""Reviewing resolution: the "possibly same as" candidates, verdicts on them, and their replay.

Resolution records a candidate pair whenever it was unsure (``chipmap.resolve.candidates``);
the pairs live in ``merge_candidates``, tied to the article that raised them. A
reviewer accepts a pair (the two entities are merged now, ``chipmap.store.merge``)
or rejects it; either way a verdict is written to ``review_verdicts``, a table
nothing else writes to. Every build reads the verdicts back: it first merges
any two entities a ``same`` verdict joins that the graph holds apart (after an
import, say), then hands them to the resolver, so a graph rebuilt from scratch
keeps every judgement. Verdicts travel as JSON Lines (``export_verdicts``,
``import_verdicts``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from chipmap.errors import InputError, NotFound, ReviewError
from chipmap.resolve import VERDICTS, Side, Verdict, Verdicts, name_key
from chipmap.store.db import Database
from chipmap.store.merge import MergeResult, merge_rows
from chipmap.store.models import AliasRow, CandidateRow, EntityRow, MentionRow, VerdictRow
from chipmap.store.writer import bump_version, insert_ignore


@dataclass(frozen=True, slots=True)
class ReviewEntity:
    """One side of a candidate pair, as a reviewer needs to see it."""

    id: str
    name: str
    type: str
    kind: str
    atlas: bool
    aliases: tuple[str, ...]
    articles: int


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A candidate pair: the entity a mention became, the one it may be, how close and why."""

    id: int  # the pair's first candidate row; what ``accept`` and ``reject`` take
    entity: ReviewEntity
    other: ReviewEntity
    score: float
    reason: str
    detail: str
    surfaces: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReviewPage:
    """A page of open candidate pairs, strongest first."""

    total: int
    offset: int
    limit: int
    items: tuple[ReviewItem, ...]


@dataclass(frozen=True, slots=True)
class Judgement:
    """A verdict as written, and the merge it caused (``same`` verdicts on two live entities)."""

    verdict: Verdict
    merge: MergeResult | None = None


@dataclass
class ImportResult:
    """What importing a verdicts file did."""

    added: int = 0
    updated: int = 0
    merges: list[MergeResult] = field(default_factory=list)


# -- verdict rows ------------------------------------------------------------------------------------


def pair_key(verdict: Verdict) -> str:
    """The unique key of a judged pair: its type and both sides' name keys, sorted."""
    keys = sorted(name_key(side.name) or side.id for side in (verdict.first, verdict.second))
    return "|".join((verdict.type, *keys))


def _verdict_row(verdict: Verdict) -> dict[str, Any]:
    return {"pair": pair_key(verdict), "type": verdict.type, "verdict": verdict.verdict,
            "first_id": verdict.first.id, "first_name": verdict.first.name,
            "first_names": json.dumps(list(verdict.first.names), ensure_ascii=False),
            "second_id": verdict.second.id, "second_name": verdict.second.name,
            "second_names": json.dumps(list(verdict.second.names), ensure_ascii=False),
            "score": verdict.score, "reason": verdict.reason, "note": verdict.note, "decided": verdict.decided}


def _verdict(row: Any) -> Verdict:
    return Verdict(type=row.type, verdict=row.verdict,
                   first=Side(row.first_id, row.first_name, tuple(json.loads(row.first_names))),
                   second=Side(row.second_id, row.second_name, tuple(json.loads(row.second_names))),
                   score=float(row.score), reason=row.reason, note=row.note, decided=row.decided)


def stored_verdicts(conn: Connection) -> list[Verdict]:
    """Every verdict, oldest first."""
    return [_verdict(r) for r in conn.execute(select(VerdictRow).order_by(VerdictRow.id))]


def load_verdicts(db: Database) -> Verdicts:
    """The verdicts indexed for the resolver (what a build replays)."""
    with db.connect() as conn:
        return Verdicts.of(stored_verdicts(conn))


def _save(conn: Connection, verdict: Verdict) -> bool:
    """Write a verdict, replacing an earlier one on the same pair; True when it is new."""
    row = _verdict_row(verdict)
    existing = conn.execute(select(VerdictRow.id).where(VerdictRow.pair == row["pair"])).scalar()
    if existing is None:
        insert_ignore(conn, VerdictRow, [row])
        return True
    conn.execute(update(VerdictRow).where(VerdictRow.id == existing).values(**row))
    return False


# -- entities as reviewers see them --------------------------------------------------------------------


def _side(conn: Connection, entity_id: str) -> Side:
    name = conn.execute(select(EntityRow.name).where(EntityRow.id == entity_id)).scalar()
    if name is None:
        raise NotFound("entity", entity_id)
    names = list(conn.execute(select(AliasRow.alias).where(AliasRow.entity_id == entity_id, AliasRow.ambiguous.is_(False))
                              .order_by(AliasRow.id)).scalars())
    return Side(entity_id, name, tuple(n for n in dict.fromkeys(names) if n != name))


def _review_entities(conn: Connection, ids: Iterable[str]) -> dict[str, ReviewEntity]:
    wanted = sorted(set(ids))
    aliases: dict[str, list[str]] = {}
    for entity_id, alias in conn.execute(select(AliasRow.entity_id, AliasRow.alias)
                                         .where(AliasRow.entity_id.in_(wanted)).order_by(AliasRow.id)):
        aliases.setdefault(entity_id, []).append(alias)
    counts = {entity_id: count for entity_id, count in conn.execute(
        select(MentionRow.entity_id, func.count(func.distinct(MentionRow.article_id)))
        .where(MentionRow.entity_id.in_(wanted)).group_by(MentionRow.entity_id))}
    found = {}
    for row in conn.execute(select(EntityRow).where(EntityRow.id.in_(wanted))):
        found[row.id] = ReviewEntity(row.id, row.name, row.type, row.kind or "", bool(row.from_atlas),
                                     tuple(a for a in dict.fromkeys(aliases.get(row.id, [])) if a != row.name),
                                     int(counts.get(row.id, 0)))
    return found


# -- the store --------------------------------------------------------------------------------------


class ReviewStore:
    """Candidates, verdicts and their replay on one graph database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # candidates

    def _open_pairs(self, conn: Connection) -> list[tuple[int, str, str, float]]:
        """(first row id, entity, other, best score) of every pair without a verdict, strongest first."""
        judged = {frozenset((r.first_id, r.second_id))
                  for r in conn.execute(select(VerdictRow.first_id, VerdictRow.second_id))}
        pairs: dict[frozenset[str], tuple[int, str, str, float]] = {}
        query = (select(CandidateRow.entity_id, CandidateRow.other_id, func.min(CandidateRow.id).label("first"),
                        func.max(CandidateRow.score).label("best"))
                 .group_by(CandidateRow.entity_id, CandidateRow.other_id))
        for row in conn.execute(query):
            key = frozenset((row.entity_id, row.other_id))
            if key in judged or len(key) < 2:
                continue
            item = (int(row.first), row.entity_id, row.other_id, float(row.best))
            held = pairs.get(key)
            if held is not None:  # proposed both ways round: one pair, its first row, its best score
                best = item if item[3] > held[3] else held
                item = (min(held[0], item[0]), best[1], best[2], best[3])
            pairs[key] = item
        return sorted(pairs.values(), key=lambda p: (-p[3], p[0]))

    def candidates(self, *, limit: int = 50, offset: int = 0) -> ReviewPage:
        """A page of the open candidate pairs, strongest first, with both entities and their names."""
        with self.db.connect() as conn:
            pairs = self._open_pairs(conn)
            page = pairs[offset:offset + limit]
            items = self._items(conn, page)
        return ReviewPage(total=len(pairs), offset=offset, limit=limit, items=tuple(items))

    def _items(self, conn: Connection, page: list[tuple[int, str, str, float]]) -> list[ReviewItem]:
        entities = _review_entities(conn, [i for _, a, b, _ in page for i in (a, b)])
        items = []
        for first, entity_id, other_id, _best in page:
            rows = list(conn.execute(select(CandidateRow).where(
                ((CandidateRow.entity_id == entity_id) & (CandidateRow.other_id == other_id))
                | ((CandidateRow.entity_id == other_id) & (CandidateRow.other_id == entity_id)))
                .order_by(CandidateRow.score.desc(), CandidateRow.id)))
            top = rows[0]
            if entity_id not in entities or other_id not in entities:
                continue
            items.append(ReviewItem(
                id=first, entity=entities[top.entity_id], other=entities[top.other_id], score=float(top.score),
                reason=top.reason, detail=top.detail, surfaces=tuple(dict.fromkeys(r.surface for r in rows)),
                articles=tuple(sorted({r.article_id for r in rows}))))
        return items

    def candidate(self, candidate_id: int) -> ReviewItem:
        """The open pair a candidate id stands for; NotFound when there is none (or it was judged)."""
        with self.db.connect() as conn:
            row = conn.execute(select(CandidateRow.entity_id, CandidateRow.other_id)
                               .where(CandidateRow.id == candidate_id)).first()
            pairs = {frozenset((a, b)): (first, a, b, s) for first, a, b, s in self._open_pairs(conn)}
            pair = pairs.get(frozenset((row.entity_id, row.other_id))) if row is not None else None
            if pair is None:
                raise NotFound("open review candidate", str(candidate_id),
                               [str(p[0]) for p in list(pairs.values())[:5]])
            return self._items(conn, [pair])[0]

    # verdicts

    def accept(self, candidate_id: int, *, note: str = "") -> Judgement:
        """The pair is one entity: write a ``same`` verdict and merge the two now."""
        item = self.candidate(candidate_id)
        return self.judge(item.other.id, item.entity.id, "same", note=note, score=item.score, reason=item.reason)

    def reject(self, candidate_id: int, *, note: str = "") -> Judgement:
        """The pair is two entities: write a ``different`` verdict; the pair is not proposed again."""
        item = self.candidate(candidate_id)
        return self.judge(item.other.id, item.entity.id, "different", note=note, score=item.score,
                          reason=item.reason)

    def judge(self, first: str, second: str, verdict: str, *, note: str = "", score: float = 0.0,
              reason: str = "reviewer") -> Judgement:
        """A verdict on any two entities by id (``same`` merges them now, keeping ``first`` or the atlas one)."""
        if verdict not in VERDICTS:
            raise ReviewError(f"verdict {verdict!r}: choose {' or '.join(VERDICTS)}")
        if first == second:
            raise ReviewError(f"{first} is one entity already")
        with self.db.begin() as conn:
            a, b = _side(conn, first), _side(conn, second)
            types = {entity_id: kind for entity_id, kind in conn.execute(
                select(EntityRow.id, EntityRow.type).where(EntityRow.id.in_([first, second])))}
            if types[first] != types[second]:
                raise ReviewError(f"{first} is a {types[first]} and {second} a {types[second]}: "
                                  "only entities of one type can be judged the same or different")
            decided = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            judged = Verdict(types[first], verdict, a, b, score=score, reason=reason, note=note, decided=decided)
            _save(conn, judged)
            merge = merge_rows(conn, first, second) if judged.same else None
            bump_version(conn)  # the open candidates changed, and with a merge the graph
        return Judgement(judged, merge)

    def verdicts(self) -> list[Verdict]:
        """Every verdict, oldest first."""
        with self.db.connect() as conn:
            return stored_verdicts(conn)

    # replay, export, import

    def apply(self) -> list[MergeResult]:
        """Merge what ``same`` verdicts join and the graph holds apart (a build does this first)."""
        merges = []
        with self.db.begin() as conn:
            for verdict in stored_verdicts(conn):
                if not verdict.same:
                    continue
                first, second = _find(conn, verdict.type, verdict.first), _find(conn, verdict.type, verdict.second)
                if first and second and first != second:
                    try:
                        merges.append(merge_rows(conn, first, second))
                    except ReviewError:
                        continue  # two atlas entries since: the atlas decides
            if merges:
                bump_version(conn)
        return merges

    def export_verdicts(self) -> str:
        """Every verdict as JSON Lines, oldest first (what ``import_verdicts`` reads)."""
        return "".join(json.dumps(verdict_data(v), ensure_ascii=False) + "\n" for v in self.verdicts())

    def import_verdicts(self, text: str, *, source: str = "verdicts") -> ImportResult:
        """Add the verdicts of a JSON Lines text (a later verdict on a pair replaces the earlier), then apply them."""
        verdicts = parse_verdicts(text, source=source)
        result = ImportResult()
        with self.db.begin() as conn:
            for verdict in verdicts:
                if _save(conn, verdict):
                    result.added += 1
                else:
                    result.updated += 1
            if verdicts:
                bump_version(conn)  # "different" verdicts close candidates without merging anything
        result.merges = self.apply()
        return result


def _find(conn: Connection, entity_type: str, side: Side) -> str | None:
    """The entity a verdict's side is now: by its id, else by its names (atlas entity first)."""
    if conn.execute(select(EntityRow.id).where(EntityRow.id == side.id, EntityRow.type == entity_type)).first():
        return side.id
    keys = sorted(side.keys())
    if not keys:
        return None
    found = list(conn.execute(select(EntityRow.id, EntityRow.from_atlas).join(AliasRow, AliasRow.entity_id == EntityRow.id)
                              .where(AliasRow.norm.in_(keys), EntityRow.type == entity_type,
                                     AliasRow.ambiguous.is_(False)).distinct()))
    if not found:
        return None
    return str(sorted(found, key=lambda r: (not r.from_atlas, r.id))[0].id)


def verdict_data(verdict: Verdict) -> dict[str, Any]:
    """A verdict as plain JSON data."""
    return {"type": verdict.type, "verdict": verdict.verdict,
            "first": {"id": verdict.first.id, "name": verdict.first.name, "names": list(verdict.first.names)},
            "second": {"id": verdict.second.id, "name": verdict.second.name, "names": list(verdict.second.names)},
            "score": verdict.score, "reason": verdict.reason, "note": verdict.note, "decided": verdict.decided}


def parse_verdicts(text: str, *, source: str = "verdicts") -> list[Verdict]:
    """Verdicts from JSON Lines; an ``InputError`` names the line that is wrong."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            sides = [Side(str(data[k]["id"]), str(data[k]["name"]), tuple(str(n) for n in data[k].get("names", ())))
                     for k in ("first", "second")]
            found.append(Verdict(type=str(data["type"]), verdict=str(data["verdict"]), first=sides[0],
                                 second=sides[1], score=float(data.get("score", 0.0)),
                                 reason=str(data.get("reason", "")), note=str(data.get("note", "")),
                                 decided=str(data.get("decided", ""))))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(source, f"not a verdict ({type(exc).__name__}: {exc}); each line is a JSON object "
                                     "with type, verdict (same|different), first and second {id, name, names}",
                             line=number) from exc
    return found
