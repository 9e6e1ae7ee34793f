"""Place equality for the HRDsAttack scorer: a predicted mention's country, admin1 and town
against the crowd's names (rules in `evaluate.hrdsattack`'s docstring)."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable

from eventwatch.gazetteer import Gazetteer, normalise_name
from eventwatch.gazetteer.normalise import strip_region_words
from eventwatch.records import Mention, Place

TYPO_SIMILARITY = 0.85  # "Nigeia"/"Nigeria" 0.92, "Ethiopian"/"Ethiopia" 0.94; "Niger"/"Nigeria" 0.83
# Special administrative regions GeoNames lists as countries, which annotators write as the
# sovereign state: Hong Kong and Macao (ISO numeric) -> China.
SOVEREIGN = {344: 156, 446: 156}
# A predicted town this close to the gold-named town is in the same urban area (a district,
# a borough, a neighbouring town of the same agglomeration), between GeoNames points: Brooklyn
# and New York City 8.6 km, Quezon City and Manila 8.9, Bethnal Green and London 4.9,
# Hlaingthaya and Yangon 10.7; not Newark and New York City (14.2) nor Rawalpindi and
# Islamabad (13.8). Neighbouring towns this close also count (Giza and Cairo 7.1).
DISTRICT_KM = 12.0


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, normalise_name(a), normalise_name(b)).ratio() >= TYPO_SIMILARITY


def _region_key(name: str) -> str:
    return strip_region_words(normalise_name(name))[0]


def _initials(name: str) -> str:
    """ "FCT" for "Federal Capital Territory" (only for names of three words or more)."""
    words = name.split()
    return "".join(w[0] for w in words).upper() if len(words) >= 3 else ""


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


class PlaceJudge:
    """Place equality through the gazetteer, with each gold name resolved once."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple[str, str, str], object] = {}

    def _cached(self, kind: str, name: str, hint: str, build: Callable[[], object]) -> object:
        key = (kind, name, hint)
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def country_codes(self, name: str) -> frozenset[int]:
        """ISO numeric codes a gold country names (one, several, or none if unresolved)."""
        return self._cached("country", name, "", lambda: self._country_codes(name))  # type: ignore[return-value]

    def _country_codes(self, name: str) -> frozenset[int]:
        codes: set[int] = set()
        for part in re.split(r",|\band\b|\(|\)|\betc\b", name):
            part = re.sub(r"^\s*(?:the|multiple)\s+", "", part.strip(), flags=re.I)
            if not part:
                continue
            found = self.gazetteer.country(part)
            if found is None:
                regions = [p for p in self.gazetteer.lookup(part) if p.feature == "admin1"]
                found = regions[0] if regions else None
            if found is not None:
                codes.add(found.iso)
        return frozenset(codes)

    def region_id(self, name: str, iso2: str | None) -> int | None:
        found = self._cached("region", name, iso2 or "", lambda: self.gazetteer.region(name, country_iso2=iso2))
        return getattr(found, "geonames_id", None)

    def city_ids(self, name: str) -> frozenset[int]:
        return self._cached(  # type: ignore[return-value]
            "city", name, "", lambda: frozenset(p.geonames_id for p in self.gazetteer.lookup(name) if p.geonames_id)
        )

    def country_ok(self, gold: str, mention: Mention) -> bool:
        if mention.country is None:
            return False
        codes = self.country_codes(gold)
        if codes:
            return mention.iso in codes or SOVEREIGN.get(mention.iso or 0) in codes
        return normalise_name(gold) == normalise_name(mention.country) or _similar(gold, mention.country)

    def admin1_ok(self, gold: str, mention: Mention) -> bool:
        if mention.admin1 is None:
            return False
        key = _region_key(gold)
        if key in (_region_key(mention.admin1), _region_key(mention.admin2 or "")) or _initials(gold) == mention.admin1:
            return True
        iso2 = self._iso2(mention)
        predicted, wanted = self.region_id(mention.admin1, iso2), self.region_id(gold, iso2)
        if wanted is not None:
            return wanted == predicted
        return self.region_id(gold, None) is None and _similar(key, _region_key(mention.admin1))

    def city_area_ok(self, gold: str, mention: Mention) -> bool:
        """The same town by name, or a district or neighbour of it (see DISTRICT_KM)."""
        return self.city_ok(gold, mention) or self.city_near(gold, mention)

    def city_ok(self, gold: str, mention: Mention) -> bool:
        """The same town by name (after normalisation and GeoNames alternate names)."""
        if mention.location is None:
            return False
        if normalise_name(gold) == normalise_name(mention.location):
            return True
        ids = self.city_ids(gold)
        if ids:
            return mention.geonames_id in ids
        return _similar(gold, mention.location)

    def city_near(self, gold: str, mention: Mention) -> bool:
        if mention.latitude is None or mention.longitude is None or mention.geo_precision not in (1, 2):
            return False
        point = (mention.latitude, mention.longitude)
        return any(
            p.feature == "city" and p.iso == mention.iso and p.latitude is not None and p.longitude is not None
            and _km(point, (p.latitude, p.longitude)) <= DISTRICT_KM
            for p in self.towns(gold)
        )

    def towns(self, name: str) -> list[Place]:
        return self._cached("towns", name, "", lambda: self.gazetteer.lookup(name))  # type: ignore[return-value]

    def _iso2(self, mention: Mention) -> str | None:
        found = self.gazetteer.country(mention.country) if mention.country else None
        return found.iso2 if found else None
