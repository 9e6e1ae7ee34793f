"""Soak test of `eventwatch watch`: feeds on loopback that change every few seconds, a
webhook receiver, and the watch loop running in this process for --minutes.

    .venv/bin/python bench/soak.py [--minutes 30] [--feeds 3] [--item-every 5] [--poll 5]

1. a loopback HTTP server serves --feeds RSS feeds (the 20 newest items each, with ETag and
   304 answers) and one page per item; every --item-every seconds each feed publishes an item
   about a drone strike on a (town, day) of its own, and one item in four revises the toll
   of an earlier item's strike (a "changed" alert);
2. a saved search matching every event posts to a webhook receiver on loopback;
3. `Watcher.run_forever` (what `eventwatch watch` runs) polls each feed every --poll seconds.

Prints fetches (and how many were answered 304), items published, articles stored, alerts
received, delay from an item's publication to its alert (p50, p99, max; the alert is matched
to the item by the event's town and date), and resident memory after the first poll and at
the end. The last line is one JSON object. Figures only: never a timed assertion in a test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# Towns whose gazetteer name is the spelling used here (alerts are matched to items by it).
TOWNS = ["Kharkiv", "Odesa", "Dnipro", "Sumy", "Poltava", "Kherson", "Chernihiv", "Kropyvnytskyi", "Lviv",
         "Zhytomyr", "Cherkasy", "Rivne", "Lutsk", "Ternopil", "Uzhhorod"]  # fmt: skip
FIRST_DAY = date(2023, 1, 1)
TARGETS = ["an industrial building", "a warehouse", "a power substation", "a grain terminal", "a railway depot",
           "a fuel storage site", "a repair yard", "a logistics centre"]  # fmt: skip
# Varied wording and figures, so that items are not taken for wire copies of one another.
DETAILS = [
    "About {a} firefighters worked at the scene for {b} hours.",
    "The blast damaged {a} nearby homes and {b} cars, officials said.",
    "Power was cut to {a} households in {b} streets for the rest of the day.",
    "Air defence units were active over the region for {a} minutes, the air force said.",
    "Residents of {a} buildings were moved to shelters while crews cleared debris for {b} hours.",
    "Local police opened a criminal case and said {a} investigators were at the site.",
    "Schools in {a} districts switched to remote lessons the next morning.",
    "The regional administration said {a} people asked for help with broken windows.",
]
OPENINGS = [
    "A Russian drone struck {target} in {town} on {when}, and {toll}, the regional governor said.",
    "Russian forces hit {target} in {town} with a drone on {when}; {toll}, according to the governor.",
    "{town} came under a Russian drone attack on {when} that struck {target}, and {toll}, local officials said.",
]


@dataclass
class Item:
    feed: int
    number: int
    town: str
    day: date
    killed: int
    published: float  # time.time()

    @property
    def path(self) -> str:
        return f"/article/{self.feed}/{self.number}"

    def text(self) -> str:
        pick = random.Random(self.feed * 100_003 + self.number)
        toll = f"{self.killed} people were killed" if self.killed else "no casualties were reported"
        when = f"{self.day.day} {self.day.strftime('%B %Y')}"
        opening = pick.choice(OPENINGS).format(target=pick.choice(TARGETS), town=self.town, when=when, toll=toll)
        details = [d.format(a=pick.randint(3, 90), b=pick.randint(2, 40)) for d in pick.sample(DETAILS, 4)]
        return " ".join([opening, *details])


@dataclass
class World:
    feeds: int
    items: list[list[Item]] = field(default_factory=list)
    fetches: int = 0
    not_modified: int = 0
    alerts: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, feed: int, revise: bool) -> None:
        with self.lock:
            mine = self.items[feed]
            number = len(mine)
            if revise and mine:
                earlier = mine[max(0, number - 3)]
                item = Item(feed, number, earlier.town, earlier.day, earlier.killed + 2, time.time())
            else:
                town = TOWNS[(feed * 5 + number) % len(TOWNS)]
                day = FIRST_DAY + timedelta(days=feed * 400 + number)
                item = Item(feed, number, town, day, 0, time.time())
            mine.append(item)

    def feed_xml(self, feed: int) -> bytes:
        with self.lock:
            newest = list(reversed(self.items[feed][-20:]))
        entries = "".join(
            f"<item><title>Drone strike in {i.town}</title><link>{BASE[0]}{i.path}</link>"
            f"<guid>{BASE[0]}{i.path}</guid><pubDate>{formatdate(i.published, usegmt=True)}</pubDate>"
            f"<description>{escape(i.text())}</description></item>"
            for i in newest
        )
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Soak feed {feed}</title><link>{BASE[0]}/'
                f"</link><description>soak</description>{entries}</channel></rss>").encode()  # fmt: skip

    def page(self, path: str) -> bytes | None:
        with self.lock:
            found = [i for items in self.items for i in items if i.path == path]
        if not found:
            return None
        item = found[0]
        return (f"<html><head><title>Drone strike in {item.town}</title></head><body><article><h1>Drone strike in "
                f"{item.town}</h1><p>{escape(item.text())}</p></article></body></html>").encode()  # fmt: skip

    def published_at(self, town: str | None, day: str | None) -> float | None:
        """When the newest item about this (town, day) was published."""
        with self.lock:
            times = [i.published for items in self.items for i in items if i.town == town and i.day.isoformat() == day]
        return max(times) if times else None

    def published_by_url(self, text: str) -> float | None:
        """When the item whose URL appears in `text` (an alert's changes) was published."""
        with self.lock:
            times = [i.published for items in self.items for i in items if f"{BASE[0]}{i.path}>" in text]
        return max(times) if times else None

    def unmatched(self, alerts: int) -> int:
        return alerts - len(delays(self))


BASE = [""]


def _handler(world: World) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: bytes = b"", kind: str = "text/html", etag: str | None = None) -> None:
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
            if status != 304:
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.startswith("/feed/"):
                body = world.feed_xml(int(self.path.rsplit("/", 1)[1]))
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                with world.lock:
                    world.fetches += 1
                    world.not_modified += self.headers.get("If-None-Match") == etag
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, etag=etag)
                else:
                    self._send(200, body, "application/rss+xml", etag)
                return
            page = world.page(self.path)
            self._send(200, page) if page else self._send(404)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with world.lock:
                world.alerts.append((time.time(), json.loads(body)))
            self._send(204)

    return Handler


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def publisher(world: World, every: float, stop: threading.Event) -> None:
    rounds = 0
    while not stop.wait(every):
        rounds += 1
        for feed in range(world.feeds):
            world.publish(feed, revise=rounds % 4 == 0)


