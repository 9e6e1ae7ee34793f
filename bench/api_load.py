"""Loopback load on the HTTP API (issue 15, item 7).

    nice -n 10 .venv/bin/python bench/api_load.py [--db sqlite:///demo.db] [--clients 1,8,32] [--requests 40]

Serves the app (`eventwatch serve`, one uvicorn process, the product's own command) on a free
127.0.0.1 port; nothing else is ever contacted. At each level of concurrency, every reader
client makes a fixed number of requests (bounded loops, no open-ended soak) cycling through
`/events?limit=50`, one event, `/events.csv`, `/stats` and `/`, while two writer clients POST
new articles with the bearer token. Prints requests/s, p50/p99 per endpoint, errors, and
lost writes (a POST answered 200 whose article cannot then be read back), and the server
process's CPU time per level (steadier than latency on a shared machine; it includes the
server's share of the writes, resolving and storing: their extraction runs in the write
process). Without --db the demo corpus (examples/) is ingested into a temporary database
first. The last line is one JSON object. Figures only: never a timed assertion in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
EVENTWATCH = Path(sys.executable).with_name("eventwatch")
HOST = "127.0.0.1"  # loopback only
TOKEN = "api-load-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "EVENTWATCH_API_TOKEN": TOKEN}
    server = subprocess.Popen(
        [str(EVENTWATCH), "--db", db, "serve", "--host", HOST, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}")


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far (Linux /proc; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


class Run:
    def __init__(self, base: str, event_ids: list[str]) -> None:
        self.base = base
        self.paths = ["/events?limit=50", *[f"/events/{e}" for e in event_ids[:1]], "/events.csv", "/stats", "/"]
        self.timings: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.posted: list[str] = []
        self.lock = threading.Lock()

    def reader(self, requests: int, offset: int) -> None:
        with httpx.Client(base_url=self.base, timeout=60) as client:
            for n in range(requests):
                path = self.paths[(n + offset) % len(self.paths)]
                started = time.perf_counter()
                try:
                    response = client.get(path)
                    ok = response.status_code == 200
                    detail = f"{path}: HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    ok, detail = False, f"{path}: {exc!r}"
                elapsed = time.perf_counter() - started
                with self.lock:
                    self.timings.setdefault(
                        path.split("?")[0] if "/events/" not in path else "/events/{id}", []
                    ).append(elapsed)
                    if not ok:
                        self.errors.append(detail)

    def writer(self, texts: list[str], number: int) -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        with httpx.Client(base_url=self.base, timeout=300, headers=headers) as client:
            for n, text in enumerate(texts):
                body = {"text": f"{text}\n\nLoad writer {number}, article {n}, run {time.time_ns()}.", "outlet": "Load"}
                try:
                    response = client.post("/articles", json=body)
                except httpx.HTTPError as exc:
                    with self.lock:
                        self.errors.append(f"POST /articles: {exc!r}")
                    continue
                with self.lock:
                    if response.status_code == 200:
                        self.posted.append(response.json()["article_id"])
                    elif response.status_code != 503:  # 503: busy, try again (documented)
                        self.errors.append(f"POST /articles: HTTP {response.status_code} {response.text[:200]}")

    def lost_writes(self) -> int:
        with httpx.Client(base_url=self.base, timeout=60) as client:
            return sum(client.get(f"/articles/{article_id}").status_code != 200 for article_id in self.posted)


def level(
    base: str, event_ids: list[str], clients: int, requests: int, texts: list[str], writes: int, server: int
) -> dict[str, Any]:
    run = Run(base, event_ids)
    cpu_before = process_cpu(server)
    threads = [threading.Thread(target=run.reader, args=(requests, n)) for n in range(clients)]
    threads += [threading.Thread(target=run.writer, args=(texts[n::2][:writes], n)) for n in range(2)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    server_cpu = process_cpu(server) - cpu_before  # reads, and the writers' resolve-and-store
    total = sum(len(v) for v in run.timings.values())
    by_path = {
        path: {"n": len(v), "p50_ms": round(statistics.median(v) * 1000), "p99_ms": round(percentile(v, 0.99) * 1000)}
        for path, v in sorted(run.timings.items())
    }
    return {
        "clients": clients,
        "requests": total,
        "rps": round(total / elapsed, 1),
        "server_cpu_s": round(server_cpu, 2),
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(total, 1), 2),
        "by_path": by_path,
        "errors": len(run.errors),
        "error_samples": run.errors[:5],
        "writes": len(run.posted),
        "lost_writes": run.lost_writes(),
    }


def demo_database(folder: Path) -> str:
    db = f"sqlite:///{folder / 'load.db'}"
    subprocess.run(
        [str(EVENTWATCH), "--db", db, "ingest", str(ROOT / "examples")], check=True, stdout=subprocess.DEVNULL
    )
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database URL to serve (default: the demo corpus in a temp database)")
    parser.add_argument("--clients", default="1,8,32", help="reader clients per level")
    parser.add_argument("--requests", type=int, default=40, help="requests per reader client per level")
    parser.add_argument("--writes", type=int, default=3, help="articles each of the two writers posts per level")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="eventwatch-load-"))
    db = args.db or demo_database(work)
    port = free_port()
    server = start_server(db, port)
    base = f"http://{HOST}:{port}"
    texts = [p.read_text() for p in sorted((ROOT / "examples" / "text").glob("*.txt"))]
    try:
        event_ids = [item["id"] for item in httpx.get(f"{base}/events?limit=5").json()["items"]]
        results = []
        for clients in (int(c) for c in args.clients.split(",")):
            found = level(base, event_ids, clients, args.requests, texts, args.writes, server.pid)
            results.append(found)
            events = found["by_path"].get("/events", {})
            print(
                f"{clients:>3} clients: {found['requests']} requests, {found['rps']} req/s, /events p50 "
                f"{events.get('p50_ms')} ms p99 {events.get('p99_ms')} ms, errors {found['errors']}, "
                f"writes {found['writes']}, lost {found['lost_writes']}; server CPU {found['server_cpu_s']} s "
                f"({found['server_cpu_ms_per_request']} ms per read, the writes' share included)",
                flush=True,
            )
            for path, figures in found["by_path"].items():
                print(
                    f"      {path:<14} n={figures['n']:<5} p50 {figures['p50_ms']:>6} ms  p99 {figures['p99_ms']:>6} ms"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps({"levels": results}))
    return 0 if all(r["errors"] == 0 and r["lost_writes"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
