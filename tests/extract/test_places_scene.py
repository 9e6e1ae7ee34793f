"""Names that look like places but are not the scene of the event."""

from __future__ import annotations

from typing import Any

import pytest

from eventwatch.extract.places import Entity, find_places, most_precise


@pytest.mark.parametrize("name", ["Floyd", "Stone", "Ransom"])
def test_a_bare_name_is_not_a_county(name: str, services: Any) -> None:
    sentence = f"Police arrested the protesters, a witness named {name} said."
    assert find_places(sentence, [], services.gazetteer, ("US",)) == []


def test_a_county_named_as_such_is_found(services: Any) -> None:
    found = find_places("Police arrested two men in Harris County on Friday.", [], services.gazetteer, ("US",))
    assert [(p.location, p.place.feature) for p in found] == [("Harris County", "admin2")]


@pytest.mark.parametrize("before", ["was raised in", "was born in", "fled his home in", "grew up in"])
def test_where_someone_comes_from_is_not_the_scene(before: str, services: Any) -> None:
    sentence = f"The activist, who {before} Nakuru, was detained on Friday."
    assert find_places(sentence, [], services.gazetteer, ("KE",)) == []


def test_the_same_town_as_the_scene_is_found(services: Any) -> None:
    found = find_places("The activist was detained in Nakuru on Friday.", [], services.gazetteer, ("KE",))
    assert [p.location for p in found] == ["Nakuru"]


# ----- alternate names, codes, regions (issue 3, round 3) ----------------------------------


@pytest.mark.parametrize(
    ("sentence", "context"),
    [
        ("Hamas fighters opened fire on the checkpoint on Monday.", ("PS",)),  # Hamm, Germany
        ("Police detained Julia Kovalenko outside the court.", ("BY",)),  # Plovdiv, Bulgaria
        ("Officers questioned a Google engineer after the protest.", ()),  # Topeka, Kansas
    ],
)
def test_a_foreign_alternate_name_unlike_the_town_is_not_that_town(
    sentence: str, context: tuple[str, ...], services: Any
) -> None:
    found = find_places(sentence, [], services.gazetteer, context)
    assert [p.location for p in found if p.place.feature == "city"] == []


def test_a_spelling_of_a_town_still_finds_it(services: Any) -> None:
    found = find_places("Two reporters were beaten in Kiev on Monday.", [], services.gazetteer, ("UA",))
    assert [p.location for p in found] == ["Kyiv"]


def test_a_former_name_of_a_large_town_in_the_article_country_finds_it(services: Any) -> None:
    found = find_places("The strike hit a depot in Zagorsk overnight.", [], services.gazetteer, ("RU",))
    assert [p.location for p in found] == ["Sergiyev Posad"]


@pytest.mark.parametrize("code", ["SC", "Rs", "PA", "TV"])
def test_a_two_letter_code_in_prose_is_not_a_country(code: str, services: Any) -> None:
    sentence = f"The court ({code}) jailed the editor after a fine of 500 was imposed."
    assert [p.place.feature for p in find_places(sentence, [], services.gazetteer, ("IN",))] == []


@pytest.mark.parametrize(("name", "country"), [("US", "United States"), ("UK", "United Kingdom")])
def test_the_codes_news_writes_for_countries_are_countries(name: str, country: str, services: Any) -> None:
    found = find_places(f"A journalist was arrested in the {name} on Friday.", [], services.gazetteer, ())
    assert [p.place.country for p in found] == [country]


def test_a_state_named_alone_is_the_state_not_a_small_namesake_town(services: Any) -> None:
    found = find_places("Police said an Indiana activist was attacked outside his home.", [], services.gazetteer, ())
    assert [(p.location, p.place.feature, p.place.iso2) for p in found] == [("Indiana", "admin1", "US")]


def test_a_large_town_named_like_its_region_is_the_town(services: Any) -> None:
    found = find_places("Police dispersed a rally in Kaduna on Monday.", [], services.gazetteer, ("NG",))
    assert [(p.location, p.place.feature) for p in found] == [("Kaduna", "city")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Members of an Ohio-based church group were kidnapped on Saturday.",
        "The Lyon-born writer was arrested at the airport.",
    ],
)
def test_where_an_organisation_is_based_or_someone_was_born_is_not_the_scene(sentence: str, services: Any) -> None:
    assert find_places(sentence, services.entities([sentence])[0], services.gazetteer, ("HT",)) == []


