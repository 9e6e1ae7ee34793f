"""Which of the four demonstration sub-types a protest snippet is, in the codebook's order.

ACLED's definitions (restated) decide a demonstration by what the demonstrators did first,
then by what was done to them:

1. the demonstrators themselves are violent or destructive (stones, arson, vandalism,
   looting, barricades or burning tyres, clashing with or injuring police) -> Violent
   demonstration, whatever the police then do;
2. otherwise, peaceful demonstrators met with lethal or serious force (live fire, killed,
   wounded) -> Excessive force against protesters;
3. otherwise, peaceful demonstrators dispersed, arrested, tear-gassed or blocked without
   serious harm -> Protest with intervention;
4. otherwise -> Peaceful protest.

``protest_subtype`` reads these cues over the whole snippet (every sentence). It is applied
only to snippets already labelled as one of the four (by the rules or the model), so the
cues need not tell a protest from other news. The cue lists are public vocabulary, written
from the definitions; nothing was fitted to CASE or ACLED data.
"""

from __future__ import annotations

import re

VIOL_DEMONSTR = "VIOL_DEMONSTR"
FORCE_AGAINST_PROTEST = "FORCE_AGAINST_PROTEST"
PROTEST_WITH_INTER = "PROTEST_WITH_INTER"
PEACE_PROTEST = "PEACE_PROTEST"
PROTEST_FAMILY = frozenset({VIOL_DEMONSTR, FORCE_AGAINST_PROTEST, PROTEST_WITH_INTER, PEACE_PROTEST})


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_CROWD = (
    r"(?:protesters?|protestors?|demonstrators?|rioters|marchers|youths?|students|residents|villagers|"
    r"supporters|crowds?|mob|people|workers|traders|farmers|participants|activists|women)"
)
_FORCES = (
    r"(?:(?:riot |anti-riot |traffic )?police(?:men| officers?)?|officers|security forces|security personnel|"
    r"soldiers|troops|gendarmes?|the army|military|guards|authorities|constables?)"
)
_W = r"[\w'-]+"
_GAP = rf"(?:(?!(?:was|were|been|being|got|by|had)\b){_W},?\s+){{0,6}}?"  # active voice only
_PROJECTILE = (
    r"(?:stones|rocks|bricks|bottles|projectiles|petrol bombs?|molotov cocktails?|fire ?bombs?|fireworks|objects|"
    r"missiles|sticks|chairs|debris|tear gas canisters back)"
)

# 1. The demonstrators' own violence or destruction.
_DEMONSTRATOR_VIOLENCE = _rx(
    r"\b(?:riot(?:s|ed|ing|ers)?\b(?!\s+(?:police|gear|squad|control|shields?|units?|officers|act))|"
    rf"(?:threw|throwing|throw|hurled|hurling|lobbed) (?:\w+ ){{0,3}}{_PROJECTILE}|"
    r"pelt(?:ed|ing)|ston(?:ed|ing)|stone (?:the )?(?:police|officers|vehicles|cars|security)|"
    r"stone[- ](?:throwing|throwers|pelting|pelters)|rock[- ]throwing|"
    r"(?:petrol bombs?|molotov cocktails?|fire ?bombs?|catapults?)\b|"
    r"tyres|tires|"
    rf"(?:set|setting|sets) (?:{_W} ){{0,4}}(?:on fire|ablaze|alight)|set fire to|torch(?:ed|ing|es)?|arson|"
    r"vandali[sz](?:ed|ing|m|es)|loot(?:ed|ing|ers|s)|ransack(?:ed|ing|s)?|smash(?:ed|ing|es)|"
    rf"(?:broke|breaking|break|broken) (?:{_W} ){{0,4}}(?:windows?|doors?|gates?|vehicles?|cars?|furniture|equipment)|"
    r"(?:erect|buil|set up|put up|mount|burn|light)\w* (?:\w+ ){0,3}barricades|barricad(?:ed|ing) (?:\w+ ){0,2}"
    r"(?:roads?|streets?|highways?|entrance|bridge)|blocked (?:\S+ ){0,5}with (?:\w+ ){0,2}(?:barricades|burning|"
    r"rocks|stones|logs|tree trunks|trees|tyres|tires)|"
    r"(?:turn(?:ed|s)?|became|becomes|grew) (?:\w+ )?violent|violent (?:protests?|demonstrations?|clashes)|"
    r"clash(?:ed|es|ing)?|scuffl\w+|brawl\w*|fist ?fights?|stones|rocks|bricks|slingshots|machetes|"
    r"broke into|forced (?:their|its|his) way|"
    r"violence (?:\w+ )?(?:broke out|erupted)|"
    rf"(?:threw|throwing|hurled|hurling) (?:{_W} ){{0,4}}at (?:\w+ ){{0,2}}(?:{_FORCES}|vehicles?|cars?|convoy|buses)|"
    r"(?<!were )(?<!was )(?<!been )(?:damag|destroy|burn)(?:ed|t|ing|s)\b|"
    rf"{_CROWD}\s+{_GAP}(?:attacked|attack|stormed|storm|assaulted|beat|fought)\b|"
    rf"attack(?:ed|ing|s)? (?!by )(?:(?!by\b)\w+ ){{0,2}}(?:{_FORCES}|police (?:station|post|vehicles?|cars?))|"
    r"(?:(?:injuring|wounding|hurting) (?:\w+ ){0,3}|(?:injured|wounded) (?:at least )?(?:\d+|an?|one|two|three|four|"
    r"five|six|several|many|dozens of|scores of) (?:\w+ )?)(?:police(?:men| officers?)?|officers|gendarmes|"
    r"soldiers|constables?)|(?:police(?:men| officers?)?|officers|gendarmes|soldiers|constables?) (?:\w+ ){0,2}"
    r"(?:were|was) (?:\w+ )?(?:injured|wounded|hurt|attacked)|hostages?"
    r")"
)
# What is burned, broken or thrown in a symbolic, peaceful protest.
_SYMBOLIC = _rx(r"\b(?:effig(?:y|ies)|flags?|portraits?|posters?|copies of|candles?|flowers|coffins?)\b")

