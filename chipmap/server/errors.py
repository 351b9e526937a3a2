"""chipmap's exceptions as HTTP answers: unknown names 404 with suggestions, bad input 400.

Anything unexpected is logged and answered with a short 500 body, never a
traceback; the API tests and the schemathesis run make sure none happens.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from chipmap.errors import ChipmapError, NotFound

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """What a 4xx answer carries."""

    detail: str
    suggestions: list[str] = []


#: OpenAPI descriptions of the error answers every name-taking route can give.
NAME_ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorBody, "description": "No entity matches the name; suggestions lists near matches."},
    400: {"model": ErrorBody, "description": "The request cannot be answered as asked."},
}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


def _answer(request: Request, status: int, body: ErrorBody) -> Response:
    if _wants_html(request):
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html", {"error": body, "status": status},
                                          status_code=status)
    return JSONResponse(body.model_dump(), status_code=status)


def install(app: FastAPI) -> None:
    """Register the handlers on an app."""

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _answer(request, 404, ErrorBody(detail=str(exc), suggestions=exc.suggestions))

    @app.exception_handler(ChipmapError)
    async def chipmap_error(request: Request, exc: ChipmapError) -> Response:
        return _answer(request, 400, ErrorBody(detail=str(exc)))

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError) -> Response:
        return _answer(request, 400, ErrorBody(detail=str(exc)))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error answering %s", request.url.path)
        if _wants_html(request):
            return HTMLResponse("<h1>500</h1><p>Something went wrong.</p>", status_code=500)
        return JSONResponse({"detail": "internal error"}, status_code=500)
