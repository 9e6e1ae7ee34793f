"""Date arithmetic and the resolvers of the date table (`lexicon/en/dates.toml` [[rules]]):
each turns a phrase's match, read against the publication date and the incident told just
before, into (date, ACLED time precision), or None when the match is no date after all."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from eventwatch.extract.numbers import to_int
from eventwatch.extract.vocab import load

if TYPE_CHECKING:
    from eventwatch.extract.dates import DateGuess

_LEX = load("dates")
_MONTHS = tuple(m.lower() for m in _LEX["words"]["months"])
_MONTH_NUMBER: dict[str, int] = {name: i for i, name in enumerate(_MONTHS, start=1)} | {
    abbr.lower(): n for abbr, n in _LEX["words"]["month_abbreviations"].items()}
WEEKDAYS = tuple(_LEX["words"]["weekdays"])
# A day and month without a year ("on 12 March") that would be more than about nine months
# before publication names the coming date instead: reports give the year of an older date.
BARE_DATE_DAYS = 270


# --- date arithmetic --------------------------------------------------------------------


def as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def days_of(n: int) -> timedelta:
    return timedelta(days=n)


def _monday(day: date) -> date:
    return day - days_of(day.weekday())


def _middle(first: date, last: date) -> date:
    if last < first:
        first = last
    return first + days_of((last - first).days // 2)


def _weekday_on_or_before(published: date, weekday: int, allow_today: bool = True) -> date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and not allow_today:
        back = 7
    return published - days_of(back)


def _infer_year(published: date, month: int, day: int) -> date | None:
    """The most recent month/day not after publication + 1 day (time zones differ)."""
    limit = published + days_of(1)
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
        if candidate > published + days_of(1):
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


def _month(name: str) -> int:
    return _MONTH_NUMBER[name.rstrip(".").lower()]


def _number(word: str) -> int:
    return to_int(word) or 1


# --- resolvers: match + context -> (date, precision), or None when not a date after all --

Resolved = tuple[date | None, int] | None


@dataclass(frozen=True)
class Context:
    published: date | None
    previous: DateGuess | None


Resolver = Callable[[re.Match[str], Context], Resolved]


def _explicit_day(year: str | None, month: int, day: int, ctx: Context, last_year: bool = False) -> Resolved:
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


def _iso(m: re.Match[str], ctx: Context) -> Resolved:
    return _explicit_day(m["y"], int(m["m"]), int(m["d"]), ctx)


def _numeric(m: re.Match[str], ctx: Context) -> Resolved:
    """ "24.04.2024", "24/04/2024", "on 24.04", "2024/04/24": day first unless only month
    first is a date ("04/24/2024"); of two readings the one nearer before publication."""
    found = m.groupdict()
    if found.get("y2"):
        return _explicit_day(m["y2"], int(m["m2"]), int(m["d2"]), ctx)
    a, b, year = int(m["a"]), int(m["b"]), found.get("y")
    readings = [r for r in (_explicit_day(year, b, a, ctx), _explicit_day(year, a, b, ctx) if a <= 12 else None)
                if r is not None and r[0] is not None]
    if ctx.published is not None:
        pub = ctx.published
        before = [r for r in readings if r[0] is not None and r[0] <= pub + days_of(1)]
        readings = sorted(before, key=lambda r: pub - r[0] if r[0] is not None else days_of(0)) or readings
    return readings[0] if readings else None


def _ordinal_day(m: re.Match[str], ctx: Context) -> Resolved:
    """ "on the 24th": the most recent 24th of a month, not after publication + 1 day."""
    pub, day = ctx.published, int(m["d"])
    if pub is None or not 1 <= day <= 31:
        return None
    month_start = pub.replace(day=1)
    for start in (month_start, (month_start - days_of(1)).replace(day=1)):
        try:
            candidate = start.replace(day=day)
        except ValueError:
            continue
        if candidate <= pub + days_of(1):
            return candidate, 1
    return None


def _named_day(m: re.Match[str], ctx: Context) -> Resolved:
    return _explicit_day(m["y"], _month(m["mon"]), int(m["d"]), ctx, bool(m["last"]))


def _named_month(m: re.Match[str], ctx: Context) -> Resolved:
    year = int(m["y"]) if m["y"] else None
    if m.groupdict().get("last") and ctx.published is not None:
        year = ctx.published.year - 1
    return _mid_month(ctx.published, _month(m["mon"]), year), 3


_SINCE = re.compile(_LEX["guards"]["since"], re.IGNORECASE)


def _past_year(m: re.Match[str], ctx: Context) -> Resolved:
    """ "in 2016" in a later year's article: the middle of that year at ACLED's widest
    precision; the publication year itself ("in 2022") says nothing the publication date
    does not, and stays background (the vague rule reads it), as does a year that starts a
    period ("since the invasion in 2022")."""
    year = int(m["y"])
    if ctx.published is None or year >= ctx.published.year or _SINCE.search(m.string[: m.start()]):
        return None
    return date(year, 7, 1), 3


_HELD = re.compile(_LEX["guards"]["held"], re.IGNORECASE)


def _held_since(m: re.Match[str], ctx: Context) -> Resolved:
    if not _HELD.search(m.string[: m.start()]) or ctx.published is None:
        return None
    year = int(m["y"])
    if m["mon"]:
        return _mid_month(ctx.published, _month(m["mon"]), year), 3
    return (date(year, 7, 1), 3) if year < ctx.published.year else None


def _held_since_day(m: re.Match[str], ctx: Context) -> Resolved:
    """ "detained since 5 August": the detention began then; "arrested since August 5" (a
    period of arrests) dates no incident and stays undated."""
    if not _HELD.search(m.string[: m.start()]):
        return None, 3
    month = _month(m["mon"] or m["mon2"])
    return _explicit_day(m["y"], month, int(m["d"] or m["d2"]), ctx, bool(m["last"]))


def _weekday(m: re.Match[str], ctx: Context) -> Resolved:
    if ctx.published is None:
        return None, 3
    if m["into"]:  # "Friday night into Saturday": the night's first date
        second = _weekday_on_or_before(ctx.published, WEEKDAYS.index(m["into"].lower()))
        return second - days_of(1), 1
    strictly_before = (m["last"] or "").strip() != ""
    weekday = WEEKDAYS.index(m["wd"].lower())
    return _weekday_on_or_before(ctx.published, weekday, allow_today=not strictly_before), 1


def _weekday_last_week(m: re.Match[str], ctx: Context) -> Resolved:
    """ "Tuesday last week": that weekday in the week before the week of publication."""
    if ctx.published is None:
        return None, 3
    return _monday(ctx.published) - days_of(7) + days_of(WEEKDAYS.index(m["wd"].lower())), 1


def _overnight(m: re.Match[str], ctx: Context) -> Resolved:
    """A night, dated by the day it began: "overnight into Tuesday", "overnight on Tuesday",
    "the night of Monday to Tuesday" -> Monday; "the night of Monday" -> Monday; "overnight",
    "last night" -> the day before publication."""
    if ctx.published is None:
        return None, 3
    lead = m["lead"].lower()
    if m["into"]:
        return _weekday_on_or_before(ctx.published, WEEKDAYS.index(m["into"].lower())) - days_of(1), 1
    if m["first"]:
        named = _weekday_on_or_before(ctx.published, WEEKDAYS.index(m["first"].lower()))
        return (named, 1) if "night of" in lead or "night from" in lead else (named - days_of(1), 1)
    if "night of" in lead or "night from" in lead:
        return None
    return ctx.published - days_of(1), 1


def _night_day(m: re.Match[str], ctx: Context) -> Resolved:
    """ "the night of 9-10 June", "overnight on 10 June" -> 9 June; "the night of 9 June" -> 9 June."""
    first = m["d"] if m["d"] else m["d1"]
    found = _explicit_day(m["y"], _month(m["mon"]), int(first), ctx, bool(m["last"]))
    if found is None or found[0] is None or m["d"] or not m[0].lower().startswith("overnight"):
        return found
    return found[0] - days_of(1), found[1]


def _offset(days: int, precision: int) -> Resolver:
    def resolve(m: re.Match[str], ctx: Context) -> Resolved:
        if ctx.published is None:
            return None, 3
        return ctx.published + days_of(days), precision

    return resolve


def _days_ago(m: re.Match[str], ctx: Context) -> Resolved:
    n = _number(m["n"])
    return _offset(-n, 1 if n <= 6 else 2)(m, ctx)


def _weeks_ago(m: re.Match[str], ctx: Context) -> Resolved:
    n = _number(m["n"])
    return _offset(-7 * n, 2 if n <= 2 else 3)(m, ctx)


def _week_span(m: re.Match[str], ctx: Context) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None, 3
    text = m[0].lower()
    if "last week" in text:
        return _monday(pub) - days_of(5), 2  # Wednesday of the previous week
    if "earlier" in text:
        return _middle(_monday(pub), pub - days_of(1)), 2
    return _middle(_monday(pub), pub), 2


def _weekend(m: re.Match[str], ctx: Context) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None, 3
    if pub.weekday() >= 5 and not m[0].lower().startswith("last"):
        return _monday(pub) + days_of(5), 2
    return _monday(pub) - days_of(2), 2


def _month_span(m: re.Match[str], ctx: Context) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None, 3
    text = m[0].lower()
    if "last month" in text:
        last_of_previous = pub.replace(day=1) - days_of(1)
        return last_of_previous.replace(day=15), 3
    if "earlier" in text and pub.day > 1:  # before the publication day
        return min(pub.replace(day=15), pub - days_of(1)), 3
    return min(pub.replace(day=15), pub), 3


def _vague(m: re.Match[str], ctx: Context) -> Resolved:
    return None, 3


def _from_previous(days: int, precision: int = 1) -> Resolver:
    def resolve(m: re.Match[str], ctx: Context) -> Resolved:
        prev = ctx.previous
        if prev is None or prev.event_date is None:
            return None, 3
        return prev.event_date + days_of(days), max(prev.time_precision, precision)

    return resolve


def _days_from_previous(m: re.Match[str], ctx: Context) -> Resolved:
    sign = -1 if _direction(m) in ("earlier", "before", "previous") else 1
    return _from_previous(sign * _number(m["n"]))(m, ctx)


def _week_from_previous(m: re.Match[str], ctx: Context) -> Resolved:
    sign = -1 if _direction(m) in ("earlier", "previous") else 1
    return _from_previous(7 * sign, 2)(m, ctx)


def _direction(m: re.Match[str]) -> str:
    return str(m["dir"] or m["dir2"]).lower()


def _vague_days(m: re.Match[str], ctx: Context) -> Resolved:
    """'days earlier' / 'days later': about three days from the previous event."""
    sign = -1 if _direction(m) == "earlier" else 1
    found = _from_previous(3 * sign, 2)(m, ctx)
    if found is not None and found[0] is None and sign < 0:
        return _offset(-3, 2)(m, ctx)
    return found


RESOLVERS: dict[str, Resolver] = {
    "iso": _iso, "numeric": _numeric, "ordinal_day": _ordinal_day, "named_day": _named_day,
    "named_month": _named_month, "night_day": _night_day,
    "past_year": _past_year, "held_since": _held_since,
    "held_since_day": _held_since_day, "weekday": _weekday, "weekday_last_week": _weekday_last_week,
    "overnight": _overnight,
    "days_ago": _days_ago, "weeks_ago": _weeks_ago, "week_span": _week_span, "weekend": _weekend,
    "month_span": _month_span, "days_from_previous": _days_from_previous,
    "week_from_previous": _week_from_previous, "vague_days": _vague_days, "vague": _vague,
}
FACTORIES: dict[str, Callable[[int, int], Resolver]] = {"offset": _offset, "from_previous": _from_previous}
