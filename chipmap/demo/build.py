"""Build the demo database: the atlas and the sample corpus (chipmap/demo/corpus/) through the real pipeline.

The build itself belongs to the store and pipeline (``chipmap.api.build``);
this module only decides where the demo database lives and whether it is
already built, so ``chipmap demo`` starts in seconds the second time.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chipmap.errors import ConfigError

log = logging.getLogger(__name__)

CORPUS = Path(__file__).parent / "corpus"


def default_demo_db() -> Path:
    """Where the demo database lives: the user's cache folder, so the repo stays clean."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "chipmap" / "demo.db"


def _builder() -> Callable[..., Any]:
    api = importlib.import_module("chipmap.api")
    build = getattr(api, "build", None)
    if build is None:
        raise ConfigError("this chipmap has no build step yet (chipmap.api.build is missing)")
    return build  # type: ignore[no-any-return]


def build_demo(db: Path | None = None, *, rebuild: bool = False) -> str:
    """Build (or reuse) the demo database and return its URL."""
    path = db or default_demo_db()
    url = f"sqlite:///{path}"
    if path.exists() and not rebuild:
        log.info("reusing demo database %s", path)
        return url
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    _builder()([CORPUS], db=url)
    return url
