"""Behaviour of the rule-based sentence -> ACLED sub-event type classifier.

Every sentence here was written for these tests (none is taken from a news source or a
data set).
"""

from __future__ import annotations

import pytest

from eventwatch.extract.event_type import (
    TypeGuess,
    classify_all,
    classify_sentence,
    is_event_candidate,
    load_lexicon,
)
from eventwatch.taxonomy import ALL_SUB_EVENT_TYPES

AIR = "Air/drone strike"
SHELL = "Shelling/artillery/missile attack"
DISRUPTED = "Disrupted weapons use"

CASES: dict[str, list[str]] = {
    "Government regains territory": [
        "Government troops recaptured the market town of Oboro after a week-long siege.",
        "The army said it had retaken the river port held by insurgents since March.",
        "Soldiers regained control of the highway junction on Saturday.",
        "Ukrainian forces liberated the village of Hlyboke, the general staff said.",
        "The national army captured the district headquarters from the RSF overnight.",
    ],
    "Non-state actor overtakes territory": [
        "Militants seized the town of Karbe after the garrison fled.",
        "Insurgent fighters overran a remote army outpost near the border.",
        "The provincial capital fell to the rebels on Wednesday evening.",
        "Jihadists took control of the village of Tessit early on Monday.",
        "Separatists captured the airport in the eastern city of Lenka.",
    ],
    "Armed clash": [
        "Heavy fighting broke out between the army and a local militia near the dam.",
        "Rebels and government soldiers exchanged fire for several hours outside Maro.",
        "Border guards repelled an assault by armed men on their post at dawn.",
        "Two rival armed groups clashed in the hills north of the mining camp.",
        "Gunmen ambushed a military convoy on the road to Diffa, killing four soldiers.",
        "Insurgents attacked an army checkpoint on the outskirts of the city.",
    ],
    "Chemical weapon": [
        "Witnesses said a chlorine gas attack left dozens choking in the old quarter.",
        "Troops reported that the enemy dropped grenades filled with chloropicrin on their trenches.",
        "Doctors treated villagers for symptoms after a nerve agent was used near the town.",
        "A chemical weapons attack on the suburb was confirmed by inspectors.",
    ],
    AIR: [
        "Two kamikaze drones smashed into an oil depot in the Kaluga region overnight.",
        "An airstrike on a fuel convoy near Idlib set several tankers ablaze.",
        "Warplanes bombed a rebel-held village in the hills on Sunday.",
        "A drone attack caused a fire at a power substation near the border.",
        "Drone units conducted strikes on enemy howitzer positions along the river.",
        "A glide bomb hit an apartment block in the city centre, wounding nine people.",
        "The refinery was struck by three Shahed drones before dawn.",
        "Helicopter gunships attacked a column of trucks on the desert road.",
        "Cruise missiles launched from strategic bombers struck an energy facility.",
    ],
    "Suicide bomb": [
        "A suicide bomber blew himself up at the entrance of a police academy.",
        "The attacker detonated his explosive vest inside a crowded mosque.",
        "A suicide car bomb rammed the gates of the military base.",
        "Officials said a suicide attack on the market killed at least 11 people.",
    ],
    SHELL: [
        "Artillery shelling damaged dozens of homes in the frontline town.",
        "A ballistic missile struck a grain terminal in the port on Thursday.",
        "Mortar rounds landed on a school compound, injuring three pupils.",
        "Russian forces shelled the village with Grad rockets overnight.",
        "An Iskander missile hit a railway depot, the regional governor said.",
        "The city came under heavy rocket fire from across the river.",
    ],
    "Remote explosive/landmine/IED": [
        "A roadside bomb exploded beside a bus on the northern highway.",
        "Two farmers were killed when their tractor ran over a landmine.",
        "An improvised explosive device went off near a police patrol.",
        "A car bomb detonated outside the ministry, shattering windows.",
        "A shepherd stepped on an anti-personnel mine while grazing his flock.",
    ],
    "Grenade": [
        "An unknown man hurled a grenade into a bar, wounding six customers.",
        "A grenade attack on a polling station injured two election officials.",
        "Assailants threw a hand grenade at the home of a local councillor.",
        "A grenade exploded in a crowded bus station in the capital.",
    ],
    "Sexual violence": [
        "Soldiers raped two women at a checkpoint, a rights group reported.",
        "Militiamen sexually assaulted girls returning from the well.",
        "A farmer's daughter was gang-raped by armed men near the camp.",
        "Survivors described sexual violence by fighters during the raid.",
    ],
    "Attack": [
        "Gunmen killed 14 villagers in an overnight raid on a hamlet.",
        "Unidentified attackers shot dead a journalist outside his home.",
        "Militia members stormed the settlement and massacred its residents.",
        "Civilians were executed by soldiers in the grounds of the clinic.",
        "Armed men opened fire on worshippers leaving the church.",
    ],
    "Abduction/forced disappearance": [
        "Bandits abducted 30 students from a boarding school on Friday night.",
        "Gunmen kidnapped a priest and his driver on the Kaduna road.",
        "The activist was forcibly disappeared after being taken from his home by men in plain clothes.",
        "Rebels took five aid workers hostage near the border.",
    ],
    "Excessive force against protesters": [
        "Security forces opened fire on protesters in the capital, killing three.",
        "Police shot dead two demonstrators during a march against fuel prices.",
        "At least five protesters were killed when troops fired into the crowd.",
        "Soldiers used live ammunition to break up the protest outside the palace.",
    ],
    "Protest with intervention": [
        "Police fired tear gas to disperse hundreds of protesters in the main square.",
        "Riot police broke up a sit-in by students outside the ministry.",
        "Dozens of demonstrators were detained as officers cleared the rally.",
        "Water cannon was used against protesters marching on parliament.",
    ],
    "Peaceful protest": [
        "Thousands of people marched through the capital demanding early elections.",
        "Teachers rallied outside the education ministry over unpaid wages.",
        "Protesters gathered peacefully in front of the governor's office.",
        "Residents staged a demonstration against the planned landfill.",
        "Hundreds of nurses went on strike and picketed the regional hospital.",
    ],
    "Violent demonstration": [
        "Protesters threw stones at police and set fire to a bank.",
        "Demonstrators clashed with riot police near the stadium.",
        "Rioters torched cars and looted shops in the city centre.",
        "The rally turned violent when youths smashed the windows of a police station.",
    ],
    "Mob violence": [
        "An angry mob lynched a man accused of stealing a motorbike.",
        "Villagers beat a suspected thief to death in an act of mob justice.",
        "A crowd attacked two health workers, accusing them of spreading disease.",
        "Vigilantes dragged three men from a bus and whipped them.",
    ],
    "Agreement": [
        "The two sides signed a ceasefire agreement in the Qatari capital.",
        "Moscow and Kyiv carried out a prisoner exchange involving 90 soldiers each.",
        "A truce brokered by tribal elders took effect at midnight.",
        "The government and the rebel coalition reached a peace deal after months of talks.",
    ],
    "Arrests": [
        "Police arrested the opposition leader at his home on Tuesday.",
        "Security service officers detained a man suspected of spying for a foreign state.",
        "Three suspects were taken into custody by counter-terrorism police.",
        "The journalist was arrested by state security agents at the airport.",
        "Masked men detained two student activists outside the university gates.",
        "A regional court jailed the union organiser for three years.",
        "The land rights campaigner was sentenced to four years in prison on Tuesday.",
        "The blogger has been held in pretrial detention since his arrest.",
    ],
    "Change to group/activity": [
        "The Kremlin has deployed additional troops to the northern border.",
        "North Korea has sent soldiers to fight in the war, officials confirmed.",
        "Two more battalions were redeployed from the south to the capital.",
        "The president announced a partial mobilisation of reservists.",
        "Three armed factions merged into a single coalition on Monday.",
        "The army sent two more battalions into the besieged town overnight.",
    ],
    DISRUPTED: [
        "Air defences shot down 22 drones over the region overnight.",
        "A cruise missile was intercepted above the capital, the air force said.",
        "Sappers defused a roadside bomb found near the bridge.",
        "Police foiled a plot to bomb a shopping centre.",
        "Soldiers seized a large cache of weapons and explosives in a raid.",
        "Electronic warfare units jammed the drone before it reached the airfield.",
    ],
    "Headquarters or base established": [
        "The militia has set up a new base in the abandoned school.",
        "Foreign troops established a forward operating base near the lake.",
        "The armed group opened a headquarters in the town hall.",
        "A new military outpost was built on the ridge overlooking the valley.",
    ],
    "Looting/property destruction": [
        "Unknown men looted the warehouse of a humanitarian agency.",
        "Settlers torched olive groves and vehicles in the village.",
        "Authorities demolished dozens of homes in the informal settlement.",
        "Armed youths ransacked shops and offices in the market district.",
    ],
    "Non-violent transfer of territory": [
        "The rebels withdrew from the town without a fight.",
        "Government troops pulled out of the border district under the deal.",
        "The militia handed over control of the airport to the army.",
        "Soldiers entered the city unopposed after the garrison left.",
    ],
    "Other": [
        "North Korea test-fired a ballistic missile into the sea.",
        "Authorities imposed a curfew in the city after the unrest.",
        "A mass grave was discovered on the outskirts of the village.",
        "The president declared martial law in the eastern provinces.",
        "Prosecutors charged the human rights lawyer with spreading false news.",
        "The editor of the weekly was summoned for questioning by the security service.",
        "The environmental activist said she had received death threats after the hearing.",
        "Officers raided the offices of the rights group before dawn.",
    ],
}

