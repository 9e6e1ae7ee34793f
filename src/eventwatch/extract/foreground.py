"""Foreground and background: which event triggers report an incident the article is about,
and which sit in a clause that only looks back or comments. Read from spaCy's dependency
parse of the event sentences (parsed in one batch per article), with the few words the rules
need in ``lexicon/en/cues.toml`` ([syntax]).

A trigger is background when it is inside
- a relative clause ("Kherson, which Ukrainian forces retook in November 2022, lies on ..."),
  unless that clause gives the day it happened (a specific past incident, kept with its date);
- a clause or phrase that starts a period ("since fighting broke out in Khartoum in April 2023");
- a perfect tense counting up to now ("hundreds have been killed since ...");
- a copular restatement of an incident already told ("it was the second attack this week");
- a present-tense statement about incidents (a trend or a comment: "the strikes demonstrate
  ...", "it comes amid more attacks"), outside the headline and verbs of saying.
The spans of relative and period clauses are background too: their dates and places are not
the incident's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventwatch.errors import ConfigError
from eventwatch.extract import vocab
from eventwatch.extract.nlp import MODEL

_SYNTAX = vocab.load("cues")["syntax"]
_REPORTING = frozenset(_SYNTAX["reporting"])
_PERIOD = frozenset(_SYNTAX["period_start"])
_ANAPHORS = frozenset(_SYNTAX["anaphors"])
_DAY = vocab.compile_pattern(r"\b(?:{weekday}|{day_date})\b", vocab.load("cues")["fragments"])
_DATE_WORD = vocab.compile_pattern(r"^(?:{weekday}|{month}|\d{4})$", vocab.load("cues")["fragments"])
_PRESENT = {"VBZ", "VBP"}

Span = tuple[int, int]


@dataclass(frozen=True)
class Clauses:
    """What the parse says about one sentence's triggers."""

    background: tuple[Span, ...]  # character spans of relative and period clauses
    reasons: tuple[str | None, ...]  # per trigger asked about: why it is background, or None

    def inside(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.background)


@lru_cache(maxsize=1)
def _load() -> Any:
    import spacy

    try:
        return spacy.load(MODEL, exclude=["ner"])
    except OSError as exc:
        raise ConfigError(f"spaCy model {MODEL} is not installed; run 'make demo' to install it") from exc


def read_clauses(items: Sequence[tuple[str, Sequence[Span], bool]]) -> list[Clauses]:
    """For each (sentence, trigger spans, is_headline): its background spans and, per
    trigger, why it is background (None: foreground). One parser batch for all."""
    if not items:
        return []
    docs = _load().pipe([text for text, _, _ in items], batch_size=64)
    return [_clauses(doc, triggers, headline) for doc, (_, triggers, headline) in zip(docs, items, strict=True)]


def _clauses(doc: Any, triggers: Sequence[Span], headline: bool) -> Clauses:
    spans = tuple(_span(t) for t in doc if _opens_background(t))
    reasons = tuple(_reason(doc, trigger, triggers, headline) for trigger in triggers)
    return Clauses(spans, reasons)


def _span(token: Any) -> Span:
    subtree = list(token.subtree)
    return subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)


def _text(token: Any) -> str:
    start, end = _span(token)
    return str(token.doc.text[start:end])


def _opens_background(token: Any) -> bool:
    """A relative clause without a day of its own, or a clause or phrase starting a period."""
    if token.dep_ == "relcl":
        return not _DAY.search(_text(token))
    if token.lower_ in _PERIOD and token.dep_ == "prep":  # "since the start of the war", not "since 2017"
        return not any(c.dep_ == "pobj" and _DATE_WORD.match(c.text) for c in token.children)
    return any(c.dep_ == "mark" and c.lower_ in _PERIOD for c in token.children)


def _head_token(doc: Any, start: int, end: int) -> Any | None:
    """The trigger's syntactic head: its token whose head lies outside the trigger."""
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    if not tokens:
        return None
    return next((t for t in tokens if not (start <= t.head.idx < end) or t.head is t), tokens[0])


def _reason(doc: Any, trigger: Span, triggers: Sequence[Span], headline: bool) -> str | None:
    token = _head_token(doc, *trigger)
    if token is None:
        return None
    chain = [token, *token.ancestors]
    if any(t.dep_ == "relcl" and not _DAY.search(_text(t)) for t in chain):
        return "relative clause"
    if any(_opens_background(t) and t.dep_ != "relcl" for t in chain):
        return "period clause"
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    if _perfect(verb) and any(_opens_background(c) for c in verb.children):
        return "perfect up to now"
    if token.dep_ == "attr" and verb.lemma_ == "be" and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _ANAPHORS for c in verb.children):
        return "restatement"
    in_trigger = any(s <= verb.idx < e for s, e in triggers)
    if not headline and _present(verb) and verb.lemma_ not in _REPORTING and (verb is token or not in_trigger):
        return "present tense"
    return None


def _auxiliaries(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _perfect(verb: Any) -> bool:
    return any(a.lemma_ == "have" and a.tag_ in _PRESENT for a in _auxiliaries(verb))


def _present(verb: Any) -> bool:
    """A present simple or progressive verb (not perfect, not a modal's infinitive)."""
    auxes = _auxiliaries(verb)
    if any(a.lemma_ == "have" or a.tag_ in ("MD", "VBD") for a in auxes):
        return False
    return verb.tag_ in _PRESENT or any(a.tag_ in _PRESENT for a in auxes)
