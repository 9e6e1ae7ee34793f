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

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

Matrix = np.ndarray[Any, np.dtype[np.float64]]

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
_WHITE_SPACES = re.compile(r"\s\s+")


def strip_accents(text: str) -> str:
    """Accents removed by Unicode decomposition (as scikit-learn's strip_accents="unicode")."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def word_ngrams(text: str, low: int, high: int) -> list[str]:
    tokens = _TOKEN.findall(text)
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) <= n:  # a short word counts once, whole
                grams.append(padded)
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


@dataclass(frozen=True)
class Block:
    """One TF-IDF vectorizer: how it reads a text, its vocabulary and idf weights."""

    analyzer: str  # "word" | "char_wb"
    ngrams: tuple[int, int]
    vocabulary: dict[str, int]
    idf: Matrix

    def grams(self, text: str) -> list[str]:
        read = word_ngrams if self.analyzer == "word" else char_wb_ngrams
        return read(text, *self.ngrams)

    def features(self, text: str) -> tuple[list[int], Matrix]:
        """Column indices and L2-normalised sublinear tf-idf values of one text."""
        counts = Counter(i for i in map(self.vocabulary.get, self.grams(text)) if i is not None)
        columns = sorted(counts)
        values = np.array([(1.0 + math.log(counts[c])) * self.idf[c] for c in columns], dtype=np.float64)
        norm = float(np.sqrt(values @ values)) if columns else 0.0
        return columns, values / norm if norm > 0 else values


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
