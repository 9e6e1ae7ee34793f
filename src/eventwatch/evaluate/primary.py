"""Which of an article's mentions is its main incident.

News is written as an inverted pyramid: the incident the report is about comes first and
background comes later. An article can still open on context ("after months of protests,
...") before reporting a killing, so position is only the last of these criteria, in order:

1. a standalone incident before one linked ``part_of`` another (an interception belongs to
   the attack it was part of; the attack is the incident);
2. political violence (battles, explosions/remote violence, violence against civilians,
   force against protesters) before demonstrations, and both before strategic developments
   (arrests, troop movements, agreements: ACLED codes these only when nothing violent is
   reported);
3. more people killed, then more people injured (ACLED's own priority for the lowest
   reported figure makes these comparable across mentions);
4. the more completely reported incident: a date, a day-precise date, a place below country
   level, a town-precise place (one point each);
5. the earlier in the text.
"""

from __future__ import annotations

from eventwatch.records import Mention
from eventwatch.taxonomy import DEMONSTRATIONS, POLITICAL_VIOLENCE

_TIERS: tuple[str, ...] = (POLITICAL_VIOLENCE, DEMONSTRATIONS)


def disorder_tier(mention: Mention) -> int:
    """0 political violence (also when mixed with demonstrations), 1 demonstrations, 2 other."""
    for tier, disorder in enumerate(_TIERS):
        if mention.disorder_type.startswith(disorder):
            return tier
    return len(_TIERS)


def completeness(mention: Mention) -> int:
    """How fully the mention says when and where: 0 to 4."""
    dated = mention.event_date is not None
    placed = mention.geo_precision in (1, 2)
    return sum((dated, dated and mention.time_precision == 1, placed, mention.geo_precision == 1))


def is_linked(mention: Mention) -> bool:
    """Whether the mention is part of another incident in the same article."""
    return any(link.kind == "part_of" for link in mention.links)


def rank_key(mention: Mention) -> tuple[int, int, int, int, int, int]:
    """Smaller is more central; see the module docstring for the order of the criteria."""
    return (
        int(is_linked(mention)),
        disorder_tier(mention),
        -mention.fatalities,
        -mention.injuries,
        -completeness(mention),
        mention.index,
    )


def rank_mentions(mentions: list[Mention]) -> list[Mention]:
    """The article's mentions, main incident first."""
    return sorted(mentions, key=rank_key)


def primary_mention(mentions: list[Mention]) -> Mention | None:
    """The article's main incident; None when nothing was extracted."""
    return min(mentions, key=rank_key) if mentions else None