# 2. Lethal or serious force against the demonstrators: firing on them, or deaths and serious injuries.
_FIRING = _rx(
    r"\b(?:live (?:ammunition|fire|rounds|bullets)|opened fire|open fire|fired (?:live |upon|on|into (?!the air))|"
    r"fire on|gunned down|bayonet\w*|(?:severely|brutally|badly|savagely|seriously|violently) (?:\w+ )?(?:beat|beaten|"
    r"assaulted|injured|hurt|dispersed|broke up|repressed|attacked)|excessive force|(?:brutal|bloody|violent|deadly) "
    r"(?:crackdown|repression|dispersal)|whipped|tortured)\b"
)
_HARM = _rx(
    r"\b(?<!rubber )(?:shot|shooting|gunfire|gunshots?|bullets?|kill(?:ed|ing|s)?(?! of)|dead|died|dies|death|deaths|"
    r"fatal\w*(?!:? 0)|wound(?:ed|ing|s)?|injur(?:ed|ing|ies|y)|hospitali[sz]ed|in hospital|critical condition|"
    r"fractures?|broken bones|unconscious|blind(?:ed|ing))\b"
)
# Who was harmed must be the demonstrators (or a count of people), not the person the protest is about.
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_PARTICIPANTS = _rx(
    rf"\b(?:protesters?|protestors?|demonstrators?|marchers?|participants?|crowd|strikers|students?|teenagers?|"
    r"youths?|vendors|workers|teachers|miners|farmers|women|men|he|she|they|them|among|"
    r"an? (?:\w+ )?(?:man|woman|boy|girl|student|teenager|youth|protester|demonstrator|participant)|"
    rf"\d{{1,3}}(?! {_MONTH})(?!\d)|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens|scores|many|some)\b"
)
_NOT = r"no|not|without|none|nobody|never"
_NO_HARM = _rx(rf"\b(?:{_NOT}|slightly|lightly|minor)\b(?:\s+\w+){{0,3}}\s*$")

