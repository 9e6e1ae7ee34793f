"""Who acted, read from the parse; interceptions coded as ACLED codes them; claims by verb
family and by noun. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from eventwatch.extract import nlp
from eventwatch.extract.actors import find_attacker, interception_actors
from eventwatch.extract.claims import find_claims
from eventwatch.extract.syntax import outside_event


def _span(sentence: str, word: str) -> tuple[int, int]:
    start = sentence.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(("sentence", "trigger", "actor"), [
    ("A Belarusian drone crashed into a barn in Lida on Friday.", "crashed", "Belarus"),
    ("A grain silo near Mykolaiv was struck by Russian missiles before dawn.", "struck", "Russia"),
    ("Malian soldiers attacked a wedding party in Mopti.", "attacked", "Mali"),
    ("The Kenyan coastguard said Somali gunmen shot two fishermen.", "shot", "Unidentified Armed Group"),
    ("Ukraine's navy said its sea drones sank a patrol boat near Sevastopol.", "sank", "Ukraine"),
    ("Moldova's police said Russian drones fell on a field near Ocnița.", "fell", "Russia"),
])
def test_the_side_acting_is_the_subject_or_agent(sentence: str, trigger: str, actor: str) -> None:
    parsed = nlp.parse([sentence])[0]
    span = _span(sentence, trigger)
    found = find_attacker(sentence, None, outside_event(parsed, span), parsed, span)
    assert found is not None and actor in found.name


def test_an_interceptor_is_actor1_and_the_launcher_actor2() -> None:
    sentence = "Latvian air defences shot down three Russian drones over Rēzekne."
    parsed = nlp.parse([sentence])[0]
    span = _span(sentence, "shot down")
    interceptor, launcher = interception_actors(sentence, "Latvia", outside_event(parsed, span), parsed, span)
    assert interceptor is not None and "Latvia" in interceptor.name
    assert launcher is not None and "Russia" in launcher.name


@pytest.mark.parametrize(("sentence", "stance", "speaker"), [
    ("There was no immediate comment from Minsk.", "declines_to_claim", "Minsk"),
    ("Warsaw did not respond to questions about the blast.", "declines_to_claim", "Warsaw"),
    ("Tbilisi seldom comments on such raids.", "declines_to_claim", "Tbilisi"),
    ("A spokesman blamed the ambush on Tuareg rebels.", "blames", "spokesman"),
    ("The raid was blamed on Hezbollah by Israeli officials.", "blames", "Israeli officials"),
    ("A denial from Damascus followed within hours.", "denies_responsibility", "Damascus"),
    ("Hamas's claim of responsibility was posted on Telegram.", "claims_responsibility", "Hamas"),
    ("A source in Poland's army told reporters that the unit had shot down the balloon.",
     "claims_responsibility", "source in Poland's army"),
    ("The navy told a news agency its divers sabotaged the cable.", "claims_responsibility", "navy"),
    ("Syrian drones hit a checkpoint near Qamishli, the Syrian defence ministry said.",
     "claims_responsibility", "Syrian defence ministry"),
])
def test_claims_by_verb_family_and_noun(sentence: str, stance: str, speaker: str) -> None:
    found = find_claims(sentence)
    assert any(c.stance == stance and speaker in c.speaker for c in found), found


def test_an_unnamed_agent_makes_no_attribution() -> None:
    assert find_claims("A drone struck a depot near Kursk overnight, the governor said.") == []


def test_unnamed_police_are_the_country_s_own() -> None:
    sentence = "Police beat two reporters outside the court in Harare on Monday."
    parsed = nlp.parse([sentence])[0]
    span = _span(sentence, "beat")
    found = find_attacker(sentence, "Zimbabwe", outside_event(parsed, span), parsed, span)
    assert found is not None and found.name == "Police Forces of Zimbabwe"


def test_another_side_s_act_told_by_a_speaker_is_no_claim() -> None:
    assert find_claims("Belarusian drones crossed into Lithuania near Vilnius, the Lithuanian army said.") == []
