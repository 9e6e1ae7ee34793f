"""TF-IDF features of a text as scikit-learn's TfidfVectorizer computes them, with numpy alone:
word n-grams of ``\\b\\w\\w+\\b`` tokens and character n-grams inside space-padded words, sublinear
term frequencies times idf, L2-normalised. Used by the snippet classifier (``classify/linear.py``)
and the site-furniture classifier (``ingest/boilerplate.py``), so that neither needs
scikit-learn at run time."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
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
