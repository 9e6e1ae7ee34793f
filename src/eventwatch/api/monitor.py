"""Monitoring endpoints: GET /sources (the watched sources' state), GET /alerts (the saved
searches) and GET /alerts/NAME.atom (a saved search's matches as an Atom 1.0 feed)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel

from eventwatch.api.errors import ERROR_RESPONSES, NOT_FOUND
from eventwatch.api.routes import Repo
from eventwatch.store.monitor import MonitorStore

ATOM_TYPE = "application/atom+xml"


class SourceStateOut(BaseModel):
    name: str
    url: str
    every: float
    etag: str | None
    last_modified: str | None
    last_fetch: datetime | None
    last_success: datetime | None
    next_due: datetime | None
    failures: int
    items_seen: int
    articles_added: int
    last_error: str
    healthy: bool


class SavedSearchOut(BaseModel):
    name: str
    filters: dict[str, Any]
    webhook: str | None
    email: str | None
    atom: str


def monitor_router() -> APIRouter:
    router = APIRouter(responses=ERROR_RESPONSES)

    @router.get("/sources", response_model=list[SourceStateOut], summary="The state of every watched source")
    def list_sources(repo: Repo) -> list[SourceStateOut]:
        return [SourceStateOut(**asdict(state)) for state in MonitorStore(repo.engine).list_sources()]

    @router.get("/alerts", response_model=list[SavedSearchOut], summary="The saved searches and their Atom feeds")
    def list_alerts(repo: Repo) -> list[SavedSearchOut]:
        return [
            SavedSearchOut(
                name=s.name, filters=s.filters, webhook=s.webhook, email=s.email, atom=f"alerts/{s.name}.atom"
            )
            for s in MonitorStore(repo.engine).list_searches()
        ]

    @router.get(
        "/alerts/{name}.atom",
        response_class=Response,
        responses={**NOT_FOUND, 200: {"content": {ATOM_TYPE: {}}, "description": "An Atom 1.0 feed"}},
        summary="A saved search's alerts as an Atom 1.0 feed, one entry per match",
    )
    def alert_feed(request: Request, repo: Repo, name: Annotated[str, Path(max_length=100)]) -> Response:
        from eventwatch.monitor.atom import atom_feed

        store = MonitorStore(repo.engine)
        search = store.get_search(name)
        body = atom_feed(search, store.matches(name), request.app.state.settings, str(request.url))
        return Response(body, media_type=ATOM_TYPE)

    return router
