"""HTML pages to Articles with trafilatura: main text without comments or boilerplate, plus
title, outlet, canonical URL and publication date."""

from __future__ import annotations

import json
import re
from datetime import datetime

import trafilatura

from eventwatch.errors import MalformedDocument, NotNews
from eventwatch.ingest.clean import require_prose, strip_boilerplate
from eventwatch.ingest.dates import is_copyright_date, parse_published
from eventwatch.ingest.meta import DocMeta
from eventwatch.records import Article, SourceKind
from eventwatch.settings import IngestSettings

# Extensive date search reads "© 2023" as 2023-01-01; original_date prefers publication over
# modification dates. favor_precision drops comment threads and "related" blocks more reliably.
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def extract_html(html: str, origin: str, url: str | None = None) -> dict[str, object]:
    """trafilatura's JSON result as a dict; NotNews when it finds no main text."""
    try:
        raw = trafilatura.extract(
            html,
            url=url,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params=DATE_PARAMS,
        )
    except (ValueError, TypeError) as exc:  # lxml refuses some inputs outright
        raise MalformedDocument(f"{origin}: cannot parse HTML: {exc}") from exc
    if not raw:
        raise NotNews(f"{origin}: no article text found in the page")
    result = json.loads(raw)
    if not isinstance(result, dict):
        raise MalformedDocument(f"{origin}: unexpected extractor output")
    return result


def _published(found: object, html: str) -> datetime | None:
    """trafilatura's date (a day), with its time and offset when the page states them."""
    published = parse_published(found)
    if published is None or is_copyright_date(published, html):
        return None
    day = published.date().isoformat()
    for stamp in _TIMESTAMP.findall(html):
        if stamp.startswith(day):
            return parse_published(stamp) or published
    return published


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def parse_html(
    html: str,
    settings: IngestSettings,
    *,
    origin: str,
    source_kind: SourceKind = "html",
    url: str | None = None,
    given: DocMeta | None = None,
    fallback_published: datetime | None = None,
) -> Article:
    """One Article from one HTML page. ``given`` metadata (sidecar) wins over the page's own."""
    result = extract_html(html, origin, url)
    body = strip_boilerplate(str(result.get("text") or ""))
    text = require_prose(body, settings.min_chars, origin, settings.max_chars)
    found = DocMeta(
        title=_text(result.get("title")),
        outlet=_text(result.get("source-hostname")) or _text(result.get("sitename")),
        url=_text(result.get("source")) or url,
        published=_published(result.get("date"), html) or fallback_published,
    )
    meta = (given or DocMeta()).over(found)
    return meta.article(text, source_kind, origin)
