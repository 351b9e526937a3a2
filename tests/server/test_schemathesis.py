"""Property-based run of the OpenAPI schema: whatever the inputs, the API never answers 5xx."""

from __future__ import annotations

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from chipmap.config import Settings
from chipmap.demo.toy import toy_graph
from chipmap.server import create_app


def _app() -> FastAPI:
    return create_app(toy_graph(), settings=Settings(api_token="schemathesis-token"))


schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_never_answers_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