# More phrasings, each once fixed by a lexicon change.
MORE_CASES: list[tuple[str, str]] = [
    (AIR, "Russian aviation dropped four guided bombs on the riverside town."),
    (AIR, "A suicide drone targeted a pickup truck near the border, killing two fighters."),
    (AIR, "Officials said the attack was carried out by a drone launched from across the border."),
    (AIR, "Drone crews of the 3rd brigade, a unit formed last year, carried out precise strikes on enemy bunkers."),
    (SHELL, "Enemy troops fired on the port town with heavy artillery."),
    (SHELL, "Militants fired dozens of rockets into the southern districts."),
    ("Armed clash", "Two rival factions traded artillery fire across the front line."),
    ("Armed clash", "Police and gang members exchanged gunfire in the port district."),
    ("Armed clash", "Government troops fought rebels for control of the bridge."),
    ("Abduction/forced disappearance", "Armed men seized a Chinese engineer from his car and took him away."),
    ("Abduction/forced disappearance", "Three women went missing after being taken by militiamen."),
    ("Attack", "Settlers assaulted a Palestinian shepherd near the olive grove."),
    ("Peaceful protest", "Demonstrations took place in several cities against the reform."),
    ("Protest with intervention", "Officers arrested dozens of climate activists during a protest on the motorway."),
    ("Mob violence", "A group of men set upon a pastor accused of blasphemy."),
    ("Change to group/activity", "The mercenary fighters were relocated from the front to a camp abroad."),
    ("Agreement", "The two sides agreed to a four-day pause in fighting."),
    ("Suicide bomb", "A suicide bomber targeted a police station in the provincial capital."),
    ("Other", "The regime conducted a test of a new intercontinental ballistic missile."),
    ("Looting/property destruction", "Unidentified men set fire to a polling station overnight."),
    (DISRUPTED, "Earlier in the week, a drone was brought down close to the president's country residence."),
]

