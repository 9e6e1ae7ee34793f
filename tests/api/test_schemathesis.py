"""Schemathesis against the OpenAPI document, over the demo database, in-process (ASGI).

Every operation is called with generated valid (positive) and invalid (negative) inputs; all
of schemathesis's checks run on each response (documented status, content type and schema,
no server error, invalid data rejected, valid data accepted). Examples are bounded so the run
stays well under a minute. `cursor` is left out of generated requests: an opaque cursor cannot
be generated from a schema (a made-up one is rightly a 400); test_events.py and test_errors.py
cover cursors.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from eventwatch.api.app import create_app
from eventwatch.settings import ApiSettings, Settings

EXAMPLES = 10  # per operation and mode


@pytest.fixture(scope="module")
def api_schema(settings: Settings, demo_url: str) -> Any:
    configured = Settings(store=settings.with_db(demo_url).store, api=ApiSettings(token="", max_page_size=50))
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(configured))


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_is_documented(api_schema: Any) -> None:
    labels = {operation.label for operation in _operations(api_schema)}
    assert {"GET /events", "GET /events/{event_id}", "GET /stats", "POST /articles", "GET /events.parquet"} <= labels


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_openapi_document(api_schema: Any, mode: GenerationMode) -> None:
    for operation in _operations(api_schema):
        has_inputs = any(len(part) for part in (operation.query, operation.path_parameters, operation.body))
        if mode == GenerationMode.NEGATIVE and not has_inputs:
            continue  # nothing to make invalid (GET /sites, /health)

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                  derandomize=True)  # the same examples every run: CI stays reproducible
        def run(case: Any) -> None:
            if case.query:
                case.query.pop("cursor", None)
            case.call_and_validate()

        try:
            run()
        except Unsatisfiable:
            # Invalid values of a path-only operation (NUL, > 128 characters) often cannot be
            # put in a URL at all, so schemathesis may find none to send; query and body
            # operations must always produce some.
            assert not (len(operation.query) or len(operation.body)), operation.label
