"""Counts-only error analysis for `eval resolution`: for each scored mention, which of its
extracted facts disagree with its gold incident (country, region, town, date, type), and for
each pair the resolver split or merged wrongly, the rule involved and those extraction errors.

Everything returned is an aggregate count keyed by the kind of error (never a text, file name
or incident id), so a blind corpus can guide the resolver without being read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from datetime import date
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from eventwatch.records import Article, Mention
from eventwatch.resolve.duplicates import jaccard, shingles
from eventwatch.resolve.evidence import agreements, calendar_date, repeated
from eventwatch.resolve.scoring import km
from eventwatch.resolve.sites import alias_key, similar
from eventwatch.resolve.versions import canonical_url, marked

# rapidfuzz ratio at which a stored place name is the gold one (as evaluate/resolution.py).
PLACE_MIN = 80.0


def _place(mention: Mention, incident: Mapping[str, Any], wanted: Mapping[str, Any]) -> list[str]:
    if incident.get("country") and mention.country != incident["country"]:
        return ["country"]
    found: list[str] = []
    region = str(incident.get("admin1") or "")
    if region and mention.admin1 and fuzz.partial_ratio(mention.admin1, region, processor=default_process) < PLACE_MIN:
        found.append("admin1")
    names = {str(incident.get("location") or ""), str(wanted.get("location") or "")} - {""}
    if mention.geo_precision == 3:
        found.append("town missing (region only)")
    elif names and not any(fuzz.ratio(mention.location or "", n, processor=default_process) >= PLACE_MIN
                           for n in names):  # fmt: skip
        found.append("town")
    return found


def _date(mention: Mention, incident: Mapping[str, Any]) -> list[str]:
    day = str(incident.get("event_date") or "")
    if not day or mention.event_date is None:
        return ["date missing"] if day else []
    apart = abs((mention.event_date - date.fromisoformat(day[:10])).days)
    if apart == 0:
        return []
    kind = "day" if mention.time_precision == 1 else "week/month"
    return [f"date {'1 day' if apart == 1 else '>1 day'} off ({kind}-precise)"]


def mention_errors(mention: Mention, incident: Mapping[str, Any], wanted: Mapping[str, Any]) -> tuple[str, ...]:
    """The extracted facts of `mention` that disagree with its gold incident and gold mention."""
    found = _place(mention, incident, wanted) + _date(mention, incident)
    if wanted.get("event_type") and mention.event_type != wanted["event_type"]:
        found.append(f"type {wanted['event_type']} -> {mention.event_type}")
    elif incident.get("sub_event_type") and mention.sub_event_type != incident["sub_event_type"]:
        found.append("sub-type")
    if incident.get("site") and not mention.site:
        found.append("site missing")
    return tuple(found)


def _both(errors: Mapping[Hashable, tuple[str, ...]], x: Hashable, y: Hashable) -> str:
    found = sorted(set(errors.get(x, ())) | set(errors.get(y, ())))
    return "extraction ok" if not found else "; ".join(found)


def facets(a: Mention, b: Mention) -> str:
    """How two mentions compare on what the resolver's rules look at (no values)."""
    days = abs((a.event_date - b.event_date).days) if a.event_date and b.event_date else None
    distance = km(a, b)
    bucket = "?" if distance is None else next(f"<={k}" for k in (5, 25, 50, 100, 10**6) if distance <= k)
    site = "no sites" if not (a.site or b.site) else "one site" if not (a.site and b.site) else (
        "same site" if similar(alias_key(a), alias_key(b)) else "two sites")
    facts = len(agreements(a, b, None))
    tolls = "tolls differ" if a.fatalities and b.fatalities and a.fatalities != b.fatalities else (
        "one toll" if bool(a.fatalities) != bool(b.fatalities) else "tolls agree")
    marks = f", repeat {int(repeated(a)) + int(repeated(b))}" if repeated(a) or repeated(b) else ""
    return (f"{'one' if a.admin1 and a.admin1 == b.admin1 else 'two'} admin1, km {bucket}, geo {a.geo_precision}/"
            f"{b.geo_precision}, {days} days, calendar {int(calendar_date(a)) + int(calendar_date(b))}, "
            f"{'same' if a.sub_event_type == b.sub_event_type else 'other'} sub-type, {site}, facts {facts}, "
            f"{tolls}{marks}")


