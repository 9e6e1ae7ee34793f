"""Check the classifier example files: python tools/check_examples.py [FOLDER] [--labels A,B]

Each ``<LABEL>.txt`` in the folder must be named after a CASE 2021 label, start with a
``# LABEL ...`` comment, hold one example per line (no tabs, at most 3 sentences), have no
exact or near duplicates within the label (rapidfuzz ratio above 90) nor exact duplicates
across labels, and reach the minimum count. Prints one line per problem; exits 1 if any.
"""

from __future__ import annotations

import argparse
import re
import sys
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz

from eventwatch.extract.sentences import split_sentences
from eventwatch.extract.snippet import CASE_LABELS

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "src/eventwatch/classify/examples"
MIN_EXAMPLES = 40  # hard minimum (the format note asks for 60)
TARGET_EXAMPLES = 60
NEAR_DUPLICATE = 90.0
MAX_SENTENCES = 3


def read_examples(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def check_file(path: Path) -> list[str]:
    label = path.name.removesuffix(".txt")
    if label not in CASE_LABELS:
        return [f"{path.name}: {label!r} is not a CASE 2021 label"]
    problems: list[str] = []
    first = path.read_text(encoding="utf-8").lstrip().splitlines()[:1]
    if not first or not first[0].startswith(f"# {label}"):
        problems.append(f"{path.name}: must start with a '# {label} ...' comment")
    examples = read_examples(path)
    if len(examples) < MIN_EXAMPLES:
        problems.append(f"{path.name}: {len(examples)} examples, need at least {MIN_EXAMPLES}")
    for text in examples:
        if "\t" in text:
            problems.append(f"{path.name}: tab inside example: {text[:60]!r}")
        if len(split_sentences(text)) > MAX_SENTENCES:
            problems.append(f"{path.name}: more than {MAX_SENTENCES} sentences: {text[:60]!r}")
    for a, b in combinations(examples, 2):
        score = fuzz.ratio(_normalise(a), _normalise(b))
        if score > NEAR_DUPLICATE:
            problems.append(f"{path.name}: near duplicates ({score:.0f}): {a[:50]!r} / {b[:50]!r}")
    return problems


def check_folder(folder: Path, labels: set[str] | None = None) -> list[str]:
    files = sorted(p for p in folder.glob("*.txt") if labels is None or p.stem in labels)
    problems = [problem for path in files for problem in check_file(path)]
    seen: dict[str, str] = {}
    for path in files:
        for text in read_examples(path):
            other = seen.setdefault(_normalise(text), path.stem)
            if other != path.stem:
                problems.append(f"{path.name}: also in {other}.txt: {text[:60]!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=EXAMPLES_DIR)
    parser.add_argument("--labels", help="comma-separated label codes to check (default: all)")
    args = parser.parse_args(argv)
    labels = set(args.labels.split(",")) if args.labels else None
    problems = check_folder(args.folder, labels)
    for problem in problems:
        print(problem)
    for path in sorted(args.folder.glob("*.txt")):
        if labels is None or path.stem in labels:
            count = len(read_examples(path))
            flag = "" if count >= TARGET_EXAMPLES else f"  (below target {TARGET_EXAMPLES})"
            print(f"{path.stem:32} {count:4}{flag}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
