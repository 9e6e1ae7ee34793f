from __future__ import annotations

import sys
from pathlib import Path

import pytest

from eventwatch.gazetteer import default_index_path


def test_env_var_overrides_the_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVENTWATCH_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert default_index_path() == tmp_path / "g.sqlite"


def test_default_location_is_under_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWATCH_GAZETTEER", raising=False)
    assert default_index_path() == Path(sys.prefix) / "share" / "eventwatch" / "gazetteer-v1.sqlite"
