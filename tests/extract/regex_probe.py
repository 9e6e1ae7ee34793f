"""Every regular expression eventwatch runs, timed on adversarial text (issue 15, item 2).

    python -m tests.extract.regex_probe [--size 16000] [--line 200000] [--limit 1] [--only TEXT]
        [--bounded '{"PATTERN START": CHARS, ...}'] [--bounded-limit 0.05]

Run in a fresh interpreter (the test starts one) so that every pattern is compiled while it
watches: `re` and `regex` are wrapped before eventwatch is imported, every module of eventwatch
is imported, and the demo corpus goes through reading and extraction (patterns built lazily, the
lexicon's included). A pattern counts when the code that compiled it is extraction's, ingest's
or the records' (ON_ARTICLE_TEXT); third-party patterns are out of scope.

Each pattern then scans (`finditer` to the end: a search from every position, the worst case
of `search`, `match`, `sub` and `split`) each adversarial text twice, at SIZE/4 and at SIZE
characters, and a LINE-long line of prose with no stop (200 KB) once. A linear pattern takes
about 4x longer on the larger text, a quadratic one 16x: the probe flags a pattern whose larger
scan costs over 10x the smaller's plus 5 ms, or any scan over LIMIT CPU seconds (no linear scan
of 200 KB comes near: they take milliseconds). A pattern named in BOUNDED (its source's start,
with the most characters eventwatch ever applies it to, e.g. one sentence) is scanned on each
adversarial text cut to that length instead, and flagged when a scan costs over BOUNDED_LIMIT.
Time is the CPU time of this thread, so other processes on a loaded machine do not count, and a
scan past LIMIT is interrupted by a CPU-time alarm (both engines check for signals while
matching): a catastrophic pattern fails, not hangs.
Prints one JSON object: {"patterns": N, "families": [...], "slow": [...], "costliest": [...]}.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import re
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import regex._main as regex_main

ROOT = Path(__file__).resolve().parents[2]
ENGINE_MODULES = {"re", "regex", "regex._main", "functools", "enum", "sre_compile", "re._compiler"}
# The code whose patterns run on article text: extraction (the lexicon's patterns are compiled
# by extract/vocab.py), ingest, and the records' normalisation. The gazetteer's patterns read
# place names, the CLI's and the API's their own arguments.
ON_ARTICLE_TEXT = ("eventwatch.extract", "eventwatch.ingest", "eventwatch.records")
FOUND: dict[tuple[str, Any, int], Any] = {}  # (engine, pattern, flags) -> compiled


def _owner(frame: FrameType | None) -> str:
    """The module of the first caller outside the regex engines."""
    while frame is not None and frame.f_globals.get("__name__", "") in ENGINE_MODULES:
        frame = frame.f_back
    return str(frame.f_globals.get("__name__", "")) if frame is not None else ""


def _watch(module: Any, engine: str) -> None:
    original: Callable[..., Any] = module._compile

    def compile_and_record(pattern: Any, flags: Any = 0, *args: Any, **kwargs: Any) -> Any:
        compiled = original(pattern, flags, *args, **kwargs)
        if _owner(sys._getframe(1)).startswith(ON_ARTICLE_TEXT):
            FOUND.setdefault((engine, compiled.pattern, int(compiled.flags)), compiled)
        return compiled

    module._compile = compile_and_record


def collect() -> list[Any]:
    _watch(re, "re")
    _watch(regex_main, "regex")
    import eventwatch

    for info in pkgutil.walk_packages(eventwatch.__path__, "eventwatch."):
        if not info.name.startswith(("eventwatch.web", "eventwatch.api")):  # no regex on article text there
            importlib.import_module(info.name)
    _read_and_extract_demo()
    return list(FOUND.values())


def _read_and_extract_demo() -> None:
    from eventwatch.extract.assemble import Services, extract_mentions
    from eventwatch.gazetteer import Gazetteer
    from eventwatch.ingest import read_sources
    from eventwatch.records import Article
    from eventwatch.settings import Settings

    services = Services(gazetteer=Gazetteer.open())
    for record in read_sources([str(ROOT / "examples")], Settings()):
        if isinstance(record, Article):
            extract_mentions(record, services)


_META = re.compile(r"\\[A-Za-z]|\\(.)|[][(){}|*+?.^$]")


def literals(source: str) -> list[str]:
    """The runs of literal text in a pattern's source ("<meta[^>]+charset" -> "<meta", ">",
    "charset"): text that gets a pattern started, and so the text that can make it backtrack."""
    runs = [run for run in _META.sub(lambda m: m.group(1) or "\0", source).split("\0") if run.strip()]
    return list(dict.fromkeys(runs))[:40]


def own_families(source: str, size: int) -> dict[str, str]:
    """Adversarial texts made of the pattern's own literal text, repeated."""
    runs = literals(source) or ["x"]

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {"own-first": fill(runs[0]), "own-spaced": fill(" ".join(runs) + " "), "own-tight": fill("".join(runs))}


