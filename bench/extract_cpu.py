"""CPU time of the extraction stage alone, one process, and a digest of what it extracted.

    .venv/bin/python bench/extract_cpu.py [--shared PATH] [--limit N] [--profile OUT.prof] [--dump OUT.txt]
                                          [--cache CORPUS.pkl]

The corpus is the demo corpus (``examples/``, its resolution set included) and the 400
HRDsAttack articles the throughput benchmark reads, parsed to Articles before the clock runs.
The Services (gazetteer, spaCy, the sentence model) are built and warmed on one article
first, so model loading is not counted (its CPU is printed apart: each worker process pays it,
unless it was forked from a parent that loaded them, ``scale/pool.py``). Prints CPU ms per article (process time: steady
on a shared machine, unlike wall time) and a SHA-256 of the ``repr`` of every article's
mentions, so a speed change can show that it changed nothing else. ``--profile`` writes a
cProfile file of the timed pass; ``--dump`` writes the reprs themselves, one per line.
Figures only: never used as timed assertions in tests.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import load_samples, to_record

from eventwatch.extract.assemble import Services, extract_mentions
from eventwatch.gazetteer import Gazetteer
from eventwatch.ingest import read_sources
from eventwatch.records import Article
from eventwatch.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent


def corpus(shared: Path, limit: int | None) -> list[Article]:
    settings = load_settings()
    found = [r for r in read_sources([str(ROOT / "examples")], settings) if isinstance(r, Article)]
    found += [r for r in (to_record(s, settings) for s in load_samples(shared)) if isinstance(r, Article)]
    return found[:limit] if limit else found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent.parent / "shared")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--dump", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the parsed corpus (made if missing)")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        articles = pickle.loads(args.cache.read_bytes())[: args.limit]
    else:
        articles = corpus(args.shared, args.limit)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(articles))
    loading = time.process_time()
    services = Services(gazetteer=Gazetteer.open())
    extract_mentions(articles[0], services)  # load the models before the clock runs
    loading = time.process_time() - loading
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    start = time.process_time()
    if profiler:
        profiler.enable()
    reprs: list[str] = []
    by_corpus: dict[str, tuple[float, int]] = {}
    for article in articles:
        began = time.process_time()
        reprs.append(repr(extract_mentions(article, services)))
        group = "hrdsattack" if (article.origin or "").startswith("hrdsattack/") else "examples"
        spent, count = by_corpus.get(group, (0.0, 0))
        by_corpus[group] = (spent + time.process_time() - began, count + 1)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    cpu = time.process_time() - start
    if args.dump:
        args.dump.write_text("\n".join(reprs) + "\n", encoding="utf-8")
    digest = hashlib.sha256("\n".join(reprs).encode()).hexdigest()[:16]
    print(f"{len(articles)} articles, CPU {cpu:.2f} s, {1000 * cpu / len(articles):.1f} ms/article, "
          f"mentions sha256 {digest}")
    print(f"  start-up (Services and the first article, models loaded): CPU {loading:.2f} s")
    for group, (spent, count) in sorted(by_corpus.items()):
        print(f"  {group}: {count} articles, {1000 * spent / count:.1f} ms/article")


if __name__ == "__main__":
    main()
