"""A linear text classifier trained from the project's own examples (scikit-learn).

Features: TF-IDF over word 1-2-grams and over character 2-5-grams (within word bounds);
classifier: multinomial logistic regression. Hyperparameters were chosen by k-fold
cross-validation on our examples (``tools/classifier_cv.py``), never on CASE data.
Training is deterministic (liblinear/lbfgs with a fixed seed, examples in a fixed order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from eventwatch.classify.examples import Example


@dataclass(frozen=True)
class Params:
    c: float = 10.0  # inverse regularisation strength
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    min_df: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


DEFAULT = Params()


def build_pipeline(params: Params = DEFAULT) -> Pipeline:
    features = FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(
                    ngram_range=params.word_ngrams, sublinear_tf=True, min_df=params.min_df, strip_accents="unicode"
                ),
            ),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=params.char_ngrams, sublinear_tf=True, min_df=params.min_df
                ),
            ),
        ]
    )
    classifier = LogisticRegression(C=params.c, max_iter=3000, random_state=0)
    return Pipeline([("features", features), ("clf", classifier)])


def train(examples: list[Example], params: Params = DEFAULT) -> Pipeline:
    pipeline = build_pipeline(params)
    pipeline.fit([e.text for e in examples], [e.label for e in examples])
    return pipeline


def probabilities(pipeline: Pipeline, texts: list[str]) -> tuple[list[str], np.ndarray[Any, Any]]:
    """The label order and one row of class probabilities per text."""
    labels = [str(label) for label in pipeline.classes_]
    return labels, np.asarray(pipeline.predict_proba(texts))
