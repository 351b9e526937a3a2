"""A real dask.distributed cluster on 127.0.0.1 for tests: one scheduler, N worker processes.

Started with the ``dask scheduler`` and ``dask worker`` commands distributed installs, as a
deployment would; workers run without a nanny so that killing one kills its process.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

DASK = Path(sys.executable).parent / "dask"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def clean_env() -> dict[str, str]:
    """The environment without the caller's chipmap settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith("CHIPMAP_")}


class DaskCluster:
    """``dask scheduler`` plus ``dask worker`` processes, stopped by ``close``."""

    def __init__(self, workers: int, logs: Path) -> None:
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.logs = logs
        logs.mkdir(parents=True, exist_ok=True)
        self.scheduler = self._spawn("scheduler", [str(DASK), "scheduler", "--host", "127.0.0.1", "--port",
                                                   str(self.port), "--no-dashboard"])
        self.workers = [self._spawn(f"worker-{i}", [
            str(DASK), "worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
            "--host", "127.0.0.1", "--name", f"w{i}", "--death-timeout", "60"]) for i in range(workers)]
        self.wait_for_workers(workers)

    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen[bytes]:
        with (self.logs / f"{name}.log").open("wb") as log:
            return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=clean_env())

    def wait_for_workers(self, count: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(count, timeout=120)

    def plugins_loaded(self) -> dict[str, list[str]]:
        """Worker address -> names of the chipmap plugins it holds."""
        from distributed import Client

        def names(dask_worker: object) -> list[str]:
            return sorted(n for n in getattr(dask_worker, "plugins", {}) if n.startswith("chipmap-"))

        with Client(self.address, timeout=60) as client:
            found: dict[str, list[str]] = client.run(names)
        return found

    def kill_worker(self, index: int) -> None:
        self.workers[index].send_signal(signal.SIGKILL)
        self.workers[index].wait(timeout=30)

    def close(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 20
        for process in [*self.workers, self.scheduler]:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
