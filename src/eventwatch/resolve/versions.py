"""Article versions: a newer version of a story supersedes the older one.

Two stored articles are versions of one story when they were published at the same
canonical URL (scheme, "www.", a trailing slash, tracking parameters and the fragment left
out), or when the same outlet published two similar texts about the same places and one is
marked as an update or correction (``lexicon/en/article_versions.toml``) or both give the
same dates. The later published (else the
marked, else the later stored) supersedes the other (`article_versions`): its mentions join
the events of the older version, which take the newer figures from that source; the older
version stays in each event's history and the outlet counts once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from urllib.parse import parse_qsl, urlencode, urlsplit

from eventwatch.records import Article, FieldChange, Mention, normalise_text
from eventwatch.resolve.history import record
from eventwatch.store import Tx

_LATEST = datetime.max.replace(tzinfo=UTC)
# An update marked as such is looked for among its outlet's stories of this many days either
# side: corrections and updates follow a story within days.
VERSION_DAYS = 7


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


def same_story(article: Article, other: Article, facts: Callable[[Article], tuple[set[object], set[object]]],
               similar: bool) -> bool:  # fmt: skip
    """One outlet's story in two versions: the same canonical URL, or (for texts sharing
    shingles, found by the caller) the same outlet and places (`facts`: the places and dates
    its mentions name; a bulletin from a template about another town is another story) with
    one version marked as an update, or, for `similar` texts, the same dates."""
    url = canonical_url(article.url)
    if url is not None and url == canonical_url(other.url):
        return True
    outlet = _outlet(article)
    if outlet is None or outlet != _outlet(other):
        return False
    (places, dates), (their_places, their_dates) = facts(article), facts(other)
    if marked(article) or marked(other):  # places the one names among the other's, a day in common
        nested = bool(places and their_places) and (places <= their_places or their_places <= places)
        return nested and (not dates or not their_dates or bool(dates & their_dates))
    return similar and bool(places) and places == their_places and bool(dates) and dates == their_dates


def _order(article: Article, arrived_last: bool) -> tuple[datetime, bool, bool]:
    return (article.published_at or _LATEST, marked(article), arrived_last)


def link_version(
    tx: Tx, article: Article, near: Sequence[tuple[bool, Article]], mentions: Sequence[Mention]
) -> str | None:
    """Link the just stored `article` with an earlier-stored version of its story, if any
    (one at its canonical URL, or among `near`, stored texts sharing shingles with it, each
    flagged when it is similar: Jaccard at least min_jaccard); returns the
    id of the version it supersedes or that supersedes it."""
    at_url = tx.articles_at_url(article.url) if article.url else []
    if marked(article) and article.outlet and article.published_at:  # a rewritten update of a story
        window = timedelta(days=VERSION_DAYS)
        at_url += tx.outlet_articles(article.outlet, article.published_at - window, article.published_at + window)
    def facts(of: Article) -> tuple[set[object], set[object]]:
        found = mentions if of.id == article.id else tx.article_mentions(of.id)
        return {m.location for m in found if m.location}, {m.event_date for m in found if m.event_date}

    found = [(False, o) for o in at_url] + list(near)
    versions = [o for similar, o in found if o.id != article.id and same_story(article, o, facts, similar)]
    if not versions:
        return None
    other = min(versions, key=lambda o: (_order(o, False), o.id))  # the earliest stored version
    newest = tx.superseded_by(other.id) or other.id
    current = other if newest == other.id else tx.articles([newest])[0]
    newer, older = (article, current) if _order(article, True) > _order(current, False) else (current, article)
    why = f"article {newer.id} is a newer version of {older.id} ({_why(article, current)})"
    tx.link_version(older.id, newer.id, why)
    if older is current:
        _superseded(tx, current.id, article.id, why)
    return current.id


def _why(article: Article, other: Article) -> str:
    same_url = canonical_url(article.url) is not None and canonical_url(article.url) == canonical_url(other.url)
    return "same URL" if same_url else "same outlet, marked as an update"


def _superseded(tx: Tx, older: str, newer: str, why: str) -> None:
    """A version for each event of an article a newer version now supersedes."""
    change = FieldChange(field="superseded_by", old=None, new=newer)
    for event in tx.events_of_article(older):
        record(tx, event, kind="field_changed", reason=why, article_id=older, noted=(change,))
