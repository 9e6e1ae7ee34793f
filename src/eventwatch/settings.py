"""One Settings object: defaults.toml, then a user TOML file, then environment variables,
then explicit overrides (CLI options). Built once at the edge and handed inward.

Every value is typed and bounded (pydantic, with pydantic-settings reading the
EVENTWATCH_<SECTION>_<KEY> variables): a wrong value stops start-up with a ConfigError that
names the key, e.g. `resolve.max_km: Input should be a valid number`.
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

from eventwatch.errors import ConfigError

_SECTION = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, strict=False)

Days = Annotated[int, Field(ge=0, le=3660)]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Km = Annotated[float, Field(gt=0.0, le=20_000.0)]
Bytes = Annotated[int, Field(ge=1, le=2**40)]
Count = Annotated[int, Field(ge=1, le=10**9)]
Seconds = Annotated[float, Field(gt=0.0, le=86_400.0)]


class StoreSettings(BaseModel):
    model_config = _SECTION
    url: Annotated[str, Field(min_length=1)] = "sqlite:///eventwatch.db"


class IngestSettings(BaseModel):
    model_config = _SECTION
    max_bytes: Bytes = 20_000_000
    min_chars: Annotated[int, Field(ge=0, le=10**6)] = 200
    max_chars: Count = 10_000_000
    max_decompressed_bytes: Bytes = 200_000_000
    max_ratio: Annotated[float, Field(ge=1.0, le=10_000.0)] = 100.0
    max_json_depth: Annotated[int, Field(ge=2, le=1000)] = 64
    max_int_digits: Annotated[int, Field(ge=1, le=4300)] = 100
    max_feed_entries: Count = 10_000
    follow_symlinks: bool = False


class FetchSettings(BaseModel):
    model_config = _SECTION
    timeout: Seconds = 15.0
    total_timeout: Seconds = 60.0
    max_redirects: Annotated[int, Field(ge=0, le=50)] = 5
    allow_private: bool = False
    user_agent: Annotated[str, Field(min_length=1, max_length=500)] = "eventwatch"


class ResolveSettings(BaseModel):
    model_config = _SECTION
    week_slack_days: Days = 6
    month_slack_days: Days = 30
    max_km: Km = 25.0
    town_km: Km = 5.0
    night_slack_days: Days = 1
    merge_threshold: Share = 0.65
    day_apart_evidence: Annotated[int, Field(ge=1, le=10)] = 1
    neighbour_km: Annotated[float, Field(ge=0.0, le=20_000.0)] = 0.0  # 0: off
    neighbour_evidence: Annotated[int, Field(ge=1, le=10)] = 1


class DuplicateSettings(BaseModel):
    model_config = _SECTION
    containment: Share = 0.8
    min_jaccard: Share = 0.5
    shingle_words: Annotated[int, Field(ge=1, le=100)] = 5
    num_perm: Annotated[int, Field(ge=2, le=4096)] = 128
    bands: Annotated[int, Field(ge=1, le=4096)] = 32


class ApiSettings(BaseModel):
    model_config = _SECTION
    token: str = ""
    max_page_size: Annotated[int, Field(ge=1, le=100_000)] = 1000
    tile_url: str = ""
    max_body_bytes: Bytes = 41_000_000


class WatchSettings(BaseModel):
    model_config = _SECTION
    max_backoff: Seconds = 21_600.0
    unhealthy_after: Annotated[int, Field(ge=1, le=10_000)] = 5
    tick: Annotated[float, Field(ge=0.05, le=3600.0)] = 1.0


class AlertSettings(BaseModel):
    model_config = _SECTION
    base_url: Annotated[str, Field(min_length=1, max_length=2000)] = "http://127.0.0.1:8000"
    webhook_secret: str = ""
    timeout: Seconds = 10.0
    max_attempts: Annotated[int, Field(ge=1, le=100)] = 6
    retry_base: Seconds = 30.0
    smtp_host: str = ""
    smtp_port: Annotated[int, Field(ge=1, le=65_535)] = 25
    smtp_starttls: bool = False
    smtp_user: str = ""
    smtp_password: str = ""
    mail_from: Annotated[str, Field(min_length=3, max_length=500)] = "eventwatch@localhost"


class ExportSettings(BaseModel):
    model_config = _SECTION
    source_scales: dict[str, str] = {}  # outlet -> ACLED source_scale


class ClassifySettings(BaseModel):
    model_config = _SECTION
    detection_threshold: Share = 0.86  # defaults.toml [classify]


class ScaleSettings(BaseModel):
    model_config = _SECTION
    document_seconds: Seconds = 600.0  # defaults.toml [scale]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(frozen=True, extra="forbid")

    store: StoreSettings = StoreSettings()
    ingest: IngestSettings = IngestSettings()
    fetch: FetchSettings = FetchSettings()
    resolve: ResolveSettings = ResolveSettings()
    duplicates: DuplicateSettings = DuplicateSettings()
    api: ApiSettings = ApiSettings()
    watch: WatchSettings = WatchSettings()
    alerts: AlertSettings = AlertSettings()
    export: ExportSettings = ExportSettings()
    classify: ClassifySettings = ClassifySettings()
    scale: ScaleSettings = ScaleSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only what is passed in: load_settings() layers files and the environment itself, so
        `Settings()` is the built-in defaults whatever the process environment holds."""
        return (init_settings,)

    def with_db(self, url: str | None) -> Settings:
        return self if not url else self.model_copy(update={"store": StoreSettings(url=url)})


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for section, values in extra.items():
        if not isinstance(values, dict):
            raise ConfigError(f"setting '{section}' must be a section")
        base.setdefault(section, {}).update(values)


def _environment(env: dict[str, str]) -> dict[str, Any]:
    """EVENTWATCH_<SECTION>_<KEY> variables as {section: {key: text}} (pydantic-settings)."""
    source = EnvSettingsSource(
        Settings, case_sensitive=False, env_prefix="EVENTWATCH_", env_nested_delimiter="_", env_nested_max_split=1
    )
    source.env_vars = {key.lower(): value for key, value in env.items()}
    found: dict[str, Any] = source()
    return found


def _problem(error: Any) -> str:
    key = ".".join(str(part) for part in error.get("loc", ()))
    return f"{key}: {error.get('msg', 'invalid')} (got {error.get('input')!r})"


def load_settings(config: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    data: dict[str, Any] = {}
    _merge(data, tomllib.loads(resources.files("eventwatch").joinpath("defaults.toml").read_text()))
    config = config or (Path(env["EVENTWATCH_CONFIG"]) if env.get("EVENTWATCH_CONFIG") else None)
    if config is not None:
        try:
            _merge(data, tomllib.loads(config.read_text()))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {config}: {exc}") from exc
    try:
        _merge(data, _environment(env))
        settings = Settings(**data)
    except ValidationError as exc:
        problems = [_problem(error) for error in exc.errors()]
        raise ConfigError("invalid setting(s): " + "; ".join(problems[:5]), detail=str(exc)) from exc
    except ValueError as exc:  # a variable pydantic-settings cannot parse (e.g. bad JSON for a section)
        raise ConfigError(f"invalid environment variable: {exc}") from exc
    return settings.with_db(env.get("EVENTWATCH_DB"))
