"""Sentence -> ACLED sub-event type, by rules over a trigger lexicon (no NLP model).

The lexicon lives in ``eventwatch/lexicon/en/event_types.toml`` (one table per sub-event
type). It is read and compiled once. For a sentence every type's rules are matched; each
type keeps its best hit; then three ACLED rules are applied:

1. an interception (Disrupted weapons use) cancels a strike on the same weapon unless the
   sentence also says something was hit ("one was shot down, a second struck the depot");
2. a type is dropped when a type that absorbs it is confidently present (``absorbed_by``:
   an air strike that kills villagers is not also an Attack);
3. the main guess is the confident, asserted guess that ranks first in ACLED's hierarchy.

Scores are trigger strengths: >= 1.0 is confident enough to report. Negation, hypotheticals
and generic (trend, habitual, background) statements are flagged, not scored down; callers
skip flagged guesses.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwatch.taxonomy import ALL_SUB_EVENT_TYPES, EVENT_TYPE_OF, EXPLOSIONS, hierarchy_rank

LEXICON_PATH = Path(__file__).resolve().parent.parent / "lexicon" / "en" / "event_types.toml"
DISRUPTED = "Disrupted weapons use"
CONFIDENT = 1.0
_NEAR_WORDS = 4  # negation cues count only this close before a trigger ("did not attack")
_HYPO_WORDS = 8  # modal / intention cues ("threatened on Monday to strike")
_FRAGMENT = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# Same-length replacements, so offsets into the normalised text are offsets into the input.
_SAME_LENGTH = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\n": " ", "\t": " ", "\r": " "})


@dataclass(frozen=True)
class TypeGuess:
    sub_event_type: str  # one of taxonomy.ALL_SUB_EVENT_TYPES
    score: float  # >= 1.0 means confident enough to report an event
    trigger: tuple[int, int]  # char offsets of the trigger phrase within the sentence
    trigger_text: str
    negated_or_hypothetical: bool  # "did not attack", "could strike", "threatened to"
    generic: bool  # a trend / habitual / background statement, not one incident
    inherited: bool = False  # the type of the article's attack, for a sentence that names none ("was also hit")

    @property
    def reportable(self) -> bool:
        return self.score >= CONFIDENT and not self.negated_or_hypothetical and not self.generic


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    weight: float
    boost: re.Pattern[str] | None = None
    boost_weight: float = 0.0
    requires: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None

    def applies(self, text: str) -> bool:
        if self.requires is not None and not self.requires.search(text):
            return False
        return self.unless is None or not self.unless.search(text)

    def score(self, text: str) -> float:
        if self.boost is not None and self.boost.search(text):
            return self.weight + self.boost_weight
        return self.weight


@dataclass(frozen=True)
class _Entry:
    sub_event_type: str
    definition: str
    stems: tuple[str, ...]
    rules: tuple[_Rule, ...]
    absorbed_by: frozenset[str]


@dataclass(frozen=True)
class _Modifiers:
    boundary: re.Pattern[str]
    negation_near: re.Pattern[str]
    denial: re.Pattern[str]
    hypothetical: re.Pattern[str]
    generic_strong: re.Pattern[str]
    generic_descriptive: re.Pattern[str]
    generic_weak: re.Pattern[str]
    specific_anchor: re.Pattern[str]
    impact: re.Pattern[str]
    impact_void: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[_Entry, ...]
    stem_index: re.Pattern[str]  # lower-case stems at word starts, longest first
    types_of_stem: dict[str, frozenset[str]]  # a stem -> types with it or a prefix of it
    modifiers: _Modifiers

    def types_present(self, text: str) -> set[str]:
        """Sub-event types with at least one stem in ``text`` (the only ones worth matching)."""
        found: set[str] = set()
        for match in self.stem_index.finditer(text.lower()):
            found |= self.types_of_stem[match.group(1)]
        return found

    def definition(self, sub_event_type: str) -> str:
        return next(e.definition for e in self.entries if e.sub_event_type == sub_event_type)


@dataclass(frozen=True)
class _Hit:
    sub_event_type: str
    start: int
    end: int
    span: tuple[int, int]  # the whole match, wider than the trigger
    score: float


# -- loading --------------------------------------------------------------------------------


def _expand(text: str, fragments: dict[str, str]) -> str:
    for _ in range(3):  # fragments may name other fragments
        text = _FRAGMENT.sub(lambda m: fragments.get(m.group(1), m.group(0)), text)
    return text


def _compile(text: str, fragments: dict[str, str]) -> re.Pattern[str]:
    return re.compile(_expand(text, fragments), re.IGNORECASE)


def _optional(raw: dict[str, Any], key: str, fragments: dict[str, str]) -> re.Pattern[str] | None:
    return _compile(raw[key], fragments) if key in raw else None


def _rule(raw: dict[str, Any], fragments: dict[str, str]) -> _Rule:
    return _Rule(
        pattern=_compile(raw["pattern"], fragments),
        weight=float(raw["weight"]),
        boost=_optional(raw, "boost", fragments),
        boost_weight=float(raw.get("boost_weight", 0.0)),
        requires=_optional(raw, "requires", fragments),
        unless=_optional(raw, "unless", fragments),
    )


def _stem_index(entries: tuple[_Entry, ...]) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One pass over a sentence finds every stem: a lookahead at each word start, longest
    stem first, so "shot down" also counts for the types keyed on "shot"."""
    owners: dict[str, set[str]] = {}
    for entry in entries:
        for stem in entry.stems:
            owners.setdefault(stem, set()).add(entry.sub_event_type)
    stems = sorted(owners, key=len, reverse=True)
    closure = {
        stem: frozenset(t for other in stems if stem.startswith(other) for t in owners[other]) for stem in stems
    }
    alternation = "|".join(re.escape(s) for s in stems)
    return re.compile(rf"\b(?=({alternation}))"), closure


