"""The date of an article's lead incident when the article dates that incident elsewhere.

A report often leads with the latest development of an incident (a trial, a sentence, a
suspect's arrest, a rescue, a reaction) and dates the incident itself once, elsewhere: "was
arrested in May 2018", "the 2008 hostage-taking". The first such dated violation in the
article dates the lead when it is said before the lead, when the lead states no date of its
own, or when the lead reports a development and is dated only against publication.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from eventwatch.extract.cues import DEVELOPMENT, VIOLATION, VIOLATION_ACT
from eventwatch.extract.dates import DateGuess, find_dates, names_month
from eventwatch.extract.frames import Draft
from eventwatch.extract.sentences import Sentence
from eventwatch.extract.vocab import load

_LEX = load("dates")["lead"]
_YEAR = re.compile(_LEX["year"])
# What may stand between a date and the word it dates: the same clause, at most this long.
_CLAUSE_GAP = 60
_CLAUSE_BREAK = re.compile(_LEX["clause_break"])
_CLAUSE_OPENING = re.compile(_LEX["clause_opening"], re.IGNORECASE)
_ATTRIBUTIVE_YEAR = re.compile(_LEX["attributive_year"], re.IGNORECASE)
# up to two words between the year and what it dates ("the 2012 political murder case")
_WORD_RUNS = tuple(re.compile(rf"(?<![\w-])(?:[\w-]+\s+){{{n}}}") for n in range(3))  # from a word's start


def states_year(guess: DateGuess | None) -> bool:
    """Whether the guess is a calendar date that states its year ("3 May 2017", "in 2016"),
    not one read against the publication date ("on Tuesday", "on 3 May", "last month")."""
    return guess is not None and guess.kind == "explicit" and bool(_YEAR.search(guess.phrase or ""))


def within(coarse: DateGuess, other: DateGuess | None) -> bool:
    """Whether `other` falls inside the period `coarse` names: the year of a bare year
    ("in 2017"), the month of a month ("in May 2017"), else the same day."""
    if other is None or other.event_date is None or coarse.event_date is None:
        return False
    a, b = coarse.event_date, other.event_date
    if coarse.time_precision == 1:
        return a == b
    return a.year == b.year and (not names_month(coarse) or a.month == b.month)


def attached(sentence: str, guess: DateGuess, anchor: re.Pattern[str]) -> bool:
    """Whether the date phrase is said in the same clause as a match of `anchor`: after it
    ("was arrested in May 2018"), or opening the clause before it ("On 3 May, gunmen
    killed ..."; not "who founded the paper in May 2018, was arrested")."""
    if guess.span is None:
        return False
    start, end = guess.span
    opens = _CLAUSE_OPENING.search(sentence[:start]) is not None
    for match in anchor.finditer(sentence):
        between = sentence[match.end() : start] if match.end() <= start else (
            sentence[end : match.start()] if opens and match.start() >= end else None)
        if between is not None and len(between) <= _CLAUSE_GAP and not _CLAUSE_BREAK.search(between):
            return True
    return False


def attached_date(sentence: str, published: date | None, anchor: re.Pattern[str]) -> DateGuess | None:
    """The first calendar date of the sentence, not after publication, `attached` to `anchor`,
    or a year naming it ("the 2008 hostage-taking", "a 2017 kidnapping")."""
    found = [g for g in find_dates(sentence, published)
             if g.kind == "explicit" and g.event_date is not None and attached(sentence, g, anchor)]
    for m in _ATTRIBUTIVE_YEAR.finditer(sentence):
        runs = (run.match(sentence, m.end()) for run in _WORD_RUNS)
        named = any(anchor.match(sentence, run.end()) for run in runs if run is not None)
        if named and published is not None and int(m["y"]) <= published.year:
            found.append(DateGuess(date(int(m["y"]), 7, 1), 3, m["y"], m.span("y"), "explicit"))
    return min(found, key=lambda g: g.span or (0, 0)) if found else None


def first_dated_violation(sentences: Sequence[Sentence], published: date | None) -> tuple[DateGuess, int] | None:
    """The first calendar date the article gives a killing, an arrest, an abduction...
    ("was arrested in May 2018"), with the index of its sentence."""
    for sentence in sentences:
        found = attached_date(sentence.text, published, VIOLATION) if VIOLATION.search(sentence.text) else None
        if found is not None:
            return found, sentence.index
    return None


def reports_development(draft: Draft, found: DateGuess | None) -> bool:
    """Whether the lead's sentence reports a later development of an incident (a trial, a
    reaction, a rescue) rather than dating a violation itself: "police shot dead a lawyer on
    Tuesday, and residents demanded justice" dates the shooting."""
    if DEVELOPMENT.search(draft.first.sentence.text) is None:
        return False
    dated = next((f.sentence.text for f in draft.frames if f.date is found), None)
    return dated is None or found is None or not attached(dated, found, VIOLATION_ACT)


def lead_date(draft: Draft, found: DateGuess | None, violation: tuple[DateGuess, int] | None) -> DateGuess | None:
    """The lead's date `found` by reading, or the article's first dated violation when that
    is said before the lead, when the lead states no date of its own (before the dates
    borrowed for it), or when the lead reports a development and is dated only against
    publication ("pleaded guilty on Thursday to the 2012 kidnapping"), at month precision at
    best. A violation dated within the lead's own date (the same month or year, said less
    precisely) is the lead itself."""
    if violation is None or within(violation[0], found):
        return found
    guess, index = violation
    develops = not states_year(found) and reports_development(draft, found)
    if develops or draft.date is None or index < draft.first.sentence.index:
        return replace(guess, time_precision=max(guess.time_precision, 3))
    return found
