"""Night-time incidents: sources date a night either side of midnight ("overnight into
Tuesday" is Monday's night, "in the early hours of Tuesday" Tuesday), so two day-precise
dates one day apart are one night when either source puts the incident at night.

Extraction keeps the date phrase ("on Tuesday") but not always the words around it that
say when ("shortly after midnight on Tuesday", "before dawn on Tuesday"); `with_night`
looks for them in the sentence the date was read from and adds them to the phrase, so that
the night shows in the stored mention and `at_night` sees it. Words: lexicon/en/night.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from functools import cache
from importlib import resources

from eventwatch.records import Article, Mention

_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@cache
def _words(group: str) -> re.Pattern[str]:
    data = tomllib.loads(resources.files("eventwatch").joinpath("lexicon/en/night.toml").read_text())
    return re.compile(rf"\b(?:{'|'.join(data[group])})(?!\w)", re.IGNORECASE)


def night_words() -> re.Pattern[str]:
    return _words("patterns")


def at_night(mention: Mention) -> bool:
    """The date phrase puts the incident at night."""
    return bool(mention.date_phrase and night_words().search(mention.date_phrase))


def _sides(mention: Mention) -> set[int]:
    """The days (-1: the day before, +1: the day after) on which another source may date the
    night the mention's date phrase names: after midnight, the night began the day before;
    before midnight, it ends the day after; "overnight" or "night" alone, either."""
    phrase = mention.date_phrase or ""
    if not at_night(mention):
        return set()
    after, before = bool(_words("after_midnight").search(phrase)), bool(_words("before_midnight").search(phrase))
    return {-1} if after and not before else {1} if before and not after else {-1, 1}


def one_night(a: Mention, b: Mention) -> bool:
    """Two day-precise dates one day apart that tell one night, one on either side of
    midnight: the earlier one's night ends the day after, or the later one's began the day
    before ("late on Sunday" and "in the early hours of Monday"; not "in the early hours
    of Monday" and "on Tuesday")."""
    if a.event_date is None or b.event_date is None or not a.time_precision == b.time_precision == 1:
        return False
    if abs((a.event_date - b.event_date).days) != 1:
        return False
    first, second = sorted((a, b), key=lambda m: m.event_date)  # type: ignore[arg-type,return-value]
    return 1 in _sides(first) or -1 in _sides(second)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end]."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def date_sentence(article: Article, mention: Mention) -> str | None:
    """The sentence the mention's date was read from, if its evidence points into the text."""
    evidence = mention.evidence.get("event_date")
    if evidence is None or article.text[evidence.start : evidence.end] != evidence.quote:
        return None
    return _sentence(article.text, evidence.start, evidence.end)


def with_night(article: Article, mention: Mention, one_date: bool = False) -> Mention:
    """The mention with the night words of its date's sentence added to its date phrase
    ("on Tuesday" -> "on Tuesday (shortly after midnight)"), if the phrase has none; for an
    article's first mention (its lead incident), also those of the headline and first sentence
    ("Refinery hit in overnight drone raid"); when all the article's mentions share one date
    (`one_date`: one incident, or a strike and its interception), anywhere in the article."""
    evidence = mention.evidence.get("event_date")
    if mention.time_precision != 1 or evidence is None or at_night(mention):
        return mention
    if article.text[evidence.start : evidence.end] != evidence.quote:
        return mention
    found = night_words().search(_sentence(article.text, evidence.start, evidence.end))
    if found is None and one_date:  # all the article's mentions on one date: its night told anywhere
        found = night_words().search(f"{article.title or ''}\n{article.text}")
    elif found is None and mention.index == 0:  # the lead incident: its night told in the headline or lead
        found = night_words().search(f"{article.title or ''}\n{_sentence(article.text.lstrip(), 0, 0)}")
    if found is None:
        return mention
    return replace(mention, date_phrase=f"{mention.date_phrase or evidence.quote} ({found.group(0)})")
