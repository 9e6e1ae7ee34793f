"""Train the furniture line classifier (ingest/boilerplate.py) and choose it by cross-validation.

    python -m eventwatch.ingest.boilerplate_train            # cross-validate, fit, write model.json
    python -m eventwatch.ingest.boilerplate_train --cv-only  # print the cross-validation only

Examples: furniture lines from ``ingest/furniture/boilerplate.txt``; news prose from
``ingest/furniture/prose.txt`` and the event classifier's examples (``classify/examples``), all
written by the project. Folds split the examples: a held-out line is never seen in training.
Each setting (C) is scored by the furniture recall it reaches at the body threshold (the highest
held-out score of a sentence of news prose plus a margin, so that no held-out sentence would
have been removed) plus the recall at the end threshold. The tail threshold (for short lines
after an article's last paragraph of prose) is the one with the best F1 between furniture and
short prose lines, held out; the end threshold (for a long line that, with the lines after it,
ends the article) is the highest held-out score of a long line of prose plus the margin. The
best setting is fitted on all examples.
Needs scikit-learn (a training-time dependency; scoring needs numpy only).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventwatch.ingest.boilerplate import END_STOP, MODEL_FILE, FurnitureModel, is_prose, preprocess, shape_features
from eventwatch.ngrams import Block

FOLDS = 5
SEED = 14
HEADING_WORDS = 5  # a line this short without a final stop is a heading, which may go with the furniture
MARGIN = 0.02  # added to the highest held-out prose score when the threshold is chosen
CAP = 0.99  # the body threshold never goes above this
# A first round (C 0.3-10, with and without character n-grams) found character n-grams better at
# every C and recall rising with C; this round searches higher C with them.
SETTINGS = [{"C": c, "char": True} for c in (1.0, 3.0, 10.0, 30.0)]


def _lines(path: Any) -> list[str]:
    return [ln.strip() for ln in path.read_text().splitlines() if ln.strip() and not ln.startswith("#")]


def load_examples() -> tuple[list[str], list[str], list[str]]:
    """(furniture lines, near-furniture prose, event-classifier prose)."""
    root = resources.files("eventwatch")
    furniture = _lines(root.joinpath("ingest/furniture/boilerplate.txt"))
    near = _lines(root.joinpath("ingest/furniture/prose.txt"))
    examples = root.joinpath("classify/examples")
    news = [ln for f in sorted(examples.iterdir(), key=lambda p: p.name) if f.name.endswith(".txt") for ln in _lines(f)]
    for path in sorted(examples.joinpath("nonevents").iterdir(), key=lambda p: p.name):
        news += _outside_furniture_sections(path.read_text())
    return furniture, near, news


def _outside_furniture_sections(text: str) -> list[str]:
    """Lines of a non-event examples file, without its sections about boilerplate (they hold
    lines such as "Sign up for our daily newsletter", which are furniture, not prose)."""
    kept, skipping = [], False
    for line in (ln.strip() for ln in text.splitlines()):
        if line.startswith("#"):
            skipping = "boilerplate" in line.casefold()
        elif line and not skipping:
            kept.append(line)
    return kept


def examples_digest() -> str:
    furniture, near, news = load_examples()
    return hashlib.sha256("\n".join([*furniture, "--", *near, "--", *news]).encode()).hexdigest()[:16]


def is_sentence(line: str) -> bool:
    """Prose that must never be removed: a sentence, not a short heading ("Background")."""
    return len(line.split()) > HEADING_WORDS or bool(END_STOP.search(line))


def _split(items: list[str], folds: int, rng: random.Random) -> list[list[str]]:
    shuffled = items[:]
    rng.shuffle(shuffled)
    return [shuffled[i::folds] for i in range(folds)]


def _design(furniture: list[str], near: list[str], news: list[str]) -> tuple[list[str], Any, Any]:
    texts = [*furniture, *near, *news]
    labels = np.asarray([1] * len(furniture) + [0] * (len(near) + len(news)))
    return texts, shape_features(texts), labels


@dataclass
class Fitted:
    vectorizers: list[Any]
    clf: Any

    def scores(self, texts: list[str], shapes: Any) -> Any:
        from scipy.sparse import csr_matrix, hstack

        x = hstack([v.transform(texts) for v in self.vectorizers] + [csr_matrix(shapes)]).tocsr()
        return self.clf.predict_proba(x)[:, 1]


def fit(texts: list[str], shapes: Any, labels: Any, setting: dict[str, Any]) -> Fitted:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    common = {"preprocessor": preprocess, "sublinear_tf": True, "min_df": 2, "dtype": np.float64}
    vectorizers = [TfidfVectorizer(analyzer="word", ngram_range=(1, 2), max_features=3000, **common)]
    if setting["char"]:
        vectorizers.append(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), max_features=4000, **common))
    x = hstack([v.fit_transform(texts) for v in vectorizers] + [csr_matrix(shapes)]).tocsr()
    clf = LogisticRegression(C=setting["C"], class_weight="balanced", max_iter=2000)
    clf.fit(x, labels)
    return Fitted(vectorizers, clf)


def cross_validate(setting: dict[str, Any], examples: tuple[list[str], list[str], list[str]]) -> dict[str, Any]:
    """Held-out scores over the folds -> the body threshold (no held-out sentence of prose
    removed), the tail threshold (best F1 between furniture and short prose lines) and recalls."""
    rng = random.Random(SEED)
    parts = [_split(items, FOLDS, rng) for items in examples]
    scores, labels, texts = [], [], []
    for k in range(FOLDS):
        train = [[x for j in range(FOLDS) if j != k for x in part[j]] for part in parts]
        test = _design(*(part[k] for part in parts))
        scores += fit(*_design(*train), setting).scores(test[0], test[1]).tolist()
        labels += test[2].tolist()
        texts += test[0]
    y, p = np.asarray(labels), np.asarray(scores)
    sentence = np.asarray([is_sentence(t) for t in texts])
    threshold = min(CAP, float(p[(y == 0) & sentence].max()) + MARGIN)
    long = np.asarray([is_prose(t) for t in texts])
    end = min(CAP, float(p[(y == 0) & long].max()) + MARGIN)
    short = (y == 1) | ~long
    tail = max(np.arange(0.3, 0.96, 0.05), key=lambda t: _f1(y[short], p[short] >= t))
    worst = sorted(zip(p[y == 0], np.asarray(texts)[y == 0], strict=True), reverse=True)[:8]
    return {
        "threshold": round(threshold, 4),
        "tail_threshold": round(float(tail), 4),
        "end_threshold": round(max(end, float(tail)), 4),
        "recall": round(float(np.mean(p[y == 1] >= threshold)), 4),
        "tail_recall": round(float(np.mean(p[y == 1] >= tail)), 4),
        "end_recall": round(float(np.mean(p[y == 1] >= max(end, float(tail)))), 4),
        "prose_removed_in_tail": int(np.sum(p[(y == 0) & short] >= tail)),
        "highest_prose": [(round(float(v), 3), t[:60]) for v, t in worst],
    }


def _f1(truth: Any, predicted: Any) -> float:
    tp = float(np.sum(truth & predicted))
    return 2 * tp / max(float(np.sum(truth) + np.sum(predicted)), 1.0)


def compile_model(fitted: Fitted, threshold: float, tail_threshold: float, end_threshold: float) -> FurnitureModel:
    blocks = tuple(
        Block(
            v.analyzer,
            tuple(v.ngram_range),
            {str(t): int(i) for t, i in v.vocabulary_.items()},
            np.asarray(v.idf_, dtype=np.float64),
        )
        for v in fitted.vectorizers
    )
    coef = np.asarray(fitted.clf.coef_[0], dtype=np.float64)
    width = sum(len(b.vocabulary) for b in blocks)
    return FurnitureModel(
        blocks, coef[:width], coef[width:], float(fitted.clf.intercept_[0]), threshold, tail_threshold, end_threshold
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-only", action="store_true")
    args = parser.parse_args(argv)
    examples = load_examples()
    results = [(setting, cross_validate(setting, examples)) for setting in SETTINGS]
    for setting, result in results:
        print(json.dumps(setting), json.dumps(result))
    setting, best = max(results, key=lambda r: (r[1]["recall"] + r[1]["end_recall"], -r[1]["threshold"]))
    print("chosen", json.dumps(setting))
    if args.cv_only:
        return
    fitted = fit(*_design(*examples), setting)
    model = compile_model(fitted, best["threshold"], best["tail_threshold"], best["end_threshold"])
    data = {"setting": setting, "cross_validation": best, "examples": examples_digest()} | model.to_json()
    path = Path(str(resources.files("eventwatch").joinpath(MODEL_FILE)))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
