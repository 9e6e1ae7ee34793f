"""Drafts -> Mention records, with evidence for every field and ACLED's conventions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache

from eventwatch.extract.actors import Actor, state_force, state_in
from eventwatch.extract.claims import ClaimMention
from eventwatch.extract.dates import DateGuess
from eventwatch.extract.frames import Draft, evidence, notes
from eventwatch.extract.places import PlaceMention
from eventwatch.extract.sentences import Sentence
from eventwatch.records import Article, Claim, Evidence, Link, Mention, ReportedCount, Weapon
from eventwatch.taxonomy import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, kind_of

DISRUPTED = "Disrupted weapons use"
_ATTACK_STANCES = ("blames", "declines_to_claim", "claims_responsibility", "denies_responsibility")
# Event types whose unnamed attacker may be taken from the rest of the article.
_ATTRIBUTED = (BATTLES, EXPLOSIONS, STRATEGIC)


def _article_attacker(claims: Sequence[tuple[ClaimMention, Sentence]], named: Counter[str]) -> list[str]:
    """The sides an article presents as attacking, most likely first: the blamed party, the
    one that claims or declines to claim the attacks, then the states most often named acting."""
    found: list[str] = []
    for stance in _ATTACK_STANCES:
        for claim, _ in claims:
            who = claim.subject if stance == "blames" else claim.speaker
            state = state_in(who) if claim.stance == stance and who else None
            if state and state not in found:
                found.append(state)
    return found + [state for state, _ in named.most_common() if state not in found]


def _place_fields(place: PlaceMention | None) -> dict[str, object]:
    if place is None:
        return dict(location=None, admin1=None, admin2=None, country=None, iso=None, latitude=None,
                    longitude=None, geonames_id=None, geo_precision=None)
    p = place.place
    return dict(
        location=place.location, admin1=p.admin1, admin2=p.admin2, country=p.country, iso=p.iso,
        latitude=p.latitude, longitude=p.longitude, geonames_id=p.geonames_id, geo_precision=place.precision,
    )


def _draft_place(draft: Draft) -> tuple[PlaceMention | None, Sentence | None]:
    while draft.place is None and draft.part_of is not None:
        draft = draft.part_of
    return draft.place, draft.place_sentence


def _claimed(draft: Draft, country: str | None) -> Actor | None:
    """The side the incident's own claims name as acting: the one blamed, or the one that
    claims or declines to claim it."""
    found = _article_attacker(draft.claims, Counter())
    return state_force(found[0], country, 0, 0) if found else None


def _interception_actors(draft: Draft, country: str | None) -> tuple[Actor | None, Actor | None]:
    """ACLED's interception: actor1 the side that stopped the weapons (unnamed: the forces of
    the country it happened over, when the weapons were another side's), actor2 the side that
    launched them (unnamed: the attacker of the attack it belongs to)."""
    interceptor = (draft.attacker or (None, None))[0]
    launcher = (draft.target or (None, None))[0]
    if launcher is None and draft.part_of is not None and draft.part_of.attacker is not None:
        launcher = draft.part_of.attacker[0]
    if launcher is None and draft.part_of is not None:
        launcher = _claimed(draft.part_of, country)
    if interceptor is None and country and (launcher is None or launcher.state not in (None, country)):
        interceptor = state_force(country, country, 0, 0)
    if interceptor is not None and launcher is not None and interceptor.name == launcher.name:
        launcher = None
    return interceptor, launcher


def _actors(draft: Draft, country: str | None, fallback: Callable[[], list[str]]) -> tuple[Actor | None, Actor | None]:
    if draft.sub_event_type == DISRUPTED:
        return _interception_actors(draft, country)
    event_type = kind_of(draft.sub_event_type).event_type
    if country and event_type in (PROTESTS, RIOTS):  # a demonstration's actor1 is its crowd, whoever else is named
        crowd, inter = ("Protesters", 6) if event_type == PROTESTS else ("Rioters", 5)
        force = draft.attacker[0] if draft.attacker is not None and draft.attacker[0].state else None
        return Actor(f"{crowd} ({country})", None, inter, 0, 0), (draft.target or (None, None))[0] or force
    root = draft.part_of or draft
    attacker = (draft.attacker or root.attacker or (None, None))[0] or _claimed(root, country)
    if attacker is None and kind_of(draft.sub_event_type).event_type in _ATTRIBUTED:
        outside = [state for state in fallback() if state != country]
        attacker = state_force(outside[0], country, 0, 0) if outside else None
    if attacker is None and country and kind_of(draft.sub_event_type).event_type in (PROTESTS, RIOTS):
        crowd, inter = ("Protesters", 6) if kind_of(draft.sub_event_type).event_type == PROTESTS else ("Rioters", 5)
        attacker = Actor(f"{crowd} ({country})", None, inter, 0, 0)
    target = (draft.target or (None, None))[0]
    if target is not None and attacker is not None and target.name == attacker.name:
        target = None
    return attacker, target


def _site_name(draft: Draft, location: str | None) -> str | None:
    site = draft.site or (draft.part_of.site if draft.part_of else None)
    if site is None:
        return None
    if site.named or not location:
        return site.name
    return f"{location} {site.name}"


def _claims(article_id: str, draft: Draft) -> tuple[Claim, ...]:
    seen: set[tuple[str, str, int]] = set()
    found = []
    for claim, sentence in draft.claims:
        key = (claim.speaker, claim.stance, sentence.start + claim.start)
        if key not in seen:
            seen.add(key)
            found.append(Claim(claim.speaker, claim.stance, claim.subject,  # type: ignore[arg-type]
                               evidence(article_id, sentence, claim.start, claim.end)))
    return tuple(found)


def _type_evidence(article_id: str, draft: Draft) -> Evidence:
    """The rules' trigger; for an incident the classifier retyped, the sentence it read."""
    if draft.retyped:
        return evidence(article_id, draft.first.sentence)
    return evidence(article_id, draft.first.sentence, *draft.first.guess.trigger)


