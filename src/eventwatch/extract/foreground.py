"""Foreground and background: which event triggers report an incident the article is about,
and which sit in a clause that only looks back or comments. Read from spaCy's dependency
parse of the event sentences (parsed in one batch per article), with the few words the rules
need in ``lexicon/en/cues.toml`` ([syntax]).

A trigger is background when it is inside
- a relative clause that looks back: a perfect tense, or a month or year and no day of its
  own ("Kherson, which Ukrainian forces retook in November 2022, lies on ..."); a clause that
  gives the day is a specific past incident, kept with its date, and one without a date
  ("protesters who were marching") tells the incident itself;
- a sentence opened by a section label ("Background: the depot was hit twice last year"): all
  of it;
- a participle clause setting a statement ("Speaking in Moscow on Tuesday, the minister said
  ..."): its place and date are the statement's;
- a clause or phrase that starts a period ("since fighting broke out in Khartoum in April
  2023", "since the start of the war"; "since 2017" dates a state and stays);
- a passive perfect counting a toll up to now ("hundreds have been killed since ...");
- a copular restatement of an incident already told ("it was the second attack this week");
- an incident named as the subject or object of a present-simple comment ("the strikes
  demonstrate ...", "it comes amid more attacks"), outside the headline and verbs of saying.
The spans of relative and period clauses are background too: their dates and places are not
the incident's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventwatch.extract import nlp, vocab
from eventwatch.extract.syntax import Parsed

_SYNTAX = vocab.load("cues")["syntax"]
_REPORTING = frozenset(_SYNTAX["reporting"])
_PERIOD = frozenset(_SYNTAX["period_start"])
_SPEAKING = frozenset(_SYNTAX["speaking"])
_LABELS = frozenset(_SYNTAX["background_labels"])
_LABEL_MARKS = frozenset({":", "-", "–", "—"})
_ANAPHORS = frozenset(_SYNTAX["anaphors"])
_BE = frozenset(_SYNTAX["be"])
_HAVE = frozenset(_SYNTAX["have"])
_DAY = vocab.compile_pattern(r"\b(?:{weekday}|{day_date})\b", vocab.load("cues")["fragments"])
_PERIOD_DATE = vocab.compile_pattern(r"\b{period_date}\b", vocab.load("cues")["fragments"], ignore_case=True)
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


def clauses_of_parsed(items: Sequence[tuple[Parsed, Sequence[Span], bool]]) -> list[Clauses]:
    """For each (parsed sentence, trigger spans, is_headline): its background spans and, per
    trigger, why it is background (None: foreground). A parse without spaCy's document (a
    test's fake) has no background."""
    return [_clauses(parsed.doc, triggers, headline) if parsed.doc is not None else Clauses((), (None,) * len(triggers))
            for parsed, triggers, headline in items]


def read_clauses(items: Sequence[tuple[str, Sequence[Span], bool]]) -> list[Clauses]:
    """The same for plain sentences, parsed here in one batch (`nlp.parse`)."""
    parsed = nlp.parse([text for text, _, _ in items])
    return clauses_of_parsed([(p, spans, headline) for p, (_, spans, headline) in zip(parsed, items, strict=True)])


def _clauses(doc: Any, triggers: Sequence[Span], headline: bool) -> Clauses:
    if _labelled_background(doc):
        return Clauses(((0, len(doc.text)),), ("background label",) * len(triggers))
    reasons = tuple(_reason(doc, trigger, triggers, headline) for trigger in triggers)
    told = [trigger for trigger, why in zip(triggers, reasons, strict=True) if why is None]
    spans = tuple(span for span in (_span(t) for t in doc if _opens_background(t))
                  if not any(span[0] <= start < span[1] for start, _ in told))  # a clause telling the incident
    return Clauses(spans, reasons)


def _labelled_background(doc: Any) -> bool:
    """A sentence opened by a section label and a colon or dash: "Background: ..."."""
    return len(doc) > 2 and doc[0].lower_ in _LABELS and doc[1].text in _LABEL_MARKS


def _span(token: Any) -> Span:
    subtree = list(token.subtree)
    return subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)


def _text(token: Any) -> str:
    start, end = _span(token)
    return str(token.doc.text[start:end])


def _opens_background(token: Any) -> bool:
    """A clause or phrase that only looks back: a relative clause in a perfect tense or with
    a month or year ("which forces retook in November 2022", "which have been used to ...";
    not "protesters who were marching"), or a clause or phrase starting a period ("since
    fighting broke out", "since the start of the war"; not "since 2017", which dates a state).
    One that gives a day ("since the protests began on 4 October") tells a specific past
    incident, which may be recorded with its date."""
    if token.dep_ == "advcl" and token.tag_ == "VBG" and token.lower_ in _SPEAKING:
        return True  # the setting of a statement: "Speaking in Moscow, ..."
    if token.dep_ == "relcl":
        looks_back = _perfect(token) or bool(_PERIOD_DATE.search(_text(token)))
    elif token.lower_ in _PERIOD and token.dep_ == "prep":
        looks_back = not any(c.dep_ == "pobj" and _DATE_WORD.match(c.text) for c in token.children)
    else:
        looks_back = any(c.dep_ == "mark" and c.lower_ in _PERIOD for c in token.children)
    return looks_back and not _DAY.search(_text(token))


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
    if any(t.dep_ == "relcl" and _opens_background(t) for t in chain):
        return "relative clause"
    if token.dep_ == "pobj" and token.head.lower_ in _PERIOD:
        return None  # "seen once since his kidnapping" names the incident itself
    if any(_opens_background(t) and t.dep_ != "relcl" for t in chain):
        return "period clause"
    verb = next((t for t in chain if _is_verb(t)), None)
    if verb is None:
        return None
    if _perfect(verb) and _passive(verb) and any(_opens_background(c) for c in verb.children):
        return "perfect up to now"  # a toll counted up to now: "hundreds have been killed since ..."
    if not headline and token.dep_ == "attr" and verb.lower_ in _BE and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _ANAPHORS for c in verb.children):
        return "restatement"
    in_trigger = any(s <= verb.idx < e for s, e in triggers)
    if not headline and verb is not token and _simple_present(verb) and verb.lower_ not in _REPORTING \
            and not in_trigger:
        return "present tense"  # incidents as the subject of a comment: "the strikes demonstrate ..."
    return None


def _is_verb(token: Any) -> bool:
    return bool(token.tag_.startswith("VB") or token.tag_ == "MD")


def _auxiliaries(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _perfect(verb: Any) -> bool:
    return any(a.lower_ in _HAVE and a.tag_ in _PRESENT for a in _auxiliaries(verb))


def _passive(verb: Any) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _simple_present(verb: Any) -> bool:
    """A present simple verb: no auxiliary (not progressive, perfect or after a modal)."""
    return verb.tag_ in _PRESENT and not _auxiliaries(verb)
