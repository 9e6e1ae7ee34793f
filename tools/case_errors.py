"""Error analysis for the snippet classifier on a CASE 2021 TSV: confusion matrix
(gold x predicted, label codes) and the per-label table. Research aid, not a test.

Prints counts and scores only, never snippet text: CASE derives from ACLED, so nothing from
it may land in logs or commits.

    .venv/bin/python tools/case_errors.py ../shared/data/case2021/dev.tsv
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from eventwatch.errors import EvalError
from eventwatch.evaluate.case2021 import SUBTASK_LABELS, label_scores, predict_rows, read_case_tsv, subtask_scores


def confusion(gold: Sequence[str], predicted: Sequence[str]) -> dict[tuple[str, str], int]:
    return dict(Counter(zip(gold, predicted, strict=True)))


def _labels(gold: Sequence[str], predicted: Sequence[str]) -> list[str]:
    return sorted(set(gold) | set(predicted))


def print_confusion(gold: Sequence[str], predicted: Sequence[str]) -> None:
    """Rows are gold labels, columns predicted labels, both numbered by the legend."""
    labels = _labels(gold, predicted)
    cells = confusion(gold, predicted)
    print("legend: " + "  ".join(f"{i}={label}" for i, label in enumerate(labels)))
    print(f"{'gold / pred':>32} " + "".join(f"{i:>4}" for i in range(len(labels))) + "   n")
    for label in labels:
        counts = [cells.get((label, other), 0) for other in labels]
        row = "".join(f"{c:>4}" if c else "   ." for c in counts)
        print(f"{label:>32} {row} {sum(counts):>3}")


def print_per_label(gold: Sequence[str], predicted: Sequence[str]) -> None:
    """One line per label, worst F1 first, with the label it is most often mistaken for."""
    cells = confusion(gold, predicted)
    print(f"{'label':>32} {'prec':>6} {'rec':>6} {'f1':>6} {'supp':>5} {'pred':>5}  most confused with")
    guessed = Counter(predicted)
    scores = label_scores(gold, predicted)
    for label, s in sorted(scores.items(), key=lambda item: (item[1].f1, item[0])):
        wrong = [(n, p) for (g, p), n in cells.items() if g == label and p != label]
        top = max(wrong, default=None)
        hint = f"{top[1]} ({top[0]})" if top else "-"
        line = f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.support:>5} {guessed[label]:>5}"
        print(f"{label:>32} {line}  {hint}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    try:
        rows = read_case_tsv(Path(argv[0]))
    except EvalError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    predicted = predict_rows(rows)
    elapsed = time.perf_counter() - started
    gold = [row.gold for row in rows]
    print_confusion(gold, predicted)
    print()
    print_per_label(gold, predicted)
    print()
    for name, labels in SUBTASK_LABELS.items():
        print(name, subtask_scores(gold, predicted, labels))
    print(f"{len(rows)} snippets in {elapsed:.2f} s ({len(rows) / elapsed:.0f} snippets/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
