"""A whole snippet (1-3 sentences) -> one CASE 2021 label.

CASE 2021 Task 2 labels are the 25 ACLED sub-event types (by code) plus five labels for
news ACLED does not code: ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB.

1. Every sentence goes through the sentence classifier (``event_type.classify_all``).
   Negated or hypothetical guesses are dropped. The snippet's event guess is the
   strongest confident guess, asserted before generic, ACLED's hierarchy on ties.
2. The five extra labels have small rule sets written here from their definitions.
   A strong crime or disaster cue displaces an event guess whose trigger says nothing
   about who acted (an "Attack" read off "killed", a "Remote explosive" read off
   "explosion") -- ACLED leaves such events out, so the generic trigger misled.
   A claim of responsibility or a diplomatic statement never displaces a reported event:
   eventwatch keeps claims as a field of the event (``Claim``), as ACLED does in its notes.
3. Without a confident event guess the strongest extra-label cue wins, then the
   strongest weak event guess, then ``FALLBACK`` (ACLED's catch-all "Other").

Nothing here was fitted to CASE or ACLED data; the cue lists are public vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwatch.extract.event_type import CONFIDENT, TypeGuess, classify_all
from eventwatch.extract.sentences import split_sentences
from eventwatch.taxonomy import BATTLES, EVENT_TYPE_OF, PROTESTS, RIOTS, hierarchy_rank

# CASE 2021 label code -> ACLED sub-event type name (public vocabulary, typed here).
ACLED_CODES: dict[str, str] = {
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "ARMED_CLASH": "Armed clash",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "PEACE_PROTEST": "Peaceful protest",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
}
ORG_CRIME = "ORG_CRIME"
NATURAL_DISASTER = "NATURAL_DISASTER"
MAN_MADE_DISASTER = "MAN_MADE_DISASTER"
DIPLO = "DIPLO"
ATTRIB = "ATTRIB"
EXTRA_LABELS: dict[str, str] = {
    ORG_CRIME: "Organized crime",
    NATURAL_DISASTER: "Natural disaster",
    MAN_MADE_DISASTER: "Man-made disaster",
    DIPLO: "Diplomatic event",
    ATTRIB: "Attribution of responsibility",
}
CASE_LABELS: dict[str, str] = {**ACLED_CODES, **EXTRA_LABELS}
CODE_OF: dict[str, str] = {name: code for code, name in ACLED_CODES.items()}
FALLBACK = "OTHER"  # the most generic label: ACLED's catch-all strategic development

STRONG = 1.2  # a cue this strong names the kind of event by itself ("earthquake", "cartel")
CUE = 1.0  # confident, but does not displace an event guess
HINT = 0.6  # a weak cue: used only when nothing confident fired
WEAK_EVENT = 0.5  # weakest unconfirmed event guess still better than the fallback

_DISPLACED_BY_CRIME = frozenset(
    {
        "Attack",
        "Armed clash",
        "Arrests",
        "Abduction/forced disappearance",
        "Disrupted weapons use",
        "Looting/property destruction",
        "Change to group/activity",
        "Other",
    }
)
_DISPLACED_BY_ACCIDENT = frozenset(
    {
        "Remote explosive/landmine/IED",
        "Chemical weapon",
        "Attack",
        "Looting/property destruction",
        "Change to group/activity",
        "Disrupted weapons use",
        "Other",
    }
)


@dataclass(frozen=True)
class Prediction:
    label: str  # one of CASE_LABELS
    sub_event_type: str | None  # the ACLED name, None for the five extra labels
    score: float
    evidence: str  # the sentence the label was read from


@dataclass(frozen=True)
class _ExtraRule:
    pattern: re.Pattern[str]
    weight: float
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _ExtraHit:
    label: str
    score: float
    evidence: str


@dataclass(frozen=True)
class _Candidate:
    guess: TypeGuess
    evidence: str
    index: int  # sentence index: earlier sentences win exact ties


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_ATTACKER = _rx(
    r"\b(?:attack(?:s|ed|ers?)?|bomb(?:s|ed|ing|ings|ers?)?|militants?|insurgents?|rebels?|jihadists?|gunmen|"
    r"terror\w*|arson\w*|torched|shell(?:ed|ing)|missiles?|rockets?|drones?|air ?strikes?|sabotage\w*|"
    r"suicide|IEDs?|explosive devices?|grenades?|protesters?|rioters?|shot down|militia\w*)\b"
)
_NOT_WEATHER = _rx(r"\b(?:flood(?:s|ed)? of|storm of|firestorm|brainstorm\w*|political storm)\b")

# Rules per extra label, written from the label definitions (public vocabulary only).
_EXTRA_RULES: dict[str, tuple[_ExtraRule, ...]] = {
    NATURAL_DISASTER: (
        _ExtraRule(
            _rx(
                r"\b(?:earthquakes?|quakes?|tremors?|magnitude[- ]?\d|seismic|tsunamis?|floods?|flooding|"
                r"flash[- ]floods?|floodwaters?|inundat\w+|cyclones?|hurricanes?|typhoons?|tropical (?:storm|"
                r"depression)s?|tornado(?:e?s)?|landslides?|mudslides?|avalanches?|volcan(?:o|oes|ic)|"
                r"volcanic eruptions?|droughts?|wildfires?|bush ?fires?|forest fires?|heat ?waves?|torrential rains?|"
                r"heavy rain(?:s|fall)?|monsoon|lightning|hailstorms?|snowstorms?|blizzards?|sandstorms?|"
                r"storm surges?|locust\w*)\b"
            ),
            STRONG,
            _NOT_WEATHER,
        ),
        _ExtraRule(_rx(r"\b(?:storms?|rains?|extreme weather|natural disasters?)\b"), HINT, _NOT_WEATHER),
    ),
    MAN_MADE_DISASTER: (
        _ExtraRule(
            _rx(
                r"\b(?:(?:fire|blaze|inferno)s? (?:\w+ )?(?:broke out|gutted|ripped through|engulfed|swept through|"
                r"razed|destroyed|erupted)|(?:factory|industrial|warehouse|market|hospital|refinery|building|"
                r"house|apartment|hotel|school|prison|mine|ship|tanker) (?:fire|blaze)s?|"
                r"(?:buildings?|bridges?|mines?|dams?|walls?|roofs?|stadiums?|structures?|tower|block|"
                r"hotel|school|church|mosque) (?:\w+ )?(?:collapsed|caved in|gave way|burst)|collapse of (?:an? |the )?"
                r"(?:\w+ )?(?:building|bridge|mine|dam|wall|roof|block)|(?:train|plane|bus|boat|ferry|truck|"
                r"lorry|tanker|helicopter|vehicle|road|car|air|rail) (?:crash|accident|collision|disaster)e?s?|"
                r"derail\w*|capsiz\w*|(?:boat|ship|ferry|vessel) (?:\w+ )?sank|crashed|collided|collisions?|"
                r"(?:gas|boiler|cylinder|chemical|pipeline|fuel|fireworks|tanker|transformer|mine|dust) "
                r"(?:explosions?|blasts?|exploded|leaks?)|explosions? (?:\w+ ){0,2}(?:at|in) (?:an? |the )?"
                r"(?:\w+ ){0,2}(?:factory|plant|mine|warehouse|refinery|depot|chemical|fuel station|"
                r"petrol station|gas station)|gas leaks?|chemical (?:leak|spill)s?|oil spills?|toxic spills?|"
                r"stampedes?|road accidents?|industrial accidents?|carbon monoxide|electrocut\w+)\b"
            ),
            STRONG,
            _ATTACKER,
        ),
        _ExtraRule(
            _rx(
                r"\b(?:accidents?|accidental(?:ly)?|(?<!opened )(?<!open )(?<!set )(?<!under )fires?|blaze|"
                r"explosions?)\b"
            ),
            HINT,
            _ATTACKER,
        ),
    ),
    ORG_CRIME: (
        _ExtraRule(
            _rx(
                r"\b(?:drug[- ](?:trafficking|traffickers?|smuggl\w+|cartels?|lords?|gangs?|dealers?|dealing|"
                r"syndicates?|rings?|busts?|hauls?|seizures?|barons?|kingpins?)|narco\w*|cartels?|"
                r"gangs?(?![- ]?rap)|gangsters?|gang members?|organi[sz]ed crime|crime (?:syndicates?|"
                r"bosses?|groups?|famil(?:y|ies)|rings?|lords?)|criminal (?:gangs?|groups?|networks?|"
                r"organi[sz]ations?|syndicates?)|mafia\w*|mobsters?|smuggl(?:ing|ers?|ed)|contraband|"
                r"traffick(?:ing|ers?|ed)|cocaine|heroin|methamphetamines?|fentanyl|cannabis|marijuana|"
                r"hashish|money[- ]laundering|extortion|racketeering|armed robber(?:y|ies)|robbers|heists?|"
                r"poach(?:ers|ing))\b"
            ),
            STRONG,
        ),
        _ExtraRule(_rx(r"\b(?:drugs|narcotics|robbery|robbed|criminals|thieves|illegal (?:mining|logging))\b"), HINT),
    ),
    DIPLO: (
        _ExtraRule(
            _rx(
                r"\b(?:(?:held|hold|holds|holding|began|opened|resumed|hosted|hosts) (?:\w+ ){0,3}talks|talks "
                r"(?:with|between|on)|peace talks|summits?|(?:state|official|working|diplomatic) visits?|visited|"
                r"visit to|met (?:with )?(?:his|her|their) (?:\w+ )?counterparts?|bilateral|diplomat(?:ic|s)?|"
                r"ambassadors?|envoys?|embass(?:y|ies)|foreign ministers?|foreign ministry|secretary of state|"
                r"sanctions|summoned|expelled (?:\w+ ){0,2}diplomats|(?:severed|cut|restored|established|"
                r"normali[sz]ed) (?:\w+ )?(?:ties|relations)|negotiations|negotiators|mediat(?:ion|ors?|ed)|"
                r"Security Council|UN resolution)\b"
            ),
            CUE,
        ),
        _ExtraRule(
            _rx(
                r"\b(?:United Nations|condemn\w*|urged|called on|called for|statement|met with|meeting|phone call|"
                r"spoke with)\b"
            ),
            HINT,
        ),
    ),
    ATTRIB: (
        _ExtraRule(
            _rx(
                r"\b(?:claim(?:ed|s|ing)? (?:\w+ ){0,2}responsibility|claims? of responsibility|responsibility "
                r"(?:\w+ ){0,2}(?:was|has been|had been) claimed|blam(?:ed|es|ing)|accus(?:ed|es|ing)|"
                r"attribut(?:ed|es|ing) (?:\w+ ){0,4}to|held (?:\w+ ){0,3}responsible|responsible for|"
                r"den(?:ied|ies|y) (?:\w+ ){0,2}(?:responsibility|involvement)|pointed the finger|"
                r"(?:was|were) behind (?:the|this|that)|perpetrated by)\b"
            ),
            CUE,
        ),
    ),
}
# On equal scores, a kind of event beats a statement about one.
_EXTRA_ORDER = (NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME, ATTRIB, DIPLO)
_DISPLACES: dict[str, frozenset[str]] = {
    ORG_CRIME: _DISPLACED_BY_CRIME,
    MAN_MADE_DISASTER: _DISPLACED_BY_ACCIDENT,
    NATURAL_DISASTER: frozenset(s for s, t in EVENT_TYPE_OF.items() if t not in (BATTLES, PROTESTS, RIOTS)),
    DIPLO: frozenset({"Other"}),
    ATTRIB: frozenset(),
}


# -- event guesses --------------------------------------------------------------------------


def _candidates(sentences: list[str]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for index, sentence in enumerate(sentences):
        for guess in classify_all(sentence, min_score=0.0):
            if not guess.negated_or_hypothetical:
                found.append(_Candidate(guess, sentence, index))
    return found


def _rank(candidate: _Candidate) -> tuple[bool, float, int, int, int]:
    guess = candidate.guess
    return (guess.generic, -guess.score, hierarchy_rank(guess.sub_event_type), candidate.index, guess.trigger[0])


def _best_event(candidates: list[_Candidate], minimum: float) -> _Candidate | None:
    pool = [c for c in candidates if c.guess.score >= minimum]
    return min(pool, key=_rank) if pool else None


# -- extra labels ---------------------------------------------------------------------------


def _rule_score(rule: _ExtraRule, sentence: str, snippet: str) -> float:
    if rule.unless is not None and rule.unless.search(snippet):
        return 0.0
    return rule.weight if rule.pattern.search(sentence) else 0.0


def _extra_hit(label: str, sentences: list[str], snippet: str) -> _ExtraHit | None:
    best: _ExtraHit | None = None
    for sentence in sentences:
        for rule in _EXTRA_RULES[label]:
            score = _rule_score(rule, sentence, snippet)
            if score > 0 and (best is None or score > best.score):
                best = _ExtraHit(label, score, sentence)
    return best


def _extra_hits(sentences: list[str], snippet: str) -> list[_ExtraHit]:
    """Every extra label that fired, strongest first (``_EXTRA_ORDER`` on ties)."""
    hits = [h for h in (_extra_hit(label, sentences, snippet) for label in _EXTRA_ORDER) if h is not None]
    return sorted(hits, key=lambda h: (-h.score, _EXTRA_ORDER.index(h.label)))


def _displacing(hits: list[_ExtraHit], event: _Candidate) -> _ExtraHit | None:
    for hit in hits:
        if hit.score >= STRONG and event.guess.sub_event_type in _DISPLACES[hit.label]:
            return hit
    return None


# -- public API -----------------------------------------------------------------------------


def _from_event(candidate: _Candidate) -> Prediction:
    name = candidate.guess.sub_event_type
    return Prediction(CODE_OF[name], name, candidate.guess.score, candidate.evidence)


def _from_extra(hit: _ExtraHit) -> Prediction:
    return Prediction(hit.label, None, hit.score, hit.evidence)


def _sentences(text: str) -> list[str]:
    found = [s.text for s in split_sentences(text)]
    return found or ([text.strip()] if text.strip() else [])


def classify_text(text: str) -> Prediction:
    """The one CASE label of a snippet, with its score and the sentence it came from."""
    sentences = _sentences(text)
    candidates = _candidates(sentences)
    hits = _extra_hits(sentences, text)
    event = _best_event(candidates, CONFIDENT)
    if event is not None:
        displacing = _displacing(hits, event)
        return _from_extra(displacing) if displacing else _from_event(event)
    weak = _best_event(candidates, WEAK_EVENT)
    if hits and (weak is None or hits[0].score >= weak.guess.score):
        return _from_extra(hits[0])
    if weak is not None:
        return _from_event(weak)
    return Prediction(FALLBACK, ACLED_CODES[FALLBACK], 0.0, sentences[0] if sentences else "")