# 3. Intervention without serious harm.
_INTERVENTION = _rx(
    r"\b(?:(?<!peacefully )(?:police|forces|soldiers|officers|guards|authorities|troops|gendarmes|army) "
    r"(?:\w+ ){0,2}dispers(?:ed|e)|(?:was|were|been|being|be) (?:\w+ )?dispersed|to disperse|dispersal|"
    r"tear ?gas(?:sed)?|tear-gas(?:sed)?|teargass?(?:ed)?|water cannons?|fired water|"
    r"rubber(?:-coated)? bullets|pellets?|pepper spray|stun grenades?|baton(?:-| )?(?:charged|charge)|batons|"
    r"arrest(?:ed|ing|s)?|detain(?:ed|ing)|detention|rounded up|apprehended|custody|"
    r"broke up|broken up|break up|forcibly|forced (?:\w+ ){0,3}to (?:leave|disperse|flee|retreat|end|stop)|"
    r"cordon(?:ed)?|kettl\w+|halted|scatter\w*|dragg\w+|vans?|"
    r"confiscat\w+|took away|taken away|ordered (?:\w+ ){0,3}to (?:leave|disperse)|"
    r"blocked (?:\w+ ){0,3}(?:march|protest|demonstrat)\w*|prevent(?:ed|ing)|stopped (?:by|the|them|a|an|\w+ (?:march|"
    r"protest|demonstrat|rally|marchers|protesters|demonstrators|participants))|intervened|disrupt\w*|"
    r"charged at|briefly held|held (?:for (?:\w+ )?hours|overnight|in custody)|taken to (?:a |the )?police|"
    r"warning shots|removed|"
    r"cleared (?:\w+ ){0,2}(?:square|road|street|camp|area|site|sit-in|protesters|demonstrators)|"
    r"beat|beaten|beating|pushed back|repelled|chased)\b"
)
# Deaths, arrests or detentions that are the protest's cause, not what was done to the protesters.
_REASON = (
    r"(?:release|freedom|free|freeing|against|over|protest(?:ed|ing)|denounc\w*|condemn\w*|justice for|demand\w*|about)"
)
_CLAUSE_GAP = r"(?:(?!(?:were|was|been|by|and|then)\b)\w+\s+){0,3}$"  # the same clause, before its verb
_HARM_CAUSE = _rx(rf"\b(?:{_REASON}|after|following|since|who|whose|of)\s+{_CLAUSE_GAP}")
_ARREST_CAUSE = _rx(rf"\b(?:{_REASON}|the|of|for)\s+{_CLAUSE_GAP}")
_NEGATED = _rx(rf"\b(?:{_NOT})\b(?:\s+\w+){{0,3}}\s*$")


def _violent(text: str) -> bool:
    for match in _DEMONSTRATOR_VIOLENCE.finditer(text):
        if _NEGATED.search(text[max(0, match.start() - 50) : match.start()]):
            continue
        if not _SYMBOLIC.search(text[match.start() : match.end() + 40]):
            return True
    return False


_IN_THE_AIR = _rx(r"^\W*(?:\w+ ){0,3}(?:in|into) the air|^\W*(?:\w+ ){0,2}warning shots")


def _serious_force(text: str) -> bool:
    for match in _FIRING.finditer(text):
        if _IN_THE_AIR.search(text[match.end() : match.end() + 40]):
            continue  # warning shots: an intervention, not lethal force
        if not _NO_HARM.search(text[max(0, match.start() - 50) : match.start()]):
            return True
    for match in _HARM.finditer(text):
        before = text[max(0, match.start() - 50) : match.start()]
        if _NO_HARM.search(before) or _HARM_CAUSE.search(before):
            continue
        if _PARTICIPANTS.search(text[max(0, match.start() - 60) : match.end() + 60]):
            return True
    return False


# Cues that demonstrators can do themselves ("protesters halted traffic", "disrupted a meeting"):
# an intervention only when the forces are named in the same sentence.
_EITHER_SIDE = _rx(r"(?:halted|disrupt\w*|prevent\w*|stopped|removed|vans?)\b")  # matched at the cue's start
_FORCES_NAMED = _rx(rf"\b{_FORCES}")


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    right = min((i for i in (text.find(". ", end), text.find("; ", end)) if i >= 0), default=len(text))
    return text[left + 1 : right]


def _intervention(text: str) -> bool:
    for match in _INTERVENTION.finditer(text):
        before = text[max(0, match.start() - 50) : match.start()]
        if _NEGATED.search(before) or _HARM_CAUSE.search(before):
            continue
        if _EITHER_SIDE.match(match.group(0)) and not _FORCES_NAMED.search(
            _sentence_around(text, match.start(), match.end())
        ):
            continue
        if match.group(0).lower().startswith(("arrest", "detain", "detention")) and _ARREST_CAUSE.search(before):
            continue
        return True
    return False


def protest_subtype(text: str) -> str | None:
    """The demonstration sub-type the snippet's cues call for, in the codebook's order, or
    None when the snippet names neither violence, force nor intervention."""
    if _violent(text):
        return VIOL_DEMONSTR
    if _serious_force(text):
        return FORCE_AGAINST_PROTEST
    if _intervention(text):
        return PROTEST_WITH_INTER
    return None


def in_codebook_order(label: str, text: str) -> str:
    """A demonstration label re-decided by ``protest_subtype``; any other label, or a snippet
    without a cue, keeps its label (the classifier's choice)."""
    if label not in PROTEST_FAMILY:
        return label
    return protest_subtype(text) or label
