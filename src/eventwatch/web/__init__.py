"""The dashboard: a static page (map, timeline, filters, list, event panel) served beside the
API. It reads only the HTTP API; its libraries are vendored into static/vendor/ at install
time (tools/vendor_web.py), so nothing is fetched from a CDN at run time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from eventwatch.api.errors import error_response
from eventwatch.web.docs import mount_docs

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"
# One file per vendored library; if any is missing the page cannot work.
REQUIRED_ASSETS = (
    "leaflet/leaflet.js",
    "markercluster/leaflet.markercluster.js",
    "topojson-client/topojson-client.min.js",
    "uplot/uPlot.iife.min.js",
    "world-atlas/countries-50m.json",
    "swagger-ui/swagger-ui-bundle.js",
)


def missing_assets() -> list[str]:
    """The vendored files the page needs that are not installed."""
    return [name for name in REQUIRED_ASSETS if not (VENDOR / name).is_file()]


def dashboard_config(settings: Any) -> dict[str, Any]:
    """What the page needs from the settings: an optional map tile URL (empty: country outlines
    only) and the largest page of events the API serves."""
    from eventwatch.taxonomy import SUB_EVENT_TYPES

    api = getattr(settings, "api", None)
    return {
        "tile_url": str(getattr(api, "tile_url", "") or ""),
        "page_size": int(getattr(api, "max_page_size", 1000)),
        "sub_event_types": {name: list(subs) for name, subs in SUB_EVENT_TYPES.items()},
    }


def _unavailable(missing: list[str]) -> JSONResponse:
    """The API's one error shape, saying which assets are missing and how to install them."""
    return error_response(
        503, f"dashboard assets are missing ({', '.join(missing)}): run `make install` (tools/vendor_web.py)"
    )


def mount_dashboard(app: FastAPI) -> None:
    """Serve the dashboard at `/`, its configuration at `/config` and its files under `/static/`."""

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> Response:
        missing = missing_assets()
        if missing:
            return _unavailable(missing)
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/config", include_in_schema=False)
    def config(request: Request) -> dict[str, Any]:
        return dashboard_config(getattr(request.app.state, "settings", None))

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    mount_docs(app)
