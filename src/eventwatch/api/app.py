"""The app factory: `create_app(settings)` -> FastAPI (see docs/api.md)."""

from __future__ import annotations

import importlib
import importlib.util

from fastapi import FastAPI

from eventwatch import __version__
from eventwatch.api import errors
from eventwatch.api.cache import ResponseCache
from eventwatch.api.guard import BodyLimit, SecurityHeaders
from eventwatch.api.monitor import monitor_router
from eventwatch.api.routes import export_router, read_router
from eventwatch.api.write import write_router
from eventwatch.settings import Settings
from eventwatch.store import Repository, open_repository
from eventwatch.store.engine import ChangeProbe

DESCRIPTION = (
    "Conflict events extracted from news reports: deduplicated, geocoded, with every field traced "
    "to the sentence it came from. Every error has one shape: "
    '`{"ok": false, "status": int, "error": str, "errors": [{"loc": [...], "msg": str}]}`.'
)


def create_app(settings: Settings, repo: Repository | None = None) -> FastAPI:
    """The API over the store at settings.store.url (or `repo`); mounts the dashboard if installed."""
    # /docs is served offline by the dashboard (web/docs.py): FastAPI's own loads Swagger UI from a CDN
    app = FastAPI(title="eventwatch", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.repo = repo or open_repository(settings.store.url)
    app.state.settings = settings
    errors.install(app)
    app.include_router(read_router(settings.api.max_page_size))
    app.include_router(export_router())
    app.include_router(write_router(settings))
    app.include_router(monitor_router())
    if importlib.util.find_spec("eventwatch.web") is not None:
        importlib.import_module("eventwatch.web").mount_dashboard(app)
    # Outermost first: headers on every response, the 413 included; the body limit before routing;
    # kept read answers (api/cache.py) before routing.
    app.add_middleware(ResponseCache, token=ChangeProbe(app.state.repo.engine))
    app.add_middleware(BodyLimit, max_bytes=settings.api.max_body_bytes)
    app.add_middleware(SecurityHeaders, tile_url=settings.api.tile_url)
    return app
