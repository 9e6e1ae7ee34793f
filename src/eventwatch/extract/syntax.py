"""Which of the places an event sentence names is where the event happened, by the
dependency parse (spaCy's parser runs only on the sentences that can report an event; see
`nlp.parse`).

A place is *attached* to the event when it lies inside the clause of the event's trigger:
"A Russian drone hit an apartment block in Kupiansk" (Kupiansk under "hit"), "Two people
were killed when shells hit a market in the Belgorod region" (through the adverbial clause),
but not inside a relative clause hanging off another noun ("Kupiansk, which Russian forces
held until 2022 with Izium"). A place is *never the scene* when it names an office or title
("Kharkiv's regional governor said"), is an adjective of nationality ("a Russian drone",
"the German national": the side acting or a person), or hangs off a verb of saying outside the event's
clause ("officials in Kyiv said", "told reporters in Brussels"). Otherwise it is *free*: the
scene only when no place is attached, or to make an attached country more precise.

Vocabulary: ``lexicon/en/places.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from eventwatch.extract.places import Entity, PlaceMention, contains, most_precise

LEXICON_PATH = Path(__file__).resolve().parent.parent / "lexicon" / "en" / "places.toml"
ATTACHED, FREE, NEVER, OFFICE = 0, 1, 2, 3
# Edges the event's clause is climbed through from its trigger: an adverbial clause or a
# conjunct is part of the same report ("hit a block, killing two"); reported speech
# (ccomp), a relative clause and a parenthetical are where the climb stops. A noun trigger
# the small parser takes for an auxiliary ("Russian shelling hit ...": shelling ← aux ← hit)
# is in its verb's clause.
_CLIMB = frozenset({"advcl", "conj", "xcomp", "prep", "pobj", "dobj", "nsubj", "nsubjpass", "agent", "pcomp",
                    "npadvmod", "attr", "compound", "amod", "appos", "dep", "acl", "advmod", "oprd", "obj",
                    "aux", "auxpass"})
# Edges that put a place outside the clause it hangs in: background and asides.
_ASIDE = frozenset({"relcl", "parataxis"})
# Edges by which a place modifies a noun ("Kharkiv's governor", "the Kharkiv administration").
_MODIFIER = frozenset({"poss", "compound", "amod", "nmod"})


@dataclass(frozen=True)
class Token:
    start: int  # offsets within the sentence
    end: int
    text: str
    dep: str
    head: int  # index of the head token; the root is its own head


@dataclass(frozen=True)
class Parsed:
    """One sentence as the parser read it: its entities and its tokens (and, from the real
    parser, spaCy's document, which the foreground rules walk; never compared or stored)."""

    entities: tuple[Entity, ...]
    tokens: tuple[Token, ...]
    doc: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Vocabulary:
    titles: frozenset[str]
    speech: frozenset[str]
    forces: frozenset[str]
    anaphors: frozenset[str]


@cache
def vocabulary(path: Path = LEXICON_PATH) -> Vocabulary:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return Vocabulary(*(frozenset(data[key]) for key in ("titles", "speech", "forces", "anaphors")))


def head_of(tokens: Sequence[Token], start: int, end: int) -> int | None:
    """The token of the span [start, end) whose head lies outside it (the span's head)."""
    inside = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
    for i in inside:
        if tokens[i].head == i or tokens[tokens[i].head].start >= end or tokens[tokens[i].head].end <= start:
            return i
    return inside[-1] if inside else None


def _path_up(tokens: Sequence[Token], i: int) -> list[int]:
    """`i` and its ancestors up to the root."""
    path = [i]
    while tokens[path[-1]].head != path[-1] and len(path) <= len(tokens):
        path.append(tokens[path[-1]].head)
    return path


def clause_of(tokens: Sequence[Token], trigger: int) -> int:
    """The head of the event's clause: climb from the trigger while the edge keeps to the
    same report; stop below reported speech, a relative clause or the root."""
    i = trigger
    while tokens[i].head != i and tokens[i].dep in _CLIMB:
        i = tokens[i].head
    return i


def rank(tokens: Sequence[Token], clause: int, place: PlaceMention, words: Vocabulary) -> int:
    """ATTACHED, FREE, NEVER or OFFICE (never the scene itself, but the area of the office
    that reports it: see `scene_place`)."""
    i = head_of(tokens, place.start, place.end)
    if i is None:
        return FREE
    if tokens[i].dep == "amod":
        return NEVER  # an adjective of nationality ("a Russian drone", "the German national") is no place
    path = _path_up(tokens, i)
    below = path[: path.index(clause)] if clause in path else path
    if clause in path and not any(tokens[j].dep in _ASIDE for j in below):
        return ATTACHED if not _titled(tokens, path, words) else OFFICE
    if _titled(tokens, path, words):
        return OFFICE
    if clause not in path and any(tokens[j].text.lower() in words.speech for j in path[1:]):
        return NEVER  # a verb of saying above the event's clause is reached only from outside it
    return FREE


def _titled(tokens: Sequence[Token], path: list[int], words: Vocabulary) -> bool:
    """Whether the place modifies an office or title: "Kharkiv's regional governor"."""
    for j, up in pairwise(path):
        if tokens[j].dep not in _MODIFIER:
            return False
        if tokens[up].text.lower() in words.titles:
            return True
    return False


def scene_place(places: Sequence[PlaceMention], parsed: Parsed | None,
                trigger: tuple[int, int] | None) -> PlaceMention | None:
    """The place the event happened at: the most precise one attached to the trigger's
    clause (a country made more precise by a free place inside it); with none attached, the
    most precise free one; never one that names a statement's place or a nationality. A
    place naming an office ("Kharkiv's regional governor") is not the scene either, but with
    no other place, or with "the region" in the event's clause, the incident is in that
    office's area: a town then at geo_precision 2 ("part of"), a region at 3 (a country's
    office, "Russia's defence ministry said ...", places nothing). Without a
    parse, the most precise of all (`places.most_precise`)."""
    if not places or parsed is None or not parsed.tokens or trigger is None:
        return most_precise(places)
    tokens = parsed.tokens
    trigger_token = head_of(tokens, *trigger)
    if trigger_token is None:
        return most_precise(places)
    clause, words = clause_of(tokens, trigger_token), vocabulary()
    ranked = [(rank(tokens, clause, p, words), p) for p in places]
    attached = most_precise([p for r, p in ranked if r == ATTACHED and not p.dateline])
    free = [p for r, p in ranked if r == FREE or (r == ATTACHED and p.dateline)]
    if attached is None:
        area = most_precise([p for r, p in ranked if r == OFFICE and not p.national])
        return most_precise(free) or _pointed_back(tokens, clause, ranked, words) or (
            replace(area, precision=max(area.precision, 2)) if area is not None else None)
    if attached.national:
        finer = most_precise([p for p in free if contains(attached.place, p.place) and not p.national])
        return finer or attached
    return attached



def _pointed_back(tokens: Sequence[Token], clause: int, ranked: list[tuple[int, PlaceMention]],
                  words: Vocabulary) -> PlaceMention | None:
    """With no place in the event's clause but "the region" or "the city" in it, the place
    of the office or speaker it points back to ("The regional administration in Zaporizhzhia
    said a glide bomb struck a village in the region"): a town then as part of its area
    (geo_precision 2)."""
    inside = any(t.text.lower() in words.anaphors and i != clause and clause in _path_up(tokens, i)
                 and any(d.head == i and d.text.lower() == "the" for d in tokens) for i, t in enumerate(tokens))
    named = [p for r, p in ranked if r in (NEVER, OFFICE) and not p.national
             and tokens[head_of(tokens, p.start, p.end) or 0].dep != "amod"]
    best = most_precise(named) if inside else None
    return replace(best, precision=max(best.precision, 2)) if best is not None else None


def outside_event(parsed: Parsed | None, trigger: tuple[int, int] | None) -> Callable[[int, int], bool]:
    """A test of whether the words at [start, end) belong to whoever reports the event, not to
    the event: they hang off a verb of saying outside the trigger's clause ("Ukraine's air
    force said Russian drones hit ..." — the air force is the speaker, not the attacker),
    unless the event's subject is the speaker again ("North Korea confirmed it has sent
    troops", "the ministry said its forces captured ...")."""
    if parsed is None or not parsed.tokens or trigger is None:
        return lambda start, end: False
    tokens = parsed.tokens
    trigger_token = head_of(tokens, *trigger)
    if trigger_token is None:
        return lambda start, end: False
    clause, words = clause_of(tokens, trigger_token), vocabulary()
    if _speaker_acted(tokens, clause):
        return lambda start, end: False

    def outside(start: int, end: int) -> bool:
        i = head_of(tokens, start, end)
        if i is None:
            return False
        path = _path_up(tokens, i)
        below = path[: path.index(clause)] if clause in path else path
        if any(tokens[j].dep in _ASIDE for j in below):
            return True  # a relative clause or an aside: background, not the event's actor
        return clause not in path and any(tokens[j].text.lower() in words.speech for j in path[1:])

    return outside


_SELF = frozenset({"it", "they", "we", "its", "their", "our"})


def _speaker_acted(tokens: Sequence[Token], clause: int) -> bool:
    """Whether the subject of the event's clause is a pronoun for the speaker ("it", "its
    forces"): the one reporting is the one acting."""
    for i, token in enumerate(tokens):
        if token.head == clause and token.dep in ("nsubj", "nsubjpass") and i != clause:
            return token.text.lower() in _SELF or any(
                t.head == i and t.dep == "poss" and t.text.lower() in _SELF for t in tokens)
    return False
