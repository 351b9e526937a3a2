"""How much the graph believes a fact: aggregates over its evidence rows.

Confidence is the **noisy-or** of the evidence confidences::

    confidence = 1 - Π (1 - c_i)

Each sentence is treated as an independent chance that the fact is true: one
sentence at 0.6 gives 0.6, two give 0.84, and an atlas row (0.95) makes any
fact at least 0.95. It never decreases when evidence is added, never exceeds
1, and does not depend on the order the evidence arrived in. ``first_seen`` and
``last_seen`` are the earliest and latest evidence dates (an article's
published date, else its ingest date); atlas evidence has no date.

Adding an article updates the aggregates in place (noisy-or composes:
``new = 1 - (1 - old)(1 - c)``), so a build never re-reads old evidence;
removing evidence recomputes them from what is left.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, Update, bindparam, case, delete, or_, select, update
from sqlalchemy.engine import Connection

from chipmap.store.models import AttributeRow, EvidenceRow, RelationRow

_CHUNK = 500


def noisy_or(confidences: Iterable[float]) -> float:
    """1 - Π(1 - c): the chance at least one independent piece of evidence is right."""
    return 1.0 - math.prod(1.0 - min(max(c, 0.0), 1.0) for c in sorted(confidences))


@cache
def _increment(model: type[RelationRow] | type[AttributeRow]) -> Update:
    """UPDATE folding one article's evidence into a fact's aggregates; built once (building costs ~1 ms)."""
    dmin = bindparam("dmin", type_=Date)
    dmax = bindparam("dmax", type_=Date)
    values: dict[str, Any] = {
        "confidence": 1.0 - (1.0 - model.confidence) * bindparam("q"),
        "evidence_count": model.evidence_count + bindparam("n"),
        "first_seen": case((model.first_seen.is_(None), dmin), (dmin < model.first_seen, dmin),
                           else_=model.first_seen),
        "last_seen": case((model.last_seen.is_(None), dmax), (dmax > model.last_seen, dmax),
                          else_=model.last_seen),
    }
    if model is RelationRow:
        values["from_atlas"] = or_(RelationRow.from_atlas, bindparam("atlas", type_=Boolean))
    return update(model).where(model.id == bindparam("oid")).values(**values)


def _increments(model: type[RelationRow] | type[AttributeRow], column: str,
                evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in evidence:
        if row[column] is not None:
            grouped[row[column]].append(row)
    params = []
    for owner, rows in sorted(grouped.items()):
        dates = [r["seen"] for r in rows if r["seen"] is not None]
        param = {
            "oid": owner,
            "q": math.prod(1.0 - r["confidence"] for r in sorted(rows, key=lambda r: r["confidence"])),
            "n": len(rows),
            "dmin": min(dates) if dates else None,
            "dmax": max(dates) if dates else None,
        }
        if model is RelationRow:
            param["atlas"] = any(r["origin"] == "atlas" for r in rows)
        params.append(param)
    return params


def add_evidence(conn: Connection, evidence: list[dict[str, Any]]) -> None:
    """Fold freshly inserted evidence rows into their relations' and attributes' aggregates."""
    add_evidence_in_order(conn, [evidence])


def add_evidence_in_order(conn: Connection, articles: list[list[dict[str, Any]]]) -> None:
    """``add_evidence`` for several articles' evidence, article after article, in one
    executemany per table: the same updates in the same order as one call per article."""
    for model, column in ((RelationRow, "relation_id"), (AttributeRow, "attribute_id")):
        params = [p for evidence in articles for p in _increments(model, column, evidence)]
        if params:
            conn.execute(_increment(model), params)


def recompute(conn: Connection, *, relation_ids: Iterable[str] = (), attribute_ids: Iterable[str] = ()) -> int:
    """Recompute aggregates from the evidence left; delete facts with none. Returns facts deleted."""
    deleted = 0
    for model, column, ids in ((RelationRow, EvidenceRow.relation_id, sorted(set(relation_ids))),
                               (AttributeRow, EvidenceRow.attribute_id, sorted(set(attribute_ids)))):
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            support: dict[str, list[tuple[float, dt.date | None, str]]] = {i: [] for i in chunk}
            rows = conn.execute(select(column, EvidenceRow.confidence, EvidenceRow.seen, EvidenceRow.origin)
                                .where(column.in_(chunk)))
            for owner, confidence, seen, source in rows:
                if owner is not None:
                    support[owner].append((confidence, seen, source))
            empty = [i for i, s in support.items() if not s]
            if empty:
                deleted += len(empty)
                conn.execute(delete(model).where(model.id.in_(empty)))
            params = []
            for owner, items in support.items():
                if not items:
                    continue
                dates = [d for _, d, _ in items if d is not None]
                param: dict[str, Any] = {
                    "oid": owner, "c": noisy_or(c for c, _, _ in items), "n": len(items),
                    "dmin": min(dates) if dates else None, "dmax": max(dates) if dates else None,
                }
                if model is RelationRow:
                    param["atlas"] = any(s == "atlas" for _, _, s in items)
                params.append(param)
            if params:
                values: dict[str, Any] = {
                    "confidence": bindparam("c"), "evidence_count": bindparam("n"),
                    "first_seen": bindparam("dmin", type_=Date), "last_seen": bindparam("dmax", type_=Date),
                }
                if model is RelationRow:
                    values["from_atlas"] = bindparam("atlas", type_=Boolean)
                conn.execute(update(model).where(model.id == bindparam("oid")).values(**values), params)
    return deleted
