"""End-to-end throughput of eventwatch on the 400 hrdsattack articles, against a spaCy NER floor.

    .venv/bin/python bench/throughput.py [--workers N] [--scheduler local|tcp://HOST:PORT] [--shared PATH]

1. every sample's HTML becomes an Article (trafilatura) -> extract -> resolve -> store, into a
   fresh temporary SQLite database; with --workers N > 1 extraction runs in N processes
   (each builds its own Services once) while this process stores in input order; with
   --scheduler a second pass does the same through Dask (`local`: a LocalCluster of N
   worker processes, started before the clock runs);
2. the floor: spaCy NER alone (tok2vec + ner) over the same article texts, same processes;
3. cold start: wall time of `eventwatch ingest` on one small text file.

Prints articles/s, words/s and peak RSS; the last line is one JSON object. Figures only:
never used as timed assertions in tests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwatch.errors import InputError
from eventwatch.extract.assemble import Services
from eventwatch.extract.nlp import MODEL
from eventwatch.gazetteer import Gazetteer
from eventwatch.ingest.clean import rejected
from eventwatch.ingest.dates import parse_published
from eventwatch.ingest.html import parse_html
from eventwatch.ingest.meta import DocMeta
from eventwatch.pipeline import ingest_items
from eventwatch.records import Article, Rejected
from eventwatch.scale import open_extractor
from eventwatch.settings import Settings, load_settings
from eventwatch.store import Repository, open_repository

SPLITS = ("train", "dev")
NER_EXCLUDE = ["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"]
FLOOR_BATCH = 16  # texts per task sent to a floor worker
SMALL_TEXT = """Title: Drone strike on fuel depot
Published: 2024-03-14

A drone struck a fuel depot near Belgorod on Wednesday night, the regional governor said.
Two workers were injured and a fire broke out at the site, he wrote on Telegram. Russia's
defence ministry said air defences shot down four drones over the Belgorod region overnight.
"""


@dataclass(frozen=True)
class Sample:
    """One article as the shared data gives it: HTML fragment, title, publication date."""

    origin: str
    html: str
    title: str | None
    published: str | None


@dataclass
class Run:
    """What one timed eventwatch pass produced."""

    seconds: float
    articles: int
    words: int
    mentions: int
    events: set[str]
    rejected: int
    worker_rss_kb: int = 0
    parent_rss_kb: int = 0
    cpu_s: float = 0.0


# -- data -----------------------------------------------------------------------------------
def load_samples(shared: Path) -> list[Sample]:
    samples: list[Sample] = []
    for split in SPLITS:
        rows = json.loads((shared / "data" / "hrdsattack" / f"{split}.json").read_text(encoding="utf-8"))
        for i, row in enumerate(rows):
            raw: dict[str, Any] = row["sample"]
            samples.append(
                Sample(
                    f"hrdsattack/{split}/{i}",
                    raw["Input.article_interface"],
                    raw.get("Input.title") or None,
                    raw.get("Input.publish_date") or None,
                )
            )
    return samples


def to_record(sample: Sample, settings: Settings) -> Article | Rejected:
    given = DocMeta(title=sample.title, published=parse_published(sample.published))
    try:
        return parse_html(sample.html, settings.ingest, origin=sample.origin, given=given)
    except InputError as err:
        return rejected(err, sample.origin)


def cpu_seconds() -> float:
    """User + system CPU of this process and its reaped children: robust to other load."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux


# -- eventwatch: the product's own pipeline (workers > 1: its process pool, one writer) ----------
def run_pipeline(
    samples: Sequence[Sample], settings: Settings, repo: Repository, workers: int, scheduler: str | None = None
) -> Run:
    services = Services(gazetteer=Gazetteer.open()) if workers <= 1 and scheduler is None else None
    words = 0

    def records() -> Iterator[Article | Rejected]:
        nonlocal words
        for sample in samples:
            record = to_record(sample, settings)
            words += len(record.text.split()) if isinstance(record, Article) else 0
            yield record

    start = time.perf_counter()
    with open_extractor(workers, scheduler, services) as extract:
        report = ingest_items(records(), settings, repo, extract=extract)
    seconds = time.perf_counter() - start
    run = Run(seconds, report.articles, words, report.mentions, report.events, len(report.rejected))
    run.worker_rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # terminated workers
    return run


def run_eventwatch(samples: Sequence[Sample], workers: int, db_dir: Path) -> Run:
    settings = load_settings().with_db(f"sqlite:///{db_dir / 'bench.db'}")
    repo = open_repository(settings.store.url)
    cpu = cpu_seconds()
    run = run_pipeline(samples, settings, repo, workers)
    run.parent_rss_kb = peak_rss_kb()  # before the floor loads a second model in this process
    run.cpu_s = cpu_seconds() - cpu
    return run


def run_dask(samples: Sequence[Sample], workers: int, scheduler: str, db_dir: Path) -> Run:
    """The same pass through Dask. CPU time counts the workers (the scheduler's is left out)."""
    from distributed import Client, LocalCluster

    with contextlib.ExitStack() as stack:
        if scheduler == "local":
            cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                       dashboard_address=None))  # type: ignore[no-untyped-call]
            scheduler = cluster.scheduler_address
        client = stack.enter_context(Client(scheduler, set_as_default=False))  # type: ignore[no-untyped-call]
        settings = load_settings().with_db(f"sqlite:///{db_dir / 'bench-dask.db'}")
        worker_cpu, cpu = sum(client.run(cpu_seconds).values()), cpu_seconds()
        run = run_pipeline(samples, settings, open_repository(settings.store.url), workers, scheduler)
        run.cpu_s = cpu_seconds() - cpu + sum(client.run(cpu_seconds).values()) - worker_cpu
        run.worker_rss_kb = max(client.run(peak_rss_kb).values())
    run.parent_rss_kb = peak_rss_kb()
    return run