def families(size: int) -> dict[str, str]:
    """Adversarial texts of about `size` characters, each one line unless it says otherwise."""

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "one-char": fill("a"),
        "spaces": fill(" "),
        "a-dot": fill("a."),
        "dots": fill("."),
        "digits": fill("7"),
        "digit-groups": fill("1,000 "),
        "nested-quotes": fill("\"'“‘(«"),
        "no-spaces": fill("Shellingkilledtwo"),
        "capitalised-words": fill("Kyiv Oblast "),
        "prose-no-stop": fill("a drone struck a fuel depot in the region on Tuesday and "),
        "newlines": fill("\n"),
        "hyphens": fill("-"),
        "cyrillic": fill("Київ "),
    }


class _Slow(BaseException):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Slow


def scan_seconds(pattern: Any, text: str | bytes, limit: float) -> float:
    """CPU seconds one full finditer scan takes; `limit` + 1 if it was cut off at `limit`."""
    signal.setitimer(signal.ITIMER_VIRTUAL, limit)
    started = time.thread_time()
    try:
        for _ in pattern.finditer(text):
            pass
    except _Slow:
        return limit + 1.0
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    return time.thread_time() - started


def _source(pattern: Any) -> str:
    return pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")


def _texts(pattern: Any, size: int) -> dict[str, str | bytes]:
    found: dict[str, str | bytes] = {**families(size), **own_families(_source(pattern), size)}
    if isinstance(pattern.pattern, bytes):
        found = {name: str(text).encode("utf-8", "surrogatepass")[:size] for name, text in found.items()}
    return found


def probe_bounded(pattern: Any, chars: int, limit: float) -> tuple[list[dict[str, Any]], float]:
    """A pattern only ever applied to at most `chars` characters: the adversarial texts of
    that length that cost it over `limit` CPU seconds, and its CPU seconds in all."""
    slow, spent = [], 0.0
    for name, text in _texts(pattern, chars).items():
        seconds = scan_seconds(pattern, text, limit)
        spent += seconds
        if seconds > limit:
            slow.append({"pattern": _source(pattern)[:300], "family": f"{name} ({chars:,} characters)",
                         "large_s": round(seconds, 4)})
            print(f"SLOW {slow[-1]}", file=sys.stderr, flush=True)
    return slow, spent


def probe(
    patterns: list[Any], size: int, line: int, limit: float, bounded: dict[str, int] | None = None,
    bounded_limit: float = 0.05,
) -> tuple[list[dict[str, Any]], list[Any]]:
    """Patterns that are super-linear (SIZE/4 against SIZE) or over `limit` CPU seconds on a
    LINE-long line of prose with no stop, or (those in `bounded`) over `bounded_limit` on any
    text of their bound; and the CPU seconds each pattern took in all."""
    signal.signal(signal.SIGVTALRM, _alarm)
    slow, cost = [], []
    one_line = families(line)["prose-no-stop"]
    for pattern in patterns:
        bound = next((chars for start, chars in (bounded or {}).items() if _source(pattern).startswith(start)), 0)
        if bound:
            found, spent = probe_bounded(pattern, bound, bounded_limit)
            slow += found
            cost.append((round(spent, 3), _source(pattern)[:80]))
            continue
        small, large = _texts(pattern, size // 4), _texts(pattern, size)
        spent = 0.0
        for name, text in large.items():
            big = scan_seconds(pattern, text, limit)
            little = scan_seconds(pattern, small[name], limit) if big <= limit else 0.0
            spent += big + little
            if big > limit or big > 10 * little + 0.005:
                slow.append({"pattern": _source(pattern)[:300], "family": name,
                             "small_s": round(little, 4), "large_s": round(big, 4)})
                print(f"SLOW {slow[-1]}", file=sys.stderr, flush=True)
        if isinstance(pattern.pattern, str):
            whole = scan_seconds(pattern, one_line, limit)
            spent += whole
            if whole > limit:
                slow.append({"pattern": _source(pattern)[:300], "family": f"one line of {line:,}", "large_s": whole})
        cost.append((round(spent, 3), _source(pattern)[:80]))
        print(f"{len(cost)}/{len(patterns)} {spent:.3f} s {_source(pattern)[:60]!r}", file=sys.stderr, flush=True)
    return slow, sorted(cost, reverse=True)[:10]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=16_000, help="larger size of the super-linearity check")
    parser.add_argument("--line", type=int, default=200_000, help="length of the one-line text")
    parser.add_argument("--limit", type=float, default=1.0, help="CPU seconds one scan may take at all")
    parser.add_argument("--bounded", default="{}", help="JSON: pattern start -> most characters it is applied to")
    parser.add_argument("--bounded-limit", type=float, default=0.05, help="CPU seconds a bounded scan may take")
    parser.add_argument("--only", default="", help="probe only patterns containing this text")
    args = parser.parse_args(argv)
    patterns = [p for p in collect() if args.only in _source(p)]
    slow, costliest = probe(patterns, args.size, args.line, args.limit, json.loads(args.bounded), args.bounded_limit)
    found = {"patterns": len(patterns), "families": sorted(families(8)), "slow": slow, "costliest": costliest}
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
