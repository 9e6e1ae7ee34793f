"""Opening: read-only, built when missing, clear errors for a bad file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from eventwatch.errors import GazetteerError
from eventwatch.gazetteer import BuildStats, Gazetteer
from eventwatch.gazetteer import index as index_module


def test_open_builds_a_missing_index(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, index_path: Path) -> None:
    built: list[Path] = []

    def fake_build(path: Path) -> BuildStats:
        shutil.copyfile(index_path, path)
        built.append(path)
        return BuildStats(path, 0, 0, 0, 0, 0, 0.0, path.stat().st_size)

    monkeypatch.setattr(index_module, "build_index", fake_build)
    target = tmp_path / "sub" / "gazetteer-v1.sqlite"
    target.parent.mkdir()
    with Gazetteer.open(target) as gazetteer:
        assert gazetteer.lookup("Bryansk")
    assert built == [target]


def test_open_uses_the_env_location(monkeypatch: pytest.MonkeyPatch, index_path: Path) -> None:
    monkeypatch.setenv("EVENTWATCH_GAZETTEER", str(index_path))
    with Gazetteer.open() as gazetteer:
        assert gazetteer.path == index_path


def test_index_is_read_only(gazetteer: Gazetteer) -> None:
    with pytest.raises(sqlite3.Error):
        gazetteer._connection.execute("DELETE FROM name")


def test_unreadable_file_is_a_gazetteer_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database" * 100)
    with pytest.raises(GazetteerError):
        Gazetteer.open(broken)


def test_build_leaves_no_temporary_files(index_path: Path) -> None:
    leftovers = [p for p in index_path.parent.iterdir() if ".tmp-" in p.name]
    assert leftovers == []
