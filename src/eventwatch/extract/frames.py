"""What one sentence says about an event (a Frame), and the mutable draft of a mention
that consecutive sentences fill in (a Draft). assemble.py decides which frames join which
draft; this module only holds the data and how a draft absorbs a frame."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import pairwise

from eventwatch.extract.actors import Actor
from eventwatch.extract.casualties import Casualties
from eventwatch.extract.claims import ClaimMention
from eventwatch.extract.dates import DateGuess
from eventwatch.extract.event_type import TypeGuess
from eventwatch.extract.places import PlaceMention, contains, precision_rank
from eventwatch.extract.sentences import Sentence
from eventwatch.extract.sites import SiteMention
from eventwatch.extract.weapons import WeaponMention
from eventwatch.records import Evidence

DATED_KINDS = {"explicit", "relative", "anaphoric"}
# A sentence continuing an incident of the same type may name a district instead of the
# town ("the city's Saltivskyi district"): places this close (km) are one incident's. Large
# cities' districts lie up to ~10 km from the centre GeoNames gives (Kharkiv's Saltivka: 7 km);
# resolve.town_km (5 km) is stricter because it compares separate reports.
DISTRICT_KM = 10.0


@dataclass
class Frame:
    sentence: Sentence
    guess: TypeGuess
    date: DateGuess
    place: PlaceMention | None
    site: SiteMention | None
    weapon: WeaponMention | None
    casualties: Casualties
    attacker: Actor | None
    target: Actor | None
    size: tuple[int, int, int] | None  # value, start, end within the sentence
    counts: list[tuple[int, str, int, int]]  # reported site counts: value, what, start, end
    claims: list[ClaimMention]

    @property
    def dated(self) -> bool:
        return self.date.kind in DATED_KINDS and self.date.event_date is not None


@dataclass
class Draft:
    first: Frame
    sub_event_type: str
    frames: list[Frame] = field(default_factory=list)
    date: DateGuess | None = None
    place: PlaceMention | None = None
    place_sentence: Sentence | None = None
    site: SiteMention | None = None
    site_sentence: Sentence | None = None
    weapon_kind: str | None = None
    launched: int | None = None
    intercepted: int | None = None
    fatalities: tuple[int, Sentence, tuple[int, int]] | None = None
    injuries: int | None = None
    size: tuple[int, Sentence, int, int] | None = None
    attacker: tuple[Actor, Sentence] | None = None
    target: tuple[Actor, Sentence] | None = None
    claims: list[tuple[ClaimMention, Sentence]] = field(default_factory=list)
    counts: list[tuple[int, str, Sentence, int, int]] = field(default_factory=list)
    part_of: Draft | None = None
    note_sentences: list[Sentence] = field(default_factory=list)
    retyped: bool = False  # typed by the classifier from its first sentence (extract.retype)

    def absorb(self, frame: Frame, *, typed: bool) -> None:
        self.frames.append(frame)
        if typed and frame.sentence not in self.note_sentences:
            self.note_sentences.append(frame.sentence)
        if frame.dated and self.date is None and typed:  # a date said of another kind of event is not ours
            self.date = frame.date
        if frame.place and (self.place is None or precision_rank(frame.place) < precision_rank(self.place)):
            self.place, self.place_sentence = frame.place, frame.sentence
        if frame.site and (self.site is None or (frame.site.named and not self.site.named)):
            self.site, self.site_sentence = frame.site, frame.sentence
        self._absorb_weapon(frame.weapon)
        self._absorb_people(frame)
        self.claims.extend((c, frame.sentence) for c in frame.claims)
        self.counts.extend((v, what, frame.sentence, s, e) for v, what, s, e in frame.counts)

    def _absorb_weapon(self, weapon: WeaponMention | None) -> None:
        if weapon is None:
            return
        self.weapon_kind = self.weapon_kind or weapon.kind or None
        self.launched = self.launched if self.launched is not None else weapon.launched
        self.intercepted = self.intercepted if self.intercepted is not None else weapon.intercepted

    def _absorb_people(self, frame: Frame) -> None:
        found = frame.casualties
        if found.fatalities is not None and found.span is not None and (
            self.fatalities is None or found.fatalities > self.fatalities[0]
        ):
            self.fatalities = (found.fatalities, frame.sentence, found.span)
        if found.injuries is not None:
            self.injuries = max(self.injuries or 0, found.injuries)
        if frame.size and self.size is None:
            self.size = (frame.size[0], frame.sentence, frame.size[1], frame.size[2])
        if frame.attacker and self.attacker is None:
            self.attacker = (frame.attacker, frame.sentence)
        if frame.target and self.target is None:
            self.target = (frame.target, frame.sentence)

    def accepts(self, frame: Frame, resolved: DateGuess | None) -> bool:
        """Whether the frame can describe the same incident: no conflicting date, place or site.
        `resolved` is the draft's date after the publication fallback ("a day earlier" is
        relative to it, so an anaphoric shift always starts another incident)."""
        if frame.dated:
            if frame.date.kind == "anaphoric":
                if resolved is None or frame.date.event_date != resolved.event_date:
                    return False
            elif self.date is not None and frame.date.event_date != self.date.event_date:
                return False
        if frame.place and self.place and not (
            contains(frame.place.place, self.place.place) or contains(self.place.place, frame.place.place)
        ) and not (frame.guess.sub_event_type == self.sub_event_type and _near(frame.place, self.place)):
            return False
        return not (frame.site and frame.site.named and self.site and self.site.named
                    and frame.site.key != self.site.key)


def place_by_anaphora(drafts: list[Draft]) -> None:
    """An incident dated from the one told just before it ("the previous evening", "hours
    later", "two days earlier") that names no place of its own happened where that one did:
    "The night before, police broke up a sit-in at the ministry" is in the march's town.
    Its own place, when it names one, stays ("Two days earlier, shells hit a school in X")."""
    for before, draft in pairwise(drafts):
        referent = before.part_of or before
        if draft.part_of is None and draft.place is None and draft.first.date.kind == "anaphoric" and (
                referent.place is not None):
            draft.place, draft.place_sentence = referent.place, referent.place_sentence


def _near(a: PlaceMention, b: PlaceMention) -> bool:
    p, q = a.place, b.place
    if p.latitude is None or p.longitude is None or q.latitude is None or q.longitude is None:
        return False
    lat1, lon1, lat2, lon2 = map(math.radians, (p.latitude, p.longitude, q.latitude, q.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h)) <= DISTRICT_KM


def evidence(article_id: str, sentence: Sentence, start: int = 0, end: int | None = None) -> Evidence:
    """Evidence for a span inside a sentence (offsets relative to the sentence)."""
    end = len(sentence.text) if end is None else end
    return Evidence(article_id, sentence.start + start, sentence.start + end, sentence.text[start:end])


def notes(sentences: list[Sentence], limit: int = 600) -> str:
    text = " ".join(re.sub(r"\s+", " ", s.text) for s in sentences)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
