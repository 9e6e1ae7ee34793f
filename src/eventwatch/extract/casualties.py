"""Fatalities and injuries under ACLED's rules: only figures tied to killing or wounding
count ("40 firefighters rushed to the scene" is no casualty); vague words map to ACLED's
conventions (several -> 3, dozens -> 12)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwatch.extract.numbers import NUMBER, to_int

_WHO = r"(?:\s+(?:[\w-]+\s+){0,2}?(?:people|persons?|civilians?|residents?|soldiers?|servicemen|troops|fighters|"
_WHO += r"militants?|children|women|men|police(?:men)?|officers?|workers|villagers|protesters|demonstrators|others))?"
_HEDGE = r"(?:at least\s+|more than\s+|over\s+|nearly\s+|about\s+|around\s+|up to\s+|some\s+)?"


def _patterns(verbs: str, nouns: str) -> tuple[re.Pattern[str], ...]:
    """'killing 6 people', '6 people were killed', 'the death toll rose to 6', '6 deaths'."""
    return (
        re.compile(rf"\b(?:{verbs})\s+{_HEDGE}(?P<n>{NUMBER}){_WHO}", re.I),
        re.compile(rf"\b{_HEDGE}(?P<n>{NUMBER}){_WHO}\s+(?:(?!and\b|or\b)\w+\s+){{0,2}}?"
                   rf"(?:were|was|have been|had been|are|been)?\s*(?:reported\s+)?(?:{verbs})\b", re.I),
        re.compile(rf"\b(?:{nouns})\s+(?:[\w-]+\s+){{0,30}}?(?:has |had )?"
                   r"(?:rose|risen|climbed|reached|stands at|stood at|of|is|was|to)\s+"
                   rf"(?:to\s+)?{_HEDGE}(?P<n>{NUMBER})\b", re.I),
        re.compile(rf"\b{_HEDGE}(?P<n>{NUMBER})\s+(?:people\s+)?(?:{nouns})\b", re.I),
    )


_DEATH = _patterns(
    "killing|killed|kills|kill|dead|died|slain", "death toll|deaths|fatalities|dead|number of (?:people|those) killed"
)
_INJURY = _patterns("injuring|injured|wounding|wounded|hurt|hospitali[sz]ed", "injuries|wounded|injured")
_NONE_KILLED = re.compile(
    r"\bno(?:\s+one|body)?\s+(?:was|were)\s+(?:killed|hurt|injured)|\bno (?:casualties|deaths|fatalities|victims)"
    r"|\bwithout casualties",
    re.I,
)


@dataclass(frozen=True)
class Casualties:
    fatalities: int | None  # None when the sentence says nothing about deaths
    injuries: int | None
    span: tuple[int, int] | None


def _figure(patterns: tuple[re.Pattern[str], ...], sentence: str) -> tuple[int, tuple[int, int]] | None:
    best: tuple[int, tuple[int, int]] | None = None
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            value = to_int(match.group("n"))
            if value is None or value > 100_000:
                continue
            if best is None or match.start() < best[1][0]:
                best = (value, (match.start(), match.end()))
    return best


def find_casualties(sentence: str) -> Casualties:
    if _NONE_KILLED.search(sentence):
        match = _NONE_KILLED.search(sentence)
        assert match is not None
        return Casualties(0, 0, (match.start(), match.end()))
    death = _figure(_DEATH, sentence)
    injury = _figure(_INJURY, sentence)
    span = death[1] if death else (injury[1] if injury else None)
    return Casualties(death[0] if death else None, injury[0] if injury else None, span)
