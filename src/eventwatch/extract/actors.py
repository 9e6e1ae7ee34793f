"""Actors: who acted (actor1) and who was acted on (actor2), with ACLED inter codes.

States are named ACLED-style ("Military Forces of Ukraine"); metonyms ("Kyiv", "the
Kremlin") name the state for claims ("Moscow blames Kyiv").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# country -> (ISO2, pattern of adjectives, possessives and metonyms that name it)
_STATES: dict[str, tuple[str, str]] = {
    "Ukraine": ("UA", r"Ukrain(?:e|ian)s?|Kyiv|Kiev|Zelensky[iy]?"),
    "Russia": ("RU", r"Russian?s?|Moscow|(?:the )?Kremlin|Putin"),
    "North Korea": ("KP", r"North Korean?s?|Pyongyang|DPRK"),
    "Israel": ("IL", r"Israel(?:i|is)?|IDF"),
    "Iran": ("IR", r"Iran(?:ian)?s?|Tehran"),
    "Syria": ("SY", r"Syrian?|Damascus"),
    "Sudan": ("SD", r"Sudan(?:ese)?(?: Armed Forces)?|SAF"),
    "United States": ("US", r"(?:United States|US|U\.S\.|American)"),
    "Belarus": ("BY", r"Belarus(?:ian)?|Minsk"),
    "Nigeria": ("NG", r"Nigerian?"),
    "Georgia": ("GE", r"Georgian?"),
    "Turkey": ("TR", r"Turk(?:ey|ish)"),
    "Lebanon": ("LB", r"Leban(?:on|ese)"),
    "Yemen": ("YE", r"Yemeni?"),
}
# Named non-state groups -> (ACLED-style name, inter code)
_GROUPS: dict[str, tuple[str, int]] = {
    r"Rapid Support Forces|RSF": ("Rapid Support Forces", 2),
    r"Hamas": ("Hamas Movement", 2),
    r"Hezbollah": ("Hezbollah", 2),
    r"Houthis?|Ansar Allah": ("Ansar Allah (Houthis)", 2),
    r"Boko Haram|JAS": ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2),
    r"ISWAP|Islamic State West Africa Province": ("Islamic State West Africa Province", 2),
    r"Islamic State|ISIS|ISIL|Daesh": ("Islamic State", 2),
    r"Wagner(?: Group)?": ("Wagner Group", 8),
    r"Security Service of Ukraine|SBU": ("Security Service of Ukraine", 1),
    r"Federal Security Service|FSB": ("Federal Security Service of Russia", 1),
    r"al-Shabaab|Al Shabaab": ("Al Shabaab", 2),
    r"(?:armed )?bandits|gunmen|unidentified armed (?:group|men)": ("Unidentified Armed Group", 3),
}
_FORCE_NOUN = (
    r"(?:armed forces|forces|military|army|troops|soldiers|drones?|units?|air force|"
    r"air defen[cs]es?|navy|missiles?|artillery|strikes?|attacks?|warplanes|jets|aircraft|"
    r"border guards?|police|security service|special forces|intelligence|defen[cs]e ministry|"
    r"(?:\w+ ){0,2}campaign|positions|shelters|personnel|bunkers|"
    r"shelling|bombardments?|air ?strikes?|rockets?|bombs?|shells)"
)
_ADJ = "|".join(f"(?:{pattern})" for _, pattern in _STATES.values())
_NOT_ACTOR = r"(?!\s+(?:plants?|factor(?:y|ies)|facilit(?:y|ies)|makers?|producers?|production|depots?|sites?))"
_STATE_FORCE = re.compile(
    rf"\b(?P<state>{_ADJ})(?:['’]s)?\s+(?:(?!and\b|or\b)[a-z][\w-]*\s+){{0,3}}?(?P<noun>{_FORCE_NOUN})\b"
    + _NOT_ACTOR
)
_STATE_SUBJECT = re.compile(
    rf"\b(?P<state>{_ADJ})\b(?:\s+[\w’']+){{0,6}}?\s+(?:sent|deployed|launched|fired|struck|attacked|"
    r"hit|shelled|bombed|shot down|downed|intercepted)\b"
)
_TARGET = re.compile(
    rf"\b(?:against|on|at|targeting|hitting|struck|hit|alongside)\s+(?:the\s+)?(?P<state>{_ADJ})(?:['’]s)?\s+"
    rf"(?:(?!and\b)[a-z][\w-]*\s+){{0,2}}?(?P<noun>{_FORCE_NOUN}|targets?|infrastructure|territory|"
    r"cities|city|regions?|plants?|facilit(?:y|ies)|refinery)\b"
)
_CIVILIAN = re.compile(r"\b(?:civilians?|residents?|villagers|passers-by|children|women|people|worshippers)\b")
_GROUP_RE = [(re.compile(rf"\b(?:{pattern})\b"), name, inter) for pattern, (name, inter) in _GROUPS.items()]
# Every actor find_attacker can return starts with a group's name or a state's word: a
# sentence with neither names no attacker (most sentences; checked first, for speed).
_ANY_ACTOR = re.compile(rf"\b(?:{'|'.join(_GROUPS)}|{_ADJ})")


@dataclass(frozen=True)
class Actor:
    name: str
    state: str | None  # country a state actor belongs to
    inter: int
    start: int
    end: int


def state_of(text: str) -> str | None:
    """The state a word names: 'Kyiv' -> 'Ukraine', 'Moscow' -> 'Russia', else None."""
    for country, (_, pattern) in _STATES.items():
        if re.fullmatch(rf"(?:the )?(?:{pattern})(?:['’]s)?", text.strip(), flags=re.IGNORECASE):
            return country
    return None


def state_in(text: str) -> str | None:
    """The first state a phrase names: "Ukraine's military intelligence" -> "Ukraine"."""
    found = [(m.start(), country) for country, (_, pattern) in _STATES.items()
             for m in [re.search(rf"\b(?:{pattern})\b", text)] if m]
    return min(found)[1] if found else None



def state_force(country: str, event_country: str | None, start: int, end: int) -> Actor:
    inter = 1 if event_country in (None, country) else 8
    return Actor(f"Military Forces of {country}", country, inter, start, end)


def _state_match(match: re.Match[str], event_country: str | None) -> Actor | None:
    country = state_of(match.group("state"))
    if country is None:
        return None
    return state_force(country, event_country, match.start(), match.end())


def _nobody(start: int, end: int) -> bool:
    return False


def find_attacker(sentence: str, event_country: str | None,
                  speaker: Callable[[int, int], bool] = _nobody) -> Actor | None:
    """The first actor named as the one acting: 'Ukrainian drones', 'North Korea has sent troops';
    never one `speaker` marks as whoever reports the event ("Ukraine's air force said ...",
    see `syntax.outside_event`)."""
    if not _ANY_ACTOR.search(sentence):
        return None
    for name_re, name, inter in _GROUP_RE:
        match = next((m for m in name_re.finditer(sentence) if not speaker(*m.span())), None)
        if match and not _inside_target(sentence, match.start()):
            return Actor(name, None, inter, match.start(), match.end())
    found = [m for m in _STATE_FORCE.finditer(sentence)
             if not _inside_target(sentence, m.start()) and not speaker(m.start("state"), m.end("state"))]
    found += [m for m in _STATE_SUBJECT.finditer(sentence) if not speaker(m.start("state"), m.end("state"))]
    for match in sorted(found, key=lambda m: m.start()):
        actor = _state_match(match, event_country)
        if actor:
            return actor
    return None


_NOT_AGENT = re.compile(r"\b(?:for|of|to|from|with|alongside|against|on|at|into|near)\s+(?:the\s+)?$", re.IGNORECASE)
_DEFENCE = re.compile(r"\bair defen[cs]es?|\bair force\b|\belectronic warfare\b", re.IGNORECASE)


def _inside_target(sentence: str, position: int) -> bool:
    """Whether the state named at `position` is acted on or merely mentioned ("strikes on
    Russian positions", "drones assembled for the Russian military"), not the one acting."""
    if _NOT_AGENT.search(sentence[max(0, position - 20) : position]):
        return True
    return any(m.start("state") == position for m in _TARGET.finditer(sentence))


def is_defender(sentence: str, actor: Actor) -> bool:
    """An actor named by its air defence ("Ukrainian air defence destroyed ..."): in an
    interception it is the side defending, not the one whose weapons were launched."""
    return bool(_DEFENCE.match(sentence, actor.start + len(sentence[actor.start:].split()[0]) + 1))


def find_target(sentence: str, event_country: str | None, attacker: Actor | None) -> Actor | None:
    for match in _TARGET.finditer(sentence):
        if re.search(r"\b(?:alongside|with|beside)\s+$", sentence[: match.start("state")]):
            continue
        actor = _state_match(match, event_country)
        noun = match.group("noun")
        if actor and (attacker is None or actor.state != attacker.state):
            if re.match(r"cit|region|territory|infrastructure|plant|facilit|refinery", noun):
                return None
            return actor
    civilian = _CIVILIAN.search(sentence)
    if civilian and event_country:
        return Actor(f"Civilians ({event_country})", None, 7, civilian.start(), civilian.end())
    return None



def countries_mentioned(text: str) -> list[str]:
    """ISO2 codes of the states a text names, most often named first (ties: first named)."""
    counts: list[tuple[int, int, str]] = []
    for iso2, pattern in _STATES.values():
        hits = [m.start() for m in re.finditer(rf"\b(?:{pattern})\b", text)]
        if hits:
            counts.append((-len(hits), hits[0], iso2))
    return [iso2 for _, _, iso2 in sorted(counts)]
