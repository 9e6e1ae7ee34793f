"""Dates of the incident a lead reports back to: a date in the clause of a violation, whether
a date states its year, and the period a coarse date covers (all sentences invented)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwatch.extract.cues import VIOLATION
from eventwatch.extract.dates import find_date
from eventwatch.extract.lead_date import attached_date, states_year, within

FRI = date(2023, 9, 1)  # a Friday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The editor was arrested in May 2018 and has been held since.", date(2018, 5, 15)),
        ("On 3 March, gunmen killed the union leader at his home.", date(2023, 3, 3)),
        ("She was first detained in 2016 for organising a strike.", date(2016, 7, 1)),
        ("He admitted a role in the 2008 hostage-taking of two reporters.", date(2008, 7, 1)),
        ("Police reopened the 2012 political murder case last week.", date(2012, 7, 1)),
    ],
)
def test_a_date_in_the_clause_of_a_violation_dates_it(sentence: str, expected: date) -> None:
    guess = attached_date(sentence, FRI, VIOLATION)
    assert guess is not None and guess.event_date == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The editor, who founded the paper in May 2018, was arrested.",  # the date is the founding's
        "He was arrested after the election; it had been held on 3 March.",  # another clause
        "The union leader was arrested on Thursday.",  # not a calendar date
        "The 2019 protests ended with arrests.",  # the year names the protests
        "Police said the suspect would be arrested on 5 October 2023.",  # after publication
    ],
)
def test_a_date_outside_the_clause_of_a_violation_does_not_date_it(sentence: str) -> None:
    assert attached_date(sentence, FRI, VIOLATION) is None


def test_only_a_calendar_date_with_its_year_states_the_year() -> None:
    assert states_year(find_date("The strike hit on 28 August 2022.", FRI))
    assert states_year(find_date("The strike hit in 2016.", FRI))
    assert not states_year(find_date("The strike hit on 28 August.", FRI))
    assert not states_year(find_date("The strike hit on Thursday.", FRI))


def test_a_year_or_month_contains_the_days_it_names() -> None:
    year, month = find_date("It happened in 2022.", FRI), find_date("It happened in May 2022.", FRI)
    day = find_date("It happened on 3 May 2022.", FRI)
    assert within(year, day) and within(month, day) and not within(month, find_date("on 3 June 2022", FRI))
    assert not within(day, month)  # a day does not cover the month it falls in
