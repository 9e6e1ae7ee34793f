from __future__ import annotations

import pytest

from eventwatch.gazetteer import Gazetteer


@pytest.mark.parametrize(
    ("query", "name", "iso", "iso2"),
    [
        ("Russia", "Russia", 643, "RU"),
        ("Russian Federation", "Russia", 643, "RU"),
        ("Ukraine", "Ukraine", 804, "UA"),
        ("North Korea", "North Korea", 408, "KP"),
        ("South Korea", "South Korea", 410, "KR"),
        ("Sudan", "Sudan", 729, "SD"),
        ("Syria", "Syria", 760, "SY"),
        ("Iran", "Iran", 364, "IR"),
        ("US", "United States", 840, "US"),
        ("United States of America", "United States", 840, "US"),
        ("DRC", "Democratic Republic of Congo", 180, "CD"),
    ],
)
def test_country(gazetteer: Gazetteer, query: str, name: str, iso: int, iso2: str) -> None:
    place = gazetteer.country(query)
    assert place is not None, query
    assert (place.feature, place.name, place.country, place.iso, place.iso2) == ("country", name, name, iso, iso2)


def test_country_coordinates_are_the_capitals(gazetteer: Gazetteer) -> None:
    ukraine = gazetteer.country_by_iso2("ua")
    kyiv = gazetteer.lookup("Kyiv")[0]
    assert ukraine is not None and (ukraine.latitude, ukraine.longitude) == (kyiv.latitude, kyiv.longitude)


def test_unknown_country(gazetteer: Gazetteer) -> None:
    assert gazetteer.country("Atlantis") is None
    assert gazetteer.country_by_iso2("ZZ") is None
