"""The demo corpus's gold file (examples/gold.json) joined to the articles eventwatch reads
from examples/: a report is named by its file, 'file#line' (JSONL), 'file#item' (RSS) or,
inside the WARC, by its URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventwatch.ingest import read_sources
from eventwatch.records import Article
from eventwatch.settings import Settings

# The demo corpus's folders; examples/resolution/ is a separate labelled corpus (its own gold).
DEMO_PARTS = ("html", "text", "jsonl", "feeds", "warc")


def demo_sources(examples: Path) -> list[str]:
    """The demo corpus's sources inside `examples`."""
    return [str(examples / part) for part in DEMO_PARTS]


def article_ids(examples: Path, settings: Settings) -> dict[str, str]:
    """Article ids by 'file', 'file#N' and URL, relative to `examples`."""
    ids: dict[str, str] = {}
    for item in read_sources(demo_sources(examples), settings):
        if isinstance(item, Article) and item.origin:
            path, _, part = item.origin.partition("#")
            origin = Path(path).relative_to(examples).as_posix()
            ids[f"{origin}#{part}" if part else origin] = item.id
            if item.url:
                ids[item.url] = item.id
    return ids


def report_key(report: dict[str, Any]) -> str:
    """How a gold report names its article (see article_ids)."""
    if "line" in report or "item" in report:
        return f"{report['file']}#{report.get('line', report.get('item'))}"
    return str(report["url"] if str(report["file"]).startswith("warc/") else report["file"])
