"""Every command explains itself: a meta-test that keeps the CLI documented."""

from __future__ import annotations

import typer
from typer.main import get_command
from typer.testing import CliRunner

from chipmap.cli import app

runner = CliRunner()


def _command_paths(command: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    for name, sub in getattr(command, "commands", {}).items():
        paths.extend(_command_paths(sub, (*prefix, name)))
    return paths


def test_every_command_has_help_text() -> None:
    root = get_command(app)
    paths = _command_paths(root)
    assert len(paths) > 5
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.output
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        assert (command.help or "").strip(), f"command {' '.join(path) or 'chipmap'} has no help text"


def test_unknown_command_is_a_usage_error() -> None:
    result = runner.invoke(app, ["no-such-command"])
    assert result.exit_code == 2
    assert isinstance(app, typer.Typer)
