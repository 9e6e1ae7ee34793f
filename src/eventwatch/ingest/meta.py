"""Document metadata given beside the text: front matter at the top, or a FILE.meta.json sidecar."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from eventwatch.errors import MalformedDocument
from eventwatch.ingest.dates import parse_published
from eventwatch.records import Article, SourceKind

_KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "url": "url",
    "link": "url",
    "published": "published",
    "published_at": "published",
    "date": "published",
}
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class DocMeta:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None

    def article(self, text: str, source_kind: SourceKind, origin: str) -> Article:
        """The Article of this text with this metadata."""
        return Article.build(text, source_kind, url=self.url, outlet=self.outlet, title=self.title,
                             published_at=self.published, origin=origin)

    def over(self, base: DocMeta) -> DocMeta:
        """These values, falling back to ``base`` for the ones not set here."""
        return DocMeta(
            title=self.title or base.title,
            outlet=self.outlet or base.outlet,
            url=self.url or base.url,
            published=self.published or base.published,
        )


def meta_from_mapping(values: dict[str, object]) -> DocMeta:
    found: dict[str, str] = {}
    published = None
    for key, value in values.items():
        field = _KEYS.get(key.strip().lower())
        if field == "published":
            published = published or parse_published(value)
        elif field and isinstance(value, str | int | float) and str(value).strip():
            found.setdefault(field, str(value).strip())
    return DocMeta(found.get("title"), found.get("outlet"), found.get("url"), published)


def split_front_matter(text: str) -> tuple[DocMeta, str]:
    """Front matter between ``---`` lines at the very top, as simple ``key: value`` lines."""
    lines = text.lstrip("\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return DocMeta(), text
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            values: dict[str, object] = {}
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep:
                    values[key] = value.strip().strip("\"'")
            return meta_from_mapping(values), "\n".join(lines[end + 1 :])
    return DocMeta(), text


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def sidecar_for(path: Path) -> Path | None:
    """``story.txt.meta.json`` or ``story.meta.json`` beside ``story.txt``, if there is one."""
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_suffix(SIDECAR_SUFFIX)):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> DocMeta:
    found = sidecar_for(path)
    if found is None:
        return DocMeta()
    try:
        values = json.loads(found.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # also over-long integers, deep nesting
        raise MalformedDocument(f"sidecar {found} is not readable JSON: {type(exc).__name__}: {exc}") from exc
    if not isinstance(values, dict):
        raise MalformedDocument(f"sidecar {found} must hold a JSON object")
    return meta_from_mapping(values)
