"""Named sites: the facility an event happened at ("Kremniy EL plant", "Engels airbase",
"Kharkiv railway station"), with a normalised key so spelling variants meet.

A site needs a facility word with a proper name ("the Sheskharis oil terminal", "the Saudi
Hospital") or with its town: the one the text gives ("the refinery in Kstovo", "the port of
Odesa", "a market in the town of Menaka": keyed by town and kind, and yielding to a proper name
the article gives the facility) or, for an unnamed facility ("the main railway station"), the
event's own town, after which the mention names it. None is made from an attribution ("a
hospital official said", "port workers"), a landmark that places something else ("near the
central market"), a facility word describing a town ("the port city of Callao"), or a country,
demonym or region as the name ("Mali market", "Chinese-backed port", "in Russia's Rostov
region"). Vocabulary: `lexicon/en/sites.toml`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

import regex

from eventwatch.conventions.actors import state_of_demonym
from eventwatch.extract.vocab import alternation, load

_LEX = load("sites")
_KINDS: dict[str, str] = {noun.casefold(): kind for noun, kind in _LEX["kinds"].items()}
_NOUN = alternation(list(_KINDS))
_WORD = r"(?:\p{Lu}[\w’'-]*|\p{Lu}{2,})"
_NAME = rf"{_WORD}(?:[ -](?:{_WORD}|\d+))*"
_MOD = r"\p{Ll}[\p{Ll}-]+"
_TOWN_OF = rf"(?:the\s+(?:(?:{_WORD}|{_MOD})\s+){{0,2}}?{alternation(_LEX['towns'])}\s+of\s+)?"
# The proper name before a facility word, as whole words that cannot be split two ways (a
# hyphen inside a word is the word's; "12-B" is a number and a word), at most _NAME_WORDS of
# them: longer runs of capitals are headlines or tables, and an unbounded run would be read
# again from each of its words (quadratic on a page of capitals, cubic on "A-A-A-...").
_NAME_WORDS = 12
_NAME_PART = r"(?:\p{Lu}[\w’'-]*+|\d++(?:-\d++)*+(?:-\p{Lu}[\w’'-]*+)?)"
_NAMED = regex.compile(
    rf"\b(?P<name>\p{{Lu}}[\w’'-]*+(?: {_NAME_PART}){{0,{_NAME_WORDS - 1}}})"
    rf"\s+(?P<mods>(?:{_MOD}\s+){{0,3}}?)(?P<noun>(?i:{_NOUN}))\b"
)
_NAME_OF = regex.compile(
    rf"(?:\b(?i:the|a|an)\s+(?P<mods>(?:{_MOD}\s+){{0,2}}?))?"
    rf"\b(?P<noun>(?i:{_NOUN}))\s+(?:(?:of|in|at)\s+{_TOWN_OF}|near\s+{_TOWN_OF[:-1]})(?P<name>(?>{_NAME}))"
    rf"(?!\s+(?i:{alternation(_LEX['regions'])})\b)"  # "in Russia's Rostov region": not the town
)
_OF_NAME = regex.compile(rf"\s+of\s+{_TOWN_OF}{_NAME}")
_TOWN_OWN = regex.compile(
    rf"\b(?i:the\s+{alternation(_LEX['towns'])})['’]s\s+(?P<mods>(?:{_MOD}\s+){{0,2}}?)(?P<noun>(?i:{_NOUN}))\b"
)
_GENERIC = regex.compile(
    rf"\b(?i:the|a|an)\s+(?P<mods>(?:{_MOD}\s+){{0,3}}?)(?P<noun>(?i:{_NOUN}))\b"
    rf"(?!\s+(?i:{alternation(_LEX['towns'])})\b)"  # "the port city of Callao": a town, not a port
)
_NOT_NAMES = regex.compile(rf"^{alternation(_LEX['not_names'])}(?:\s+|$)")
_ROLE = regex.compile(rf"^(?:['’]s)?\s+{alternation(_LEX['roles'])}\b", regex.IGNORECASE)
_LANDMARK = regex.compile(
    rf"\b{alternation(_LEX['proximity'])}\s+(?:(?:the|a|an)\s+)?(?:{_MOD}\s+){{0,3}}$", regex.IGNORECASE
)
_ANAPHOR = re.compile(rf"\b(?:the|this|that)\s+(?:same\s+)?(?P<noun>{_NOUN})\b", re.IGNORECASE)
_MOD_STOP = frozenset(_LEX["mod_stop"])


@dataclass(frozen=True)
class SiteMention:
    name: str  # canonical display name, e.g. "Kremniy EL plant"
    key: str  # normalised proper name ("kremniy el"), or "" for an unnamed site
    kind: str
    start: int
    end: int
    town: bool = False  # named only after its town ("the plant in Bryansk"): a proper name wins

    @property
    def named(self) -> bool:
        return bool(self.key)

    def yields_to(self, other: SiteMention) -> bool:
        """Whether `other` names this site better: a named site an unnamed one, a proper name
        one named only after its town (of the same kind)."""
        if not self.named:
            return other.named
        return self.town and other.named and not other.town and other.kind == self.kind

    def differs_from(self, other: SiteMention) -> bool:
        """Whether the two are different named facilities (not one site told two ways)."""
        if not (self.named and other.named) or self.key == other.key:
            return False
        return not ((self.town or other.town) and self.kind == other.kind)


def site_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9а-я]+", " ", text).strip()


def _kind(noun: str) -> str:
    return _KINDS[" ".join(noun.split()).casefold()]


def _proper(name: str, keep_demonyms: bool = False) -> str:
    """`name` without leading words that name nothing ("The", "Russian"); "" when nothing is
    left, or when it is a country, a demonym or an adjective ("Mali", "Chinese-backed")."""
    while True:
        first = name.split(" ", 1)[0]
        stripped = _NOT_NAMES.sub("", name, count=1)
        if stripped == name and not keep_demonyms and state_of_demonym(first) and " " in name:
            stripped = name.split(" ", 1)[1]
        if stripped == name:
            break
        name = stripped
    if not name or not regex.search(r"\p{L}{2}", name) or regex.search(r"['’]s?$|-\p{Ll}+$", name):
        return ""  # a possessor ("Putin's"), or an adjective ("Western-supplied")
    return "" if state_of_demonym(name) and not keep_demonyms else name


def _not_the_site(sentence: str, start: int, end: int) -> bool:
    """An attribution ("a hospital official said") or a landmark ("near the market")."""
    return bool(_ROLE.match(sentence[end:]) or _LANDMARK.search(sentence[:start]))


def _mods(raw: str) -> str | None:
    words = raw.split()
    return None if any(w in _MOD_STOP for w in words) else " ".join(words)


def _named(sentence: str) -> list[SiteMention]:
    found = []
    for match in _NAMED.finditer(sentence):
        noun, mods = match.group("noun"), _mods(match.group("mods"))
        capital = noun[:1].isupper()  # "the Saudi Hospital": the noun is part of the name
        name = _proper(match.group("name"), keep_demonyms=capital)
        if mods is None or not name or _not_the_site(sentence, match.start(), match.end()):
            continue
        if _OF_NAME.match(sentence, match.end()):  # "the Black Sea port of Novorossiysk"
            continue
        start = match.start("name") + match.group("name").find(name)
        display = " ".join(part for part in (name, mods, noun) if part)
        found.append(SiteMention(display, site_key(name), _kind(noun), start, match.end()))
    return found


def _name_of(sentence: str, found: list[SiteMention]) -> list[SiteMention]:
    """ "the refinery in Kstovo", "the port of Odesa": a facility word with its town
    ("Kstovo refinery"). Its key is the town and the kind ("kstovo refinery"), so that a town is
    never taken for a facility's own name (Bryansk's railway station is not its plant), and it
    yields to a proper name the article gives the facility (`yields_to`: "the plant in the
    city of Bryansk" is the "Kremniy EL plant")."""
    result = []
    for match in _NAME_OF.finditer(sentence):
        mods = _mods(match.group("mods") or "")
        if (
            mods is None
            or not _proper(match.group("name"))
            or any(s.start <= match.start("noun") < s.end for s in found)
        ):
            continue
        if _not_the_site(sentence, match.start(), match.end("noun")):
            continue
        noun, town = " ".join(match.group("noun").split()).lower(), _proper(match.group("name"))
        start = match.start("mods") if mods else match.start("noun")
        result.append(SiteMention(f"{town} {noun}", site_key(f"{town} {noun}"), _kind(noun), start, match.end(), True))
    return result


def _unnamed(pattern: regex.Pattern[str], sentence: str, found: list[SiteMention]) -> list[SiteMention]:
    """An unnamed facility, which the mention names after the event's town: "the city's port"
    (`_TOWN_OWN`), "the main railway station", "a school" (`_GENERIC`); never an attribution
    or a landmark."""
    result = []
    for match in pattern.finditer(sentence):
        mods = _mods(match.group("mods"))
        if mods is None or any(s.start <= match.start("noun") < s.end for s in found):
            continue
        if _not_the_site(sentence, match.start(), match.end()):
            continue
        noun = " ".join(match.group("noun").split()).lower()
        result.append(SiteMention(f"{mods} {noun}".strip(), "", _kind(noun), match.start("mods"), match.end()))
    return result


def find_sites(sentence: str) -> list[SiteMention]:
    found = _named(sentence)
    found += _name_of(sentence, found)
    found += _unnamed(_TOWN_OWN, sentence, found)
    found += _unnamed(_GENERIC, sentence, found)
    return sorted(found, key=lambda s: s.start)


def kind_of_name(name: str) -> str | None:
    """The kind of facility a site name ends with ("Engels airfield" -> "airbase")."""
    match = re.search(rf"\b({_NOUN})\b", name, re.IGNORECASE)
    return _kind(match.group(1)) if match else None


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
        kinds = [s for s in known.values() if s.kind == _kind(match.group("noun"))]
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
