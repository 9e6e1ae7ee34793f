"""Fatalities and injuries under ACLED's rules: only figures tied to killing or wounding,
and to people, count ("40 firefighters rushed to the scene", "30 drones killed two" -> 2);
the day of a date is never a count ("on March 30 had killed seven" -> 7); vague words map
to ACLED's conventions (several -> 3, dozens -> 12) through `numbers.to_int`. Vocabulary:
`lexicon/en/casualties.toml`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from eventwatch.extract.dates import date_spans
from eventwatch.extract.numbers import NUMBER, to_int
from eventwatch.extract.vocab import alternation, load

_LEX = load("casualties")
_PEOPLE = rf"(?:{alternation(_LEX['people'])}|{_LEX['agent_noun']})"
_WHO = rf"(?:\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\b)?"
_FILLER = rf"(?:{alternation(_LEX['fillers'])}|\w+ly)"
_OWNER = alternation(_LEX["owners"])
_HEDGE = rf"(?:{alternation(_LEX['hedges'])}\s+)?"
# Largest figure read as a casualty count: beyond it, a number is a year, a sum or a size.
_MAX_FIGURE = 100_000


def _patterns(verbs: str, nouns: str) -> tuple[re.Pattern[str], ...]:
    """'killing 6 people', '6 people were killed', 'the death toll rose to 6', '6 deaths'."""
    return (
        re.compile(rf"\b(?:{verbs})\s+(?:{_OWNER}\s+)?{_HEDGE}(?P<n>{NUMBER}){_WHO}", re.I),
        re.compile(rf"\b{_HEDGE}(?P<n>{NUMBER}){_WHO}(?:,?\s+{_FILLER})*\s+(?:{verbs})\b", re.I),
        re.compile(rf"\b(?:{nouns})\s+(?:[\w-]+\s+){{0,30}}?(?:has |had )?"
                   r"(?:rose|risen|climbed|reached|stands at|stood at|of|is|was|to)\s+"
                   rf"(?:to\s+)?{_HEDGE}(?P<n>{NUMBER})\b", re.I),
        re.compile(rf"\b{_HEDGE}(?P<n>{NUMBER})\s+(?:people\s+)?(?:{nouns})\b", re.I),
    )


_DEATH = _patterns(alternation(_LEX["death"]["verbs"]), alternation(_LEX["death"]["nouns"]))
_INJURY = _patterns(alternation(_LEX["injury"]["verbs"]), alternation(_LEX["injury"]["nouns"]))
_NONE_KILLED = re.compile("|".join(_LEX["none"]["patterns"]), re.I)


@dataclass(frozen=True)
class Casualties:
    fatalities: int | None  # None when the sentence says nothing about deaths
    injuries: int | None
    span: tuple[int, int] | None


def _in_date(span: tuple[int, int], dates: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in dates)


def _figure(
    patterns: tuple[re.Pattern[str], ...], sentence: str, dates: Callable[[], list[tuple[int, int]]]
) -> tuple[int, tuple[int, int]] | None:
    best: tuple[int, tuple[int, int]] | None = None
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            value = to_int(match.group("n"))
            if value is None or value > _MAX_FIGURE or _in_date(match.span("n"), dates()):
                continue
            if best is None or match.start() < best[1][0]:
                best = (value, (match.start(), match.end()))
    return best


def find_casualties(sentence: str) -> Casualties:
    none = _NONE_KILLED.search(sentence)
    if none is not None:
        return Casualties(0, 0, (none.start(), none.end()))
    dates = cache(lambda: date_spans(sentence))  # found only when a figure needs checking
    death = _figure(_DEATH, sentence, dates)
    injury = _figure(_INJURY, sentence, dates)
    span = death[1] if death else (injury[1] if injury else None)
    return Casualties(death[0] if death else None, injury[0] if injury else None, span)
