"""``python -m bench [--quick] [SECTION...]``: run the benchmarks and print one table.

Sections are modules of this package with a ``run(quick) -> rows`` function.
Results are also written to .bench/results.json for comparison between runs.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

SECTIONS = ("extract", "extract_zh", "build", "api", "write", "load", "memory", "backtest")
OUT = Path(".bench")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("sections", nargs="*", default=list(SECTIONS), help="sections to run")
    parser.add_argument("--quick", action="store_true", help="small inputs, for a smoke run")
    args = parser.parse_args()
    console = Console()
    rows: list[dict[str, Any]] = []
    for name in args.sections:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            console.print(f"[yellow]skipped {name}: {exc}[/]")
            continue
        started = time.perf_counter()
        console.print(f"running {name} ...")
        for row in module.run(quick=args.quick):
            rows.append({"section": name, **row})
        console.print(f"  {name} took {time.perf_counter() - started:.0f} s")
    table = Table("section", "measure", "value", "unit", "note", title="chipmap benchmarks")
    for row in rows:
        table.add_row(row["section"], row["name"], str(row["value"]), row["unit"], row.get("note", ""))
    console.print(table)
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
