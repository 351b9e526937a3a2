"""``--dask`` takes a scheduler address or local:N; anything else is a configuration error (exit 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chipmap.errors import ConfigError
from chipmap.pipeline.distributed import DaskTarget


def test_targets_parse() -> None:
    assert DaskTarget.parse("tcp://10.0.0.5:8786") == DaskTarget(address="tcp://10.0.0.5:8786")
    assert DaskTarget.parse("local:3") == DaskTarget(workers=3)
    assert DaskTarget.parse("local").workers == (os.cpu_count() or 1)
    assert str(DaskTarget.parse("local:2")) == "local:2"
    for bad in ("local:0", "local:x", "10.0.0.5:8786"):
        with pytest.raises(ConfigError):
            DaskTarget.parse(bad)


def test_a_bad_dask_target_exits_2(corpus: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIPMAP_")}
    result = subprocess.run([sys.executable, "-m", "chipmap", "build", str(corpus), "--db", str(tmp_path / "g.db"),
                             "--dask", "somewhere"], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 2 and "tcp://HOST:PORT" in result.stderr
