"""ACLED's event taxonomy: 6 event types, 25 sub-event types, disorder types, inter codes.

The names are public vocabulary from ACLED's codebook; no ACLED data is used anywhere.
Order is ACLED's listing order; when one report fits several sub-types, the earlier event
type in HIERARCHY wins (a battle outranks remote violence, which outranks violence against
civilians, ...), and Strategic developments is used only when no political-violence or
demonstration type applies.
"""

from __future__ import annotations

from dataclasses import dataclass

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: (
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Armed clash",
    ),
    EXPLOSIONS: (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    VAC: (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    PROTESTS: (
        "Excessive force against protesters",
        "Protest with intervention",
        "Peaceful protest",
    ),
    RIOTS: (
        "Violent demonstration",
        "Mob violence",
    ),
    STRATEGIC: (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

EVENT_TYPES: tuple[str, ...] = tuple(SUB_EVENT_TYPES)
HIERARCHY: tuple[str, ...] = (BATTLES, EXPLOSIONS, VAC, RIOTS, PROTESTS, STRATEGIC)
EVENT_TYPE_OF: dict[str, str] = {sub: et for et, subs in SUB_EVENT_TYPES.items() for sub in subs}
ALL_SUB_EVENT_TYPES: tuple[str, ...] = tuple(EVENT_TYPE_OF)

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
DISORDER_TYPES: tuple[str, ...] = (
    POLITICAL_VIOLENCE,
    DEMONSTRATIONS,
    STRATEGIC,
    f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
)

INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

# Sub-event types that are always political violence even though their event type is
# a demonstration type (force against protesters, mob violence) follow ACLED's rules.
_PV_DEMO_SUBS = {"Excessive force against protesters", "Mob violence"}


@dataclass(frozen=True)
class EventKind:
    event_type: str
    sub_event_type: str
    disorder_type: str


def kind_of(sub_event_type: str) -> EventKind:
    """The full classification for a sub-event type; raises KeyError for unknown names."""
    event_type = EVENT_TYPE_OF[sub_event_type]
    if sub_event_type in _PV_DEMO_SUBS:
        disorder = f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}"
    elif event_type in (BATTLES, EXPLOSIONS, VAC):
        disorder = POLITICAL_VIOLENCE
    elif event_type in (PROTESTS, RIOTS):
        disorder = DEMONSTRATIONS
    else:
        disorder = STRATEGIC
    return EventKind(event_type, sub_event_type, disorder)


def hierarchy_rank(sub_event_type: str) -> int:
    """Lower is stronger: used to pick one type when sources disagree."""
    event_type = EVENT_TYPE_OF[sub_event_type]
    return HIERARCHY.index(event_type) * 10 + SUB_EVENT_TYPES[event_type].index(sub_event_type)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first (10 + x when alone)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
