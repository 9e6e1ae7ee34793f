"""Incident types re-decided by the snippet classifier in the extraction (extract.retype),
on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from eventwatch.classify import trained_model
from eventwatch.classify.cache import ENV_VAR
from eventwatch.extract.assemble import extract_mentions
from eventwatch.extract.event_type import classify_sentence
from eventwatch.records import Article, Mention

PUBLISHED = datetime(2021, 6, 2, 9, tzinfo=UTC)


def _mentions(text: str, services: Any) -> list[Mention]:
    return extract_mentions(Article.build(text, "text", published_at=PUBLISHED), services)


def _quote_is_in_article(mention: Mention, text: str) -> None:
    found = mention.evidence["sub_event_type"]
    assert text[found.start : found.end] == found.quote


VIOLENT = "Hundreds of students marched through Kisumu on Monday, throwing stones at shops and setting tyres on fire."


def test_a_violent_demonstration_the_rules_read_as_peaceful_is_retyped(services: Any) -> None:
    rules = classify_sentence(VIOLENT)
    assert rules is not None and rules.sub_event_type == "Peaceful protest"  # what the rules alone say
    (mention,) = _mentions(VIOLENT, services)
    assert (mention.sub_event_type, mention.event_type, mention.location) == (
        "Violent demonstration", "Riots", "Kisumu")
    assert mention.actor1 == "Rioters (Kenya)"  # the fields that follow from the type follow the new one


def test_a_retyped_incident_cites_the_sentence_the_classifier_read(services: Any) -> None:
    text = f"Unrest in the west\n\n{VIOLENT} Police said nobody was hurt."
    mention = _mentions(text, services)[0]
    assert mention.evidence["sub_event_type"].quote == VIOLENT
    assert mention.evidence["event_type"] == mention.evidence["sub_event_type"]
    _quote_is_in_article(mention, text)


def test_an_unchanged_type_cites_the_rules_trigger(services: Any) -> None:
    text = "Police arrested the opposition leader in Kisumu on Monday."
    (mention,) = _mentions(text, services)
    assert mention.sub_event_type == "Arrests"
    assert mention.evidence["sub_event_type"].quote == "arrested"
    _quote_is_in_article(mention, text)


def test_an_interception_keeps_its_type_though_its_sentence_reports_the_strike(services: Any) -> None:
    # one sentence, two incidents: the classifier reads the whole sentence as an air strike
    text = ("Russian drones struck an energy facility in Kharkiv on Tuesday, and air defence shot down nine of "
            "the twelve drones.")
    strike, interception = _mentions(text, services)
    assert (strike.sub_event_type, strike.links) == ("Air/drone strike", ())
    assert interception.sub_event_type == "Disrupted weapons use"
    assert [link.kind for link in interception.links] == ["part_of"]
    assert interception.evidence["sub_event_type"].quote == "shot down"


def test_a_site_also_hit_keeps_the_attacks_type(services: Any) -> None:
    text = ("Ukrainian drones struck an oil depot in Bryansk on Tuesday.\n\nThe Kremniy electronics plant in "
            "Bryansk, which makes parts for guidance systems, was also hit.")
    depot, plant = _mentions(text, services)
    assert (depot.sub_event_type, plant.sub_event_type) == ("Air/drone strike", "Air/drone strike")
    assert plant.evidence["sub_event_type"].quote == "was also hit"


def test_a_found_and_destroyed_bomb_becomes_disrupted_weapons_use(services: Any) -> None:
    text = "Army engineers found and destroyed an explosive device near Gao on Monday."
    rules = classify_sentence(text)
    assert rules is not None and rules.sub_event_type == "Remote explosive/landmine/IED"
    (mention,) = _mentions(text, services)
    assert mention.sub_event_type == "Disrupted weapons use"


def test_an_arrest_without_a_gathering_does_not_become_a_protest(services: Any) -> None:
    (mention,) = _mentions("A reporter was detained by police in Kisumu on Monday.", services)
    assert mention.sub_event_type == "Arrests"


def test_an_arrest_for_an_earlier_protest_stays_an_arrest(services: Any) -> None:
    text = "Police in Kisumu on Monday detained three activists who were charged in connection with the fuel protests."
    (mention,) = _mentions(text, services)
    assert mention.sub_event_type == "Arrests"  # the model alone says "Protest with intervention"


@pytest.fixture
def no_cached_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    trained_model.cache_clear()
    yield tmp_path
    trained_model.cache_clear()


def test_the_extraction_trains_the_classifier_when_no_model_is_cached(services: Any, no_cached_model: Path) -> None:
    (mention,) = _mentions(VIOLENT, services)
    assert mention.sub_event_type == "Violent demonstration"
    assert list(no_cached_model.glob("classifier-*.npz"))  # and caches it for the next process
