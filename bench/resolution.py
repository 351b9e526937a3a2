"""Precision and recall of entity resolution on hand-labelled pairs of names (``make eval``).

    python bench/resolution.py [--pairs FILE] [--errors]

Each pair (tests/resolve/fixtures/resolution_pairs.jsonl: two names of one type, labelled
``same`` or ``different``, no article text) is resolved as two mentions in two articles
against an index seeded with the atlas, as a build does: the first name is resolved and
committed, then the second is resolved. Both orders are tried, so each pair counts twice.

- **automatic merging**: the second name resolved to the first one's entity.
  precision = merged same pairs / merged pairs; recall = merged same pairs / same pairs.
- **review**: the second name became a new entity with the first one's entity among its
  "possibly same as" candidates. Recall with review counts a same pair found when it is
  merged or proposed; candidate precision is the share of proposed pairs that are the same.

Mentions carry no atlas id (the extractor's context-based atlas linking is not measured
here): what is measured is how names alone resolve.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from the repository root
    sys.path.insert(0, str(REPO))

from chipmap.atlas import Atlas, default_atlas  # noqa: E402
from chipmap.resolve import EntityIndex, IndexView, KnownEntity, Mention, resolve_mention  # noqa: E402

PAIRS = REPO / "tests" / "resolve" / "fixtures" / "resolution_pairs.jsonl"


@dataclass(frozen=True, slots=True)
class Trial:
    """One pair resolved in one order."""

    pair: dict[str, Any]
    first: str
    second: str
    merged: bool
    proposed: bool
    reason: str  # the second mention's decision


def atlas_index(atlas: Atlas) -> EntityIndex:
    """The index a build starts from once the atlas is seeded (``chipmap.store.state.load_index``)."""
    index = EntityIndex()
    for entry in atlas.entries():
        entity_type = "org" if entry.id.startswith("org:") else "place"
        index.add(KnownEntity(entry.id, entity_type, entry.kind, entry.name, entry.id),
                  [n for n in entry.all_names() if n not in entry.ambiguous], ambiguous=entry.ambiguous)
    return index


def trial(index: EntityIndex, pair: dict[str, Any], first: str, second: str) -> Trial:
    """Resolve ``first`` and commit it, then resolve ``second``."""
    kinds = {pair["a"]: pair.get("kind_a", ""), pair["b"]: pair.get("kind_b", "")}
    view = IndexView(index)
    one = Mention(pair["type"], first, kind=kinds[first])
    decided = resolve_mention(one, view)
    entity = view.get(decided.entity_id) or KnownEntity(decided.entity_id, one.type, one.kind, one.name)
    view.remember(entity, one.forms)
    two = resolve_mention(Mention(pair["type"], second, kind=kinds[second]), view)
    merged = two.entity_id == decided.entity_id
    proposed = not merged and decided.entity_id in {c.entity_id for c in two.candidates}
    return Trial(pair, first, second, merged, proposed, two.reason)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def report(trials: list[Trial], *, errors: bool = False) -> list[str]:
    """The table ``make eval`` prints."""
    lines = [f"{'':8} {'pairs':>5} {'same':>5} {'merged':>6} {'P':>6} {'R':>6} {'F1':>6} "
             f"{'proposed':>8} {'R+review':>8} {'P(prop)':>7}"]
    groups: dict[str, list[Trial]] = defaultdict(list)
    for t in trials:
        groups[t.pair["type"]].append(t)
        groups["all"].append(t)
    for name in ("org", "place", "person", "all"):
        rows = groups.get(name, [])
        same = [t for t in rows if t.pair["label"] == "same"]
        merged = [t for t in rows if t.merged]
        good = sum(1 for t in merged if t.pair["label"] == "same")
        proposed = [t for t in rows if t.proposed]
        found = sum(1 for t in same if t.merged or t.proposed)
        p = good / len(merged) if merged else 0.0
        r = good / len(same) if same else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"{name:8} {len(rows) // 2:>5} {len(same) // 2:>5} {len(merged):>6} {p:>6.3f} {r:>6.3f} "
                     f"{f1:>6.3f} {len(proposed):>8} {_ratio(found, len(same)):>8} "
                     f"{_ratio(sum(1 for t in proposed if t.pair['label'] == 'same'), len(proposed)):>7}")
    lines.append("(each pair resolved in both orders; merged/proposed count trials)")
    by_rule = Counter((t.reason, t.pair["label"]) for t in trials if t.merged)
    lines.append("merges by rule: " + ", ".join(
        f"{rule} {by_rule[(rule, 'same')]} right / {by_rule[(rule, 'different')]} wrong"
        for rule in sorted({r for r, _ in by_rule})))
    if errors:
        for t in trials:
            if t.merged != (t.pair["label"] == "same"):
                kind = "WRONG MERGE" if t.merged else ("missed, proposed" if t.proposed else "missed")
                lines.append(f"  {kind:16} {t.pair['type']:6} {t.first!r} -> {t.second!r} ({t.reason})")
    return lines


def evaluate(pairs: list[dict[str, Any]], atlas: Atlas | None = None) -> list[Trial]:
    """Every pair in both orders against one atlas-seeded index."""
    index = atlas_index(atlas or default_atlas())
    return [trial(index, pair, first, second) for pair in pairs
            for first, second in ((pair["a"], pair["b"]), (pair["b"], pair["a"]))]


def load_pairs(path: Path) -> list[dict[str, Any]]:
    """The labelled pairs of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="labelled pairs (JSON Lines)")
    parser.add_argument("--errors", action="store_true", help="list every wrong merge and missed pair")
    args = parser.parse_args()
    pairs = load_pairs(args.pairs)
    sys.stdout.write("\n".join(report(evaluate(pairs), errors=args.errors)) + "\n")


if __name__ == "__main__":
    main()
