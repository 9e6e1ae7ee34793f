"""Merge policy per field when a new source's mention joins an event.

- date: the most precise (lowest time_precision) dated value; first seen wins ties, except
  that a night dated either side of midnight by two sources takes the night's first date
  (as extraction dates "overnight into Tuesday": Monday);
- place: the most precise (lowest geo_precision);
- fatalities: ACLED's rule, the lowest reported figure; every source's figure is kept;
- actors: the consensus, the actor most sources name (ties: the first reported), with its
  inter code; dissent is kept in values_by_source;
- site, weapon: the first reported value, with dissent kept in values_by_source;
- type: the hierarchy rule (taxonomy.hierarchy_rank: the stronger type wins);
- a peaceful protest (or one met only by intervention) has no fatalities: a figure its
  sources give belongs to another incident (the deaths that prompted it, an attack nearby).

`merge_sources` applies the policy to all of an event's sources at once, in source order
(published_at, article id, mention index), so the same sources give the same values in
whatever order they arrived; a superseded version of an article is left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import reduce
from typing import Any

from eventwatch.records import Article, Mention
from eventwatch.resolve.nights import one_night
from eventwatch.taxonomy import hierarchy_rank

PLACE_FIELDS = (
    "location",
    "admin1",
    "admin2",
    "country",
    "iso",
    "latitude",
    "longitude",
    "geonames_id",
    "geonames_name",
    "geo_precision",
)
TRACKED = (
    "event_date",
    "time_precision",
    "sub_event_type",
    "location",
    "admin1",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "site",
    "fatalities",
    "injuries",
)
def same_night(a: Mention, b: Mention) -> bool:
    """Two day-precise dates one day apart telling one night either side of midnight
    (nights.one_night)."""
    return one_night(a, b)


def _night_first(base: Mention, new: Mention) -> bool:
    """`new` dates the same night as `base`, on its first day."""
    return same_night(base, new) and new.event_date < base.event_date  # type: ignore[operator]


def source_values(mention: Mention) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in TRACKED:
        value = getattr(mention, name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    values["date_phrase"] = mention.date_phrase  # not compared for display: how the source dated it
    return values


def disagreements(values_by_source: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """Only the fields on which sources differ, per source; empty when all agree."""
    if len(values_by_source) < 2:
        return {}
    differing = {
        name
        for name in TRACKED
        if len({repr(v.get(name)) for v in values_by_source.values() if v.get(name) is not None}) > 1
    }
    return {
        src: {k: v for k, v in vals.items() if k in differing} for src, vals in values_by_source.items() if differing
    }


def merge(base: Mention, new: Mention) -> Mention:
    changes: dict[str, Any] = {}
    if new.event_date is not None and (
        base.event_date is None or new.time_precision < base.time_precision or _night_first(base, new)
    ):
        changes.update(event_date=new.event_date, time_precision=new.time_precision, date_phrase=new.date_phrase)
    if new.geo_precision is not None and (base.geo_precision is None or new.geo_precision < base.geo_precision):
        changes.update({name: getattr(new, name) for name in PLACE_FIELDS})
    if hierarchy_rank(new.sub_event_type) < hierarchy_rank(base.sub_event_type):
        changes.update(event_type=new.event_type, sub_event_type=new.sub_event_type, disorder_type=new.disorder_type)
    for name in (
        "actor1",
        "actor2",
        "assoc_actor_1",
        "assoc_actor_2",
        "inter1",
        "inter2",
        "site",
        "weapon",
        "size_reported",
    ):
        if getattr(base, name) is None and getattr(new, name) is not None:
            changes[name] = getattr(new, name)
    changes["fatalities"] = (
        min(base.fatalities, new.fatalities)
        if base.fatalities and new.fatalities
        else (base.fatalities or new.fatalities)
    )
    changes["injuries"] = max(base.injuries, new.injuries)
    changes["claims"] = base.claims + tuple(c for c in new.claims if c not in base.claims)
    evidence = dict(new.evidence)
    evidence.update(base.evidence)
    changes["evidence"] = evidence
    return replace(base, **changes)


def consensus(merged: Mention, values_by_source: dict[str, dict[str, object]]) -> Mention:
    """The merged mention with each actor the one most sources name (ties: first reported)."""
    changes: dict[str, Any] = {}
    for actor, inter in (("actor1", "inter1"), ("actor2", "inter2")):
        votes = Counter(v[actor] for v in values_by_source.values() if v.get(actor))
        if not votes:
            continue
        winner, count = votes.most_common(1)[0]
        if winner != getattr(merged, actor) and count > votes.get(getattr(merged, actor), 0):
            changes[actor] = winner
            changes[inter] = next(v.get(inter) for v in values_by_source.values() if v.get(actor) == winner)
    return replace(merged, **changes) if changes else merged


# Demonstrations that by ACLED's definitions kill no one (deaths make them excessive force).
NO_FATALITIES = {"Peaceful protest", "Protest with intervention"}
_LATEST = datetime.max.replace(tzinfo=UTC)


def source_order(pair: tuple[Article, Mention]) -> tuple[bool, datetime, str, int]:
    """Sources by publication (unknown last), then article id, then mention index."""
    article, mention = pair
    return (article.published_at is None, article.published_at or _LATEST, article.id, mention.index)


def settled(merged: Mention) -> Mention:
    """The merged values with the rules that hold whatever the sources say."""
    if merged.sub_event_type in NO_FATALITIES and merged.fatalities:
        return replace(merged, fatalities=0)
    return merged


def merge_sources(
    pairs: Sequence[tuple[Article, Mention]], left_out: Collection[str] = ()
) -> tuple[Mention, dict[str, dict[str, object]]]:
    """The event's values and values_by_source from all its (article, mention) sources,
    whatever the order they came in; articles in `left_out` (superseded versions, copies
    of a source already counted) do not count unless nothing else is left."""
    ordered = sorted(pairs, key=source_order)
    counted = [(a, m) for a, m in ordered if a.id not in left_out] or ordered
    values = {a.id: source_values(m) for a, m in counted}
    merged = reduce(merge, [m for _, m in counted])
    # Hook for derived fields (ACLED's columns computed from others) goes here, on `merged`.
    return settled(consensus(merged, values)), values