def test_where_a_journalist_is_based_may_be_the_scene(services: Any) -> None:
    sentence = "Agents plotted to kidnap a Nairobi-based journalist."
    found = find_places(sentence, services.entities([sentence])[0], services.gazetteer, ("KE",))
    assert [p.location for p in found] == ["Nairobi"]


def test_a_capital_someone_is_critical_of_is_the_government(services: Any) -> None:
    found = find_places("He was a journalist who was critical of Tehran.", [], services.gazetteer, ("IR",))
    assert found == []


@pytest.mark.parametrize(
    ("sentence", "context"),
    [
        ("The victim, a native from Kaduna, told of the kidnapping of his brother.", ("NG",)),
        ("Martin Webb, 34, of Leeds, was convicted of the attack on the reporter.", ("GB",)),
        ("Previously, the Mombasa news outlet Baraka named the officers involved.", ("KE",)),
    ],
)
def test_where_someone_lives_or_an_outlet_is_based_is_not_the_scene(
    sentence: str, context: tuple[str, ...], services: Any
) -> None:
    found = find_places(sentence, services.entities([sentence])[0], services.gazetteer, context)
    assert found == []


@pytest.mark.parametrize("word", ["Post", "Times", "Police"])
def test_a_newspaper_or_the_police_is_not_a_town(word: str, services: Any) -> None:
    sentence = f"The reporter was arrested, the {word} said on Tuesday."
    assert find_places(sentence, [], services.gazetteer, ("US",)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "US Senator Jane Holt condemned the jailing of the two reporters.",
        "US officials said the reporters had been jailed.",
        "A UK-based newspaper denounced the arrest of its reporter.",
    ],
)
def test_a_country_code_used_as_an_adjective_is_not_the_place(sentence: str, services: Any) -> None:
    assert find_places(sentence, services.entities([sentence])[0], services.gazetteer, ("BY",)) == []


def test_a_country_code_as_a_noun_is_the_place(services: Any) -> None:
    sentence = "Two journalists were arrested in the US on Friday."
    found = find_places(sentence, services.entities([sentence])[0], services.gazetteer, ())
    assert [p.place.country for p in found] == ["United States"]


def test_a_person_named_like_a_town_is_not_the_town(services: Any) -> None:
    sentence = "In March, an asylum seeker named Elizabeth was kidnapped by a gang."
    assert [p.location for p in find_places(sentence, [], services.gazetteer, ("MX", "US"))] == []


def test_capitals_whose_relations_are_reported_are_governments(services: Any) -> None:
    sentence = "The killing strained relations between Tehran and Washington."
    assert find_places(sentence, [], services.gazetteer, ("IR", "US")) == []


def test_the_sentence_place_beats_the_dateline_town(services: Any) -> None:
    sentence = "Islamabad: The opposition leader was arrested in Peshawar early on Monday."
    found = find_places(sentence, services.entities([sentence])[0], services.gazetteer, ("PK",))
    assert most_precise(found) is not None and most_precise(found).location == "Peshawar"
    assert [p.dateline for p in found] == [True, False]


def test_a_country_before_a_dash_is_no_dateline(services: Any) -> None:
    sentence = "Myanmar – where the army seized power – jailed more writers than Iran."
    found = find_places(sentence, [], services.gazetteer, ("MM",))
    assert not any(p.dateline for p in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "The reporter was beaten by pro-Beijing thugs outside the station.",
        "Protesters blocked the highway at the Delhi gate in the afternoon.",
        "The minister told reporters outside his office in Nairobi that the riots were criminal.",
    ],
)
def test_stances_streets_and_press_remarks_are_not_the_scene(sentence: str, services: Any) -> None:
    found = find_places(sentence, services.entities([sentence])[0], services.gazetteer, ("CN", "IN", "KE"))
    assert [p.location for p in found if p.place.feature == "city"] == []


def test_a_titled_persons_see_is_not_the_scene(services: Any) -> None:
    sentence = "The seminarian was murdered, Bishop Paul Okoro of Sokoto said in a statement."
    found = find_places(sentence, services.entities([sentence])[0], services.gazetteer, ("NG",))
    assert [p.location for p in found] == []


def test_a_lowercase_word_is_no_place_but_a_lowercase_country_name_is(services: Any) -> None:
    sentence = "Police pushed the protester into an unmarked van in eSwatini."
    tagged = [Entity("van", "GPE", 45, 48), Entity("eSwatini", "GPE", 52, 60)]
    found = find_places(sentence, tagged, services.gazetteer, ())
    assert [p.text for p in found] == ["eSwatini"]
