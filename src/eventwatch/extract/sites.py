"""Named sites: the facility an event happened at ("Kremniy EL plant", "Engels airbase",
"the main railway station"), with a normalised key so spelling variants meet."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

_KINDS = {
    "plant": "plant",
    "factory": "plant",
    "works": "plant",
    "refinery": "refinery",
    "oil depot": "depot",
    "fuel depot": "depot",
    "depot": "depot",
    "arsenal": "depot",
    "warehouse": "depot",
    "airbase": "airbase",
    "air base": "airbase",
    "airfield": "airbase",
    "airport": "airport",
    "railway station": "railway station",
    "train station": "railway station",
    "station": "station",
    "seaport": "port",
    "port": "port",
    "bridge": "bridge",
    "substation": "power facility",
    "power plant": "power facility",
    "power station": "power facility",
    "dam": "dam",
    "terminal": "terminal",
    "headquarters": "headquarters",
    "hq": "headquarters",
    "barracks": "military base",
    "military base": "military base",
    "naval base": "military base",
    "hospital": "hospital",
    "school": "school",
    "market": "market",
    "shopping centre": "market",
    "shopping center": "market",
    "mall": "market",
    "shipyard": "shipyard",
    "pumping station": "pipeline",
    "pipeline": "pipeline",
}
_NOUN = "|".join(sorted((re.escape(k) for k in _KINDS), key=len, reverse=True))
_NAME = r"(?:[A-Z][\w’'-]*|[A-Z]{2,})(?:[ -](?:[A-Z][\w’'-]*|[A-Z]{2,}|\d+))*"
_NAMED = re.compile(rf"\b(?P<name>{_NAME})\s+(?P<mods>(?:[a-z][a-z-]+\s+){{0,3}}?)(?P<noun>{_NOUN})\b")
_NAME_OF = re.compile(rf"\b(?P<noun>{_NOUN})\s+(?:of|in|at)\s+(?P<name>{_NAME})")
_GENERIC = re.compile(rf"\b(?:the|a|an)\s+(?P<mods>(?:[a-z][a-z-]+\s+){{0,3}}?)(?P<noun>{_NOUN})\b", re.IGNORECASE)
# Words that start a capitalised run but do not name a site.
_NOT_NAMES = re.compile(
    r"^(?:The|A|An|Russian|Ukrainian|Russia['’]s|Ukraine['’]s|Iskander|Shahed|Kalibr|Soviet|Israeli|Iranian|"
    r"State|Military|Main|Central|Regional|This|That|Its|Their|His|Her|One|Two|Three|Four|Five|"
    r"Six|Seven|Eight|Nine|Ten|Several|Both|Each|Another|Other|Some|Many|Local|Nearby|When|After|Before|"
    r"While|As|If|In|On|At|Of|Near|Outside)(?:\s+|$)"
)
_ANAPHOR = re.compile(rf"\b(?:the|this|that)\s+(?:same\s+)?(?P<noun>{_NOUN})\b", re.IGNORECASE)
_MOD_STOP = {"the", "a", "an", "and", "of", "was", "is", "in", "at", "on", "near", "hit", "that", "which"}


@dataclass(frozen=True)
class SiteMention:
    name: str  # canonical display name, e.g. "Kremniy EL plant"
    key: str  # normalised proper name ("kremniy el"), or "" for an unnamed site
    kind: str
    start: int
    end: int

    @property
    def named(self) -> bool:
        return bool(self.key)


def site_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9а-я]+", " ", text).strip()


def _strip_leading(name: str) -> str:
    while True:
        stripped = _NOT_NAMES.sub("", name, count=1)
        if stripped == name:
            return name
        name = stripped


def _mods(raw: str) -> str:
    words = raw.split()
    return " ".join(words) if not any(w in _MOD_STOP for w in words) else ""


def find_sites(sentence: str) -> list[SiteMention]:
    found: list[SiteMention] = []
    for match in _NAMED.finditer(sentence):
        name = _strip_leading(match.group("name"))
        noun = match.group("noun")
        if not name or not re.search(r"[A-Za-z]{2}", name):
            continue
        if re.search(r"['’]s?$", name):  # "Putin's war command headquarters": a possessor, not a name
            continue
        mods = _mods(match.group("mods"))
        display = " ".join(part for part in (name, mods, noun) if part)
        start = match.start("name") + match.group("name").find(name)
        found.append(SiteMention(display, site_key(name), _KINDS[noun.lower()], start, match.end()))
    for match in _NAME_OF.finditer(sentence):
        if not found and not re.search(r"['’]s?$", match.group("name")):
            noun, name = match.group("noun"), match.group("name")
            found.append(
                SiteMention(f"{name} {noun}", site_key(name), _KINDS[noun.lower()], match.start(), match.end())
            )
    for match in _GENERIC.finditer(sentence):
        if any(s.start <= match.start("noun") < s.end for s in found):
            continue
        mods, noun = _mods(match.group("mods")), match.group("noun").lower()
        display = f"{mods} {noun}".strip()
        found.append(SiteMention(display, "", _KINDS[noun], match.start("mods"), match.end()))
    return sorted(found, key=lambda s: s.start)


def kind_of_name(name: str) -> str | None:
    """The kind of facility a site name ends with ("Engels airfield" -> "airbase")."""
    match = re.search(rf"\b({_NOUN})\b", name, re.IGNORECASE)
    return _KINDS[match.group(1).lower()] if match else None


def find_alias(sentence: str, known: dict[str, SiteMention]) -> SiteMention | None:
    """A site already named in the article: its bare proper name ("at the Kremniy EL"), or
    "the (same) refinery" when the article has named one refinery. The mention returned
    carries the offsets of the words in this sentence, not those of the first naming."""
    for key, site in known.items():
        if not key:
            continue
        words = r"[\W_]+".join(re.escape(word) for word in key.split())
        match = re.search(rf"(?<![^\W_]){words}(?![^\W_])", _fold_keep_length(sentence))
        if match:
            return replace(site, start=match.start(), end=match.end())
    for match in _ANAPHOR.finditer(sentence):
        kinds = [s for s in known.values() if s.kind == _KINDS[match.group("noun").lower()]]
        if len(kinds) == 1:
            return replace(kinds[0], start=match.start(), end=match.end())
    return None


def _fold_keep_length(text: str) -> str:
    """Casefolded, accents removed, one character for one character (so offsets stay valid)."""
    out = []
    for char in text:
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()
        out.append(base if len(base) == 1 else char.lower()[:1] or char)
    return "".join(out)
