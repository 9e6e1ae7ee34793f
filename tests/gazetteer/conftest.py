"""One gazetteer index per test session: the installed one if present, else built into tmp."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwatch.gazetteer import Gazetteer, build_index, default_index_path


@pytest.fixture(scope="session")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    installed = default_index_path()
    if installed.is_file():
        return installed
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer-v1.sqlite"
    build_index(path)
    return path


@pytest.fixture(scope="session")
def gazetteer(index_path: Path) -> Iterator[Gazetteer]:
    with Gazetteer.open(index_path) as opened:
        yield opened
