"""Read endpoints: events, sites, articles, stats, health; and the exports."""

import time
from collections.abc import Iterator
from itertools import chain, islice
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel

from eventwatch.api import models as m
from eventwatch.api import views
from eventwatch.api.errors import ERROR_RESPONSES, NOT_FOUND, error_response
from eventwatch.api.models import ErrorBody
from eventwatch.api.params import NO_NUL, event_query
from eventwatch.errors import StoreError
from eventwatch.export.formats import FORMATS, MEDIA_TYPES, export_chunks
from eventwatch.records import Event
from eventwatch.store import Repository
from eventwatch.store.query import EventQuery, Sort

Filters = Annotated[EventQuery, Depends(event_query)]
# /health reads the whole database file at most this often (a probe every few seconds must
# not scan a large store each time; a damaged page is found within this delay).
HEALTH_CHECK_SECONDS = 60.0
Id = Annotated[str, Path(max_length=128, pattern=NO_NUL)]


async def repo_of(request: Request) -> Repository:
    """`async`: FastAPI runs a plain `def` dependency in a worker thread, one more hop per request."""
    repo: Repository = request.app.state.repo
    return repo


Repo = Annotated[Repository, Depends(repo_of)]


def json_response(model: BaseModel) -> Response:
    """The model as FastAPI would send it for a response_model (the same bytes), without its
    second validation of the returned model and the worker thread that runs it."""
    return Response(model.model_dump_json(by_alias=True), media_type="application/json")


def summaries(repo: Repository, events: list[Event]) -> list[m.EventSummary]:
    names = repo.site_names({e.site_id for e in events if e.site_id})
    return [views.event_summary(event, names) for event in events]


def read_router(max_page_size: int) -> APIRouter:
    router = APIRouter(responses=ERROR_RESPONSES)

    @router.get("/events", response_model=m.EventList, summary="Events matching the filters, one page at a time")
    def list_events(
        repo: Repo,
        filters: Filters,
        sort: Annotated[
            Sort, Query(description="Order; ties by id in the same direction; undated last")
        ] = "-event_date",
        limit: Annotated[int, Query(ge=1, le=max_page_size, description="Page size")] = min(100, max_page_size),
        cursor: Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page")] = None,
    ) -> Response:
        page = repo.find_summaries(filters, sort=sort, limit=limit, cursor=cursor)
        items = [m.EventSummary.model_validate(row) for row in page.rows]
        return json_response(m.EventList(items=items, next_cursor=page.next_cursor))

    @router.get("/events/{event_id}", response_model=m.EventResponse, responses=NOT_FOUND, summary="One event")
    def get_event(repo: Repo, event_id: Id) -> m.EventResponse:
        event = repo.get_event(event_id)
        sources = repo.event_mentions(event.id)
        linked = repo.mention_events({article.id for article, mention in sources if mention.links})
        names = repo.site_names([event.site_id] if event.site_id else [])
        history = repo.event_history(event.id)
        return m.EventResponse(event=views.event_detail(event, sources, names, linked, history))

    @router.get("/sites", response_model=m.SiteList, summary="Named sites")
    def list_sites(repo: Repo) -> m.SiteList:
        return m.SiteList(items=[views.site_summary(site) for site in repo.list_sites()])

    @router.get("/sites/{site_id}", response_model=m.SiteResponse, responses=NOT_FOUND, summary="One site's history")
    def get_site(repo: Repo, site_id: Id) -> m.SiteResponse:
        site = repo.get_site(site_id)
        return m.SiteResponse(site=views.site_detail(site, repo.get_events(site.event_ids)))

    @router.get("/articles/{article_id}", response_model=m.ArticleResponse, responses=NOT_FOUND, summary="One article")
    def get_article(repo: Repo, article_id: Id) -> m.ArticleResponse:
        article = repo.get_article(article_id)
        return m.ArticleResponse(article=views.article_out(article, repo.article_evidence(article.id)))

    @router.get("/stats", response_model=m.Stats, summary="Counts by day and event type, and by admin1")
    def stats(repo: Repo, filters: Filters) -> JSONResponse:
        found = repo.event_stats(filters)
        body = {  # thousands of rows: built as plain JSON (the shape is m.Stats)
            "ok": True,
            "total": found.total,
            "by_day_type": [{"date": d.isoformat(), "event_type": t, "count": n} for d, t, n in found.by_day_type],
            "by_admin1": [{"country": c, "admin1": a, "count": n} for c, a, n in found.by_admin1],
        }
        return JSONResponse(body)

    checked: dict[str, float] = {}  # when the file was last found whole (PRAGMA quick_check reads it all)

    @router.get(
        "/health",
        response_model=m.Health,
        responses={503: {"model": ErrorBody, "description": "The database cannot be read"}},
        summary="Liveness and record counts; 503 when the database cannot be read",
    )
    def health(repo: Repo) -> m.Health | JSONResponse:
        try:
            counts = repo.counts()
            if time.monotonic() - checked.get(repo.url, -HEALTH_CHECK_SECONDS) >= HEALTH_CHECK_SECONDS:
                repo.check()
                checked[repo.url] = time.monotonic()
        except StoreError as exc:
            return error_response(503, f"the database cannot be read: {exc.message}")
        return m.Health(events=counts["events"], articles=counts["articles"])

    return router


_FILE = {"type": "string", "format": "binary"}
EXPORT_SCHEMAS: dict[str, Any] = {
    "geojson": {
        "type": "object",
        "description": "RFC 7946 FeatureCollection; each Feature a [lon, lat] Point (or null geometry)",
        "required": ["type", "features"],
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": {"type": "object", "required": ["type", "geometry", "properties"]}},
        },
    }
}


def _eager(events: Iterator[Event]) -> Iterator[Event]:
    """Read the first page now, so a store error is an error response, not a cut stream."""
    first = list(islice(events, 1))
    return chain(first, events)


def _export_route(router: APIRouter, fmt: str) -> None:
    media = MEDIA_TYPES[fmt]
    content: dict[str, Any] = {media.split(";")[0]: {"schema": EXPORT_SCHEMAS.get(fmt, _FILE)}}

    def export(request: Request, repo: Repo, filters: Filters) -> StreamingResponse:
        events = _eager(repo.iter_events(filters, with_evidence=False))  # the exports carry no quotes
        headers = {"Content-Disposition": f'attachment; filename="events.{fmt}"'}
        scales = request.app.state.settings.export.source_scales  # as `eventwatch export` (settings [export])
        chunks = export_chunks(fmt, events, scales, repo.site_names)
        return StreamingResponse(chunks, media_type=media, headers=headers)

    router.add_api_route(
        f"/events.{fmt}",
        export,
        methods=["GET"],
        response_class=StreamingResponse,
        responses={200: {"content": content, "description": f"Every matching event as {fmt}"}},
        summary=f"Export matching events as {fmt}",
        name=f"export_{fmt}",
    )


def export_router() -> APIRouter:
    router = APIRouter(responses=ERROR_RESPONSES)
    for fmt in FORMATS:
        _export_route(router, fmt)
    return router
