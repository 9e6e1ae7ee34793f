"""Error classes of `eventwatch eval hrdsattack` on a HRDsAttack file, without article text.

    python tools/hrds_errors.py ../shared/data/hrdsattack/train.json [--list]

Prints, per field, how the primary event went wrong (no event extracted, wrong country,
right country but wrong admin1, ...), the date errors by gold granularity and by distance,
what the primary mentions were typed as, and the time per article. ``--list`` adds one line
per article (index, gold fields, primary's fields): gold and predicted names, never text.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from eventwatch.evaluate.hrdsattack import ArticleScore, PlaceJudge, score_file, summarise, timing
from eventwatch.extract.assemble import Services
from eventwatch.gazetteer import Gazetteer
from eventwatch.settings import load_settings


def place_class(score: ArticleScore, field: str, places: PlaceJudge) -> str | None:
    """Why a place field is right or wrong, coarse to fine."""
    verdict = getattr(score, field)
    if verdict is None:
        return None
    top, gold = score.primary, score.gold
    if top is None:
        return "no event"
    if verdict:
        return "right"
    if top.location is None:
        return "event without place"
    if gold.country is not None and not places.country_ok(gold.country, top):
        rescued = any(places.country_ok(gold.country, m) for m in score.mentions)
        return "wrong country (another mention right)" if rescued else "wrong country"
    if field == "city" and top.geo_precision == 3:
        return "right country, region-only place"
    if field == "city" and gold.region is not None and places.admin1_ok(gold.region, top):
        return "right admin1, wrong city"
    if field == "country":
        return "wrong country (gold unresolved)"
    return "right country, wrong " + ("admin1" if field == "admin1" else "city")


def date_class(score: ArticleScore) -> str | None:
    if score.date is None:
        return None
    top = score.primary
    level = score.gold.date.granularity
    if top is None:
        return f"{level}: no event"
    if top.event_date is None:
        return f"{level}: event undated"
    if score.date:
        return f"{level}: right"
    gold = score.gold.date
    if gold.year is not None and top.event_date.year != gold.year:
        return f"{level}: wrong year"
    if gold.month is not None and top.event_date.month != gold.month:
        return f"{level}: right year, wrong month"
    return f"{level}: right month, wrong day"


def show(title: str, counts: Counter[str]) -> None:
    total = sum(counts.values())
    print(f"\n{title} (n={total})")
    for name, count in counts.most_common():
        print(f"  {count:4d}  {count / total:6.1%}  {name}")


def listing(scores: list[ArticleScore]) -> None:
    for s in scores:
        top = s.primary
        got = f"{top.sub_event_type} | {top.location} | {top.admin1} | {top.country} | {top.event_date}" if top else "-"
        g = s.gold
        flags = "".join("." if v is None else ("+" if v else "x") for v in (s.country, s.admin1, s.city, s.date))
        print(
            f"{s.index:4d} {flags} n={len(s.mentions)} gold={g.city}|{g.region}|{g.country}|"
            f"{g.date.year}-{g.date.month}-{g.date.day}  got={got}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--list", action="store_true", help="one line per article (names only)")
    args = parser.parse_args()
    services = Services(gazetteer=Gazetteer.open())
    scores = score_file(args.path, services, load_settings())
    places = PlaceJudge(services.gazetteer)
    print(json.dumps(summarise(scores)))
    print("seconds per article:", timing(scores))
    print("mentions per article:", Counter(min(len(s.mentions), 5) for s in scores).most_common())
    for field in ("country", "admin1", "city"):
        show(field, Counter(c for s in scores if (c := place_class(s, field, places)) is not None))
    show("date", Counter(c for s in scores if (c := date_class(s)) is not None))
    show("primary sub_event_type", Counter(s.primary.sub_event_type if s.primary else "(none)" for s in scores))
    if args.list:
        listing(scores)


if __name__ == "__main__":
    main()
