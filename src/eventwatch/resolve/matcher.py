"""Mention -> Event matching, incremental: each new mention is compared only with the
events stored in its date window and country (blocking), never with the whole database.

The rules are in scoring.py. Two mentions from one article are never merged (extract
already joined what one article says about one incident). A wire copy's mentions follow its
original's events, and a newer version of an article its older version's (duplicates.py,
versions.py). Whatever the order the sources came in, an event holds the values the merge
policy gives for all its sources (merge.merge_sources) and is named after its first source
(published_at, article id, mention index). Each version says why the mention joined the
event or why it did not join the best candidate. Rules, thresholds and measured scores:
docs/resolution.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_

from eventwatch.records import Article, Event, Mention, SourceRef, normalise_text
from eventwatch.resolve.duplicates import original_events
from eventwatch.resolve.evidence import REPEAT, repeated, with_repeat
from eventwatch.resolve.history import record
from eventwatch.resolve.merge import merge_sources, source_order
from eventwatch.resolve.nights import with_night
from eventwatch.resolve.scoring import Match, explain_event, score, slack
from eventwatch.resolve.sites import alias_key, canonical, matches, new_site, owned_aliases, with_alias
from eventwatch.settings import ResolveSettings
from eventwatch.store import Tx
from eventwatch.store.query import place_block

__all__ = ["event_id", "resolve_article", "resolve_mention", "score"]


def event_id(mention: Mention) -> str:
    return hashlib.sha256(f"{mention.article_id}:{mention.index}".encode()).hexdigest()[:16]


def _ref(article: Article, mention: Mention) -> SourceRef:
    return SourceRef(article.id, mention.index, article.outlet, article.url, article.published_at)


def _candidates(tx: Tx, mention: Mention, settings: ResolveSettings) -> list[Event]:
    """Events of the mention's country whose date can match it (for each stored time
    precision, only the window date_ok allows: a day-precise mention meets day-precise events
    within the night slack) and whose place can be its place (place_ok, as SQL), so the events
    read per mention stay few however many are stored."""
    if mention.event_date is None:
        return []
    own, day = slack(mention.time_precision, settings), mention.event_date
    windows = []
    for precision in (1, 2, 3):
        days = max(own, slack(precision, settings), settings.night_slack_days if own == 0 else 0)
        windows.append((precision, day - timedelta(days=days), day + timedelta(days=days)))
    radius = max(settings.max_km, settings.neighbour_km)  # evidence.neighbour: a town within neighbour_km
    place = place_block(mention.admin1, mention.geo_precision, mention.latitude, mention.longitude, radius)
    if settings.neighbour_km > 0:  # ... or in the mention's region
        region = place_block(mention.admin1, 3, None, None, radius)
        place = None if place is None or region is None else or_(place, region)
    return tx.candidate_events_by_precision(windows, country=mention.country, place=place)


def _register_site(tx: Tx, mention: Mention, joined: str | None) -> tuple[str | None, str | None]:
    """The registry id of the mention's site: the site it names, else (a name the registry
    does not know for the site of the event it joined) that site with this name as an alias;
    and the id the site had before, if adding the name renamed it (sites.canonical)."""
    if not mention.site:
        return None, None
    key = alias_key(mention)
    found = (
        tx.find_site(key)
        or tx.find_site(normalise_text(mention.site))
        or next((s for s in tx.sites_in(mention.country) if matches(s, key)), None)
        or (tx.site(joined) if joined else None)
    )
    site = with_alias(found, mention, key) if found is not None else new_site(mention, key)
    site = canonical(owned_aliases(site, tx.find_site))
    if found is not None and found.id != site.id:
        tx.rename_site(found.id, site.id)
    tx.save_site(site)
    return site.id, found.id if found is not None and found.id != site.id else None


def _left_out(tx: Tx, pairs: list[tuple[Article, Mention]]) -> set[str]:
    """Sources whose values do not count: superseded versions, and copies of an article
    whose own mention is in the event."""
    ids = {a.id for a, _ in pairs}
    copies = {a.id for a, _ in pairs if (tx.duplicate_of(a.id) or a.id) in ids - {a.id}}
    return tx.superseded(ids) | copies


def _joined(tx: Tx, old: Event, article: Article, mention: Mention, site_id: str | None, now: datetime) -> Event:
    """The event with this source added and its values merged from all its sources; renamed
    after its first source if the new one comes first (unless a person has corrected it:
    the id they acted on stays)."""
    pairs = sorted([*tx.event_mentions(old.id), (article, mention)], key=source_order)
    merged, values = merge_sources(pairs, _left_out(tx, pairs))
    refs = tuple(_ref(a, m) for a, m in pairs)
    first = event_id(pairs[0][1])
    if first != old.id and not tx.corrected(old.id):
        tx.rename_event(old.id, first)
    else:
        first = old.id
    named = tx.find_site(alias_key(merged)) if merged.site else None  # the first source's site
    return replace(old, id=first, mention=merged, sources=refs, values_by_source=values,
                   site_id=named.id if named else old.site_id or site_id, last_updated=now)  # fmt: skip


# A report that a place or site was hit "again" (evidence.repeated, on its lead mention)
# tells of a new strike: a source published more than this many days before that report is
# about the earlier strike it repeats, whatever date the report's lead mention carries (the
# extractor may take the earlier strike's date from "which drones set on fire on 16
# February"). Reports of one strike come the same day or the next (night, time zones,
# next-day follow-ups); 2 keeps them. Chosen on examples/resolution-pairs P-17 (8 days after
# P-01's reports) with examples/resolution unchanged at 1..6.
REPEAT_NEWS_DAYS = 2


def _later_repeat(repeat: tuple[datetime | None, int, bool], other: datetime | None) -> bool:
    """Whether a source (published, mention index, marked as a repeat) is the lead mention of a
    report of a repeated strike published more than REPEAT_NEWS_DAYS after `other`."""
    published, index, marked = repeat
    return marked and index == 0 and None not in (published, other) and (
        other < published - timedelta(days=REPEAT_NEWS_DAYS))  # type: ignore[operator]  # fmt: skip


def _older_news(event: Event, article: Article, mention: Mention) -> bool:
    """Every source of the event and the mention are a repeated strike's report and an
    earlier strike's (either way round, so the order sources arrive in does not matter)."""
    own = (article.published_at, mention.index, repeated(mention))

    def theirs(source: SourceRef) -> tuple[datetime | None, int, bool]:
        phrase = event.values_by_source.get(source.article_id, {}).get("date_phrase")
        return source.published_at, source.mention_index, REPEAT in str(phrase or "")

    return bool(event.sources) and all(
        _later_repeat(own, s.published_at) or _later_repeat(theirs(s), article.published_at) for s in event.sources)


