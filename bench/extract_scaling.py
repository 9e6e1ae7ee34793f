"""Extraction time against document size: is it linear? (issue 15, item 2)

    nice -n 10 .venv/bin/python bench/extract_scaling.py [--sizes 10k,100k,1m,10m] [--one-sentence] [--pathological]

Builds one plain-text document of each size from the demo corpus's prose (examples/text/,
paragraphs repeated with their numbers and towns varied so that nothing is cached), runs the
product's extraction (`extract_mentions`, the same Services as `eventwatch ingest`) once on
each and prints seconds per 100 KB, wall-clock and CPU: flat means linear (on a shared
machine compare the CPU figures: wall-clock time there mostly measures the other jobs). With
--one-sentence it also runs, at each size, the same prose as one sentence (every stop and line
break made a comma or a space: names, numbers and places as in news, but no boundary). With
--pathological it also times the inputs that used to be super-linear: a 1 MB "sentence" with
no stop, "a." * 30,000 + "?", and a 178 KB paragraph with no stop. Figures only: never a timed assertion in the tests.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from eventwatch.extract.assemble import Services, extract_mentions
from eventwatch.gazetteer import Gazetteer
from eventwatch.records import Article

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"k": 1_000, "m": 1_000_000}


def _size(text: str) -> int:
    return int(float(text[:-1]) * UNITS[text[-1].lower()]) if text[-1].lower() in UNITS else int(text)


def corpus_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted((ROOT / "examples" / "text").glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text().split("\n\n") if len(p.strip()) > 80]
    return paragraphs


def document(size: int, paragraphs: list[str]) -> str:
    """About `size` characters of news prose, paragraphs varied by a running number."""
    parts: list[str] = []
    total = n = 0
    while total < size:
        paragraph = paragraphs[n % len(paragraphs)].replace("two", str(2 + n % 7)).replace("three", str(3 + n % 5))
        parts.append(paragraph)
        total += len(paragraph) + 2
        n += 1
    return "\n\n".join(parts)[:size]


def one_sentence(text: str) -> str:
    """The same prose with no sentence boundary and no line break: one sentence."""
    return re.sub(r"[.!?](?=[\"'”’)]*\s)", ",", text.replace("\n", " "))


def article(text: str) -> Article:
    return Article(
        id=f"bench-{len(text)}",
        text=text,
        title="Bench",
        outlet="Bench",
        url=None,
        published_at=datetime(2024, 3, 14, tzinfo=UTC),
        source_kind="text",
        origin="bench",
    )


def timed(text: str, services: Services) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds (this process: on a shared machine the steadier figure)."""
    started, cpu = time.perf_counter(), time.process_time()
    mentions = extract_mentions(article(text), services)
    return time.perf_counter() - started, time.process_time() - cpu, len(mentions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k,1m,10m", help="document sizes (k, m suffixes)")
    parser.add_argument("--one-sentence", action="store_true", help="also each size as one sentence")
    parser.add_argument("--pathological", action="store_true", help="also time the adversarial inputs")
    args = parser.parse_args(argv)
    services = Services(gazetteer=Gazetteer.open())
    timed(document(5_000, corpus_paragraphs()), services)  # load spaCy and the classifier first
    rows = []
    paragraphs = corpus_paragraphs()
    cases = [(label, document(_size(label), paragraphs)) for label in args.sizes.split(",")]
    if args.one_sentence:
        cases += [(f"{label}-one-sentence", one_sentence(text)) for label, text in list(cases)]
    if args.pathological:
        cases += [
            ("1m-one-sentence", " ".join(["the convoy moved on"] * 52_000)[:1_000_000]),
            ("a.*30000+?", "a." * 30_000 + "?"),
            ("178k-no-stop", ("shelling reported near the town " * 6_000)[:178_000]),
        ]
    for label, text in cases:
        seconds, cpu, mentions = timed(text, services)
        per_100k, cpu_100k = seconds / (len(text) / 100_000), cpu / (len(text) / 100_000)
        rows.append(
            {
                "case": label,
                "chars": len(text),
                "seconds": round(seconds, 3),
                "cpu_seconds": round(cpu, 3),
                "s_per_100kb": round(per_100k, 3),
                "cpu_s_per_100kb": round(cpu_100k, 3),
                "mentions": mentions,
            }
        )
        print(
            f"{label:>16}  {len(text):>10,} chars  {seconds:8.2f} s ({cpu:7.2f} s CPU)  "
            f"{per_100k:6.2f} s/100KB ({cpu_100k:5.2f} CPU)  {mentions} mentions",
            flush=True,
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "peak_rss_mb": round(peak_mb)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
