"""Claims attach to the incident they are about, whatever their wording; background clauses
never become incidents. Every text here was written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from eventwatch.extract.assemble import extract_mentions
from eventwatch.extract.claims import find_claims
from eventwatch.extract.foreground import read_clauses
from eventwatch.records import Article, Mention

PUBLISHED = datetime(2024, 3, 6, 12, tzinfo=UTC)


def _mentions(text: str, services: Any) -> list[Mention]:
    return extract_mentions(Article.build(text, "text", published_at=PUBLISHED), services)


def _claims(mention: Mention) -> set[tuple[str, str]]:
    return {(c.stance, (c.subject or c.speaker).split()[-1][:5]) for c in mention.claims}


# One incident told five ways: the same strike, interception and three claims about it.
DEPOT = [
    "A drone struck a fuel depot in Novozybkov in Russia's Bryansk region on Tuesday, the regional governor said. "
    "One drone was shot down by air defences but the other hit the depot. Kyiv did not comment on the attack, "
    "but Moscow firmly laid the blame on Ukraine. Governor Alexander Bogomaz confirmed the strike on the depot.",
    "A drone struck a fuel depot in Novozybkov in Russia's Bryansk region on Tuesday, the regional governor said. "
    "One drone was shot down by air defences but the second one slammed into the depot. Kyiv declined to comment "
    "on the attack, but Moscow squarely pinned the blame on Ukraine. Governor Alexander Bogomaz confirmed the "
    "strike on the depot.",
    "A drone struck a fuel depot in Novozybkov in Russia's Bryansk region on Tuesday, the regional governor said. "
    "One drone was shot down by air defences while the remaining one hit the depot. Kyiv has not commented on "
    "the attack. Moscow, for its part, held Kyiv responsible. Governor Alexander Bogomaz confirmed the attack on "
    "the depot.",
    "A drone struck a fuel depot in Novozybkov in Russia's Bryansk region on Tuesday, the regional governor said. "
    "Air defences downed one drone, and a second hit the depot. Kyiv would not confirm its involvement, but "
    "Moscow quickly blamed Ukraine. Governor Alexander Bogomaz confirmed the strike on the depot.",
    "A drone struck a fuel depot in Novozybkov in Russia's Bryansk region on Tuesday, the regional governor said. "
    "One drone was shot down by air defences but the last one hit the depot. Kyiv has yet to comment on the "
    "attack, but Moscow has once again accused Kyiv of the attack. Governor Alexander Bogomaz confirmed the "
    "strike on the depot.",
]


@pytest.mark.parametrize("text", DEPOT, ids=["original", "squarely", "held responsible", "coordinated", "accused"])
def test_rewordings_keep_the_claims_and_links(text: str, services: Any) -> None:
    mentions = _mentions(text, services)
    strikes = [m for m in mentions if m.sub_event_type == "Air/drone strike"]
    assert [(m.location, m.event_date) for m in strikes] == [("Novozybkov", date(2024, 3, 5))]
    assert _claims(strikes[0]) == {("declines_to_claim", "Kyiv"), ("blames", "Ukrai") if "Ukraine." in text
                                   else ("blames", "Kyiv"), ("confirms", "Bogom")}
    interceptions = [m for m in mentions if m.sub_event_type == "Disrupted weapons use"]
    assert len(interceptions) == 1 and interceptions[0].location == "Novozybkov"
    assert [link.kind for link in interceptions[0].links] == ["part_of"]


@pytest.mark.parametrize(("sentence", "stance", "speaker"), [
    ("The SBU said its drones hit the refinery.", "claims_responsibility", "SBU"),
    ("Al-Shabaab claimed it killed 20 soldiers.", "claims_responsibility", "Al-Shabaab"),
    ("A separatist movement said on Monday it had blown up the pipeline.", "claims_responsibility", "movement"),
    ("The rebels have claimed the ambush.", "claims_responsibility", "rebels"),
    ("Ukraine's navy chief said the raid had been carried out by Ukrainian sea drones.",
     "claims_responsibility", "navy chief"),
    ("The ministry said the raid had been carried out by Ukrainian sea drones.", "blames", "ministry"),
    ("Officials in Belgorod pointed the finger at Kyiv.", "blames", "Belgorod"),
    ("The junta swiftly refused to comment.", "declines_to_claim", "junta"),
    ("Police in the city have flatly rejected the allegations.", "denies_responsibility", "Police"),
    ("The army said its jets struck the convoy and denied hitting a school.", "denies_responsibility", "army"),
])
def test_stances_by_verb_family(sentence: str, stance: str, speaker: str) -> None:
    found = find_claims(sentence)
    assert any(c.stance == stance and speaker in c.speaker for c in found), found


def test_a_claim_joins_the_incident_it_is_about(services: Any) -> None:
    text = ("A drone attack set fire to an oil refinery in Ryazan overnight, the regional governor said on "
            "Tuesday. Ukraine's SBU security service said its drones hit the refinery.")
    mentions = _mentions(text, services)
    assert [m.location for m in mentions] == ["Ryazan’"] or [m.admin1 for m in mentions] == ["Ryazan"]
    assert {c.stance for c in mentions[0].claims} == {"claims_responsibility"}


def test_a_claim_that_reports_the_incident_creates_it_once(services: Any) -> None:
    text = ("Al-Shabaab claimed it killed 20 soldiers in an attack on an army base near Kismayo on Monday. "
            "The army said the base was later retaken.")
    mentions = _mentions(text, services)
    assert len(mentions) == 1
    assert mentions[0].location == "Kismayo" and mentions[0].event_date == date(2024, 3, 4)
    assert ("claims_responsibility", "Al-Shabaab") in {(c.stance, c.speaker) for c in mentions[0].claims}


@pytest.mark.parametrize("text", [
    "Kherson, which Ukrainian forces retook in November 2022, lies on the Dnipro river.",
    "Thousands of people have been killed since fighting broke out in Khartoum in April 2023.",
    "The strikes demonstrate the army's growing reliance on drones.",
    "It comes amid a rise in attacks on rail lines, now at their worst level since the start of the war.",
])
def test_background_is_no_incident(text: str, services: Any) -> None:
    assert _mentions(text, services) == []


def test_a_restatement_adds_no_incident(services: Any) -> None:
    text = ("Shelling killed two people in Kherson on Sunday, the regional governor said. It was the third attack "
            "on the city this week. Kherson, which Ukrainian forces retook in November 2022, lies on the Dnipro.")
    mentions = _mentions(text, services)
    assert [(m.location, m.event_date, m.fatalities) for m in mentions] == [("Kherson", date(2024, 3, 3), 2)]


def test_a_background_clause_does_not_date_the_incident(services: Any) -> None:
    text = "Artillery fire killed three civilians in Omdurman on Sunday, since fighting broke out there in April 2023."
    mentions = _mentions(text, services)
    assert [m.event_date for m in mentions] == [date(2024, 3, 3)]


def test_a_past_incident_with_its_own_day_is_foreground() -> None:
    text = "Debris fell on the depot, which drones hit on 2 March."
    (clauses,) = read_clauses([(text, [(text.index("hit"), text.index("hit") + 3)], False)])
    assert clauses.reasons == (None,)


@pytest.mark.parametrize(("text", "trigger", "reason"), [
    ("Kherson, which Ukrainian forces retook in November 2022, lies on the river.", "retook", "relative clause"),
    ("Many fled since fighting broke out in the capital.", "fighting", "period clause"),
    ("It was the second attack this week.", "attack", "restatement"),
    ("The attacks reflect a shift in tactics.", "attacks", "present tense"),
    ("Drones hit the depot on Sunday.", "hit", None),
    ("Police beat students who were marching to the ministry.", "marching", None),
    ("Dozens have been detained since the protests began on 4 October.", "protests", None),
    ("The writer has been seen only once since his abduction.", "abduction", None),
    ("Hundreds have been killed since the start of the war.", "killed", "perfect up to now"),
    ("The missiles, which have been used to strike cities, are built here.", "strike", "relative clause"),
])
def test_clause_reasons(text: str, trigger: str, reason: str | None) -> None:
    start = text.index(trigger)
    (clauses,) = read_clauses([(text, [(start, start + len(trigger))], False)])
    assert clauses.reasons == (reason,)


def test_an_interception_beside_a_trend_is_no_incident(services: Any) -> None:
    text = "Drone strikes hit the region several times a week, and air defences downed some of the drones."
    assert _mentions(text, services) == []


def test_a_claim_joins_the_incident_whose_town_it_names(services: Any) -> None:
    text = ("A drone hit an electricity substation in Shebekino in Russia's Belgorod region on Sunday. "
            "Later that day shelling damaged a school in the Russian town of Valuyki. "
            "Officials in Shebekino blamed Ukraine for the substation attack.")
    mentions = {m.location: m for m in _mentions(text, services)}
    assert {c.stance for c in mentions["Shebekino"].claims} == {"blames"}
    assert not mentions["Valuyki"].claims


def test_an_interception_told_first_links_to_its_attack(services: Any) -> None:
    text = ("Russian air defences destroyed 23 Ukrainian drones over the Kursk and Belgorod regions overnight, "
            "the defence ministry said. In Belgorod, a drone struck an electricity substation.")
    mentions = _mentions(text, services)
    strike = next(m for m in mentions if m.sub_event_type == "Air/drone strike")
    interception = next(m for m in mentions if m.sub_event_type == "Disrupted weapons use")
    assert [link.target for link in interception.links] == [strike.index]
    assert "Russia" in (interception.actor1 or "") and "Ukraine" in (interception.actor2 or "")
    assert "Ukraine" in (strike.actor1 or "")
