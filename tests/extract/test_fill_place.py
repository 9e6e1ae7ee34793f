"""A sentence right after an unplaced incident can say where it happened; finding the
entities of such sentences together gives what finding them one at a time gives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from eventwatch.extract import nlp
from eventwatch.extract.assemble import Services, extract_mentions
from eventwatch.extract.places import Entity
from eventwatch.records import Article

TEXT = """A drone attack caused a large fire overnight, officials said on Tuesday.
Footage showed an explosion in the Zavidovo district of the Tver region.
Air defences destroyed three drones over the Belgorod region, the ministry said.
Another strike hit a warehouse, local media reported.
Residents said the warehouse was on the edge of the village.
"""


def _one_at_a_time(texts: Sequence[str]) -> list[list[Entity]]:
    return [nlp.entities([text])[0] for text in texts]


def test_following_sentence_places_the_incident(services: Services) -> None:
    article = Article(id="fill", text=TEXT, source_kind="text", published_at=datetime(2024, 3, 14, tzinfo=UTC))
    mentions = extract_mentions(article, services)
    strike = next(m for m in mentions if m.sub_event_type == "Air/drone strike")
    assert (strike.location, strike.admin1) == ("Zavidovo", "Tver")
    assert extract_mentions(article, replace(services, entities=_one_at_a_time)) == mentions
