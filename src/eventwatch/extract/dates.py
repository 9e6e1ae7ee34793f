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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

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
# A day and month without a year ("on 12 March") that would be more than about nine months
# before publication names the coming date instead: reports give the year of an older date.
BARE_DATE_DAYS = 270


def publication_fallback(published: date | None) -> DateGuess:
    """The publication date at week precision, for an article's otherwise undated lead event."""
    if published is None:
        return NO_DATE
    return DateGuess(_as_date(published), 2, None, None, "publication")


# --- vocabulary -------------------------------------------------------------------------

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12}
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS, start=1)} | _MONTH_ABBR
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# Month names are matched case-sensitively ("May" the month, not "may" the verb).
_FULL_MONTH = "(?:" + "|".join(m.capitalize() for m in _MONTHS) + ")"
_MONTH = "(?:" + _FULL_MONTH + r"|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b\.?)"
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
# "the day before" is anaphoric only when nothing follows it ("the day before the vote" is not).
_END = r"(?=\s*(?:[,.;:!?)\]\u2013\u2014-]|$))"
_ON = r"(?:\b(?i:on)\s+)?"
# The year after a day or month: "3 May 2017", "May 3, 2017", "3 May last year".
_YEAR_AFTER = r"(?:,?\s+(?P<y>\d{4})\b|\s+(?P<last>last\s+year)\b)?"


# --- date arithmetic --------------------------------------------------------------------

def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _monday(day: date) -> date:
    return day - _days(day.weekday())


