"""Golden table of date wordings: one incident said many ways, each with its ACLED date and
time precision (1 day, 2 week, 3 month). All sentences invented for these tests.

Publication dates: FRI 2023-09-01 (a Friday), MON 2024-11-25 (a Monday)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwatch.extract.dates import DateGuess, find_date

FRI = date(2023, 9, 1)
MON = date(2024, 11, 25)
THU_EVENT = DateGuess(date(2023, 8, 31), 1, "on Thursday", (0, 11), "relative")
WEEK_EVENT = DateGuess(date(2023, 8, 30), 2, "this week", (0, 9), "relative")

DAY = [
    # weekdays against publication
    ("A drone hit the depot on Thursday.", FRI, date(2023, 8, 31)),
    ("A drone hit the depot Thursday.", FRI, date(2023, 8, 31)),
    ("Thursday's strike on the depot killed a guard.", FRI, date(2023, 8, 31)),
    ("A drone hit the depot on Thursday morning.", FRI, date(2023, 8, 31)),
    ("A drone hit the depot this Thursday.", FRI, date(2023, 8, 31)),
    ("A drone hit the depot this past Thursday.", FRI, date(2023, 8, 31)),
    ("A drone hit the depot earlier on Thursday.", FRI, date(2023, 8, 31)),
    ("A drone hit the depot last Friday.", FRI, date(2023, 8, 25)),
    ("A drone hit the depot on Tuesday night.", FRI, date(2023, 8, 29)),
    ("Tuesday night's attack on the depot killed two.", FRI, date(2023, 8, 29)),
    ("A drone hit the depot on Wednesday last week.", FRI, date(2023, 8, 23)),
    ("On Sunday, 24 November, drones hit the depot.", MON, date(2024, 11, 24)),
    # nights: the day the attack began
    ("Drones hit the depot overnight.", FRI, date(2023, 8, 31)),
    ("Drones hit the depot during the night, the governor said.", FRI, date(2023, 8, 31)),
    ("Drones hit the depot in the night.", FRI, date(2023, 8, 31)),
    ("Drones hit the depot last night.", MON, date(2024, 11, 24)),
    ("Drones hit the depot overnight into Tuesday.", FRI, date(2023, 8, 28)),
    ("Drones hit the depot overnight on Tuesday.", FRI, date(2023, 8, 28)),
    ("Drones hit the depot during the night into Tuesday.", FRI, date(2023, 8, 28)),
    ("Drones hit the depot overnight Monday to Tuesday.", FRI, date(2023, 8, 28)),
    ("Drones hit the depot on Saturday night into Sunday.", MON, date(2024, 11, 23)),
    ("Drones hit the depot overnight Saturday into Sunday.", MON, date(2024, 11, 23)),
    ("Drones hit the depot on the night of Monday to Tuesday.", FRI, date(2023, 8, 28)),
    ("Drones hit the depot late on Monday night.", FRI, date(2023, 8, 28)),
    ("Drones hit the depot late Monday.", FRI, date(2023, 8, 28)),
    ("Drones hit the depot in the early hours of Tuesday.", FRI, date(2023, 8, 29)),
    ("Drones hit the depot early on Tuesday.", FRI, date(2023, 8, 29)),
    ("Drones hit the depot before dawn on Sunday.", MON, date(2024, 11, 24)),
    ("Drones hit the depot in the small hours of Sunday.", MON, date(2024, 11, 24)),
    ("Drones hit the depot shortly after midnight on Monday.", MON, date(2024, 11, 25)),
    ("Drones hit the depot at about 2 a.m. on Sunday.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on the night of 9 to 10 June.", date(2024, 6, 11), date(2024, 6, 9)),
    ("Drones hit the depot on the night of June 9-10.", date(2024, 6, 11), date(2024, 6, 9)),
    ("Drones hit the depot in the early hours of 10 June.", date(2024, 6, 11), date(2024, 6, 10)),
    # days against publication
    ("Drones hit the depot yesterday.", FRI, date(2023, 8, 31)),
    ("Drones hit the depot the day before yesterday.", MON, date(2024, 11, 23)),
    ("Drones hit the depot two days ago.", FRI, date(2023, 8, 30)),
    ("Drones hit the depot 2 days ago.", FRI, date(2023, 8, 30)),
    ("Drones hit the depot earlier today.", MON, date(2024, 11, 25)),
    ("Drones hit the depot this morning.", MON, date(2024, 11, 25)),
    # calendar dates, with and without a year
    ("Drones hit the depot on March 3.", MON, date(2024, 3, 3)),
    ("Drones hit the depot on 3 March.", MON, date(2024, 3, 3)),
    ("Drones hit the depot on 3 March 2023.", MON, date(2023, 3, 3)),
    ("Drones hit the depot on March 3, 2023.", MON, date(2023, 3, 3)),
    ("Drones hit the depot on Nov. 24.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on 24 Nov.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on Nov 24th.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on the morning of 24 November.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on the 24th.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on Sunday the 24th, officials said.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on 24.11.2024.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on 24/11/2024.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on 11/24/2024.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on 2024/11/24.", MON, date(2024, 11, 24)),
    ("Drones hit the depot on 24.11.", MON, date(2024, 11, 24)),
    ("Bulletin of 24.11.2024: drones hit the depot.", MON, date(2024, 11, 24)),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), DAY)
def test_a_day_is_day_precision(sentence: str, published: date, expected: date) -> None:
    guess = find_date(sentence, published)
    assert (guess.event_date, guess.time_precision) == (expected, 1), guess


ANAPHORIC = [
    ("Drones hit the depot a day earlier.", date(2023, 8, 30)),
    ("A day earlier, drones hit the depot.", date(2023, 8, 30)),
    ("Drones hit the depot the previous evening.", date(2023, 8, 30)),
    ("Drones hit the depot the evening before.", date(2023, 8, 30)),
    ("Drones hit the depot the night before.", date(2023, 8, 30)),
    ("On the previous day, drones hit the depot.", date(2023, 8, 30)),
    ("Two days earlier, drones hit the depot.", date(2023, 8, 29)),
    ("Drones hit the depot two days before.", date(2023, 8, 29)),
    ("A day later, drones hit the depot.", date(2023, 9, 1)),
    ("The following day, drones hit the depot.", date(2023, 9, 1)),
    ("Hours later, drones hit the depot.", date(2023, 8, 31)),
    ("On the same day, drones hit the depot.", date(2023, 8, 31)),
    ("In the early hours, drones hit the depot.", date(2023, 8, 31)),
    ("In the afternoon, drones hit the depot.", date(2023, 8, 31)),
    ("Drones hit the depot shortly after 2 p.m. local time.", date(2023, 8, 31)),
    ("Drones hit the depot at around 1:30 a.m.", date(2023, 8, 31)),
    ("Drones hit the depot at 14:30.", date(2023, 8, 31)),
    ("Drones hit the depot at 0200 GMT.", date(2023, 8, 31)),
    ("Drones hit the depot at noon.", date(2023, 8, 31)),
]


@pytest.mark.parametrize(("sentence", "expected"), ANAPHORIC)
def test_a_day_told_from_the_incident_before(sentence: str, expected: date) -> None:
    guess = find_date(sentence, FRI, THU_EVENT)
    assert (guess.event_date, guess.time_precision, guess.kind) == (expected, 1, "anaphoric"), guess


def test_a_day_told_from_an_incident_dated_to_its_week_is_week_precision() -> None:
    guess = find_date("A day earlier, drones hit the depot.", FRI, WEEK_EVENT)
    assert (guess.event_date, guess.time_precision) == (date(2023, 8, 29), 2)


WEEK = [
    ("Drones hit the depot earlier this week.", FRI, date(2023, 8, 28), date(2023, 8, 31)),
    ("Drones hit the depot earlier in the week.", FRI, date(2023, 8, 28), date(2023, 8, 31)),
    ("Drones hit the depot this week.", FRI, date(2023, 8, 28), date(2023, 9, 1)),
    ("Drones hit the depot at the start of the week.", FRI, date(2023, 8, 28), date(2023, 9, 1)),
    ("Drones hit the depot last week.", FRI, date(2023, 8, 21), date(2023, 8, 27)),
    ("Drones hit the depot late last week.", FRI, date(2023, 8, 21), date(2023, 8, 27)),
    ("Drones hit the depot at the weekend.", MON, date(2024, 11, 23), date(2024, 11, 24)),
    ("Drones hit the depot over the weekend.", MON, date(2024, 11, 23), date(2024, 11, 24)),
    ("Drones hit the depot on the weekend.", MON, date(2024, 11, 23), date(2024, 11, 24)),
    ("Drones hit the depot last weekend.", MON, date(2024, 11, 23), date(2024, 11, 24)),
    ("Drones hit the depot this past weekend.", MON, date(2024, 11, 23), date(2024, 11, 24)),
    ("Drones hit the depot a week ago.", MON, date(2024, 11, 18), date(2024, 11, 18)),
    ("Drones hit the depot a fortnight ago.", MON, date(2024, 11, 11), date(2024, 11, 11)),
    ("Drones hit the depot in recent days.", MON, date(2024, 11, 18), date(2024, 11, 25)),
]


MONTH = [
    ("Drones hit the depot earlier this month.", MON, date(2024, 11, 1), date(2024, 11, 24)),
    ("Drones hit the depot this month.", MON, date(2024, 11, 1), date(2024, 11, 25)),
    ("Drones hit the depot earlier in the month.", MON, date(2024, 11, 1), date(2024, 11, 24)),
    ("Drones hit the depot last month.", MON, date(2024, 10, 1), date(2024, 10, 31)),
    ("Drones hit the depot in March.", MON, date(2024, 3, 1), date(2024, 3, 31)),
    ("Drones hit the depot in early March.", MON, date(2024, 3, 1), date(2024, 3, 31)),
    ("Drones hit the depot in mid-November.", MON, date(2024, 11, 1), date(2024, 11, 25)),
    ("Drones hit the depot in late October.", MON, date(2024, 10, 1), date(2024, 10, 31)),
    ("Drones hit the depot in March 2023.", MON, date(2023, 3, 1), date(2023, 3, 31)),
    ("Drones hit the depot three weeks ago.", MON, date(2024, 11, 4), date(2024, 11, 4)),
    ("Drones hit the depot a month ago.", MON, date(2024, 10, 1), date(2024, 10, 31)),
]


@pytest.mark.parametrize(
    ("sentence", "published", "low", "high", "precision"),
    [(*case, 2) for case in WEEK] + [(*case, 3) for case in MONTH],
)
def test_a_week_or_a_month_is_week_or_month_precision(
    sentence: str, published: date, low: date, high: date, precision: int
) -> None:
    guess = find_date(sentence, published)
    assert guess.event_date is not None and low <= guess.event_date <= high, guess
    assert guess.time_precision == precision


NOT_A_DATE = [
    "The 24th Mechanized Brigade repelled the assault.",
    "Air defences downed 19/24 drones.",
    "The governor said 3.5 tonnes of fuel burned.",
    "Fuel prices rose by 3.5 per cent, to 3.50 a litre.",
    "Parliament votes on the bill next week.",
    "Rallies are planned for this coming Sunday.",
    "Crowds will gather again tomorrow.",
]


@pytest.mark.parametrize("sentence", NOT_A_DATE)
def test_numbers_and_the_future_are_no_event_date(sentence: str) -> None:
    assert find_date(sentence, MON).event_date is None
