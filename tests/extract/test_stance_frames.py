"""Stances read from the verb's frame in the dependency parse (extract/stances.py): many
wordings per stance, none from a report; every sentence here was written for these tests.
The parse is spaCy's (the real model), as extraction hands it to `find_claims`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from eventwatch.extract import nlp
from eventwatch.extract.assemble import extract_mentions
from eventwatch.extract.claims import antecedent, find_claims, speakers_in
from eventwatch.records import Article

CASES = [
 ("The strike on the facility was confirmed by regional governor Ivan Sokolov.", "confirms"),
 ("Responsibility for the blast was claimed by a little-known militant group.", "claims_responsibility"),
 ("Kyiv typically stays silent about strikes inside Russia.", "declines_to_claim"),
 ("Ukraine rarely acknowledges such operations.", "declines_to_claim"),
 ("Moscow is blaming Kyiv for the attack.", "blames"),
 ("The death toll was disputed by local activists.", "disputes"),
 ("Police remained at the scene.", None),

 # claims
 ("The group said it was behind the blast.", "claims_responsibility"),
 ("The militia took credit for the ambush on Sunday.", "claims_responsibility"),
 ("Ukraine's military intelligence agency said its operatives had set the depot on fire.", "claims_responsibility"),
 ("Kyiv's general staff later confirmed that its forces had struck the airfield.", "claims_responsibility"),
 ("In a statement, the insurgents said they had carried out the attack.", "claims_responsibility"),
 ("The rebels admitted responsibility for the bombing.", "claims_responsibility"),
 ("A spokesman for the movement claimed the killing in a video.", "claims_responsibility"),
 ("The partisans announced that they had derailed a freight train.", "claims_responsibility"),
 ("Ukraine's navy said on Thursday that its sea drones sank the vessel.", "claims_responsibility"),
 ("The jihadist group claimed responsibility via its news agency.", "claims_responsibility"),
 # denies
 ("Moscow denied targeting civilians.", "denies_responsibility"),
 ("The army rejected accusations that it had shelled the village.", "denies_responsibility"),
 ("Police denied that officers had opened fire.", "denies_responsibility"),
 ("The ministry said it had nothing to do with the explosion.", "denies_responsibility"),
 ("The group issued a denial on Tuesday.", "denies_responsibility"),
 ("Hamas denied it was responsible.", "denies_responsibility"),
 ("The Kremlin dismissed the accusations as absurd.", "denies_responsibility"),
 ("The militia said it had not been involved.", "denies_responsibility"),
 ("The defence ministry insisted its forces had not hit the hospital.", "denies_responsibility"),
 # declines
 ("Kyiv did not say whether it was behind the strike.", "declines_to_claim"),
 ("Ukrainian officials refused to comment.", "declines_to_claim"),
 ("The Ukrainian military has not commented on the strike.", "declines_to_claim"),
 ("Ukraine has made no comment on the incident.", "declines_to_claim"),
 ("Kyiv did not immediately respond to a request for comment.", "declines_to_claim"),
 ("Ukraine does not usually comment on such attacks.", "declines_to_claim"),
 ("There was no immediate reaction from Kyiv.", "declines_to_claim"),
 ("Kyiv stayed silent about the attack.", "declines_to_claim"),
 ("Ukraine's defence ministry would neither confirm nor deny involvement.", "declines_to_claim"),
 ("Kyiv typically neither confirms nor denies such operations.", "declines_to_claim"),
 ("Ukrainian authorities did not claim the attack.", "declines_to_claim"),
 # blames
 ("Moscow pinned responsibility on Kyiv.", "blames"),
 ("The Russian defence ministry placed responsibility for the attack on Ukraine.", "blames"),
 ("Russia laid the blame squarely at Kyiv's door.", "blames"),
 ("The governor blamed Ukrainian forces.", "blames"),
 ("Officials accused Ukraine of attacking civilian infrastructure.", "blames"),
 ("The regional governor said Ukrainian drones had caused the fire.", "blames"),
 ("Moscow said Kyiv was responsible for the attack.", "blames"),
 ("The ministry said the strike had been launched by Ukraine.", "blames"),
 ("Russian officials attributed the blast to Ukrainian saboteurs.", "blames"),
 ("The Kremlin held Ukraine responsible.", "blames"),
 ("The Russian defence ministry accused Kyiv of a terrorist attack.", "blames"),
 ("The army blamed the attack on the RSF.", "blames"),
 ("The mayor put the blame on Russian forces.", "blames"),
 ("Moscow's accusations against Kyiv followed the attack.", "blames"),
 ("Moscow made accusations against Kyiv.", "blames"),
 # confirms
 ("The governor confirmed that a drone had hit the plant.", "confirms"),
 ("Regional authorities acknowledged the attack.", "confirms"),
 ("The company confirmed a fire at its facility.", "confirms"),
 # disputes
 ("The army disputed the death toll.", "disputes"),
 ("Residents contested the official account.", "disputes"),
 ("The ministry called the report false.", "disputes"),

 ("The Houthis said they fired a ballistic missile at the tanker.", "claims_responsibility"),
 ("A Telegram channel linked to the partisans took responsibility for the arson.", "claims_responsibility"),
 ("Hamas's armed wing said it was responsible for the rocket barrage.", "claims_responsibility"),
 ("The Ukrainian navy announced it had destroyed a landing ship.", "claims_responsibility"),
 ("Kyiv's SBU security service later took credit for the strike.", "claims_responsibility"),
 ("Israel's military denied striking the school.", "denies_responsibility"),
 ("The Sudanese army denied its aircraft had bombed the market.", "denies_responsibility"),
 ("Moscow rejected the allegations, calling them a provocation.", "denies_responsibility"),
 ("The RSF said its forces played no part in the killings.", "denies_responsibility"),
 ("The group insisted it had not targeted civilians.", "denies_responsibility"),
 ("The ministry issued a statement denying any role in the attack.", "denies_responsibility"),
 ("Ukrainian officials have not publicly commented on the explosion.", "declines_to_claim"),
 ("Kyiv did not immediately claim the attack.", "declines_to_claim"),
 ("Ukraine's military declined to say whether it was involved.", "declines_to_claim"),
 ("Asked about the blast, a Ukrainian spokesman would not comment.", "declines_to_claim"),
 ("Kyiv has remained silent on the incident.", "declines_to_claim"),
 ("Ukraine's General Staff gave no comment.", "declines_to_claim"),
 ("No group has claimed responsibility for the bombing.", None),
 ("Israel accused Hezbollah of firing the rockets.", "blames"),
 ("The Sudanese army blamed the Rapid Support Forces for the shelling of the camp.", "blames"),
 ("The governor said the attack was carried out by Ukrainian forces.", "blames"),
 ("Russian officials blamed Ukraine, without providing evidence.", "blames"),
 ("Moscow put the responsibility on Kyiv.", "blames"),
 ("Belarus laid responsibility for the incursion at Lithuania's door.", "blames"),
 ("The Kremlin said Ukraine was to blame.", "blames"),
 ("Russia's foreign ministry accused Kyiv of terrorism after the strike.", "blames"),
 ("The mayor confirmed that a missile had struck a school.", "confirms"),
 ("The regional administration confirmed the deaths of two civilians.", "confirms"),
 ("Local authorities acknowledged that the plant had been damaged.", "confirms"),
 ("The army questioned the casualty figures given by activists.", "disputes"),
 ("The ministry disputed the account of witnesses.", "disputes"),
 # negatives
 ("A drone struck a depot near Kursk overnight, the governor said.", None),
 ("The strike killed three people, officials said.", None),
 ("The president said the country would not be intimidated.", None),
 ("Police said they had no information about casualties.", None),
 ("Officials did not give a reason for the power cut.", None),
 ("The ministry did not say how many drones had been launched.", None),
 ("The company said it had restored power to most homes.", None),
]


@pytest.mark.parametrize(("sentence", "stance"), CASES, ids=[c[0][:40] for c in CASES])
def test_stance_of_each_wording(sentence: str, stance: str | None) -> None:
    found = find_claims(sentence, nlp.parse([sentence])[0])
    if stance is None:
        assert [c for c in found if c.stance != "reports"] == [], found
    else:
        assert any(c.stance == stance for c in found), found


@pytest.mark.parametrize(("sentence", "speaker", "subject"), [
    ("Moscow pinned responsibility on Kyiv.", "Moscow", "Kyiv"),
    ("The Russian defence ministry placed responsibility for the attack on Ukraine.", "defence ministry", "Ukraine"),
    ("Russia laid the blame squarely at Kyiv's door.", "Russia", "Kyiv"),
    ("Moscow's accusations against Kyiv followed the attack.", "Moscow", "Kyiv"),
    ("The Kremlin held Ukraine responsible.", "Kremlin", "Ukraine"),
])
def test_the_party_blamed_is_the_subject(sentence: str, speaker: str, subject: str) -> None:
    found = [c for c in find_claims(sentence, nlp.parse([sentence])[0]) if c.stance == "blames"]
    assert found and speaker in found[0].speaker and subject in (found[0].subject or ""), found


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("In Kyiv, a source in the SBU security service said the agency's drones had hit the refinery.",
     "a source in the SBU"),
    ("Al-Shabaab said in a statement on its radio station that its fighters had carried out the bombing.",
     "Al-Shabaab"),
    ("Islamic State's news agency said the group's fighters had stormed the checkpoint.", "news agency"),
])
def test_the_speaker_is_who_speaks_not_where(sentence: str, speaker: str) -> None:
    found = find_claims(sentence, nlp.parse([sentence])[0])
    assert [c.stance for c in found] == ["claims_responsibility"] and speaker in found[0].speaker, found


def test_speakers_named_again_resolve_to_the_earlier_naming() -> None:
    before = speakers_in("Russia's defence ministry said 12 drones were downed over the region.")
    before += speakers_in("Regional governor Ivan Sokolov said on Telegram that a depot was hit.")
    assert before == ["Russia's defence ministry", "Regional governor Ivan Sokolov"]
    assert antecedent("It", before) == "Russia's defence ministry"
    assert antecedent("he", before) == "Regional governor Ivan Sokolov"
    assert antecedent("the ministry", before) == "Russia's defence ministry"
    assert antecedent("Kyiv", before) is None


PUBLISHED = datetime(2024, 5, 16, 9, tzinfo=UTC)


def test_a_pronoun_speaker_is_the_body_named_before(services: Any) -> None:
    text = ("A drone struck a fuel depot in the town of Novozybkov in the Bryansk region on Wednesday, "
            "the regional governor said. Russia's defence ministry said air defences had destroyed two more "
            "drones over the region. It blamed Ukraine for the attack.")
    mentions = extract_mentions(Article.build(text, "text", published_at=PUBLISHED), services)
    blames = [c for m in mentions for c in m.claims if c.stance == "blames"]
    assert blames and "defence ministry" in blames[0].speaker


@pytest.mark.parametrize("text", [
    "Russian air defence systems destroyed 14 Ukrainian drones over the Belgorod region overnight, the defence "
    "ministry in Moscow said. One of the drones struck an electricity substation in the town of Shebekino, "
    "cutting power to thousands, the regional governor said.",
    "In the early hours of Tuesday, Russian missiles hit an energy facility in the city of Lviv, the mayor said. "
    "Ukrainian air defences downed three of the missiles, the air force reported.",
    "A Russian drone hit a fuel depot in the town of Kupiansk in the Kharkiv region on Wednesday, officials said. "
    "Ukrainian forces shot down two more drones over the town.",
], ids=["interception told first", "attack told first", "interceptor named"])
def test_an_interception_is_part_of_its_attack_and_dated_with_it(text: str, services: Any) -> None:
    mentions = extract_mentions(Article.build(text, "text", published_at=PUBLISHED), services)
    attacks = [m for m in mentions if m.sub_event_type != "Disrupted weapons use"]
    stopped = [m for m in mentions if m.sub_event_type == "Disrupted weapons use"]
    assert len(attacks) == 1 and len(stopped) == 1
    assert [(link.kind, link.target) for link in stopped[0].links] == [("part_of", attacks[0].index)]
    assert stopped[0].event_date == attacks[0].event_date
    assert stopped[0].actor1 != attacks[0].actor1  # the interceptor, not the attacker
