"""Dependencies the routes declare: the Analyst, paging, and the bearer token for writes."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from chipmap.analyze.service import Analyst
from chipmap.config import Settings


def get_analyst(request: Request) -> Analyst:
    """The app's Analyst (one per app, made at start-up)."""
    analyst: Analyst = request.app.state.analyst
    return analyst


def get_settings_dep(request: Request) -> Settings:
    """The settings the app was made with."""
    settings: Settings = request.app.state.settings
    return settings


AnalystDep = Annotated[Analyst, Depends(get_analyst)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
Limit = Annotated[int, Query(ge=1, le=500, description="Most items to return.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip (pagination).")]

_bearer = HTTPBearer(auto_error=False)


def require_token(settings: SettingsDep,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """Let a write through only with ``Authorization: Bearer <settings.api_token>``.

    With no token configured every write is refused: the API is read-only by default.
    """
    if not settings.api_token:
        raise HTTPException(403, "write endpoints are disabled: set CHIPMAP_API_TOKEN to enable them")
    if credentials is None or not secrets.compare_digest(credentials.credentials, settings.api_token):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


WriteAccess = Annotated[None, Depends(require_token)]