def _entry(raw: dict[str, Any], fragments: dict[str, str]) -> _Entry:
    name = raw["sub_event_type"]
    if name not in ALL_SUB_EVENT_TYPES:
        raise ValueError(f"unknown sub-event type in lexicon: {name!r}")
    return _Entry(
        sub_event_type=name,
        definition=raw["definition"],
        stems=tuple(s.lower() for s in raw["stems"]),
        rules=tuple(_rule(r, fragments) for r in raw["rules"]),
        absorbed_by=frozenset(raw.get("absorbed_by", ())),
    )


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Compile a lexicon from its parsed TOML (exposed for tests of alternative lexicons)."""
    fragments: dict[str, str] = dict(data.get("fragments", {}))
    mods = {key: _compile(value, fragments) for key, value in data["modifiers"].items()}
    entries = tuple(_entry(raw, fragments) for raw in data["types"].values())
    stem_index, types_of_stem = _stem_index(entries)
    return Lexicon(entries, stem_index, types_of_stem, _Modifiers(**mods))


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    with path.open("rb") as handle:
        return parse_lexicon(tomllib.load(handle))


# -- matching -------------------------------------------------------------------------------


def _normalise(sentence: str) -> str:
    return sentence.translate(_SAME_LENGTH)


def _trigger_span(match: re.Match[str]) -> tuple[int, int]:
    if "t" in match.re.groupindex and match.start("t") >= 0:
        return match.span("t")
    return match.span()


def _entry_hits(entry: _Entry, text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for rule in entry.rules:
        if not rule.applies(text):
            continue
        for match in rule.pattern.finditer(text):
            start, end = _trigger_span(match)
            hits.append(_Hit(entry.sub_event_type, start, end, match.span(), rule.score(text)))
    return hits


def _clause_before(text: str, start: int, mods: _Modifiers) -> str:
    prefix = text[:start]
    cut = 0
    for match in mods.boundary.finditer(prefix):
        cut = match.end()
    return prefix[cut:]


def _is_negated(text: str, start: int, mods: _Modifiers) -> bool:
    clause = _clause_before(text, start, mods)
    words = clause.split()
    if mods.negation_near.search(" ".join(words[-_NEAR_WORDS:])):
        return True
    if mods.hypothetical.search(" ".join(words[-_HYPO_WORDS:])):
        return True
    return bool(mods.denial.search(clause))


def _is_generic(text: str, mods: _Modifiers) -> bool:
    if mods.generic_strong.search(text):
        return True
    if mods.generic_descriptive.search(text) and not mods.impact.search(text):
        return True
    return bool(mods.generic_weak.search(text)) and not mods.specific_anchor.search(text)


def _best(hits: list[_Hit], text: str, mods: _Modifiers) -> tuple[_Hit, bool]:
    """The strongest hit, preferring asserted over negated ones, then the earliest."""
    flagged = {h: _is_negated(text, h.start, mods) for h in hits}
    best = min(hits, key=lambda h: (flagged[h], -h.score, h.start))
    return best, flagged[best]


# -- ACLED rules between types ----------------------------------------------------------------


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _has_impact(text: str, blocked: list[tuple[int, int]], mods: _Modifiers) -> bool:
    """Does the sentence say something was hit, outside the interception phrases?"""
    if mods.impact_void.search(text):
        return False
    for match in mods.impact.finditer(text):
        if not _overlaps(match.span(), blocked) and not _is_negated(text, match.start(), mods):
            return True
    return False


def _drop_intercepted(guesses: list[TypeGuess], spans: list[tuple[int, int]], text: str) -> list[TypeGuess]:
    disrupted = any(g.sub_event_type == DISRUPTED and g.reportable for g in guesses)
    if not disrupted or _has_impact(text, spans, load_lexicon().modifiers):
        return guesses
    return [g for g in guesses if EVENT_TYPE_OF[g.sub_event_type] != EXPLOSIONS]


def _drop_absorbed(guesses: list[TypeGuess], absorbed_by: dict[str, frozenset[str]]) -> list[TypeGuess]:
    strong = [g.sub_event_type for g in guesses if g.score >= CONFIDENT and not g.negated_or_hypothetical]

    def absorbed(guess: TypeGuess) -> bool:
        by = absorbed_by[guess.sub_event_type]
        return any(s != guess.sub_event_type and (s in by or EVENT_TYPE_OF[s] in by) for s in strong)

    return [g for g in guesses if not absorbed(g)]


# -- public API ---------------------------------------------------------------------------------


def is_event_candidate(sentence: str) -> bool:
    """Cheap prefilter: False means no trigger stem occurs, so no rule can fire."""
    return load_lexicon().stem_index.search(sentence.lower()) is not None


def _guess(hit: _Hit, sentence: str, negated: bool, generic: bool) -> TypeGuess:
    trigger = (hit.start, hit.end)
    text = sentence[hit.start : hit.end]
    return TypeGuess(hit.sub_event_type, round(hit.score, 3), trigger, text, negated, generic)


@lru_cache(maxsize=4096)
def _all_guesses(sentence: str) -> tuple[TypeGuess, ...]:
    """Every type's best guess for the sentence, in order of position. Cached: extraction,
    the sentence model's features and retyping each read the same sentences."""
    lex = load_lexicon()
    text = _normalise(sentence)
    present = lex.types_present(text)
    if not present:
        return ()
    generic = _is_generic(text, lex.modifiers)
    guesses: list[TypeGuess] = []
    disrupted_spans: list[tuple[int, int]] = []
    for entry in lex.entries:
        if entry.sub_event_type not in present:
            continue
        hits = _entry_hits(entry, text)
        if not hits:
            continue
        if entry.sub_event_type == DISRUPTED:
            disrupted_spans.extend(h.span for h in hits)
        best, negated = _best(hits, text, lex.modifiers)
        guesses.append(_guess(best, sentence, negated, generic))
    guesses = _drop_intercepted(guesses, disrupted_spans, text)
    guesses = _drop_absorbed(guesses, {e.sub_event_type: e.absorbed_by for e in lex.entries})
    return tuple(sorted(guesses, key=lambda g: (g.trigger[0], hierarchy_rank(g.sub_event_type))))


