"""Backtests of the recommendations (issue 16): does ``locate`` find a company's real sites,
and does ``gaps`` name the companies that really came?

**Leave one site out** (``locate``). For every atlas company and every Chinese city
(the nearest place of kind city above the site) where the atlas lists a site of
it other than its headquarters city, hide the company's presence in that city
(bench/hiding.py: its family's atlas facts there and every article naming the
family and the city, removed by the store's own code), rebuild the index, ask
``locate`` for the company and record the rank of the hidden city among the
cities where the company is not already present. Cases whose city holds the
headquarters itself (a site in Wuxi of a firm based in Jiangyin, inside Wuxi)
are skipped: the company is there whatever is hidden.

**Targeting** (``gaps``). For each *signing* (company, cluster, day), hide the
company's presence in the cluster the same way, take the graph as of the day
before (when there is a day) and record the company's rank among the
``gaps CLUSTER`` candidates. Signings come from two sources through one small
interface (``Signing``): the atlas sites above (undated), and dated entries
(bench/data/signings.csv, from the sample corpus; the graph's own investment
projects plug in here once they exist).

**Baselines.** *Size*: the same candidates ranked by how many organisations a city
holds (``locate``) or by how large a company is (``gaps``: places it is in, then
evidence). *Random*: the expected value of a random order, computed exactly.

**Split.** Companies, not cases, are split: every third by a hash of its id is held
out (``held_out``). Weights are tuned on the others (``python -m bench.backtest --tune``)
and reported on both.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.hiding import DemoGraph
from chipmap.analyze import GraphIndex, as_of, gap_report, locate
from chipmap.atlas import Atlas, default_atlas

OUT = Path(".bench") / "backtest"
SIGNINGS = Path(__file__).parent / "data" / "signings.csv"
#: One company in SPLIT is held out.
SPLIT = 3
KS = (1, 3, 5)
TARGET_K = 20

Ranker = Callable[[GraphIndex, str], list[str]]


def held_out(org_id: str) -> bool:
    """True for the companies the weights are never tuned on (a stable hash of the id)."""
    return int(hashlib.sha1(org_id.encode()).hexdigest(), 16) % SPLIT == 0


@dataclass(frozen=True, slots=True)
class Signing:
    """A company's entry into a cluster: the case both backtests are built from."""

    org_id: str
    cluster_id: str
    day: dt.date | None = None
    source: str = "atlas"


def city_of(atlas: Atlas, place_id: str | None) -> str | None:
    """The nearest place of kind city at or above ``place_id`` inside China, else None."""
    if not place_id or not atlas.is_within(place_id, "place:china"):
        return None
    for candidate in (place_id, *atlas.ancestors(place_id)):
        place = atlas.places.get(candidate)
        if place is not None and place.kind == "city":
            return candidate
    return None


def site_cases(atlas: Atlas) -> list[Signing]:
    """(company, city) for every atlas site in a Chinese city that is not its headquarters city."""
    cases: dict[tuple[str, str], Signing] = {}
    for org in sorted(atlas.orgs.values(), key=lambda o: o.id):
        if org.kind != "company":
            continue
        home = city_of(atlas, org.headquarters)
        for site in org.sites:
            city = city_of(atlas, site.place)
            if city is None or city == home:
                continue
            if org.headquarters and atlas.is_within(org.headquarters, city):
                continue
            cases.setdefault((org.id, city), Signing(org.id, city))
    return list(cases.values())


def dated_signings(path: Path = SIGNINGS) -> list[Signing]:
    """The hand-made fixture of dated entries (see the file's header)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [Signing(row["org"], row["cluster"], dt.date.fromisoformat(row["day"]), row["source"])
            for row in csv.DictReader(lines)]


# -- metrics ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ranked:
    """One case's outcome: the rank of the truth (None when it is not a candidate) among n."""

    case: Signing
    rank: int | None
    candidates: int


@dataclass(frozen=True, slots=True)
class Scores:
    """hit@k, mean reciprocal rank and the share of cases whose truth was a candidate."""

    cases: int
    hits: dict[int, float]
    mrr: float
    ranked: float

    def cells(self, ks: Sequence[int]) -> list[str]:
        return [f"{self.hits[k]:.2f}" for k in ks] + [f"{self.mrr:.3f}", f"{self.ranked:.0%}"]


def scores(outcomes: Sequence[Ranked], ks: Sequence[int]) -> Scores:
    """Metrics of actual ranks."""
    if not outcomes:
        return Scores(0, dict.fromkeys(ks, 0.0), 0.0, 0.0)
    n = len(outcomes)
    hits = {k: sum(1 for o in outcomes if o.rank is not None and o.rank <= k) / n for k in ks}
    mrr = sum(1 / o.rank for o in outcomes if o.rank) / n
    return Scores(n, hits, mrr, sum(1 for o in outcomes if o.rank) / n)