# -- the floor: spaCy NER alone ----------------------------------------------------------------
class _Floor:
    nlp: Any = None


def _load_ner() -> Any:
    import spacy

    return spacy.load(MODEL, exclude=NER_EXCLUDE)


def _init_floor() -> None:
    _Floor.nlp = _load_ner()


def _ner_batch(texts: list[str]) -> tuple[int, int]:
    entities = sum(len(doc.ents) for doc in _Floor.nlp.pipe(texts, batch_size=64))
    return entities, peak_rss_kb()


def run_floor(texts: list[str], workers: int) -> tuple[float, float]:
    """Wall and CPU seconds for NER over all texts (model load included, as for eventwatch)."""
    batches = [texts[i : i + FLOOR_BATCH] for i in range(0, len(texts), FLOOR_BATCH)]
    start, cpu = time.perf_counter(), cpu_seconds()
    if workers == 1:
        _init_floor()
        for batch in batches:
            _ner_batch(batch)
    else:
        with ProcessPoolExecutor(workers, initializer=_init_floor) as pool:
            list(pool.map(_ner_batch, batches))
    return time.perf_counter() - start, cpu_seconds() - cpu


# -- cold start ------------------------------------------------------------------------------
def cold_start(tmp: Path) -> list[float]:
    """Wall seconds of `eventwatch ingest ONE_SMALL_FILE` into a fresh database, three runs."""
    exe = Path(sys.executable).with_name("eventwatch")
    (tmp / "small.txt").write_text(SMALL_TEXT, encoding="utf-8")
    timings: list[float] = []
    for i in range(3):
        cmd = [str(exe), "--db", f"sqlite:///{tmp / f'cold{i}.db'}", "ingest", str(tmp / "small.txt")]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        timings.append(time.perf_counter() - start)
    return timings


# -- report ----------------------------------------------------------------------------------
def texts_of(samples: Sequence[Sample]) -> list[str]:
    settings = load_settings()
    return [r.text for r in (to_record(s, settings) for s in samples) if isinstance(r, Article)]


def describe(label: str, n: int, run: Run) -> float:
    rate = n / run.seconds
    print(f"{label}: {n} articles in {run.seconds:.1f} s: {rate:.2f} articles/s, "
          f"{run.words / run.seconds:,.0f} words/s")
    print(f"  CPU {run.cpu_s:.1f} s ({run.cpu_s / n * 1000:.0f} ms/article)")
    print(
        f"  stored {run.articles} articles, {run.mentions} mentions, {len(run.events)} events touched, "
        f"{run.rejected} rejected"
    )
    print(
        f"  peak RSS: main process {run.parent_rss_kb / 1024:.0f} MB, largest worker {run.worker_rss_kb / 1024:.0f} MB"
    )
    return rate


def report(
    samples: Sequence[Sample], workers: int, runs: dict[str, Run], floor: tuple[float, float], cold: list[float]
) -> dict[str, Any]:
    n, (floor_s, floor_cpu), run = len(samples), floor, runs["pool"]
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    rates = {name: describe(f"eventwatch ({name}, {workers} process(es))", n, r) for name, r in runs.items()}
    rate, floor_rate = rates["pool"], n / floor_s
    print(f"NER floor ({MODEL}, tok2vec+ner): {floor_s:.1f} s, {floor_rate:.2f} articles/s, CPU {floor_cpu:.1f} s")
    print(f"ratio eventwatch / floor: {rate / floor_rate:.2f} by wall time, {floor_cpu / run.cpu_s:.2f} by CPU time")
    print(f"cold start `eventwatch ingest` one small file: first {cold[0]:.2f} s, best {min(cold):.2f} s")
    result: dict[str, Any] = {
        "articles": n,
        "workers": workers,
        "articles_per_s": round(rate, 2),
        "floor_articles_per_s": round(floor_rate, 2),
        "ratio_vs_ner_floor": round(rate / floor_rate, 3),
        "peak_rss_mb": round(max(run.parent_rss_kb, run.worker_rss_kb) / 1024, 1),
    }
    if "dask" in runs:
        result["dask_articles_per_s"] = round(rates["dask"], 2)
        result["dask_peak_worker_rss_mb"] = round(runs["dask"].worker_rss_kb / 1024, 1)
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=1, help="processes for extraction and for the floor")
    parser.add_argument("--scheduler", help="also run through Dask: 'local' (a LocalCluster) or tcp://HOST:PORT")
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args(argv)
    samples = load_samples(args.shared)
    with tempfile.TemporaryDirectory(prefix="eventwatch-bench-") as tmp:
        cold = cold_start(Path(tmp))
        runs = {"pool": run_eventwatch(samples, args.workers, Path(tmp))}
        if args.scheduler:
            runs["dask"] = run_dask(samples, args.workers, args.scheduler, Path(tmp))
        floor = run_floor(texts_of(samples), args.workers)
    print(json.dumps(report(samples, args.workers, runs, floor, cold)))


if __name__ == "__main__":
    main()
