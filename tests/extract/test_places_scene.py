"""Names that look like places but are not the scene of the event."""

from __future__ import annotations

from typing import Any

import pytest

from eventwatch.extract.places import find_places


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