def pair_causes(pairs: Mapping[tuple[Hashable, Hashable], str], errors: Mapping[Hashable, tuple[str, ...]],
                mentions: Mapping[Hashable, Mention]) -> dict[str, int]:  # fmt: skip
    """Per pair (with the resolver's reason for it), that reason, how its two mentions
    compare (`facets`) and their extraction errors, counted."""
    found = Counter(f"{why} [{facets(mentions[x], mentions[y])}] | {_both(errors, x, y)}"
                    for (x, y), why in pairs.items())  # fmt: skip
    return dict(sorted(found.items()))


def error_counts(errors: Mapping[Hashable, tuple[str, ...]]) -> dict[str, int]:
    found = Counter(e for kinds in errors.values() for e in kinds)
    found["mentions without extraction error"] = sum(not kinds for kinds in errors.values())
    return dict(sorted(found.items()))


def missing_counts(missing: Sequence[tuple[Mapping[str, Any], bool]]) -> dict[str, int]:
    """Gold mentions not extracted, by gold event type and whether the article kept any."""
    found = Counter(f"{w.get('event_type')}, {'article has other mentions' if kept else 'article has none'}"
                    for w, kept in missing)  # fmt: skip
    return dict(sorted(found.items()))


def version_counts(groups: list[list[str]], copy_of: Mapping[str, str], superseded_by: Mapping[str, str]
                   ) -> dict[str, int]:  # fmt: skip
    """Per gold group of versions of one story (article ids, oldest first): whether all of
    them end in one version group whose newest is the group's last, else how they are linked."""
    found: Counter[str] = Counter()
    for group in groups:
        roots = {superseded_by.get(a, a) for a in group}
        if len(roots) == 1 and roots == {group[-1]}:
            found["one version group, newest supersedes"] += 1
        elif len(roots) == 1:
            found["one version group, another version newest"] += 1
        elif any(a in copy_of for a in group):
            found["linked as copies"] += 1
        else:
            found[f"{len(roots)} version groups"] += 1
    if groups:
        found["group sizes " + ",".join(str(len(g)) for g in sorted(groups, key=len))] += 1
    return dict(sorted(found.items()))


def unlinked_versions(groups: list[list[str]], superseded_by: Mapping[str, str], articles: Mapping[str, Article],
                      mentions: Mapping[str, Sequence[Mention]]) -> dict[str, int]:  # fmt: skip
    """For gold version groups (article ids, oldest first) whose first and last are not in
    one version group: what versions.same_story looks at, counted (URL, outlet, update
    marker, shingle overlap, places and dates of their mentions)."""
    found: Counter[str] = Counter()
    for group in groups:
        first, last = articles.get(group[0]), articles.get(group[-1])
        one = first is not None and last is not None and superseded_by.get(first.id, first.id) == superseded_by.get(
            last.id, last.id)  # fmt: skip
        if first is None or last is None or one:
            continue
        found[_version_facets(first, last, mentions)] += 1
    return dict(sorted(found.items()))


def _version_facets(first: Article, last: Article, mentions: Mapping[str, Sequence[Mention]]) -> str:
    places = [{m.location for m in mentions.get(a.id, ()) if m.location} for a in (first, last)]
    dates = [{m.event_date for m in mentions.get(a.id, ()) if m.event_date} for a in (first, last)]
    overlap = jaccard(shingles(first.text, 5), shingles(last.text, 5))
    nested = places[0] <= places[1] or places[1] <= places[0]
    order = "in order" if first.published_at and last.published_at and first.published_at <= last.published_at else "?"
    return (f"url {'same' if canonical_url(first.url) == canonical_url(last.url) else 'other'}, outlet "
            f"{'same' if first.outlet == last.outlet else 'other'}, marked {int(marked(first))}/{int(marked(last))}, "
            f"jaccard {overlap:.1f}, places {'nested' if nested else 'apart'}, dates "
            f"{'shared' if dates[0] & dates[1] else 'apart'}, published {order}")
