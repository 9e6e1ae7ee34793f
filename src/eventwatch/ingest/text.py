"""Plain-text articles: optional front matter or sidecar metadata, boilerplate lines removed,
a short unpunctuated first line taken as the title."""

from __future__ import annotations

import re

from eventwatch.ingest.clean import require_prose, strip_boilerplate
from eventwatch.ingest.meta import DocMeta, split_front_matter
from eventwatch.records import Article, SourceKind
from eventwatch.settings import IngestSettings

MAX_TITLE_CHARS = 150
_FINAL_PUNCTUATION = ".!?;:,…\"'”’)"


def first_line_title(text: str) -> str | None:
    """The first line when it reads as a headline: short, followed by more text, no final stop."""
    lines = text.split("\n", 1)
    if len(lines) < 2 or not lines[1].strip():
        return None
    first = re.sub(r"^#+\s*", "", lines[0].strip())
    if not first or len(first) > MAX_TITLE_CHARS or first.endswith(tuple(_FINAL_PUNCTUATION)):
        return None
    return first


def parse_text(
    text: str,
    settings: IngestSettings,
    *,
    origin: str,
    source_kind: SourceKind = "text",
    given: DocMeta | None = None,
) -> Article:
    """One Article from one plain-text document. Front matter wins over ``given`` (a sidecar),
    which wins over a title guessed from the first line."""
    front, body = split_front_matter(text)
    body = require_prose(strip_boilerplate(body), settings.min_chars, origin, settings.max_chars)
    meta = front.over(given or DocMeta()).over(DocMeta(title=first_line_title(body)))
    return meta.article(body, source_kind, origin)
