"""Site furniture in article text, found by a small learned line classifier.

trafilatura removes a page's furniture by the shape of its HTML (link density, tags); plain
text, JSONL and feed bodies have no HTML, and trafilatura returns nothing for them. Here each
line is scored by a logistic regression over three kinds of features:

- word 1-2-grams and character 2-4-grams of the line (TF-IDF, as ``classify/linear.py`` reads them);
- the line's shape: length, final punctuation, ©, a year, a URL, an e-mail address, a handle,
  link-list separators, a short label before a colon, an all-caps first word, title case,
  a call to action or a platform name, the reader addressed ("you"), a verb of saying;

The weights are trained (``python -m eventwatch.ingest.boilerplate_train``) on examples the
project wrote (``ingest/furniture/*.txt``, README there) and on the classifier's news examples;
the thresholds are chosen by cross-validation so that no held-out sentence of news prose is
removed. A line's place is used by ``clean.strip_boilerplate``, not by the model: the tail of
an article (after its last paragraph of prose) is read with a lower threshold
(``tail_threshold``) than the body. Vocabulary of the shape features: ``lexicon/en/furniture.toml``.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from eventwatch.ngrams import Block, Matrix, strip_accents

MODEL_FILE = "ingest/furniture/model.json"
PROSE_MIN_WORDS = 12  # a line this long is judged as a paragraph (end threshold), not a heading
_WORD = re.compile(r"[\w'’@.-]+", re.UNICODE)
END_STOP = re.compile(r"[.!?…][\"'”’)\]]*$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_COPY = re.compile(r"©|\(c\)|\bcopyright\b", re.I)
_URL = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|ua|ru|uk|example|info|io)\b", re.I)
_EMAIL = re.compile(r"(?<![\w.+-])[.+-]*\w[\w.+-]*@[\w-]+\.[\w.]+\b")  # read from the run's start: linear
_HANDLE = re.compile(r"(?:^|\s)@\w{2,}")
_LABEL = re.compile(r"^[^\W\d][\w'’ -]{0,24}:(?:\s|$)", re.UNICODE)
SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)]))\s+(?=[\"“(]?[^\W\d_a-z])", re.UNICODE)
FEATURES = (
    "words", "short", "final_stop", "no_final_stop", "copyright", "year", "url", "email", "handle",
    "separators", "label", "caps_word", "title_case", "call_to_action", "second_person", "platform",
    "speech", "digits", "sentences", "quote", "self_reference",
)  # fmt: skip


@dataclass(frozen=True)
class Cues:
    calls: frozenset[str]
    second: frozenset[str]
    platforms: frozenset[str]
    separators: frozenset[str]
    speech: frozenset[str]
    self_reference: re.Pattern[str]
    line_starts: re.Pattern[str]  # known furniture lines (clean.is_boilerplate)
    notice_starts: re.Pattern[str]
    notice_anywhere: re.Pattern[str]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    root = resources.files("eventwatch")
    data = tomllib.loads(root.joinpath("lexicon/en/furniture.toml").read_text())
    places = tomllib.loads(root.joinpath("lexicon/en/places.toml").read_text())
    return Cues(
        frozenset(data["calls_to_action"]),
        frozenset(data["second_person"]),
        frozenset(data["platforms"]),
        frozenset(data["separators"]),
        frozenset(places["speech"]),
        re.compile("|".join(data["self_reference"]), re.I),
        _starts(data["line_starts"]),
        _starts(data["notice_starts"]),
        re.compile("|".join(data["notice_anywhere"]), re.I),
    )


def _starts(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"^\W*(?:" + "|".join(patterns) + ")", re.I)


def is_prose(line: str) -> bool:
    """A long line, read as a paragraph of prose unless it scores as furniture at the end
    threshold (with or without a final stop: "... an electric car. - Outlet.com")."""
    return len(line.split()) >= PROSE_MIN_WORDS


def _shape(line: str, cues: Cues) -> list[float]:
    words = _WORD.findall(line)
    lowered = [w.casefold().strip(".-") for w in words]
    alpha = [w for w in words if w[:1].isalpha()]
    first = lowered[0] if lowered else ""
    return [
        min(len(words), 60) / 60,
        float(len(words) <= 4),
        float(bool(END_STOP.search(line))),
        float(not END_STOP.search(line) and not line.endswith((",", ";", ":"))),
        float(bool(_COPY.search(line))),
        float(bool(_YEAR.search(line))),
        float(bool(_URL.search(line))),
        float(bool(_EMAIL.search(line))),
        float(bool(_HANDLE.search(line))),
        min(sum(line.count(s) for s in cues.separators), 4) / 4,
        float(bool(_LABEL.match(line))),
        float(bool(words) and len(words[0]) >= 3 and words[0].isupper()),
        sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0,
        float(first in cues.calls),
        float(any(w in cues.second for w in lowered)),
        float(any(w in cues.platforms for w in lowered)),
        float(any(w in cues.speech for w in lowered)),
        sum(c.isdigit() for c in line) / max(len(line), 1),
        min(len(SENTENCE_BREAK.split(line)), 4) / 4,
        float(any(q in line for q in '"“”')),
        float(bool(cues.self_reference.search(line))),
    ]


def shape_features(lines: Sequence[str], cues: Cues | None = None) -> Matrix:
    """One row of shape features per line."""
    cues = cues or load_cues()
    rows = [_shape(line, cues) for line in lines]
    return np.asarray(rows, dtype=np.float64).reshape(len(lines), len(FEATURES))


def preprocess(text: str) -> str:
    return strip_accents(text.lower())


@dataclass(frozen=True)
class FurnitureModel:
    """The trained line classifier as plain arrays; ``probabilities`` needs numpy only."""

    blocks: tuple[Block, ...]
    text_weights: Matrix
    shape_weights: Matrix
    intercept: float
    threshold: float  # a line at or above is furniture (chosen by cross-validation)
    tail_threshold: float  # the same for a line after the article's last paragraph of prose
    end_threshold: float  # a long line at or above, followed only by the tail, is part of the tail

    def probabilities(self, lines: Sequence[str], shapes: Matrix) -> Matrix:
        out = shapes @ self.shape_weights + self.intercept
        for row, line in enumerate(lines):
            seen, offset = preprocess(line), 0
            for block in self.blocks:
                columns, values = block.features(seen)
                if columns:
                    out[row] += values @ self.text_weights[np.asarray(columns) + offset]
                offset += len(block.vocabulary)
        result: Matrix = 1.0 / (1.0 + np.exp(-out))
        return result

    def to_json(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "tail_threshold": self.tail_threshold,
            "end_threshold": self.end_threshold,
            "intercept": self.intercept,
            "shape_weights": dict(zip(FEATURES, self.shape_weights.tolist(), strict=True)),
            "blocks": [
                {
                    "analyzer": b.analyzer,
                    "ngrams": list(b.ngrams),
                    "terms": sorted(b.vocabulary, key=b.vocabulary.__getitem__),
                    "idf": [round(float(v), 6) for v in b.idf],
                }
                for b in self.blocks
            ],
            "text_weights": [round(float(v), 6) for v in self.text_weights],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FurnitureModel:
        blocks = tuple(
            Block(
                b["analyzer"],
                (int(b["ngrams"][0]), int(b["ngrams"][1])),
                {t: i for i, t in enumerate(b["terms"])},
                np.asarray(b["idf"], dtype=np.float64),
            )
            for b in data["blocks"]
        )
        shape = np.asarray([data["shape_weights"][name] for name in FEATURES], dtype=np.float64)
        return cls(
            blocks,
            np.asarray(data["text_weights"], dtype=np.float64),
            shape,
            float(data["intercept"]),
            float(data["threshold"]),
            float(data["tail_threshold"]),
            float(data["end_threshold"]),
        )


@lru_cache(maxsize=1)
def load_model() -> FurnitureModel:
    text = resources.files("eventwatch").joinpath(MODEL_FILE).read_text()
    return FurnitureModel.from_json(json.loads(text))


def furniture_scores(lines: Sequence[str], model: FurnitureModel | None = None) -> list[float]:
    """The classifier's probability that each line is site furniture."""
    model = model or load_model()
    return model.probabilities(lines, shape_features(lines)).tolist() if lines else []


def trailing_furniture(paragraph: str, model: FurnitureModel | None = None, longest: int = 4) -> str:
    """A paragraph without the sentences of furniture appended to it ("… the mayor said.
    Follow us on Telegram."); its first sentence always stays. The run of the last one to
    ``longest`` sentences is cut where it scores as furniture as a whole and its first sentence
    scores at least the tail threshold alone (so that no sentence of prose goes with it)."""
    model = model or load_model()
    starts = [m for m in SENTENCE_BREAK.finditer(paragraph)][-longest:]
    for cut in starts:  # the longest run first
        run, first = paragraph[cut.end() :], SENTENCE_BREAK.split(paragraph[cut.end() :], maxsplit=1)[0]
        run_score, first_score = furniture_scores([run, first], model)
        if run_score >= model.threshold and first_score >= model.tail_threshold:
            return paragraph[: cut.start()]
    return paragraph
