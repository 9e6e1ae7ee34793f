"""CPU time of the extraction stage alone, one process, and a digest of what it extracted.

    .venv/bin/python bench/extract_cpu.py [--shared PATH] [--limit N] [--profile OUT.prof] [--dump OUT.txt]

The corpus is the demo corpus (``examples/``, its resolution set included) and the 400
HRDsAttack articles the throughput benchmark reads, parsed to Articles before the clock runs.
The Services (gazetteer, spaCy, the sentence model) are built and warmed on one article
first, so model loading is not counted. Prints CPU ms per article (process time: steady
on a shared machine, unlike wall time) and a SHA-256 of the ``repr`` of every article's
mentions, so a speed change can show that it changed nothing else. ``--profile`` writes a
cProfile file of the timed pass; ``--dump`` writes the reprs themselves, one per line.
Figures only: never used as timed assertions in tests.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import load_samples, to_record  # noqa: E402

from eventwatch.extract.assemble import Services, extract_mentions  # noqa: E402
from eventwatch.gazetteer import Gazetteer  # noqa: E402
from eventwatch.ingest import read_sources  # noqa: E402
from eventwatch.records import Article  # noqa: E402
from eventwatch.settings import load_settings  # noqa: E402

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
    args = parser.parse_args()
    articles = corpus(args.shared, args.limit)
    services = Services(gazetteer=Gazetteer.open())
    extract_mentions(articles[0], services)  # load the models before the clock runs
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    start = time.process_time()
    if profiler:
        profiler.enable()
    reprs = [repr(extract_mentions(article, services)) for article in articles]
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    cpu = time.process_time() - start
    if args.dump:
        args.dump.write_text("\n".join(reprs) + "\n", encoding="utf-8")
    digest = hashlib.sha256("\n".join(reprs).encode()).hexdigest()[:16]
    print(f"{len(articles)} articles, CPU {cpu:.2f} s, {1000 * cpu / len(articles):.1f} ms/article, "
          f"mentions sha256 {digest}")


if __name__ == "__main__":
    main()
