"""Precision and recall per extraction rule: ``python -m bench.rules GOLD_DIR PREDICTIONS.jsonl``.

Every relation chipmap emits names the rule that made it (``Relation.rule``). This report
matches predicted relations to the gold ones exactly as the evaluation scorer does
(``../shared/eval/score.py``: its name normalisation, alias expansion and one-to-one
matching, imported from that file at run time rather than copied), then credits each
match or miss to the rule behind the prediction. A rule's precision is the share of its
facts that are right; its recall is the share of the gold facts of its relation type that
it found, so the recalls of one type's rules add up to the type's recall.

``make eval`` prints it for the English and the Chinese development sets.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

#: Where the scorer sits beside a checkout (``make eval`` passes ``--scorer`` explicitly).
DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
NO_RULE = "(no rule)"


def load_scorer(path: Path) -> ModuleType:
    """The evaluation scorer, imported from its file."""
    spec = importlib.util.spec_from_file_location("chipmap_eval_scorer", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Tally:
    """Right and wrong facts per (relation type, rule), and gold facts per type."""

    right: Counter[tuple[str, str]] = field(default_factory=Counter)
    wrong: Counter[tuple[str, str]] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)


def tally_article(scorer: ModuleType, gold: dict[str, Any], pred: dict[str, Any], tally: Tally) -> None:
    """Credit each predicted relation of one article to its rule (as score.py matches them)."""
    gold_index, pred_index = scorer.alias_index(gold), scorer.alias_index(pred)
    for rtype in scorer.RELATION_TYPES:
        golds = [r for r in gold.get("relations", []) or [] if r.get("type") == rtype]
        tally.gold[rtype] += len(golds)
        seen: set[tuple[str, str]] = set()
        used: set[int] = set()
        for rel in pred.get("relations", []) or []:
            if rel.get("type") != rtype:
                continue
            key = (scorer.norm(rel.get("head", "")), scorer.norm(rel.get("tail", "")))
            if key in seen:
                continue  # duplicates of one fact count once, as in the scorer
            seen.add(key)
            head = scorer.expand(rel.get("head", ""), pred_index)
            tail = scorer.expand(rel.get("tail", ""), pred_index)
            rule = rel.get("rule") or NO_RULE
            for gi, g in enumerate(golds):
                if gi not in used and head & scorer.expand(g["head"], gold_index) \
                        and tail & scorer.expand(g["tail"], gold_index):
                    used.add(gi)
                    tally.right[(rtype, rule)] += 1
                    break
            else:
                tally.wrong[(rtype, rule)] += 1


def tally_files(scorer: ModuleType, gold_dir: Path, predictions: Path) -> Tally:
    golds = {}
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        golds[doc["id"]] = doc["gold"]
    preds = {}
    for line in predictions.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            preds[str(obj.get("id"))] = obj
    tally = Tally()
    for doc_id, gold in golds.items():
        tally_article(scorer, gold, preds.get(doc_id, {}), tally)
    return tally


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def table(tally: Tally, relation_types: Iterable[str]) -> list[str]:
    """The report: one line per rule, grouped under a line per relation type."""
    lines = [f"{'relation / rule':44}{'facts':>7}{'right':>7}{'P':>8}{'R':>8}"]
    for rtype in relation_types:
        rules = sorted({rule for t, rule in (*tally.right, *tally.wrong) if t == rtype})
        right = sum(tally.right[(rtype, r)] for r in rules)
        facts = right + sum(tally.wrong[(rtype, r)] for r in rules)
        gold = tally.gold[rtype]
        lines.append(f"{rtype + f' (gold {gold})':44}{facts:7d}{right:7d}"
                     f"{_ratio(right, facts):8.3f}{_ratio(right, gold):8.3f}")
        ranked = sorted(rules, key=lambda r: -(tally.right[(rtype, r)] + tally.wrong[(rtype, r)]))
        for rule in ranked:
            ok, bad = tally.right[(rtype, rule)], tally.wrong[(rtype, rule)]
            lines.append(f"  {rule:42}{ok + bad:7d}{ok:7d}{_ratio(ok, ok + bad):8.3f}{_ratio(ok, gold):8.3f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rules", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("predictions", type=Path)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="path of shared/eval/score.py")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    tally = tally_files(scorer, args.gold_dir, args.predictions)
    print("\n".join(table(tally, scorer.RELATION_TYPES)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
