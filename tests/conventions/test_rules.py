"""The codebook rules and derived fields on golden inputs (conventions/)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eventwatch.conventions import civilian_targeting, conform, event_id_cnty, interaction, region, violations
from eventwatch.conventions.actors import actor_name, inter_code, state_of_demonym
from eventwatch.conventions.names import plain_name
from eventwatch.conventions.notes import plain_notes
from eventwatch.records import Mention
from eventwatch.taxonomy import kind_of

RUSSIA, UKRAINE, MALI = 643, 804, 466


def mention(sub: str = "Air/drone strike", **fields: object) -> Mention:
    kind = kind_of(sub)
    base = Mention(
        article_id="a", index=0, event_type=kind.event_type, sub_event_type=sub, disorder_type=kind.disorder_type,
        event_date=date(2026, 5, 16), time_precision=1, date_phrase=None, location="Kursk", admin1="Kursk",
        admin2=None, country="Russia", iso=RUSSIA, latitude=51.7, longitude=36.2, geonames_id=1, geo_precision=1,
    )  # fmt: skip
    return replace(base, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "iso2", "plain"),
    [
        ("Ryazan’", "RU", "Ryazan"),
        ("L’govskiy Rayon", "RU", "Lgovskiy"),
        ("Estado de Sinaloa", "MX", "Sinaloa"),
        ("Cauca Department", "CO", "Cauca"),
        ("Gomelskaya", "BY", "Gomel"),
        ("Rangoon", "MM", "Yangon"),
        ("Kharkiv", "UA", "Kharkiv"),
        ("Kyiv City", "UA", "Kyiv City"),
        ("N'Djamena", "TD", "N'Djamena"),
        ("Ménaka", "ML", "Menaka"),
    ],
)
def test_place_names_as_acled_writes_them(name: str, iso2: str, plain: str) -> None:
    assert plain_name(name, iso2) == plain


def test_state_forces_abroad_are_external() -> None:
    ukraine = "Military Forces of Ukraine"
    assert inter_code(ukraine, "Russia", "RU", 1) == 8
    assert inter_code(ukraine, "Ukraine", "UA", 8) == 1
    assert inter_code("Military Forces of Ukraine (2019-)", "Russia", "RU", None) == 8
    assert inter_code("Security Service of Ukraine", "Russia", "RU", 1) == 8
    assert inter_code("Protesters (Kenya)", "Kenya", "KE", 1) == 6
    assert inter_code("Some New Front", "Mali", "ML", 2) == 2


def test_interaction_lower_code_first_and_x0_alone() -> None:
    assert interaction(7, 1) == 17
    assert interaction(6, None) == 60
    assert interaction(None, None) is None


def test_actors_for_every_country() -> None:
    assert actor_name("military", "Mali") == "Military Forces of Mali"
    assert actor_name("police", "Kenya") == "Police Forces of Kenya"
    assert state_of_demonym("Malian") == "Mali"
    assert state_of_demonym("Somali") == "Somalia"
    assert state_of_demonym("Myanmar's") == "Myanmar"
    assert state_of_demonym("Nigerien") == "Niger"


def test_conform_recomputes_derived_fields() -> None:
    merged = mention(actor1="Military Forces of Ukraine", inter1=1, actor2=None, inter2=None)
    assert conform(merged).inter1 == 8
    unnamed = conform(mention(actor1=None, inter1=None))
    assert unnamed.actor1 == "Unidentified Armed Group (Russia)" and unnamed.inter1 == 3
    battle = conform(mention("Armed clash", actor1="Military Forces of Russia", inter1=1,
                             actor2="Civilians (Russia)", inter2=7))  # fmt: skip
    assert battle.actor2 is None and not civilian_targeting(battle)
    protest = conform(mention("Peaceful protest", actor1="Protesters", fatalities=5, actor2="Civilians", inter2=7))
    assert (protest.actor1, protest.inter1, protest.fatalities, protest.actor2) == ("Protesters (Russia)", 6, 0, None)
    attack = conform(mention("Attack", country="Mali", iso=MALI, actor2="Civilians (Mali)", inter2=7))
    assert civilian_targeting(attack)
    arrest = conform(mention("Arrests", actor1="Police Forces of Russia", actor2="Civilians (Russia)", inter2=7))
    assert not civilian_targeting(arrest)


def test_conform_leaves_no_violation() -> None:
    bad = mention(
        location="Ryazan’", admin2="Ryazanskiy Rayon", actor1=None, actor2="Civilians", inter2=None,
        event_date=None, notes="MOSCOW, May 16 (Global Newswire) - Drones hit a refinery.", site="Ryazan’ refinery",
    )  # fmt: skip
    assert set(violations(bad)) >= {"actor1_present", "plain_place_names", "notes_without_dateline", "time_precision"}
    fixed = conform(bad)
    assert violations(fixed) == []
    assert fixed.notes == "Drones hit a refinery." and fixed.location == "Ryazan"
    assert fixed.site == "Ryazan refinery"


def test_a_site_named_after_the_country_is_no_site() -> None:
    national = mention(location="Ukraine", admin1=None, country="Ukraine", iso=UKRAINE, site="Ukraine warehouse")
    assert "geo_precision" in violations(national)
    fixed = conform(national)
    assert (fixed.location, fixed.site, fixed.geo_precision) == (None, None, 3) and violations(fixed) == []


def test_region_and_event_id() -> None:
    assert region(MALI) == "Western Africa" and region(RUSSIA) == "Europe"
    code = event_id_cnty(MALI, "0123456789abcdef")
    assert code.startswith("MLI") and code[3:].isdigit() and code == event_id_cnty(MALI, "0123456789abcdef")


def test_notes_without_dateline_or_headline() -> None:
    assert plain_notes("BAMAKO, May 16 (Global Newswire) - Armed men killed nine.") == "Armed men killed nine."
    assert plain_notes("KYIV (Reuters) - Drones hit.") == "Drones hit."
    assert plain_notes("Drones hit Kyiv Russia attacked overnight.", "Drones hit Kyiv") == "Russia attacked overnight."
    assert plain_notes("Russia attacked Odesa - a port city.") == "Russia attacked Odesa - a port city."


def test_source_scale_from_settings_or_where_the_outlet_reports(tmp_path: Path) -> None:
    from eventwatch.export.acled import outlet_scales, source_scale
    from eventwatch.records import Event, SourceRef
    from eventwatch.settings import load_settings

    def event(country: str, *outlets: str) -> Event:
        refs = tuple(SourceRef(f"a{i}", 0, outlet, None, None) for i, outlet in enumerate(outlets))
        return Event(id=country, mention=mention(country=country), sources=refs)

    events = [event("Mali", "Sahel Post"), event("Niger", "Wire"), event("Mali", "Wire", "Sahel Post")]
    scales = outlet_scales(events)
    assert scales == {"Sahel Post": "National", "Wire": "International"}
    assert source_scale(events[2], scales) == "International-National"
    config = tmp_path / "c.toml"
    config.write_text('[export.source_scales]\n"Wire" = "Regional"\n')
    assert load_settings(config, env={}).export.source_scales == {"Wire": "Regional"}


@pytest.mark.parametrize(
    ("phrase", "actor"),
    [
        ("Malian soldiers", "Military Forces of Mali"),
        ("Ethiopian troops", "Military Forces of Ethiopia"),
        ("Myanmar's military", "Military Forces of Myanmar"),
        ("Colombian police", "Police Forces of Colombia"),
        ("South Korean navy", "Military Forces of South Korea"),
        ("Lebanese army", "Military Forces of Lebanon"),
        ("German", None),
        ("Malian traders", None),
    ],
)
def test_state_forces_named_from_a_demonym(phrase: str, actor: str | None) -> None:
    from eventwatch.conventions.actors import state_actor

    assert state_actor(phrase) == actor


def test_check_names_each_broken_rule_with_its_section() -> None:
    from eventwatch.conventions.check import check_events
    from eventwatch.records import Event

    bad = Event(id="e1", mention=mention("Peaceful protest", fatalities=5, actor1=None), sources=())
    good = Event(id="e2", mention=conform(mention()), sources=())
    report = check_events([bad, good])
    assert report.events == 2
    assert {(v.event_id, v.rule) for v in report.violations} == {
        ("e1", "actor1_present"),
        ("e1", "peaceful_protest_no_fatalities"),
    }
    assert report.as_dict()["sections"]["peaceful_protest_no_fatalities"].startswith("Event types: Protests")
