from __future__ import annotations

import pytest

from eventwatch.gazetteer import Gazetteer


@pytest.mark.parametrize(
    ("phrase", "admin1", "iso2", "geonames_id"),
    [
        ("Kursk", "Kursk", "RU", 538555),
        ("Kursk region", "Kursk", "RU", 538555),
        ("Kursk Oblast", "Kursk", "RU", 538555),
        ("Bryansk oblast", "Bryansk", "RU", 571473),
        ("Sumy region", "Sumy", "UA", 692196),
        ("Tver region", "Tver", "RU", 480041),
        ("the Moscow region", "Moscow", "RU", 524925),
        ("Belgorod Oblast", "Belgorod", "RU", None),
        ("Republic of Tatarstan", "Tatarstan", "RU", 484048),
        ("Tatarstan", "Tatarstan", "RU", 484048),
        ("Crimea", "Crimea", "UA", 703883),
        ("Kharkiv region", "Kharkiv", "UA", 706482),
        ("Donetsk region", "Donetsk", "UA", 709716),
        ("Zaporizhzhia region", "Zaporizhzhia", "UA", 687699),
        ("North Darfur", "North Darfur", "SD", 408666),
        ("Rostov region", "Rostov", "RU", 501165),
        ("Kyiv region", "Kyiv", "UA", 703446),
    ],
)
def test_region(gazetteer: Gazetteer, phrase: str, admin1: str, iso2: str, geonames_id: int | None) -> None:
    place = gazetteer.region(phrase)
    assert place is not None, phrase
    assert (place.feature, place.name, place.admin1, place.iso2) == ("admin1", admin1, admin1, iso2)
    if geonames_id is not None:
        assert place.geonames_id == geonames_id
    assert place.latitude is not None and place.longitude is not None


@pytest.mark.parametrize(("phrase", "capital"), [("Orenburg region", "Orenburg"), ("Krasnodar Krai", "Krasnodar")])
def test_region_found_through_its_capital(gazetteer: Gazetteer, phrase: str, capital: str) -> None:
    region = gazetteer.region(phrase)
    city = gazetteer.lookup(capital, country_iso2="RU")[0]
    assert region is not None and region.feature == "admin1"
    assert (region.latitude, region.longitude) == (city.latitude, city.longitude)


def test_region_coordinates_are_the_capitals(gazetteer: Gazetteer) -> None:
    kursk = gazetteer.region("Kursk region")
    city = gazetteer.lookup("Kursk")[0]
    assert kursk is not None and (kursk.latitude, kursk.longitude) == (city.latitude, city.longitude)


def test_region_in_another_country_is_not_found(gazetteer: Gazetteer) -> None:
    assert gazetteer.region("Kursk region", country_iso2="UA") is None


def test_unknown_region(gazetteer: Gazetteer) -> None:
    assert gazetteer.region("Kremniy region") is None


def test_containing_admin1_of_a_city(gazetteer: Gazetteer) -> None:
    engels = gazetteer.lookup("Engels", country_iso2="RU")[0]
    region = gazetteer.containing_admin1(engels)
    assert region is not None and (region.feature, region.name) == ("admin1", "Saratov")


def test_containing_admin1_of_a_country_is_none(gazetteer: Gazetteer) -> None:
    russia = gazetteer.country("Russia")
    assert russia is not None and gazetteer.containing_admin1(russia) is None
