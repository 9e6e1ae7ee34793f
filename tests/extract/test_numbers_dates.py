"""Numbers, casualty figures, dates and their precision: golden sentences written for these
tests (no report text), through the stage functions and end to end through extraction."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from eventwatch.extract.assemble import extract_mentions
from eventwatch.extract.casualties import find_casualties
from eventwatch.extract.dates import DateGuess, find_date
from eventwatch.extract.numbers import to_int
from eventwatch.records import Article

THU = date(2026, 4, 2)  # a Thursday
MONDAY_INCIDENT = DateGuess(date(2026, 3, 30), 1, "on Monday", (0, 9), "relative")


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("Two hundred", 200),
        ("One hundred and twenty", 120),
        ("a hundred and fifty", 150),
        ("forty-two", 42),
        ("twenty one", 21),
        ("two thousand five hundred", 2500),
        ("11,000", 11000),
        ("2.5 million", 2_500_000),
        ("a dozen", 12),
        ("several", 3),
        ("a few", 3),
        ("tens of", 10),
        ("dozens of", 12),
        ("scores of", 20),
        ("hundreds", 100),
        ("tens of thousands", 10_000),
        ("banana", None),
    ],
)
def test_number_words(phrase: str, value: int | None) -> None:
    assert to_int(phrase) == value


# sentence -> (fatalities, injuries, event date, time precision), published on THU, the
# incident told just before dated Monday 30 March.
GOLDEN: list[tuple[str, int | None, int | None, date | None, int]] = [
    ("Two hundred people were killed when missiles hit the market on Tuesday.", 200, None, date(2026, 3, 31), 1),
    ("One hundred and twenty people died in the shelling overnight.", 120, None, date(2026, 4, 1), 1),
    ("A strike on Poltava on March 30 had killed seven, officials said.", 7, None, date(2026, 3, 30), 1),
    ("The raid on 30 March killed three soldiers and wounded 12 others.", 3, 12, date(2026, 3, 30), 1),
    ("Thirty drones killed two people and injured a dozen in the early hours of Tuesday.", 2, 12,
     date(2026, 3, 31), 1),
    ("The shelling damaged 14 buildings and killed a woman late on Monday.", 1, None, date(2026, 3, 30), 1),
    ("Around 40 firefighters fought the blaze overnight into Tuesday.", None, None, date(2026, 3, 30), 1),
    ("Several civilians were wounded last night.", None, 3, date(2026, 4, 1), 1),
    ("Dozens of people were hurt earlier this week.", None, 12, date(2026, 3, 31), 2),
    ("Gunmen killed four villagers earlier this month.", 4, None, date(2026, 4, 1), 3),
    ("Police shot dead two protesters last week.", 2, None, date(2026, 3, 25), 2),
    ("The previous evening, a drone injured her two children.", None, 2, date(2026, 3, 29), 1),
    ("A day earlier, artillery killed five soldiers.", 5, None, date(2026, 3, 29), 1),
    ("On Thursday police detained 30 activists; nobody was hurt.", 0, 0, THU, 1),
    ("Militants abducted a teacher in March.", None, None, date(2026, 3, 15), 3),
    ("In 2019, gunmen killed at least 11 people in the village.", 11, None, date(2019, 7, 1), 3),
    ("On the night of 29-30 March, drones struck a depot.", None, None, date(2026, 3, 29), 1),
    ("Drones struck the depot overnight on 31 March.", None, None, date(2026, 3, 30), 1),
]


@pytest.mark.parametrize(("sentence", "fatalities", "injuries", "day", "precision"), GOLDEN,
                         ids=[g[0][:40] for g in GOLDEN])
def test_golden_figures_and_dates(sentence: str, fatalities: int | None, injuries: int | None,
                                  day: date | None, precision: int) -> None:
    found = find_casualties(sentence)
    assert (found.fatalities, found.injuries) == (fatalities, injuries)
    guess = find_date(sentence, THU, MONDAY_INCIDENT)
    assert (guess.event_date, guess.time_precision) == (day, precision)


@pytest.mark.parametrize(
    "phrase",
    ["overnight into Tuesday", "on Monday night into Tuesday", "on the night of Monday to Tuesday",
     "late on Monday", "overnight on Tuesday"],
)
def test_one_night_is_dated_by_the_day_it_began(phrase: str) -> None:
    guess = find_date(f"Drones attacked the port {phrase}.", THU)
    assert (guess.event_date, guess.time_precision, guess.phrase) == (date(2026, 3, 30), 1, phrase)


def test_the_early_hours_keep_their_night_words_in_the_phrase() -> None:
    """The day reported, with the night words kept so resolution can meet the same night
    told from the evening before ("overnight into Tuesday")."""
    guess = find_date("Missiles hit the city in the early hours of Tuesday.", THU)
    assert (guess.event_date, guess.phrase) == (date(2026, 3, 31), "in the early hours of Tuesday")


def test_a_period_started_on_a_day_dates_no_incident_unless_someone_is_held() -> None:
    assert find_date("Some 140 boys have been arrested since March 5 for stone-throwing.", THU).event_date is None
    assert find_date("The lawyer has been detained since March 5.", THU).event_date == date(2026, 3, 5)


def _mentions(text: str, services: Any, published: datetime) -> list[Any]:
    return extract_mentions(Article.build(text, "text", published_at=published), services)


@pytest.mark.parametrize(
    ("text", "fatalities", "day"),
    [
        ("Two hundred people were killed when Russian missiles struck a market in Dnipro on Tuesday.",
         200, date(2024, 6, 11)),
        ("One hundred and twenty people died when Russian missiles struck a market in Dnipro on Tuesday.",
         120, date(2024, 6, 11)),
        ("A Russian missile strike on Poltava on March 30 had killed seven people, officials said.",
         7, date(2024, 3, 30)),
    ],
)
def test_figures_end_to_end(text: str, fatalities: int, day: date, services: Any) -> None:
    published = datetime(2024, 6, 14, 12, tzinfo=UTC) if "Tuesday" in text else datetime(2024, 4, 2, 9, tzinfo=UTC)
    mentions = _mentions(text, services, published)
    assert len(mentions) == 1
    assert (mentions[0].fatalities, mentions[0].event_date, mentions[0].time_precision) == (fatalities, day, 1)


def test_a_following_sentence_that_only_counts_the_dead_gives_the_figures(services: Any) -> None:
    text = ("Russian missiles struck a crowded market in Dnipro on Tuesday.\n\n"
            "Two hundred people were killed and dozens wounded, the governor said.\n\n"
            "Last year, 40 people were killed in a similar strike.")
    mentions = _mentions(text, services, datetime(2024, 6, 14, 12, tzinfo=UTC))
    assert [(m.fatalities, m.injuries) for m in mentions] == [(200, 12)]
    assert mentions[0].evidence["fatalities"].quote.startswith("Two hundred people were killed")
