"""A site named only after its town yields to the proper name the article gives it."""

from __future__ import annotations

from eventwatch.extract.sites import find_sites


def _site(sentence: str):  # type: ignore[no-untyped-def]
    return find_sites(sentence)[0]


def test_a_proper_name_wins_over_the_towns_name_of_one_facility() -> None:
    town = _site("Drones hit the plant in the city of Bryansk again.")
    proper = _site("The other drone hit the Kremniy EL plant.")
    station = _site("A day earlier a drone damaged the main railway station in Bryansk.")
    assert (town.name, town.town, proper.town) == ("Bryansk plant", True, False)
    assert town.yields_to(proper) and not proper.yields_to(town)
    assert not town.differs_from(proper)  # one plant told two ways
    assert station.differs_from(proper) and station.differs_from(town)  # the station is not the plant
    assert station.key == "bryansk railway station"  # the town alone is never the key