def timed_alerts(world: World) -> list[tuple[float, dict[str, Any]]]:
    """(delay from publication to the alert, the alert): the item is the one whose URL the alert
    names as its (new) source, else the newest item about the event's town and date."""
    found = []
    for arrived, payload in world.alerts:
        published = world.published_by_url(" ".join(payload.get("changes", [])))
        if published is None:
            event = payload.get("event", {})
            published = world.published_at(event.get("location"), event.get("event_date"))
        if published is not None:
            found.append((arrived - published, payload))
    return found


def delays(world: World) -> list[float]:
    return [delay for delay, _ in timed_alerts(world)]


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--feeds", type=int, default=3)
    parser.add_argument("--item-every", type=float, default=5.0, help="seconds between items on each feed")
    parser.add_argument("--poll", type=float, default=5.0, help="seconds between polls of a feed")
    args = parser.parse_args()

    from eventwatch.monitor.watch import Watcher
    from eventwatch.records import SavedSearch, SourceSpec
    from eventwatch.scale.pool import default_services
    from eventwatch.settings import load_settings
    from eventwatch.store import open_repository
    from eventwatch.store.monitor import MonitorStore

    world = World(args.feeds, [[] for _ in range(args.feeds)])
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(world))
    server.daemon_threads = True
    BASE[0] = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    for feed in range(args.feeds):
        world.publish(feed, revise=False)

    folder = tempfile.mkdtemp(prefix="eventwatch-soak-")
    settings = load_settings(env={}).with_db(f"sqlite:///{folder}/soak.db")
    settings = settings.model_copy(update={
        "fetch": settings.fetch.model_copy(update={"allow_private": True}),
        "alerts": settings.alerts.model_copy(update={"retry_base": 2.0}),
    })  # fmt: skip
    repo = open_repository(settings.store.url)
    MonitorStore(repo.engine).add_search(SavedSearch("everything", {}, webhook=f"{BASE[0]}/hook"))
    specs = [SourceSpec(f"feed{f}", f"{BASE[0]}/feed/{f}", args.poll) for f in range(args.feeds)]
    watcher = Watcher(specs, settings, repo, default_services())
    watcher.run_once()  # warm-up: spaCy and the gazetteer load, the first items are stored
    memory_start = rss_mb()
    stop = threading.Event()
    threading.Thread(target=publisher, args=(world, args.item_every, stop), daemon=True).start()
    loop = threading.Thread(target=watcher.run_forever, daemon=True)
    started = time.time()
    loop.start()
    time.sleep(args.minutes * 60)
    stop.set()
    time.sleep(args.poll + 5)  # let the last items be polled and alerted
    watcher.stop()
    loop.join(timeout=60)
    watcher.close()
    memory_end = rss_mb()
    waits = delays(world)
    published = sum(len(items) for items in world.items)
    report = {
        "minutes": round((time.time() - started) / 60, 2),
        "feeds": args.feeds,
        "fetches": world.fetches,
        "not_modified": world.not_modified,
        "items_published": published,
        "articles": repo.counts()["articles"],
        "events": repo.counts()["events"],
        "alerts": len(world.alerts),
        "changed_alerts": sum(1 for _, p in world.alerts if p.get("kind") == "changed"),
        "alerts_not_matched_to_an_item": world.unmatched(len(world.alerts)),
        "delay_p50_s": round(statistics.median(waits), 2) if waits else None,
        "delay_p99_s": round(percentile(waits, 0.99) or 0, 2) if waits else None,
        "delay_max_s": round(max(waits), 2) if waits else None,
        "rss_start_mb": round(memory_start, 1),
        "rss_end_mb": round(memory_end, 1),
        "rss_growth_pct": round(100 * (memory_end - memory_start) / memory_start, 1),
    }
    for key, value in report.items():
        print(f"{key:>16}: {value}")
    for delay, alert in sorted(timed_alerts(world), key=lambda pair: -pair[0])[:5]:
        event = alert["event"]
        print(f"  slowest: {delay:6.1f} s {alert['kind']:>7} {event['location']} {event['event_date']} "
              f"{event['sub_event_type']}: {'; '.join(alert['changes'])}")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
