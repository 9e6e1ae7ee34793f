"""Resolution cost per mention as the database grows: synthetic mentions (dates over seven
years, 40 countries, 25 places each, a bounded set of named sites) are resolved and stored
through the real resolver and Repository, one transaction per 50 articles as in the
pipeline. Prints ms (wall and CPU) per 1,000 mentions once 10,000 and once 100,000
mentions are stored, and the CPU ratio; the last line is one JSON object. Printed figures only, never a test.

    .venv/bin/python bench/resolve.py            # 10k and 100k (several minutes)
    .venv/bin/python bench/resolve.py --small    # 1k and 10k
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from eventwatch.records import Article, Mention
from eventwatch.resolve import resolve_article
from eventwatch.settings import load_settings
from eventwatch.store import Repository, open_repository

TYPES = (
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    ("Battles", "Armed clash", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Violence against civilians", "Attack", "Political violence"),
)
START, DAYS = date(2019, 1, 1), 7 * 365
BATCH = 50  # articles per transaction, as pipeline.CHUNK
MEASURED = 1_000


def _places(rng: random.Random) -> list[tuple[str, str, float, float]]:
    places = []
    for c in range(40):
        lat0, lon0 = rng.uniform(-30, 60), rng.uniform(-80, 120)
        for p in range(25):
            places.append((f"Country{c}", f"Town{c}-{p}", lat0 + rng.uniform(-3, 3), lon0 + rng.uniform(-3, 3)))
    return places


def _mention(rng: random.Random, n: int, places: list[tuple[str, str, float, float]]) -> tuple[Article, Mention]:
    country, town, lat, lon = rng.choice(places)
    event_type, sub_type, disorder = rng.choice(TYPES)
    day = START + timedelta(days=rng.randrange(DAYS))
    article = Article(id=f"a{n:08d}", text=f"synthetic report {n}", source_kind="text", outlet=f"Outlet{n % 30}",
                      published_at=datetime.combine(day, datetime.min.time(), UTC))
    site = f"{town} depot" if rng.random() < 0.05 else None
    mention = Mention(
        article_id=article.id, index=0, event_type=event_type, sub_event_type=sub_type, disorder_type=disorder,
        event_date=day, time_precision=rng.choice((1, 1, 1, 1, 2, 3)), date_phrase="on Monday",
        location=town, admin1=f"{country}-R{hash(town) % 5}", admin2=None, country=country, iso=None,
        latitude=lat, longitude=lon, geonames_id=None, geo_precision=rng.choice((1, 1, 1, 2, 3)),
        actor1=rng.choice(("Military Forces of A", "Military Forces of B", "Protesters", None)), site=site,
        fatalities=rng.choice((0, 0, 1, 2, 5)),
    )
    return article, mention


SETTINGS = load_settings(env={}).resolve


def _resolve(repo: Repository, items: list[tuple[Article, Mention]]) -> None:
    settings = SETTINGS
    for start in range(0, len(items), BATCH):
        with repo.transaction() as tx:
            for article, mention in items[start : start + BATCH]:
                tx.add_article(article)
                resolve_article(tx, article, [mention], settings)


def _measure(repo: Repository, rng: random.Random, counter: list[int], places: list[tuple[str, str, float, float]]
             ) -> tuple[float, float]:
    """Wall and CPU milliseconds per 1,000 mentions (CPU is steadier on a shared machine)."""
    items = [_mention(rng, counter[0] + i, places) for i in range(MEASURED)]
    counter[0] += MEASURED
    wall, cpu = time.perf_counter(), time.process_time()
    _resolve(repo, items)
    scale = 1000 * 1000 / MEASURED
    return (time.perf_counter() - wall) * scale, (time.process_time() - cpu) * scale


def _fill(repo: Repository, rng: random.Random, counter: list[int], target: int,
          places: list[tuple[str, str, float, float]]) -> None:
    while counter[0] < target:
        size = min(5_000, target - counter[0])
        _resolve(repo, [_mention(rng, counter[0] + i, places) for i in range(size)])
        counter[0] += size
        print(f"  stored {counter[0]} mentions", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="1k and 10k instead of 10k and 100k")
    args = parser.parse_args()
    low, high = (1_000, 10_000) if args.small else (10_000, 100_000)
    rng = random.Random(7)
    places = _places(rng)
    counter = [0]
    with tempfile.TemporaryDirectory() as tmp:
        repo = open_repository(f"sqlite:///{Path(tmp) / 'bench.db'}")
        _fill(repo, rng, counter, low, places)
        wall_low, cpu_low = _measure(repo, rng, counter, places)
        print(f"{low} stored: {wall_low:.0f} ms wall, {cpu_low:.0f} ms CPU per 1,000 mentions")
        _fill(repo, rng, counter, high, places)
        wall_high, cpu_high = _measure(repo, rng, counter, places)
        print(f"{high} stored: {wall_high:.0f} ms wall, {cpu_high:.0f} ms CPU per 1,000 mentions")
        events = repo.counts().get("events")
        repo.engine.dispose()
    result = {"stored_low": low, "cpu_ms_per_1000_low": round(cpu_low), "cpu_ms_per_1000_high": round(cpu_high),
              "stored_high": high, "wall_ms_per_1000_low": round(wall_low), "wall_ms_per_1000_high": round(wall_high),
              "cpu_ratio": round(cpu_high / cpu_low, 2), "events": events}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
