"""Government regains territory or Non-state actor overtakes territory: who ends up in control.

The two ACLED sub-types differ only in the side that takes the place (restated from the
public definitions): state forces winning a place back from a rival armed group ->
Government regains territory; a non-state armed group taking a place by force -> Non-state
actor overtakes territory. A classifier often mixes them up, since both name both sides
("captured the district from the army" vs "the army captured the district from the
rebels"). ``taker`` reads the side that takes: the agent of a passive taking ("fell to the
rebels", "was recaptured by troops"), else the nearest actor before an active taking verb in
the same clause. Three more codebook distinctions (``by_taker``): fighting for a place that was
held off, with nothing taken, is an armed clash; a place taken without a fight is a non-violent
transfer; a "non-violent transfer" with no sign that control passed is only a group moving, a
change to group activity. The word lists are public vocabulary; nothing was fitted to CASE or
ACLED data.
"""

from __future__ import annotations

import re

GOV_REGAINS = "GOV_REGAINS_TERIT"
NON_STATE_OVERTAKES = "NON_STATE_ACTOR_OVERTAKES_TER"
TERRITORY_FAMILY = frozenset({GOV_REGAINS, NON_STATE_OVERTAKES})

_STATE = (
    r"(?:pro-government (?:militias?|fighters|forces|groups?)|allied (?:\w+ )?(?:militias?|fighters|forces)|"
    r"army|armies|troops|soldiers|military|government forces|security forces|armed forces|defen[cs]e forces|"
    r"national forces|pro-government forces|loyalist forces|government|regime|police|gendarmes?|gendarmerie|"
    r"marines|paratroopers|special forces|commandos|national guard|(?-i:FARDC|FAMa|SNA|AMISOM|ANDSF|ANA|SAF)|Tatmadaw|"
    r"state forces|federal forces|coalition forces|joint forces|peacekeepers)"
)
_NONSTATE = (
    r"(?:militants?|rebels?|insurgents?|jihadists?|Islamists?|extremists?|guerrillas?|separatists?|"
    r"militia(?:s|men)?|armed (?:groups?|men)|gunmen|bandits|fighters|al-Shabaab|al-Shabab|Shabaab|Taliban|"
    r"Houthis?|Ansar Allah|Islamic State|Boko Haram|M23|Hamas|Hezbollah|Hayat Tahrir al-Sham|Tigrayan forces|"
    r"(?-i:IS|ISIS|ISIL|ISWAP|JNIM|RSF|ADF|HTS|SDF|YPG|PKK|FARC|ELN|NPA|KIA|TPLF|LNA)|"
    r"(?:Liberation|Independence|Resistance|Revolutionary|Salvation|Arakan|Mahdi|Mai-Mai) Army|"
    r"opposition forces|anti-government forces|tribesmen|vigilantes)"
)
_TAKE = (
    r"(?:re-?captur(?:ed|es|ing|e)|captur(?:ed|es|ing|e)|seiz(?:ed|es|ing|e)|re-?took|re-?takes?|retaken|took|"
    r"takes?|taken|overr(?:an|un|uns)|liberat(?:ed|es|ing|ion)|regain(?:ed|s)?|reclaim(?:ed|s)?|gained|gains|"
    r"wrest(?:ed|s)?|(?:re)?occup(?:ied|ies|y)|cleared|clears|entered|enters|stormed|secured|recover(?:ed|s)?|"
    r"drove|driven|drives|chased|expelled|dislodged|ousted|routed|pushed|restored|reasserted)"
)
_ACTOR = re.compile(rf"\b(?:(?P<state>{_STATE})|(?P<nonstate>{_NONSTATE}))\b", re.IGNORECASE)
_PASSIVE = re.compile(
    rf"\b(?:fell|fallen|falls|(?:was|were|(?<!had )been|being|is) (?:\w+ )?{_TAKE})\s+(?:to|by|into the hands of)\s+"
    rf"(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?(?:(?P<state>{_STATE})|(?P<nonstate>{_NONSTATE}))\b",
    re.IGNORECASE,
)
_UNDER = re.compile(
    rf"\b(?:under (?:the )?(?:full )?control of|(?:back )?(?:in|into) the hands of)\s+(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?"
    rf"(?:(?P<state>{_STATE})|(?P<nonstate>{_NONSTATE}))\b",
    re.IGNORECASE,
)
_ACTIVE = re.compile(rf"\b{_TAKE}\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.;:]|\b(?:after|before|when|while|as|and|but|which|who|following)\b", re.IGNORECASE)


def _side(match: re.Match[str]) -> str:
    return GOV_REGAINS if match.group("state") else NON_STATE_OVERTAKES


def _other(side: str) -> str:
    return NON_STATE_OVERTAKES if side == GOV_REGAINS else GOV_REGAINS


