"""Names of people, groups and institutions that are also towns somewhere (issue 3, round 4;
all sentences invented)."""

from __future__ import annotations

from typing import Any

import pytest

from eventwatch.extract.context import main_town, surnames
from eventwatch.extract.places import Entity, find_places
from eventwatch.extract.sentences import split_sentences


def _entity(sentence: str, name: str, label: str) -> Entity:
    start = sentence.index(name)
    return Entity(name, label, start, start + len(name))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The prison was opened under George W. Bush and kept open later.", {"George", "Bush"}),
        ("The charge was read out by U.S. Attorney Susan K. Holden on Monday.", {"Susan", "Holden"}),
        ("State Department Spokesperson Ned Price told reporters the case was closed.", {"Ned", "Price"}),
        ("The detention was criticised by Secretary Blinken in a call.", {"Blinken"}),
    ],
)
def test_names_after_a_title_or_with_a_middle_initial_are_people(text: str, names: set[str], services: Any) -> None:
    assert names <= surnames(text, services.gazetteer)


def test_a_run_ending_in_an_institution_is_no_persons_name(services: Any) -> None:
    text = "The Ogden Police Department said a teacher stopped the kidnapping."
    assert "Ogden" not in surnames(text, services.gazetteer)


def test_a_surname_the_article_gave_is_not_a_small_town_even_when_ner_calls_it_one(services: Any) -> None:
    sentence = "The kidnapping of the reporter shocked Pearl's colleagues."
    found = find_places(sentence, [_entity(sentence, "Pearl", "GPE")], services.gazetteer, ("US",),
                        not_places={"Pearl", "Daniel"})
    assert found == []  # not Pearl, Mississippi
    sentence = "Supporters of Jack Houston marched in Houston on Sunday."
    found = find_places(sentence, [_entity(sentence, "Houston", "GPE")], services.gazetteer, ("US",),
                        not_places={"Houston", "Jack"})
    assert [p.location for p in found] == ["Houston"]  # a large town stays a town


def test_an_institution_named_alone_is_not_a_town(services: Any) -> None:
    sentence = "Several members of Congress condemned the arrest of the activist."
    assert find_places(sentence, [], services.gazetteer, ("US",)) == []


def test_a_nationality_or_group_is_no_region(services: Any) -> None:
    sentence = "The blogger, a critic of the Chechen leader, was attacked with a hammer."
    found = find_places(sentence, [_entity(sentence, "Chechen", "NORP")], services.gazetteer, ("SE", "RU"))
    assert found == []
    sentence = "Police said Pakistani officers arrested the journalist."
    found = find_places(sentence, [_entity(sentence, "Pakistani", "NORP")], services.gazetteer, ())
    assert found == []


def test_an_organisation_is_a_town_only_by_a_close_spelling(services: Any) -> None:
    sentence = "Police said Hamas supporters gathered in the square."
    found = find_places(sentence, [_entity(sentence, "Hamas", "ORG")], services.gazetteer, ("PS",))
    assert [p.location for p in found] == []  # not Hamm, Germany
    sentence = "Reporters said Kiev officials denied the arrest."
    found = find_places(sentence, [_entity(sentence, "Kiev", "PERSON")], services.gazetteer, ("UA",))
    assert [p.location for p in found] == ["Kyiv"]  # the small model calls Kiev a person


def test_the_main_town_is_no_small_town_named_once(services: Any) -> None:
    once = split_sentences("Police in Kenya detained the lawyer. Her sister lives in Webuye.")
    assert main_town(once, "KE", services.gazetteer) is None
    twice = split_sentences("Police in Kenya detained the lawyer. She lives in Webuye. Students marched in Webuye.")
    town = main_town(twice, "KE", services.gazetteer)
    assert town is not None and town[1].location == "Webuye"
    large = split_sentences("Police in Kenya detained the lawyer. Her sister lives in Mombasa.")
    town = main_town(large, "KE", services.gazetteer)
    assert town is not None and town[1].location == "Mombasa"


def test_the_main_town_is_no_small_town_after_the(services: Any) -> None:
    sentences = split_sentences("The US arrested the editor. A spokesman at the White House declined to comment. "
                                "The White House said nothing more.")
    assert main_town(sentences, "US", services.gazetteer) is None


def test_a_name_joined_by_del_is_read_whole(services: Any) -> None:
    found = find_places("The charges against the doctor were filed in Agusan del Sur.", [], services.gazetteer, ("PH",))
    # a province, which GeoNames keeps at the second level
    assert [(p.location, p.place.feature) for p in found] == [("Agusan del Sur", "admin2")]


@pytest.mark.parametrize(
    ("sentence", "town"),
    [
        ("The reporter died at Kozhikode Medical College Hospital on Monday.", "Kozhikode"),
        ("The activist is held in Central Jail Karachi.", "Karachi"),
        ("Officers of the New York Police Department arrested the organiser.", "New York City"),
    ],
)
def test_the_town_a_hospital_jail_or_police_force_is_named_after(sentence: str, town: str, services: Any) -> None:
    assert [p.location for p in find_places(sentence, [], services.gazetteer, ("IN", "PK", "US"))] == [town]


def test_a_court_named_after_a_town_is_not_read_as_the_town(services: Any) -> None:
    # where a later trial is heard; the incident is placed by its own sentence
    assert find_places("The Lahore High Court granted him bail.", [], services.gazetteer, ("PK",)) == []
