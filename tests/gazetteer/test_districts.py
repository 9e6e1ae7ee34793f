"""The admin2 the gazetteer builder gives towns GeoNames leaves without one (districts.py)."""

from __future__ import annotations

from eventwatch.gazetteer.assemble import PlaceRow
from eventwatch.gazetteer.districts import district_key, fill_admin2
from eventwatch.gazetteer.schema import ADMIN1, ADMIN2, CITY


def _place(id: int, feature: int, name: str, admin1: PlaceRow | None = None, **fields: object) -> PlaceRow:
    row = PlaceRow(id=id, feature=feature, name=name, iso2="RU", **fields)  # type: ignore[arg-type]
    if admin1 is not None:
        row.admin1_id, row.admin1 = admin1.id, admin1.name
    return row


def test_district_keys_lose_their_administrative_words() -> None:
    assert district_key("Gorodskoy Okrug Ryazan’") == "ryazan"
    assert district_key("Sochi City") == "sochi"
    assert district_key("Al Fasher") == "fasher"


def test_a_town_takes_its_own_district_else_its_nearest_coded_neighbours() -> None:
    oblast = _place(1, ADMIN1, "Ryazan")
    okrug = _place(2, ADMIN2, "Gorodskoy Okrug Ryazan’", oblast)
    raion = _place(3, ADMIN2, "Ryazanskiy Rayon", oblast)
    other = _place(4, ADMIN2, "Skopinskiy Rayon", oblast)
    city = _place(10, CITY, "Ryazan’", oblast, lat=54.62, lon=39.71)
    village = _place(11, CITY, "Dyagilevo", oblast, lat=54.64, lon=39.60, admin2=raion.name, admin2_id=raion.id)
    near = _place(12, CITY, "Shumashi", oblast, lat=54.66, lon=39.58)  # 2.5 km from Dyagilevo
    skopin = _place(13, CITY, "Skopin", oblast, lat=53.82, lon=39.55)  # its district is named otherwise
    far = _place(14, CITY, "Remote", oblast, lat=55.50, lon=41.00)  # no coded town within 10 km
    places = [oblast, okrug, raion, other, city, village, near, skopin, far]
    names = {2: ("Gorodskoy Okrug Ryazan’",), 3: ("Ryazanskiy Rayon",), 4: ("Skopinskiy Rayon", "Skopinsky District")}
    assert fill_admin2(places, names) == 3
    assert city.admin2 == "Gorodskoy Okrug Ryazan’"  # the same name beats "Ryazanskiy" (the stem)
    assert near.admin2 == "Ryazanskiy Rayon"
    assert skopin.admin2 == "Skopinskiy Rayon"  # "Skopin" is the adjective's stem
    assert far.admin2 is None


def test_a_city_that_is_its_admin1_takes_no_neighbours_district() -> None:
    moscow = _place(1, ADMIN1, "Moscow")
    okrug = _place(2, ADMIN2, "Yugo-Zapadnyy Administrativnyy Okrug", moscow)
    quarter = _place(10, CITY, "Zamoskvorechye", moscow, lat=55.73, lon=37.63, admin2=okrug.name, admin2_id=2)
    city = _place(11, CITY, "Moscow", moscow, lat=55.75, lon=37.62)
    assert fill_admin2([moscow, okrug, quarter, city], {2: (okrug.name,)}) == 0
    assert city.admin2 is None
