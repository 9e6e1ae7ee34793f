"""Weapons named in a sentence, with counts launched and intercepted where stated.
Vocabulary: `lexicon/en/weapons.toml`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwatch.extract.numbers import NUMBER, to_int
from eventwatch.extract.vocab import expand, load

_LEX = load("weapons")
_KIND_RE = [(entry["kind"], re.compile(rf"\b(?:{entry['pattern']})\b", re.IGNORECASE)) for entry in _LEX["kinds"]]
_PIECES = {"number": NUMBER} | {k: v for k, v in _LEX["counts"].items() if isinstance(v, str)}


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(expand(p, _PIECES), re.IGNORECASE) for p in patterns)


_LAUNCHED = _compile(_LEX["counts"]["launched"])
_INTERCEPTED = _compile(_LEX["counts"]["intercepted"])


@dataclass(frozen=True)
class WeaponMention:
    kind: str
    launched: int | None
    intercepted: int | None
    start: int
    end: int


def _first_count(patterns: tuple[re.Pattern[str], ...], sentence: str) -> int | None:
    for pattern in patterns:
        match = pattern.search(sentence)
        if match:
            value = to_int(match.group("n"))
            if value is not None:
                return value
    return None


def find_weapon(sentence: str) -> WeaponMention | None:
    """The first weapon named, with counts; kind is "" when only a count is stated
    ("one was downed") so the caller can take the kind from the attack it belongs to."""
    hits = [(m.start(), m.end(), kind) for kind, rx in _KIND_RE for m in [rx.search(sentence)] if m]
    launched = _first_count(_LAUNCHED, sentence)
    intercepted = _first_count(_INTERCEPTED, sentence)
    if not hits:
        return WeaponMention("", None, intercepted, 0, 0) if intercepted is not None else None
    start, end, kind = min(hits)
    if launched is not None and intercepted is not None and intercepted > launched:
        intercepted = None
    return WeaponMention(kind, launched, intercepted, start, end)
