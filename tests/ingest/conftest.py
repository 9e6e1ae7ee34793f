"""Fixtures for the ingest tests."""

from __future__ import annotations

import pytest

from eventwatch.settings import Settings


@pytest.fixture
def settings() -> Settings:
    return Settings()
