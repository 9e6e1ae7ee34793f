"""The trained classifier as plain arrays, scored with numpy alone.

Training uses scikit-learn (``model.train``); reading texts at run time does not: importing
scikit-learn costs about 1.2 s, which every ingest process would pay on its first incident
(``eventwatch ingest`` on one file must start in under 3 s). ``compile_pipeline`` copies
what the fitted pipeline needs to score a text -- each TF-IDF vocabulary with its idf
weights, the SVM's coefficients and intercepts -- and ``LinearModel.decision`` recomputes
the pipeline's decision values from them: the same analyzers (word 1-2-grams of
``\\b\\w\\w+\\b`` tokens; character 2-5-grams inside space-padded words), sublinear term
frequencies times idf, each block L2-normalised, then a dot product. A test checks the
values against scikit-learn's own on every example.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eventwatch.ngrams import Block, Matrix, strip_accents

__all__ = ["Block", "LinearModel", "Matrix", "compile_pipeline", "load_model", "save_model", "strip_accents"]


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    blocks: tuple[Block, ...]
    weights: Matrix  # (features of every block in order, labels)
    intercept: Matrix  # (labels,)
    preprocess: Callable[[str], str]

    def decision(self, texts: Sequence[str]) -> Matrix:
        """The SVM's decision values, one row per text and one column per label."""
        out = np.tile(self.intercept, (len(texts), 1))
        for row, text in enumerate(texts):
            seen = self.preprocess(text)
            offset = 0
            for block in self.blocks:
                columns, values = block.features(seen)
                if columns:
                    out[row] += values @ self.weights[np.asarray(columns) + offset]
                offset += len(block.vocabulary)
        return out


def compile_pipeline(pipeline: Any, preprocess: Callable[[str], str]) -> LinearModel:
    """The arrays of a fitted FeatureUnion(word, char_wb) -> LinearSVC pipeline."""
    union, svm = pipeline.named_steps["features"], pipeline.named_steps["clf"]
    blocks = []
    for _, vectorizer in union.transformer_list:
        vocabulary = {str(term): int(i) for term, i in vectorizer.vocabulary_.items()}
        idf = np.asarray(vectorizer.idf_, dtype=np.float64)
        blocks.append(Block(vectorizer.analyzer, tuple(vectorizer.ngram_range), vocabulary, idf))
    weights = np.ascontiguousarray(np.asarray(svm.coef_, dtype=np.float64).T)
    labels = tuple(str(label) for label in svm.classes_)
    return LinearModel(labels, tuple(blocks), weights, np.asarray(svm.intercept_, dtype=np.float64), preprocess)


def save_model(model: LinearModel, path: Path) -> None:
    arrays: dict[str, Any] = {"labels": np.array(model.labels), "weights": model.weights, "intercept": model.intercept}
    for i, block in enumerate(model.blocks):
        terms = sorted(block.vocabulary, key=block.vocabulary.__getitem__)
        arrays |= {f"terms{i}": np.array(terms), f"idf{i}": block.idf}
        arrays |= {f"meta{i}": np.array([block.analyzer, str(block.ngrams[0]), str(block.ngrams[1])])}
    with path.open("wb") as handle:
        np.savez(handle, **arrays)


def load_model(path: Path, preprocess: Callable[[str], str]) -> LinearModel:
    with np.load(path, allow_pickle=False) as data:
        blocks = []
        for i in range(sum(1 for name in data.files if name.startswith("terms"))):
            analyzer, low, high = (str(v) for v in data[f"meta{i}"])
            terms = data[f"terms{i}"].tolist()
            vocabulary = dict(zip(terms, range(len(terms)), strict=True))
            blocks.append(Block(analyzer, (int(low), int(high)), vocabulary, data[f"idf{i}"]))
        labels = tuple(str(label) for label in data["labels"])
        return LinearModel(labels, tuple(blocks), data["weights"], data["intercept"], preprocess)
