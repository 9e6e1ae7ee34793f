"""API latency on a large synthetic SQLite database.

    .venv/bin/python bench/api.py [--events 1000000] [--db PATH] [--runs 40]

1. build (or reuse, when it already holds --events events) a database of synthetic events with
   bulk inserts: one article per ten events, one mention and one evidence quote per event,
   notes from a small vocabulary; then the full-text index is built by the store's own
   `ensure_fts` (the path a real database takes on first open);
2. time typical requests through the ASGI app in-process (httpx TestClient, so routing,
   validation and JSON serialisation count): /events with a date range + admin1, a bbox, a
   text search, the first page with no filter, and /stats over one year and over everything.

Prints p50/p99 per query, database size and load time; the last line is one JSON object.
Figures only: never used as timed assertions in tests.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.schema import CreateIndex

from eventwatch.settings import Settings, StoreSettings
from eventwatch.store import create_store_engine
from eventwatch.store.schema import articles, events, evidence, mentions
from eventwatch.taxonomy import EVENT_TYPE_OF

BATCH = 20_000
FIRST_DAY = date(2015, 1, 1)
DAYS = 3650
# Synthetic places: (country, centre lat, centre lon); ten admin1 regions each.
COUNTRIES = [
    ("Ukraine", 49.0, 32.0), ("Russia", 55.0, 40.0), ("Syria", 35.0, 38.0), ("Yemen", 15.5, 47.5),
    ("Sudan", 15.0, 30.0), ("Mali", 17.0, -4.0), ("Nigeria", 9.0, 8.0), ("Somalia", 5.0, 46.0),
    ("Myanmar", 21.0, 96.0), ("Colombia", 4.0, -73.0), ("Mexico", 23.0, -102.0), ("Iraq", 33.0, 44.0),
]  # fmt: skip
WORDS = [
    "drone",
    "strike",
    "shelling",
    "artillery",
    "missile",
    "attack",
    "clash",
    "protest",
    "rally",
    "police",
    "army",
    "militia",
    "fighters",
    "village",
    "town",
    "market",
    "school",
    "hospital",
    "bridge",
    "refinery",
    "depot",
    "airbase",
    "checkpoint",
    "convoy",
    "border",
    "killed",
    "wounded",
    "injured",
    "displaced",
    "arrested",
    "detained",
    "abducted",
    "fired",
    "launched",
    "intercepted",
    "morning",
    "evening",
    "night",
    "residents",
    "officials",
    "witnesses",
    "governor",
    "ministry",
    "spokesperson",
    "claimed",
    "denied",
    "blamed",
    "confirmed",
    "reported",
    "damaged",
    "destroyed",
    "burned",
    "looted",
    "surrounded",
    "captured",
]
SUBS = sorted(EVENT_TYPE_OF)


def _now() -> datetime:
    return datetime.now(UTC)


def _place(rng: random.Random) -> dict[str, Any]:
    country, lat, lon = rng.choice(COUNTRIES)
    region = rng.randrange(10)
    return {
        "country": country,
        "admin1": f"{country} Region {region}",
        "admin2": None,
        "location": f"{country} Town {rng.randrange(200)}",
        "latitude": round(lat + (region - 5) * 0.5 + rng.uniform(-1, 1), 5),
        "longitude": round(lon + (region % 5 - 2) * 0.8 + rng.uniform(-1, 1), 5),
        "geo_precision": 1,
    }


def _fields(rng: random.Random) -> dict[str, Any]:
    sub = rng.choice(SUBS)
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    return {
        "event_type": EVENT_TYPE_OF[sub], "sub_event_type": sub, "disorder_type": "Political violence",
        "event_date": day if rng.random() > 0.01 else None, "time_precision": 1, "date_phrase": None,
        **_place(rng), "iso": None, "geonames_id": None,
        "actor1": rng.choice(["Military Forces", "Rebels", "Protesters"]),
        "actor2": rng.choice([None, "Civilians", "Police Forces"]), "assoc_actor_1": None, "assoc_actor_2": None,
        "inter1": 1, "inter2": None, "site": None, "weapon_kind": None, "weapon_launched": None,
        "weapon_intercepted": None, "fatalities": rng.choice([0, 0, 0, 1, 2, 3, 5, 12]), "injuries": 0,
        "size_reported": None, "notes": " ".join(rng.choices(WORDS, k=14)) + ".", "confidence": 0.8,
    }  # fmt: skip


def _batches(n: int, seed: int) -> Iterator[tuple[list[dict[str, Any]], ...]]:
    rng = random.Random(seed)
    now = _now()
    for start in range(0, n, BATCH):
        evs: list[dict[str, Any]] = []
        arts: list[dict[str, Any]] = []
        mens: list[dict[str, Any]] = []
        quotes: list[dict[str, Any]] = []
        for i in range(start, min(n, start + BATCH)):
            event_id, article_id, idx = f"{i:016x}", f"a{i // 10:015x}", i % 10
            values = _fields(rng)
            evs.append({"id": event_id, **values, "site_id": None, "version": 1, "first_seen": now,
                        "last_updated": now, "values_by_source": "{}"})  # fmt: skip
            if idx == 0:
                arts.append({"id": article_id, "url": None, "outlet": "Synthetic News", "title": None,
                             "published_at": now, "language": "en", "text": "synthetic", "source_kind": "text",
                             "origin": None, "ingested_at": now})  # fmt: skip
            mens.append({"article_id": article_id, "idx": idx, **values, "event_id": event_id})
            quote = " ".join(rng.choices(WORDS, k=10))
            quotes.append({"article_id": article_id, "mention_idx": idx, "field": "event_type", "start": 0,
                           "end": len(quote), "quote": quote})  # fmt: skip
        yield evs, arts, mens, quotes


def build(url: str, n: int) -> float:
    """Fill the database with n synthetic events; returns the seconds taken."""
    began = time.perf_counter()
    engine = create_store_engine(url)
    with engine.begin() as conn:
        for evs, arts, mens, quotes in _batches(n, seed=7):
            for table, rows in ((events, evs), (articles, arts), (mentions, mens), (evidence, quotes)):
                if rows:
                    conn.execute(insert(table), rows)
    engine.dispose()
    engine = create_store_engine(url)  # first open indexes the new events for full text
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return time.perf_counter() - began


def count(url: str) -> int:
    """Events in an existing database (whose schema indexes are brought up to date)."""
    engine = create_store_engine(url)
    try:
        with engine.begin() as conn:
            for index in events.indexes:
                conn.execute(CreateIndex(index, if_not_exists=True))
            return int(conn.execute(select(func.count()).select_from(events)).scalar_one())
    finally:
        engine.dispose()


def _timed(call: Callable[[], Any], runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 1),
    }


def _queries(rng: random.Random) -> dict[str, Callable[[], str]]:
    def date_admin1() -> str:
        country, _, _ = rng.choice(COUNTRIES)
        first = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 90))
        return f"/events?start={first}&end={first + timedelta(days=90)}&admin1={country} Region {rng.randrange(10)}"

    def bbox() -> str:
        _, lat, lon = rng.choice(COUNTRIES)
        lat, lon = lat + rng.uniform(-2, 2), lon + rng.uniform(-2, 2)
        return f"/events?bbox={lon - 0.5},{lat - 0.5},{lon + 0.5},{lat + 0.5}"

    def text() -> str:
        return f"/events?text={'+'.join(rng.sample(WORDS, 2))}"

    def near() -> str:
        _, lat, lon = rng.choice(COUNTRIES)
        return f"/events?near={lat},{lon},25&sort=-fatalities"

    def stats_year() -> str:
        first = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 365))
        return f"/stats?start={first}&end={first + timedelta(days=365)}&country={rng.choice(COUNTRIES)[0]}"

    return {
        "events_date_admin1": date_admin1, "events_bbox": bbox, "events_text": text, "events_near": near,
        "events_first_page": lambda: "/events", "stats_one_year_country": stats_year, "stats_all": lambda: "/stats",
    }  # fmt: skip


def measure(url: str, runs: int) -> dict[str, dict[str, float]]:
    from fastapi.testclient import TestClient

    from eventwatch.api.app import create_app

    app = create_app(Settings(store=StoreSettings(url=url)))
    rng = random.Random(11)
    found: dict[str, dict[str, float]] = {}
    with TestClient(app) as client:
        for name, make in _queries(rng).items():

            def call(make: Callable[[], str] = make) -> None:
                response = client.get(make())
                response.raise_for_status()

            call()  # warm the page cache for this query shape
            found[name] = _timed(call, runs)
            print(f"{name:24s} p50 {found[name]['p50_ms']:7.1f} ms   p99 {found[name]['p99_ms']:7.1f} ms", flush=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwatch-bench-api.db"))
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    load_s = None
    if not args.db.exists() or count(url) != args.events:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        load_s = round(build(url, args.events), 1)
        print(f"built {args.events} events in {load_s} s", flush=True)
    size_mb = round(args.db.stat().st_size / 1e6, 1)
    print(f"database {args.db}: {size_mb} MB", flush=True)
    if args.build_only:
        return
    figures = measure(url, args.runs)
    print(json.dumps({"events": args.events, "db_mb": size_mb, "load_s": load_s, "queries": figures}))


if __name__ == "__main__":
    main()
