"""Article versions: a newer version of a story supersedes the older one.

Two stored articles are versions of one story when they were published at the same
canonical URL (scheme, "www.", a trailing slash, tracking parameters and the fragment left
out), or when the same outlet published two near-identical texts and one is marked as an
update or correction (``lexicon/en/article_versions.toml``). The later published (else the
marked, else the later stored) supersedes the other (`article_versions`): its mentions join
the events of the older version, which take the newer figures from that source; the older
version stays in each event's history and the outlet counts once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from urllib.parse import parse_qsl, urlencode, urlsplit

from eventwatch.records import Article, FieldChange, Mention, normalise_text
from eventwatch.resolve.history import record
from eventwatch.store import Tx

_LATEST = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class _Lexicon:
    markers: re.Pattern[str]
    ignored: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    data = tomllib.loads(resources.files("eventwatch").joinpath("lexicon/en/article_versions.toml").read_text())
    words = sorted((re.escape(w) for w in data["markers"]), key=len, reverse=True)
    ignored = frozenset(data["ignored_query_parameters"])
    return _Lexicon(re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE), ignored)


def canonical_url(url: str | None) -> str | None:
    """The URL without scheme, "www.", trailing slash, fragment and tracking parameters."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if k.lower() not in _lexicon().ignored))
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{query}" if query else "")


def marked(article: Article) -> bool:
    """The article says it is an update or correction (title, first or last lines)."""
    lines = [line for line in article.text.strip().splitlines() if line.strip()]
    where = " ".join([article.title or "", *lines[:2], *lines[-2:]])
    return bool(_lexicon().markers.search(where))


def _outlet(article: Article) -> str | None:
    name = article.outlet or (urlsplit(article.url).hostname if article.url else None)
    return normalise_text(name).removeprefix("www.") if name else None


def same_story(article: Article, other: Article, places: Callable[[Article], set[str]]) -> bool:
    """One outlet's story in two versions: the same canonical URL, or (for near-identical
    texts, checked by the caller) the same outlet with one version marked as an update and
    the same places (`places`: those its mentions name; a bulletin from a template about
    another town is another story)."""
    url = canonical_url(article.url)
    if url is not None and url == canonical_url(other.url):
        return True
    outlet = _outlet(article)
    if outlet is None or outlet != _outlet(other) or not (marked(article) or marked(other)):
        return False
    mine, theirs = places(article), places(other)
    return mine <= theirs or theirs <= mine


def _order(article: Article, arrived_last: bool) -> tuple[datetime, bool, bool]:
    return (article.published_at or _LATEST, marked(article), arrived_last)


def link_version(tx: Tx, article: Article, near: list[Article], mentions: Sequence[Mention]) -> str | None:
    """Link the just stored `article` with an earlier-stored version of its story, if any
    (one at its canonical URL, or among `near`, the stored near-identical texts); returns the
    id of the version it supersedes or that supersedes it."""
    at_url = tx.articles_at_url(article.url) if article.url else []
    def places(of: Article) -> set[str]:
        found = mentions if of.id == article.id else tx.article_mentions(of.id)
        return {m.location for m in found if m.location}

    versions = [o for o in (*at_url, *near) if o.id != article.id and same_story(article, o, places)]
    if not versions:
        return None
    other = min(versions, key=lambda o: (_order(o, False), o.id))  # the earliest stored version
    newest = tx.superseded_by(other.id) or other.id
    current = other if newest == other.id else tx.articles([newest])[0]
    if _order(article, True) > _order(current, False):
        why = f"article {article.id} is a newer version of {current.id} ({_why(article, current)})"
        tx.link_version(current.id, article.id, why)
        _superseded(tx, current.id, article.id, why)
    else:
        why = f"article {article.id} is an older version of {current.id} ({_why(article, current)})"
        tx.link_version(article.id, current.id, why)
    return current.id


def _why(article: Article, other: Article) -> str:
    same_url = canonical_url(article.url) is not None and canonical_url(article.url) == canonical_url(other.url)
    return "same URL" if same_url else "same outlet, marked as an update"


def _superseded(tx: Tx, older: str, newer: str, why: str) -> None:
    """A version for each event of an article a newer version now supersedes."""
    change = FieldChange(field="superseded_by", old=None, new=newer)
    for event in tx.events_of_article(older):
        record(tx, event, kind="field_changed", reason=why, article_id=older, noted=(change,))
