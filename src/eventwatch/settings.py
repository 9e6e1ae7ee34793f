"""One Settings object: defaults.toml, then a user TOML file, then environment variables,
then explicit overrides (CLI options). Built once at the edge and handed inward."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from eventwatch.errors import ConfigError


@dataclass(frozen=True)
class StoreSettings:
    url: str = "sqlite:///eventwatch.db"


@dataclass(frozen=True)
class IngestSettings:
    max_bytes: int = 20_000_000
    min_chars: int = 200


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 15.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "eventwatch"


@dataclass(frozen=True)
class ResolveSettings:
    week_slack_days: int = 6
    month_slack_days: int = 30
    max_km: float = 25.0
    town_km: float = 5.0
    night_slack_days: int = 1
    merge_threshold: float = 0.65


@dataclass(frozen=True)
class DuplicateSettings:
    containment: float = 0.8
    min_jaccard: float = 0.5
    shingle_words: int = 5
    num_perm: int = 128
    bands: int = 32


@dataclass(frozen=True)
class ApiSettings:
    token: str = ""
    max_page_size: int = 1000
    tile_url: str = ""


@dataclass(frozen=True)
class WatchSettings:
    max_backoff: float = 21_600.0
    unhealthy_after: int = 5
    tick: float = 1.0


@dataclass(frozen=True)
class AlertSettings:
    base_url: str = "http://127.0.0.1:8000"
    webhook_secret: str = ""
    timeout: float = 10.0
    max_attempts: int = 6
    retry_base: float = 30.0
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_user: str = ""
    smtp_password: str = ""
    mail_from: str = "eventwatch@localhost"


@dataclass(frozen=True)
class Settings:
    store: StoreSettings = field(default_factory=StoreSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    resolve: ResolveSettings = field(default_factory=ResolveSettings)
    duplicates: DuplicateSettings = field(default_factory=DuplicateSettings)
    api: ApiSettings = field(default_factory=ApiSettings)
    watch: WatchSettings = field(default_factory=WatchSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)

    def with_db(self, url: str | None) -> Settings:
        return self if not url else replace(self, store=StoreSettings(url=url))


_SECTIONS: dict[str, type[Any]] = {
    "store": StoreSettings, "ingest": IngestSettings, "fetch": FetchSettings,
    "resolve": ResolveSettings, "duplicates": DuplicateSettings, "api": ApiSettings,
    "watch": WatchSettings, "alerts": AlertSettings,
}


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for section, values in extra.items():
        if not isinstance(values, dict):
            raise ConfigError(f"setting '{section}' must be a section")
        base.setdefault(section, {}).update(values)


def _coerce(kind: type, raw: str, name: str) -> Any:
    try:
        if kind is bool:
            if raw.lower() not in {"1", "0", "true", "false", "yes", "no"}:
                raise ValueError(raw)
            return raw.lower() in {"1", "true", "yes"}
        return kind(raw)
    except ValueError as exc:
        raise ConfigError(f"environment variable {name}={raw!r} is not a valid {kind.__name__}") from exc


def load_settings(config: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    data: dict[str, Any] = {}
    _merge(data, tomllib.loads(resources.files("eventwatch").joinpath("defaults.toml").read_text()))
    config = config or (Path(env["EVENTWATCH_CONFIG"]) if env.get("EVENTWATCH_CONFIG") else None)
    if config is not None:
        try:
            _merge(data, tomllib.loads(config.read_text()))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {config}: {exc}") from exc
    built: dict[str, Any] = {}
    for name, cls in _SECTIONS.items():
        values = dict(data.get(name, {}))
        for sub in fields(cls):
            key = f"EVENTWATCH_{name.upper()}_{sub.name.upper()}"
            if key in env:
                values[sub.name] = _coerce(type(getattr(cls(), sub.name)), env[key], key)
        unknown = set(values) - {sub.name for sub in fields(cls)}
        if unknown:
            raise ConfigError(f"unknown setting(s) in [{name}]: {', '.join(sorted(unknown))}")
        built[name] = cls(**values)
    settings = Settings(**built)
    return settings.with_db(env.get("EVENTWATCH_DB"))
