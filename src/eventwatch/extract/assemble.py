"""Sentences -> Mention[]: the extraction stage's orchestrator.

1. split the article into sentences;
2. keep the sentences that can report an event -- a trigger rule asserts one, or the sentence
   model (``Services.detector``) detects one -- and run NER on them;
   parse them to drop the triggers in background clauses (foreground.py);
3. read each kept sentence into a Frame (type, date, place, site, weapon, casualties, actors,
   claims); background clauses and claim speakers are never the incident's date or place;
4. join consecutive frames about the same incident into one Draft; an interception in the
   same attack becomes its own draft linked `part_of` the attack;
5. attach claims to the incident they are about (a claim's own incident joins that one);
6. re-decide each incident's type with the snippet classifier (retype.py);
7. turn drafts into Mention records with evidence for every field.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache

from eventwatch.extract import foreground, nlp, vocab
from eventwatch.extract.actors import Actor, find_attacker, find_target, interception_actors
from eventwatch.extract.casualties import find_casualties
from eventwatch.extract.claims import ClaimMention, find_claims
from eventwatch.extract.context import ArticleContext, article_context, dateline_town, first_naming, main_town
from eventwatch.extract.cues import HABITUAL, HIT, SITUATES, TREND, incident_text, site_counts, troop_size
from eventwatch.extract.dates import DateGuess, find_date, find_dates, names_month, publication_fallback
from eventwatch.extract.event_type import TypeGuess, classify_all, is_event_candidate
from eventwatch.extract.foreground import Clauses
from eventwatch.extract.frames import DATED_KINDS, Draft, Frame, place_by_anaphora
from eventwatch.extract.lead_date import first_dated_violation, lead_date
from eventwatch.extract.links import attach_orphan_claims, link_interceptions, move_claims_to_named
from eventwatch.extract.mentions import to_mentions
from eventwatch.extract.places import Entity, PlaceMention, find_places, most_precise
from eventwatch.extract.retype import retype
from eventwatch.extract.sentences import Sentence, split_sentences
from eventwatch.extract.sites import SiteMention, find_alias, find_sites
from eventwatch.extract.syntax import Parsed, outside_event, scene_place
from eventwatch.extract.weapons import find_weapon
from eventwatch.gazetteer import Gazetteer
from eventwatch.records import Article, Mention

DISRUPTED = "Disrupted weapons use"
# An undated incident within this many paragraphs of a dated one shares its date; further
# away (background, "was also hit" in a review of past months) it stays undated.
NARRATIVE_PARAGRAPHS = 1
# An undated lead incident takes a calendar date from this many sentences after it.
NEARBY_SENTENCES = 3
_UNSEEN = DateGuess(None, 3, None, None, "none")  # a sentinel: not looked for yet
# The same sentence is dated several times (its incident, its statement, fill_place,
# fill_casualties, a second reading of the article): each answer is kept.
_date = lru_cache(maxsize=4096)(find_date)


_MONTH_WORDS = (*vocab.load("dates")["words"]["months"], *vocab.load("dates")["words"]["month_abbreviations"])
# Every date that names its month (`dates.names_month`) holds one of these words or an ISO date.
_MONTHISH = re.compile("|".join(map(re.escape, _MONTH_WORDS)) + r"|\d{4}-\d{2}-\d{2}", re.IGNORECASE)
_casualties = lru_cache(maxsize=4096)(find_casualties)  # an incident's sentence, then fill_casualties


@lru_cache(maxsize=4096)
def _claims_of(text: str) -> tuple[ClaimMention, ...]:
    """``find_claims``, kept for the second reading of an article and for fill_place."""
    return tuple(find_claims(text))


Detector = Callable[[Sequence[str]], list[TypeGuess | None]]


def model_detector() -> Detector:
    """The sentence model (``classify.detect``) with the threshold of the settings."""
    from functools import partial

    from eventwatch.classify.detect import model_guesses
    from eventwatch.settings import load_settings

    return partial(model_guesses, threshold=load_settings().classify.detection_threshold)


@dataclass(frozen=True)
class Services:
    """What the extraction stage is handed: the gazetteer, an entity recogniser, a parser and
    the sentence model that finds incidents the lexicon rules miss."""

    gazetteer: Gazetteer
    entities: Callable[[Sequence[str]], list[list[Entity]]] = nlp.entities
    parse: Callable[[Sequence[str]], list[Parsed]] = nlp.parse
    # (parsed sentence, trigger spans, is headline) -> which clauses are background (foreground.py)
    clauses: Callable[[Sequence[tuple[Parsed, Sequence[tuple[int, int]], bool]]], list[Clauses]] = (
        foreground.clauses_of_parsed)
    detector: Detector = field(default_factory=model_detector)


_NO_CLAUSES = Clauses((), ())


class _Reader:
    """Reads one article; holds the article-wide state the frames need."""

    def __init__(self, article: Article, services: Services, sentences: Sequence[Sentence] = (),
                 fill_entities: dict[int, list[Entity]] | None = None,
                 parses: dict[int, Parsed] | None = None, clauses: dict[int, Clauses] | None = None,
                 context: ArticleContext | None = None) -> None:
        self.article = article
        self.parses = parses or {}  # the dependency parse of each event sentence
        self.clauses = clauses or {}  # per sentence index: its background clauses
        self.sentences = sentences
        self.services = services
        # entities for fill_place, found in one batch; None: a first reading, which only
        # records the sentences fill_place needs them for and places nothing (see read_article)
        self.fill_entities = fill_entities
        self.fill_requests: list[Sentence] = []
        self.published: date | None = article.published_at.date() if article.published_at else None
        read = article.text[: sentences[-1].end] if sentences else article.text  # what split_sentences reads
        found = context or article_context(read, services.gazetteer)
        self.context, self.surnames, self.regions = list(found.countries), found.surnames, found.regions
        self.drafts: list[Draft] = []
        self.known_sites: dict[str, SiteMention] = {}
        self.article_claims: list[tuple[ClaimMention, Sentence]] = []
        self.previous_attacker: Actor | None = None  # named in the sentence just before
        self.attackers: Counter[str] = Counter()  # states named as acting, for unattributed attacks
        self._first_date: DateGuess | None = _UNSEEN  # first_calendar_date, found once
        self.lead: Draft | None = None  # the first incident that says where it happened (see located)
        self.publication_day = (
            DateGuess(self.published, 1, None, None, "publication") if self.published is not None else None
        )

    # -- frames ---------------------------------------------------------------------------
    def guesses(self, sentence: Sentence, asserted: list[TypeGuess], claims: list[ClaimMention]) -> list[TypeGuess]:
        found = list(asserted)
        hit = HIT.search(sentence.text)
        if hit and self.clauses.get(sentence.index, _NO_CLAUSES).inside(*hit.span()):
            hit = None  # "the plant, which was also hit last year, ...": background
        attack = next((d for d in reversed(self.drafts) if d.sub_event_type != DISRUPTED), None)
        if hit and attack:
            # "the plant was also hit", "one was shot down, a second struck the depot": with no
            # weapon of its own, the sentence reports the kind of attack the article is about
            inherited = TypeGuess(attack.sub_event_type, 1.0, hit.span(), hit.group(0), False, False, inherited=True)
            if find_weapon(sentence.text) is None or not found:
                found = [g for g in found if g.sub_event_type == DISRUPTED] + [inherited]
        return sorted(found, key=lambda g: g.trigger[0])

    def frame(self, sentence: Sentence, guess: TypeGuess, ents: list[Entity], claims: list[ClaimMention]) -> Frame:
        text = sentence.text
        background = self.clauses.get(sentence.index, _NO_CLAUSES).background
        # "a day earlier" in the lead counts back from the day of publication
        previous = self.resolved_date(self.drafts[-1]) if self.drafts else self.publication_day
        place = self.scene_place(sentence, guess, ents, background, claims)
        country = place.place.country if place else None
        sites = find_sites(text)
        site = next((s for s in sites if s.named), None) or find_alias(text, self.known_sites) or (
            sites[0] if sites else None)
        if site is not None and not site.named and place is not None:
            site = None if place.national else site  # "Two station" in "Ukraine"
        if site is not None and site.named:
            self.known_sites.setdefault(site.key, site)
        attacker, target = self.actors(text, guess, country, self.parses.get(sentence.index))
        return Frame(
            sentence=sentence, guess=guess, date=self.date_of(text, previous, background),
            place=place,
            site=site, weapon=find_weapon(text), casualties=_casualties(text), attacker=attacker,
            target=target, size=troop_size(text), counts=site_counts(text), claims=claims,
        )

    def scene_place(self, sentence: Sentence, guess: TypeGuess, ents: list[Entity],
                    background: tuple[tuple[int, int], ...], claims: list[ClaimMention]) -> PlaceMention | None:
        """The sentence's scene (`syntax.scene_place`) outside background clauses and claim
        speakers; a speaker's place ("Police in Harare denied ...") only for an article's first incident
        that nothing else places (a claim about a later one must not move it there)."""
        spans = [background + tuple(c.speaker_span for c in claims)]
        if claims and not self.drafts:
            spans.append(background)
        for excluded in spans:
            scene, kept = scene_text(sentence.text, ents, excluded)  # blanked out: offsets stay
            places = find_places(scene, kept, self.services.gazetteer, self.context, self.surnames, self.regions)
            place = scene_place(places, self.parses.get(sentence.index), guess.trigger)
            if place is not None:
                return place
        return None

    def date_of(self, text: str, previous: DateGuess | None, background: tuple[tuple[int, int], ...] = ()) -> DateGuess:
        """The incident's date; failing that, the date of the statement reporting it, as the
        week it happened in ("the SBU said on Tuesday it had detained ..."). Dates in
        background clauses ("since fighting broke out in April 2023") are neither."""
        found = _date(incident_text(text, background), self.published, previous)
        if found.kind != "none":
            return found
        said = _date(incident_text(text, background) if background else text, self.published, previous)
        return replace(said, time_precision=max(said.time_precision, 2)) if said.event_date else found

    def actors(self, text: str, guess: TypeGuess, country: str | None,
               parsed: Parsed | None = None) -> tuple[Actor | None, Actor | None]:
        """Who acted and who was acted on, never whoever reports it (`syntax.outside_event`);
        in an interception, the interceptor and the side whose weapons it stopped."""
        speaker = outside_event(parsed, guess.trigger)
        if guess.sub_event_type == DISRUPTED:
            return interception_actors(text, country, speaker, parsed, guess.trigger)
        attacker = find_attacker(text, country, speaker, parsed, guess.trigger) or self.previous_attacker
        return attacker, find_target(text, country, attacker)

    @staticmethod
    def reportable(frame: Frame) -> bool:
        """A habit ("hit several times this year") is never an incident; a vague or trend
        sentence is one only with a place below country level or a named site."""
        if HABITUAL.search(frame.sentence.text):
            return False
        specific = (frame.place is not None and not frame.place.national) or (
            frame.site is not None and frame.site.named)
        vague = frame.date.kind == "vague" or bool(TREND.search(frame.sentence.text))
        return specific or not vague

    def located(self) -> list[Draft]:
        """The drafts that say where they happened (a place below country level or a named
        site): an incident no sentence places cannot be an event; its interceptions go too."""
        kept: list[Draft] = []
        place_by_anaphora(self.drafts)
        placed_sites = {d.site.key: d for d in self.drafts if d.site and d.site.named and d.place}
        for draft in self.drafts:
            same_site = placed_sites.get(draft.site.key) if draft.site and draft.site.named else None
            if draft.place is None and same_site is not None:
                draft.place, draft.place_sentence = same_site.place, same_site.place_sentence
            root = draft.part_of or draft
            placed = (root.place is not None and not root.place.national) or (
                root.site is not None and root.site.named)
            if placed and (draft.part_of is None or draft.part_of in kept):
                kept.append(draft)
        if not kept:  # an article about one incident named only by its country still reports it
            national = [d for d in self.drafts if d.part_of is None and d.place is not None]
            home = [d for d in national if d.place is not None and d.place.place.iso2 in self.context[:1]]
            kept = (home or national)[:1] or self.in_main_country()
        self.lead = (kept[0].part_of or kept[0]) if kept else None
        for draft in kept[:1]:
            if draft.place is not None and draft.place.national:
                named = main_town(self.sentences, draft.place.place.iso2, self.services.gazetteer, self.surnames)
                if named is not None:
                    draft.place_sentence, draft.place = named
            elif draft.place is not None and draft.place.place.feature == "admin1":
                named = dateline_town(self.sentences, self.services.gazetteer, draft.place.place)
                if named is not None:
                    draft.place_sentence, draft.place = named
        return self.at_country_level(kept)

    def at_country_level(self, kept: list[Draft]) -> list[Draft]:
        """The incidents no sentence places below country level are kept with their country
        at geo_precision 3 (as ACLED codes a report that names no town) instead of being
        dropped, when a sentence of theirs places them in a country. One no sentence places
        is not guessed into the article's country (an interception "over the region" beside
        a placed strike would become a second event). Their interceptions come along."""
        out: list[Draft] = []
        for draft in self.drafts if kept else []:
            root = draft.part_of or draft
            if draft in kept or (root is not draft and root in out) or (root is draft and draft.place is not None):
                out.append(draft)
        return out

    def in_main_country(self) -> list[Draft]:
        """With no incident placed at all, the first one happened in the country the article
        is about (named most often), at country precision with the first naming as evidence."""
        first = next((d for d in self.drafts if d.part_of is None), None)
        if first is None or not self.context:
            return []
        named = first_naming(self.sentences, self.context[0], self.services.gazetteer)
        if named is None:
            return []
        first.place_sentence, first.place = named
        return [first]

    def resolved_date(self, draft: Draft) -> DateGuess | None:
        """The draft's own date; else its attack's; else, for the lead (the article's first
        incident, or the first one that says where it happened), a calendar date said
        around it, the article's first calendar date, or the publication date (week
        precision); else the date of a dated incident reported just before it ("a second
        drone struck the refinery"). Otherwise undated."""
        if draft.date is not None:
            return draft.date
        if draft.part_of is not None:
            return self.resolved_date(draft.part_of)
        if draft is self.drafts[0] or draft is self.lead:
            return self.date_nearby(draft) or self.first_calendar_date() or publication_fallback(self.published)
        before = self.drafts[self.drafts.index(draft) - 1]
        close = draft.first.sentence.paragraph - before.frames[-1].sentence.paragraph <= NARRATIVE_PARAGRAPHS
        return before.date if close and before.date is not None and before.date.kind in DATED_KINDS else None

    def date_nearby(self, draft: Draft) -> DateGuess | None:
        """A calendar date said just before an undated lead incident in its paragraph ("On
        3 May the court ruled. Police detained him at the exit."), else in the sentences just
        after it, at most month precision."""
        first, last = draft.first.sentence, draft.frames[-1].sentence.index
        before = [s for s in self.sentences[max(0, first.index - NEARBY_SENTENCES) : first.index]
                  if s.paragraph == first.paragraph]
        for sentence in [*reversed(before), *self.sentences[last + 1 : last + 1 + NEARBY_SENTENCES]]:
            found = _date(incident_text(sentence.text), self.published)
            if found.kind == "explicit" and found.event_date is not None:
                return replace(found, time_precision=max(found.time_precision, 3))
        return None

    def first_calendar_date(self) -> DateGuess | None:
        """The first calendar date naming a month that the article states (not after
        publication), at month precision at best. A report whose incident sentence is undated
        is often a later development (a trial, an appeal, an anniversary) of an incident it
        dates once, early on ("was arrested on 3 May 2017"); the publication date would date
        the development. A bare year ("since the invasion in 2022") is too often background."""
        if self._first_date is _UNSEEN:
            self._first_date = None
            for sentence in self.sentences:
                if not _MONTHISH.search(sentence.text):
                    continue  # no date of it can name a month
                found = next((g for g in find_dates(sentence.text, self.published) if names_month(g)), None)
                if found is not None:
                    self._first_date = replace(found, time_precision=max(found.time_precision, 3))
                    break
        return self._first_date

    @cached_property
    def dated_violation(self) -> tuple[DateGuess, int] | None:
        """The article's first dated violation, looked for only when the lead needs it."""
        return first_dated_violation(self.sentences, self.published)

    def final_date(self, draft: Draft) -> DateGuess | None:
        """`resolved_date`; for the lead, the incident it reports may be dated elsewhere in
        the article (`lead_date`). Applied after reading: joining uses the date as read."""
        found = self.resolved_date(draft)
        return lead_date(draft, found, self.dated_violation) if draft is self.lead else found

    # -- joining --------------------------------------------------------------------------
    def add(self, frame: Frame) -> None:
        current = self.drafts[-1] if self.drafts else None
        if current is None or not current.accepts(frame, self.resolved_date(current)):
            if current is not None or self.reportable(frame):
                self.open(frame)
            return
        same_type = frame.guess.sub_event_type == current.sub_event_type
        if not same_type and frame.guess.sub_event_type == DISRUPTED and current.sub_event_type != DISRUPTED:
            self.open(frame, part_of=current)
        else:
            current.absorb(frame, typed=same_type)

    def open(self, frame: Frame, part_of: Draft | None = None) -> None:
        if part_of is None and not self.reportable(frame):
            return
        draft = Draft(first=frame, sub_event_type=frame.guess.sub_event_type, part_of=part_of)
        draft.absorb(frame, typed=True)
        self.drafts.append(draft)

    def read_sentence(self, sentence: Sentence, asserted: list[TypeGuess], ents: list[Entity] | None) -> None:
        claims = list(_claims_of(sentence.text))
        guesses = self.guesses(sentence, asserted, claims) if ents is not None else []
        if guesses:
            self.read_frames(sentence, guesses, ents or [], claims)
        else:
            self.attach_claims(claims, sentence)
            self.fill_place(sentence)
            self.fill_casualties(sentence)
        self.previous_attacker = find_attacker(sentence.text, None)
        if self.previous_attacker and self.previous_attacker.state and find_weapon(sentence.text):
            self.attackers[self.previous_attacker.state] += 1  # a side named with weapons

    def fill_place(self, sentence: Sentence) -> None:
        """A sentence right after an unplaced incident may say where it was ("footage showed
        an explosion in the Zavidovo district of the Tver region"). An interception linked to
        an attack is where its attack is."""
        last = self.drafts[-1] if self.drafts else None
        if last is None or last.place is not None or last.frames[-1].sentence.index != sentence.index - 1:
            return
        if last.part_of is not None:
            return
        if _date(sentence.text, self.published).kind in DATED_KINDS or SITUATES.search(sentence.text):
            return
        if self.fill_entities is None:
            self.fill_requests.append(sentence)
            return
        ents = self.fill_entities.get(sentence.index)
        place = self.place_below_country(sentence, self.services.entities([sentence.text])[0] if ents is None else ents)
        if place is not None:
            self.drafts[-1].place, self.drafts[-1].place_sentence = place, sentence

    def fill_casualties(self, sentence: Sentence) -> None:
        """A sentence right after an incident that only counts its dead or wounded ("Two hundred
        people were killed, the governor said") gives the figures the incident lacks; one with
        a date or a trend of its own is about something else."""
        last = self.drafts[-1] if self.drafts else None
        if last is None or last.frames[-1].sentence.index != sentence.index - 1:
            return
        if _date(sentence.text, self.published).kind != "none" or TREND.search(sentence.text) or HABITUAL.search(
                sentence.text):
            return
        found = _casualties(sentence.text)
        if found.fatalities is not None and found.span is not None and last.fatalities is None:
            last.fatalities = (found.fatalities, sentence, found.span)
        if found.injuries is not None and last.injuries is None:
            last.injuries = found.injuries

    def place_below_country(self, sentence: Sentence, ents: list[Entity]) -> PlaceMention | None:
        """The sentence's most precise place below country level, not counting the places that
        name a speaker ("Moscow laid the blame on ...") or sit in a background clause."""
        spans = self.clauses.get(sentence.index, _NO_CLAUSES).background + tuple(
            c.speaker_span for c in _claims_of(sentence.text))
        scene, ents = scene_text(sentence.text, ents, spans)
        place = most_precise(
            find_places(scene, ents, self.services.gazetteer, self.context, self.surnames, self.regions))
        return place if place is not None and not place.national else None

    def read_frames(self, sentence: Sentence, guesses: list[TypeGuess], ents: list[Entity],
                    claims: list[ClaimMention]) -> None:
        frames = [self.frame(sentence, g, ents, claims if i == 0 else []) for i, g in enumerate(guesses[:2])]
        disrupted = [f for f in frames if f.guess.sub_event_type == DISRUPTED]
        if len(frames) == 2 and len(disrupted) == 1:
            attack = next(f for f in frames if f is not disrupted[0])
            self.add(attack)
            if not self.drafts:  # the attack told no incident (a trend, a habit): nor does its interception
                return
            self.open(replace(disrupted[0], claims=[], site=None, casualties=find_casualties("")),
                      part_of=self.drafts[-1])
            self.drafts[-2].intercepted = self.drafts[-2].intercepted or (
                disrupted[0].weapon.intercepted if disrupted[0].weapon else None)
            return
        for frame in frames[:1]:
            self.add(frame)

    def attach_claims(self, claims: list[ClaimMention], sentence: Sentence) -> None:
        for claim in claims:
            self.article_claims.append((claim, sentence))
            if claim.generic:
                continue
            if self.drafts:
                target = self.drafts[-1].part_of or self.drafts[-1]
                target.claims.append((claim, sentence))

    def attach_generic_claims(self) -> None:
        violent = [d for d in self.drafts if d.part_of is None and d.sub_event_type != DISRUPTED]
        for claim, sentence in self.article_claims:
            if claim.generic:
                for draft in violent:
                    if sentence.start >= draft.first.sentence.start or draft is violent[0]:
                        draft.claims.append((claim, sentence))


def _asserted(text: str) -> list[TypeGuess]:
    """The event types a sentence asserts (not negated, hypothetical or generic)."""
    if not is_event_candidate(text):
        return []
    return [g for g in classify_all(text) if not g.negated_or_hypothetical and not g.generic]


def _add_detected(sentences: list[Sentence], asserted: dict[int, list[TypeGuess]], detector: Detector) -> None:
    """A sentence the rules assert nothing for takes the sentence model's guess, if any."""
    quiet = [s for s in sentences if not asserted[s.index]]
    for sentence, guess in zip(quiet, detector([s.text for s in quiet]), strict=True):
        if guess is not None:
            asserted[sentence.index] = [guess]


def _read(article: Article, services: Services, sentences: list[Sentence], asserted: dict[int, list[TypeGuess]],
          parses: dict[int, Parsed], fill_entities: dict[int, list[Entity]] | None,
          clauses: dict[int, Clauses], context: ArticleContext | None = None) -> _Reader:
    reader = _Reader(article, services, sentences, fill_entities, parses, clauses, context)
    for sentence in sentences:
        parsed = parses.get(sentence.index)
        reader.read_sentence(sentence, asserted[sentence.index], list(parsed.entities) if parsed else None)
    return reader


def read_article(article: Article, services: Services, sentences: list[Sentence],
                 asserted: dict[int, list[TypeGuess]], parses: dict[int, Parsed],
                 clauses: dict[int, Clauses] | None = None) -> _Reader:
    """Read every sentence. fill_place's NER runs in one batch: a first reading assumes no
    sentence after an unplaced incident places it and records those sentences; their
    entities are then found together. If none of them names a place, the first reading is
    exactly what reading with them gives; otherwise the article is read again with them."""
    clauses = clauses or {}
    context = article_context(article.text[: sentences[-1].end] if sentences else article.text, services.gazetteer)
    reader = _read(article, services, sentences, asserted, parses, None, clauses, context)
    if not reader.fill_requests:
        return reader
    requests = reader.fill_requests
    found = dict(zip((s.index for s in requests), services.entities([s.text for s in requests]), strict=True))
    if all(reader.place_below_country(s, found[s.index]) is None for s in requests):
        return reader
    return _read(article, services, sentences, asserted, parses, found, clauses, context)


def foreground_pass(candidates: Sequence[Sentence], asserted: dict[int, list[TypeGuess]],
                    parses: dict[int, Parsed], services: Services) -> dict[int, Clauses]:
    """From the event sentences' parses, drop the types whose trigger sits in a background
    clause (in place, from ``asserted``) and return each sentence's background clauses."""
    parsed = services.clauses([(parses[s.index], [g.trigger for g in asserted[s.index]], s.index == 0)
                               for s in candidates])
    for sentence, found in zip(candidates, parsed, strict=True):
        asserted[sentence.index] = [g for g, why in zip(asserted[sentence.index], found.reasons, strict=True)
                                    if why is None]
    return {s.index: found for s, found in zip(candidates, parsed, strict=True)}


def scene_text(text: str, ents: list[Entity], spans: Sequence[tuple[int, int]]) -> tuple[str, list[Entity]]:
    """The sentence and its entities without the spans that are not the scene: background
    clauses and the speakers of claims ("Officials in Minsk denied ...")."""
    spans = [(s, e) for s, e in spans if e > s]
    if not spans:
        return text, ents
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text, [e for e in ents if not any(s <= e.start < end for s, end in spans)]


def extract_mentions(article: Article, services: Services) -> list[Mention]:
    sentences = split_sentences(article.text)
    asserted = {s.index: _asserted(s.text) for s in sentences}
    _add_detected(sentences, asserted, services.detector)
    # NER and the parser run only where an event can come from: an asserted type or an attack without a weapon
    candidates = [s for s in sentences if asserted[s.index] or HIT.search(s.text)]
    parses = dict(zip((s.index for s in candidates), services.parse([s.text for s in candidates]), strict=True))
    clauses = foreground_pass(candidates, asserted, parses, services)
    reader = read_article(article, services, sentences, asserted, parses, clauses)
    reader.attach_generic_claims()
    link_interceptions(reader.drafts, reader.resolved_date)
    attach_orphan_claims(reader.drafts, reader.article_claims)
    move_claims_to_named(reader.drafts)
    located = reader.located()
    retype(located)
    return to_mentions(article, located, reader.final_date, reader.article_claims, reader.attackers)
