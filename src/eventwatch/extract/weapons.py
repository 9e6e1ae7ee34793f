"""Weapons named in a sentence, with counts launched and intercepted where stated."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwatch.extract.numbers import NUMBER, to_int

_KINDS: tuple[tuple[str, str], ...] = (
    ("glide bomb", r"glide bombs?|guided (?:aerial )?bombs?|KABs?|FABs?"),
    ("drone", r"drones?|UAVs?|unmanned aerial vehicles?|Shaheds?|Gerans?|loitering munitions?|quadcopters?"),
    ("missile", r"missiles?|Iskanders?|Kalibrs?|Kinzhals?|Kh-\d+\w*|ATACMS|Storm Shadows?"),
    ("rocket", r"rockets?|Grad|MLRS|HIMARS"),
    ("artillery", r"artillery|shells?|shelling|mortars?|howitzers?"),
    ("aircraft", r"warplanes?|jets?|aircraft|helicopters?|airstrikes?|air strikes?"),
    ("explosive", r"IEDs?|roadside bombs?|landmines?|mines?|car bombs?|explosive devices?"),
    ("firearm", r"gunfire|gunmen|rifles?|shot dead|opened fire"),
)
_KIND_RE = [(kind, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)) for kind, pattern in _KINDS]
_ADJ = r"(?:[\w-]+\s+){0,3}?"
_LAUNCHED = (
    re.compile(rf"\b(?:\w+\s+)?of\s+(?:the\s+)?(?P<n>{NUMBER})\s+{_ADJ}(?:drones?|UAVs?|missiles?|rockets?|Shaheds?)\b",
               re.IGNORECASE),
    re.compile(rf"\b(?:launched|fired|sent|used)\s+(?:at least\s+)?(?P<n>{NUMBER})\s+{_ADJ}"
               r"(?:drones?|UAVs?|missiles?|rockets?|Shaheds?)\b", re.IGNORECASE),
    re.compile(rf"\b(?P<n>{NUMBER})\s+{_ADJ}(?:drones?|UAVs?|missiles?|rockets?|Shaheds?)\s+(?:were|was|had been)\s+"
               r"(?:launched|fired)\b", re.IGNORECASE),
)
_DOWN = r"(?:shot down|intercepted|downed|destroyed|neutrali[sz]ed|jammed|suppressed|brought down)"
_INTERCEPTED = (
    re.compile(rf"\b(?P<n>{NUMBER})(?:\s+of\s+(?:them|these|those))?\s+{_ADJ}(?:were|was|had been|have been)\s+"
               rf"(?:\w+\s+)?{_DOWN}\b", re.IGNORECASE),
    re.compile(rf"\b{_DOWN}\s+(?:at least\s+|all\s+)?(?P<n>{NUMBER})\s+(?:of\s+(?:the|them)\s+)?{_ADJ}"
               r"(?:drones?|UAVs?|missiles?|rockets?|Shaheds?|targets)\b", re.IGNORECASE),
)


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