_BACK = re.compile(r"re-?|liberat|regain|reclaim|won back|took back|taken back", re.IGNORECASE)
_BACKGROUND = re.compile(r"\bhad (?:\w+ )?$", re.IGNORECASE)  # "the rebels had seized it last week"
_SENTENCE_START = re.compile(r"(?:^|[.;!?]\s)")
# Verbs whose object is the side that loses the place; in the passive their subject is.
_EXPEL = re.compile(r"drove|driven|drives|chased|expelled|dislodged|ousted|routed|pushed", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", re.IGNORECASE)
_HELPER = re.compile(
    r"\b(?:(?:backed|supported|aided|helped|assisted) by|with the (?:help|support) of)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _active_taker(text: str, verb: re.Match[str]) -> str | None:
    """The side of the nearest actor before the verb within its clause; else (not for a
    winning-back verb, whose object is often the loser) the sentence's first actor."""
    window = text[max(0, verb.start() - 80) : verb.start()]
    starts = [m.end() for m in _CLAUSE_START.finditer(window)]
    clause = window[starts[-1] :] if starts else window
    actors = [m for m in _ACTOR.finditer(clause) if not _HELPER.search(clause[: m.start()])]
    if actors:
        side = _side(actors[-1])
        expelled = _EXPEL.match(verb.group(0)) and _PASSIVE_BEFORE.search(clause)
        return _other(side) if expelled else side
    if _BACK.match(verb.group(0)):
        return None
    sentence_start = max((m.end() for m in _SENTENCE_START.finditer(text[: verb.start()])), default=0)
    first = _ACTOR.search(text, sentence_start, verb.start())
    return _side(first) if first else None


def taker(text: str) -> str | None:
    """The territory label of the side that takes the place, or None when the snippet does
    not say who took it."""
    for pattern in (_PASSIVE, _UNDER):
        match = pattern.search(text)
        if match:
            return _side(match)
    for verb in _ACTIVE.finditer(text):
        if _BACKGROUND.search(text[max(0, verb.start() - 12) : verb.start()]):
            continue
        side = _active_taker(text, verb)
        if side is not None:
            return side
    return None


ARMED_CLASH = "ARMED_CLASH"
NON_VIOLENT = "NON_VIOL_TERRIT_TRANSFER"
CHANGE_TO_GROUP = "CHANGE_TO_GROUP_ACT"
# An assault that was held off, or an attempt to take a place: the codebook's territory labels
# need the place to change hands, so such fighting is an armed clash.
_REPELLED = re.compile(
    r"\b(?:repell?(?:ed|s)?|repuls(?:ed|es)?|beat(?:en)? back|fought (?:\w+ )?off|held off|foil(?:ed|s)|thwart(?:ed|s)|"
    rf"(?:fail(?:ed|s)?|tried|trying|attempt(?:ed|s|ing)?|attempts?|bids?|push(?:ed)?|efforts?) to {_TAKE}|"
    r"(?:fight\w*|fought|battl\w+|clash\w*|struggl\w+|vying|contest\w*) (?:\w+ ){0,4}for (?:the )?control)\b",
    re.IGNORECASE,
)
_ATTEMPTED = re.compile(rf"\bto {_TAKE}\b", re.IGNORECASE)
# A place taken with no fight at all: the codebook's non-violent transfer of territory.
_UNCONTESTED = re.compile(
    r"\b(?:without (?:a |any )?(?:fight(?:ing)?|resistance|a (?:single )?shot(?: being)? fired|bloodshed|violence|"
    r"clashes|combat)|unopposed|uncontested|peacefully|"
    r"no (?:fighting|resistance|clashes|shots?) (?:was |were )?(?:reported|fired|took place|occurred))\b",
    re.IGNORECASE,
)
# Any sign that control of a place passed (or was given up): without one, a "transfer" is only
# a group moving, a change to group activity in the codebook.
_CONTROL = re.compile(
    rf"\b(?:{_TAKE}|t(?:ook|aken|akes?|aking) over|hand(?:ed|s|ing)? over|handover|over to|control|"
    r"raised (?:the|their) flags?|surrender(?:ed|s)?|ced(?:ed|es|e)|abandon(?:ed|s)?|vacat(?:ed|es)|left|"
    r"mov(?:ed|es|ing|e) (?:back )?in(?:to)?|returned to|walk(?:ed|s)? in(?:to)?|enter\w*|"
    r"leaving (?:\w+ ){0,3}to|free of|buffer zone)\b",
    re.IGNORECASE,
)


def held_off(text: str) -> bool:
    """The snippet reports an assault held off or a failed attempt on a place, and no taking
    outside that attempt."""
    if not _REPELLED.search(text):
        return False
    rest = _ATTEMPTED.sub(" ", text)
    return not (_PASSIVE.search(rest) or _UNDER.search(rest) or _ACTIVE.search(rest))


def by_taker(label: str, text: str) -> str:
    """A government/non-state territory label re-decided by who takes the place (an assault
    held off with nothing taken: an armed clash; a place taken without a fight: a non-violent
    transfer); a non-violent transfer with no sign of control passing is a change to group
    activity; any other label, or a snippet that does not say who took it, keeps its label."""
    if label == NON_VIOLENT:
        return label if _CONTROL.search(text) else CHANGE_TO_GROUP
    if label not in TERRITORY_FAMILY:
        return label
    if held_off(text):
        return ARMED_CLASH
    if _UNCONTESTED.search(text):
        return NON_VIOLENT
    return taker(text) or label
