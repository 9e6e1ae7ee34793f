"""Numbers as news writes them: digits, words, and ACLED's vague quantities."""

from __future__ import annotations

import re

_UNITS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
}
# ACLED's conventions for vague figures.
_VAGUE = {"several": 3, "a few": 3, "few": 3, "some": 3, "multiple": 3, "dozens": 12, "dozens of": 12,
          "scores": 12, "hundreds": 100, "hundreds of": 100, "a number of": 3}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}

NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s?(?:thousand|million))?|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"a dozen|dozens(?: of)?|hundreds(?: of)?|a hundred|a few|a number of|several|multiple|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|single|an?)"
)
ORDINAL = r"(?:\d+(?:st|nd|rd|th)|" + "|".join(_ORDINALS) + r")"


def to_int(phrase: str) -> int | None:
    """'11,000' -> 11000, 'twenty-one' -> 21, 'several' -> 3, 'dozens of' -> 12; else None."""
    word = phrase.strip().lower()
    if word in _VAGUE:
        return _VAGUE[word]
    if word in _UNITS:
        return _UNITS[word]
    match = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)\s?(thousand|million)?", word)
    if match:
        value = float(match.group(1).replace(",", ""))
        scale = {"thousand": 1_000, "million": 1_000_000}.get(match.group(2) or "", 1)
        return int(value * scale)
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return _UNITS[parts[0]] + _UNITS[parts[1]]
    return None


def ordinal_to_int(phrase: str) -> int | None:
    word = phrase.strip().lower()
    if word in _ORDINALS:
        return _ORDINALS[word]
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(match.group(1)) if match else None
