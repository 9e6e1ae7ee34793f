"""Golden files per extraction stage: input sentences written for these tests, with the
fields that must (or must not) come out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwatch.extract.casualties import find_casualties
from eventwatch.extract.claims import find_claims
from eventwatch.extract.places import find_places, most_precise
from eventwatch.extract.sites import find_sites

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _cases(name: str) -> list[dict[str, Any]]:
    return json.loads((GOLDEN / f"{name}.json").read_text())


@pytest.mark.parametrize("case", _cases("claims"), ids=lambda c: c["text"][:40])
def test_claims(case: dict[str, Any]) -> None:
    found = find_claims(case["text"])
    assert len(found) == len(case["expect"])
    for claim, want in zip(found, case["expect"], strict=True):
        assert claim.stance == want["stance"]
        if "speaker" in want:
            assert claim.speaker == want["speaker"]
        if "speaker_contains" in want:
            assert want["speaker_contains"] in claim.speaker
        if "subject_contains" in want:
            assert claim.subject and want["subject_contains"] in claim.subject


@pytest.mark.parametrize("case", _cases("casualties"), ids=lambda c: c["text"][:40])
def test_casualties(case: dict[str, Any]) -> None:
    found = find_casualties(case["text"])
    assert (found.fatalities, found.injuries) == (case["fatalities"], case["injuries"])


@pytest.mark.parametrize("case", _cases("places"), ids=lambda c: c["text"][:40])
def test_places(case: dict[str, Any], services: Any) -> None:
    text = case["text"]
    ents = services.entities([text])[0]
    best = most_precise(find_places(text, ents, services.gazetteer, ("RU", "UA")))
    if case.get("none"):
        assert best is None
        return
    assert best is not None
    for name in ("admin1", "country", "location"):
        if name in case:
            assert (best.place.country if name == "country" else best.location if name == "location"
                    else best.place.admin1) == case[name]
    if "location_contains" in case:
        assert case["location_contains"] in best.location
    if "geo_precision" in case:
        assert best.precision == case["geo_precision"]


@pytest.mark.parametrize("case", _cases("sites"), ids=lambda c: c["text"][:40])
def test_sites(case: dict[str, Any]) -> None:
    found = find_sites(case["text"])
    if case.get("none"):  # an attribution, a landmark, a country or an unnamed facility is no site
        assert found == [], found
        return
    if "key_not" in case:
        assert all(s.key != case["key_not"] for s in found)
        return
    assert found, "a site should be found"
    site = found[0]
    assert (site.name, site.key, site.kind) == (case["name"], case["key"], case["kind"])
