"""Whole articles about attacks on rights defenders, written for these tests: the incident,
its country, town and date when the article states them only around the incident sentence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from eventwatch.evaluate.primary import primary_mention
from eventwatch.extract.assemble import extract_mentions
from eventwatch.records import Article, Mention


def _primary(text: str, services: Any, published: datetime = datetime(2021, 6, 2, 9, tzinfo=UTC)) -> Mention:
    article = Article.build(text, "text", published_at=published)
    top = primary_mention(extract_mentions(article, services))
    assert top is not None
    return top


def test_a_surname_is_not_a_town_and_the_country_comes_from_the_article(services: Any) -> None:
    text = (
        "Court jails rights lawyer\n\n"
        "A court jailed the rights lawyer Daniel Price for four years on 3 March.\n\n"
        "Price had criticised the Pakistani government for years. Pakistani rights groups condemned "
        "the verdict, and the bar council of Pakistan called a strike."
    )
    top = _primary(text, services)
    assert (top.sub_event_type, top.country, top.event_date) == ("Arrests", "Pakistan", date(2021, 3, 3))
    assert top.location != "Price"
    quote = top.evidence["location"].quote
    assert text[top.evidence["location"].start : top.evidence["location"].end] == quote


def test_an_unplaced_incident_takes_the_town_the_article_is_about(services: Any) -> None:
    text = (
        "Land activist held\n\n"
        "Police detained a Kenyan land rights activist on Tuesday, his lawyer said.\n\n"
        "Kenyan groups demanded his release.\n\n"
        "The activist has campaigned against evictions in Nakuru for a decade, and his family in "
        "Nakuru has not been allowed to see him."
    )
    top = _primary(text, services)
    assert (top.sub_event_type, top.country, top.location, top.geo_precision) == ("Arrests", "Kenya", "Nakuru", 2)


def test_an_undated_lead_takes_the_date_said_just_before_it(services: Any) -> None:
    text = (
        "Union leader detained\n\n"
        "On 12 May a magistrate in Bulawayo refused bail for two striking nurses. Police then detained "
        "the nurses' union leader at the exit of the court in Bulawayo."
    )
    top = _primary(text, services)
    # the narrative goes on from the day said just before: day precision (lead_date._told_before)
    assert (top.sub_event_type, top.location, top.event_date, top.time_precision) == (
        "Arrests", "Bulawayo", date(2021, 5, 12), 1)



def test_an_undated_later_development_takes_the_first_date_the_article_states(services: Any) -> None:
    text = (
        "The 14 March 2017 case of a blogger\n\n"
        "A court in Alexandria jailed the blogger Amir Farouk for five years, his lawyer said.\n\n"
        "His family has campaigned for his release. Egyptian rights groups condemned the verdict."
    )
    top = _primary(text, services)
    assert (top.sub_event_type, top.location, top.event_date, top.time_precision) == (
        "Arrests", "Alexandria", date(2017, 3, 14), 3)


def test_an_undated_lead_with_no_date_in_the_article_falls_back_to_publication(services: Any) -> None:
    text = (
        "Union leader detained\n\n"
        "Police detained the nurses' union leader at the exit of the court in Bulawayo, his lawyer said."
    )
    top = _primary(text, services)
    assert (top.location, top.event_date, top.time_precision) == ("Bulawayo", date(2021, 6, 2), 2)


def test_where_someone_grew_up_is_not_where_they_were_detained(services: Any) -> None:
    text = (
        "Reporter detained\n\n"
        "A Belarusian reporter who was raised in Gomel was detained by police on Sunday.\n\n"
        "Belarusian groups called for her release."
    )
    top = _primary(text, services)
    assert (top.sub_event_type, top.country, top.event_date) == ("Arrests", "Belarus", date(2021, 5, 30))
    assert top.location != "Homyel'"


def test_the_west_is_not_a_region(services: Any) -> None:
    text = (
        "Reporter detained\n\n"
        "Police detained a Belarusian reporter on Sunday, calling her a puppet of the West.\n\n"
        "Belarusian groups called for her release."
    )
    assert _primary(text, services).country == "Belarus"


def test_the_first_placed_incident_is_dated_as_the_lead_when_the_first_one_is_unplaced(services: Any) -> None:
    text = (
        "Rights groups alarmed\n\n"
        "Police in Uganda have detained dozens of activists, their lawyers said.\n\n"
        "Kenyan rights groups have condemned the wave of detentions.\n\n"
        "Gunmen shot dead the human rights lawyer Grace Njeri outside her office in Mombasa, her "
        "colleagues said.\n\n"
        "Her family has not heard from her."
    )
    top = _primary(text, services)
    assert (top.sub_event_type, top.location, top.event_date, top.time_precision) == (
        "Attack", "Mombasa", date(2021, 6, 2), 2)


def test_a_trial_reported_on_a_weekday_is_dated_by_the_killing_it_is_about(services: Any) -> None:
    text = (
        "Trial over reporter's murder opens\n\n"
        "A court in Lahore on Tuesday opened the trial of three men accused of killing the reporter "
        "Samir Qadir.\n\n"
        "Qadir was shot dead outside his office in Lahore in March 2019. Pakistani press groups "
        "welcomed the trial."
    )
    top = _primary(text, services)
    assert (top.location, top.event_date, top.time_precision) == ("Lahore", date(2019, 3, 15), 3)


def test_a_violation_dated_before_the_lead_dates_it(services: Any) -> None:
    text = (
        "Radio host still missing\n\n"
        "The radio host Maria Lopes was abducted on 4 February 2020, her station said.\n\n"
        "Police detained two men in Recife on 31 May 2021 and searched a farm nearby."
    )
    top = _primary(text, services)
    assert (top.sub_event_type, top.location, top.event_date) == ("Arrests", "Recife", date(2020, 2, 4))


def test_an_earlier_killing_recalled_after_the_lead_does_not_date_it(services: Any) -> None:
    text = (
        "Lawyer shot dead\n\n"
        "Gunmen shot dead a human rights lawyer outside the court in Mombasa on Tuesday.\n\n"
        "In March 2019, another lawyer was shot dead in Nairobi."
    )
    top = _primary(text, services)
    assert (top.location, top.event_date, top.time_precision) == ("Mombasa", date(2021, 6, 1), 1)


def test_an_undated_lead_takes_the_first_dated_violation_before_other_dates(services: Any) -> None:
    text = (
        "Blogger jailed\n\n"
        "A court in Alexandria jailed the blogger Amir Farouk for five years, his lawyer said.\n\n"
        "His family spoke to reporters. They were upset. They plan a campaign. A rights group "
        "published a report on 2 June 2020.\n\n"
        "Farouk was first detained on 14 March 2017 at his home."
    )
    top = _primary(text, services)
    assert (top.sub_event_type, top.location, top.event_date) == ("Arrests", "Alexandria", date(2017, 3, 14))


def test_a_rescue_is_dated_by_the_abduction_it_ends(services: Any) -> None:
    text = (
        "Kidnapped trader rescued\n\n"
        "Police in Kano rescued a kidnapped grain trader on Tuesday, a police spokesman said.\n\n"
        "The trader was abducted from his shop on 3 May by armed men who demanded a ransom."
    )
    top = _primary(text, services)
    assert (top.location, top.event_date) == ("Kano", date(2021, 5, 3))


def test_a_reaction_in_the_lead_does_not_move_the_date_of_the_killing_it_reports(services: Any) -> None:
    text = (
        "Lawyer shot\n\n"
        "Police shot dead a lawyer in Mombasa on Tuesday, and residents demanded justice.\n\n"
        "In March 2019, police killed another lawyer in Nairobi."
    )
    top = _primary(text, services)
    assert (top.location, top.event_date) == ("Mombasa", date(2021, 6, 1))


def test_a_city_state_places_an_incident_like_a_town(services: Any) -> None:
    text = (
        "Vigil for a dead dissident\n\n"
        "Thousands of activists marched in Singapore to question the official account of the death of "
        "a veteran dissident who was freed last year after two decades in prison."
    )
    top = _primary(text, services)
    assert (top.sub_event_type, top.location, top.geo_precision) == ("Peaceful protest", "Singapore", 1)


def test_an_article_about_one_country_does_not_report_its_sources_abroad(services: Any) -> None:
    text = (
        "Columnist beaten\n\n"
        "Islamabad: Unknown men beat the journalist Sana Mir outside her home in Peshawar on 4 May.\n\n"
        "Pakistani journalists condemned the attack, and Pakistani lawmakers demanded an inquiry. "
        "The press club of Pakistan called a protest."
    )
    top = _primary(text, services)
    assert (top.country, top.location) == ("Pakistan", "Peshawar")


def _sub_event(sentence: str, services: Any) -> str | None:
    article = Article.build(f"Report\n\n{sentence}", "text", published_at=datetime(2021, 3, 3, tzinfo=UTC))
    top = primary_mention(extract_mentions(article, services))
    return top.sub_event_type if top is not None else None


def test_more_ways_of_reporting_an_attack_on_a_defender(services: Any) -> None:
    assert _sub_event("The trade unionist was assassinated in Cali on Monday.", services) == "Attack"
    assert _sub_event("The reporter was assaulted by the mayor's guards in Lagos on Monday.", services) == "Attack"
    assert _sub_event("The union leader was placed under house arrest in Yangon on Monday.", services) == "Arrests"
    assert _sub_event("The editor was held incommunicado in Asmara on Monday.", services) == "Arrests"
    assert _sub_event("The lawyer was disappeared in Beijing on Monday.", services) == "Abduction/forced disappearance"
    assert _sub_event("Security agents raided the newspaper's offices in Harare on Monday.", services) == "Other"


def test_a_continuing_detention_dates_its_start(services: Any) -> None:
    text = (
        "Retrial postponed\n\n"
        "The retrial of the aid worker was postponed again. She has been detained in Iran since 2017, "
        "her family said."
    )
    top = _primary(text, services)
    assert (top.sub_event_type, top.country, top.event_date) == ("Arrests", "Iran", date(2017, 7, 1))
