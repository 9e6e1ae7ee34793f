"""The demonstration sub-type in the codebook's order: demonstrators' violence first, then
lethal or serious force against them, then intervention, else the classifier's label."""

import pytest

from eventwatch.extract.protest_order import in_codebook_order, protest_subtype


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the demonstrators' own violence decides, whatever the police then did
        ("Protesters threw stones at the police, who fired tear gas and arrested ten.", "VIOL_DEMONSTR"),
        ("Residents blocked the highway with burning tyres; police dispersed them.", "VIOL_DEMONSTR"),
        ("Rioters torched two buses in the town centre.", "VIOL_DEMONSTR"),
        ("Students clashed with riot police near the campus; one student was shot dead.", "VIOL_DEMONSTR"),
        # lethal or serious force against peaceful demonstrators
        ("Soldiers opened fire on a peaceful march, killing three.", "FORCE_AGAINST_PROTEST"),
        ("Two demonstrators were killed when police fired live rounds at the sit-in.", "FORCE_AGAINST_PROTEST"),
        ("Police violently dispersed a peaceful march of nurses, using excessive force.", "FORCE_AGAINST_PROTEST"),
        # intervention without serious harm
        ("Police used tear gas to disperse teachers protesting over unpaid wages.", "PROTEST_WITH_INTER"),
        ("Twenty marchers were arrested outside parliament.", "PROTEST_WITH_INTER"),
        # no cue: the caller keeps its label
        ("Hundreds of farmers marched to the governor's office to demand fair prices.", None),
    ],
)
def test_codebook_order(text: str, expected: str | None) -> None:
    assert protest_subtype(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Women burned an effigy of the minister outside the assembly.",
        "Lawyers protested against the arrest of a colleague; there were no clashes and no arrests.",
        "Residents marched to demand justice for a man killed by unknown gunmen.",
        "The crowd dispersed peacefully after an official received their petition.",
        "Traders closed the market and protested against the recent killing spree by bandits on the highway.",
    ],
)
def test_causes_negations_and_symbols_are_not_cues(text: str) -> None:
    assert protest_subtype(text) is None


def test_only_demonstration_labels_are_re_decided() -> None:
    text = "Protesters threw stones at the police."
    assert in_codebook_order("PEACE_PROTEST", text) == "VIOL_DEMONSTR"
    assert in_codebook_order("ARMED_CLASH", text) == "ARMED_CLASH"
    assert in_codebook_order("PEACE_PROTEST", "Thousands rallied in the capital.") == "PEACE_PROTEST"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters halted traffic on the main road for two hours.", None),
        ("Students disrupted a ministry meeting to demand lower fees.", None),
        ("Striking workers stopped the trains for an hour at the central station.", None),
        ("Police stopped the march at the bridge.", "PROTEST_WITH_INTER"),
        ("Police halted the march before it reached parliament.", "PROTEST_WITH_INTER"),
        ("The rally was disrupted by security forces after an hour.", "PROTEST_WITH_INTER"),
    ],
)
def test_cues_the_demonstrators_can_do_themselves_need_the_forces_named(text: str, expected: str | None) -> None:
    assert protest_subtype(text) == expected


def test_shots_fired_into_the_air_are_an_intervention_not_lethal_force() -> None:
    assert protest_subtype("Police opened fire in the air to disperse the marchers.") == "PROTEST_WITH_INTER"
    assert protest_subtype("Soldiers opened fire on the protesters, killing two.") == "FORCE_AGAINST_PROTEST"
