"""Pipeline: the build runner — stages by name, progress, per-article errors."""

from chipmap.pipeline.builder import build
from chipmap.pipeline.runner import run, stages_named
from chipmap.pipeline.stages import DEFAULT_STAGES, STAGES, Stage
from chipmap.pipeline.work import BuildError, BuildSummary, Progress, Work

__all__ = [
    "DEFAULT_STAGES",
    "STAGES",
    "BuildError",
    "BuildSummary",
    "Progress",
    "Stage",
    "Work",
    "build",
    "run",
    "stages_named",
]
