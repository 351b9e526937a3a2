"""The pieces every explained score shares: a component with its reason, chain distances, scaling.

A recommendation's score is ``100 * sum of weight[k] * component[k]`` with each
component scaled to 0..1 by its maximum over the candidates of one question,
so weights say how much each kind of evidence counts and a reader can check any
score by hand from the components it lists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from chipmap.vocab import SEGMENTS


@dataclass(frozen=True, slots=True)
class ScoreComponent:
    """One term of a score: its value in 0..1, its weight, and why it has that value."""

    name: str
    value: float
    weight: float
    reason: str


def chain_distances(targets: Sequence[str]) -> dict[str, tuple[str, int]]:
    """For each segment outside ``targets``: ("upstream"|"downstream", distance along the chain)."""
    positions = [SEGMENTS.index(s) for s in targets]
    result: dict[str, tuple[str, int]] = {}
    if not positions:
        return result
    for pos, segment in enumerate(SEGMENTS):
        if segment in targets:
            continue
        nearest = min(positions, key=lambda p: (abs(p - pos), p))
        result[segment] = ("upstream" if pos < nearest else "downstream", abs(pos - nearest))
    return result


def scaled(rows: Sequence[tuple[Mapping[str, float], Mapping[str, str]]], names: Sequence[str],
           weights: Mapping[str, float]) -> list[tuple[tuple[ScoreComponent, ...], float]]:
    """Components of each row divided by their maximum over the rows, and the weighted score."""
    top = {k: max((raw[k] for raw, _ in rows), default=0.0) for k in names}
    out = []
    for raw, reasons in rows:
        components = tuple(ScoreComponent(k, round(raw[k] / top[k], 3) if top[k] > 0 else 0.0,
                                          weights.get(k, 0.0), reasons[k]) for k in names)
        out.append((components, weighted(components, weights)))
    return out


def weighted(components: Sequence[ScoreComponent], weights: Mapping[str, float]) -> float:
    """``100 * sum of weight * value``, rounded as scores are shown."""
    return round(100 * sum(c.value * weights.get(c.name, 0.0) for c in components), 2)


def reweighted(components: Sequence[ScoreComponent], weights: Mapping[str, float]) -> tuple[ScoreComponent, ...]:
    """The same components carrying other weights."""
    return tuple(ScoreComponent(c.name, c.value, weights.get(c.name, 0.0), c.reason) for c in components)
