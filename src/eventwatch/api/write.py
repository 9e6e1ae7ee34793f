"""POST /articles: ingest one document (text, HTML or a URL) and return the events it touched.
The document is read and extracted in the write process (api/writer.py); it is resolved and
stored here, in the request's thread.

Only with the bearer token from settings (`api.token`); with no token configured the write
endpoints are off (403).
"""

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eventwatch.api import models as m
from eventwatch.api.errors import ERROR_RESPONSES
from eventwatch.api.models import ErrorBody
from eventwatch.api.routes import Repo, summaries
from eventwatch.api.writer import extract_in_worker, precomputed
from eventwatch.errors import InputError
from eventwatch.records import Article
from eventwatch.settings import Settings

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
    403: {"model": ErrorBody, "description": "Write endpoints are off (no api.token configured)"},
}
_bearer = HTTPBearer(auto_error=False, description="The api.token setting (EVENTWATCH_API_TOKEN)")


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
    def post_article(repo: Repo, body: m.IngestRequest, later: BackgroundTasks) -> m.IngestResult:
        from datetime import UTC, datetime

        from eventwatch.monitor.alerts import after_ingest
        from eventwatch.pipeline import ingest_items

        started = datetime.now(UTC)
        extracted = extract_in_worker(body, settings)  # read and extracted in the write process
        records = [record for record, _ in extracted]
        results = {r.id: result for r, result in extracted if isinstance(r, Article) and result is not None}
        report = ingest_items(records, settings, repo, extract=precomputed(results))
        later.add_task(after_ingest, repo, settings, report.events, started)  # alerts after the response
        stored = repo.stored_article_ids([r.id for r in records if isinstance(r, Article)])
        articles = [r for r in records if isinstance(r, Article) and r.id in stored]
        if not articles:  # nothing readable, or its extraction failed
            reasons = "; ".join(r.reason for r in report.rejected) or "no article in the document"
            raise InputError(f"document refused: {reasons}")
        known = repo.mention_events({article.id for article in articles}).values()  # also when already stored
        events = repo.get_events(sorted(report.events | set(known)))
        return m.IngestResult(article_id=articles[0].id, events=summaries(repo, events))

    return router
