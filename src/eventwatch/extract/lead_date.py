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

from eventwatch.extract.cues import DEVELOPMENT, VIOLATION, VIOLATION_ACT, incident_text
from eventwatch.extract.dates import DateGuess, find_date, find_dates, names_month
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
_REFERS_BACK = re.compile(_LEX["refers_back"], re.IGNORECASE)
# up to two words between the year and what it dates ("the 2012 political murder case")
_WORD_RUNS = tuple(re.compile(rf"(?<![\w-])(?:[\w-]+\s+){{{n}}}") for n in range(3))  # from a word's start
# How far around an undated lead a date is looked for (sentences before it in its paragraph,
# and after it).
NEARBY_SENTENCES = 3
# A sentence next to the lead that says little but a day ("Sumy region, 3 July.", "The strike
# came on Wednesday afternoon.") dates the lead to that day: at most this many
# words besides the date phrase. Chosen from the bulletin lines in
# tests/extract/test_dates_articles.py ("Sumy region, 3 July." 2 words; "Russia launched 24
# drones overnight; 19 were downed." 5) against tests/extract/test_hrd_articles.py ("On 12 May a
# magistrate in Bulawayo refused bail for two striking nurses." 9 words: a report of its own).
DATE_LINE_WORDS = 6
_DETERMINER_BEFORE = re.compile(r"\b(?:the|an?|its|his|her|their)\s*$", re.IGNORECASE)
# A statement reports an incident of at most this many days before it ("said on Monday").
_STATEMENT_DAYS = 7
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


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


def _publication_day(published: date | None) -> DateGuess | None:
    return None if published is None else DateGuess(published, 1, None, None, "publication")


def _tells_the_day(text: str, found: DateGuess) -> bool:
    """Whether a sentence next to an incident gives that incident's day: it says little but
    the day, or it opens by naming the incident ("The strikes came at about 1:30 a.m.")."""
    if found.event_date is None or found.time_precision != 1:
        return False
    return _date_line(text, found) or (found.kind != "vague" and _REFERS_BACK.match(text) is not None)


def _date_line(text: str, found: DateGuess) -> bool:
    """Whether the sentence says little but a day: a bulletin's date line or "it happened on
    Tuesday" (not "the deadliest attack this month")."""
    if found.span is None or found.event_date is None or found.time_precision != 1 or found.kind not in (
            "explicit", "relative"):
        return False
    if _DETERMINER_BEFORE.search(text[: found.span[0]]):
        return False  # a date naming an incident: "The 14 March 2017 case of a blogger"
    rest = text[: found.span[0]] + " " + text[found.span[1] :]
    return len(_WORD.findall(rest)) <= DATE_LINE_WORDS


def _lede_of_title(sentences: Sequence[Sentence], first: Sentence, last: int, sentence: Sentence,
                   found: DateGuess) -> bool:
    """Whether the lead is the article's title alone and `sentence`, just after it, the lede
    that tells the same incident with its date ("Drones hit refinery" / "Drones struck the
    refinery in Novoshakhtinsk on 11 May, a source said.")."""
    title = first.index == last == 0 and all(s.paragraph != first.paragraph for s in sentences[1:2])
    return title and sentence.index == 1 and found.kind in ("explicit", "relative") and found.event_date is not None


def _told_before(sentence: Sentence, first: Sentence, found: DateGuess) -> bool:
    """Whether `sentence`, just before the lead in its paragraph, tells the day the narrative
    goes on from ("Russia launched 24 drones at Odesa overnight. Air defences shot down 19.";
    "On 12 May a magistrate refused bail. Police then detained the union leader at the exit.")."""
    return (sentence.index == first.index - 1 and sentence.paragraph == first.paragraph
            and found.time_precision == 1 and found.kind in ("explicit", "relative") and found.event_date is not None)


def nearby_date(sentences: Sequence[Sentence], first: Sentence, last: int,
                published: date | None) -> DateGuess | None:
    """A date said around an undated lead incident, at the day's own precision: in the
    sentence just before it in its paragraph, in a date line or a title just before it, or
    just after it when that sentence says little else, names the incident or is the lede of a
    title that is the lead ("Sumy region, 3 July. Velyka Pysarivka was shelled in the
    morning."); else a calendar date said before it in its paragraph or in the sentences just
    after it, at most month precision."""
    before = [s for s in sentences[max(0, first.index - NEARBY_SENTENCES) : first.index]
              if s.paragraph == first.paragraph or s.index == first.index - 1]
    for sentence in [*reversed(before), *sentences[last + 1 : last + 1 + NEARBY_SENTENCES]]:
        text = incident_text(sentence.text)
        found = find_date(text, published, _publication_day(published))
        if sentence.index in (first.index - 1, last + 1) and (
                _tells_the_day(text, found) or _lede_of_title(sentences, first, last, sentence, found)
                or _told_before(sentence, first, found)):
            return found
        if sentence.paragraph != first.paragraph and sentence.index < first.index:
            continue  # a title's own date, said of something else
        if found.kind == "explicit" and found.event_date is not None:
            return replace(found, time_precision=max(found.time_precision, 3))
    return None


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


def said_day(draft: Draft, found: DateGuess | None, sentences: Sequence[Sentence],
             published: date | None) -> DateGuess | None:
    """A lead dated only by its statement ("..., medics said on Monday", week precision) takes
    the day a sentence next to it gives the incident ("The shelling on Sunday also damaged
    the hospital.", "The strikes came at about 1:30 a.m."), when that day is in the week
    before the statement."""
    if found is None or found.event_date is None or found.time_precision != 2 or found.phrase is None:
        return found
    if find_date(found.phrase, published).time_precision != 1:
        return found  # a week or a day told from a week: no statement's day
    said = replace(found, time_precision=1)
    first, last = draft.first.sentence.index, draft.frames[-1].sentence.index
    for sentence in (s for s in sentences if s.index in (last + 1, first - 1)):
        text = incident_text(sentence.text)
        told = find_date(text, published, said)
        if _tells_the_day(text, told) and told.event_date is not None and (
                0 <= (found.event_date - told.event_date).days <= _STATEMENT_DAYS):
            return told
    return found


def lead_date(draft: Draft, found: DateGuess | None, violation: tuple[DateGuess, int] | None,
              sentences: Sequence[Sentence] = (), published: date | None = None) -> DateGuess | None:
    """The lead's date `found` by reading, or the article's first dated violation when that
    is said before the lead, when the lead states no date of its own (before the dates
    borrowed for it), or when the lead reports a development and is dated only against
    publication ("pleaded guilty on Thursday to the 2012 kidnapping"), at month precision at
    best. A violation dated within the lead's own date (the same month or year, said less
    precisely) is the lead itself. A lead dated only by its statement first takes the day a
    sentence next to it gives (`said_day`)."""
    found = said_day(draft, found, sentences, published)
    if violation is None or within(violation[0], found):
        return found
    guess, index = violation
    develops = not states_year(found) and reports_development(draft, found)
    if develops or draft.date is None or index < draft.first.sentence.index:
        return replace(guess, time_precision=max(guess.time_precision, 3))
    return found
