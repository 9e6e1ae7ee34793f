from __future__ import annotations

import pytest

from eventwatch.gazetteer.normalise import normalise_name, strip_region_words
from eventwatch.gazetteer.regions import short_region_name


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Rostov-on-Don", "Rostov on Don"),
        ("Khar'kov", "Kharkov"),
        ("Khar’kov", "KHARKOV"),
        ("Kyïv", "Kyiv"),
        ("St. Petersburg", "St Petersburg"),
        ("  El   Fasher ", "el fasher"),
    ],
)
def test_spellings_share_one_key(left: str, right: str) -> None:
    assert normalise_name(left) == normalise_name(right)


def test_cyrillic_is_kept_not_transliterated() -> None:
    assert normalise_name("Сергиев Посад") == "сергиев посад"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the Moscow region", "moscow"),
        ("Kursk Oblast", "kursk"),
        ("Republic of Tatarstan", "tatarstan"),
        ("Autonomous Republic of Crimea", "crimea"),
        ("North Darfur State", "north darfur"),
        ("Estado de Sonora", "sonora"),
    ],
)
def test_region_type_words_are_stripped(phrase: str, expected: str) -> None:
    assert strip_region_words(normalise_name(phrase)) == (expected, True)


def test_plain_region_name_is_unchanged() -> None:
    assert strip_region_words("crimea") == ("crimea", False)


@pytest.mark.parametrize(
    ("name", "aliases", "expected"),
    [
        ("Bryanskaya oblast'", ("Bryansk Oblast", "Bryansk vilayəti"), "Bryansk"),
        ("Kurskaya oblast'", ("Kursk vilayəti", "Курская область"), "Kursk"),
        ("Belgorodskaya oblast'", ("Belqorod vilayəti",), "Belgorod"),
        ("Tatarstan, Respublika", ("Tatarstan Republic", "Татарстан"), "Tatarstan"),
        ("Sumska oblast", ("Sumy", "Sumy Oblast"), "Sumy"),
        ("Moskva", ("Moscow", "Мәскәү"), "Moscow"),
        ("Idaho", ("State of Idaho", "‘Ikahō"), "Idaho"),
    ],
)
def test_short_region_names(name: str, aliases: tuple[str, ...], expected: str) -> None:
    assert short_region_name(name, aliases, "RU") == expected
