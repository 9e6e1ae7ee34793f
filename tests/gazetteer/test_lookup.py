"""Known facts checked against the real packaged GeoNames data."""

from __future__ import annotations

import pytest

from eventwatch.gazetteer import Gazetteer
from eventwatch.records import Place


def first(gazetteer: Gazetteer, name: str) -> Place:
    results = gazetteer.lookup(name)
    assert results, f"no place for {name!r}"
    return results[0]


def test_bryansk_is_a_russian_city_in_bryansk(gazetteer: Gazetteer) -> None:
    place = first(gazetteer, "Bryansk")
    assert (place.feature, place.country, place.iso, place.iso2, place.admin1) == (
        "city",
        "Russia",
        643,
        "RU",
        "Bryansk",
    )
    assert place.latitude is not None and 53 < place.latitude < 54
    assert place.geonames_id == 571476


def test_kremniy_is_not_a_place(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Kremniy") == []
    assert not gazetteer.is_name("Kremniy")


@pytest.mark.parametrize("name", ["Rostov-on-Don", "Rostov on Don", "Rostov-na-Donu", "rostov on don"])
def test_rostov_on_don_spellings(gazetteer: Gazetteer, name: str) -> None:
    place = first(gazetteer, name)
    assert (place.name, place.feature, place.admin1, place.geonames_id) == ("Rostov-on-Don", "city", "Rostov", 501175)


def test_zagorsk_is_sergiyev_posad_in_moscow_oblast(gazetteer: Gazetteer) -> None:
    place = first(gazetteer, "Zagorsk")
    assert (place.name, place.admin1, place.country) == ("Sergiyev Posad", "Moscow", "Russia")
    region = gazetteer.containing_admin1(place)
    assert region is not None and region.geonames_id == 524925  # Moscow Oblast, not the city


def test_cyrillic_names_match(gazetteer: Gazetteer) -> None:
    assert first(gazetteer, "Сергиев Посад").name == "Sergiyev Posad"
    assert first(gazetteer, "Брянск").name == "Bryansk"


def test_zavidovo_is_in_tver_region(gazetteer: Gazetteer) -> None:
    place = first(gazetteer, "Zavidovo")
    assert (place.feature, place.admin1, place.country) == ("city", "Tver", "Russia")


@pytest.mark.parametrize("name", ["Kyiv", "Kiev"])
def test_kyiv(gazetteer: Gazetteer, name: str) -> None:
    place = first(gazetteer, name)
    assert (place.name, place.feature, place.country, place.iso) == ("Kyiv", "city", "Ukraine", 804)


@pytest.mark.parametrize("name", ["Kharkiv", "Kharkov", "Khar'kov"])
def test_kharkiv(gazetteer: Gazetteer, name: str) -> None:
    place = first(gazetteer, name)
    assert (place.name, place.feature, place.admin1) == ("Kharkiv", "city", "Kharkiv")


@pytest.mark.parametrize("name", ["El Fasher", "Al Fashir", "Al-Fashir"])
def test_el_fasher(gazetteer: Gazetteer, name: str) -> None:
    place = first(gazetteer, name)
    assert (place.name, place.country, place.admin1) == ("El Fasher", "Sudan", "North Darfur")


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Belgorod", "Belgorod"), ("Engels", "Saratov"), ("Novoshakhtinsk", "Rostov"), ("Kursk", "Kursk")],
)
def test_russian_cities(gazetteer: Gazetteer, name: str, admin1: str) -> None:
    place = first(gazetteer, name)
    assert (place.name, place.feature, place.country, place.admin1) == (name, "city", "Russia", admin1)


@pytest.mark.parametrize(("name", "country"), [("Tatarstan", "Russia"), ("Crimea", "Ukraine")])
def test_region_names_give_the_region(gazetteer: Gazetteer, name: str, country: str) -> None:
    place = first(gazetteer, name)
    assert (place.name, place.feature, place.country) == (name, "admin1", country)


def test_country_names_give_the_country(gazetteer: Gazetteer) -> None:
    place = first(gazetteer, "Ukraine")
    assert (place.feature, place.iso) == ("country", 804)


def test_city_named_like_its_region_comes_before_it(gazetteer: Gazetteer) -> None:
    features = [p.feature for p in gazetteer.lookup("Donetsk")[:2]]
    assert features == ["city", "admin1"]


def test_country_filter(gazetteer: Gazetteer) -> None:
    results = gazetteer.lookup("Moscow", country_iso2="US")
    assert results and all(p.iso2 == "US" for p in results)


def test_results_are_capped(gazetteer: Gazetteer) -> None:
    assert 0 < len(gazetteer.lookup("Springfield")) <= 20


def test_matches_say_whether_the_own_name_matched(gazetteer: Gazetteer) -> None:
    (kiev, *_rest) = gazetteer.lookup_matches("Kiev")
    (kyiv, *_rest) = gazetteer.lookup_matches("Kyiv")
    assert not kiev.primary and kyiv.primary


def test_airport_codes_are_not_names(gazetteer: Gazetteer) -> None:
    assert all(p.name != "Kyiv" for p in gazetteer.lookup("IEV"))


def test_common_words(gazetteer: Gazetteer) -> None:
    for word in ("More", "Drone", "Alexander", "Of", "Prime", "Unit"):
        assert gazetteer.is_common_word(word)
    assert not gazetteer.is_common_word("Bryansk")


def test_is_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.is_name("Rostov on Don")
    assert gazetteer.is_name("zagorsk")
    assert not gazetteer.is_name("")
