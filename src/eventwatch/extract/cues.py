"""Cue phrases the extraction orchestrator reads sentences with: what marks a report as
habitual or a trend, where a statement's date or a wire dateline sits, troop sizes and the
counts sources give for a site ("the fifth strike on the plant"). The patterns are data
(``lexicon/en/cues.toml``); this module compiles them and applies the few that need code."""

from __future__ import annotations

from typing import Any

from eventwatch.extract import vocab
from eventwatch.extract.numbers import ordinal_to_int, to_int

_DATA = vocab.load("cues")


def _pattern(name: str, *, prefix: str = "") -> Any:
    return vocab.compile_pattern(prefix + _DATA["patterns"][name], _DATA["fragments"], ignore_case=True)


HIT = _pattern("hit")
TREND = _pattern("trend")
SITUATES = _pattern("situates")
SPEECH_DATE = _pattern("speech_date")
BACKGROUND_DATE = _pattern("background_date")
VIOLATION = _pattern("violation")
# A violation reported as an act, not a participle describing someone ("a kidnapped trader").
VIOLATION_ACT = _pattern("violation", prefix=r"(?<!\ba )(?<!\ban )(?<!\bthe )")
DEVELOPMENT = _pattern("development")
HABITUAL = _pattern("habitual")
SIZE = _pattern("size")
COUNT = _pattern("count")
DATELINE = _pattern("dateline")


def incident_text(text: str, background: tuple[tuple[int, int], ...] = ()) -> str:
    """The sentence with its dateline, the dates of statements and those of earlier incidents
    and background clauses (``background``: spans from extract.foreground) blanked out
    (offsets unchanged), so that only dates of the incident remain."""
    match = DATELINE.match(text)
    if match:
        text = " " * match.end() + text[match.end() :]
    for pattern in (SPEECH_DATE, BACKGROUND_DATE):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    for start, end in background:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def troop_size(text: str) -> tuple[int, int, int] | None:
    for match in SIZE.finditer(text):
        value = to_int(match.group("n"))
        if value is not None and value > 1:
            return value, match.start(), match.end()
    return None


def site_counts(text: str) -> list[tuple[int, str, int, int]]:
    found = []
    for match in COUNT.finditer(text):
        value = ordinal_to_int(match.group("ord"))
        if value:
            found.append((value, match.group("what").lower(), match.start(), match.end()))
    return found
