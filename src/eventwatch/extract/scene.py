"""Names of places that are not where an incident happened: where weapons came from, where a
statement was made, someone's biography, an organisation's base, a stance or a street, and a
capital standing for its government."""

from __future__ import annotations

import re

# A capital standing for its government ("Moscow blamed Kyiv", "Kyiv's allies") is an
# actor, not the place of the event.
_METONYM = re.compile(r"^(?:Moscow|Kyiv|Kiev|Kremlin|Washington|Beijing|Tehran|Pyongyang|Minsk|Damascus|Khartoum|"
                      r"Jerusalem|Ankara|London|Paris|Berlin|Brussels)$")
_AS_SUBJECT = re.compile(r"^(?:['’]s\b|\s+(?:has|have|had|did|does|is|was|said|says|blamed|blames|accused|accuses|"
                         r"denied|denies|claimed|claims|warned|insisted|insists|responded|puts?|placed|called|"
                         r"condemned|rejected|dismissed|confirmed)\b)")
_AS_OBJECT = re.compile(r"\b(?:blamed|blames|blaming|accused|accuses|accusing|against|from|with|by|and|to|between|"
                        r"critical of|critics? of)\s+$"
                        r"|\b(?:blamed|blames|blaming|pinned|pins)\b[^.;]{0,40}\bon\s+$")


# Where weapons came from is not where the event happened ("missiles fired from across the
# border in Russia's Belgorod region").
_ORIGIN = re.compile(
    r"\b(?:(?:fired|launched|flown|coming|came)\b[^.;]{0,60}\bfrom|from across the border)\b[^.,;]{0,40}$"
)


# Where a statement was made or which flag a ship flies is not where the event happened
# ("the army said in a statement issued in Maiduguri", "a vessel flying the flag of Panama"),
# nor the far side of a border ("moved troops to its border with Ukraine").
_NOT_SCENE = re.compile(
    r"\b(?:(?:statement|communiqu[eé]|briefing|news conference|press conference)(?:\s+(?:issued|released|"
    r"given|held|published))?|said|told reporters|speaking|announced)\s+in\s+$|\bflag\s+of\s+$"
    # the far side of a border is not where troops moved ("to its border with Ukraine")
    r"|\b(?:border|frontier)s?\s+with\s+$"
    r"|\btold reporters\s+(?:outside|at|in front of)\s+[^.;]{0,30}\bin\s+$"
    # a titled person's see, state or city: "Bishop Matthew Kukah of Sokoto", "Mayor Ann Ray of Leeds"
    r"|\b(?:Bishop|Archbishop|Cardinal|Emir|Sultan|Governor|Mayor|Senator|Imam|Rabbi|Chief)"
    r"(?:\s+[A-Z][\w.'’-]*){1,4},?\s+of\s+$"
)


# Where someone was born, grew up or fled from is their biography, not the scene ("raised in
# Red Deer", "fled his home in Bangladesh").
_BIOGRAPHY = re.compile(
    r"\b(?:born|raised|grew\s+up|brought\s+up|hails?\s+from|natives?\s+(?:of|from)|hometown\s+of|"
    r"fled\s+(?:his|her|their)\s+(?:home|homeland|country))(?:\s+(?:in|of))?\s+(?:the\s+)?$"
    # "Omar Sheikh, of Wanstead, ...": where someone lives (a capital in the word before the
    # comma, found from the word's start so that a long word is read once, not from each letter)
    r"|\b(?=\w*?(?-i:[A-Z])\w)\w+,\s+(?:\d+,\s+)?of\s+$",
    re.IGNORECASE,
)
_ORGANISATION = (r"(?:compan(?:y|ies)|firms?|groups?|organi[sz]ations?|charit(?:y|ies)|ministr(?:y|ies)|church(?:es)?|"
                 r"NGOs?|agenc(?:y|ies)|newspapers?|outlets?|think[- ]tanks?|institutes?|foundations?|networks?|"
                 r"banks?|manufacturers?|subsidiar(?:y|ies)|unions?|non-?profits?|publications?|broadcasters?|"
                 r"channels?|websites?|watchdogs?|monitors?)\b")
# After the place: "-born", "-headquartered", "-based <organisation>", "<place> (news) <organisation>".
_BASED = re.compile(rf"-(?:born|bred|headquartered)\b|-based\s+(?:[\w-]+\s+){{0,2}}{_ORGANISATION}"
                    rf"|(?<!\s)\s+(?:news\s+)?{_ORGANISATION}")
# Before or after a town, what makes it a stance or a street rather than the scene
# ("pro-Beijing gangsters", "the Delhi gate", "the Kabul road").
_STANCE = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)
_STREET = re.compile(r"(?<!\s)\s+(?:gate|road|street|highway|avenue|bridge)\b")
def not_the_scene(sentence: str, start: int, end: int | None = None) -> bool:
    """Whether the place named at `start` (ending at `end`, when known) is where weapons came
    from, where a statement was made, where someone was born, grew up or fled from, or where
    an organisation is based ("a Lyon-born writer", "an Ohio-based church group", "the St.
    Petersburg news outlet"; a "New York-based journalist" may well be where she works)."""
    before = sentence[max(0, start - 120) : start]
    if end is not None and (_BASED.match(sentence, end) or _STREET.match(sentence, end)):
        return True
    if _STANCE.search(before):
        return True
    return bool(_ORIGIN.search(before) or _NOT_SCENE.search(before) or _BIOGRAPHY.search(before))


def is_metonym(sentence: str, start: int, end: int) -> bool:
    if not _METONYM.match(sentence[start:end]):
        return False
    return bool(_AS_SUBJECT.match(sentence[end:]) or _AS_OBJECT.search(sentence[max(0, start - 60):start]))