ALL_CASES = [(sub, s) for sub, sentences in CASES.items() for s in sentences] + MORE_CASES


@pytest.mark.parametrize(("expected", "sentence"), ALL_CASES)
def test_main_sub_event_type(expected: str, sentence: str) -> None:
    guess = classify_sentence(sentence)
    assert guess is not None, sentence
    assert guess.sub_event_type == expected, (sentence, guess)
    assert guess.score >= 1.0
    assert not guess.negated_or_hypothetical
    assert not guess.generic


@pytest.mark.parametrize(("expected", "sentence"), ALL_CASES)
def test_trigger_offsets_point_into_the_sentence(expected: str, sentence: str) -> None:
    guess = classify_sentence(sentence)
    assert guess is not None
    start, end = guess.trigger
    assert 0 <= start < end <= len(sentence)
    assert sentence[start:end] == guess.trigger_text


@pytest.mark.parametrize(("expected", "sentence"), ALL_CASES)
def test_prefilter_lets_every_event_sentence_through(expected: str, sentence: str) -> None:
    assert is_event_candidate(sentence)


def test_every_sub_event_type_is_covered_by_the_lexicon_and_tests() -> None:
    lexicon = load_lexicon()
    assert {e.sub_event_type for e in lexicon.entries} == set(ALL_SUB_EVENT_TYPES)
    assert set(CASES) == set(ALL_SUB_EVENT_TYPES)
    assert all(len(sentences) >= 4 for sentences in CASES.values())
    assert all(lexicon.definition(sub) for sub in ALL_SUB_EVENT_TYPES)


