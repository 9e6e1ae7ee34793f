"""Numbers as news writes them: digits, spelled-out numbers and ACLED's vague quantities.

Spelled-out numbers are read by the text2num library ("Two hundred" -> 200, "one hundred
and twenty" -> 120, "forty-two" -> 42); the words a number is built from, the phrases with a
fixed value ("a dozen") and ACLED's table of vague figures ("several" -> 3, "dozens" -> 12)
are vocabulary in `lexicon/en/numbers.toml`. `NUMBER` is a regex piece that matches one
whole number phrase, so "One hundred and twenty people" is one figure, never "twenty".
"""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num

from eventwatch.extract.vocab import alternation, load

_LEX = load("numbers")
_WORDS = _LEX["words"]
_FIXED: dict[str, int] = _LEX["fixed"]
_VAGUE: dict[str, int] = _LEX["vague"]
_ORDINALS: dict[str, int] = _LEX["ordinals"]

_SMALL = alternation([*_WORDS["tens"], *_WORDS["teens"], *_WORDS["units"]])
_COMPOUND = rf"(?:{alternation(_WORDS['tens'])}(?:[\s-]+{alternation(_WORDS['units'])})?|{_SMALL})"
_HUNDRED = alternation(_WORDS["hundred"])
_SCALE = alternation(_WORDS["scales"])
# "a" only as the head of a scale: "a hundred and fifty", not "a man".
_HEAD = rf"(?:{_COMPOUND}|an?(?=\s+(?:{_HUNDRED}|{_SCALE})\b))"
_GROUP = rf"(?:{_HEAD}(?:\s+{_HUNDRED}(?:(?:\s+and)?\s+{_COMPOUND})?)?)"
# "two hundred", "one hundred and twenty", "two thousand five hundred", "forty-two", "seven"
# Atomic: when what follows fails, "Two hundred" is never retried as "Two".
SPELLED = rf"(?>{_GROUP}(?:\s+{_SCALE}(?:(?:\s+and)?\s+{_GROUP})?)*)(?![\w-])"
_PHRASES = alternation([*_VAGUE, *_FIXED])
NUMBER = rf"(?:{_LEX['patterns']['digits']}|{SPELLED}|{_PHRASES}(?!\w))"
ORDINAL = rf"(?:{_LEX['patterns']['ordinal_suffix']}|{alternation(list(_ORDINALS))})"
_DIGITS = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(thousand|million)?", re.IGNORECASE)
_SCALE_VALUE = {"thousand": 1_000, "million": 1_000_000}


@lru_cache(maxsize=4096)
def to_int(phrase: str) -> int | None:
    """'11,000' -> 11000, 'Two hundred' -> 200, 'several' -> 3, 'dozens of' -> 12; else None."""
    word = " ".join(phrase.strip().lower().split())
    if word in _VAGUE:
        return _VAGUE[word]
    if word in _FIXED:
        return _FIXED[word]
    match = _DIGITS.fullmatch(word)
    if match:
        value = float(match.group(1).replace(",", ""))
        return int(value * _SCALE_VALUE.get(match.group(2) or "", 1))
    if word.startswith(("a ", "an ")):  # "a hundred and fifty"
        word = "one " + word.split(" ", 1)[1]
    try:
        return int(text2num(word.replace("-", " "), "en"))
    except ValueError:
        return None


def ordinal_to_int(phrase: str) -> int | None:
    word = phrase.strip().lower()
    if word in _ORDINALS:
        return _ORDINALS[word]
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(match.group(1)) if match else None
