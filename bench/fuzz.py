"""Hostile documents through `eventwatch ingest` (issue 15, item 7).

    nice -n 10 .venv/bin/python bench/fuzz.py [--n 10000] [--batch 250] [--seed 15] [--keep DIR]
        [--batch-seconds 900] [--stop-after SECONDS]

Writes N malformed documents: each class issue 15 lists (integers of thousands of digits in
JSONL and in a sidecar, JSON nested 10,000 deep, a \\ud800 escape, a file name that is not
UTF-8, a mutated WARC, a gzip bomb, a symlink to /etc/passwd, binary bytes, "a." * 30,000, a
paragraph with no stop, entity-expansion and XXE feeds) and, for the rest, seeded Hypothesis
mutations of the demo corpus (bytes flipped, cut, repeated, spliced, unicode noise). One
unmodified demo document (made unique by a marker line) goes into every batch: all of them
must be stored.

Each batch of documents is one `eventwatch ingest DIR` process under a time limit. Prints
tried / rejected / crashed (exit code other than 0 or 1, or a traceback) / hung (over the
limit) / good documents stored / peak RSS of the ingest processes / time; the last line is
one JSON object. Exit status 1 if anything crashed or hung or a good document is missing.
On a shared machine raise --batch-seconds (a batch's wall time follows the other jobs' load, and
a batch over it counts as hung); --stop-after ends the run after the batch that passes that many
seconds and reports the batches done ("batches" of "batches_planned" in the JSON).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EVENTWATCH = Path(sys.executable).with_name("eventwatch")
SUMMARY = re.compile(r"(\d+) new article\(s\).*?(\d+) already stored.*?(\d+) rejected")


def corpus() -> list[tuple[str, bytes]]:
    """(suffix, bytes) of every demo document."""
    found = []
    for path in sorted(EXAMPLES.rglob("*")):
        if (path.is_file() and path.suffix in {".txt", ".html", ".jsonl", ".xml"}) or path.name.endswith(".warc.gz"):
            found.append(
                ("".join(path.suffixes[-2:]) if path.name.endswith(".warc.gz") else path.suffix, path.read_bytes())
            )
    return found


# --- the classes of issue 15 ------------------------------------------------------------------

Doc = tuple[str, bytes | None]  # (file name, content; None: made by the writer itself)


def _warc_bomb() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    payload = io.BytesIO(b"<p>" + b"A" * 60_000_000 + b"</p>")
    writer.write_record(
        writer.create_warc_record("https://x.example/", "response", payload=payload, http_headers=headers)
    )
    return buffer.getvalue()


def classes(rng: random.Random, docs: list[tuple[str, bytes]]) -> list[Callable[[int], list[Doc]]]:
    body = "Shelling hit the town on Monday, killing two people, officials said. " * 6
    warcs = [data for suffix, data in docs if suffix == ".warc.gz"] or [gzip.compress(b"WARC/1.0\r\n\r\n")]
    bomb = _warc_bomb()

    def mutated_warc(n: int) -> list[Doc]:
        plain = bytearray(gzip.decompress(rng.choice(warcs)))
        for _ in range(rng.randint(1, 20)):
            plain[rng.randrange(len(plain))] = rng.randrange(256)
        return [(f"{n}-mutated.warc", bytes(plain))]

    return [
        lambda n: [(f"{n}-bigint.jsonl", ('{"text": "' + body + '", "n": ' + "9" * 5000 + "}\n").encode())],
        lambda n: [
            (f"{n}-side.txt", body.encode()),
            (f"{n}-side.txt.meta.json", b'{"published": ' + b"9" * 5000 + b"}"),
        ],
        lambda n: [
            (f"{n}-deep.jsonl", ('{"text": "' + body + '", "x": ' + "[" * 10_000 + "]" * 10_000 + "}\n").encode())
        ],
        lambda n: [(f"{n}-surrogate.jsonl", ('{"text": "' + body + '\\ud800 tail"}\n').encode())],
        lambda n: [(f"{n}-name-\udcff\udcfe.txt", body.encode())],
        mutated_warc,
        lambda n: [(f"{n}-bomb.warc.gz", bomb)],
        lambda n: [(f"{n}-link.txt", None)],  # a symlink to /etc/passwd
        lambda n: [(f"{n}-binary.txt", bytes(rng.randrange(256) for _ in range(4000)))],
        lambda n: [(f"{n}-dots.txt", ("a." * 30_000 + "?").encode())],
        lambda n: [(f"{n}-nostop.txt", ("shelling reported near the town " * 5_600).encode())],
        lambda n: [(f"{n}-laughs.xml", _laughs())],
        lambda n: [(f"{n}-xxe.xml", _xxe())],
        lambda n: [(f"{n}-cut.warc.gz", rng.choice(warcs)[: rng.randrange(10, 2000)])],
        lambda n: [(f"{n}-empty.txt", b"")],
    ]


def _laughs() -> bytes:
    """Billion laughs: ten levels of entities, each ten of the one before."""
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    item = "<rss><channel><item><description>&l9;</description></item></channel></rss>"
    return f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]>{item}'.encode()


def _xxe() -> bytes:
    doctype = '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return f'<?xml version="1.0"?>{doctype}<rss><channel><item><title>&x;</title></item></channel></rss>'.encode()


# --- Hypothesis mutations of the demo corpus ---------------------------------------------------

OPS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "cut", "repeat", "splice", "noise", "truncate"]),
        st.floats(min_value=0, max_value=1),
        st.binary(min_size=0, max_size=64),
    ),
    min_size=1,
    max_size=6,
)


def mutate(data: bytes, ops: list[tuple[str, float, bytes]]) -> bytes:
    out = bytearray(data)
    for op, where, payload in ops:
        at = int(where * len(out))
        if op == "flip" and out:
            out[min(at, len(out) - 1)] ^= 0xFF
        elif op == "cut":
            del out[at : at + len(payload) * 50]
        elif op == "repeat":
            out[at:at] = bytes(out[at : at + 2000]) * 20
        elif op == "splice":
            out[at:at] = payload
        elif op == "noise":
            out[at:at] = "\u202e\ud7ff\u0000\ufeff\U0001f4a3".encode("utf-8", "surrogatepass") * 10
        elif op == "truncate":
            del out[at:]
    return bytes(out)


def mutations(docs: list[tuple[str, bytes]], count: int, seed_value: int) -> list[Doc]:
    found: list[Doc] = []

    @seed(seed_value)
    @settings(
        max_examples=count, database=None, deadline=None, derandomize=False, suppress_health_check=list(HealthCheck)
    )
    @given(st.integers(min_value=0, max_value=len(docs) - 1), OPS)
    def draw(index: int, ops: list[tuple[str, float, bytes]]) -> None:
        suffix, data = docs[index]
        found.append((f"m{len(found)}{suffix}", mutate(data, ops)))

    while len(found) < count:  # Hypothesis may stop early once it has explored enough
        draw()
    return found[:count]


# --- running the batches ------------------------------------------------------------------------


def write_batch(folder: Path, docs: list[Doc], good: tuple[str, bytes]) -> None:
    folder.mkdir(parents=True)
    for name, data in [*docs, good]:
        target = folder / name  # a name with lone surrogates is written as its raw (non-UTF-8) bytes
        if data is None:
            os.symlink("/etc/passwd", target)
        else:
            target.write_bytes(data)


def run_batch(folder: Path, db: str, limit: float) -> dict[str, int | bool]:
    started = time.monotonic()
    try:
        done = subprocess.run(
            [str(EVENTWATCH), "--db", db, "ingest", str(folder)],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=limit,
        )
    except subprocess.TimeoutExpired:
        return {"hung": True, "crashed": False, "rejected": 0, "seconds": int(limit)}
    crashed = done.returncode not in (0, 1) or "Traceback" in done.stderr
    if crashed:
        print(f"CRASH in {folder} (exit {done.returncode}):\n{done.stderr[-3000:]}", file=sys.stderr)
    found = SUMMARY.search(done.stdout)
    return {
        "hung": False,
        "crashed": crashed,
        "rejected": int(found.group(3)) if found else 0,
        "seconds": round(time.monotonic() - started),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="malformed documents to try")
    parser.add_argument("--batch", type=int, default=250, help="documents per ingest process")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--batch-seconds", type=float, default=900, help="time limit of one batch (a hang)")
    parser.add_argument("--stop-after", type=float, help="start no batch after this many seconds")
    parser.add_argument("--keep", type=Path, help="write the documents and database here (default: a temp dir)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    docs = corpus()
    texts = [(suffix, data) for suffix, data in docs if suffix in {".txt", ".html"}]
    kinds = classes(rng, docs)
    hostile: list[Doc] = []
    for n in range(args.n // 4):  # a quarter from the classes, the rest mutations
        hostile += kinds[n % len(kinds)](n)
    hostile = hostile[: args.n // 4] + mutations(docs, args.n - min(len(hostile), args.n // 4), args.seed)
    rng.shuffle(hostile)
    work = args.keep or Path(tempfile.mkdtemp(prefix="eventwatch-fuzz-"))
    db = f"sqlite:///{work / 'fuzz.db'}"
    totals = {"tried": 0, "rejected": 0, "crashed": 0, "hung": 0, "good": 0, "good_stored": 0}
    good_names: list[str] = []
    started = time.monotonic()
    planned = range(0, len(hostile), args.batch)
    for number, at in enumerate(planned):
        if args.stop_after is not None and time.monotonic() - started > args.stop_after:
            break
        batch = hostile[at : at + args.batch]
        suffix, data = texts[number % len(texts)]
        good = (f"zz-good-{number}{suffix}", data + f"\n\nFuzz batch marker {number}.\n".encode())
        write_batch(work / f"batch-{number:04d}", batch, good)
        good_names.append(good[0])
        result = run_batch(work / f"batch-{number:04d}", db, args.batch_seconds)
        totals["tried"] += len(batch)
        totals["good"] += 1
        for key in ("rejected", "crashed", "hung"):
            totals[key] += int(result[key])
        print(
            f"batch {number}: {len(batch)} docs, {result['rejected']} rejected, {result['seconds']} s"
            f"{', CRASHED' if result['crashed'] else ''}{', HUNG' if result['hung'] else ''}",
            flush=True,
        )
    totals["good_stored"] = stored_good(db, work, good_names)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report = {
        **totals, "batches": len(good_names), "batches_planned": len(planned), "peak_rss_mb": round(peak_mb),
        "seconds": round(time.monotonic() - started), "dir": str(work),
    }
    print(
        f"tried {totals['tried']}  rejected {totals['rejected']}  crashed {totals['crashed']}  hung {totals['hung']}  "
        f"good stored {totals['good_stored']}/{totals['good']}  peak RSS {peak_mb:.0f} MB  "
        f"time {report['seconds']} s  batches {len(good_names)} of {len(planned)}"
    )
    print(json.dumps(report))
    ok = totals["crashed"] == 0 and totals["hung"] == 0 and totals["good_stored"] == totals["good"]
    return 0 if ok else 1


def stored_good(db: str, work: Path, names: list[str]) -> int:
    """How many of the good documents are in the database (by their article id)."""
    from eventwatch.ingest import read_file
    from eventwatch.records import Article
    from eventwatch.settings import IngestSettings
    from eventwatch.store import open_repository

    ids = []
    for number, name in enumerate(names):
        for record in read_file(work / f"batch-{number:04d}" / name, IngestSettings()):
            if isinstance(record, Article):
                ids.append(record.id)
    return len(open_repository(db).stored_article_ids(ids)) if ids else 0


if __name__ == "__main__":
    sys.exit(main())
