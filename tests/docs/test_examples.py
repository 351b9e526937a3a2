"""Every example in README.md and docs/*.md runs as written.

Shell blocks (```bash / ```sh) contribute each line that starts with ``chipmap``; Python blocks
(```python) run whole. They run in a scratch folder laid out like a checkout (``chipmap/`` and
``../shared`` reachable as in the repository), with the demo graph — built once per session by
the real ``chipmap demo --no-serve`` — where ``chipmap demo`` leaves it, so the query examples
find it exactly as they do after ``make demo``. Each example must exit 0 and print something.

A block whose info string names a need it cannot meet in a test (```bash needs-network) is
checked with ``--help`` only; ``chipmap serve`` examples are started for real on a free port and
must answer over HTTP before they are stopped. ``$CHIPMAP_DB`` in an example stands for the
reader's graph; here it is the demo graph.
"""

from __future__ import annotations

import fcntl
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
BIN = Path(sys.executable).parent
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```", re.M | re.S)
#: Info-string words that mark examples a test cannot run for real (checked with --help).
HELP_ONLY = ("needs-network", "needs-cluster")


@dataclass(frozen=True)
class Example:
    where: str  # file:line
    language: str  # "shell" or "python"
    code: str
    help_only: bool


def _examples() -> list[Example]:
    found: list[Example] = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            lang, info, body = match.group(1), match.group(2), match.group(3)
            line = text[: match.start()].count("\n") + 1
            where = f"{path.relative_to(REPO)}:{line}"
            help_only = any(word in info.split() for word in HELP_ONLY)
            if lang in ("bash", "sh", "shell", "console"):
                joined = re.sub(r"\\\n\s*", " ", body)  # continuation lines are one command
                commands = [c.strip() for c in joined.splitlines() if c.strip().startswith("chipmap ")]
                if commands:
                    found.append(Example(where, "shell", "\n".join(commands), help_only))
            elif lang == "python":
                found.append(Example(where, "python", body, help_only))
    return found


EXAMPLES = _examples()


def _without_comment(command: str) -> str:
    """The command as the shell would run it, without a trailing ``# comment`` (a ``#`` inside
    quotes or a word is kept; globs and quoting are left for the shell)."""
    quote = ""
    for i, char in enumerate(command):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or command[i - 1].isspace()):
            return command[:i].rstrip()
    return command.strip()


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A parent folder holding ``work/`` (chipmap/ and docs/ linked in), ``shared`` and the
    demo graph in ``cache/``, built once for all test processes."""
    root = tmp_path_factory.getbasetemp().parent / "doc-examples"
    root.mkdir(exist_ok=True)
    with (root / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "ready").exists():
            if SHARED.is_dir() and not (root / "shared").exists():
                (root / "shared").symlink_to(SHARED)
            env = _env(root)
            subprocess.run([str(BIN / "chipmap"), "demo", "--no-serve"], env=env, check=True,
                           capture_output=True, timeout=900)
            (root / "ready").touch()
    return root


def _env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIPMAP_")}
    env["XDG_CACHE_HOME"] = str(root / "cache")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "160"
    return env


def _scratch(root: Path, name: str) -> Path:
    work = root / "work" / re.sub(r"\W+", "-", name)
    work.mkdir(parents=True, exist_ok=True)
    for link in ("chipmap", "docs"):
        if not (work / link).exists():
            (work / link).symlink_to(REPO / link)
    return work


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    port = _free_port()
    with subprocess.Popen([*command, "--port", str(port)], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True) as server:
        try:
            for _ in range(120):
                try:
                    answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                    if answer.status_code == 200:
                        return answer.text
                except httpx.HTTPError:
                    pass
                if server.poll() is not None:
                    break
                time.sleep(0.5)
        finally:
            server.terminate()
            output = server.communicate(timeout=30)[0]
        raise AssertionError(f"{shlex.join(command)} did not answer on port {port}:\n{output}")


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.where for e in EXAMPLES])
def test_example_runs_as_written(example: Example, workspace: Path) -> None:
    env = _env(workspace)
    work = _scratch(workspace, example.where)
    if example.language == "python":
        script = work / "example.py"
        script.write_text(example.code, encoding="utf-8")
        done = subprocess.run([sys.executable, str(script)], cwd=work, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, f"{example.where}\n{done.stdout}\n{done.stderr}"
        assert done.stdout.strip(), f"{example.where}: printed nothing"
        return
    for line in example.code.splitlines():
        command = _without_comment(line)
        argv = shlex.split(command)
        if example.help_only:
            head = [a for a in argv if not a.startswith("-")][:3]
            sub = [a for a in head[1:] if re.fullmatch(r"[a-z-]+", a)][:2]
            argv = [argv[0], *sub, "--help"]
            command = shlex.join(argv)
        if "$CHIPMAP_DB" in command:  # the docs' name for "your graph": here, the demo graph
            env = {**env, "CHIPMAP_DB": f"sqlite:///{workspace / 'cache' / 'chipmap' / 'demo.db'}"}
            argv = [a.replace("$CHIPMAP_DB", env["CHIPMAP_DB"]) for a in argv]
        if argv[:2] == ["chipmap", "serve"] and not example.help_only:
            assert _serve(argv, work, env)
            continue
        done = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 0, f"{example.where}: {command}\n{done.stdout}\n{done.stderr}"
        assert done.stdout.strip(), f"{example.where}: {command} printed nothing"


def test_the_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 5
    assert any("chipmap cluster" in e.code for e in EXAMPLES)