def _days(event: Event, mention: Mention) -> int:
    """Days between the event's date and the mention's (a week-precise "last week" at a site
    struck twice that week goes to the nearer strike)."""
    if event.mention.event_date is None or mention.event_date is None:
        return 0
    return abs((event.mention.event_date - mention.event_date).days)


def _best(tx: Tx, article: Article, mention: Mention, settings: ResolveSettings) -> tuple[Match, Event | None, bool]:
    """The best-scoring event for the mention (ties: the nearest date, then the lowest id), and whether it is one
    the mention must follow (its article copies, or is a version of, one of the event's)."""
    linked = original_events(tx, article) or tx.version_group_events(article.id)
    blocked = tx.blocked_articles(article.id) | {article.id}  # "do not merge" left by eventwatch split
    scored = [
        (explain_event(e.mention, e.values_by_source, mention, settings), e)
        for e in linked or _candidates(tx, mention, settings)
        if all(s.article_id not in blocked for s in e.sources) and not _older_news(e, article, mention)
    ]
    if not scored:
        return Match(0.0, ("no candidate event in the date window and place",)), None, bool(linked)
    match, event = min(scored, key=lambda pair: (-pair[0].score, _days(pair[1], mention), pair[1].id))
    return match, event, bool(linked)


def resolve_mention(tx: Tx, article: Article, mention: Mention, settings: ResolveSettings, one_date: bool = False
                    ) -> str:  # fmt: skip
    """The id of the event the mention joins or starts (`one_date`: all the article's mentions
    share its date, so a night word anywhere in the article is its night)."""
    now = datetime.now(UTC)
    mention = with_repeat(article, with_night(article, mention, one_date))
    match, best, follows = _best(tx, article, mention, settings)
    if best is None or (match.score < settings.merge_threshold and not follows):
        site_id, _ = _register_site(tx, mention, None)
        merged, values = merge_sources([(article, mention)])
        event = Event(event_id(mention), merged, (_ref(article, mention),), values, site_id, 1, now, now)
        closest = f"closest event {best.id}, " if best is not None else ""
        why = f"new event: {closest}{match.describe()} (merge needs {settings.merge_threshold})"
    else:
        site_id, renamed = _register_site(tx, mention, best.site_id)
        if renamed is not None and best.site_id == renamed:
            best = replace(best, site_id=site_id)
        event = _joined(tx, best, article, mention, site_id, now)
        how = "follows its copy or version" if follows else "joined"
        why = f"{how} event {best.id}: {match.describe()}"
    copy = tx.duplicate_of(article.id)
    why = f"copy of article {copy}: not independent evidence; {why}" if copy else why
    event = record(tx, event, article_id=article.id, reason=why)  # saved as a new version (history.py)
    tx.add_mention(mention, event.id)
    return event.id


def resolve_article(tx: Tx, article: Article, mentions: list[Mention], settings: ResolveSettings) -> list[str]:
    one_date = len({m.event_date for m in mentions}) == 1
    return [resolve_mention(tx, article, m, settings, one_date) for m in mentions]
