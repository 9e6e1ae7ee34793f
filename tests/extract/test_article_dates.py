"""Dates and places that incidents of one article share (articles written for these tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from eventwatch.extract.assemble import extract_mentions
from eventwatch.records import Article, Mention

PUBLISHED = datetime(2025, 3, 14, 8, tzinfo=UTC)  # a Friday


def _mentions(text: str, services: Any) -> list[Mention]:
    return extract_mentions(Article.build(text, "text", published_at=PUBLISHED), services)


def test_an_incident_dated_from_the_one_before_it_happened_where_that_one_did(services: Any) -> None:
    text = (
        "Students rally in Yerevan\n\n"
        "Several thousand students marched through the centre of Yerevan on Thursday to demand "
        "lower tuition fees, waving banners and chanting.\n\n"
        "The previous night, police fired tear gas to break up a sit-in that students had staged "
        "at the gates of the ministry, detaining nine of them, a rights group said."
    )
    found = {(m.sub_event_type, m.location, m.event_date, m.time_precision) for m in _mentions(text, services)}
    assert ("Peaceful protest", "Yerevan", date(2025, 3, 13), 1) in found
    assert ("Protest with intervention", "Yerevan", date(2025, 3, 12), 1) in found


def test_an_incident_dated_from_the_one_before_keeps_its_own_place(services: Any) -> None:
    text = (
        "Shelling hits Kherson\n\n"
        "Artillery shells hit a market in Kherson on Thursday morning, killing three people.\n\n"
        "Two days earlier, a guided bomb struck a school in Zaporizhzhia."
    )
    found = {(m.location, m.event_date) for m in _mentions(text, services)}
    assert ("Zaporizhzhya", date(2025, 3, 11)) in found  # ACLED's spelling
    assert ("Kherson", date(2025, 3, 11)) not in found
