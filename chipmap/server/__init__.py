"""The REST API and the web dashboard: a FastAPI app factory over an Analyst."""

from chipmap.server.app import create_app

__all__ = ["create_app"]
