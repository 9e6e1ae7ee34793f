"""Dates of whole invented articles: a date line next to the incident, a wire dateline, a
bulletin, a follow-up incident told from the one before, and an article that states no date.
Each incident's (date, time precision) as ACLED would code it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from eventwatch.extract.assemble import extract_mentions
from eventwatch.records import Article


def _dates(text: str, services: Any, published: date) -> list[tuple[str | None, date | None, int]]:
    at = datetime(published.year, published.month, published.day, 9, tzinfo=UTC)
    mentions = extract_mentions(Article.build(text, "text", published_at=at), services)
    return [(m.location, m.event_date, m.time_precision) for m in mentions]


ARTICLES = [
    (  # a bulletin's date line before the incident
        "Sumy region, 3 July. Velyka Pysarivka was shelled by Russian forces in the morning: "
        "one woman killed, one man injured.",
        date(2024, 7, 3), ("Velyka Pysarivka", date(2024, 7, 3), 1)),
    (  # the night in the sentence after the incident
        "Odesa port warehouse hit by drone. Russia launched 24 drones overnight; 19 were downed. "
        "Two workers injured.",
        date(2024, 6, 4), (None, date(2024, 6, 3), 1)),
    (  # a dateline with its country: "a day earlier" counts from publication
        "EL FASHER, Sudan, May 27 (Test Wire) - Nine people were killed when the Rapid Support "
        "Forces shelled El Fasher a day earlier, medics said.",
        date(2024, 5, 27), ("El Fasher", date(2024, 5, 26), 1)),
    (  # a night with no day in a wire story
        "ODESA, June 4 (Test Wire) - One drone struck a warehouse in the port of Odesa during the "
        "night, injuring two workers, the air force said.",
        date(2024, 6, 4), ("Odesa", date(2024, 6, 3), 1)),
    (  # a numeric date in a bulletin
        "The Novoshakhtinsk refinery in Rostov region was hit by a Ukrainian drone on 11.05. "
        "No casualties were reported.",
        date(2024, 5, 12), (None, date(2024, 5, 11), 1)),
    (  # a title that is the lead takes the day of its lede
        "Source says drones hit Novoshakhtinsk refinery\n\nDrones operated by Ukraine's military "
        "intelligence attacked the Novoshakhtinsk oil refinery in Rostov region on 11 May, a source "
        "in the agency told a test outlet, claiming the strike.",
        date(2024, 5, 11), ("Novoshakhtinsk", date(2024, 5, 11), 1)),
    (  # the sentence after the incident names it and gives its day
        "Twelve people were hurt in Yelabuga, Tatarstan, when a drone hit a college dormitory in the "
        "Alabuga special economic zone. The attack, on Tuesday, was one of the deepest into Russia so far.",
        date(2024, 4, 2), ("Yelabuga", date(2024, 4, 2), 1)),
    (  # a lead dated only by its statement takes the day the next sentence gives the incident
        "Two Syrian soldiers were killed when air strikes hit military positions near Homs, state "
        "media said on Monday. The strikes came at about 1:30 a.m.",
        date(2024, 5, 20), ("Homs", date(2024, 5, 20), 1)),
    (  # ... a day before the statement
        "Nine people were killed in El Fasher when RSF shells hit the city, medics said on Monday. "
        "The shelling on Sunday also damaged a hospital.",
        date(2024, 5, 27), ("El Fasher", date(2024, 5, 26), 1)),
    (  # a statement's day alone: week precision
        "Nine people were killed in El Fasher when RSF shells hit the city, medics said on Monday. "
        "Aid groups called for a ceasefire.",
        date(2024, 5, 27), ("El Fasher", date(2024, 5, 27), 2)),
    (  # the day the paragraph's first sentence tells dates the incident after it
        "Russia attacked the Odesa region with 24 Shahed drones overnight, the air force said on "
        "Tuesday. Air defence units shot down 19 of them over Odesa.",
        date(2024, 6, 4), ("Odesa", date(2024, 6, 3), 1)),
    (  # no date at all: the publication date at week precision
        "Shelling damaged several houses in Shebekino, the governor said.",
        date(2024, 3, 16), ("Shebekino", date(2024, 3, 16), 2)),
    (  # a comparison is no date line
        "Russian missiles struck the central railway station in Kharkiv, killing two people. "
        "It was the deadliest attack on the city this month.",
        date(2024, 4, 24), ("Kharkiv", date(2024, 4, 24), 2)),
]


@pytest.mark.parametrize(("text", "published", "expected"), ARTICLES)
def test_the_lead_incident_is_dated_as_acled_would(text: str, published: date, expected: tuple[Any, ...],
                                                   services: Any) -> None:
    location, day, precision = expected
    found = _dates(text, services, published)
    assert found, "no incident"
    assert found[0][1:] == (day, precision), found
    if location is not None:
        assert found[0][0] == location


def test_a_follow_up_incident_counts_from_the_one_before(services: Any) -> None:
    text = ("Thousands rallied peacefully outside parliament in Tbilisi on Wednesday. A day earlier, "
            "riot police had used tear gas to break up a protest there.")
    found = _dates(text, services, date(2024, 4, 18))
    assert [f[1:] for f in found] == [(date(2024, 4, 17), 1), (date(2024, 4, 16), 1)]


def test_last_week_and_this_week_are_week_precision(services: Any) -> None:
    text = ("Ukrainian drones were shot down over Belgorod region on Friday, the governor said. "
            "Last week, shelling damaged several houses in Shebekino.")
    found = _dates(text, services, date(2024, 3, 16))
    assert found[0][1:] == (date(2024, 3, 15), 1)
    shebekino = next(f for f in found if f[0] == "Shebekino")
    assert shebekino[2] == 2 and date(2024, 3, 4) <= shebekino[1] <= date(2024, 3, 10)