def _middle(first: date, last: date) -> date:
    if last < first:
        first = last
    return first + _days((last - first).days // 2)


def _weekday_on_or_before(published: date, weekday: int, allow_today: bool = True) -> date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and not allow_today:
        back = 7
    return published - _days(back)


def _infer_year(published: date, month: int, day: int) -> date | None:
    """The most recent month/day not after publication + 1 day (time zones differ)."""
    limit = published + _days(1)
    for year in range(limit.year, limit.year - 9, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= limit:
            return candidate
    return None


def _coming(published: date, month: int, day: int) -> date | None:
    """The first month/day after publication + 1 day (29 February: within four years)."""
    for year in range(published.year, published.year + 5):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate > published + _days(1):
            return candidate
    return None


def _mid_month(published: date | None, month: int, year: int | None) -> date | None:
    if year is None:
        if published is None:
            return None
        year = published.year if month <= published.month else published.year - 1
    middle = date(year, month, 15)
    if published is not None and (year, month) == (published.year, published.month):
        return min(middle, published)
    return middle


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word.lower()]


# --- resolvers: match + context -> (date, precision), or None when not a date after all --

Resolved = tuple[date | None, int] | None


@dataclass(frozen=True)
class _Context:
    published: date | None
    previous: DateGuess | None


Resolver = Callable[[re.Match[str], _Context], Resolved]


def _explicit_day(year: str | None, month: int, day: int, ctx: _Context, last_year: bool = False) -> Resolved:
    if last_year and ctx.published is not None:
        year = str(ctx.published.year - 1)
    if year is not None:
        try:
            return date(int(year), month, day), 1
        except ValueError:
            return None
    if not 1 <= day <= 31:
        return None
    if ctx.published is None:
        return None, 3
    found = _infer_year(ctx.published, month, day)
    if found is not None and (ctx.published - found).days > BARE_DATE_DAYS:
        return _coming(ctx.published, month, day), 1  # read as the future
    return None if found is None else (found, 1)


def _iso(m: re.Match[str], ctx: _Context) -> Resolved:
    return _explicit_day(m["y"], int(m["m"]), int(m["d"]), ctx)


def _named_day(m: re.Match[str], ctx: _Context) -> Resolved:
    return _explicit_day(m["y"], _MONTH_NUMBER[m["mon"].rstrip(".").lower()], int(m["d"]), ctx, bool(m["last"]))


def _named_month(m: re.Match[str], ctx: _Context) -> Resolved:
    year = int(m["y"]) if m["y"] else None
    if m.groupdict().get("last") and ctx.published is not None:
        year = ctx.published.year - 1
    return _mid_month(ctx.published, _MONTH_NUMBER[m["mon"].lower()], year), 3


# "since the start of the invasion in 2022": the year dates the start of a period, not an incident;
# "since his arrest in 2019" dates what happened to someone, and is read.
_SINCE = re.compile(r"\bsince\b(?!\s+(?:his|her|their)\s)[^,;.]{0,80}$", re.IGNORECASE)


def _past_year(m: re.Match[str], ctx: _Context) -> Resolved:
    """ "in 2016" in a later year's article: the middle of that year at ACLED's widest
    precision; the publication year itself ("in 2022") says nothing the publication date
    does not, and stays background (the vague rule reads it), as does a year that starts a
    period ("since the invasion in 2022")."""
    year = int(m["y"])
    if ctx.published is None or year >= ctx.published.year or _SINCE.search(m.string[: m.start()]):
        return None
    return date(year, 7, 1), 3


# Held since a date: the detention began then ("has been detained since 2016", "in custody since
# March 2019"); any other "since" starts a period and stays background.
_HELD = re.compile(r"\b(?:detained|held|jailed|imprisoned|incarcerated|in\s+(?:custody|detention|jail|prison)|"
                   r"behind\s+bars|missing)\b[^,;.]{0,40}$", re.IGNORECASE)


def _held_since(m: re.Match[str], ctx: _Context) -> Resolved:
    if not _HELD.search(m.string[: m.start()]) or ctx.published is None:
        return None
    year = int(m["y"])
    if m["mon"]:
        return _mid_month(ctx.published, _MONTH_NUMBER[m["mon"].lower()], year), 3
    return (date(year, 7, 1), 3) if year < ctx.published.year else None


def _weekday(m: re.Match[str], ctx: _Context) -> Resolved:
    if ctx.published is None:
        return None, 3
    if m["into"]:  # "Friday night into Saturday": the night's first date
        second = _weekday_on_or_before(ctx.published, _WEEKDAYS.index(m["into"].lower()))
        return second - _days(1), 1
    strictly_before = (m["last"] or "").strip() != ""
    weekday = _WEEKDAYS.index(m["wd"].lower())
    return _weekday_on_or_before(ctx.published, weekday, allow_today=not strictly_before), 1


def _overnight(m: re.Match[str], ctx: _Context) -> Resolved:
    if ctx.published is None:
        return None, 3
    if m["into"]:
        second = _weekday_on_or_before(ctx.published, _WEEKDAYS.index(m["into"].lower()))
        return second - _days(1), 1
    return ctx.published - _days(1), 1


def _offset(days: int, precision: int) -> Resolver:
    def resolve(m: re.Match[str], ctx: _Context) -> Resolved:
        if ctx.published is None:
            return None, 3
        return ctx.published + _days(days), precision

    return resolve


def _days_ago(m: re.Match[str], ctx: _Context) -> Resolved:
    n = _number(m["n"])
    return _offset(-n, 1 if n <= 6 else 2)(m, ctx)


def _weeks_ago(m: re.Match[str], ctx: _Context) -> Resolved:
    n = _number(m["n"])
    return _offset(-7 * n, 2 if n <= 2 else 3)(m, ctx)


def _week_span(m: re.Match[str], ctx: _Context) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None, 3
    text = m[0].lower()
    if "last week" in text:
        return _monday(pub) - _days(5), 2  # Wednesday of the previous week
    if "earlier" in text:
        return _middle(_monday(pub), pub - _days(1)), 2
    return _middle(_monday(pub), pub), 2


def _weekend(m: re.Match[str], ctx: _Context) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None, 3
    if pub.weekday() >= 5 and not m[0].lower().startswith("last"):
        return _monday(pub) + _days(5), 2
    return _monday(pub) - _days(2), 2


def _month_span(m: re.Match[str], ctx: _Context) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None, 3
    if "last month" in m[0].lower():
        last_of_previous = pub.replace(day=1) - _days(1)
        return last_of_previous.replace(day=15), 3
    return min(pub.replace(day=15), pub), 3


def _vague(m: re.Match[str], ctx: _Context) -> Resolved:
    return None, 3


def _from_previous(days: int, precision: int = 1) -> Resolver:
    def resolve(m: re.Match[str], ctx: _Context) -> Resolved:
        prev = ctx.previous
        if prev is None or prev.event_date is None:
            return None, 3
        return prev.event_date + _days(days), max(prev.time_precision, precision)

    return resolve


def _days_from_previous(m: re.Match[str], ctx: _Context) -> Resolved:
    sign = -1 if _direction(m) in ("earlier", "before", "previous") else 1
    return _from_previous(sign * _number(m["n"]))(m, ctx)


def _week_from_previous(m: re.Match[str], ctx: _Context) -> Resolved:
    sign = -1 if _direction(m) in ("earlier", "previous") else 1
    return _from_previous(7 * sign, 2)(m, ctx)


def _direction(m: re.Match[str]) -> str:
    return str(m["dir"] or m["dir2"]).lower()


def _vague_days(m: re.Match[str], ctx: _Context) -> Resolved:
    """'days earlier' / 'days later': about three days from the previous event."""
    sign = -1 if _direction(m) == "earlier" else 1
    found = _from_previous(3 * sign, 2)(m, ctx)
    if found is not None and found[0] is None and sign < 0:
        return _offset(-3, 2)(m, ctx)
    return found


# --- the pattern table ------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    kind: DateKind
    pattern: re.Pattern[str]
    resolve: Resolver


def _rule(kind: DateKind, pattern: str, resolve: Resolver, ignore_case: bool = True) -> _Rule:
    flags = re.IGNORECASE if ignore_case else 0
    return _Rule(kind, re.compile(pattern, flags), resolve)


_RULES: tuple[_Rule, ...] = (
    # explicit calendar dates (month names case-sensitive)
    _rule("explicit", _ON + r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", _iso),
    _rule("explicit", _ON + rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})"
          + _YEAR_AFTER, _named_day, ignore_case=False),
    _rule("explicit", _ON + rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
          + _YEAR_AFTER, _named_day, ignore_case=False),
    _rule("explicit", r"\b(?i:(?:in|during)\s+(?:(?:early|late|mid)[-\s])?|(?:early|late|mid)[-\s])"
          rf"(?P<mon>{_FULL_MONTH})\b" + _YEAR_AFTER.replace(",?", ""), _named_month, ignore_case=False),
    _rule("explicit", rf"\b(?P<mon>{_FULL_MONTH})\s+(?P<y>(?:19|20)\d{{2}})\b", _named_month, ignore_case=False),
    _rule("explicit", r"\b(?:in|during)\s+(?:(?:early|late|mid)[-\s])?(?P<y>(?:19|20)\d{2})\b(?!\s*[-–/]\s*\d)",
          _past_year),
    _rule("explicit", rf"\bsince\s+(?:(?P<mon>{_FULL_MONTH})\s+)?(?P<y>(?:19|20)\d{{2}})\b", _held_since,
          ignore_case=False),
    # weekdays and nights
    _rule("relative", rf"\b(?:(?:late|early)\s+(?:on\s+)?|on\s+|(?P<last>last\s+))?(?P<wd>{_WEEKDAY})\b"
          rf"(?:\s+{_PART_OF_DAY})?(?:\s+into\s+(?P<into>{_WEEKDAY})\b)?", _weekday),
    _rule("relative", rf"\b(?:last\s+night|overnight)\b(?:\s+(?:into|on)\s+(?P<into>{_WEEKDAY})\b)?",
          _overnight),
    _rule("relative", r"\bthe\s+day\s+before\s+yesterday\b", _offset(-2, 1)),
    _rule("relative", rf"\byesterday\b(?:\s+{_PART_OF_DAY})?", _offset(-1, 1)),
    _rule("relative", rf"\b(?:earlier\s+)?(?:today|this\s+{_PART_OF_DAY})\b", _offset(0, 1)),
    _rule("relative", rf"\b(?P<n>{_NUM})\s+days?\s+ago\b", _days_ago),
    # weeks
    _rule("relative", r"\b(?:earlier\s+this|this|last)\s+week\b", _week_span),
    _rule("relative", r"\b(?:over|at|during|last|this)\s+(?:the\s+)?weekend\b", _weekend),
    _rule("relative", r"\b(?:(?:in|over|during)\s+(?:recent\s+days|the\s+(?:past|last)\s+"
          r"(?:few\s+|several\s+)?(?:days|week))|(?:a\s+few|several|some)\s+days\s+ago)\b", _offset(-3, 2)),
    _rule("relative", rf"\b(?P<n>{_NUM})\s+weeks?\s+ago\b", _weeks_ago),
    # months
    _rule("relative", r"\b(?:last|(?:earlier\s+)?this)\s+month\b", _month_span),
    _rule("relative", r"\b(?:in|over|during)\s+(?:recent\s+|the\s+(?:past|last)\s+(?:few\s+|several\s+)?)"
          r"weeks\b", _offset(-14, 3)),
    _rule("relative", r"\b(?:a|one)\s+month\s+ago\b", _offset(-30, 3)),
    # anaphora: relative to the event mentioned just before
    _rule("anaphoric", rf"\b(?P<n>{_NUM})\s+days?\s+"
          rf"(?:(?P<dir>earlier|later)\b|(?P<dir2>before|after){_END})", _days_from_previous),
    _rule("anaphoric", rf"\bthe\s+(?:(?:day|night)\s+before{_END}|(?:previous|preceding)\s+(?:day|night)\b"
          r"|day\s+prior\b)", _from_previous(-1)),
    _rule("anaphoric", rf"\bthe\s+(?:(?:next|following)\s+(?:day|morning)\b|day\s+after{_END})",
          _from_previous(1)),
    _rule("anaphoric", rf"\b(?:(?:hours|minutes|moments)\s+(?:later|earlier|afterwards?)"
          rf"|(?:later|earlier)\s+(?:that|the\s+same)\s+(?:day|{_PART_OF_DAY})|(?:on\s+)?(?:that|the)\s+same\s+"
          rf"(?:day|{_PART_OF_DAY})|at\s+the\s+same\s+time|that\s+{_PART_OF_DAY}"
          rf"|(?:shortly|soon)\s+afterwards?{_END})\b", _from_previous(0)),
    _rule("anaphoric", r"\b(?:a\s+week\s+(?P<dir>earlier|later)|the\s+(?P<dir2>previous|following)\s+week)\b",
          _week_from_previous),
    _rule("anaphoric", r"\bdays\s+(?P<dir>earlier|later)(?P<dir2>)\b", _vague_days),
    # undatable background and the future
    _rule("vague", r"\b(?:recently|in\s+recent\s+(?:months|years)|(?:for|in)\s+(?:months|years)"
          r"|(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:months|years?)"
          r"|(?:last|(?:earlier\s+)?this)\s+year|in\s+\d{4})\b", _vague),
    _rule("vague", r"\bsince\s+(?:\d{4}|(?:early\s+|late\s+|mid-)?" + _FULL_MONTH.lower() + r"(?:\s+\d{4})?"
          r"|the\s+(?:start|beginning|outbreak)\s+of\s+(?:the\s+)?\w+)\b", _vague),
    _rule("vague", rf"\b(?:(?:more|less)\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|some\s+)?"
          rf"(?:{_NUM}\s+(?:months|years)|(?:a|one)\s+year)\s+ago\b", _vague),
    _rule("vague", r"\b(?:more\s+than|over)\s+a\s+month\s+ago\b", _vague),
    _rule("vague", rf"\b(?:tomorrow|next\s+(?:week|weekend|month|year|{_WEEKDAY})|this\s+coming\s+{_WEEKDAY}"
          r"|later\s+this\s+(?:week|month|year)|in\s+the\s+coming\s+(?:days|weeks|months))\b", _vague),
)


# --- choosing the sentence's date -------------------------------------------------------

_KIND_ORDER = {"explicit": 0, "relative": 1, "anaphoric": 2}


def _candidates(sentence: str, ctx: _Context) -> list[DateGuess]:
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
    if kind == "vague" or (day is not None and published is not None and day > published + _days(1)):
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
    ctx = _Context(_as_date(published) if published is not None else None, previous)
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

