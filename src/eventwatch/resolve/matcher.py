"""Mention -> Event matching, incremental: each new mention is compared only with the
events stored in its date window and country (blocking), never with the whole database.

A candidate must have a compatible type (same family, or kindred types in one town), a
compatible place (a region containing the town, the same town, two named towns within
town_km, else within max_km), a compatible date (a night may straddle midnight) and no
conflicting named site; the score then weighs sub-type, site, day, place and actor
agreement. Two mentions from one article are never merged (extract already joined what one
article says about one incident). Rules, thresholds and measured scores: docs/resolution.md.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from eventwatch.records import Article, Event, Mention, SourceRef, normalise_text
from eventwatch.resolve.duplicates import original_events
from eventwatch.resolve.history import record
from eventwatch.resolve.merge import at_night, consensus, merge, same_night, source_values
from eventwatch.resolve.sites import alias_key, matches, new_site, owned_aliases, part_and_whole, similar, with_alias
from eventwatch.settings import ResolveSettings
from eventwatch.store import Tx
from eventwatch.store.query import place_block
from eventwatch.taxonomy import EVENT_TYPE_OF, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC

# Families whose sub-types are different kinds of happening (an arrest is never an
# interception): there only the same sub-type can be the same incident.
_SAME_SUB_TYPE = {STRATEGIC, PROTESTS, RIOTS, VAC}
ATTACK = "Attack"
DEMONSTRATION = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                 "Violent demonstration"}


def event_id(mention: Mention) -> str:
    return hashlib.sha256(f"{mention.article_id}:{mention.index}".encode()).hexdigest()[:16]


def _km(a: Mention, b: Mention) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def _place_ok(a: Mention, b: Mention, settings: ResolveSettings) -> bool:
    """Same country; a region-only place contains any place of its region; two town-precise
    places are one place only if they carry the same name or lie within town_km (ACLED codes
    events per day and place: shelling of Kherson and a drone strike on Bilozerka, 15 km away,
    the same morning are two events)."""
    if a.country and b.country and a.country != b.country:
        return False
    if a.geo_precision == 3 or b.geo_precision == 3:
        return a.admin1 is None or b.admin1 is None or a.admin1 == b.admin1
    distance = _km(a, b)
    if distance is None:
        return True
    if a.geo_precision == 1 and b.geo_precision == 1 and a.location != b.location:
        return distance <= settings.town_km
    return distance <= settings.max_km


def _slack(precision: int, settings: ResolveSettings) -> int:
    """Days either side a date of this time_precision may be off by."""
    return {1: 0, 2: settings.week_slack_days}.get(precision, settings.month_slack_days)


def _date_ok(a: Mention, b: Mention, settings: ResolveSettings) -> bool:
    if a.event_date is None or b.event_date is None:
        return False
    slack = max(_slack(a.time_precision, settings), _slack(b.time_precision, settings))
    if slack == 0 and (at_night(a) or at_night(b)):
        slack = settings.night_slack_days
    return abs((a.event_date - b.event_date).days) <= slack


def _kin(a: Mention, b: Mention) -> bool:
    """Types sources disagree on for one incident in one place: a remote attack one source
    calls an attack on civilians (Shelling vs Attack), or a demonstration one source calls
    peaceful and another violent or repressed (any of DEMONSTRATION)."""
    subs = {a.sub_event_type, b.sub_event_type}
    families = {EVENT_TYPE_OF[a.sub_event_type], EVENT_TYPE_OF[b.sub_event_type]}
    return (families == {VAC, EXPLOSIONS} and ATTACK in subs) or subs <= DEMONSTRATION


def _types_ok(a: Mention, b: Mention) -> bool:
    """Same event type (and, where sub-types are different happenings, the same sub-type),
    or kindred types (see _kin) in one named town."""
    family_a, family_b = EVENT_TYPE_OF[a.sub_event_type], EVENT_TYPE_OF[b.sub_event_type]
    if family_a == family_b and (family_a not in _SAME_SUB_TYPE or a.sub_event_type == b.sub_event_type):
        return True
    same_town = a.location == b.location and a.geo_precision == b.geo_precision == 1
    return same_town and _kin(a, b)


def score(event: Mention, mention: Mention, settings: ResolveSettings) -> float:
    """0 when the two cannot be one incident; else 0.4, +0.2 same sub-type (+0.1 kindred
    types), +0.3 same site, +0.1 each for the same day (or night), place (name and precision)
    and actor1."""
    if not (_types_ok(event, mention) and _place_ok(event, mention, settings) and _date_ok(event, mention, settings)):
        return 0.0
    total = 0.4
    if event.sub_event_type == mention.sub_event_type:
        total += 0.2
    elif _kin(event, mention):
        total += 0.1
    if event.site and mention.site:
        if similar(alias_key(event), alias_key(mention)):
            total += 0.3
        elif not part_and_whole(event, mention):  # the port and its grain terminal: no bonus, no veto
            return 0.0
    total += 0.1 if event.event_date == mention.event_date or same_night(event, mention) else 0.0
    same_place = event.location == mention.location and event.geo_precision == mention.geo_precision
    total += 0.1 if event.location and same_place else 0.0  # "Kherson" the region is not the city
    total += 0.1 if event.actor1 and event.actor1 == mention.actor1 else 0.0
    return min(total, 1.0)


def _ref(article: Article, mention: Mention) -> SourceRef:
    return SourceRef(article.id, mention.index, article.outlet, article.url, article.published_at)


def _candidates(tx: Tx, mention: Mention, settings: ResolveSettings) -> list[Event]:
    """Events of the mention's country whose date can match it (for each stored time
    precision, only the window _date_ok allows: a day-precise mention meets day-precise events
    within the night slack) and whose place can be its place (_place_ok, as SQL), so the events
    read per mention stay few however many are stored."""
    if mention.event_date is None:
        return []
    own, day = _slack(mention.time_precision, settings), mention.event_date
    windows = []
    for precision in (1, 2, 3):
        days = max(own, _slack(precision, settings), settings.night_slack_days if own == 0 else 0)
        windows.append((precision, day - timedelta(days=days), day + timedelta(days=days)))
    place = place_block(mention.admin1, mention.geo_precision, mention.latitude, mention.longitude, settings.max_km)
    return tx.candidate_events_by_precision(windows, country=mention.country, place=place)


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


def _joined(old: Event, article: Article, mention: Mention, site_id: str | None, *, merged: bool,
            now: datetime) -> Event:
    """The event with this source added; its fields merged unless it only follows a copy."""
    values = {**old.values_by_source, article.id: source_values(mention)}
    return replace(
        old,
        mention=consensus(merge(old.mention, mention), values) if merged else old.mention,
        sources=(*old.sources, _ref(article, mention)),
        values_by_source=values,
        site_id=old.site_id or site_id,
        version=old.version + 1,
        last_updated=now,
    )


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
        event = _joined(best[1], article, mention, site_id, merged=best[0] >= settings.merge_threshold, now=now)
    event = record(tx, event, article_id=article.id)  # saved as a new version (history.py)
    tx.add_mention(mention, event.id)
    return event.id


def resolve_article(tx: Tx, article: Article, mentions: list[Mention], settings: ResolveSettings) -> list[str]:
    return [resolve_mention(tx, article, m, settings) for m in mentions]
