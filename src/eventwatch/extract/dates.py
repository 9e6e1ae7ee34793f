"""The event date of one sentence, resolved against the article's publication date.

Every date phrase in the sentence is found by a small table of patterns, resolved to
a date and an ACLED time precision (1 day, 2 week, 3 month), and the most precise one
wins. Phrases are parsed here rather than by dateparser: dateparser cannot resolve
anaphora ("a day earlier"), week spans ("earlier this week") or the year of a bare
"28 August" by the "not after publication + 1 day" rule, and its `search_dates` turns
ordinary words into dates. An event that cannot be dated is returned undated
(`event_date=None`, precision 3), never invented at day precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from eventwatch.extract.date_resolvers import FACTORIES, RESOLVERS, WEEKDAYS, Context, Resolver, as_date, days_of
from eventwatch.extract.numbers import SPELLED
from eventwatch.extract.vocab import alternation, expand, load

DateKind = Literal["explicit", "relative", "anaphoric", "publication", "vague", "none"]


@dataclass(frozen=True)
class DateGuess:
    event_date: date | None
    time_precision: int  # 1 day, 2 week, 3 month (ACLED)
    phrase: str | None  # the date phrase as written
    span: tuple[int, int] | None  # character offsets of the phrase in the sentence
    kind: DateKind

    @property
    def undated(self) -> bool:
        return self.event_date is None


NO_DATE = DateGuess(None, 3, None, None, "none")


def publication_fallback(published: date | None) -> DateGuess:
    """The publication date at week precision, for an article's otherwise undated lead event."""
    if published is None:
        return NO_DATE
    return DateGuess(as_date(published), 2, None, None, "publication")


# --- vocabulary (lexicon/en/dates.toml) ------------------------------------------------

_LEX = load("dates")


def _fragments() -> dict[str, str]:
    """The regex pieces rules use: built from the word lists, then the file's own fragments,
    each expanded with those before it."""
    full_month = alternation(_LEX["words"]["months"])
    abbreviations = alternation(list(_LEX["words"]["month_abbreviations"]))
    found = {
        "full_month": full_month,
        "month": rf"(?:{full_month}|{abbreviations}\b\.?)",
        "weekday": alternation(WEEKDAYS),
        "part_of_day": alternation(_LEX["words"]["parts_of_day"]),
        "num": rf"(?:an?|{SPELLED}|\d{{1,3}})",
    }
    for name, pattern in _LEX["fragments"].items():
        found[name] = expand(pattern, found)
    return found


_FRAGMENTS = _fragments()
_MONTH = _FRAGMENTS["month"]
_FULL_MONTH = _FRAGMENTS["full_month"]


# --- the pattern table (lexicon/en/dates.toml [[rules]]) ---------------------------------


@dataclass(frozen=True)
class _Rule:
    kind: DateKind
    pattern: re.Pattern[str]
    resolve: Resolver


def _rule(entry: dict[str, Any]) -> _Rule:
    name = entry["resolve"]
    if name in FACTORIES:
        resolve = FACTORIES[name](int(entry["days"]), int(entry["precision"]))
    elif name in RESOLVERS:
        resolve = RESOLVERS[name]
    else:
        raise ValueError(f"unknown date resolver in lexicon: {name!r}")
    flags = 0 if entry.get("case") == "sensitive" else re.IGNORECASE
    return _Rule(entry["kind"], re.compile(expand(entry["pattern"], _FRAGMENTS), flags), resolve)


_RULES: tuple[_Rule, ...] = tuple(_rule(entry) for entry in _LEX["rules"])


# --- choosing the sentence's date -------------------------------------------------------

_KIND_ORDER = {"explicit": 0, "relative": 1, "anaphoric": 2}


def _candidates(sentence: str, ctx: Context) -> list[DateGuess]:
    found: list[DateGuess] = []
    for rule in _RULES:
        for m in rule.pattern.finditer(sentence):
            resolved = rule.resolve(m, ctx)
            if resolved is not None:
                found.append(_guess(rule.kind, m, resolved, ctx.published))
    return found


def _guess(
    kind: DateKind, m: re.Match[str], resolved: tuple[date | None, int], published: date | None
) -> DateGuess:
    day, precision = resolved
    if kind == "vague" or (day is not None and published is not None and day > published + days_of(1)):
        return DateGuess(None, 3, m[0], m.span(), "vague")  # background or future: never an event date
    return DateGuess(day, precision if day is not None else 3, m[0], m.span(), kind)


def _outermost(found: list[DateGuess]) -> list[DateGuess]:
    """Drop a phrase inside a longer one ("Saturday" inside "overnight into Saturday")."""

    def inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return b[0] <= a[0] and a[1] <= b[1] and (b[1] - b[0]) > (a[1] - a[0])

    spans = [g.span for g in found if g.span is not None]
    kept = [g for g in found if g.span is not None and not any(inside(g.span, s) for s in spans)]
    unique: dict[tuple[int, int], DateGuess] = {}
    for g in kept:
        assert g.span is not None
        unique.setdefault(g.span, g)
    return sorted(unique.values(), key=lambda g: g.span or (0, 0))


def _rank(guess: DateGuess) -> tuple[int, int]:
    start = guess.span[0] if guess.span else 0
    if guess.kind == "vague":
        return 90, start
    if guess.event_date is None:
        return 80, start
    return guess.time_precision * 10 + _KIND_ORDER.get(guess.kind, 5), start


def find_dates(sentence: str, published: date | None, previous: DateGuess | None = None) -> list[DateGuess]:
    """Every date phrase of the sentence, resolved, in reading order."""
    ctx = Context(as_date(published) if published is not None else None, previous)
    return _outermost(_candidates(sentence, ctx))


def date_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence names a date, resolved or not ("on March 30", "2019", "two days
    ago"): a number inside one is a day or a year, never a count."""
    return [m.span() for rule in _RULES for m in rule.pattern.finditer(sentence)]


_NAMES_MONTH = re.compile(_MONTH + r"|\d{4}-\d{2}-\d{2}")


def names_month(guess: DateGuess) -> bool:
    """Whether the guess is an explicit calendar date that names its month ("14 March 2017",
    "in May 2018", "2017-03-14"), not a bare year ("in 2022")."""
    return guess.kind == "explicit" and guess.event_date is not None and bool(_NAMES_MONTH.search(guess.phrase or ""))


def find_date(sentence: str, published: date | None, previous: DateGuess | None = None) -> DateGuess:
    """The event date of one sentence: the most precise date phrase, else `NO_DATE`."""
    found = find_dates(sentence, published, previous)
    return min(found, key=_rank) if found else NO_DATE

