"""Two logistic regressions over sentence embeddings (``embed``), trained on our examples.

- detection: does a text report a specific incident ACLED codes? Positives are the examples
  of the 25 ACLED sub-types; negatives are the examples of the five CASE labels ACLED does
  not code (crime, disasters, diplomacy, attribution) and ``examples/nonevents/`` --
  figurative "attack"/"strike"/"shot", threats, plans, denials, background and trend
  sentences, boilerplate -- all written by the project (``examples/README.md``).
- typing: the 30 CASE labels, a probability each; fused with the TF-IDF SVM's scores in
  ``classify.classify_snippets``.

Inputs per text: the embedding and three lexicon features (a trigger stem occurs; a
confident, asserted rule guess; only flagged -- negated, hypothetical or generic -- guesses),
so the rules are features of the detector rather than its gate. Regularisation and the
features were chosen by cross-validation (``tools/classifier_cv.py --sentence``). Like the
SVM, the fitted models are kept as plain arrays (scored with numpy) and cached under a hash
of their inputs; scikit-learn is imported only to train.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import numpy as np

from eventwatch.classify.cache import cache_dir
from eventwatch.classify.embed import Embedder, Matrix
from eventwatch.classify.examples import NOT_EVENT, Example, examples_digest
from eventwatch.extract.event_type import CONFIDENT, classify_all, is_event_candidate
from eventwatch.extract.snippet import ACLED_CODES

DETECT_C = 4.0  # cross-validated on our examples (tools/classifier_cv.py --sentence)
TYPE_C = 4.0
FEATURES_VERSION = 1  # bump when ``rule_features`` changes (part of the cache key)


def rule_features(texts: Sequence[str]) -> Matrix:
    """Per text: a trigger stem occurs; a confident asserted guess; only flagged guesses."""
    rows = []
    for text in texts:
        stem = is_event_candidate(text)
        guesses = classify_all(text, 0.0) if stem else []
        asserted = [g for g in guesses if not g.negated_or_hypothetical and not g.generic]
        confident = any(g.score >= CONFIDENT for g in asserted)
        flagged = bool(guesses) and not asserted
        rows.append((float(stem), float(confident), float(flagged)))
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), 3)


def features(embedder: Embedder, texts: Sequence[str]) -> Matrix:
    result: Matrix = np.hstack([embedder(texts), rule_features(texts)])
    return result


@dataclass(frozen=True)
class SentenceModel:
    labels: tuple[str, ...]
    type_weights: Matrix  # (features, labels)
    type_intercept: Matrix  # (labels,)
    detect_weights: Matrix  # (features,)
    detect_intercept: float

    def event_probability(self, x: Matrix) -> Matrix:
        """P(the text reports an incident ACLED codes), one per row of features."""
        result: Matrix = 1.0 / (1.0 + np.exp(-(x @ self.detect_weights + self.detect_intercept)))
        return result

    def label_probabilities(self, x: Matrix) -> Matrix:
        """Per row: a probability per label (in ``labels`` order)."""
        logits = x @ self.type_weights + self.type_intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        result: Matrix = exp / exp.sum(axis=1, keepdims=True)
        return result


def is_event_label(label: str) -> bool:
    return label in ACLED_CODES


def train(x: Matrix, labels: Sequence[str], detect_c: float = DETECT_C, type_c: float = TYPE_C) -> SentenceModel:
    """``labels``: a CASE label per row, or ``NOT_EVENT`` for the non-event examples."""
    from sklearn.linear_model import LogisticRegression

    gold = np.array([is_event_label(label) for label in labels])
    detector = LogisticRegression(C=detect_c, max_iter=3000, class_weight="balanced").fit(x, gold)
    typed = np.array([label != NOT_EVENT for label in labels])
    typer = LogisticRegression(C=type_c, max_iter=3000).fit(x[typed], np.asarray(labels)[typed])
    return SentenceModel(
        labels=tuple(str(label) for label in typer.classes_),
        type_weights=np.ascontiguousarray(typer.coef_.T, dtype=np.float64),
        type_intercept=np.asarray(typer.intercept_, dtype=np.float64),
        detect_weights=np.asarray(detector.coef_[0], dtype=np.float64),
        detect_intercept=float(detector.intercept_[0]),
    )



def _key(examples: list[Example], embedder: Embedder) -> str:
    inputs = f"{examples_digest(examples)}|{embedder.name}|{DETECT_C}|{TYPE_C}|{FEATURES_VERSION}|"
    inputs += version("scikit-learn")
    return hashlib.sha256(inputs.encode()).hexdigest()[:16]


def model_path(examples: list[Example], embedder: Embedder) -> Path:
    return cache_dir() / f"sentence-{_key(examples, embedder)}.npz"


def save(model: SentenceModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    with partial.open("wb") as handle:
        np.savez(handle, labels=np.array(model.labels), type_weights=model.type_weights,
                 type_intercept=model.type_intercept, detect_weights=model.detect_weights,
                 detect_intercept=np.array([model.detect_intercept]))  # fmt: skip
    partial.replace(path)


def load(path: Path) -> SentenceModel | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            return SentenceModel(tuple(str(v) for v in data["labels"]), data["type_weights"],
                                 data["type_intercept"], data["detect_weights"], float(data["detect_intercept"][0]))
    except (OSError, ValueError, KeyError):
        return None


def load_or_train(examples: list[Example], embedder: Embedder) -> SentenceModel:
    """The cached model for these examples (``examples`` includes the NOT_EVENT ones)."""
    path = model_path(examples, embedder)
    model = load(path)
    if model is not None:
        return model
    model = train(features(embedder, [e.text for e in examples]), [e.label for e in examples])
    with contextlib.suppress(OSError):
        save(model, path)
    return model
