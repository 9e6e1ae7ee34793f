"""Mention -> Event matching, incremental: each new mention is compared only with the
events stored in its date window and country (blocking), never with the whole database.

A candidate must have the same event type family, a compatible place (same place, one
containing the other, or within max_km) and no conflicting named site; the score then
weighs sub-type, site, exact date, location and actor agreement. Two mentions from one article are never
merged (extract already joined what one article says about one incident).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from eventwatch.records import Article, Event, Mention, SourceRef, normalise_text
from eventwatch.resolve.duplicates import original_events
from eventwatch.resolve.history import record
from eventwatch.resolve.merge import merge, source_values
from eventwatch.resolve.sites import alias_key, matches, new_site, owned_aliases, similar, with_alias
from eventwatch.settings import ResolveSettings
from eventwatch.store import Tx
from eventwatch.taxonomy import EVENT_TYPE_OF, PROTESTS, RIOTS, STRATEGIC, VAC

# Families whose sub-types are different kinds of happening (an arrest is never an
# interception): there only the same sub-type can be the same incident.
_SAME_SUB_TYPE = {STRATEGIC, PROTESTS, RIOTS, VAC}


def event_id(mention: Mention) -> str:
    return hashlib.sha256(f"{mention.article_id}:{mention.index}".encode()).hexdigest()[:16]


def _km(a: Mention, b: Mention) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def _place_ok(a: Mention, b: Mention, settings: ResolveSettings) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if a.geo_precision == 3 or b.geo_precision == 3:
        return a.admin1 is None or b.admin1 is None or a.admin1 == b.admin1
    distance = _km(a, b)
    return distance is None or distance <= settings.max_km


def _slack(precision: int, settings: ResolveSettings) -> int:
    """Days either side a date of this time_precision may be off by."""
    return {1: 0, 2: settings.week_slack_days}.get(precision, settings.month_slack_days)


def _date_ok(a: Mention, b: Mention, settings: ResolveSettings) -> bool:
    if a.event_date is None or b.event_date is None:
        return False
    slack = max(_slack(a.time_precision, settings), _slack(b.time_precision, settings))
    return abs((a.event_date - b.event_date).days) <= slack


def score(event: Mention, mention: Mention, settings: ResolveSettings) -> float:
    same_family = EVENT_TYPE_OF[event.sub_event_type] == EVENT_TYPE_OF[mention.sub_event_type]
    if not same_family or (EVENT_TYPE_OF[event.sub_event_type] in _SAME_SUB_TYPE
                           and event.sub_event_type != mention.sub_event_type):
        return 0.0
    if not (_place_ok(event, mention, settings) and _date_ok(event, mention, settings)):
        return 0.0
    total = 0.4 + (0.2 if event.sub_event_type == mention.sub_event_type else 0.0)
    if event.site and mention.site:
        if not similar(alias_key(event), alias_key(mention)):
            return 0.0
        total += 0.3
    total += 0.1 if event.event_date == mention.event_date else 0.0
    total += 0.1 if event.location and event.location == mention.location else 0.0
    total += 0.1 if event.actor1 and event.actor1 == mention.actor1 else 0.0
    return min(total, 1.0)


def _ref(article: Article, mention: Mention) -> SourceRef:
    return SourceRef(article.id, mention.index, article.outlet, article.url, article.published_at)


def _candidates(tx: Tx, mention: Mention, settings: ResolveSettings) -> list[Event]:
    if mention.event_date is None:
        return []
    slack = timedelta(days=_slack(mention.time_precision, settings) + settings.month_slack_days)
    return tx.candidate_events(
        start=mention.event_date - slack, end=mention.event_date + slack, country=mention.country
    )


def _register_site(tx: Tx, mention: Mention) -> str | None:
    if not mention.site:
        return None
    key = alias_key(mention)
    site = (
        tx.find_site(key)
        or tx.find_site(normalise_text(mention.site))
        or next((s for s in tx.sites_in(mention.country) if matches(s, key)), None)
    )
    site = with_alias(site, mention, key) if site is not None else new_site(mention, key)
    site = owned_aliases(site, tx.find_site)
    tx.save_site(site)
    return site.id


def resolve_mention(tx: Tx, article: Article, mention: Mention, settings: ResolveSettings) -> str:
    now = datetime.now(UTC)
    site_id = _register_site(tx, mention)
    copied = original_events(tx, article)  # a copy's mentions follow its original's (duplicates.py)
    blocked = tx.blocked_articles(article.id) | {article.id}  # "do not merge" left by eventwatch split
    scored = [
        (score(e.mention, mention, settings), e)
        for e in copied or _candidates(tx, mention, settings)
        if all(s.article_id not in blocked for s in e.sources)
    ]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    if best[1] is None or (best[0] < settings.merge_threshold and not copied):
        event = Event(
            event_id(mention),
            mention,
            (_ref(article, mention),),
            {article.id: source_values(mention)},
            site_id,
            1,
            now,
            now,
        )
    else:
        old = best[1]
        values = dict(old.values_by_source)
        values[article.id] = source_values(mention)
        event = replace(
            old,
            mention=merge(old.mention, mention) if best[0] >= settings.merge_threshold else old.mention,
            sources=(*old.sources, _ref(article, mention)),
            values_by_source=values,
            site_id=old.site_id or site_id,
            version=old.version + 1,
            last_updated=now,
        )
    event = record(tx, event, article_id=article.id)  # saved as a new version (history.py)
    tx.add_mention(mention, event.id)
    return event.id


def resolve_article(tx: Tx, article: Article, mentions: list[Mention], settings: ResolveSettings) -> list[str]:
    return [resolve_mention(tx, article, m, settings) for m in mentions]