def _evidence(article: Article, draft: Draft, date: DateGuess | None) -> dict[str, Evidence]:
    aid = article.id
    found = {"sub_event_type": _type_evidence(aid, draft)}
    found["event_type"] = found["sub_event_type"]
    if date is not None and date.span is not None and date in [f.date for f in draft.frames]:
        sentence = next(f.sentence for f in draft.frames if f.date == date)
        found["event_date"] = evidence(aid, sentence, *date.span)
    place, place_sentence = _draft_place(draft)
    if place is not None and place_sentence is not None:
        found["location"] = evidence(aid, place_sentence, place.start, place.end)
    if draft.site is not None and draft.site_sentence is not None:
        found["site"] = evidence(aid, draft.site_sentence, draft.site.start, draft.site.end)
    for name, pair in (("actor1", draft.attacker), ("actor2", draft.target)):
        if pair is not None:
            found[name] = evidence(aid, pair[1], pair[0].start, pair[0].end)
    if draft.fatalities is not None:
        found["fatalities"] = evidence(aid, draft.fatalities[1], *draft.fatalities[2])
    if draft.size is not None:
        found["size_reported"] = evidence(aid, draft.size[1], draft.size[2], draft.size[3])
    return found


def _to_mention(article: Article, index: int, draft: Draft, date: DateGuess | None, fallback: Callable[[], list[str]],
                positions: dict[int, int]) -> Mention:
    kind = kind_of(draft.sub_event_type)
    place, _ = _draft_place(draft)
    fields = _place_fields(place)
    country = fields["country"] if isinstance(fields["country"], str) else None
    attacker, target = _actors(draft, country, fallback)
    site = _site_name(draft, fields["location"] if isinstance(fields["location"], str) else None)
    weapon = None
    if draft.weapon_kind or draft.launched is not None or draft.intercepted is not None:
        weapon_kind = draft.weapon_kind or (draft.part_of.weapon_kind if draft.part_of else None)
        weapon = Weapon(weapon_kind or "unknown", draft.launched, draft.intercepted)
    dated = date is not None and date.event_date is not None
    return Mention(
        article_id=article.id, index=index, event_type=kind.event_type, sub_event_type=kind.sub_event_type,
        disorder_type=kind.disorder_type, event_date=date.event_date if dated and date else None,
        time_precision=date.time_precision if dated and date else 3, date_phrase=date.phrase if date else None,
        actor1=attacker.name if attacker else None, actor2=target.name if target else None,
        inter1=attacker.inter if attacker else None, inter2=target.inter if target else None,
        site=site, weapon=weapon, fatalities=draft.fatalities[0] if draft.fatalities else 0,
        injuries=draft.injuries or 0, size_reported=draft.size[0] if draft.size else None,
        claims=_claims(article.id, draft),
        links=(Link("part_of", positions[id(draft.part_of)]),) if draft.part_of is not None else (),
        reported_counts=tuple(
            ReportedCount(site or "", value, what, evidence(article.id, sentence, start, end))
            for value, what, sentence, start, end in draft.counts
        ),
        notes=notes(draft.note_sentences), confidence=min(1.0, draft.first.guess.score / 2),
        evidence=_evidence(article, draft, date),
        **fields,  # type: ignore[arg-type]
    )


def to_mentions(
    article: Article,
    drafts: Sequence[Draft],
    resolved_date: Callable[[Draft], DateGuess | None],
    article_claims: Sequence[tuple[ClaimMention, Sentence]],
    attackers: Callable[[], Counter[str]],
) -> list[Mention]:
    """`attackers` (the states named acting with weapons) is counted only when an incident
    has no attacker of its own and its type may take the article's."""

    @cache
    def fallback() -> list[str]:
        return _article_attacker(article_claims, attackers())

    positions = {id(d): i for i, d in enumerate(drafts)}
    return [_to_mention(article, i, d, resolved_date(d), fallback, positions) for i, d in enumerate(drafts)]
