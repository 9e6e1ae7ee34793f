"""The watch file: `[[source]]` tables with url, and optional name, every, outlet, scale."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from eventwatch.errors import ConfigError
from eventwatch.records import SourceSpec

KEYS = frozenset({"url", "name", "every", "outlet", "scale"})
DEFAULT_EVERY = "15m"  # a news feed updated a few times an hour
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(raw: object, where: str = "every") -> float:
    """Seconds in "30s", "15m", "1h", "1d" (or a bare number of seconds); at least one second."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        seconds = float(raw)
    else:
        found = _INTERVAL.match(str(raw))
        if not found:
            raise ConfigError(f"{where}: {raw!r} is not an interval (e.g. 30s, 15m, 1h, 1d)")
        seconds = float(found.group(1)) * _UNIT[found.group(2)]
    if seconds < 1:
        raise ConfigError(f"{where}: {raw!r} is shorter than one second")
    return seconds


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _spec(table: Any, number: int, base: Path) -> SourceSpec:
    where = f"source #{number}"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: each [[source]] must be a table")
    unknown = set(table) - KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(KEYS))})")
    url = table.get("url")
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f"{where}: 'url' (a feed, a web page, or a local folder or file) is required")
    for key in ("name", "outlet", "scale"):
        if key in table and not isinstance(table[key], str):
            raise ConfigError(f"{where}: '{key}' must be text")
    url = url.strip()
    if not _is_url(url) and not Path(url).is_absolute():
        url = str((base / url).resolve())  # local paths are relative to the watch file
    return SourceSpec(
        name=table.get("name") or url,
        url=url,
        every=parse_interval(table.get("every", DEFAULT_EVERY), f"{where} every"),
        outlet=table.get("outlet"),
        scale=table.get("scale"),
    )


def load_sources(path: Path) -> list[SourceSpec]:
    """The sources of a watch file; a ConfigError names the first problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read sources file {path}: {exc}") from exc
    unknown = set(data) - {"source"}
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; list sources as [[source]] tables")
    tables = data.get("source")
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{path}: no [[source]] tables")
    specs = [_spec(table, number, path.parent) for number, table in enumerate(tables, start=1)]
    names = [spec.name for spec in specs]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ConfigError(f"{path}: source name(s) used twice: {', '.join(twice)}")
    return specs
