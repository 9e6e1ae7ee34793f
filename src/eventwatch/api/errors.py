"""One JSON error shape for every error: {"ok": false, "status", "error", "errors"}.

Typed eventwatch errors are translated here, and only here, into HTTP statuses.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwatch.api.models import ErrorBody, Problem
from eventwatch.errors import BadFilter, EventwatchError, InputError, NotFound, StoreConflict, StoreError

log = logging.getLogger("eventwatch.api")

STATUS_OF: tuple[tuple[type[EventwatchError], int], ...] = (
    (NotFound, 404),
    (BadFilter, 400),
    (InputError, 422),
    (StoreConflict, 503),  # a concurrent writer won a race: the same request may succeed again
    (StoreError, 500),
)
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (400, "A filter, sort or cursor that cannot be understood"),
        (422, "A parameter or body that fails validation"),
        (500, "A database error"),
        (503, "The database is busy with a concurrent write; try again (Retry-After)"),
    )
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No such record"}}


def error_response(
    status: int, message: str, problems: Sequence[Problem] = (), headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(status=status, error=message, errors=list(problems))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _status(exc: EventwatchError) -> int:
    return next((status for kind, status in STATUS_OF if isinstance(exc, kind)), 500)


async def _eventwatch_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EventwatchError)
    status = _status(exc)
    if status >= 500:
        log.error("%s (%s)", exc.message, exc.detail)
    param = getattr(exc, "param", None)
    problems = [Problem(loc=["query", param], msg=exc.message)] if param else []
    return error_response(status, exc.message, problems, headers={"Retry-After": "1"} if status == 503 else None)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        Problem(loc=[part for part in item.get("loc", ()) if isinstance(part, str | int)], msg=str(item.get("msg", "")))
        for item in exc.errors()
    ]
    return error_response(422, "the request is not valid: " + "; ".join(p.msg for p in problems[:3]), problems)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return error_response(exc.status_code, str(exc.detail), headers=exc.headers)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(500, "internal error")


def install(app: FastAPI) -> None:
    app.add_exception_handler(EventwatchError, _eventwatch_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
