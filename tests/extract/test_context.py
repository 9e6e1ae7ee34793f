"""Which countries an article is about (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

from eventwatch.extract.context import (
    article_countries,
    article_regions,
    dateline_town,
    first_naming,
    main_town,
    surnames,
)
from eventwatch.extract.places import find_places
from eventwatch.extract.sentences import split_sentences


def test_names_demonyms_and_aliases_are_counted(services: Any) -> None:
    text = (
        "Pakistani police detained a labour organiser in Lahore. Rights groups in Pakistan "
        "condemned the arrest, and a Pakistani senator asked for his release. The British "
        "embassy said it was following the case."
    )
    assert article_countries(text, services.gazetteer)[0] == "PK"


def test_irregular_demonyms_and_multi_word_names(services: Any) -> None:
    gazetteer = services.gazetteer
    assert article_countries("A Filipino journalist was shot in Manila.", gazetteer) == ["PH"]
    assert article_countries("Belarusian students marched. Belarusian police arrived.", gazetteer) == ["BY"]
    assert article_countries("Rights groups in Saudi Arabia were silent.", gazetteer) == ["SA"]
    assert article_countries("A Nigerian court freed the Canadian reporter.", gazetteer) == ["NG", "CA"]


def test_a_country_named_in_passing_is_not_context(services: Any) -> None:
    text = (
        "Zimbabwean police arrested the nurse in Harare. Zimbabwe's unions called a strike; "
        "Zimbabwean doctors joined them. A Zimbabwe court set bail. Zimbabwean nurses marched. "
        "The United States urged calm."
    )
    assert article_countries(text, services.gazetteer) == ["ZW"]


def test_acronyms_and_surnames_name_no_country(services: Any) -> None:
    assert article_countries("The UN and CNN reported that Mr Price was released.", services.gazetteer) == []


def test_surnames_of_people_named_in_full(services: Any) -> None:
    text = (
        "Police in Central Minsk detained the journalist Ivan Foley. In Belgorod, officials said "
        "Foley was released. Residents of Port Harcourt protested."
    )
    assert surnames(text, services.gazetteer) == {"Foley", "Ivan"}
    given = "The reporter Ana Quispe was threatened. Ana said the men followed her home."
    assert {"Ana", "Quispe"} <= surnames(given, services.gazetteer)  # "Ana" alone: not Anna, Texas


def test_first_naming_and_main_town(services: Any) -> None:
    sentences = split_sentences("Rights groups met. The Nigerian police arrested him in Kano. Kano was calm.")
    found = first_naming(sentences, "NG", services.gazetteer)
    assert found is not None and found[1].text == "Nigerian" and found[1].place.iso2 == "NG"
    town = main_town(sentences, "NG", services.gazetteer)
    assert town is not None and town[1].location == "Kano" and town[0].index == 1
    assert main_town(sentences, "KE", services.gazetteer) is None


def test_a_large_town_may_start_a_sentence_a_small_one_may_not(services: Any) -> None:
    dateline = split_sentences("NAIROBI, Kenya - Police detained a Kenyan organiser at a rally.")
    town = main_town(dateline, "KE", services.gazetteer)
    assert town is not None and town[1].location == "Nairobi"
    surname = split_sentences("Price said the Kenyan organiser was held overnight.")
    assert main_town(surname, "US", services.gazetteer) is None


def test_month_and_day_names_are_not_towns(services: Any) -> None:
    sentences = split_sentences("Protests began in the capital. In August, police detained the Belarusian organiser.")
    assert main_town(sentences, "US", services.gazetteer) is None


def test_an_article_naming_no_country_is_about_the_country_of_its_regions_and_cities(services: Any) -> None:
    text = "Police in Houston arrested two men after a reporter was beaten. Texas officials condemned it."
    assert article_countries(text, services.gazetteer) == ["US"]
    assert article_countries("The editor was detained at home.", services.gazetteer) == []


def test_the_first_naming_skips_where_someone_fled_from(services: Any) -> None:
    sentences = split_sentences(
        "The writer fled his home in Eritrea years ago. Police in Kenya detained him on Friday."
    )
    named = first_naming(sentences, "ER", services.gazetteer)
    assert named is None


def test_a_country_name_is_never_read_as_a_town(services: Any) -> None:
    sentences = split_sentences("Troops moved on. The convoy crossed from Iraq into Iran near the border town.")
    assert main_town(sentences, "IR", services.gazetteer) is None  # not Arak, which GeoNames also calls "Iraq"


def test_the_dateline_town_inside_the_lead_region(services: Any) -> None:
    gazetteer = services.gazetteer
    sentences = split_sentences("Pair charged\n\nCORPUS CHRISTI, Texas — Two people were charged with kidnapping.")
    texas = gazetteer.region("Texas", country_iso2="US")
    named = dateline_town(sentences, gazetteer, texas)
    assert named is not None and named[1].location == "Corpus Christi"
    ohio = gazetteer.region("Ohio", country_iso2="US")
    assert dateline_town(sentences, gazetteer, ohio) is None


def test_the_regions_an_article_names_pick_among_same_named_towns(services: Any) -> None:
    gazetteer = services.gazetteer
    text = "Police in Springfield arrested the organiser. Massachusetts lawmakers asked why."
    regions = article_regions(text, gazetteer, ["US"])
    assert ("US", "Massachusetts") in regions
    sentence = "Police in Springfield arrested the organiser."
    found = find_places(sentence, [], gazetteer, ("US",), regions=regions)
    assert [(p.location, p.place.admin1) for p in found] == [("Springfield", "Massachusetts")]
    # a far larger namesake is still meant: Austin, Texas in a report that names Minnesota
    minnesota = article_regions("Minnesota police watched. Protesters marched in Austin.", gazetteer, ["US"])
    found = find_places("Protesters marched in Austin.", [], gazetteer, ("US",), regions=minnesota)
    assert [p.place.admin1 for p in found] == ["Texas"]
