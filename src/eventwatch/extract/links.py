"""Interceptions linked to the attack they belong to; claims told before any incident.

An interception read in the same breath as its attack is linked while reading (assemble.py).
One told apart from it ("Air defences downed 12 drones over the region overnight" a
paragraph before or after "a drone hit an oil depot in ...") is linked here: the attack of
the same night (a day apart at most), in the same region (or the interception unplaced),
launched by the same side when both sides are named, with weapons of the same kind unless it
is the only such attack. Of several, the one told nearest in the article. A linked
interception is dated as its attack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from eventwatch.extract.claims import ClaimMention, antecedent, names_before, speakers_in
from eventwatch.extract.dates import DateGuess
from eventwatch.extract.frames import Draft
from eventwatch.extract.places import PlaceMention
from eventwatch.extract.sentences import Sentence
from eventwatch.taxonomy import DEMONSTRATIONS, EXPLOSIONS, kind_of

DISRUPTED = "Disrupted weapons use"


def _day(draft: Draft, resolved: Callable[[Draft], DateGuess | None]) -> date | None:
    found = resolved(draft)
    return found.event_date if found is not None else None


def _same_area(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    """Whether two places can be one night's target area: the same region, or one a country
    containing the other; an unplaced interception is over its attack's area."""
    if a is None or b is None:
        return True
    p, q = a.place, b.place
    if p.iso2 != q.iso2:
        return False
    if a.national or b.national:
        return True
    return p.admin1 is None or q.admin1 is None or p.admin1 == q.admin1


def _region_named(interception: Draft, attack: Draft) -> bool:
    """Whether the interception's sentences name the attack's region among others ("over the
    Kursk and Belgorod regions" for a strike in Belgorod)."""
    region = attack.place.place.admin1 if attack.place is not None else None
    return bool(region) and any(str(region) in f.sentence.text for f in interception.frames)


def _same_weapons(interception: Draft, attack: Draft) -> bool:
    mine, theirs = interception.weapon_kind, attack.weapon_kind
    return mine is None or theirs is None or mine == theirs


def _same_side(interception: Draft, attack: Draft) -> bool:
    launcher = interception.target[0].state if interception.target else None
    attacker = attack.attacker[0].state if attack.attacker else None
    return launcher is None or attacker is None or launcher == attacker


def is_attack(sub_event_type: str, weapon: str | None = None) -> bool:
    """Whether an incident can be the attack an interception belongs to: an explosion or
    remote violence, or any other violent incident told with a weapon ("a drone set a
    warehouse on fire")."""
    if sub_event_type == DISRUPTED:
        return False
    kind = kind_of(sub_event_type)
    return kind.event_type == EXPLOSIONS or (weapon is not None and kind.disorder_type != DEMONSTRATIONS)


def link_interceptions(drafts: list[Draft], resolved: Callable[[Draft], DateGuess | None]) -> None:
    """Set `part_of` of each interception not yet linked to the attack it belongs to. One told
    before its attack moves right after it (the attack is the incident the article reports;
    an undated attack takes the interception's date)."""
    attacks = [d for d in drafts if d.part_of is None and is_attack(d.sub_event_type, d.weapon_kind)]
    for draft in list(drafts):
        if draft.sub_event_type != DISRUPTED or draft.part_of is not None:
            continue
        day = _day(draft, resolved)
        fitting = [a for a in attacks if _same_night(day, _day(a, resolved))
                   if (_same_area(draft.place, a.place) or _region_named(draft, a)) and _same_side(draft, a)]
        # of that night's attacks, one with weapons of the same kind; the only one whatever its
        # weapons ("missiles and drones" typed by its first weapon)
        armed = [a for a in fitting if _same_weapons(draft, a)]
        fitting = armed if armed else fitting if len(fitting) == 1 else []
        if not fitting:
            continue
        here = draft.first.sentence.index
        attack = min(fitting, key=lambda a: abs(a.first.sentence.index - here))
        if attack.first.sentence.index > here:
            attack.date = attack.date or draft.date
            drafts.remove(draft)
            drafts.insert(drafts.index(attack) + 1, draft)
        if day is not None and day != _day(attack, resolved):
            draft.date = None  # "overnight" against "early on Saturday": the attack's day
        draft.part_of = attack


def _same_night(a: date | None, b: date | None) -> bool:
    """Whether two days can be one night's: equal, a day apart ("overnight" dated to the
    evening before, the attack to the morning after), or either unknown."""
    return a is None or b is None or abs((a - b).days) <= 1


def attach_orphan_claims(drafts: Sequence[Draft], claims: Sequence[tuple[ClaimMention, Sentence]]) -> None:
    """A claim about one incident told where no incident was open yet (a headline, a lead
    that names the speaker first: "Kyiv claims strike on refinery") joins the first incident
    told after it, or, with none after, the last one before it."""
    attached = {id(claim) for draft in drafts for claim, _ in draft.claims}
    roots = [d for d in drafts if d.part_of is None and d.sub_event_type != DISRUPTED]
    for claim, sentence in claims:
        if claim.generic or id(claim) in attached or not roots:
            continue
        after = [d for d in roots if d.first.sentence.index >= sentence.index]
        (after[0] if after else roots[-1]).claims.append((claim, sentence))


def _names(draft: Draft) -> set[str]:
    found = {draft.place.location} if draft.place is not None and not draft.place.national else set()
    return found | ({draft.site.name} if draft.site is not None and draft.site.named else set())


def move_claims_to_named(drafts: Sequence[Draft]) -> None:
    """A claim told after several incidents joins the one whose town or site it names ("the
    Belgorod governor blamed Kyiv for the strike on the substation"), when it names no
    other's, instead of the incident told last."""
    roots = [d for d in drafts if d.part_of is None]
    for draft in roots:
        own = {f.sentence.index for f in draft.frames}
        for pair in list(draft.claims):
            claim, sentence = pair
            if claim.generic or sentence.index in own or any(n in sentence.text for n in _names(draft)):
                continue
            named = [d for d in roots if d is not draft and any(n in sentence.text for n in _names(d))]
            if len(named) == 1:
                draft.claims.remove(pair)
                named[0].claims.append(pair)


def resolve_speakers(drafts: Sequence[Draft], claims: list[tuple[ClaimMention, Sentence]],
                     sentences: Sequence[Sentence]) -> None:
    """A claim whose speaker is a pronoun or a short naming ("It denied ...", "the ministry
    blamed ...") takes the speaker it stands for: the nearest one named before it in the
    article, of its kind (`claims.antecedent`). In place, in the drafts and in `claims`."""
    pairs = [*claims, *(pair for d in drafts for pair in d.claims)]
    if not any(names_before(c.speaker) for c, _ in pairs):
        return
    named: list[tuple[int, int, str]] = [(s.index, 0, name) for s in sentences for name in speakers_in(s.text)]
    named += [(s.index, c.start, c.speaker) for c, s in pairs]
    named.sort()

    def resolved(pair: tuple[ClaimMention, Sentence]) -> tuple[ClaimMention, Sentence]:
        claim, sentence = pair
        before = [name for i, at, name in named if (i, at) < (sentence.index, claim.start)]
        found = antecedent(claim.speaker, before)
        return (replace(claim, speaker=found), sentence) if found else pair

    claims[:] = [resolved(p) for p in claims]
    for draft in drafts:
        draft.claims = [resolved(p) for p in draft.claims]
