"""Government regains vs non-state actor overtakes territory: the side that takes the place."""

import pytest

from eventwatch.extract.territory_order import by_taker, held_off, taker

GOV = "GOV_REGAINS_TERIT"
NSA = "NON_STATE_ACTOR_OVERTAKES_TER"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants captured the district from the army after government troops fled.", NSA),
        ("The town fell to the rebels on Sunday.", NSA),
        ("The Kachin Independence Army seized an army outpost near the river.", NSA),
        ("Troops recaptured the border post that had been seized by the rebels last month.", GOV),
        ("Loyalist forces pushed the militia out of the airport and took control of its runways.", GOV),
        ("The village was retaken by soldiers after two days of fighting with jihadists.", GOV),
        ("Army troops were driven out of the frontier town by rebel fighters.", NSA),
        ("The national army, backed by a local militia, recovered the district from the insurgents.", GOV),
        ("Heavy fighting continued around the town.", None),
    ],
)
def test_the_side_that_takes_the_place(text: str, expected: str | None) -> None:
    assert taker(text) == expected


def test_only_the_two_territory_labels_are_re_decided() -> None:
    text = "Rebels took control of the town after the army withdrew."
    assert by_taker(GOV, text) == NSA
    assert by_taker("NON_VIOL_TERRIT_TRANSFER", text) == "NON_VIOL_TERRIT_TRANSFER"
    assert by_taker(GOV, "The town changed hands.") == GOV


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops repelled an attack by militants on the town; nine attackers were killed.", True),
        ("Insurgents tried to capture the district headquarters but were beaten back.", True),
        ("Government forces failed to retake the border post after a day of fighting.", True),
        ("Rebels and troops fought for control of the town on Monday.", True),
        ("Heavy fighting for control of the airport went on; the rebels later captured it.", False),
        ("The army repelled the rebels and recaptured the town.", False),
        ("The rebels seized the town on Monday.", False),
    ],
)
def test_an_assault_held_off_takes_no_place(text: str, expected: bool) -> None:
    assert held_off(text) is expected
    if expected:
        assert by_taker(GOV, text) == by_taker(NSA, text) == "ARMED_CLASH"


def test_a_transfer_needs_a_sign_that_control_passed() -> None:
    nvtt = "NON_VIOL_TERRIT_TRANSFER"
    assert by_taker(nvtt, "The rebels pulled out of the town and soldiers moved in the next day.") == nvtt
    assert by_taker(nvtt, "The militia handed the checkpoint over to the police.") == nvtt
    moved = "The army redeployed two battalions from the capital to the northern border region."
    assert by_taker(nvtt, moved) == "CHANGE_TO_GROUP_ACT"


def test_a_place_taken_without_a_fight_is_a_non_violent_transfer() -> None:
    text = "The rebels entered the town without a fight after the garrison fled."
    assert by_taker(NSA, text) == "NON_VIOL_TERRIT_TRANSFER"
