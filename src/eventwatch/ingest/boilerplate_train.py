"""Train the furniture line classifier (ingest/boilerplate.py) and choose it by cross-validation.

    python -m eventwatch.ingest.boilerplate_train            # cross-validate, fit, write model.json
    python -m eventwatch.ingest.boilerplate_train --cv-only  # print the cross-validation only

Examples: furniture lines from ``ingest/furniture/boilerplate.txt``; news prose from
``ingest/furniture/prose.txt`` and the event classifier's examples (``classify/examples``), all
written by the project. Lines are placed in made-up articles (prose paragraphs, furniture mostly
at the end, some at the start or between paragraphs) so that the place features learn from
realistic positions. Folds split the examples, never the articles: a held-out line is never
seen in training. Each setting (C, blocks) is scored by the furniture recall it reaches at the
lowest threshold that removes no held-out prose line; the best setting is fitted on all examples.
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

from eventwatch.ingest.boilerplate import END_STOP, MODEL_FILE, FurnitureModel, preprocess, shape_features
from eventwatch.ngrams import Block

FOLDS = 5
SEED = 14
ARTICLES_PER_FOLD = 400
HEADING_WORDS = 5  # a line this short without a final stop is a heading, which may go with the furniture
MARGIN = 0.02  # added to the highest held-out prose score when the threshold is chosen
LEAD = "A paragraph of news prose stands before the sentence scored as the end of an article."
# A first round (C 0.3-10, with and without character n-grams) found character n-grams better at
# every C and recall rising with C; this round searches higher C with them.
SETTINGS = [{"C": c, "char": True} for c in (3.0, 10.0, 30.0)]


def _lines(path: Any) -> list[str]:
    return [ln.strip() for ln in path.read_text().splitlines() if ln.strip() and not ln.startswith("#")]


def load_examples() -> tuple[list[str], list[str], list[str]]:
    """(furniture lines, near-furniture prose, event-classifier prose)."""
    root = resources.files("eventwatch")
    furniture = _lines(root.joinpath("ingest/furniture/boilerplate.txt"))
    near = _lines(root.joinpath("ingest/furniture/prose.txt"))
    examples = root.joinpath("classify/examples")
    news = [ln for f in sorted(examples.iterdir(), key=lambda p: p.name) if f.name.endswith(".txt") for ln in _lines(f)]
    news += [ln for f in sorted(examples.joinpath("nonevents").iterdir(), key=lambda p: p.name) for ln in _lines(f)]
    return furniture, near, news


def examples_digest() -> str:
    furniture, near, news = load_examples()
    return hashlib.sha256("\n".join([*furniture, "--", *near, "--", *news]).encode()).hexdigest()[:16]


def make_articles(
    furniture: list[str], near: list[str], news: list[str], count: int, rng: random.Random
) -> list[tuple[list[str], list[int]]]:
    """Made-up articles: (lines, labels 1 = furniture)."""
    articles = []
    for _ in range(count):
        paragraphs = [" ".join(rng.sample(news, rng.choice((1, 1, 2, 3)))) for _ in range(rng.randint(2, 7))]
        body = [(p, 0) for p in paragraphs]
        for line in rng.sample(near, rng.randint(1, 3)):
            body.insert(rng.randint(0, len(body)), (line, 0))
        tail = [(line, 1) for line in rng.sample(furniture, rng.randint(1, 6))] if rng.random() < 0.8 else []
        head = [(line, 1) for line in rng.sample(furniture, rng.randint(1, 3))] if rng.random() < 0.3 else []
        if rng.random() < 0.25:
            body.insert(rng.randint(1, len(body)), (rng.choice(furniture), 1))
        lines = head + body + tail
        articles.append(([t for t, _ in lines], [y for _, y in lines]))
    return articles


def is_sentence(line: str) -> bool:
    """Prose that must never be removed: a sentence, not a short heading ("Background")."""
    return len(line.split()) > HEADING_WORDS or bool(END_STOP.search(line))


def _split(items: list[str], folds: int, rng: random.Random) -> list[list[str]]:
    shuffled = items[:]
    rng.shuffle(shuffled)
    return [shuffled[i::folds] for i in range(folds)]


def _design(articles: list[tuple[list[str], list[int]]]) -> tuple[list[str], Any, Any]:
    texts = [t for lines, _ in articles for t in lines]
    shapes = np.vstack([shape_features(lines) for lines, _ in articles])
    labels = np.asarray([y for _, ys in articles for y in ys])
    return texts, shapes, labels


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


def cross_validate(setting: dict[str, Any], examples: tuple[list[str], list[str], list[str]]) -> dict[str, float]:
    rng = random.Random(SEED)
    parts = [_split(items, FOLDS, rng) for items in examples]
    prose_scores, furniture_scores, sentence_scores = [], [], []
    for k in range(FOLDS):
        train = [[x for j in range(FOLDS) if j != k for x in part[j]] for part in parts]
        test = [part[k] for part in parts]
        model = fit(*_design(make_articles(*train, ARTICLES_PER_FOLD, rng)), setting)
        texts, shapes, labels = _design(make_articles(*test, ARTICLES_PER_FOLD // 4, rng))
        scores = model.scores(texts, shapes)
        sentences = np.asarray([is_sentence(t) for t in texts])
        prose_scores += scores[(labels == 0) & sentences].tolist()
        furniture_scores += scores[labels == 1].tolist()
        # news sentences at the very end of an article, as the trailing-sentence check sees them
        ends = [s for s in test[1] + test[2]]
        sentence_scores += model.scores(
            ends, np.vstack([shape_features(["x " * 20 + ".", s])[-1:] for s in ends])
        ).tolist()
    threshold = min(0.99, max(prose_scores) + MARGIN)
    return {
        "threshold": threshold,
        "sentence_threshold": min(0.995, max(max(sentence_scores) + MARGIN, threshold)),
        "recall": float(np.mean(np.asarray(furniture_scores) >= threshold)),
        "recall_at_0.5": float(np.mean(np.asarray(furniture_scores) >= 0.5)),
        "prose_removed_at_0.5": float(np.mean(np.asarray(prose_scores) >= 0.5)),
    }


def compile_model(fitted: Fitted, threshold: float, sentence_threshold: float) -> FurnitureModel:
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
        blocks, coef[:width], coef[width:], float(fitted.clf.intercept_[0]), threshold, sentence_threshold
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-only", action="store_true")
    args = parser.parse_args(argv)
    examples = load_examples()
    results = [(setting, cross_validate(setting, examples)) for setting in SETTINGS]
    for setting, result in results:
        print(json.dumps(setting), json.dumps({k: round(v, 4) for k, v in result.items()}))
    setting, best = max(results, key=lambda r: (r[1]["recall"], -r[1]["threshold"]))
    print("chosen", json.dumps(setting))
    if args.cv_only:
        return
    fitted = fit(*_design(make_articles(*examples, ARTICLES_PER_FOLD * 2, random.Random(SEED))), setting)
    model = compile_model(fitted, round(best["threshold"], 4), round(best["sentence_threshold"], 4))
    data = {"setting": setting, "cross_validation": best, "examples": examples_digest()} | model.to_json()
    path = Path(str(resources.files("eventwatch").joinpath(MODEL_FILE)))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
