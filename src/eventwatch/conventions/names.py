"""Place names as ACLED writes them (codebook, "Location" and "Admin1/Admin2/Admin3").

Plain English forms: no transliteration marks ("Ryazan’" -> "Ryazan"), no diacritics, no
administrative type words ("Estado de Sinaloa" -> "Sinaloa", "Cauca Department" -> "Cauca",
"L’govskiy Rayon" -> "Lgovskiy"), and the reviewed overrides of places.toml where ACLED's
usual spelling differs from GeoNames' ("Rangoon" -> "Yangon"). The gazetteer's names come
from the GeoNames data the packages ship; this is the one function every output's place
name goes through, so a place has one spelling in events, sites, exports and the dashboard.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache
from typing import Any

from eventwatch.conventions.data import places
from eventwatch.records import Mention, Site

PLACE_COLUMNS = ("location", "admin1", "admin2")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    table = places()
    marks = re.compile("[" + re.escape("".join(table["marks"])) + "]")
    words = sorted(table["prefixes"], key=len, reverse=True)
    prefix = re.compile(r"^(?:" + "|".join(re.escape(w) for w in words) + r")\s+(?=\w)", re.IGNORECASE)
    words = sorted(table["suffixes"], key=len, reverse=True)
    suffix = re.compile(r"(?<=\w)\s+(?:" + "|".join(re.escape(w) for w in words) + r")$", re.IGNORECASE)
    return marks, prefix, suffix


@cache
def _overrides() -> dict[tuple[str, str], str]:
    return {(row["name"].casefold(), row["country"].upper()): row["plain"] for row in places().get("override", ())}


def _fold(text: str) -> str:
    """Latin letters without their diacritics ("Bogotá" -> "Bogota"); other scripts unchanged."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def plain_text(text: str) -> str:
    """Text with the place spellings inside it plain: no transliteration marks or diacritics
    ("Ménaka central market" -> "Menaka central market"); for site names."""
    return _fold(_patterns()[0].sub("", text))


def _override(name: str, iso2: str | None) -> str | None:
    return _overrides().get((name.casefold(), (iso2 or "").upper())) if iso2 else None


@cache
def plain_name(name: str, iso2: str | None = None) -> str:
    """`name` as ACLED writes it; `iso2` (the place's country) selects the overrides."""
    overridden = _override(name, iso2)
    if overridden:
        return overridden
    marks, prefix, suffix = _patterns()
    text = " ".join(_fold(marks.sub("", name)).split())
    for _ in range(2):  # "Oblast Kursk", "Lgovskiy Rayon", "X Region Department"
        text = suffix.sub("", prefix.sub("", text)).strip(" ,-")
    text = text or name
    return _override(text, iso2) or text


def is_plain(name: str | None, iso2: str | None = None) -> bool:
    return name is None or plain_name(name, iso2) == name


def iso2_of(mention: Mention) -> str | None:
    from eventwatch.conventions.data import countries_by_iso

    country = countries_by_iso().get(mention.iso) if mention.iso is not None else None
    return country.iso2 if country else None


def plain_places(mention: Mention) -> Mention:
    """The mention with location, admin1 and admin2 in their plain forms, and its site's name
    without transliteration marks or diacritics."""
    iso2 = iso2_of(mention)
    changes: dict[str, Any] = {
        name: plain_name(value, iso2)
        for name in PLACE_COLUMNS
        if (value := getattr(mention, name)) is not None and plain_name(value, iso2) != value
    }
    site = _site_in_town(mention.site, mention.location, changes.get("location"))
    if site is not None and plain_text(site) != mention.site:
        changes["site"] = plain_text(site)
    return replace(mention, **changes) if changes else mention


def _site_in_town(site: str | None, town: str | None, plain_town: str | None) -> str | None:
    """A site named with its town ("Zaporizhzhya machine-building plant") with the town as the
    location column writes it ("Zaporizhia machine-building plant")."""
    if site is None or not town or not plain_town or not site.startswith(town + " "):
        return site
    return plain_town + site[len(town) :]


def plain_site(site: Site, iso2: str | None = None) -> Site:
    """The site with its town and admin1 in their plain forms."""
    location = plain_name(site.location, iso2) if site.location else None
    admin1 = plain_name(site.admin1, iso2) if site.admin1 else None
    if (location, admin1) == (site.location, site.admin1):
        return site
    return replace(site, location=location, admin1=admin1)