def _negation_anywhere(text: str, mods: _Modifiers) -> bool:
    """A negation in the sentence other than a bare "no" ("no one was hurt" negates nothing)."""
    return any(m.group(0).lower() != "no" for m in mods.negation_near.finditer(text))


def sentence_guess(sentence: str, sub_event_type: str) -> TypeGuess:
    """A guess for a sentence the sentence model read as an incident where no rule fired: the
    whole sentence is its trigger, and the rules' guards apply to all of it (a negation, a
    denial, a modal or a threat anywhere; a trend, habit or background statement)."""
    mods = load_lexicon().modifiers
    text = _normalise(sentence)
    flagged = _negation_anywhere(text, mods) or bool(mods.hypothetical.search(text) or mods.denial.search(text))
    return TypeGuess(sub_event_type, CONFIDENT, (0, len(sentence)), sentence, flagged, _is_generic(text, mods))


def classify_all(sentence: str, min_score: float = CONFIDENT) -> list[TypeGuess]:
    """Every distinct sub-event type the sentence triggers with at least ``min_score``,
    in order of position; e.g. an interception and the strike that got through."""
    return [g for g in _all_guesses(sentence) if g.score >= min_score]


def classify_sentence(sentence: str) -> TypeGuess | None:
    """The main sub-event type of a sentence, or None when nothing triggers.

    Preference: confident asserted guesses, then confident flagged ones, by ACLED's
    hierarchy (battles before remote violence ... strategic developments last); otherwise
    the strongest weak guess.
    """
    guesses = _all_guesses(sentence)
    if not guesses:
        return None
    for pool in ([g for g in guesses if g.reportable], [g for g in guesses if g.score >= CONFIDENT]):
        if pool:
            return min(pool, key=lambda g: (hierarchy_rank(g.sub_event_type), g.trigger[0]))
    return max(guesses, key=lambda g: (g.score, -g.trigger[0]))
