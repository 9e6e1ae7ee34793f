"""Settings: defaults.toml, then a TOML file, then EVENTWATCH_* variables, then --db."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwatch.errors import ConfigError
from eventwatch.settings import load_settings


def test_defaults_load() -> None:
    settings = load_settings(env={})
    assert settings.store.url == "sqlite:///eventwatch.db"
    assert settings.fetch.allow_private is False


def test_file_then_environment_then_db(tmp_path: Path) -> None:
    config = tmp_path / "ew.toml"
    config.write_text("[fetch]\ntimeout = 3.5\n[resolve]\nmax_km = 10\n")
    settings = load_settings(config, env={"EVENTWATCH_FETCH_TIMEOUT": "7", "EVENTWATCH_DB": "sqlite:///x.db"})
    assert settings.fetch.timeout == 7.0
    assert settings.resolve.max_km == 10
    assert settings.store.url == "sqlite:///x.db"
    assert settings.with_db("sqlite:///y.db").store.url == "sqlite:///y.db"


@pytest.mark.parametrize(
    ("text", "env"),
    [("[fetch]\nnope = 1\n", {}), ("not toml [", {}), ("", {"EVENTWATCH_FETCH_ALLOW_PRIVATE": "perhaps"})],
)
def test_bad_settings_are_config_errors(tmp_path: Path, text: str, env: dict[str, str]) -> None:
    config = tmp_path / "ew.toml"
    config.write_text(text)
    with pytest.raises(ConfigError):
        load_settings(config, env=env)


@pytest.mark.parametrize(
    ("text", "env", "key"),
    [
        ('[resolve]\nmax_km = "far"\n', {}, "resolve.max_km"),
        ("[resolve]\nweek_slack_days = -5\n", {}, "resolve.week_slack_days"),
        ("[api]\nmax_page_size = 0\n", {}, "api.max_page_size"),
        ("", {"EVENTWATCH_RESOLVE_MAX_KM": "nan"}, "resolve.max_km"),
        ("", {"EVENTWATCH_RESOLVE_MERGE_THRESHOLD": "1.5"}, "resolve.merge_threshold"),
        ("", {"EVENTWATCH_INGEST_MAX_BYTES": "lots"}, "ingest.max_bytes"),
        ("[ingest]\nmax_bytes = 0\n", {}, "ingest.max_bytes"),
    ],
)
def test_bad_values_fail_at_start_naming_the_key(tmp_path: Path, text: str, env: dict[str, str], key: str) -> None:
    config = tmp_path / "ew.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(key)):
        load_settings(config, env=env)


def test_environment_values_are_typed() -> None:
    settings = load_settings(env={"EVENTWATCH_INGEST_FOLLOW_SYMLINKS": "yes", "EVENTWATCH_API_MAX_PAGE_SIZE": "20"})
    assert settings.ingest.follow_symlinks is True and settings.api.max_page_size == 20
    same = {"EVENTWATCH_INGEST_FOLLOW_SYMLINKS": "1", "EVENTWATCH_API_MAX_PAGE_SIZE": "20"}
    assert settings == load_settings(env=same)
