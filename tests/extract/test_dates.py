"""Event dates of sentences, resolved against a publication date (all sentences invented)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from eventwatch.extract.dates import NO_DATE, DateGuess, find_date, find_dates, names_month, publication_fallback

FRI = date(2023, 9, 1)  # a Friday
SAT = date(2023, 9, 2)
MON = date(2024, 11, 25)  # a Monday
THURSDAY_EVENT = DateGuess(date(2023, 8, 31), 1, "On Thursday", (0, 11), "relative")


def _day(sentence: str, published: date | None = FRI, previous: DateGuess | None = None) -> date | None:
    return find_date(sentence, published, previous).event_date


# --- explicit calendar dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A fuel depot burned after the strike on 28 August.", date(2023, 8, 28)),
        ("Officials said that on August 28 two shells fell near the market.", date(2023, 8, 28)),
        ("The bridge was damaged on 28 August 2022, engineers recalled.", date(2022, 8, 28)),
        ("Shelling resumed on August 28, 2023, local media wrote.", date(2023, 8, 28)),
        ("Residents reported explosions on Aug. 28 near the rail yard.", date(2023, 8, 28)),
        ("The rail yard was hit on 3 March, according to the governor.", date(2023, 3, 3)),
        ("On March 3rd, the militia entered the village.", date(2023, 3, 3)),
        ("Drones reached the refinery on the 5th of June.", date(2023, 6, 5)),
    ],
)
def test_explicit_dates_take_the_most_recent_year(sentence: str, expected: date) -> None:
    guess = find_date(sentence, FRI)
    assert (guess.event_date, guess.time_precision, guess.kind) == (expected, 1, "explicit")


def test_iso_date_is_read_as_written() -> None:
    guess = find_date("The incident log lists 2024-03-03 as the day of the raid.", date(2024, 3, 5))
    assert (guess.event_date, guess.time_precision, guess.kind) == (date(2024, 3, 3), 1, "explicit")


def test_a_date_later_in_the_year_belongs_to_the_previous_year() -> None:
    assert _day("The depot had burned on 14 December.") == date(2022, 12, 14)


def test_a_date_one_day_after_publication_is_allowed() -> None:
    assert _day("The convoy was ambushed on 2 September.", FRI) == date(2023, 9, 2)


def test_phrase_and_span_point_into_the_sentence() -> None:
    sentence = "Two trucks were destroyed on 28 August near the border."
    guess = find_date(sentence, FRI)
    assert guess.span is not None
    assert sentence[guess.span[0] : guess.span[1]] == guess.phrase == "on 28 August"


def test_impossible_calendar_date_is_not_a_date() -> None:
    assert find_date("The ledger claimed 31 February as the handover.", FRI) == NO_DATE


def test_explicit_date_without_publication_and_year_is_undated() -> None:
    guess = find_date("The strike on 28 August killed a guard.", None)
    assert (guess.event_date, guess.time_precision, guess.kind) == (None, 3, "explicit")


def test_explicit_date_with_year_needs_no_publication_date() -> None:
    assert _day("The strike on 28 August 2021 killed a guard.", None) == date(2021, 8, 28)


# --- weekdays and days relative to publication ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On Thursday, drones struck a grain terminal.", date(2023, 8, 31)),
        ("Thursday night strikes cut power to the district.", date(2023, 8, 31)),
        ("Late on Tuesday, a blast shook the harbour.", date(2023, 8, 29)),
        ("Early Monday, gunmen attacked a checkpoint.", date(2023, 8, 28)),
        ("On Friday the regional governor confirmed the damage.", FRI),
        ("Last Friday the regional governor confirmed the damage.", date(2023, 8, 25)),
        ("Police said on Sunday morning that the depot was still burning.", date(2023, 8, 27)),
        ("Yesterday troops shelled the outskirts.", date(2023, 8, 31)),
        ("Residents heard explosions last night.", date(2023, 8, 31)),
        ("An overnight attack damaged the port.", date(2023, 8, 31)),
        ("Today the ministry reported new casualties.", FRI),
        ("Sirens sounded this morning across the region.", FRI),
        ("Earlier today a shell hit a school.", FRI),
        ("Two days ago a patrol was ambushed.", date(2023, 8, 30)),
        ("The day before yesterday a patrol was ambushed.", date(2023, 8, 30)),
    ],
)
def test_day_precision_relative_to_publication(sentence: str, expected: date) -> None:
    guess = find_date(sentence, FRI)
    assert (guess.event_date, guess.time_precision, guess.kind) == (expected, 1, "relative")


def test_night_into_next_day_takes_the_first_night() -> None:
    guess = find_date("On Friday night into Saturday, drones targeted the airfield.", SAT)
    assert (guess.event_date, guess.time_precision) == (FRI, 1)
    assert guess.phrase == "On Friday night into Saturday"


def test_overnight_into_weekday_takes_the_night_before_it() -> None:
    assert _day("Air defences were active overnight into Saturday.", SAT) == FRI


def test_weekday_without_publication_date_is_undated() -> None:
    guess = find_date("On Thursday, drones struck a depot.", None)
    assert guess.event_date is None and guess.time_precision == 3


def test_publication_datetime_is_accepted() -> None:
    assert _day("On Thursday, drones struck a depot.", datetime(2023, 9, 1, 23, 30)) == date(2023, 8, 31)


# --- anaphora: relative to the previous event -------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A day earlier, a drone was shot down over the bay.", date(2023, 8, 30)),
        ("The day before, rebels had seized the bridge.", date(2023, 8, 30)),
        ("Shops had closed the previous day.", date(2023, 8, 30)),
        ("Two days earlier the same unit had shelled the village.", date(2023, 8, 29)),
        ("The next day drones returned to the refinery.", date(2023, 9, 1)),
        ("A day later the fire spread to a second tank.", date(2023, 9, 1)),
        ("Hours later, a second blast was heard.", date(2023, 8, 31)),
        ("Later that day, police detained two men.", date(2023, 8, 31)),
        ("The same day, a warehouse was set alight.", date(2023, 8, 31)),
        ("At the same time, a column moved on the airport.", date(2023, 8, 31)),
    ],
)
def test_anaphora_resolve_against_previous_event(sentence: str, expected: date) -> None:
    guess = find_date(sentence, FRI, THURSDAY_EVENT)
    assert (guess.event_date, guess.time_precision, guess.kind) == (expected, 1, "anaphoric")


def test_anaphora_keep_the_coarser_precision_of_the_previous_event() -> None:
    week_event = DateGuess(date(2023, 8, 29), 2, "earlier this week", (0, 17), "relative")
    guess = find_date("A day earlier, a drone was shot down.", FRI, week_event)
    assert (guess.event_date, guess.time_precision) == (date(2023, 8, 28), 2)


def test_anaphora_without_previous_event_is_undated() -> None:
    guess = find_date("A day earlier, a drone was shot down.", FRI)
    assert (guess.event_date, guess.time_precision, guess.kind) == (None, 3, "anaphoric")


def test_day_before_a_named_event_is_not_anaphora() -> None:
    sentence = "The day before the ceasefire talks, a drone was shot down."
    assert find_date(sentence, FRI, THURSDAY_EVENT) == NO_DATE


def test_own_date_beats_anaphora() -> None:
    guess = find_date("On Tuesday, a day after the port was hit, a depot burned.", FRI, THURSDAY_EVENT)
    assert guess.event_date == date(2023, 8, 29)


# --- week precision ---------------------------------------------------------------------


def test_earlier_this_week_lies_between_monday_and_the_day_before() -> None:
    guess = find_date("Earlier this week a convoy was hit near the river.", FRI)
    assert guess.event_date is not None
    assert date(2023, 8, 28) <= guess.event_date <= date(2023, 8, 31)
    assert (guess.time_precision, guess.kind) == (2, "relative")


@pytest.mark.parametrize(
    ("sentence", "first", "last"),
    [
        ("This week the militia lost two outposts.", date(2023, 8, 28), FRI),
        ("Last week a strike destroyed the depot.", date(2023, 8, 21), date(2023, 8, 27)),
        ("In recent days several raids were reported.", date(2023, 8, 25), date(2023, 8, 31)),
        ("A few days ago, a raid targeted the market.", date(2023, 8, 25), date(2023, 8, 31)),
        ("Over the weekend, raids were reported in the south.", date(2023, 8, 26), date(2023, 8, 27)),
    ],
)
def test_week_precision_phrases(sentence: str, first: date, last: date) -> None:
    guess = find_date(sentence, FRI)
    assert guess.event_date is not None and first <= guess.event_date <= last
    assert guess.time_precision == 2


def test_last_week_is_midweek() -> None:
    assert _day("Last week a strike destroyed the depot.") == date(2023, 8, 23)


def test_days_earlier_is_week_precision() -> None:
    with_previous = find_date("Days earlier, the bridge had been mined.", FRI, THURSDAY_EVENT)
    without = find_date("Days earlier, the bridge had been mined.", FRI)
    assert with_previous.time_precision == without.time_precision == 2
    assert with_previous.event_date is not None and with_previous.event_date < date(2023, 8, 31)
    assert without.event_date is not None and without.event_date < FRI


# --- month precision --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Last month, a raid left three dead.", date(2023, 8, 15)),
        ("In August, raids intensified along the coast.", date(2023, 8, 15)),
        ("In mid-July the garrison was resupplied.", date(2023, 7, 15)),
        ("In October 2022 the dam was damaged.", date(2022, 10, 15)),
        ("In November the dam was damaged.", date(2022, 11, 15)),
    ],
)
def test_month_precision_phrases(sentence: str, expected: date) -> None:
    guess = find_date(sentence, FRI)
    assert (guess.event_date, guess.time_precision) == (expected, 3)


def test_this_month_is_not_after_publication() -> None:
    guess = find_date("Earlier this month, militants burned a clinic.", date(2023, 9, 10))
    assert guess.event_date is not None and guess.event_date <= date(2023, 9, 10)
    assert guess.event_date.month == 9 and guess.time_precision == 3


def test_recent_weeks_is_month_precision() -> None:
    guess = find_date("In recent weeks, militants burned two clinics.", FRI)
    assert guess.event_date is not None and guess.event_date < FRI
    assert guess.time_precision == 3


# --- vague, future and not-a-date -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "In recent months the group has grown bolder.",
        "Recently, the group has grown bolder.",
        "Attacks on the pipeline have continued since 2022.",
        "Over the past year the town was shelled repeatedly.",
        "Since the start of the war more than 18 months ago, the plant has been hit often.",
        "Talks on a prisoner exchange will resume next week.",
        "Officials expect the convoy to arrive tomorrow.",
        "Next Thursday the council will debate the curfew.",
    ],
)
def test_vague_and_future_phrases_are_undated(sentence: str) -> None:
    guess = find_date(sentence, MON)
    assert (guess.event_date, guess.time_precision, guess.kind) == (None, 3, "vague")


def test_in_recent_months_on_a_monday_is_undated() -> None:
    guess = find_date("Strikes on the grid have multiplied in recent months.", MON)
    assert guess.undated and guess.time_precision == 3 and guess.kind == "vague"


def test_explicit_date_in_the_future_is_vague() -> None:
    guess = find_date("A summit is planned on 12 December 2023.", FRI)
    assert (guess.event_date, guess.kind) == (None, "vague")


def test_an_event_date_wins_over_background() -> None:
    sentence = "On Thursday the plant, shelled repeatedly since 2022, was hit again."
    assert _day(sentence) == date(2023, 8, 31)


@pytest.mark.parametrize(
    "sentence",
    [
        "The drone was one of two launched at the depot.",
        "The second hit the roof of the warehouse.",
        "About 40 firefighters fought the blaze.",
        "Officials said shelters may be prepared for evacuees.",
        "May be prepared, the mayor warned residents.",
        "The regiment lost 12 vehicles and 3 tanks.",
    ],
)
def test_non_dates_give_no_date(sentence: str) -> None:
    assert find_date(sentence, FRI) == NO_DATE


def test_war_duration_is_not_an_event_date() -> None:
    for guess in find_dates("The war began more than 18 months ago.", FRI):
        assert guess.event_date is None and guess.kind == "vague"


def test_previous_event_does_not_leak_into_a_sentence_without_date() -> None:
    guess = find_date("Rescuers pulled four people from the rubble.", FRI, THURSDAY_EVENT)
    assert guess == NO_DATE


# --- publication fallback ---------------------------------------------------------------


def test_publication_fallback_is_week_precision() -> None:
    guess = publication_fallback(FRI)
    assert (guess.event_date, guess.time_precision, guess.kind) == (FRI, 2, "publication")


def test_publication_fallback_without_date_is_undated() -> None:
    assert publication_fallback(None) == NO_DATE


def test_find_dates_lists_phrases_in_reading_order() -> None:
    found = find_dates("On Thursday, a day after the port was hit, talks stalled until next week.", FRI)
    assert [g.phrase for g in found] == ["On Thursday", "next week"]


# --- past years and months of earlier years ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The reporter was detained in 2016 and never charged.", date(2016, 7, 1)),
        ("She was first arrested during 2019, her lawyer said.", date(2019, 7, 1)),
        ("The activist was killed in a March 2021 ambush near the river.", date(2021, 3, 15)),
    ],
)
def test_a_past_year_or_month_dates_at_month_precision(sentence: str, expected: date) -> None:
    guess = find_date(sentence, MON)
    assert (guess.event_date, guess.time_precision, guess.kind) == (expected, 3, "explicit")


@pytest.mark.parametrize(
    "sentence",
    [
        "The union was founded in 2024 by dock workers.",  # the publication year says nothing new
        "Strikes on the depot have grown since the offensive began in 2022.",  # starts a period
    ],
)
def test_publication_year_and_period_starts_stay_undated(sentence: str) -> None:
    assert find_date(sentence, MON).event_date is None


def test_a_day_beats_a_past_year() -> None:
    guess = find_date("Arrested in 2019, he was tried on 4 February 2020.", MON)
    assert (guess.event_date, guess.time_precision) == (date(2020, 2, 4), 1)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He was arrested on 14 March 2017.", True),
        ("He was arrested in May 2018.", True),
        ("The hearing was set for 2017-03-14.", True),
        ("Attacks have grown since the invasion began in 2019.", False),
        ("He was arrested in 2016.", False),
        ("He was arrested on Monday.", False),
    ],
)
def test_names_month_tells_calendar_dates_from_bare_years_and_weekdays(sentence: str, expected: bool) -> None:
    found = find_dates(sentence, date(2021, 6, 2))
    assert any(names_month(g) for g in found) is expected


def test_since_someones_arrest_in_a_year_dates_the_arrest() -> None:
    guess = find_date("He has been in prison since his arrest in 2019.", FRI)
    assert (guess.event_date, guess.time_precision, guess.kind) == (date(2019, 7, 1), 3, "explicit")
    assert find_date("Prices have risen since the start of the war in 2019.", FRI).event_date is None


def test_a_bare_date_most_of_a_year_back_is_the_coming_one() -> None:
    published = date(2021, 2, 26)
    assert find_date("Farmers will hold a rally in the capital on March 12.", published).event_date is None
    assert _day("Farmers held a rally in the capital on January 12.", published) == date(2021, 1, 12)


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("He was first arrested on August 28 last year in a raid.", date(2022, 8, 28), 1),
        ("The office was raided in April last year.", date(2022, 4, 15), 3),
    ],
)
def test_a_day_or_month_of_last_year(sentence: str, expected: date, precision: int) -> None:
    guess = find_date(sentence, FRI)
    assert (guess.event_date, guess.time_precision, guess.kind) == (expected, precision, "explicit")


def test_a_bare_29_february_most_of_a_year_back_is_the_coming_one() -> None:
    assert find_date("The hearing is set for 29 February.", date(2021, 3, 20)).event_date is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The editor has been detained in Tehran since 2019, his wife said.", date(2019, 7, 1)),
        ("She has been in custody since March 2022 without trial.", date(2022, 3, 15)),
        ("The lawyer has been missing since 2020.", date(2020, 7, 1)),
    ],
)
def test_held_since_a_date_dates_the_start_of_the_detention(sentence: str, expected: date) -> None:
    found = find_date(sentence, FRI)
    assert (found.event_date, found.time_precision, found.kind) == (expected, 3, "explicit")


@pytest.mark.parametrize(
    "sentence",
    ["Prices have risen sharply since 2019.", "He has been held since 2023."],  # a period; the publication year
)
def test_any_other_since_stays_background(sentence: str) -> None:
    assert find_date(sentence, FRI).event_date is None


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("Drones hit the port in the early hours, officials said.", FRI, 1),
        ("Shelling began shortly after midnight near the station.", FRI, 1),
        ("Police raided the newsroom at dawn.", FRI, 1),
        ("Drones hit the port in the early hours of Thursday.", date(2023, 8, 31), 1),
        ("Police raided the newsroom before dawn on 28 August.", date(2023, 8, 28), 1),
        ("The depot was hit on Tuesday last week.", date(2023, 8, 22), 1),
        ("Troops clashed on the Monday of last week.", date(2023, 8, 21), 1),
        ("A drone struck the plant earlier in the week.", date(2023, 8, 29), 2),
        ("Protests broke out earlier in the month.", FRI, 3),
    ],
)
def test_small_hours_and_days_of_last_week(sentence: str, expected: date, precision: int) -> None:
    guess = find_date(sentence, FRI, DateGuess(FRI, 1, None, None, "publication"))
    assert (guess.event_date, guess.time_precision) == (expected, precision)


def test_the_small_hours_are_the_day_of_the_incident_told_before() -> None:
    guess = find_date("In the early hours, police moved in.", FRI, THURSDAY_EVENT)
    assert (guess.event_date, guess.time_precision, guess.kind) == (date(2023, 8, 31), 1, "anaphoric")
