"""Arguments by syntax: the place and actor of a one-sentence report, end to end through
the extraction (the parser runs on event sentences). Golden sentences written for these
tests (tests/golden/scene_args.json): the place attached to the event's trigger is the
scene; an official's title, a dateline, a statement's place and an adjective of nationality
never are; an incident whose town is unknown keeps its region or country at geo_precision 3."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from eventwatch.evaluate.primary import primary_mention
from eventwatch.extract.assemble import extract_mentions
from eventwatch.extract.syntax import ATTACHED, OFFICE, Parsed, clause_of, head_of, rank, scene_place, vocabulary
from eventwatch.records import Article

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "scene_args.json"
CASES: list[dict[str, Any]] = json.loads(GOLDEN.read_text())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:50])
def test_scene_and_actor(case: dict[str, Any], services: Any) -> None:
    article = Article.build(case["text"], "text", published_at=datetime(2026, 12, 2, tzinfo=UTC), origin="test")
    top = primary_mention(extract_mentions(article, services))
    assert top is not None, case["why"]
    for field, want in case["expect"].items():
        assert getattr(top, field) == want, f"{field}: {case['why']}"


def _parsed(services: Any, text: str) -> Parsed:
    return services.parse([text])[0]


def test_ranks_of_places_by_the_parse(services: Any) -> None:
    from eventwatch.extract.places import find_places

    text = "Russian forces struck a bus station in Izium on Tuesday, Kharkiv's regional governor said."
    parsed = _parsed(services, text)
    trigger = (text.index("struck"), text.index("struck") + len("struck"))
    clause = clause_of(parsed.tokens, head_of(parsed.tokens, *trigger) or 0)
    places = find_places(text, list(parsed.entities), services.gazetteer, ("UA",))
    ranks = {p.text: rank(parsed.tokens, clause, p, vocabulary()) for p in places}
    assert ranks == {"Izium": ATTACHED, "Kharkiv": OFFICE}
    assert (scene := scene_place(places, parsed, trigger)) is not None and scene.text == "Izium"


def test_without_a_parse_the_most_precise_place(services: Any) -> None:
    from eventwatch.extract.places import find_places, most_precise

    text = "Shelling hit the Kharkiv region and the town of Chuhuiv, Kyiv's officials said."
    places = find_places(text, [], services.gazetteer, ("UA",))
    assert scene_place(places, None, (0, 8)) == most_precise(places)


def test_a_typed_region_is_the_region_not_the_city_of_its_name(services: Any) -> None:
    from eventwatch.extract.places import find_places

    # GeoNames 524925 is Moscow Oblast; 524894 the federal city of Moscow
    places = find_places("Police raided an office in the Moscow region.", [], services.gazetteer, ("RU",))
    assert [(p.place.geonames_id, p.precision) for p in places] == [(524925, 3)]

