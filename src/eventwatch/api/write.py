"""POST /articles: ingest one document (text, HTML or a URL) and return the events it touched.

Only with the bearer token from settings (`api.token`); with no token configured the write
endpoints are off (403).
"""

import secrets
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eventwatch.api import models as m
from eventwatch.api.errors import ERROR_RESPONSES
from eventwatch.api.models import ErrorBody
from eventwatch.api.routes import Repo, summaries
from eventwatch.errors import InputError
from eventwatch.records import Article, Rejected
from eventwatch.settings import Settings

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
    403: {"model": ErrorBody, "description": "Write endpoints are off (no api.token configured)"},
}
_bearer = HTTPBearer(auto_error=False, description="The api.token setting (EVENTWATCH_API_TOKEN)")


def _document(body: m.IngestRequest, settings: Settings) -> list[Article | Rejected]:
    from eventwatch.ingest import Fetcher, read_url
    from eventwatch.ingest.html import parse_html
    from eventwatch.ingest.text import parse_text

    if body.url is not None:
        with Fetcher(settings.fetch, max_bytes=settings.ingest.max_bytes) as fetcher:
            found = list(read_url(body.url, settings, fetcher))
    elif body.html is not None:
        found = [parse_html(body.html, settings.ingest, origin="api")]
    else:
        found = [parse_text(body.text or "", settings.ingest, origin="api")]
    return [_with_meta(record, body) for record in found]


def _with_meta(record: Article | Rejected, body: m.IngestRequest) -> Article | Rejected:
    """The request's own title / outlet / published_at win over what the document says."""
    if isinstance(record, Rejected):
        return record
    return replace(
        record,
        title=body.title or record.title,
        outlet=body.outlet or record.outlet,
        published_at=body.published_at or record.published_at,
    )


def write_router(settings: Settings) -> APIRouter:
    router = APIRouter(responses=ERROR_RESPONSES)

    def require_token(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
        token = settings.api.token
        if not token:
            raise HTTPException(403, "write endpoints are off: set api.token (EVENTWATCH_API_TOKEN)")
        if creds is None or not secrets.compare_digest(creds.credentials.encode(), token.encode()):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    @router.post(
        "/articles",
        response_model=m.IngestResult,
        responses=AUTH_RESPONSES,
        dependencies=[Depends(require_token)],
        summary="Ingest one document and return the events it touched",
    )
    def post_article(request: Request, repo: Repo, body: m.IngestRequest, later: BackgroundTasks) -> m.IngestResult:
        from datetime import UTC, datetime

        from eventwatch.monitor.alerts import after_ingest
        from eventwatch.pipeline import ingest_items

        started = datetime.now(UTC)
        try:
            records = _document(body, settings)
        except InputError as exc:
            records = [Rejected(stage="ingest", reason=exc.message, origin="api", code=exc.code)]
        report = ingest_items(records, settings, repo, _services(request))
        later.add_task(after_ingest, repo, settings, report.events, started)  # alerts after the response
        articles = [r for r in records if isinstance(r, Article)]
        if not articles:
            reasons = "; ".join(r.reason for r in records if isinstance(r, Rejected)) or "no article in the document"
            raise InputError(f"document refused: {reasons}")
        known = repo.mention_events({article.id for article in articles}).values()  # also when already stored
        events = repo.get_events(sorted(report.events | set(known)))
        return m.IngestResult(article_id=articles[0].id, events=summaries(repo, events))

    return router


def _services(request: Request) -> Any:
    """The extraction services (gazetteer, NLP), built on the first write and kept."""
    state = request.app.state
    if getattr(state, "services", None) is None:
        from eventwatch.scale.pool import default_services

        state.services = default_services()
    return state.services