# -- weapons: air versus ground-launched ---------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A missile strike destroyed a hangar at the airfield.", SHELL),
        ("Kalibr cruise missiles fired from a warship hit a power plant.", SHELL),
        ("Fighter jets fired air-to-surface missiles at the bridge, collapsing one span.", AIR),
        ("A KAB guided bomb struck the outskirts of the town.", AIR),
        ("An FPV drone hit an armoured vehicle on the road to the front.", AIR),
    ],
)
def test_missiles_are_shelling_unless_dropped_or_fired_from_aircraft(sentence: str, expected: str) -> None:
    guess = classify_sentence(sentence)
    assert guess is not None and guess.sub_event_type == expected


# -- interceptions and strikes in one sentence -----------------------------------------------


def test_interception_and_hit_in_one_sentence_gives_both_in_order() -> None:
    sentence = "One drone was knocked out by jamming, but the other struck the transformer station."
    found = classify_all(sentence)
    assert [g.sub_event_type for g in found] == [DISRUPTED, AIR]
    assert found[0].trigger[0] < found[1].trigger[0]
    main = classify_sentence(sentence)
    assert main is not None and main.sub_event_type == AIR


def test_interception_is_the_main_guess_when_nothing_hit() -> None:
    sentence = "All eight attack drones were shot down and destroyed before reaching the city."
    main = classify_sentence(sentence)
    assert main is not None and main.sub_event_type == DISRUPTED
    assert [g.sub_event_type for g in classify_all(sentence)] == [DISRUPTED]


def test_intercepted_missiles_with_damage_elsewhere_keep_the_strike() -> None:
    sentence = "Ten missiles were intercepted, while two others hit a thermal power plant."
    types = {g.sub_event_type for g in classify_all(sentence)}
    assert types == {DISRUPTED, SHELL}


def test_falling_debris_stays_an_interception() -> None:
    sentence = "A drone was shot down over the suburb and falling debris damaged a roof."
    main = classify_sentence(sentence)
    assert main is not None and main.sub_event_type == DISRUPTED


def test_repelled_drone_attack_is_disrupted_not_a_clash() -> None:
    main = classify_sentence("Air defence units repelled a massive drone attack on the capital.")
    assert main is not None and main.sub_event_type == DISRUPTED


def test_defused_bomb_is_not_an_explosion() -> None:
    found = classify_all("Engineers defused a car bomb parked near the court building.")
    assert [g.sub_event_type for g in found] == [DISRUPTED]


# -- hierarchy and absorption -------------------------------------------------------------------


def test_air_strike_killing_civilians_is_one_air_strike() -> None:
    found = classify_all("An air strike on a crowded market killed 20 civilians.")
    assert [g.sub_event_type for g in found] == [AIR]


def test_recapture_outranks_the_fighting_around_it() -> None:
    found = classify_all("After fierce fighting, the army recaptured the town from the insurgents.")
    assert [g.sub_event_type for g in found] == ["Government regains territory"]


def test_arrests_at_a_protest_are_an_intervention() -> None:
    main = classify_sentence("Police arrested 40 protesters who had blocked the motorway.")
    assert main is not None and main.sub_event_type == "Protest with intervention"


def test_drones_and_missiles_both_reported() -> None:
    sentence = "Drones hit a fuel depot and missiles struck a rail yard in the same night."
    assert {g.sub_event_type for g in classify_all(sentence)} == {AIR, SHELL}


def test_shot_down_crewed_jet_is_a_clash() -> None:
    main = classify_sentence("Rebels shot down a fighter jet over the northern mountains.")
    assert main is not None and main.sub_event_type == "Armed clash"


# -- negation and hypotheticals -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Moscow has threatened to strike government buildings in Kyiv.",
        "Officials warned that missiles could hit the port within days.",
        "The ministry plans to deploy more troops to the region next year.",
        "The group denied attacking the convoy.",
        "Police did not arrest anyone at the scene.",
        "Militants are preparing to seize the provincial capital, analysts said.",
        "Commanders fear drones might target the dam.",
    ],
)
def test_negated_or_hypothetical(sentence: str) -> None:
    guess = classify_sentence(sentence)
    assert guess is not None, sentence
    assert guess.negated_or_hypothetical
    assert not [g for g in classify_all(sentence) if g.reportable]


