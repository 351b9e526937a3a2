"""Answers to JSON by pydantic-core directly.

FastAPI validates a returned object against its response model before
serialising it; for a cluster profile of a few hundred nested dataclasses that
pass costs more than the analytics. The routes declare ``response_model`` (so
OpenAPI documents the shape) and return ``answer(value)``, which serialises the
dataclass with a cached TypeAdapter and skips the validation.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi.responses import Response
from pydantic import TypeAdapter


@lru_cache(maxsize=64)
def _adapter(kind: type) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def answer(value: object) -> Response:
    """A JSON response of a dataclass answer."""
    kind: type = type(value)
    return Response(_adapter(kind).dump_json(value), media_type="application/json")
