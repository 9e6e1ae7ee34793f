"""How well an event is corroborated, computed on read from its mentions (nothing stored).

- independent outlets: the outlets that reported it, a wire copy counted once under the
  agency it credits ("MOSCOW, March 14 (Global Newswire) - ..." republished by another
  outlet) or, without a credit, under the origin of the article it copies (the wire-copy
  links stored at ingest, ``resolve/duplicates.py``);
- per side, what its officials said: each claim's speaker is put on a side (the state its
  words name, "Ukraine's security service" -> Ukraine; an official title alone, "the
  governor", the army -> the state where the event happened; a named group -> itself) and
  the side's stances are summed up as confirms, denies, both (disputed) or no claim;
- the range of fatality figures the sources give (the event keeps ACLED's lowest; a source
  that gives no figure, stored as 0, is left out when another gives one).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from eventwatch.extract.actors import state_in
from eventwatch.records import Article, Event, Mention

# A dateline with an agency credit: "MOSCOW, March 14 (Global Newswire) - ".
_CREDIT = re.compile(r"^[A-Z][A-Z .'’-]+(?:,[^()\n]{0,25})?\s*\((?P<credit>[^)]{2,40})\)\s*[-–—]")
_OFFICIAL = re.compile(
    r"\b(?:governor|mayor|administration|authorit(?:y|ies)|government|ministry|minister|army|military|"
    r"police|navy|air force|general staff|spokes(?:man|woman|person)|officials?|prosecutors?|president|"
    r"commander|council|emergency service)\b",
    re.IGNORECASE,
)
_CONFIRMING = {"confirms", "reports", "blames", "claims_responsibility"}
_DENYING = {"disputes", "denies_responsibility"}

Verdict = Literal["confirms", "denies", "disputed", "no claim"]


@dataclass(frozen=True)
class SideView:
    side: str
    verdict: Verdict
    stances: tuple[str, ...]
    speakers: tuple[str, ...]


@dataclass(frozen=True)
class Corroboration:
    reports: int
    outlets: tuple[str, ...]  # independent outlets, each wire story once
    copies: tuple[tuple[str, str], ...]  # (outlet that republished, origin it copied)
    sides: tuple[SideView, ...]
    fatalities: tuple[int, int] | None  # lowest and highest figure a source gives


def _outlet(article: Article) -> str:
    return article.outlet or (urlsplit(article.url).hostname if article.url else None) or article.id[:8]


def origins(articles: Sequence[Article], copy_of: Mapping[str, str]) -> dict[str, str]:
    """Article id -> the outlet its story comes from: the agency its dateline credits, else
    the origin of the article it copies (``copy_of``, the stored wire-copy links), else itself."""
    by_id = {a.id: a for a in articles}

    def origin(article: Article) -> str:
        credit = _CREDIT.match(article.text)
        if credit:
            return credit.group("credit").strip()
        original = by_id.get(copy_of.get(article.id, ""))
        return origin(original) if original is not None and original.id != article.id else _outlet(article)

    return {a.id: origin(a) for a in articles}


def side_of(speaker: str, event_country: str | None) -> str | None:
    """The side an official speaker speaks for; None for a speaker who is not an official."""
    state = state_in(speaker)
    if state:
        return state
    if _OFFICIAL.search(speaker):
        return event_country
    words = speaker.split()
    return re.sub(r"^the\s+", "", speaker, flags=re.IGNORECASE) if words and words[-1][:1].isupper() else None


def _verdict(stances: set[str]) -> Verdict:
    confirms, denies = bool(stances & _CONFIRMING), bool(stances & _DENYING)
    return "disputed" if confirms and denies else "confirms" if confirms else "denies" if denies else "no claim"


def _sides(mentions: Sequence[Mention], country: str | None) -> tuple[SideView, ...]:
    stances: dict[str, list[str]] = {}
    speakers: dict[str, list[str]] = {}
    for mention in mentions:
        for claim in mention.claims:
            side = side_of(claim.speaker, country)
            if side is None:
                continue
            stances.setdefault(side, []).append(claim.stance)
            speakers.setdefault(side, []).append(claim.speaker)
    return tuple(
        SideView(side, _verdict(set(found)), tuple(dict.fromkeys(found)), tuple(dict.fromkeys(speakers[side])))
        for side, found in stances.items()
    )


def corroborate(event: Event, sources: Sequence[tuple[Article, Mention]]) -> Corroboration:
    """The corroboration summary of an event from its (article, mention) pairs."""
    articles = list({a.id: a for a, _ in sources}.values())
    origin = origins(articles, {s.article_id: s.duplicate_of for s in event.sources if s.duplicate_of})
    copies = tuple((_outlet(a), origin[a.id]) for a in articles if origin[a.id] != _outlet(a))
    figures = [m.fatalities for _, m in sources if m.fatalities] or [m.fatalities for _, m in sources]
    return Corroboration(
        reports=len(articles),
        outlets=tuple(sorted(set(origin.values()))),
        copies=copies,
        sides=_sides([m for _, m in sources], event.mention.country),
        fatalities=(min(figures), max(figures)) if figures else None,
    )