def random_scores(outcomes: Sequence[Ranked], ks: Sequence[int]) -> Scores:
    """Expected metrics of a uniformly random order of the same candidates (exact, no sampling)."""
    if not outcomes:
        return Scores(0, dict.fromkeys(ks, 0.0), 0.0, 0.0)
    n = len(outcomes)
    present = [o.candidates for o in outcomes if o.rank is not None]
    hits = {k: sum(min(k, c) / c for c in present) / n for k in ks}
    mrr = sum(sum(1 / r for r in range(1, c + 1)) / c for c in present) / n
    return Scores(n, hits, mrr, len(present) / n)


def _rank(order: Sequence[str], target: str) -> int | None:
    try:
        return order.index(target) + 1
    except ValueError:
        return None


# -- rankers -----------------------------------------------------------------------------------


def locate_ranking(weights: Mapping[str, float] | None = None) -> Ranker:
    """Cities ``locate`` proposes for a company, best first, leaving out where it already is."""
    def rank(index: GraphIndex, org_id: str) -> list[str]:
        try:
            report = locate(index, org_id=org_id, limit=100_000, **({"weights": weights} if weights else {}))
        except ValueError:  # nothing to site it by: no candidate at all
            return []
        return [o.cluster.id for o in report.options if not o.already_there]
    return rank


def city_size_ranking(index: GraphIndex, candidates: Sequence[str]) -> list[str]:
    """The baseline: the same cities by how many organisations they hold."""
    return sorted(candidates, key=lambda c: (-len(index.orgs_in(index.area(c))), index.name(c), c))


def gaps_ranking(weights: Mapping[str, float] | None = None) -> Ranker:
    """Companies ``gaps`` proposes for a cluster, best first."""
    def rank(index: GraphIndex, cluster_id: str) -> list[str]:
        report = gap_report(index, cluster_id, limit=100_000, **({"weights": weights} if weights else {}))
        return [c.org.id for c in report.candidates]
    return rank


def company_size_ranking(index: GraphIndex, candidates: Sequence[str]) -> list[str]:
    """The baseline: the same companies by how many places they are in, then by evidence."""
    def size(org_id: str) -> tuple[int, int]:
        return len({r.tail_id for r in index.org_places.get(org_id, ())}), index.evidence_total.get(org_id, 0)
    return sorted(candidates, key=lambda o: (-size(o)[0], -size(o)[1], index.name(o), o))


# -- the runs ------------------------------------------------------------------------------------


@dataclass
class Backtest:
    """The demo graph with hidden cases cached, so every ranking of a case sees the same graph."""

    demo: DemoGraph
    _indexes: dict[tuple[str, str, dt.date | None], GraphIndex | None] = dataclasses.field(default_factory=dict)

    def index_for(self, case: Signing) -> GraphIndex | None:
        """The index with the case hidden (and as of the day before); None when the company was
        already in the cluster before the day (then it was no entry)."""
        key = (case.org_id, case.cluster_id, case.day)
        if key not in self._indexes:
            self._indexes[key] = self._build(case)
        return self._indexes[key]

    def _build(self, case: Signing) -> GraphIndex | None:
        if case.org_id not in self.demo.snapshot.entities or case.cluster_id not in self.demo.snapshot.entities:
            return None
        if case.day is not None:
            before = GraphIndex.build(as_of(self.demo.snapshot, case.day - dt.timedelta(days=1)))
            area = before.area(case.cluster_id).places
            if any(not r.from_atlas and r.tail_id in area for r in before.org_places.get(case.org_id, ())):
                return None
        snapshot, _hidden = self.demo.hide(case.org_id, case.cluster_id)
        if case.day is not None:
            snapshot = as_of(snapshot, case.day - dt.timedelta(days=1))
        return GraphIndex.build(snapshot)

    def locate_outcomes(self, cases: Iterable[Signing], ranker: Ranker,
                        baseline: bool = False) -> list[Ranked]:
        out = []
        for case in cases:
            index = self.index_for(case)
            if index is None:
                continue
            order = ranker(index, case.org_id)
            if baseline:
                order = city_size_ranking(index, order)
            out.append(Ranked(case, _rank(order, case.cluster_id), len(order)))
        return out

    def gaps_outcomes(self, cases: Iterable[Signing], ranker: Ranker, baseline: bool = False) -> list[Ranked]:
        out = []
        for case in cases:
            index = self.index_for(case)
            if index is None:
                continue
            order = ranker(index, case.cluster_id)
            if baseline:
                order = company_size_ranking(index, order)
            out.append(Ranked(case, _rank(order, case.org_id), len(order)))
        return out


