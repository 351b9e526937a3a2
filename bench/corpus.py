"""Benchmark corpora made by recombining our own sample articles (no outside text)."""

from __future__ import annotations

import random
from pathlib import Path

from chipmap.ingest.files import split_front_matter

CORPUS_DIR = Path(__file__).resolve().parents[1] / "chipmap" / "demo" / "corpus"


def paragraphs() -> list[str]:
    """Every paragraph of the bundled sample corpus."""
    out: list[str] = []
    for path in sorted(CORPUS_DIR.glob("[0-9]*.md")):
        _, body = split_front_matter(path.read_text(encoding="utf-8"), source=str(path))
        out.extend(p.strip() for p in body.split("\n\n") if len(p.split()) > 12)
    return out


def generate(count: int, *, seed: int = 7, per_article: tuple[int, int] = (3, 6)) -> list[str]:
    """``count`` article texts, each a shuffled handful of sample paragraphs."""
    rng = random.Random(seed)
    pool = paragraphs()
    return ["\n\n".join(rng.sample(pool, rng.randint(*per_article))) for _ in range(count)]


def write(directory: Path, texts: list[str]) -> list[Path]:
    """Write texts as .txt files (one article each) and return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        path = directory / f"bench-{i:06d}.txt"
        path.write_text(text + f"\n\nBenchmark article {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths
