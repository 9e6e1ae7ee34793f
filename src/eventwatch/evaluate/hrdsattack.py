"""Article -> primary event scored against HRDsAttack's human annotation.

Each sample holds an article as HTML paragraphs (``sample["Input.article_interface"]``), its
title and publish date, and one crowd annotation (``annotations[0]["annotation"]``) of the
reported incident's country, region, city and date. The article runs through the full
extraction; its primary mention (`primary.primary_mention`) is compared with the gold.

Scoring rules:
- a field is scored only on articles whose gold value is stated: None, "", "None",
  "unknown", "N/A" (any case) mean not stated; a missing prediction counts as wrong;
- places (`hrds_places.PlaceJudge`) are equal when their normalised names are ("Malé" == "male"), or when the
  gazetteer resolves both to the same place (country "USA" == "United States", region
  "Zamfara State" == admin1 "Zamfara", city "Kiev" == the predicted Kyiv's GeoNames id);
  a gold name the gazetteer cannot resolve at all is also accepted when it is a near-spelling
  (similarity >= ``hrds_places.TYPO_SIMILARITY``) of the prediction: crowd typos and demonyms
  ("Nigeia", "Ethiopian");
- a gold region is also matched by the predicted place's second-level area ("Leyte" for
  Tacloban, whose GeoNames admin1 is the region Eastern Visayas; "Renfrewshire" for Johnstone,
  Scotland): annotators name the state, province or county, which GeoNames keeps at the
  second level in some countries; and by an acronym of it ("FCT", Federal Capital Territory);
- `city_acc` compares names (as the issue defines it); `city_area_acc` also accepts a
  predicted town within ``hrds_places.DISTRICT_KM`` of a town of the gold name in the same
  country: a district or neighbour in the same urban area ("Brooklyn" for New York, "Quezon
  City" for Manila, "Bethnal Green" for London);
- a gold country that names a first-level region ("Scotland", "Texas") is scored as that
  region's country; one naming several ("Greece and India") accepts any of them; a predicted
  Hong Kong or Macao is accepted for a gold China;
- the date is compared at the gold's granularity: day, month and year when all three are
  given; month and year when the day is not; the year alone when only it is; day and month
  (or month) when the annotator left out the year. Misspelt month names are read
  ("Decenmber"), and fields typed out of order ("year": "March", "month": "2015").
"""

from __future__ import annotations

import difflib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

from eventwatch.errors import EvalError, InputError
from eventwatch.evaluate.hrds_places import PlaceJudge
from eventwatch.evaluate.primary import primary_mention
from eventwatch.extract.assemble import Services, extract_mentions
from eventwatch.extract.context import article_countries
from eventwatch.gazetteer import Gazetteer, normalise_name
from eventwatch.ingest.html import parse_html
from eventwatch.records import Article, Mention
from eventwatch.settings import Settings

UNSTATED = frozenset({"", "none", "null", "unknown", "n a", "na", "not stated"})
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
KEYS = (
    "n",
    "country_acc",
    "admin1_acc",
    "city_acc",
    "city_area_acc",
    "date_acc",
    "n_country",
    "n_admin1",
    "n_city",
    "n_date",
    "any_event_country_recall",
)


# ----- gold --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldDate:
    year: int | None
    month: int | None
    day: int | None

    @property
    def granularity(self) -> str | None:
        """day | month | year | month_day | month_only, or None when nothing usable is given."""
        if self.year is not None:
            return "year" if self.month is None else ("month" if self.day is None else "day")
        if self.month is not None:
            return "month_only" if self.day is None else "month_day"
        return None


@dataclass(frozen=True)
class Gold:
    country: str | None
    region: str | None
    city: str | None
    date: GoldDate


def stated(value: object) -> str | None:
    """The annotation's value, or None when it says the article does not state it."""
    if value is None:
        return None
    text = str(value).strip()
    return None if normalise_name(text) in UNSTATED else text


def _number(value: object, low: int, high: int) -> int | None:
    text = stated(value)
    try:
        number = float(text) if text is not None else None
    except ValueError:
        return None
    return int(number) if number is not None and number.is_integer() and low <= number <= high else None


def _month(value: object) -> int | None:
    number = _number(value, 1, 12)
    text = stated(value)
    if number is not None or text is None or not text.isalpha():
        return number
    close = difflib.get_close_matches(text.casefold(), MONTHS, n=1, cutoff=0.75)
    return MONTHS.index(close[0]) + 1 if close else None


def _date_fields(annotation: dict[str, Any]) -> GoldDate:
    """Year, month and day; fields typed out of order ("year": "March", "month": "2015", or
    month / day / year as "September", "09", "2021") are read by what they hold when the year
    field holds no year: the four-digit year, the month name, and the day left over."""
    values = [annotation.get(key) for key in ("year", "month", "date")]
    year = _number(values[0], 1900, 2100)
    named = [i for i, v in enumerate(values) if (text := stated(v)) is not None and text.isalpha() and _month(v)]
    years = [i for i, v in enumerate(values) if _number(v, 1900, 2100) is not None]
    if year is not None or not years or not named:
        return GoldDate(year, _month(values[1]), _number(values[2], 1, 31))
    rest = [v for i, v in enumerate(values) if i not in (years[0], named[0])]
    return GoldDate(_number(values[years[0]], 1900, 2100), _month(values[named[0]]), _number(rest[0], 1, 31))


def gold_of(annotation: dict[str, Any]) -> Gold:
    """The annotation's place and date, with the 'not stated' conventions resolved."""
    return Gold(
        stated(annotation.get("country")),
        stated(annotation.get("region")),
        stated(annotation.get("city")),
        _date_fields(annotation),
    )


def date_ok(gold: GoldDate, predicted: date | None) -> bool | None:
    """Whether the predicted date agrees at the gold's granularity; None when not scored."""
    level = gold.granularity
    if level is None:
        return None
    if predicted is None:
        return False
    wanted = {
        "day": (gold.year, gold.month, gold.day),
        "month": (gold.year, gold.month),
        "year": (gold.year,),
        "month_day": (gold.month, gold.day),
        "month_only": (gold.month,),
    }[level]
    got = {
        "day": (predicted.year, predicted.month, predicted.day),
        "month": (predicted.year, predicted.month),
        "year": (predicted.year,),
        "month_day": (predicted.month, predicted.day),
        "month_only": (predicted.month,),
    }[level]
    return wanted == got


# ----- articles ----------------------------------------------------------------------------


def load_samples(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read HRDsAttack file {path}: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(s, dict) and "sample" in s for s in data):
        raise EvalError(f"{path} is not a HRDsAttack file: expected a list of {{'sample', 'annotations'}}")
    return data


def published_at(value: object) -> datetime | None:
    """'2021-03-08 23:00:34' as an aware UTC datetime."""
    try:
        return datetime.fromisoformat(str(value).strip()).replace(tzinfo=UTC)
    except ValueError:
        return None


def paragraphs_text(fragment: str) -> str:
    """The fragment's paragraphs as plain text, one per block (fallback when trafilatura refuses)."""
    root = lxml_html.fromstring(f"<html><body>{fragment}</body></html>")
    blocks = [" ".join(p.text_content().split()) for p in root.iter("p")] or [" ".join(root.text_content().split())]
    return "\n\n".join(b for b in blocks if b)


def article_of(sample: dict[str, Any], settings: Settings, origin: str) -> Article:
    """The sample's article: its title as the first paragraph, then the extracted body text."""
    fragment = str(sample.get("Input.article_interface") or "")
    title = stated(sample.get("Input.title"))
    try:
        body = parse_html(f"<html><body>{fragment}</body></html>", settings.ingest, origin=origin).text
    except InputError:
        body = paragraphs_text(fragment)
    text = f"{title}\n\n{body}" if title else body
    return Article.build(
        text, "html", title=title, published_at=published_at(sample.get("Input.publish_date")), origin=origin
    )


@dataclass(frozen=True)
class ArticleScore:
    """One article's outcome; a field verdict is None when the gold does not state it."""

    index: int
    gold: Gold
    mentions: tuple[Mention, ...]
    primary: Mention | None
    country: bool | None
    admin1: bool | None
    city: bool | None
    city_area: bool | None
    date: bool | None
    any_country: bool | None
    seconds: float


def judge(index: int, gold: Gold, mentions: list[Mention], places: PlaceJudge, seconds: float,
          about: Sequence[int] = ()) -> ArticleScore:
    """One article's verdicts; `about`: ISO codes of the countries the article is about."""
    top = primary_mention(mentions, about)

    def verdict(value: str | None, check: Callable[[str, Mention], bool]) -> bool | None:
        return None if value is None else (top is not None and check(value, top))

    gold_country = gold.country
    any_country = None if gold_country is None else any(places.country_ok(gold_country, m) for m in mentions)
    return ArticleScore(
        index=index,
        gold=gold,
        mentions=tuple(mentions),
        primary=top,
        country=verdict(gold.country, places.country_ok),
        admin1=verdict(gold.region, places.admin1_ok),
        city=verdict(gold.city, places.city_ok),
        city_area=verdict(gold.city, places.city_area_ok),
        date=date_ok(gold.date, top.event_date if top else None),
        any_country=any_country,
        seconds=seconds,
    )


def countries_about(article: Article, gazetteer: Gazetteer) -> list[int]:
    """ISO numeric codes of the countries the article is about, most named first."""
    found = (gazetteer.country_by_iso2(iso2) for iso2 in article_countries(article.text, gazetteer))
    return [country.iso for country in found if country is not None]


def score_file(path: Path, services: Services, settings: Settings) -> list[ArticleScore]:
    """Every article of the file run through the extraction and judged against its gold."""
    places = PlaceJudge(services.gazetteer)
    scores: list[ArticleScore] = []
    for index, record in enumerate(load_samples(path)):
        annotations = record.get("annotations") or [{}]
        gold = gold_of(annotations[0].get("annotation") or {})
        started = time.perf_counter()
        article = article_of(record["sample"], settings, origin=f"{path.name}#{index}")
        mentions = extract_mentions(article, services)
        seconds = time.perf_counter() - started
        scores.append(judge(index, gold, mentions, places, seconds, countries_about(article, services.gazetteer)))
    return scores


def _rate(verdicts: list[bool | None]) -> tuple[float, int]:
    scored = [v for v in verdicts if v is not None]
    return (round(sum(scored) / len(scored), 4) if scored else 0.0), len(scored)


def summarise(scores: list[ArticleScore]) -> dict[str, float | int]:
    """The eval JSON: accuracy and count of scored articles per field."""
    result: dict[str, float | int] = {"n": len(scores)}
    for name in ("country", "admin1", "city", "city_area", "date"):
        result[f"{name}_acc"], result[f"n_{name}"] = _rate([getattr(s, name) for s in scores])
    result["any_event_country_recall"] = _rate([s.any_country for s in scores])[0]
    return {key: result[key] for key in KEYS}


def evaluate_hrdsattack(path: Path, services: Services, settings: Settings) -> dict[str, float | int]:
    """`eventwatch eval hrdsattack FILE --json`: the scores of the primary event per article."""
    return summarise(score_file(path, services, settings))


def timing(scores: list[ArticleScore]) -> dict[str, float]:
    """Seconds per article (HTML -> mentions): mean, median and the slowest."""
    seconds = sorted(s.seconds for s in scores) or [0.0]
    return {
        "mean": round(sum(seconds) / len(seconds), 4),
        "median": round(seconds[len(seconds) // 2], 4),
        "max": round(seconds[-1], 4),
    }