def _splits(outcomes: Sequence[Ranked]) -> dict[str, list[Ranked]]:
    return {"train": [o for o in outcomes if not held_out(o.case.org_id)],
            "held-out": [o for o in outcomes if held_out(o.case.org_id)],
            "all": list(outcomes)}


def tables(test: Backtest, atlas: Atlas) -> dict[str, Any]:
    """Every number the report shows: per backtest, split and method."""
    sites = site_cases(atlas)
    dated = dated_signings()
    result: dict[str, Any] = {"site_cases": len(sites), "dated_cases": len(dated)}
    located = test.locate_outcomes(sites, locate_ranking())
    by_size = test.locate_outcomes(sites, locate_ranking(), baseline=True)
    result["locate"] = {split: {"locate": scores(rows, KS), "city size": scores(_splits(by_size)[split], KS),
                                "random": random_scores(rows, KS)}
                        for split, rows in _splits(located).items()}
    for name, cases in (("targeting (atlas sites)", sites), ("targeting (dated)", dated)):
        ranked = test.gaps_outcomes(cases, gaps_ranking())
        sized = test.gaps_outcomes(cases, gaps_ranking(), baseline=True)
        result[name] = {split: {"gaps": scores(rows, (TARGET_K,)),
                                "company size": scores(_splits(sized)[split], (TARGET_K,)),
                                "random": random_scores(rows, (TARGET_K,))}
                        for split, rows in _splits(ranked).items()}
    return result


def markdown(result: Mapping[str, Any]) -> str:
    """The tables for docs/analytics.md."""
    lines = []
    for name, ks in (("locate", KS), ("targeting (atlas sites)", (TARGET_K,)), ("targeting (dated)", (TARGET_K,))):
        lines += [f"### {name}", "", "| split | method | cases | " + " | ".join(f"hit@{k}" for k in ks)
                  + " | MRR | truth ranked |", "|" + " --- |" * (5 + len(ks))]
        for split, methods in result[name].items():
            for method, value in methods.items():
                lines.append(f"| {split} | {method} | {value.cases} | " + " | ".join(value.cells(ks)) + " |")
        lines.append("")
    return "\n".join(lines)


def demo_graph() -> DemoGraph:
    """The demo graph (atlas + sample corpus through the real pipeline), built once under .bench."""
    from chipmap.demo.build import corpus_articles
    from chipmap.pipeline import build

    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "demo.db"
    build(corpus_articles(), db=f"sqlite:///{db}")
    return DemoGraph(db)


def run(quick: bool = False) -> list[dict[str, Any]]:
    atlas = default_atlas()
    demo = demo_graph()
    try:
        test = Backtest(demo)
        result = tables(test, atlas)
        sample = [c for c in site_cases(atlas) if demo.plan(c.org_id, c.cluster_id)[2]][: 1 if quick else 3]
        problems = {f"{c.org_id} in {c.cluster_id}": demo.verify(atlas, c.org_id, c.cluster_id) for c in sample}
    finally:
        demo.close()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "tables.md").write_text(markdown(result), encoding="utf-8")
    rows: list[dict[str, Any]] = []
    for name in ("locate", "targeting (atlas sites)", "targeting (dated)"):
        for split, methods in result[name].items():
            for method, value in methods.items():
                hits = ", ".join(f"hit@{k} {v:.2f}" for k, v in value.hits.items())
                rows.append({"name": f"{name} {split}: {method}", "value": round(value.mrr, 3), "unit": "MRR",
                             "note": f"{value.cases} cases; {hits}; truth ranked in {value.ranked:.0%}"})
    bad = {k: v for k, v in problems.items() if v}
    rows.append({"name": "hiding = re-seeding", "value": len(problems) - len(bad), "unit": f"of {len(problems)}",
                 "note": "; ".join(f"{k}: {v[:2]}" for k, v in bad.items()) or "cases with news checked against a "
                 "real re-seed of the atlas without the site"})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.backtest", description=__doc__)
    parser.add_argument("--markdown", action="store_true", help="print the tables for docs/analytics.md")
    args = parser.parse_args()
    demo = demo_graph()
    try:
        result = tables(Backtest(demo), default_atlas())
    finally:
        demo.close()
    print(markdown(result) if args.markdown else result)


if __name__ == "__main__":
    main()