def test_a_real_event_beats_a_denied_one_in_the_same_sentence() -> None:
    guess = classify_sentence("Kyiv denied attacking the dam; shelling hit a school in the town.")
    assert guess is not None
    assert guess.sub_event_type == SHELL and not guess.negated_or_hypothetical


def test_no_casualty_clause_does_not_negate_the_strike() -> None:
    guess = classify_sentence("No one was hurt in the airstrike on the empty warehouse.")
    assert guess is not None and guess.sub_event_type == AIR
    assert not guess.negated_or_hypothetical


# -- generic and background statements -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Drone attacks on oil facilities have surged in recent weeks.",
        "Missile strikes are running at their highest rate since the war began.",
        "Such strikes have become common along the border.",
        "The rockets have been used to target cities across the country.",
        "Ukraine does not claim responsibility for drone strikes inside Russia.",
        "Militants regularly ambush army convoys on this road.",
    ],
)
def test_generic_statements_are_flagged(sentence: str) -> None:
    guess = classify_sentence(sentence)
    assert guess is None or guess.generic, (sentence, guess)


def test_a_specific_strike_with_a_tally_is_not_generic() -> None:
    sentence = "A fresh drone strike hit the chip factory, the sixth attack on it since the start of the war."
    guess = classify_sentence(sentence)
    assert guess is not None and guess.sub_event_type == AIR and not guess.generic


@pytest.mark.parametrize(
    "sentence",
    [
        "The state fund secured $30 billion in revenue from frozen assets.",
        "The senator cast doubt on his commitment to the alliance.",
        "She blamed the former president for the loss of the peninsula.",
        "The plant produces semiconductors and power modules for industry.",
        "More than 40 firefighters rushed to the scene to fight the blaze.",
        "Shares rallied on the stock exchange after the announcement.",
        "The test demonstrated that the new radar works in rain.",
        "Talks are scheduled for March in Geneva.",
        "The minister said the country would withdraw from the treaty.",
    ],
)
def test_non_events_are_not_reported(sentence: str) -> None:
    assert not [g for g in classify_all(sentence) if g.reportable], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The team fought back to win the match 3-2 in extra time.",
        "A truck crashed into a bus, killing eight passengers.",
        "Lawmakers clashed over the budget in a heated debate.",
        "The storm destroyed hundreds of homes along the coast.",
        "The actor's new film opened in cinemas on Friday.",
        "Doctors said the patient suffered a cardiac arrest.",
        "The air force took delivery of twelve new fighter jets.",
        "Oil prices hit a six-month high on Monday.",
        "The economy was hit hard by the pandemic.",
    ],
)
def test_ordinary_news_is_not_reported(sentence: str) -> None:
    assert not [g for g in classify_all(sentence) if g.reportable], sentence


def test_no_trigger_gives_none_and_fails_the_prefilter() -> None:
    sentence = "The weather in the capital was mild and sunny on Sunday."
    assert classify_sentence(sentence) is None
    assert classify_all(sentence) == []
    assert not is_event_candidate(sentence)


def test_offsets_survive_curly_quotes_and_line_breaks() -> None:
    sentence = "Russia\u2019s army said\nan airstrike hit the bridge."
    guess = classify_sentence(sentence)
    assert guess is not None
    assert sentence[guess.trigger[0] : guess.trigger[1]] == guess.trigger_text == "airstrike"


def test_guess_is_a_frozen_value() -> None:
    guess = TypeGuess(AIR, 1.0, (0, 5), "drone", False, False)
    with pytest.raises(AttributeError):
        guess.score = 2.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("expected", "sentence"),
    [
        ("Attack", "Two men beat the columnist outside her office in the evening."),
        ("Attack", "Gunmen shot dead a correspondent near the market."),
        ("Arrests", "The former editor has been handed a four-month prison sentence."),
        ("Arrests", "The cartoonist was given a two-year jail term on Monday."),
    ],
)
def test_attacks_on_writers_and_prison_sentences_handed_down(expected: str, sentence: str) -> None:
    guess = classify_sentence(sentence)
    assert guess is not None and guess.sub_event_type == expected and guess.score >= 1.0
    assert is_event_candidate(sentence)


def test_a_suspended_sentence_is_no_arrest() -> None:
    assert classify_sentence("The editor was given a suspended prison sentence.") is None
