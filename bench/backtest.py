"""Backtests of the recommendations (issue 16): does ``locate`` find a company's real sites,
and does ``gaps`` name the companies that really came?

**Leave one site out** (``locate``). For every atlas company and every Chinese city
(the prefecture-level city of the site: Kunshan's is Suzhou) where the atlas lists a site of
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
``gaps CLUSTER`` candidates. Signings come from three sources through one small
interface (``Signing``): the atlas sites above (undated), dated entries
(bench/data/signings.csv, from the sample corpus, read by hand) and the graph's own
investment projects (``project_signings``: Snapshot.projects, filled from the news by
the projects extractor, dated by their first stage).

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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.hiding import DemoGraph
from chipmap.analyze import GraphIndex, as_of, gap_report, locate
from chipmap.analyze.gaps import WEIGHTS as GAP_WEIGHTS
from chipmap.analyze.gaps import rescore as rescore_prospects
from chipmap.analyze.signals import signals
from chipmap.analyze.siting import WEIGHTS as SITING_WEIGHTS
from chipmap.analyze.siting import rescore as rescore_sites
from chipmap.atlas import Atlas, default_atlas

OUT = Path(".bench") / "backtest"
SIGNINGS = Path(__file__).parent / "data" / "signings.csv"
#: One company in SPLIT is held out.
SPLIT = 3
KS = (1, 3, 5)
TARGET_K = 20

#: The weights before issue 16, on the components that carry their idea (chain = suppliers and
#: customers, peers, talent; gap fit, expansion for the old "scale" of sites and news, links,
#: recency, over gap-segment firms only).
OLD_SITING = {"chain": 0.6, "peers": 0.2, "talent": 0.2}
OLD_GAPS = {"fit": 0.4, "expansion": 0.25, "links": 0.2, "recency": 0.15}


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
    """The prefecture-level city of ``place_id`` inside China (the outermost place of kind city
    at or above it: Kunshan's is Suzhou), else None."""
    if not place_id or not atlas.is_within(place_id, "place:china"):
        return None
    cities = [p for p in (place_id, *atlas.ancestors(place_id))
              if (place := atlas.places.get(p)) is not None and place.kind == "city"]
    return cities[-1] if cities else None


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


def _group_root(index: GraphIndex, org_id: str) -> str:
    """The top of the organisation's chain of company owners (a site's own company is its group's)."""
    root, seen = org_id, {org_id}
    while owners := sorted(r.tail_id for r in index.by_head.get(root, ())
                           if r.type == "subsidiary_of" and r.tail_id not in seen
                           and (e := index.entity(r.tail_id)) is not None and e.kind == "company"):
        root = owners[0]
        seen.add(root)
    return root


def project_signings(index: GraphIndex) -> list[Signing]:
    """(company, city, day) for every investment project of the graph (``Snapshot.projects``, from
    the news) placed in a Chinese city: each company party, taken up to its group's top company (a
    project company named after the site is its parent's entry), on the day of the project's first
    dated stage, else its first report. The earliest project per (company, city) counts; a project
    of a company the news had already placed there is skipped by ``Backtest.index_for``."""
    from chipmap.analyze.projects import step_day

    known = signals(index)
    found: dict[tuple[str, str], Signing] = {}
    for project in index.snapshot.projects:
        city = known.city(project.place_id) if project.place_id else None
        if city is None:
            continue
        days = [d for d in (step_day(s) for s in project.history) if d]
        day = min(days) if days else project.first_seen
        for party in project.parties:
            entity = index.entity(party.entity_id) if party.entity_id else None
            if entity is None or entity.kind != "company":
                continue
            org_id = _group_root(index, entity.id)
            old = found.get((org_id, city))
            if old is None or (day is not None and (old.day is None or day < old.day)):
                found[(org_id, city)] = Signing(org_id, city, day, f"project {project.id}")
    return sorted(found.values(), key=lambda c: (c.day or dt.date.min, c.org_id, c.cluster_id))


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


# -- one case -------------------------------------------------------------------------------------


@dataclass
class Results:
    """Per backtest: the rank of the truth under each method, and the component values for tuning."""

    ranked: dict[str, list[Ranked]] = dataclasses.field(default_factory=dict)
    random: list[Ranked] = dataclasses.field(default_factory=list)
    components: tuple[str, ...] = ()
    tuning: list[tuple[Signing, list[tuple[float, ...]], int]] = dataclasses.field(default_factory=list)

    def add(self, method: str, outcome: Ranked) -> None:
        self.ranked.setdefault(method, []).append(outcome)


def _without(weights: Mapping[str, float], name: str) -> dict[str, float]:
    return {k: (0.0 if k == name else v) for k, v in weights.items()}


def locate_case(index: GraphIndex, case: Signing, results: Results) -> None:
    """Rank the hidden city for the company under locate, its ablations and the baselines."""
    report = locate(index, org_id=case.org_id, limit=100_000)
    options = [o for o in report.options if not o.already_there]
    ids = [o.cluster.id for o in options]
    truth = case.cluster_id
    results.add("locate", Ranked(case, _rank(ids, truth), len(ids)))
    size = sorted(ids, key=lambda c: (-len(index.orgs_in(index.area(c))), index.name(c), c))
    results.add("city size", Ranked(case, _rank(size, truth), len(ids)))
    results.random.append(Ranked(case, _rank(ids, truth), len(ids)))
    for name in SITING_WEIGHTS:
        order = [o.cluster.id for o in rescore_sites(options, _without(SITING_WEIGHTS, name))]
        results.add(f"without {name}", Ranked(case, _rank(order, truth), len(ids)))
    order = [o.cluster.id for o in rescore_sites(options, OLD_SITING)]
    results.add("old weights", Ranked(case, _rank(order, truth), len(ids)))
    results.components = tuple(SITING_WEIGHTS)
    values = [tuple(c.value for c in o.components) for o in options]
    results.tuning.append((case, values, ids.index(truth) if truth in ids else -1))


def gaps_case(index: GraphIndex, case: Signing, results: Results) -> None:
    """Rank the company that came among the cluster's candidates, ablations and baselines."""
    report = gap_report(index, case.cluster_id, limit=100_000)
    candidates = list(report.candidates)
    ids = [c.org.id for c in candidates]
    truth = case.org_id
    results.add("gaps", Ranked(case, _rank(ids, truth), len(ids)))
    known = signals(index)
    size = sorted(ids, key=lambda o: (-known.profile(o).places, -index.evidence_total.get(o, 0), index.name(o), o))
    results.add("company size", Ranked(case, _rank(size, truth), len(ids)))
    results.random.append(Ranked(case, _rank(ids, truth), len(ids)))
    for name in GAP_WEIGHTS:
        order = [c.org.id for c in rescore_prospects(candidates, _without(GAP_WEIGHTS, name))]
        results.add(f"without {name}", Ranked(case, _rank(order, truth), len(ids)))
    old = [c for c in rescore_prospects(candidates, OLD_GAPS) if c.gap_segments]
    results.add("old weights", Ranked(case, _rank([c.org.id for c in old], truth), len(old)))
    results.components = tuple(GAP_WEIGHTS)
    values = [tuple(c.value for c in p.components) for p in candidates]
    results.tuning.append((case, values, ids.index(truth) if truth in ids else -1))


# -- the runs ------------------------------------------------------------------------------------


@dataclass
class Backtest:
    """The demo graph; each case is hidden, ranked by every method, and forgotten."""

    demo: DemoGraph
    skipped: list[Signing] = dataclasses.field(default_factory=list)

    def index_for(self, case: Signing) -> GraphIndex | None:
        """The index with the case hidden (and as of the day before); None when the company or
        the cluster is unknown, or when the news placed the company there before the day."""
        entities = self.demo.snapshot.entities
        if case.org_id not in entities or case.cluster_id not in entities:
            return None
        if case.day is not None:
            before = GraphIndex.build(as_of(self.demo.snapshot, case.day - dt.timedelta(days=1)))
            area = before.area(case.cluster_id).places
            group = signals(before).group(case.org_id)
            if any(r.article_ids and r.tail_id in area for member in group
                   for r in before.org_places.get(member, ())):
                return None
        snapshot, _hidden = self.demo.hide(case.org_id, case.cluster_id)
        if case.day is not None:
            snapshot = as_of(snapshot, case.day - dt.timedelta(days=1))
        return GraphIndex.build(snapshot)

    def run(self, cases: Sequence[Signing], *steps: tuple[Callable[[GraphIndex, Signing, Results], None],
                                                          Results]) -> None:
        for case in cases:
            index = self.index_for(case)
            if index is None:
                self.skipped.append(case)
                continue
            for step, results in steps:
                step(index, case, results)


def _splits(outcomes: Sequence[Ranked]) -> dict[str, list[Ranked]]:
    return {"train": [o for o in outcomes if not held_out(o.case.org_id)],
            "held-out": [o for o in outcomes if held_out(o.case.org_id)],
            "all": list(outcomes)}


def summarise(results: Results, ks: Sequence[int], main: str, baseline: str) -> dict[str, dict[str, Scores]]:
    """split -> method -> scores, the scorer first, then the baselines, the old weights and ablations."""
    order = [main, baseline, "random", "old weights", *sorted(m for m in results.ranked if m.startswith("without"))]
    table: dict[str, dict[str, Scores]] = {}
    for split in ("train", "held-out", "all"):
        row: dict[str, Scores] = {}
        for method in order:
            if method == "random":
                row[method] = random_scores(_splits(results.random)[split], ks)
            elif method in results.ranked:
                row[method] = scores(_splits(results.ranked[method])[split], ks)
        table[split] = row
    return table


def tables(test: Backtest, atlas: Atlas) -> tuple[dict[str, Any], dict[str, Results]]:
    """Every number the report shows, and the raw results (for tuning)."""
    sites, dated = site_cases(atlas), dated_signings()
    projects = project_signings(test.demo.index)
    located, targeted, dated_results, project_results = Results(), Results(), Results(), Results()
    test.run(sites, (locate_case, located), (gaps_case, targeted))
    test.run(dated, (gaps_case, dated_results))
    test.run(projects, (gaps_case, project_results))
    result: dict[str, Any] = {
        "site cases": len(sites), "dated cases": len(dated), "project cases": len(projects),
        "locate": summarise(located, KS, "locate", "city size"),
        "targeting (atlas sites)": summarise(targeted, (TARGET_K,), "gaps", "company size"),
        "targeting (dated)": summarise(dated_results, (TARGET_K,), "gaps", "company size"),
        "targeting (projects)": summarise(project_results, (TARGET_K,), "gaps", "company size"),
        "skipped": [f"{c.org_id} in {c.cluster_id} ({c.day})" for c in test.skipped],
    }
    return result, {"locate": located, "targeting (atlas sites)": targeted, "targeting (dated)": dated_results,
                    "targeting (projects)": project_results}


def markdown(result: Mapping[str, Any]) -> str:
    """The tables for docs/analytics.md."""
    lines = []
    for name, ks in (("locate", KS), ("targeting (atlas sites)", (TARGET_K,)), ("targeting (dated)", (TARGET_K,)),
                     ("targeting (projects)", (TARGET_K,))):
        lines += [f"#### {name}", "", "| split | method | cases | " + " | ".join(f"hit@{k}" for k in ks)
                  + " | MRR | truth ranked |", "|" + " --- |" * (5 + len(ks))]
        for split, methods in result[name].items():
            for method, value in methods.items():
                lines.append(f"| {split} | {method} | {value.cases} | " + " | ".join(value.cells(ks)) + " |")
        lines.append("")
    if result.get("skipped"):
        lines.append("Skipped (the news placed the company there before the day): " + "; ".join(result["skipped"]))
    return "\n".join(lines)


# -- tuning --------------------------------------------------------------------------------------


def _objective(rows: Sequence[tuple[Any, Any]], weights: Any, k: int) -> float:
    """MRR + 0.5 * hit@k of the rows under the weights, ties counted half."""
    import numpy as np

    total = 0.0
    for values, target in rows:
        scores_ = np.round(100 * values @ weights, 2)
        mine = scores_[target]
        rank = 1 + np.sum(scores_ > mine) + 0.5 * (np.sum(scores_ == mine) - 1)
        total += 1 / rank + (0.5 if rank <= k else 0.0)
    return float(total / max(1, len(rows)))


def tune(results: Results, start: Mapping[str, float], *, k: int, rounds: int = 4) -> dict[str, float]:
    """Coordinate ascent on the training companies: each weight in turn on a grid (then normalised),
    maximising MRR + 0.5 * hit@k. Held-out companies are never looked at."""
    import numpy as np

    rows = [(np.array(values), target) for case, values, target in results.tuning
            if not held_out(case.org_id) and target >= 0]
    names = list(results.components)
    weights = np.array([start.get(n, 0.0) for n in names])
    best = _objective(rows, weights, k)
    for _ in range(rounds):
        improved = False
        for i in range(len(names)):
            for value in (0.0, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6):
                trial = weights.copy()
                trial[i] = value
                trial = trial / (trial.sum() or 1.0)
                score = _objective(rows, trial, k)
                if score > best + 1e-9:
                    best, weights, improved = score, trial, True
        if not improved:
            break
    return {n: round(float(w), 3) for n, w in zip(names, weights, strict=True)}


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
        result, _raw = tables(Backtest(demo), atlas)
        sample = [c for c in site_cases(atlas) if demo.plan(c.org_id, c.cluster_id)[2]][: 1 if quick else 3]
        problems = {f"{c.org_id} in {c.cluster_id}": demo.verify(atlas, c.org_id, c.cluster_id) for c in sample}
    finally:
        demo.close()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "tables.md").write_text(markdown(result), encoding="utf-8")
    rows: list[dict[str, Any]] = []
    for name in ("locate", "targeting (atlas sites)", "targeting (dated)", "targeting (projects)"):
        for split, methods in result[name].items():
            for method, value in methods.items():
                if method.startswith("without") and split != "held-out":
                    continue
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
    parser.add_argument("--tune", action="store_true", help="suggest weights tuned on the training companies")
    args = parser.parse_args()
    demo = demo_graph()
    try:
        result, raw = tables(Backtest(demo), default_atlas())
    finally:
        demo.close()
    print(markdown(result))
    if args.tune:
        import pickle

        (OUT / "tuning.pkl").write_bytes(pickle.dumps({k: (v.components, v.tuning) for k, v in raw.items()}))
        print("locate:", tune(raw["locate"], SITING_WEIGHTS, k=3))
        print("gaps:", tune(raw["targeting (atlas sites)"], GAP_WEIGHTS, k=TARGET_K))


if __name__ == "__main__":
    main()
