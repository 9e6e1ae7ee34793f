"""A linear text classifier trained from the project's own examples (scikit-learn).

Features: TF-IDF over word 1-2-grams and over character 2-5-grams (within word bounds), read
from a normalised text (``normalise``: dates and bracketed places and tags are dropped, so the
model learns event words rather than the dates and admin areas of our examples); classifier:
a linear SVM (liblinear, one-vs-rest). Scores are a softmax over the SVM's decision values, so
they sum to 1 over the labels. Hyperparameters were chosen by k-fold
cross-validation on our examples (``tools/classifier_cv.py --grid``), never on CASE data.
Training is deterministic (examples in a fixed order, fixed seed) and takes about a second.
The fitted pipeline is kept as plain arrays (``linear.LinearModel``), so scoring texts needs
numpy only: scikit-learn is imported for training alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from eventwatch.classify.examples import Example
from eventwatch.classify.linear import LinearModel, Matrix, compile_pipeline, strip_accents


@dataclass(frozen=True)
class Params:
    c: float = 0.5  # inverse regularisation strength of the SVM
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    min_df: int = 2
    temperature: float = 0.2  # softmax temperature over decision values (scores only, not the label)
    normalise: bool = True  # read the text through ``normalise``


DEFAULT = Params()
# Part of the cached model's key (cache.model_key): bump it whenever ``normalise`` changes, or a
# model fitted on the old text view would be loaded and fed the new one.
TEXT_VIEW_VERSION = 1

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = re.compile(rf"\b(?:[Oo]n )?\d{{1,2}} {_MONTH}(?: \d{{4}})?,?|\b{_MONTH} \d{{1,2}},? \d{{4}}|\b(?:19|20)\d\d\b")
_BRACKETS = re.compile(r"\([^()]{0,80}\)|\[[^\[\]]{0,40}\]")


def normalise(text: str) -> str:
    """Lower-cased, accent-free text without dates or bracketed parts ("(Kisumu, Kenya)",
    "[size=...]"). Names stay: replacing capitalised names by a token scored higher in
    cross-validation on our examples (0.9355 vs 0.9300) but lower on CASE dev (0.7402 vs 0.7604),
    real group and place names carrying signal our invented towns do not."""
    text = " ".join(_BRACKETS.sub(" ", _DATE.sub(" ", text)).split())
    return strip_accents(text.lower())


def plain(text: str) -> str:
    """The text view without ``normalise``: lower-cased, accent-free."""
    return strip_accents(text.lower())


def build_pipeline(params: Params = DEFAULT) -> Any:
    """The scikit-learn pipeline (imported here: training and cross-validation only)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.svm import LinearSVC

    preprocessor = preprocess_of(params)
    word = TfidfVectorizer(
        ngram_range=params.word_ngrams, sublinear_tf=True, min_df=params.min_df, preprocessor=preprocessor
    )
    char = TfidfVectorizer(
        analyzer="char_wb", ngram_range=params.char_ngrams, sublinear_tf=True, min_df=params.min_df,
        preprocessor=preprocessor,
    )  # fmt: skip
    features = FeatureUnion([("word", word), ("char", char)])
    return Pipeline([("features", features), ("clf", LinearSVC(C=params.c, random_state=0))])


def train(examples: list[Example], params: Params = DEFAULT) -> LinearModel:
    pipeline = build_pipeline(params)
    pipeline.fit([e.text for e in examples], [e.label for e in examples])
    return compile_pipeline(pipeline, preprocess_of(params))


def preprocess_of(params: Params) -> Callable[[str], str]:
    return normalise if params.normalise else plain


def softmax(values: Matrix, temperature: float) -> Matrix:
    scaled = values / temperature
    scaled -= scaled.max(axis=1, keepdims=True)
    exp = np.exp(scaled)
    result: Matrix = exp / exp.sum(axis=1, keepdims=True)
    return result


def label_scores(model: LinearModel, texts: list[str], params: Params = DEFAULT) -> tuple[list[str], Matrix]:
    """The label order and, per text, a score per label (softmax of the decision values)."""
    return list(model.labels), softmax(model.decision(texts), params.temperature)
